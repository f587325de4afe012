"""The fact layer never raises: arbitrary date-, number- and amount-shaped
strings in both languages give facts, or none, and impossible dates a warning.

Strategies build text from the pieces the extractors' patterns look for
(digits of any length, month names, Chinese numerals and units, currency
signs and words, separators), so hypothesis spends its budget where the
regular expressions and the number parsers branch.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lifang_parse import parse_text
from lifang_parse.extract.amounts import extract_amounts
from lifang_parse.extract.counts import extract_counts
from lifang_parse.extract.dates import extract_dates_checked
from lifang_parse.extract.numbers import parse_number, parse_zh_numeral

from helpers import SAMPLE_TEXT

_DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=12)
_ZH_NUMERALS = st.text(alphabet="零〇一二两三四五六七八九十百千万亿余多近逾约", min_size=1, max_size=8)
_ZH_PIECES = st.sampled_from(
    ["年", "月", "日", "号", "至", "到", "—", "截至", "前", "起", "元", "万元", "亿元", "美元", "欧元", "款", "家", "项", "条",
     "个", "人", "％", "%", "，", "。", "（", "）", "第", "约", "人民币", "港元", "韩元", " ", "·", ".", ","]
)
_EN_PIECES = st.sampled_from(
    ["January", "February", "Feb.", "March", "April", "May", "June", "September", "Sept", "December", "on", "from", "to",
     "until", "by", "as of", "between", "and", "st", "th", ",", ".", " ", "-", "–", "$", "€", "£", "¥", "US$", "USD", "EUR",
     "RMB", "KRW", "million", "billion", "thousand", "apps", "companies", "more than", "nearly", "about", "Article", "%",
     "percent", "per cent", "(", ")", "No."]
)


@st.composite
def zh_fact_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(_DIGITS, _ZH_NUMERALS, _ZH_PIECES), min_size=1, max_size=14))
    return "".join(parts)


@st.composite
def en_fact_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(_DIGITS, _EN_PIECES), min_size=1, max_size=14))
    return " ".join(parts)


@given(zh_fact_text())
def test_chinese_fact_shapes_never_raise(text: str) -> None:
    extract_dates_checked(text, "zh", period="2021-03")
    extract_counts(text, "zh")
    extract_amounts(text, "zh")
    parse_zh_numeral(text)


@given(en_fact_text())
def test_english_fact_shapes_never_raise(text: str) -> None:
    extract_dates_checked(text, "en", period="2021-03")
    extract_counts(text, "en")
    extract_amounts(text, "en")
    parse_number(text)


@given(st.text(max_size=60))
def test_any_text_never_raises(text: str) -> None:
    for lang in ("zh", "en"):
        extract_dates_checked(text, lang, period=None)  # type: ignore[arg-type]
        extract_counts(text, lang)  # type: ignore[arg-type]
        extract_amounts(text, lang)  # type: ignore[arg-type]


# Impossible dates (day 0, 31 April, 29 February of a common year, month 13, day 32), as typos and OCR make them.
IMPOSSIBLE = [
    ("On February 0, 2021, the regulator", "en", "February 0, 2021"),
    ("On April 31, 2023, the regulator", "en", "April 31, 2023"),
    ("On February 29, 2021, the regulator", "en", "February 29, 2021"),
    ("On April 32, 2024, the court", "en", "April 32, 2024"),
    ("2023年4月31日，工信部", "zh", "2023年4月31日"),
    ("2021年2月29日，工信部", "zh", "2021年2月29日"),
    ("2021年13月1日，工信部", "zh", "2021年13月1日"),
    ("2021年2月0日，工信部", "zh", "2021年2月0日"),
]


def test_impossible_dates_are_reported_not_dated() -> None:
    for text, lang, phrase in IMPOSSIBLE:
        dates, impossible = extract_dates_checked(text, lang, period="2021-03")  # type: ignore[arg-type]
        assert dates == [], text
        assert impossible == [phrase], text


def test_a_possible_leap_day_is_a_date() -> None:
    dates, impossible = extract_dates_checked("2020年2月29日，工信部发布通知。", "zh", period="2020-03")
    assert [(d.date, d.role) for d in dates] == [("2020-02-29", "event")] and impossible == []


def test_an_impossible_lead_date_warns_and_the_newsletter_parses() -> None:
    """The unseen-structure issue's case: "On February 0, 2021" once raised ValueError and lost the issue."""
    text = SAMPLE_TEXT.replace("On February 5, 2021, China's Ministry", "On February 0, 2021, China's Ministry")
    newsletter = parse_text(text)
    item = newsletter.sections[0].items[0]
    assert [w.code for w in item.warnings if w.code == "invalid_date"] == ["invalid_date"]
    assert "February 0, 2021" in next(w.message for w in item.warnings if w.code == "invalid_date")
    assert ("2021-02-05", "event") in {(d.date, d.role) for d in item.dates}  # the Chinese date stands
    assert all(d.en != "February 0, 2021" for d in item.dates)
