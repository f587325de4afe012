"""The shared text rules (textutil, markup), as tables of real strings grouped by origin."""

from __future__ import annotations

import pytest

from lifang_parse.markup import split_emphasis, to_markup
from lifang_parse.textutil import close_cjk_latin_gaps, ends_sentence, is_chinese

# Spaces a typesetter put between Chinese and Latin or digits, and what the source had.
CJK_GAPS = {
    "word processor (LibreOffice export of a .docx, unseen-PDFs issue)": [
        ("2021 年 2 月 5 日，工业和信息化部", "2021年2月5日，工业和信息化部"),
        ("截至 2 月 3日，仍有 37 款软件", "截至2月3日，仍有37款软件"),
        ("处以 80.26 亿元罚款", "处以80.26亿元罚款"),
        ("对 105 款 App 进行通报", "对105款App进行通报"),
        ("宣布已与Zoom 完成了和解", "宣布已与Zoom完成了和解"),
    ],
    "kept: spaces inside Latin names and between Chinese words": [
        ("Meta Platforms Ireland Limited（“Meta”）", "Meta Platforms Ireland Limited（“Meta”）"),
        ("《信息安全技术 快递物流服务数据安全指南》", "《信息安全技术 快递物流服务数据安全指南》"),
        ("美国联邦贸易委员会（Federal Trade Commission, “FTC”）", "美国联邦贸易委员会（Federal Trade Commission, “FTC”）"),
    ],
}


@pytest.mark.parametrize(("spaced", "source"), [case for cases in CJK_GAPS.values() for case in cases])
def test_cjk_latin_gaps_close(spaced: str, source: str) -> None:
    assert close_cjk_latin_gaps(spaced) == source


def test_a_spaced_chinese_line_is_still_chinese() -> None:
    assert is_chinese("2021 年 2 月 5 日，工信部")
    assert not is_chinese("On February 5, 2021, MIIT held a meeting.")


SENTENCE_ENDS = [("会议通报了近期APP个人信息保护工作情况。", True), ("侵害用户权益APP", False), ("(“FTC”).", True), ("Is it over?", True), ("MIIT: 37 Apps", False)]


@pytest.mark.parametrize(("text", "ends"), SENTENCE_ENDS)
def test_sentence_end(text: str, ends: bool) -> None:
    assert ends_sentence(text) is ends


# Emphasis as the readers write it, and the plain words and spans it stands for.
EMPHASIS = {
    "the original sample": [
        ("LIFANG & PARTNERS **立方观评**", "LIFANG & PARTNERS 立方观评", [("立方观评", "bold")]),
        ("in accordance with the *Cybersecurity Law* and other laws", "in accordance with the Cybersecurity Law and other laws", [("Cybersecurity Law", "italic")]),
    ],
    "unseen PDFs (bold halves, bold lead-ins)": [
        ("国内要闻 **Domestic News**", "国内要闻 Domestic News", [("Domestic News", "bold")]),
        ("**2023年5月22日**，爱尔兰数据保护委员会", "2023年5月22日，爱尔兰数据保护委员会", [("2023年5月22日", "bold")]),
        ("***海外动态 Overseas News***", "海外动态 Overseas News", [("海外动态 Overseas News", "bold_italic")]),
    ],
    "not emphasis": [
        ("5*3*2 = 30", "5*3*2 = 30", []),
        ("a * b * c", "a * b * c", []),
    ],
}


@pytest.mark.parametrize(("marked", "plain", "spans"), [case for cases in EMPHASIS.values() for case in cases])
def test_emphasis_splits_and_rebuilds(marked: str, plain: str, spans: list[tuple[str, str]]) -> None:
    text, found = split_emphasis(marked)
    assert text == plain
    assert [(text[s.start : s.end], s.style) for s in found] == spans
    if all(style == "italic" for _, style in spans):
        assert to_markup(text, found) == marked


def test_cjk_latin_gaps_close_through_emphasis_markers() -> None:
    assert close_cjk_latin_gaps("**2021** 年 **2**月 **5** 日，工信部") == "**2021**年**2**月**5**日，工信部"
