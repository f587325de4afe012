"""Generate a ~500-page newsletter PDF for the memory and throughput benchmarks.

The sample's body is repeated until the laid-out PDF has about ``pages``
pages, and laid out by the same code that makes the fixture PDFs
(``tools/make_fixture_pdfs.py``: embedded CJK TrueType fonts, running
headers, page numbers, link annotations). Generated at benchmark time into a
temporary directory; nothing large is committed.

    python benchmarks/make_big_pdf.py OUT.pdf [PAGES]

Needs the ``dev`` extra (reportlab) and the CJK fonts named in
``tools/make_fixture_pdfs.py``.
"""

from __future__ import annotations

import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "fixtures" / "text" / "weekly-cyber-214-2021-03.txt"
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _build(text: str, out: Path) -> int:
    """Lay ``text`` out as a PDF at ``out``; returns its page count."""
    import make_fixture_pdfs as maker  # noqa: PLC0415 - needs reportlab; only here
    import pdfplumber  # noqa: PLC0415

    source = out.with_suffix(".txt")
    source.write_text(text, encoding="utf-8")
    maker.register_fonts()
    maker.build(source, out, maker.LAYOUTS[0])
    source.unlink()
    with pdfplumber.open(out) as pdf:
        return len(pdf.pages)


def make_big_pdf(out: Path, pages: int = 500) -> int:
    """Write a newsletter PDF of about ``pages`` pages to ``out``; returns the exact page count.

    Two small builds measure pages per repeated body, so the big build is done once.
    """
    from scaling import scaled_newsletter  # noqa: PLC0415 - the text-side scaler, shared

    with tempfile.TemporaryDirectory() as scratch:
        one = _build(scaled_newsletter(1), Path(scratch) / "one.pdf")
        eight = _build(scaled_newsletter(9), Path(scratch) / "nine.pdf")
    per_body = (eight - one) / 8
    factor = max(1, 1 + math.ceil((pages - one) / per_body))
    return _build(scaled_newsletter(factor), out)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    wanted = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    print(f"{target}: {make_big_pdf(target, wanted)} pages")
