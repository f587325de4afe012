"""Write what other tools extract from newsletters laid out in UNSEEN layouts.

``tools/make_extracted_text.py`` extracts the project's own fixture PDFs, the
ones the readers were developed against. The wrapped-text reader must also
cope with layouts it never saw, so this lays every text newsletter
(``fixtures/{text,heldout/text,final/text,blind/text}/*.txt``) out again with
the independent typesetter of the PDF tests (``tests/pdfgen_alt.py``: its own
line breaker, fonts, sizes, margins, spacing, headers and footers) in two
house styles from fixed seeds, and writes:

- ``fixtures/extracted-unseen/pdftotext/<set>-<name>-<layout>.txt``: poppler's
  ``pdftotext`` with its default options, for every layout;
- ``fixtures/extracted-unseen/pdfplumber/<set>-<name>-<layout>.txt``:
  pdfplumber's ``extract_text()`` of every page joined with form feeds, for
  the first layout of each newsletter.

``<layout>`` is ``s<seed>-<cjk font>``: ``pdfgen_alt.layout_for(seed, cjk)``
rebuilds the PDF. Only the text is committed (the PDFs go to a temporary
folder), so the tests need neither reportlab nor the tools.

Dev only: needs reportlab, pdfplumber, ``pdftotext`` (Debian poppler-utils)
and the CJK fonts of ``pdfgen_alt.FONT_FILES`` (fonts-wqy-zenhei,
fonts-wqy-microhei, fonts-arphic-uming).

    python tools/make_unseen_extracted.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "tools"))

import pdfgen_alt  # noqa: E402
from make_extracted_text import pdfplumber_text, pdftotext  # noqa: E402

FIXTURES = REPO / "fixtures"
OUT = FIXTURES / "extracted-unseen"
# Set name -> folder of its clean text newsletters.
SETS: dict[str, Path] = {
    "text": FIXTURES / "text",
    "heldout": FIXTURES / "heldout" / "text",
    "final": FIXTURES / "final" / "text",
    "blind": FIXTURES / "blind" / "text",
    "blind2": FIXTURES / "blind2" / "text",
}
LAYOUTS_PER_NEWSLETTER = 2
# Far from the seeds of tests/test_pdf_unseen_layouts.py, so these are new styles too.
SEED_BASE = 500_009


def layouts(index: int) -> list[tuple[int, str]]:
    """(seed, CJK font) of the layouts of the index-th newsletter; fonts rotate."""
    fonts = pdfgen_alt.CJK_FONTS
    return [(SEED_BASE + 7 * index + 1_013 * k, fonts[(index + 2 * k + 1) % len(fonts)]) for k in range(LAYOUTS_PER_NEWSLETTER)]


def main() -> int:
    if shutil.which("pdftotext") is None:
        print("pdftotext not found: apt-get install poppler-utils", file=sys.stderr)
        return 1
    for tool in ("pdftotext", "pdfplumber"):
        folder = OUT / tool
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    index = 0
    with tempfile.TemporaryDirectory() as tmp:
        for set_name, folder in SETS.items():
            for txt in sorted(folder.glob("*.txt")):
                text = txt.read_text(encoding="utf-8")
                for k, (seed, cjk) in enumerate(layouts(index)):
                    missing = pdfgen_alt.missing_fonts(cjk)
                    if missing:
                        print(f"font not installed: {', '.join(missing)}", file=sys.stderr)
                        return 1
                    stem = f"{set_name}-{txt.stem}-s{seed}-{cjk}"
                    pdf = Path(tmp) / f"{stem}.pdf"
                    pdfgen_alt.render(text, pdf, pdfgen_alt.layout_for(seed, cjk))
                    (OUT / "pdftotext" / f"{stem}.txt").write_text(pdftotext(pdf), encoding="utf-8")
                    if k == 0:
                        (OUT / "pdfplumber" / f"{stem}.txt").write_text(pdfplumber_text(pdf), encoding="utf-8")
                    print(stem, pdfgen_alt.layout_for(seed, cjk).describe())
                index += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
