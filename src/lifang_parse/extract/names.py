"""Companies and people named in an item, paired across the two languages.

Why: "百度" and "Baidu", "副部长刘烈宏" and "Liehong Liu, the vice minister" are
one entity for a reader. Companies come from the gazetteer
(``data/companies.json``) and from name shapes (…有限公司, … Inc., … Co., Ltd.);
people from a title next to a name (zh: the title before the name; en: the
title before the name or ", the <title>" after it). A Chinese name pairs with
the English spelling that carries its surname's pinyin, else in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import regex

from lifang_parse.extract.gazetteer import Gazetteer
from lifang_parse.extract.lexicon import alternation, lexicon

Lang = Literal["zh", "en"]

_LEX = lexicon()
_CP = _LEX["company_patterns"]
_SURNAMES: dict[str, str] = _LEX["zh_surnames"]
_TITLES_ZH: list[str] = _LEX["person_titles"]["zh"]
_TITLES_EN: list[str] = _LEX["person_titles"]["en"]
_STOPS: list[str] = _LEX["zh_name_stops"]

# A Chinese company name the gazetteer lacks: Han/Latin run ending in a company suffix, not glued to more Han.
_ZH_COMPANY_RE = regex.compile(
    rf"(?P<name>[\p{{Han}}A-Za-z0-9（）()]{{2,30}}?(?:{alternation(_CP['zh_suffixes'])}))"
)
_ZH_GENERIC_HEAD_RE = regex.compile(rf"^(?:{alternation(_CP['zh_generic_heads'])})+")
_ZH_LEADING_RE = regex.compile(
    r"^(?:根据|依据|按照|近日|日前|此前|同时|随后|其中|此外|对|向|与|和|及|由|被|将|在|据|称|是|为|经|要求|宣布|指控|起诉|处罚|罚款|约谈|就|等)+"
)
# An English company name the gazetteer lacks: 1-5 capitalised words then a legal-form suffix ("Acme Data Co., Ltd.").
_EN_COMPANY_RE = regex.compile(
    rf"(?P<name>(?:[A-Z][\w&'’.-]{{0,30}},?\s){{1,5}}(?:{alternation(_CP['en_suffixes'])}))(?![\p{{Latin}}])"
)
_EN_COMPANY_LEADING_RE = regex.compile(r"^(?:(?:The|On|In|As|At|By|For|From|According|Recently|And|But|With|Under|After|While|When|A|An)\s)+")

_SURNAME_ALT = alternation(_SURNAMES)
_STOP_ALT = alternation(_STOPS)
# A Chinese person: a title, then a name (surname-led Han name, or a transliteration with "·").
_ZH_PERSON_RE = regex.compile(
    rf"""
    (?P<title>{alternation(_TITLES_ZH)})(?!会|员会)
    (?P<name>(?:{_SURNAME_ALT})\p{{Han}}{{1,2}}|\p{{Han}}{{1,6}}·\p{{Han}}{{1,4}}(?:·\p{{Han}}{{1,4}})?)
    """,
    regex.VERBOSE,
)
_ZH_STOP_RE = regex.compile(rf"^(?:{_STOP_ALT}|[\p{{P}}\s]|$)")
# An English personal name: 2-3 capitalised words (hyphenated given names allowed).
_EN_NAME = r"(?P<name>[A-Z][a-z’']{1,20}(?:-[A-Za-z][a-z]{1,20})?(?:\s[A-Z]\.)?(?:\s(?:van\s|von\s|de\s|del\s|da\s)?[A-Z][a-z’']{1,20}(?:-[A-Z][a-z]{1,20})?){1,2})"
# "Liehong Liu, the vice minister" / "Lina Khan, Chair of the FTC".
_EN_PERSON_AFTER_RE = regex.compile(
    rf"{_EN_NAME},\s(?:the\s|a\s)?(?:[a-z-]{{1,15}}\s){{0,2}}(?:{alternation(_TITLES_EN)})\b"
)
# "Vice Minister Liehong Liu", "FTC Chairwoman Lina Khan", "Commissioner Rohit Chopra".
_EN_PERSON_BEFORE_RE = regex.compile(
    rf"(?<![\p{{Latin}}])(?:{alternation(t for t in _TITLES_EN if t[0].isupper())})\s{_EN_NAME}"
)
# Capitalised words that are never part of a personal name here.
_EN_NOT_NAME = frozenset(
    "The This That Data Protection Commission Authority Ministry Office Board Committee Agency Court Law Act "
    "Information Technology Security National Federal European China Chinese Internet Trade App Apps On In As "
    "Department Bureau Administration Council Parliament Congress State Union General Standing People Republic".split()
)


@dataclass(frozen=True, slots=True)
class NameMention:
    """A company or person in one language; ``key`` pairs it across languages when known."""

    text: str
    start: int
    key: str | None = None  # gazetteer company (canonical en) or a surname's pinyin


def find_companies(text: str, lang: Lang, gazetteer: Gazetteer) -> list[NameMention]:
    """Companies from the gazetteer, then name shapes the gazetteer lacks; in order, once each."""
    out: list[NameMention] = []
    taken: list[tuple[int, int]] = []
    pattern = gazetteer.company_zh_re if lang == "zh" else gazetteer.company_en_re
    names = gazetteer.company_names_zh if lang == "zh" else gazetteer.company_names_en
    if pattern is not None:
        for m in pattern.finditer(text):
            company = gazetteer.companies[names[m.group(0)]]
            out.append(NameMention(company.zh if lang == "zh" else company.en, m.start(), key=company.en))
            taken.append((m.start(), m.end()))
    shape = _ZH_COMPANY_RE if lang == "zh" else _EN_COMPANY_RE
    for m in shape.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        name = m.group("name")
        if lang == "zh":
            name = _ZH_LEADING_RE.sub("", name)
            if _ZH_GENERIC_HEAD_RE.match(name) or len(name) < 4:
                continue
            if not (m.start() == 0 or regex.match(r"[^\p{Han}]", text[m.start() - 1])):
                continue  # the left edge of a Chinese name is only sure after punctuation
        else:
            name = _EN_COMPANY_LEADING_RE.sub("", name).strip().rstrip(",")
            if len(name.split()) < 2:
                continue
        out.append(NameMention(name, m.start()))
    out.sort(key=lambda n: n.start)
    return _unique(out)


def _unique(mentions: Sequence[NameMention]) -> list[NameMention]:
    seen: set[str] = set()
    out: list[NameMention] = []
    for n in mentions:
        ident = n.key or n.text
        if ident not in seen:
            seen.add(ident)
            out.append(n)
    return out


def _zh_name(match: regex.Match[str], text: str) -> str:
    """Cut a title-led Chinese name where a verb, particle or punctuation begins."""
    name = match.group("name")
    start = match.start("name")
    if "·" in name:
        last_dot = name.rindex("·")
        for cut in range(last_dot + 2, len(name)):
            if _ZH_STOP_RE.match(text[start + cut : start + cut + 3]):
                return name[:cut]
        return name
    for length in (3, 2):  # surname + 2, surname + 1
        if len(name) >= length and _ZH_STOP_RE.match(text[start + length : start + length + 3]):
            return name[:length]
    return name[:3]


def find_people(text: str, lang: Lang) -> list[NameMention]:
    """People named next to a title; in order, once each."""
    out: list[NameMention] = []
    if lang == "zh":
        for m in _ZH_PERSON_RE.finditer(text):
            name = _zh_name(m, text)
            key = None if "·" in name else _SURNAMES.get(name[0])
            out.append(NameMention(name, m.start("name"), key=key))
    else:
        for pattern in (_EN_PERSON_AFTER_RE, _EN_PERSON_BEFORE_RE):
            for m in pattern.finditer(text):
                name = m.group("name")
                words = name.split()
                if any(w in _EN_NOT_NAME for w in words):
                    continue
                out.append(NameMention(name, m.start("name"), key=None))
        out.sort(key=lambda n: n.start)
    return _unique(out)


def pinyin_matches(zh: NameMention, en: NameMention) -> bool:
    """Whether an English spelling carries the Chinese name's surname (either order)."""
    if not zh.key:
        return False
    words = [w.strip(".,").lower() for w in en.text.split()]
    return zh.key.lower() in (words[0], words[-1]) if words else False


__all__ = ["NameMention", "find_companies", "find_people", "pinyin_matches"]
