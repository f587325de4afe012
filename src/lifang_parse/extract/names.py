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
    rf"(?P<name>[\p{{Han}}A-Za-z][\p{{Han}}A-Za-z0-9（）]{{1,29}}?(?:{alternation(_CP['zh_suffixes'])}))"
)
# A company-shaped phrase whose stem is only generic words ("互联网公司", "美国科技公司") names no company.
_ZH_GENERIC_STEM_RE = regex.compile(rf"^(?:{alternation(_CP['zh_generic_heads'])})+$")
_ZH_SUFFIX_RE = regex.compile(rf"(?:{alternation(_CP['zh_suffixes'])})$")
# A definition right after a name: （“腾讯”） / ("Tencent").
_DEFINITION_RE = regex.compile(r"^\s?[（(]\s?(?:hereinafter\s)?[“\"](?P<d>[^”\"]{1,40})[”\"]")
_ZH_LEADING_RE = regex.compile(
    r"^(?:根据|依据|按照|近日|日前|此前|同时|随后|其中|此外|对|向|与|和|及|由|被|将|在|据|称|是|为|经|要求|宣布|指控|起诉|处罚|罚款|约谈|就|等)+"
)
# An English company name the gazetteer lacks: 1-5 capitalised words then a legal-form suffix ("Acme Data Co., Ltd.").
_EN_COMPANY_RE = regex.compile(
    rf"(?P<name>(?:(?:[A-Z][A-Za-z0-9&'’.-]{{0,30}}|&),?\s){{1,5}}(?:{alternation(_CP['en_suffixes'])}))(?![\p{{Latin}}])"
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
    key: str | None = None  # gazetteer company (canonical en), a Latin name both languages write, or a surname's pinyin
    known: bool = False  # from the gazetteer (pairs only by key), not from a name's shape


# A name in Chinese quotes that is not a definition ("（“阿里巴巴”）" defines; "“滴滴出行”App" names a product).
_ZH_QUOTED_RE = regex.compile(r"(?<![（(])“(?P<q>[^“”\n]{1,30})”")
# "开发商Flo Health", "慈善机构Mermaids": a Chinese organisation noun, then a Latin-script name.
_ZH_ORG_LATIN_RE = regex.compile(
    rf"(?:{alternation(_CP['zh_org_nouns'])})(?P<name>[A-Z][A-Za-z0-9&.'’-]{{0,30}}(?:\s[A-Z][A-Za-z0-9&.'’-]{{0,30}}){{0,3}})(?![\p{{Latin}}])"
)
# Words that cut a Chinese company-shaped run: verbs and pronouns before the name proper.
_ZH_CUT_RE = regex.compile(
    r"(?:要求|收购|宣布|指控|起诉|处罚|罚款|约谈|责令|通知|认定|发现|披露|表示|旗下|包括|以及|其中|对于|关于|根据|依据|并购|投资|控告|与其|及其)"
)
_ZH_BAD_NAME_RE = regex.compile(r"其他|该|这|那|此|各|某些|一家|多家|两家|在")
_EN_NOT_COMPANY: tuple[str, ...] = tuple(_CP["en_not_companies"])


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    start: int
    end: int
    key: str | None
    display: str
    product: bool = False


def _pick(cands: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longer first (a legal name beats the short name inside it)."""
    chosen: list[_Candidate] = []
    size = max((c.end for c in cands), default=0)
    covered = bytearray(size)  # a mask keeps overlap checks linear on long inputs
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if not any(covered[c.start : c.end]):
            chosen.append(c)
            covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def _latin_shapes(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _EN_COMPANY_RE.finditer(text):
        name = _EN_COMPANY_LEADING_RE.sub("", m.group("name")).strip().rstrip(",")
        if len(name.split()) < 2 or any(bad in name for bad in _EN_NOT_COMPANY):
            continue
        start = m.end() - len(name)
        out.append(_Candidate(name, start, m.end(), name, name))
    return out


def find_companies(
    text: str, lang: Lang, gazetteer: Gazetteer, *, also: Sequence[str] = ()
) -> list[NameMention]:
    """Companies, in order, once each: gazetteer names, legal-form shapes, and (zh) "开发商X".

    ``also``: Latin names found in the other language to look for literally.
    A gazetteer name that Chinese quotes as a product (“滴滴出行”App) is not a
    company mention; such products are returned with ``text`` prefixed "product:".
    """
    cands: list[_Candidate] = []
    pattern = gazetteer.company_zh_re if lang == "zh" else gazetteer.company_en_re
    names = gazetteer.company_names_zh if lang == "zh" else gazetteer.company_names_en
    quoted = bytearray(len(text))  # inside a non-definition “…”: a product name
    if lang == "zh":
        for q in _ZH_QUOTED_RE.finditer(text):
            quoted[q.start("q") : q.end("q")] = b"\x01" * (q.end("q") - q.start("q"))
    if pattern is not None:
        for m in pattern.finditer(text):
            surface = m.group(0)
            index = names.get(surface)
            if index is None:
                index = gazetteer.company_names_en.get(surface)
            if index is None:
                continue
            company = gazetteer.companies[index]
            product = all(quoted[m.start() : m.end()])
            cands.append(_Candidate(surface, m.start(), m.end(), company.en, surface, product))
    cands += _latin_shapes(text)
    if lang == "zh":
        gaz_spans = [(c.start, c.end) for c in cands if c.key is not None and not c.product]
        for m in _ZH_COMPANY_RE.finditer(text):
            raw = m.group("name")
            cut = list(_ZH_CUT_RE.finditer(raw))
            offset = cut[-1].end() if cut else 0
            inner = next((gs for gs, ge in gaz_spans if m.start() + offset <= gs < m.end()), None)
            if inner is not None:
                offset = inner - m.start()  # a known company's name starts the legal name
            name = _ZH_LEADING_RE.sub("", raw[offset:])
            start = m.end() - len(name)
            stem = _ZH_SUFFIX_RE.sub("", name)
            if (
                len(name) < 4
                or len(name) > 20
                or not stem
                or _ZH_GENERIC_STEM_RE.match(stem)
                or _ZH_BAD_NAME_RE.search(name)
                or not regex.match(r"[\p{Han}A-Za-z]", name)
            ):
                continue
            if not (start == 0 or not regex.match(r"\p{Han}", text[start - 1]) or cut or inner is not None):
                continue  # the left edge of a Chinese name is only sure after punctuation or a verb
            cands.append(_Candidate(name, start, m.end(), None, name))
        for m in _ZH_ORG_LATIN_RE.finditer(text):
            name = m.group("name").strip()
            cands.append(_Candidate(name, m.start("name"), m.end("name"), name, name))
    for literal in also:
        for m in regex.finditer(rf"(?<![\p{{Latin}}]){regex.escape(literal)}(?![\p{{Latin}}])", text):
            cands.append(_Candidate(literal, m.start(), m.end(), literal, literal))
    picked = _pick(cands)
    resolved: list[_Candidate] = []
    for c in picked:
        if c.key is None or c.key == c.display:
            d = _DEFINITION_RE.match(text[c.end : c.end + 60])
            index = None
            if d is not None:
                index = names.get(d.group("d"), gazetteer.company_names_en.get(d.group("d")))
            if index is not None:
                company = gazetteer.companies[index]
                c = _Candidate(c.text, c.start, c.end, company.en, d.group("d"))  # type: ignore[union-attr]
        resolved.append(c)
    picked = resolved
    # One mention per company: the shortest surface names it ("阿里巴巴集团控股有限公司（“阿里巴巴”）" -> 阿里巴巴).
    groups: dict[str, list[_Candidate]] = {}
    for c in picked:
        ident = ("product:" if c.product else "") + (c.key or c.display)
        groups.setdefault(ident, []).append(c)
    out: list[NameMention] = []
    for ident, group in groups.items():
        shortest = min(group, key=lambda c: len(c.display))
        text_out = ("product:" + shortest.display) if ident.startswith("product:") else shortest.display
        known = group[0].key is not None and group[0].key in {c.en for c in gazetteer.companies}
        out.append(NameMention(text_out, group[0].start, key=group[0].key, known=known))
    out.sort(key=lambda n: n.start)
    return out


def _unique(mentions: Sequence[NameMention]) -> list[NameMention]:
    seen: set[str] = set()
    out: list[NameMention] = []
    for n in mentions:
        ident = n.key or n.text
        if ident not in seen:
            seen.add(ident)
            out.append(n)
    return out


# "约翰·伯克曼（John M. Burkman）": a transliterated name with its original spelling in brackets.
_ZH_PERSON_GLOSS_RE = regex.compile(
    r"(?P<name>\p{Han}{1,8}·\p{Han}{1,8}(?:·\p{Han}{1,8})?)[（(](?P<en>[A-Z][A-Za-z.’'\s-]{1,60}?)[）)]"
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
    for length in (3, 2):  # surname + 2, surname + 1
        if len(name) >= length and _ZH_STOP_RE.match(text[start + length : start + length + 3]):
            return name[:length]
    return name[:3]


# What stands before a transliterated name in its run of Han characters: a title, a verb or preposition.
_ZH_GLOSS_CUT_RE = regex.compile(rf"(?:{alternation(_TITLES_ZH)}|拟对|对|向|与|和|及|包括|据|称|由|被)")


def find_people(text: str, lang: Lang, *, also: Sequence[str] = ()) -> list[NameMention]:
    """People named next to a title, or glossed with their own spelling; in order, once each.

    ``also``: spellings the Chinese glossed ("约翰·伯克曼（John M. Burkman）") to look for in English.
    """
    out: list[NameMention] = []
    claimed = bytearray(len(text) + 1)  # name starts already found (linear checks on long inputs)

    def claim(n: NameMention) -> None:
        claimed[n.start : n.start + len(n.text)] = b"\x01" * len(n.text)
        out.append(n)

    if lang == "zh":
        for m in _ZH_PERSON_GLOSS_RE.finditer(text):
            name = m.group("name")
            head = name.split("·")[0]
            cuts = list(_ZH_GLOSS_CUT_RE.finditer(head))
            if cuts:
                name = name[cuts[-1].end() :]
            claim(NameMention(name, m.end("name") - len(name), key=m.group("en").strip(), known=True))
        for m in _ZH_PERSON_RE.finditer(text):
            if claimed[m.start("name")]:
                continue
            name = _zh_name(m, text)
            key = None if "·" in name else _SURNAMES.get(name[0])
            claim(NameMention(name, m.start("name"), key=key))
    else:
        for literal in also:
            for lm in regex.finditer(rf"(?<![\p{{Latin}}]){regex.escape(literal)}(?![\p{{Latin}}])", text):
                claim(NameMention(literal, lm.start(), key=literal, known=True))
        for pattern in (_EN_PERSON_AFTER_RE, _EN_PERSON_BEFORE_RE):
            for m in pattern.finditer(text):
                name = m.group("name")
                words = name.split()
                if any(w in _EN_NOT_NAME for w in words):
                    continue
                if claimed[m.start("name")]:
                    continue
                claim(NameMention(name, m.start("name"), key=None))
        out.sort(key=lambda n: n.start)
    return _unique(out)


def pinyin_matches(zh: NameMention, en: NameMention) -> bool:
    """Whether an English spelling carries the Chinese name's surname (either order), or is its gloss."""
    if not zh.key:
        return False
    if en.key is not None:
        return zh.key == en.key
    words = [w.strip(".,").lower() for w in en.text.split()]
    return zh.key.lower() in (words[0], words[-1]) if words else False


__all__ = ["NameMention", "find_companies", "find_people", "pinyin_matches"]
