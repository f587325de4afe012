"""Text that other tools extracted from the PDF parses like the clean text.

``fixtures/extracted/<tool>/<name>.txt`` is what ``pdftotext`` and pdfplumber's
``extract_text()`` give for ``fixtures/pdf/<name>.pdf`` (tools/make_extracted_text.py):
lines cut at the column width, running headers and page numbers, form feeds,
a two-column contents page flattened. The newsletter must be the clean text's.

Plain text has no italics: bodies are compared without asterisks. The English
law titles (``*…*`` in the clean form) are found from their Title-Case shape
and head nouns instead (extract/laws.py, ``plain_titles``), so laws are
compared whole, both languages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import regex

from lifang_parse import parse_file, parse_text
from lifang_parse.read.contents import cut_line, squeeze
from lifang_parse.read.wrapped import classify

from conftest import SAMPLE
from helpers import assert_same_newsletter, furniture_lines, without_bare_markers
from lossless import missing_lines

REPO = Path(__file__).resolve().parent.parent
TEXT = REPO / "fixtures" / "text"
EXTRACTED = REPO / "fixtures" / "extracted"
TOOLS = ("pdftotext", "pdfplumber")
NAMES = sorted(p.stem for p in TEXT.glob("*.txt"))
CASES = [(tool, name) for tool in TOOLS for name in NAMES]
# Fact kinds that plain text keeps whole (laws too: English titles from their shape when italics are lost).
# Where the clean text's contents differ from the body (a contents_mismatch),
# the extracted contents cannot be re-assembled from the body's titles.
_CONTENTS_DIFFER = {"weekly-cyber-230-2021-07"}


@pytest.mark.parametrize(("tool", "name"), CASES, ids=[f"{t}-{n}" for t, n in CASES])
def test_extracted_text_gives_the_clean_newsletter(tool: str, name: str) -> None:
    clean = parse_file(TEXT / f"{name}.txt").model_dump(mode="json")
    got = parse_file(EXTRACTED / tool / f"{name}.txt").model_dump(mode="json")
    assert got["source"]["furniture_removed"] > 0
    assert_same_newsletter(got, clean)
    codes = {w["code"] for w in got["warnings"]}
    if name in _CONTENTS_DIFFER:
        assert "unrecoverable_structure" in codes
    else:
        assert got["contents"] == clean["contents"]
        assert "unrecoverable_structure" not in codes
        assert "unplaced_text" not in codes


@pytest.mark.parametrize(("tool", "name"), CASES, ids=[f"{t}-{n}" for t, n in CASES])
def test_extracted_text_loses_only_pagefurniture_lines(tool: str, name: str) -> None:
    """Every line is in the model, except lines the reader removed as page
    furniture: and those really are furniture (headers, page numbers)."""
    text = (EXTRACTED / tool / f"{name}.txt").read_text(encoding="utf-8")
    newsletter = parse_file(EXTRACTED / tool / f"{name}.txt")
    furniture = furniture_lines(text)
    assert newsletter.source.furniture_removed == len(classify(text).furniture)
    titles = [squeeze(t) for block in newsletter.contents for t in (block.heading.zh, block.heading.en, *[x for title in block.titles for x in (title.zh, title.en)]) if t]
    lost = set(missing_lines(without_bare_markers(text), newsletter)) - furniture
    # A flattened contents line holds pieces of two titles: shown in its pieces.
    assert [line for line in lost if cut_line(line, titles) is None] == []
    for line in furniture:
        assert regex.search(r"立方观评 \||Weekly Review|^[-–— ]*\d+[-–— ]*$|^第 ?\d+ ?页|^Page \d+", line), line


# A "more" marker without its link, as a PDF shows it; the model lists it in
# ``links`` (compared with the clean text's above), not in the body.


def test_detection_leaves_clean_text_alone() -> None:
    for name in NAMES:
        assert classify((TEXT / f"{name}.txt").read_text(encoding="utf-8")).kind == "clean", name


@pytest.mark.parametrize(("tool", "name"), CASES, ids=[f"{t}-{n}" for t, n in CASES])
def test_detection_recognises_extracted_text(tool: str, name: str) -> None:
    assert classify((EXTRACTED / tool / f"{name}.txt").read_text(encoding="utf-8")).kind == "wrapped"


def _with_pagefurniture_lines(text: str, every: int = 25) -> str:
    """The clean text with a running header, "Page N / 5", "- N -" and a form
    feed every ``every`` lines, as a PDF's pages would put them."""
    lines = text.split("\n")
    pages = [lines[i : i + every] for i in range(0, len(lines), every)]
    total = len(pages)
    out = []
    for number, page in enumerate(pages, start=1):
        head = ["立方观评 | Weekly Cybersecurity and Data Protection Review No.44", ""] if number > 1 else []
        out.append("\n".join(head + page + ["", f"Page {number} / {total}", f"- {number} -"]))
    return "\f".join(out)


def test_clean_text_with_page_furniture_parses_like_the_clean_text() -> None:
    clean_text = SAMPLE.read_text(encoding="utf-8")
    paged = _with_pagefurniture_lines(clean_text)
    analysis = classify(paged)
    assert analysis.kind == "paged"
    clean = parse_text(clean_text).model_dump(mode="json")
    got = parse_text(paged).model_dump(mode="json")
    assert got["source"]["furniture_removed"] == len(analysis.furniture) > 0
    for key in ("contents", "sections", "footer", "boilerplate", "publication_number", "issue_number", "title"):
        strip = {"location", "line_start", "line_end", "page", "page_start", "page_end"}

        def content(v: Any) -> Any:
            if isinstance(v, dict):
                return {k: content(x) for k, x in v.items() if k not in strip}
            if isinstance(v, list):
                return [content(x) for x in v]
            return v

        assert content(got[key]) == content(clean[key]), key
    assert got["warnings"] == clean["warnings"]
    missing = set(missing_lines(paged, parse_text(paged)))
    assert all(regex.search(r"^Page \d+ / \d+$|^- \d+ -$|^立方观评 \|", line) for line in missing), missing


def test_interleaved_contents_give_a_warning_and_lose_nothing() -> None:
    """Two columns run together with no gap between them cannot be put back
    apart: the result says so, and the text is still there."""
    path = EXTRACTED / "pdfplumber" / "weekly-cyber-214-2021-03.txt"
    text = path.read_text(encoding="utf-8")
    original = "权限行为的26款APP Zoom就数据安全措施指控与美国联邦贸易委员会"
    assert original in text
    text = text.replace(original, original.replace(" ", ""))
    newsletter = parse_text(text)
    assert any(w.code == "unrecoverable_structure" for w in newsletter.warnings)
    shown = [squeeze(f.text) for f in newsletter.unplaced] + [squeeze(t) for b in newsletter.contents for title in b.titles for t in (title.zh, title.en) if t]
    lost = set(missing_lines(without_bare_markers(text), newsletter)) - furniture_lines(text)
    assert [line for line in lost if cut_line(line, shown) is None] == []
    assert "权限行为的26款APPZoom就数据安全措施指控与美国联邦贸易委员会" in [f.text for f in newsletter.unplaced]
    # The items stand, even when the contents do not.
    assert [i.id for i in newsletter.all_items()] == [i.id for i in parse_file(TEXT / "weekly-cyber-214-2021-03.txt").all_items()]


def test_columns_interleaved_word_by_word_are_put_back_together() -> None:
    path = EXTRACTED / "pdfplumber" / "weekly-cyber-214-2021-03.txt"
    text = path.read_text(encoding="utf-8")
    original = "MIIT Holds APP Personal Information Protection Information Security Technology Standards"
    mixed = "MIIT Holds APP Information Personal Security Information Technology Protection Standards"
    newsletter = parse_text(text.replace(original, mixed))
    assert newsletter.contents == parse_file(TEXT / "weekly-cyber-214-2021-03.txt").contents


def test_letter_spaced_justified_chinese_line_is_closed_up() -> None:
    """pdftotext writes a justified line's wide gaps as spaces; Chinese has none of its own."""
    from lifang_parse.read.wrapped import unspace

    spaced = "2022 年 11 月 28 日 ， 爱 尔 兰 数 据 保 护 委 员 会 （ Data Protection Commission ， “DPC” ） 宣 布 ， 已 就"
    assert unspace(spaced) == "2022年11月28日，爱尔兰数据保护委员会（Data Protection Commission，“DPC”）宣布，已就"
    assert unspace("（개 인 정 보 보 호 위 원 회 ， “PIPC” ） 公 布 了 对 Facebook") == "（개인정보보호위원회，“PIPC”）公布了对Facebook"
    kept = "个人信息处理者应当符合GB/T 35273《信息安全技术 个人信息安全规范》的要求"
    assert unspace(kept) == kept
