"""Extracted text of layouts the reader was never tuned on parses like the clean text.

``fixtures/extracted-unseen/<tool>/<set>-<name>-<layout>.txt`` is what
``pdftotext`` (every layout) and pdfplumber's ``extract_text`` (the first
layout of each newsletter) give for the text newsletters of all four sets,
laid out by the independent typesetter ``tests/pdfgen_alt.py``
(tools/make_unseen_extracted.py). Each must give the clean text's sections,
items, titles, bodies, links and facts, and lose nothing but page furniture.

Where the extraction itself lost what the newsletter needs, the parse must
say so: pdfplumber drops the spaces between English words that a PDF
positions without space glyphs ("OnApril29,2021,the"), and the reader warns
``unrecoverable_structure``. The remaining known gaps are listed in
``KNOWN_GAPS`` (strict xfail: a fix shows up as a failure to remove them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import regex

from lifang_parse import parse_file
from lifang_parse.errors import LifangParseError
from lifang_parse.read.contents import cut_line, squeeze
from lifang_parse.read.overprint import staircase, undouble, unmerge_steps
from lifang_parse.read.wrapped import classify, resembles, run_together_words

from lossless import missing_lines
from helpers import assert_same_newsletter, furniture_lines, without_bare_markers, without_markers

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
UNSEEN = FIXTURES / "extracted-unseen"
SETS = {"text": FIXTURES / "text", "heldout": FIXTURES / "heldout" / "text", "final": FIXTURES / "final" / "text", "blind": FIXTURES / "blind" / "text", "blind2": FIXTURES / "blind2" / "text"}
FILES = sorted(UNSEEN.glob("*/*.txt"))
# Where the clean text's contents differ from its body (contents_mismatch),
# extracted contents cannot be re-assembled from the body's titles.
_CONTENTS_DIFFER = {"weekly-cyber-230-2021-07"}
# A line that may hold a staircase's last steps run together: Chinese, then a Latin chunk twice.
_STEP_RE = regex.compile(r"^(.*\p{Han})([A-Za-z0-9.,%]{2,24}\p{Han}.*)$")
# Known gaps (tool/file stem -> the first difference from the clean text):
# what the extraction itself lost: pdfplumber running English words together
# in a few lines (2 % of the words: below the warning's threshold, so no warning).
KNOWN_GAPS: dict[str, str] = {
    "pdfplumber/heldout-weekly-cyber-251-2022-01-s500065-microhei": "item 1.1: body",
    # Measured once on the second blind set, before any tuning on it: a contents
    # title wrapped over three lines of a two-column contents page, the other
    # column's lines between them, re-assembled without its last two lines.
    "pdftotext/blind2-weekly-cyber-310-2023-09-s501120-microhei": "contents: item 3.1's English title cut short",
}


def _clean_path(path: Path) -> Path:
    set_name, rest = path.stem.split("-", 1)
    return SETS[set_name] / f"{'-'.join(rest.split('-')[:5])}.txt"


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _spaces_lost(path: Path) -> bool:
    return bool(run_together_words(path.read_text(encoding="utf-8").splitlines()))


def _case(path: Path) -> Any:
    reason = KNOWN_GAPS.get(_id(path))
    if _spaces_lost(path):
        reason = "the extractor dropped the spaces between English words"
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(path, id=_id(path), marks=marks)


@pytest.fixture(scope="module")
def clean_parses() -> dict[Path, dict[str, Any]]:
    return {}


@pytest.mark.parametrize("path", [_case(p) for p in FILES])
def test_unseen_extraction_gives_the_clean_newsletter(path: Path, clean_parses: dict[Path, dict[str, Any]]) -> None:
    clean_path = _clean_path(path)
    if clean_path not in clean_parses:
        clean_parses[clean_path] = parse_file(clean_path).model_dump(mode="json")
    clean = clean_parses[clean_path]
    got = parse_file(path).model_dump(mode="json")
    assert_same_newsletter(got, clean)
    codes = {w["code"] for w in got["warnings"]}
    if clean_path.stem not in _CONTENTS_DIFFER:
        assert without_markers(got["contents"]) == without_markers(clean["contents"])
        assert "unrecoverable_structure" not in codes


@pytest.mark.parametrize("path", FILES, ids=[_id(p) for p in FILES])
def test_unseen_extraction_loses_only_pagefurniture_lines(path: Path) -> None:
    """Every line is in the model (overprinting undone), but the lines the
    reader removed as page furniture: and those are headers, footers and
    page numbers."""
    text = path.read_text(encoding="utf-8")
    try:
        newsletter = parse_file(path)
    except LifangParseError:
        assert _spaces_lost(path)  # nothing left to recognise a newsletter by
        return
    furniture = furniture_lines(text)
    undoubled = "\n".join(undouble(line) for line in text.split("\n"))
    titles = [squeeze(t) for block in newsletter.contents for t in (block.heading.zh, block.heading.en, *[x for title in block.titles for x in (title.zh, title.en)]) if t]
    lost = set(missing_lines(without_bare_markers(undoubled), newsletter)) - {undouble(f) for f in furniture}
    # A staircase's last two steps run together ("规则过渡期将于33月底届满") are in the model made one.
    unmerged = {line for line in lost if (m := _STEP_RE.match(line)) and not missing_lines(m.group(1) + unmerge_steps(m.group(2)), newsletter)}
    assert [line for line in lost if cut_line(line, titles) is None and line not in unmerged] == []
    for line in furniture:
        assert regex.search(r"立方观评|LIFANG|网络安全与数据合规周报$|^[-–— ]*\d+[-–— ]*$|^\d+ ?/ ?\d+$|^第 ?\d+ ?页", line), line


@pytest.mark.parametrize("path", FILES, ids=[_id(p) for p in FILES])
def test_unseen_extraction_is_recognised_as_wrapped(path: Path) -> None:
    assert classify(path.read_text(encoding="utf-8")).kind == "wrapped"


def test_lost_word_spaces_give_a_warning() -> None:
    lost = [p for p in FILES if _spaces_lost(p)]
    assert lost, "the fixtures include pdfplumber text without word spaces"
    for path in lost:
        try:
            newsletter = parse_file(path)
        except LifangParseError:
            continue
        assert any(w.code == "unrecoverable_structure" and "spaces" in w.message for w in newsletter.warnings), path.name


def test_a_staircase_missing_its_first_step_is_one_line() -> None:
    """pdftotext may lose the first chunk's own line ("Flo"): the staircase
    still counts when its last step closes it."""
    steps = ["Flo Health", "Health就分享用户健康数据的指控与", "就分享用户健康数据的指控与FTC", "FTC达成和解", "达成和解", "2021年1月13日，"]
    assert staircase(steps, 0) == ("Flo Health就分享用户健康数据的指控与FTC达成和解", 5)
    # Not closed: no staircase (a line that merely begins with the last words of the one before).
    assert staircase(steps[:4] + ["2021年1月13日，"], 0) is None
    # A line and its twin with the last two steps run together ("…自9" + "9月1日起施行").
    assert staircase(["《条例》自", "《条例》自99月1日起施行", "2021年9月1日，"], 0) == ("《条例》自9月1日起施行", 2)
    assert staircase(["《条例》自", "《条例》自9月1日起施行", "2021年9月1日，"], 0) is None
    assert staircase(steps[:4] + ["2021年1月13日，"], 0) is None


def test_a_contents_entry_worded_differently_resembles_its_body_title() -> None:
    targets = ["监管执法 Regulatory Enforcement", "国家网信办依法约谈处罚新浪微博和豆瓣网", "CAC Summons and Fines Sina Weibo and Douban"]
    assert resembles("国家网信办约谈处罚新浪微博", targets, range(3)) == 1
    assert resembles("国家网信办约谈处罚新浪微博", targets, [0, 2]) is None
    assert resembles("Cross-Border Data Transfers", targets, range(3)) is None
