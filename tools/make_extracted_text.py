"""Write what other tools extract from the fixture PDFs, for the wrapped-text tests.

Users often hold not the clean text of a newsletter but what some tool pulled
out of its PDF. For every ``fixtures/pdf/<name>.pdf`` (not ``special/``) this
writes:

- ``fixtures/extracted/pdftotext/<name>.txt``: poppler's ``pdftotext`` with its
  default options (pages separated by form feeds);
- ``fixtures/extracted/pdfplumber/<name>.txt``: pdfplumber's
  ``page.extract_text()`` of every page, joined with form feeds.

Dev only: needs ``pdftotext`` (Debian package poppler-utils) and pdfplumber.
The outputs are committed, so the tests need neither tool.

    python tools/make_extracted_text.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PDFS = REPO / "fixtures" / "pdf"
OUT = REPO / "fixtures" / "extracted"


def pdftotext(pdf: Path) -> str:
    """``pdftotext FILE -`` with default options."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True)
    return done.stdout.decode("utf-8")


def pdfplumber_text(pdf: Path) -> str:
    """Every page's ``extract_text()``, joined with form feeds."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return "\f".join(page.extract_text() or "" for page in document.pages)


def main() -> int:
    if shutil.which("pdftotext") is None:
        print("pdftotext not found: apt-get install poppler-utils", file=sys.stderr)
        return 1
    for tool in ("pdftotext", "pdfplumber"):
        (OUT / tool).mkdir(parents=True, exist_ok=True)
    for pdf in sorted(PDFS.glob("*.pdf")):
        (OUT / "pdftotext" / f"{pdf.stem}.txt").write_text(pdftotext(pdf), encoding="utf-8")
        (OUT / "pdfplumber" / f"{pdf.stem}.txt").write_text(pdfplumber_text(pdf), encoding="utf-8")
        print(pdf.stem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
