"""The PDF path equals the text path on layouts the reader was not tuned on.

``tools/make_fixture_pdfs.py`` (reportlab platypus, three house styles) made
the PDFs the reader was developed against. Here every text fixture is laid out
again by an independent typesetter (``pdfgen_alt``: its own line breaker and
page builder) in three house styles drawn from fixed seeds: other CJK and Latin
fonts, sizes, leading, paragraph spacing down to none (indent only), justified
or ragged text with or without space glyphs, A4 or Letter, mirrored margins,
headers with the page number on the same line, "第 3 页 共 5 页" footers, one-
or two-column contents, links with and without annotations, italics from an
oblique font or a sheared matrix, bold from a bold font or overprinting. The
newsletter parsed from each PDF must equal the one parsed from its text, but
for provenance.

The PDFs are generated at run time (about 0.2 s each) rather than committed:
the seeds stay cheap to change, and the repository does not grow with every
layout tried. Layouts whose embedded font is not installed are skipped with the
package to install; STSong-Light layouts need no font file and always run.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("reportlab", reason="the unseen-layout PDFs are generated with reportlab (`pip install .[test]`)")

from lifang_parse import parse_file
from lifang_parse.read.layout import normalise_text
from lifang_parse.read.pdf import read_pdf

import pdfgen_alt
from conftest import HELDOUT_FIXTURES, TEXT_FIXTURES
from test_pdf_equivalence import _content

# Three layouts per fixture. Seeds are fixed (a failure names its seed, and
# `pdfgen_alt.render` reproduces the PDF); the CJK font rotates so that each of
# the four fonts is used by several fixtures.
LAYOUTS_PER_FIXTURE = 3
CASES = [
    (txt, 7919 * (k + 1) + 31 * i, pdfgen_alt.CJK_FONTS[(i + k) % len(pdfgen_alt.CJK_FONTS)])
    for i, txt in enumerate(TEXT_FIXTURES)
    for k in range(LAYOUTS_PER_FIXTURE)
] + [
    # The held-out newsletters (never used to tune the reader), one layout each.
    (txt, 104729 + 97 * i, pdfgen_alt.CJK_FONTS[i % len(pdfgen_alt.CJK_FONTS)])
    for i, txt in enumerate(HELDOUT_FIXTURES)
]
_FONT_PACKAGES = "apt-get install fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-uming"


@pytest.fixture(scope="module")
def text_parses() -> dict[Path, dict[str, Any]]:
    return {}


def _read_diff(txt: Path, pdf: Path) -> str:
    """The first differing paragraph lines of the read layer, for the failure message."""
    want = [x for x in (normalise_text(t) for t in txt.read_text(encoding="utf-8").splitlines()) if x]
    got = [line.text for line in read_pdf(pdf).lines]
    diff = [d[:160] for d in difflib.unified_diff(want, got, "text", "pdf", lineterm="", n=0)]
    return "\n".join(diff[:12])


@pytest.mark.parametrize(
    ("txt", "seed", "cjk"), CASES, ids=[f"{t.parent.parent.name}-{t.stem}-{cjk}-{seed}" for t, seed, cjk in CASES]
)
def test_unseen_layout_parses_like_text(
    txt: Path, seed: int, cjk: str, tmp_path: Path, text_parses: dict[Path, dict[str, Any]]
) -> None:
    missing = pdfgen_alt.missing_fonts(cjk)
    if missing:
        pytest.skip(f"font not installed: {', '.join(missing)} ({_FONT_PACKAGES})")
    layout = pdfgen_alt.layout_for(seed, cjk)
    pdf = tmp_path / f"{txt.stem}-{seed}.pdf"
    pdfgen_alt.render(txt.read_text(encoding="utf-8"), pdf, layout)

    if txt not in text_parses:
        text_parses[txt] = parse_file(txt).model_dump(mode="json")
    a = text_parses[txt]
    b = parse_file(pdf).model_dump(mode="json")
    where = f"layout {layout.describe()}\nread-layer diff:\n{_read_diff(txt, pdf)}"

    for key in ("publication_number", "period", "title", "issue_number", "contents", "footer", "boilerplate"):
        assert _content(b[key]) == _content(a[key]), f"{key}; {where}"
    assert [s["heading"] for s in b["sections"]] == [s["heading"] for s in a["sections"]], where
    items_a = [i for s in a["sections"] for i in s["items"]]
    items_b = [i for s in b["sections"] for i in s["items"]]
    assert [i["id"] for i in items_b] == [i["id"] for i in items_a], where
    for ia, ib in zip(items_a, items_b):
        for key in ("title", "body", "links", "dates", "agencies", "counts", "amounts", "laws", "companies", "people"):
            assert ib[key] == ia[key], f"item {ia['id']}: {key}; {where}"
    assert _content(b) == _content(a), where
