"""The PDF path equals the text path: for every fixture pair, ``parse_file``
of the PDF and of the text give the same newsletter except for ``source``
and line/page locations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import provenance_free as _content

REPO = Path(__file__).resolve().parent.parent
TEXT = REPO / "fixtures" / "text"
PDF = REPO / "fixtures" / "pdf"
PAIRS = sorted(TEXT.glob("*.txt"))
@pytest.mark.parametrize("txt", PAIRS, ids=[p.stem for p in PAIRS])
def test_pdf_equals_text(txt: Path) -> None:
    api = pytest.importorskip("lifang_parse.api")
    pdf = PDF / f"{txt.stem}.pdf"
    assert pdf.exists(), f"no PDF for {txt.name}: run `python tools/make_fixture_pdfs.py`"
    from_text = api.parse_file(txt)
    from_pdf = api.parse_file(pdf)
    assert from_pdf.source.format == "pdf" and from_pdf.source.pages
    a, b = from_text.model_dump(mode="json"), from_pdf.model_dump(mode="json")
    # Field by field first, for a readable failure.
    for key in ("publication_number", "period", "title", "issue_number", "contents", "footer", "boilerplate"):
        assert _content(b[key]) == _content(a[key]), key
    assert [s["heading"] for s in b["sections"]] == [s["heading"] for s in a["sections"]]
    items_a = [i for s in a["sections"] for i in s["items"]]
    items_b = [i for s in b["sections"] for i in s["items"]]
    assert [i["id"] for i in items_b] == [i["id"] for i in items_a]
    for ia, ib in zip(items_a, items_b):
        for key in ("title", "body", "links", "dates", "agencies", "counts", "amounts", "laws", "companies", "people"):
            assert ib[key] == ia[key], f"item {ia['id']}: {key}"
    assert _content(b) == _content(a)


def test_pdf_items_have_pages() -> None:
    api = pytest.importorskip("lifang_parse.api")
    news = api.parse_file(PDF / "weekly-cyber-214-2021-03.pdf")
    items = [i for s in news.sections for i in s.items]
    assert items and all(i.location.page_start and i.location.page_start >= 2 for i in items)
