"""Money: "182.28亿元" -> 18,228,000,000 CNY; "RMB 500,000", "€50 million", "NOK 65 million".

Why: fines and turnovers are what enforcement news is about. The value is in
whole currency units (万 = 10⁴, 亿 = 10⁸, million, billion resolved) and the
currency is ISO 4217; currency words and symbols come from ``data/lexicon.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from lifang_parse.extract.lexicon import alternation, lexicon
from lifang_parse.extract.numbers import ARABIC_NUMBER, ZH_NUMERAL, fold_digits, parse_arabic, parse_zh_numeral, whole

Lang = Literal["zh", "en"]

_LEX = lexicon()
_ZH_CUR: dict[str, str] = _LEX["zh_currencies"]
_EN_CODES: dict[str, str] = _LEX["en_currency_codes"]
_EN_WORDS: dict[str, str] = _LEX["en_currency_words"]
_EN_SCALES: dict[str, int] = _LEX["en_scale_words"]
# Scale words written out ("million", "crore"); the short ones (bn, m, k) are cased in the patterns.
_EN_SCALE_WORDS = alternation(w for w in _EN_SCALES if len(w) > 2)
_ZH_SCALES: dict[str, int] = {"十万": 100_000, "百万": 1_000_000, "千万": 10_000_000, "万": 10_000, "亿": 100_000_000, "十亿": 1_000_000_000, "百亿": 10_000_000_000, "万亿": 1_000_000_000_000}

# A Chinese amount: optional currency word before (人民币), a number, optional 万/亿 scale, a currency word
# ("人民币50万元", "182.28亿元", "5000万欧元", "五十万元"); or currency word + number + scale with no 元 ("人民币50万").
_ZH_AMOUNT_RE = regex.compile(
    rf"""
    (?:(?P<pre>{alternation(k for k in _ZH_CUR if k not in ('元', '块'))})\s?(?:约)?)?
    (?<![\d.])(?P<num>{ARABIC_NUMBER}|{ZH_NUMERAL})
    \s?(?P<scale>万亿|十亿|百亿|千万|百万|十万|万|亿)?
    \s?(?P<cur>{alternation(_ZH_CUR)})?
    """,
    regex.VERBOSE,
)
# An English amount with the currency before: "US$5 million", "RMB 500,000", "€1.2bn", "NOK 65 million".
_EN_PREFIX_RE = regex.compile(
    rf"""
    (?<![\p{{Latin}}\d])(?P<cur>{alternation(_EN_CODES)})\s?
    (?P<num>{ARABIC_NUMBER})
    (?:\s?(?P<scale>(?i:{_EN_SCALE_WORDS})|bn|mn|m|k)(?![\p{{Latin}}]))?
    """,
    regex.VERBOSE,
)
# An English amount with the currency after: "50 million euros", "1.2 billion yuan", "500,000 RMB".
_EN_SUFFIX_RE = regex.compile(
    rf"""
    (?<![\p{{Latin}}\d.,$€£¥])(?P<num>{ARABIC_NUMBER})
    (?:\s?(?P<scale>(?i:{_EN_SCALE_WORDS})|bn|mn)(?![\p{{Latin}}]))?
    \s(?P<cur>{alternation(_EN_WORDS)})(?![\p{{Latin}}])
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class AmountMention:
    """One sum of money in one language."""

    value: int | float
    currency: str
    text: str
    start: int


# The first half of a Chinese amount range, "3000万至" in "3000万至5000万欧元": it borrows the currency of the second.
_ZH_RANGE_HEAD_RE = regex.compile(
    rf"(?<![\d.])(?P<num>{ARABIC_NUMBER})\s?(?P<scale>万亿|十亿|百亿|千万|百万|十万|万|亿)?\s?(?:至|到|-|–|—|~|～)\s?$"
)


def _zh_amounts(text: str) -> list[AmountMention]:
    out: list[AmountMention] = []
    for m in _ZH_AMOUNT_RE.finditer(text):
        pre, num, scale, cur = m.group("pre"), m.group("num"), m.group("scale"), m.group("cur")
        if not cur and not pre:
            continue
        if not cur and not scale:
            continue  # "人民币" then a bare number is rare and ambiguous
        code = _ZH_CUR[cur] if cur and cur not in ("元", "块") else (_ZH_CUR[pre] if pre else _ZH_CUR.get(cur or "", "CNY"))
        if cur in ("元", "块") and pre:
            code = _ZH_CUR[pre]
        arabic = parse_arabic(num)
        if arabic is None:
            if cur in ("元", "块") and not scale and len(num) < 2:
                continue  # "一元" in 一元化 etc.
            zh_value = parse_zh_numeral(num)
            if zh_value is None:
                continue
            base: float = zh_value
        else:
            base = arabic
        value = whole(base * (_ZH_SCALES[scale] if scale else 1))
        head = _ZH_RANGE_HEAD_RE.search(text[max(0, m.start() - 24) : m.start()]) if not pre else None
        if head is not None:
            head_value = parse_arabic(head.group("num"))
            if head_value is not None:
                head_scale = head.group("scale")
                out.append(
                    AmountMention(whole(head_value * (_ZH_SCALES[head_scale] if head_scale else 1)), code, head.group(0).strip(), m.start() - len(head.group(0)))
                )
        out.append(AmountMention(value, code, m.group(0).strip(), m.start()))
    return out


def _en_amount(m: regex.Match[str], currencies: dict[str, str]) -> AmountMention | None:
    """One English amount match ("US$5.4 billion", "17 million pounds") in whole units."""
    base = parse_arabic(m.group("num"))
    if base is None:
        return None
    scale = m.group("scale")
    value = whole(base * (_EN_SCALES[scale.lower()] if scale else 1))
    return AmountMention(value, currencies[m.group("cur")], m.group(0).strip(), m.start())


def _en_amounts(text: str) -> list[AmountMention]:
    out: list[AmountMention] = []
    taken = bytearray(len(text))
    for m in _EN_PREFIX_RE.finditer(text):
        found = _en_amount(m, _EN_CODES)
        if found is not None:
            out.append(found)
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _EN_SUFFIX_RE.finditer(text):
        if not any(taken[m.start() : m.end()]):
            found = _en_amount(m, _EN_WORDS)
            if found is not None:
                out.append(found)
    out.sort(key=lambda a: a.start)
    return out


def extract_amounts(text: str, lang: Lang) -> list[AmountMention]:
    """Sums of money in one language's text, in order (duplicates kept; reconcile merges them)."""
    text = fold_digits(text)
    return _zh_amounts(text) if lang == "zh" else _en_amounts(text)


__all__ = ["AmountMention", "extract_amounts"]
