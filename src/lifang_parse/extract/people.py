"""People named in an item: "副部长刘烈宏" / "Liehong Liu, the vice minister".

Why: a reader follows who spoke and who was sanctioned. A person is found
next to a title (zh: the title before the name; en: the title before the
name or ", the <title>" after it), or glossed with their own spelling
("约翰·伯克曼（John M. Burkman）"). A Chinese name pairs with the English
spelling that carries its surname's pinyin (:func:`pinyin_matches`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

import regex

from lifang_parse.extract.lexicon import alternation, lexicon
from lifang_parse.extract.mention import NOT_NAME_WORDS, Lang, NameMention

_LEX = lexicon()
_SURNAMES: dict[str, str] = _LEX["zh_surnames"]
_TITLES_ZH: list[str] = _LEX["person_titles"]["zh"]
_TITLES_EN: list[str] = _LEX["person_titles"]["en"]
_STOPS: list[str] = _LEX["zh_name_stops"]
_NEVER_LAST: frozenset[str] = frozenset(_LEX["zh_name_never_last"]["chars"])

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
# One capitalised word of a personal name, in any Latin spelling ("Dragoş", "Müller"), hyphenated parts
# allowed ("Jean-Claude", "Smith-Jones").
_EN_NAME_WORD = r"\p{Lu}[\p{Ll}\p{M}’']{1,20}(?:-\p{L}[\p{Ll}\p{M}]{1,20})?"
_EN_NAME_PLAIN = rf"{_EN_NAME_WORD}(?:\s\p{{Lu}}\.)?(?:\s(?:van\s|von\s|de\s|del\s|da\s)?{_EN_NAME_WORD}){{1,2}}"
# An English personal name: 2-3 capitalised words.
_EN_NAME = rf"(?P<name>{_EN_NAME_PLAIN})"
# A nationality before a title ("an Italian Member of the European Parliament", "a Romanian MEP").
_NATIONALITY = r"[A-Z][a-z]{2,15}(?:an|ian|ese|ish|ch|i)"
# "Liehong Liu, the vice minister" / "Lina Khan, Chair of the FTC" / "Cheng Wei, DiDi's chairman" (an
# organisation's possessive before the title).
_EN_PERSON_AFTER_RE = regex.compile(
    rf"{_EN_NAME},\s(?:the\s|an?\s|[A-Z][\w&.-]{{0,30}}['’]s\s)?(?:(?:[a-z-]{{1,15}}|{_NATIONALITY})\s){{0,2}}(?:{alternation(_TITLES_EN)})\b"
)
# "Vice Minister Liehong Liu", "FTC Chairwoman Lina Khan", "Commissioner Rohit Chopra".
_EN_PERSON_BEFORE_RE = regex.compile(
    rf"(?<![\p{{Latin}}-])(?:{alternation([*(t for t in _TITLES_EN if t[0].isupper()), *_LEX['person_titles']['en_before_lower']])})\s{_EN_NAME}"
)
# More names of a list a title leads: "co-rapporteurs Brando Benifei and Dragoş Tudorache", "A, B and C".
_EN_LIST_NEXT_RE = regex.compile(rf"(?:,\s(?:and\s)?|\sand\s)(?P<name>{_EN_NAME_PLAIN})(?![\p{{L}}\p{{M}}])")
_EN_TITLE_WORDS = frozenset(w for t in _TITLES_EN for w in t.split() if w[0].isupper())


# "约翰·伯克曼（John M. Burkman）": a transliterated name with its original spelling in brackets.
_ZH_PERSON_GLOSS_RE = regex.compile(
    r"(?P<name>\p{Han}{1,8}·\p{Han}{1,8}(?:·\p{Han}{1,8})?)[（(](?P<en>\p{Lu}[\p{L}\p{M}.’'\s-]{1,60}?)[）)]"
)


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
    if len(name) >= 3 and name[2] in _NEVER_LAST:
        return name[:2]  # "李强已于": 已 ends no name
    for length in (3, 2):  # surname + 2, surname + 1
        if len(name) >= length and _ZH_STOP_RE.match(text[start + length : start + length + 3]):
            return name[:length]
    return name[:3]


# A title inside a run of Han characters before a transliterated name: the name starts after the last one.
_ZH_TITLE_IN_RUN_RE = regex.compile(rf"(?:{alternation(_TITLES_ZH)})(?!会|员会)")
# What stands before a transliterated name in its run of Han characters: a title, a verb or preposition.
_ZH_GLOSS_CUT_RE = regex.compile(rf"(?:{alternation(_TITLES_ZH)}|拟对|对|向|与|和|及|包括|据|称|由|被|分别为|分别是|为|是)")


# More transliterated names of a list a title leads: "联合报告员布兰多·贝尼费和德拉戈什·图多拉凯",
# "A、B及C" (only ·-names: their edges are sure; a Han name's end is not, without a title before it).
_ZH_LIST_NEXT_RE = regex.compile(r"(?:和|及|与|以及|、)(?P<name>\p{Han}{1,6}·\p{Han}{1,4}(?:·\p{Han}{1,4})?)")


def _latin_variants() -> dict[str, str]:
    """ASCII letter -> a class of it and its accented forms (s -> [sşșśšŝ...]), from Unicode decompositions."""
    groups: dict[str, set[str]] = {}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if base.isascii() and base.isalpha() and base != ch:
            groups.setdefault(base, {base}).add(ch)
    return {b: "[" + "".join(sorted(v)) + "]" for b, v in groups.items()}


# A Latin name looked for across spellings that differ in diacritics only ("Dragoş" / "Dragoș" / "Dragos").
_LATIN_VARIANTS = _latin_variants()


def _spelling_pattern(name: str) -> regex.Pattern[str]:
    """A literal name, each letter matching its accented forms; not inside a longer Latin word."""
    parts = []
    for ch in name:
        base = unicodedata.normalize("NFD", ch)[0]
        parts.append(_LATIN_VARIANTS.get(base, regex.escape(ch)) if base.isascii() and base.isalpha() else regex.escape(ch))
    return regex.compile(rf"(?<![\p{{Latin}}\p{{M}}]){''.join(parts)}(?![\p{{Latin}}\p{{M}}])")


def _unique(mentions: Sequence[NameMention]) -> list[NameMention]:
    """One mention per person (by key, else by spelling), the first kept."""
    seen: set[str] = set()
    out: list[NameMention] = []
    for n in mentions:
        ident = n.key or n.text
        if ident not in seen:
            seen.add(ident)
            out.append(n)
    return out


def _zh_glossed(text: str, claim: Callable[[NameMention], None]) -> None:
    """"约翰·伯克曼（John M. Burkman）": the name, keyed by its own spelling (found again in English)."""
    for m in _ZH_PERSON_GLOSS_RE.finditer(text):
        name = m.group("name")
        head = name.split("·")[0]
        cuts = list(_ZH_GLOSS_CUT_RE.finditer(head))
        if cuts:
            name = name[cuts[-1].end() :]
        claim(NameMention(name, m.end("name") - len(name), key=m.group("en").strip(), known=True))


def _zh_people(text: str) -> list[NameMention]:
    """Chinese people: glossed names, then title-led names and the rest of a list the title leads."""
    out: list[NameMention] = []
    claimed = bytearray(len(text) + 1)  # name starts already found (linear checks on long inputs)

    def claim(n: NameMention) -> None:
        claimed[n.start : n.start + len(n.text)] = b"\x01" * len(n.text)
        out.append(n)

    _zh_glossed(text, claim)
    for m in _ZH_PERSON_RE.finditer(text):
        if claimed[m.start("name")]:
            continue
        name = _zh_name(m, text)
        start = m.start("name")
        if "·" in name:
            # "主任委员卡梅·阿蒂加斯": the title run goes on into the name's head; cut at its last title
            cuts = list(_ZH_TITLE_IN_RUN_RE.finditer(name[: name.index("·")]))
            if cuts:
                name, start = name[cuts[-1].end() :], start + cuts[-1].end()
            if not name or name[0] == "·" or claimed[start]:
                continue
        key = None if "·" in name else _SURNAMES.get(name[0])
        claim(NameMention(name, start, key=key))
        at = start + len(name)
        for _ in range(8):  # the rest of a list the title leads (bounded)
            nxt = _ZH_LIST_NEXT_RE.match(text, at)
            if nxt is None or claimed[nxt.start("name")]:
                break
            more = _zh_name(nxt, text)
            claim(NameMention(more, nxt.start("name"), key=None))
            at = nxt.start("name") + len(more)
    out.sort(key=lambda n: n.start)
    return out


def _en_people(text: str, also: Sequence[str]) -> list[NameMention]:
    """English people: spellings the Chinese glossed, then names next to a title (and a list it leads)."""
    out: list[NameMention] = []
    claimed = bytearray(len(text) + 1)

    def claim(n: NameMention) -> None:
        claimed[n.start : n.start + len(n.text)] = b"\x01" * len(n.text)
        out.append(n)

    for literal in also:
        for lm in _spelling_pattern(literal).finditer(text):
            claim(NameMention(lm.group(0), lm.start(), key=literal, known=True))
    for pattern in (_EN_PERSON_AFTER_RE, _EN_PERSON_BEFORE_RE):
        for m in pattern.finditer(text):
            name = m.group("name")
            if any(w in NOT_NAME_WORDS for w in name.split()) or claimed[m.start("name")]:
                continue
            claim(NameMention(name, m.start("name"), key=None))
            if pattern is not _EN_PERSON_BEFORE_RE:
                continue
            at = m.end("name")
            for _ in range(8):  # the rest of a list the title leads (bounded)
                nxt = _EN_LIST_NEXT_RE.match(text, at)
                if nxt is None or claimed[nxt.start("name")]:
                    break
                if any(w in NOT_NAME_WORDS or w in _EN_TITLE_WORDS for w in nxt.group("name").split()):
                    break
                claim(NameMention(nxt.group("name"), nxt.start("name"), key=None))
                at = nxt.end("name")
    out.sort(key=lambda n: n.start)
    return out


def find_people(text: str, lang: Lang, *, also: Sequence[str] = ()) -> list[NameMention]:
    """People named next to a title, or glossed with their own spelling; in order, once each.

    ``also``: spellings the Chinese glossed ("约翰·伯克曼（John M. Burkman）") to look for in English.
    """
    return _unique(_zh_people(text) if lang == "zh" else _en_people(text, also))


def pinyin_matches(zh: NameMention, en: NameMention) -> bool:
    """Whether an English spelling carries the Chinese name's surname (either order), or is its gloss."""
    if not zh.key:
        return False
    if en.key is not None:
        return zh.key == en.key
    words = [w.strip(".,").lower() for w in en.text.split()]
    return zh.key.lower() in (words[0], words[-1]) if words else False


__all__ = ["find_people", "pinyin_matches"]
