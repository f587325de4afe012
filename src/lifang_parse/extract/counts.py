"""Counted things: "179款APP" / "179 apps" -> 179 app.

Why: the numbers a regulator publishes (apps named, companies summoned,
standards drafted) are what readers track week to week. A count is a number
tied to a classifier (Chinese) or a count noun (English) from
``data/lexicon.json``; years, dates, money, percentages and ordinals have no
such noun and are never counts, and 第三方 / 每两年 are excluded by the
characters around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import regex

from lifang_parse.extract.lexicon import alternation, lexicon
from lifang_parse.extract.numbers import ARABIC_NUMBER, ZH_NUMERAL, fold_digits, parse_number, whole

Lang = Literal["zh", "en"]

_LEX = lexicon()
_CLASSIFIERS: dict[str, str | None] = _LEX["zh_classifiers"]
_STRONG: frozenset[str] = frozenset(_LEX["zh_strong_classifiers"])
_ZH_NOUNS: dict[str, str | None] = _LEX["zh_nouns"]
_NOT_BEFORE: dict[str, list[str]] = _LEX["zh_classifier_not_before"]
# Nouns that give a unit only when the other language confirms the count (方面: categories or mere areas).
_ZH_WEAK: frozenset[str] = frozenset(_LEX["zh_weak_nouns"]["words"])
_EN_NOUNS: dict[str, str] = {k.lower(): v for k, v in _LEX["en_count_nouns"].items()}
_EN_GENERIC: frozenset[str] = frozenset(w.lower() for w in _LEX["en_generic_nouns"])
# Nouns no contract unit fits ("twelve departments", "Four Authorities Issue Provisions"): the number counts them.
_EN_UNCOUNTED: frozenset[str] = frozenset(w.lower() for w in _LEX["en_uncounted_nouns"]["words"])
# Head nouns no contract unit fits in Chinese (17个超大型在线平台: services, not companies).
_ZH_UNCOUNTED: frozenset[str] = frozenset(_LEX["zh_uncounted_nouns"]["words"])
_ZH_UNCOUNTED_RE = regex.compile(alternation(_ZH_UNCOUNTED))
_RANK = _LEX["zh_rank_cues"]
# A rank or threshold, not a count: 排名前10 / 前100位 (前 alone only with a rank classifier, 前3家 may count).
_ZH_RANK_BEFORE_RE = regex.compile(rf"(?:{alternation(w for w in _RANK['before'] if w != '前')})$")
_ZH_RANK_CLASSIFIERS: frozenset[str] = frozenset(_RANK["rank_classifiers"])
_ZH_POSITIONS: frozenset[str] = frozenset(_RANK["positions_before"])
# 数百家 / 几十个: a vague number, not a count.
_ZH_VAGUE_BEFORE: frozenset[str] = frozenset(_RANK["vague_before"])
# A Chinese numeral that opens with a bare multiplier (百家号, 千家万户): an idiom or a name, not a number.
_ZH_BARE_MULTIPLIER_RE = regex.compile(r"^[百千万亿]")
# A number written in Chinese numerals only (the vague and bare-multiplier checks are for these).
_ZH_NUMERAL_ONLY_RE = regex.compile(rf"^{ZH_NUMERAL}$")
# "the 100 most visited websites": a superlative after the number makes it a rank.
_EN_RANK_AFTER_RE = regex.compile(rf"^\s(?:{alternation(_LEX['en_rank_after']['words'])})\b", regex.IGNORECASE)
_APPROX = _LEX["count_approximation"]
# A word before a Chinese number that makes it a bound (近, 逾, 超过); one after it (余, 多, 以上).
_ZH_APPROX_BEFORE_RE = regex.compile(rf"(?:{alternation(_APPROX['zh_before'])})$")
_ZH_APPROX_AFTER_RE = regex.compile(rf"(?:{alternation(_APPROX['zh_after'])})")
_EN_APPROX_BEFORE_RE = regex.compile(rf"(?<![\w-])(?:{alternation(_APPROX['en_before'])})\s$", regex.IGNORECASE)
_EN_WORDS: dict[str, int | None] = _LEX["en_number_words"]
_EN_SCALES: dict[str, int] = _LEX["en_scale_words"]
_ZH_SCALES = {"万": 10_000, "亿": 100_000_000, "千万": 10_000_000, "百万": 1_000_000, "十万": 100_000}

# A Chinese count: number (Arabic with optional 万/亿, or a Chinese numeral), optional 余/多, a classifier.
# Not after 第 (ordinal), 每 (frequency: 每两年), another digit, or a decimal point.
_ZH_COUNT_RE = regex.compile(
    rf"""
    (?<![第每\d.,，零〇一二两三四五六七八九十百千万亿])
    (?P<num>(?:{ARABIC_NUMBER})(?P<scale>千万|百万|十万|万|亿)?|{ZH_NUMERAL})
    (?P<approx>余|多)?
    (?P<cls>{alternation(_CLASSIFIERS)})
    """,
    regex.VERBOSE,
)
# A Chinese count of people without classifier: "5.33亿用户", "1,000万名用户".
_ZH_PEOPLE_RE = regex.compile(
    rf"(?<![第每\d.,])(?P<num>(?:{ARABIC_NUMBER})(?P<scale>千万|百万|十万|万|亿))(?:余|多)?(?:名|个)?(?:[A-Za-z]{{1,20}})?(?P<noun>{alternation(_LEX['zh_count_user_nouns'])})"
)
# The Chinese noun phrase after a classifier: up to the clause's end (bounded).
_ZH_NP_RE = regex.compile(r"[^，。、；：！？,;:!?（）()《》“”\"\s]{0,16}")
_ZH_NOUN_RE = regex.compile(alternation(k for k in _ZH_NOUNS))

_EN_NUMBER_ALT = alternation(k for k, v in _EN_WORDS.items() if v is not None and " " not in k)
# An English count's number: digits (no year shape checked here), or a number word; optional scale word.
_EN_COUNT_RE = regex.compile(
    rf"""
    (?<![\w$€£¥₩.,/-])
    (?P<num>\d{{1,3}}(?:,\d{{3}})+|\d{{1,9}}(?:\.\d{{1,3}})?|(?i:{_EN_NUMBER_ALT})|(?i:a\sdozen))
    (?:\s(?P<scale>(?i:thousand|million|billion)))?
    (?![\w%.,]\d|[\w%-])
    # The words after the number, read ahead without consuming them, so that a second count inside them is
    # still found ("16 violations of law that fall into 8 categories").
    (?=(?P<rest>(?:\s[^\s.,;:!?()"“”]{{1,40}}){{1,10}})?)
    """,
    regex.VERBOSE,
)
# A hyphenated count adjective: "the 74-article law", "a 75-article draft" (nouns from the lexicon).
_EN_HYPHEN_COUNT_RE = regex.compile(
    rf"(?<![\w$€£¥₩.,/-])(?P<num>\d{{1,4}}|(?i:{_EN_NUMBER_ALT}))-(?P<noun>{alternation(k for k in _LEX['en_hyphen_count_nouns'] if k != '_doc')})(?![\w-])"
)
# Words right before a number that make it a reference or an ordinal, not a count ("Article 5", "No. 3").
_EN_NOT_AFTER_RE = regex.compile(
    r"(?:\b(?:Article|Articles|Section|Sections|Chapter|Chapters|No\.?|Nos\.?|Paragraph|Item|Items|Rule|Clause|Annex|Level|Phase|Version|Case|Page|COVID|Title|Part|Top|top|Class)\s?|[$€£¥₩]\s?|\b(?:RMB|CNY|USD|EUR|GBP|NOK|US\$)\s?)$"
)
_MONTH_WORD_RE = regex.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s?$"
)
_EN_MONTH_AFTER_RE = regex.compile(
    r"^\s(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_EN_TOKEN_RE = regex.compile(r"[A-Za-z][\w'’-]{0,40}")
_EN_ANAPHORA_RE = regex.compile(rf"^\s(?:{alternation(_LEX['en_anaphora'])})\b", regex.IGNORECASE)
# Words that end an English noun phrase: verbs and relatives commonly following a count.
_EN_NP_STOP = frozenset(
    "that which who whose were was are is have has had will would should could may might to with in on at by from "
    "for as such including than and or but not been be being did do does".split()
)
_EN_NP_CONTINUE = frozenset({"of"})


@dataclass(frozen=True, slots=True)
class CountMention:
    """One counted thing in one language."""

    value: int
    unit: str
    text: str
    start: int
    # "Both acts still need ...": two things the story already named, referred to again. Not a count of its
    # own; it tells reconcile that the other language's "两部法案" is the same back-reference.
    anaphoric: bool = False
    # The unit came from an ambiguous noun (data/lexicon.json zh_weak_nouns: 四个方面 is "four areas" as often as
    # "four categories"): reconcile keeps it only when the other language gives the same value.
    weak: bool = False
    # A round bound, not an exact figure: 十余家, 近百款, "more than 10" (data/lexicon.json count_approximation).
    approximate: bool = False


def _zh_unit(cls: str, after: str, value: int) -> tuple[str | None, bool]:
    """Unit from the classifier, else from the head noun after it (None when not a count), and whether that
    noun is a weak one (zh_weak_nouns)."""
    for bad in _NOT_BEFORE.get(cls, ()):
        if after.startswith(bad):
            return None, False
    np = _ZH_NP_RE.match(after)
    phrase = np.group(0) if np else ""
    # Head noun: the last known noun after the last 的, else before it.
    segments = phrase.split("的")
    noun_unit: str | None = None
    noun = ""
    if phrase.startswith("的") and cls not in _STRONG:
        # "七十四条的法律": the number counts the classifier's things (articles), the noun has them.
        segments = []
    for segment in reversed(segments):
        found = [m.group(0) for m in _ZH_NOUN_RE.finditer(segment)]
        found = [f for f in found if _ZH_NOUNS[f]]
        uncounted = list(_ZH_UNCOUNTED_RE.finditer(segment))
        if uncounted and cls not in _STRONG and not any(
            f.start() > uncounted[-1].start() for f in _ZH_NOUN_RE.finditer(segment) if _ZH_NOUNS[f.group(0)]
        ):
            return None, False  # the head is a platform, website or store: no contract unit
        if found:
            noun = found[-1]
            noun_unit = _ZH_NOUNS[noun]
            break
    if cls in _STRONG:
        unit = _CLASSIFIERS[cls]
    else:
        # 次 (times) with no case noun after it is a frequency, not a count: None.
        unit = noun_unit or _CLASSIFIERS[cls] or ("item" if cls in ("项", "个", "条") else None)
    if value == 1 and not (_ZH_NOUN_RE.match(phrase) and _ZH_NOUNS.get(_ZH_NOUN_RE.match(phrase).group(0))):  # type: ignore[union-attr]
        return None, False  # 一个/一项 not directly followed by a countable noun is an article, not a count
    return unit, cls not in _STRONG and noun in _ZH_WEAK


def _zh_counts(text: str) -> list[CountMention]:
    out: list[CountMention] = []
    for m in _ZH_COUNT_RE.finditer(text):
        num = m.group("num")
        value = _value(num, m.group("scale"))
        if value is None or value == 0:
            continue
        cls = m.group("cls")
        before = text[max(0, m.start() - 4) : m.start()]
        if _ZH_RANK_BEFORE_RE.search(before) or (before[-1:] in _ZH_POSITIONS and cls in _ZH_RANK_CLASSIFIERS):
            continue  # a rank or a position: 排名前10家, 前100位的网站, 卡号后四位
        bound = _ZH_APPROX_BEFORE_RE.search(before) is not None
        if _ZH_NUMERAL_ONLY_RE.match(num) and (
            (_ZH_BARE_MULTIPLIER_RE.match(num) and not bound) or (before[-1:] in _ZH_VAGUE_BEFORE)
        ):
            continue  # 数百家门店, 几十个, 百家号: vague or a name (近百款 is a bound of 100)
        unit, weak = _zh_unit(cls, text[m.end() : m.end() + 24], value)
        if unit is None:
            continue
        np = _ZH_NP_RE.match(text, m.end())
        tail = np.group(0)[:6] if np else ""
        approximate = bound or any(_ZH_APPROX_AFTER_RE.match(text, at) for at in (m.end("num"), m.end()))
        out.append(CountMention(value, unit, m.group(0) + _trim_zh_tail(tail), m.start(), weak=weak, approximate=approximate))
    taken = bytearray(len(text) + 1)
    for c in out:
        taken[c.start : c.start + len(c.text)] = b"\x01" * len(c.text)
    for m in _ZH_PEOPLE_RE.finditer(text):
        if taken[m.start()]:
            continue
        value = _value(m.group("num"), m.group("scale"))
        if value:
            out.append(CountMention(value, "person", m.group(0), m.start()))
    out.sort(key=lambda c: c.start)
    return out


def _trim_zh_tail(tail: str) -> str:
    """The noun written right after the classifier, for the phrase ("179款" + "APP")."""
    m = _ZH_NOUN_RE.match(tail)
    return m.group(0) if m else ""


def _value(num: str, scale: str | None) -> int | None:
    """Integer value of a number with an optional 万/亿 scale; None for non-integers."""
    if num in ("百", "千", "万"):  # 近百款, 逾千家: a bare multiplier after a bound is one of it
        num = "一" + num
    if scale:
        base = parse_number(num[: -len(scale)] if num.endswith(scale) else num)
        if base is None:
            return None
        value = whole(float(base) * _ZH_SCALES[scale])
    else:
        parsed = parse_number(num)
        if parsed is None:
            return None
        value = whole(float(parsed))
    return value if isinstance(value, int) else None


def _en_number(num: str) -> int | float | None:
    low = num.lower()
    if low in _EN_WORDS:
        return _EN_WORDS[low]
    if regex.match(r"(?i)^a\sdozen$", num):
        return 12
    return parse_number(num)


def _en_unit(rest: str) -> tuple[str | None, str]:
    """Unit of the noun phrase after a number (head of a compound, specific over generic)."""
    tokens = _EN_TOKEN_RE.findall(rest)[:10]
    first: tuple[int, str] | None = None
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if low in _EN_NP_STOP or low in _EN_UNCOUNTED:
            break
        if low in _EN_NOUNS:
            first = (i, low)
            break
        if i >= 4:
            break
    if first is None:
        return None, ""
    i, low = first
    # A compound: "app operators" -> operators.
    j = i
    while j + 1 < len(tokens) and tokens[j + 1].lower() in _EN_NOUNS:
        j += 1
    head = tokens[j].lower()
    if head in _EN_GENERIC:
        # "exposure drafts of national ... standards" -> standards
        for k in range(j + 1, min(len(tokens), j + 8)):
            low_k = tokens[k].lower()
            if low_k in _EN_NP_STOP and low_k not in _EN_NP_CONTINUE:
                break
            if low_k in _EN_NOUNS and low_k not in _EN_GENERIC:
                head, j = low_k, k
                break
    return _EN_NOUNS[head], " ".join(tokens[: j + 1])


# A currency word right after a number: "5 million euros" is money, not a count.
_CURRENCY_AFTER_RE = regex.compile(
    rf"^\s(?:{alternation(_LEX['en_currency_words'])})\b"
)
_SENTENCE_END_RE = regex.compile(r"[.!?;](?:\s|$)")
# "Both acts still need ..." / "both companies": "both" before a plural noun refers back to two things already
# named. Not "both direct and indirect" / "both the GDPR and ...": a coordination (a noun, then and/or).
_EN_BOTH_RE = regex.compile(r"\b[Bb]oth\s(?:of\s(?:the|these|those)\s)?(?P<noun>[a-z][a-z-]{1,30}s)\b(?!\s(?:and|or)\b)")


def _same_sentence(text: str, start: int, end: int) -> bool:
    return _SENTENCE_END_RE.search(text, start, end) is None


def _en_counts(text: str) -> list[CountMention]:
    out: list[CountMention] = []
    for m in _EN_COUNT_RE.finditer(text):
        num, scale, rest = m.group("num"), m.group("scale"), m.group("rest") or ""
        before = text[max(0, m.start() - 12) : m.start()]
        if _EN_NOT_AFTER_RE.search(before) or _MONTH_WORD_RE.search(before):
            continue
        if _EN_MONTH_AFTER_RE.match(rest):
            continue
        if _EN_RANK_AFTER_RE.match(rest):
            continue  # "the 100 most visited websites": a rank
        if regex.fullmatch(r"(?:19|20)\d\d", num):
            continue  # a year
        base = _en_number(num)
        if base is None:
            continue
        value = whole(float(base) * (_EN_SCALES[scale.lower()] if scale else 1))
        if not isinstance(value, int) or value == 0:
            continue
        if _EN_ANAPHORA_RE.match(rest) and out:
            # "26 of them": the unit of the thing counted just before.
            phrase = text[m.start() : m.start("rest") + _EN_ANAPHORA_RE.match(rest).end()]  # type: ignore[union-attr]
            out.append(CountMention(value, out[-1].unit, phrase, m.start()))
            continue
        if num.lower() == "one" and not scale:
            # "one of the", "one company": only a directly following count noun makes "one" a count
            tokens = _EN_TOKEN_RE.findall(rest)[:1]
            if not tokens or tokens[0].lower() not in _EN_NOUNS:
                continue
        unit, np = _en_unit(rest)
        if unit is None and scale and out and _same_sentence(text, out[-1].start, m.start()) and not _CURRENCY_AFTER_RE.match(rest):
            # "3.02 million apps, 13% fewer than the 3.5 million before": the noun is left out
            out.append(CountMention(value, out[-1].unit, text[m.start() : m.end("scale")], m.start()))
            continue
        if unit is None:
            continue
        phrase = text[m.start() : m.start("num") + len(num) + (len(" " + scale) if scale else 0)] + " " + np
        approximate = _EN_APPROX_BEFORE_RE.search(text[max(0, m.start() - 24) : m.start()]) is not None
        out.append(CountMention(value, unit, phrase, m.start(), approximate=approximate))
    for m in _EN_HYPHEN_COUNT_RE.finditer(text):
        base = _en_number(m.group("num"))
        if isinstance(base, int) and base > 0:
            out.append(CountMention(base, _LEX["en_hyphen_count_nouns"][m.group("noun").lower()], m.group(0), m.start()))
    for m in _EN_BOTH_RE.finditer(text):
        out.append(CountMention(2, _EN_NOUNS.get(m.group("noun"), "item"), m.group(0), m.start(), anaphoric=True))
    out.sort(key=lambda c: c.start)
    return out


def extract_counts(text: str, lang: Lang, *, taken: Sequence[tuple[int, int]] = ()) -> list[CountMention]:
    """Counts in one language's text, in order (duplicates kept; reconcile merges them).

    ``taken``: spans other extractors read as something else (a sum of money, a date): a number inside one
    is part of it, never a count ("100 billion" of an amount, the day of a date).
    """
    text = fold_digits(text)
    found = _zh_counts(text) if lang == "zh" else _en_counts(text)
    if not taken:
        return found
    mask = bytearray(len(text) + 1)
    for start, end in taken:
        mask[start:end] = b"\x01" * (end - start)
    return [c for c in found if not any(mask[c.start : c.start + len(c.text)])]


__all__ = ["CountMention", "extract_counts"]
