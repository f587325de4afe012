"""Companies and people named in an item, paired across the two languages.

Why: "百度" and "Baidu", "副部长刘烈宏" and "Liehong Liu, the vice minister" are
one entity for a reader. Companies come from the gazetteer
(``data/companies.json``) and from name shapes (…有限公司, … Inc., … Co., Ltd.);
people from a title next to a name (zh: the title before the name; en: the
title before the name or ", the <title>" after it). A Chinese name pairs with
the English spelling that carries its surname's pinyin, else in order.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import regex

from lifang_parse.extract.gazetteer import Gazetteer
from lifang_parse.extract.lexicon import alternation, lexicon
from lifang_parse.extract.numbers import ZH_NUMERAL, parse_number

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
# What may stand between a known company and 公司 without naming another one: "字节跳动关联公司", "腾讯子公司".
_ZH_RELATION_RE = regex.compile(rf"^(?:{alternation(_CP['zh_relation_heads'])})+$")
# A definition right after a name: （“腾讯”） / ("Tencent"); the bracket may first gloss the name in English
# (美光科技公司（Micron Technology, Inc.，“美光”）) or define one name for the whole coordination before it (joint:
# Amazon.com, Inc.和Amazon.com Services LLC（合称“亚马逊”） / (together, "Amazon")).
_DEFINITION_RE = regex.compile(
    r"^\s?[（(]\s?(?:(?P<gloss>[A-Z][^（）()“”\"\n]{0,60}?)\s?[，,]\s?)?"
    rf"(?:(?P<joint>{alternation(_CP['joint_definition_words'])})[，,]?\s?)?"
    r"(?:hereinafter\s)?[“\"](?P<d>[^”\"]{1,40})[”\"]"
)
# A Latin letter or digit: a Latin name's neighbour that would make it part of a longer word.
_LATIN_CHAR_RE = regex.compile(r"[\p{Latin}\p{N}]")
# What may stand between two legal names that one joint definition names together ("A和B", "A, B and C").
_COORDINATION_RE = regex.compile(rf"^\s?(?:{alternation(_CP['coordination_words'])})\s?$")
# Where a service-kind gazetteer name (data/companies.json kind "service") names the service, not a company:
# a service word right after it (after a possessive: within three words), a quoted name or a version number
# right after it, or a usage word right before it (lexicon company_patterns, _service_doc).
_ZH_SERVICE_AFTER_RE = regex.compile(
    rf"^(?:\s?[（(][^（）()\n]{{1,30}}[）)])?[）)]?\s?(?:的)?(?:{alternation(_CP['zh_service_after'])}|[“\"「]|\d{{1,3}}(?:\.\d{{1,3}}){{0,2}}\b|\s?(?i:{alternation(_CP['en_service_after'])})\b)"
)
_ZH_SERVICE_BEFORE_RE = regex.compile(rf"(?:{alternation(_CP['zh_service_before'])})$")
_EN_SERVICE_AFTER_RE = regex.compile(
    rf"^(?:\s(?i:{alternation(_CP['en_service_after'])})\b|\s?[“\"]|\s\d{{1,3}}(?:\.\d{{1,3}}){{0,2}}\b"
    rf"|['’]s(?:\s[\w$-]{{1,20}}){{0,2}}\s(?i:{alternation(_CP['en_service_after'])})\b)"
)
_EN_SERVICE_BEFORE_RE = regex.compile(rf"(?<![\w-])(?i:{alternation(_CP['en_service_before'])})\s$")
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
# Words that cut a Chinese company-shaped run: verbs, particles (的, 了) and role nouns (运营主体) before the
# name proper; a cut word right before the legal form is part of the name (阿里巴巴投资有限公司).
_ZH_CUT_RE = regex.compile(alternation(_CP["zh_cut_words"]))
# A bare company word (公司, 集团) rather than a legal form (有限公司): "Meta公司" is Meta, and
# "美国面部识别公司Clearview AI Inc." is a description standing before the name.
_ZH_BARE_SUFFIX_RE = regex.compile(rf"(?:{alternation(_CP['zh_bare_suffixes'])})$")
_LATIN_NAME_RE = regex.compile(r"^[A-Za-z][A-Za-z0-9&.'’ -]{0,40}$")
# An English legal form at the end of a name ("Clearview AI Inc." -> "Clearview AI").
_EN_SUFFIX_TAIL_RE = regex.compile(rf",?\s(?:{alternation(_CP['en_suffixes'])})$")
_ZH_BAD_NAME_RE = regex.compile(r"其他|该|这|那|此|各|某些|一家|多家|两家|在")
_EN_NOT_COMPANY: tuple[str, ...] = tuple(_CP["en_not_companies"])

# A bare 公司 needs a name-like left part (data/lexicon.json, company_patterns): a place prefix ("北京…公司",
# "深圳市…公司"); a known or Latin name and a definition after it are checked in code. Not "审议公司", "滴滴退市是公司".
_ZH_PLACE_PREFIX_RE = regex.compile(
    rf"^(?:{alternation(_CP['zh_place_prefixes'])})(?:{alternation(_CP['zh_place_endings'])})?\p{{Han}}"
)
# A count phrase before the company word is no name: "五家公司", "14家企业", "两家公司".
_ZH_COUNTED_RE = regex.compile(rf"(?:\d{{1,6}}|{ZH_NUMERAL})[余多]?家")
# The close of a Chinese enumeration of companies: (等)N家(公司|企业…). Anchored here, the list is read
# backwards from it (one bounded window per match, so long texts stay linear).
_ZH_ENUM_CLOSE_RE = regex.compile(
    rf"(?P<etc>等)?(?P<n>\d{{1,6}}|{ZH_NUMERAL})[余多]?家(?:{alternation(_CP['zh_enumeration_heads'])})"
)
# Where the clause holding the list begins (anything but the list separator 、 ends it).
_ZH_CLAUSE_EDGE_RE = regex.compile(r"[，,。；;：:！？!?（）()《》〈〉“”\"「」\s]")
_ZH_ENUM_SEP_RE = regex.compile(alternation(_CP["zh_enumeration_separators"]))
# The conjunction before the last element; not at the element's first character ("以及和黄医药": 以及, then 和黄医药).
_ZH_ENUM_CONJ_RE = regex.compile(rf"(?<=\S\S)(?:{alternation(_CP['zh_enumeration_conjunctions'])})")
_ZH_ENUM_LEADING_RE = regex.compile(rf"^(?:{alternation(_CP['zh_enumeration_leading'])})+")
# One enumerated name: Han/Latin, 2-12 characters, no clause words.
_ZH_ENUM_NAME_RE = regex.compile(r"^[\p{Han}A-Za-z][\p{Han}A-Za-z0-9&.·\s-]{1,9}$")
# An English enumeration after a count noun: "five companies, BeiGene, Yum China, Zai Lab, ACM Research and
# HUTCHMED", "14 enterprises such as Baidu, Tencent, ... and ByteDance". Names: 1-4 capitalised tokens.
_EN_ENUM_NAME = r"[A-Z][\w&.'’-]{0,30}(?:\s[A-Z][\w&.'’-]{0,30}){0,3}"
_EN_ENUM_RE = regex.compile(
    rf"\b(?:{alternation(_CP['en_enumeration_nouns'])})(?:,|:|\s(?:{alternation(_CP['en_enumeration_cues'])}),?)\s"
    rf"(?P<list>{_EN_ENUM_NAME}(?:,\s{_EN_ENUM_NAME}){{0,10}},?\s(?:and|or)\s{_EN_ENUM_NAME})(?![\w-])"
)
_EN_ENUM_SPLIT_RE = regex.compile(r",\s(?:and\s|or\s)?|\s(?:and|or)\s")
# A sentence end inside an enumerated name ("... TikTok and Zalando. These platforms"): a period, a space and a
# capital, not after a legal-form abbreviation or an initial ("Acme Co. Ltd", "J. Smith"). The list stops there.
_EN_ENUM_SENTENCE_END_RE = regex.compile(
    rf"(?<!\b(?:{alternation(_CP['en_enumeration_abbreviations'])}|\b[A-Z]))\.\s(?=[A-Z])"
)


# What a known company acquired or invested in is a company too: "腾讯2018年投资猿辅导、", "阿里巴巴收购银泰商业股权";
# "Tencent's 2018 investment in Yuanfudao", "Alibaba's acquisition of shares in Intime Retail". Anchored right
# after a known company's name (one bounded match per known mention).
_ZH_ACQUIRED_RE = regex.compile(
    rf"(?:\d{{4}}年)?(?:{alternation(_CP['zh_acquisition_verbs'])})了?(?P<x>\p{{Han}}{{2,6}}?)(?={alternation(_CP['zh_acquisition_ends'])})"
)
_ZH_NOT_ACQUIRED_RE = regex.compile(alternation(_CP["zh_not_acquired"]))
_ZH_DEMONSTRATIVE_RE = regex.compile(r"(?:该|这|那|此|其|各|某|多家|一家|两家)")
_EN_POSSESSIVE_ACQ = alternation(p[3:] for p in _CP["en_acquisition_phrases"] if p[0] in "'’")
_EN_VERB_ACQ = alternation(p for p in _CP["en_acquisition_phrases"] if p[0] == " ")
_EN_ACQUIRED_RE = regex.compile(
    rf"(?:['’]s\s(?:\d{{4}}\s)?(?:{_EN_POSSESSIVE_ACQ})|(?:{_EN_VERB_ACQ}))"
    rf"\s(?:(?:{alternation(_CP['en_acquisition_objects'])})\s)?"
    r"(?P<x>[A-Z][\w&.-]{1,30}(?:\s[A-Z][\w&.-]{1,30}){0,3})(?![\w-])"
)


def _acquired(text: str, lang: Lang, known: list["_Candidate"]) -> list["_Candidate"]:
    """Companies named as what a known company acquired or invested in."""
    out: list[_Candidate] = []
    for c in known:
        if lang == "zh":
            m = _ZH_ACQUIRED_RE.match(text, c.end, min(len(text), c.end + 24))
            if m is None or _ZH_NOT_ACQUIRED_RE.search(m.group("x")) or _ZH_DEMONSTRATIVE_RE.match(m.group("x")):
                continue
            out.append(_Candidate(m.group("x"), m.start("x"), m.end("x"), None, m.group("x")))
        else:
            m = _EN_ACQUIRED_RE.match(text, c.end, min(len(text), c.end + 160))
            if m is None:
                continue
            x = m.group("x").rstrip(".")
            out.append(_Candidate(x, m.start("x"), m.start("x") + len(x), x, x))
    return out


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    start: int
    end: int
    key: str | None
    display: str
    product: bool = False
    service: bool = False  # a service-kind name used as the service here ("Facebook users"), not as an actor


def _service_usage(text: str, start: int, end: int, lang: Lang) -> bool:
    """Whether a service-kind name at [start, end) names the service (see _ZH_SERVICE_AFTER_RE)."""
    after = text[end : end + 60]
    before = text[max(0, start - 12) : start]
    if lang == "zh":
        return bool(_ZH_SERVICE_AFTER_RE.match(after) or _ZH_SERVICE_BEFORE_RE.search(before))
    return bool(_EN_SERVICE_AFTER_RE.match(after) or _EN_SERVICE_BEFORE_RE.search(before))


def _defined_identity(c: "_Candidate", short: str, gazetteer: Gazetteer, names: dict[str, int] | Any) -> tuple[str | None, str]:
    """(key, display) of a company that the text defines with a short name right after `c`."""
    index = names.get(short, gazetteer.company_names_en.get(short))
    if index is not None and (c.key is None or c.key == c.display):
        return gazetteer.companies[index].en, short
    if index is None and (c.key is None or c.key == c.display):
        # "Mandiant, Inc.（“Mandiant”）": an unknown legal name goes by the short name it defines (a Latin short
        # name is also the key both languages share).
        return (short if _LATIN_NAME_RE.match(short) else None), short
    return c.key, c.display


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


def _zh_enumeration(text: str, known: list["_Candidate"]) -> list["_Candidate"]:
    """Names listed before a count of companies ("A、B、C以及D五家公司"): each element is a company.

    The list is the clause before the count, split on 、 and, in its last element, on the first conjunction;
    words before the first element (将, 包括, ...) are dropped. The list must hold at least two names, all
    name-shaped, and as many as the count says (or fewer, when 等 "etc." stands before the count).
    """
    out: list[_Candidate] = []
    taken = bytearray(len(text) + 1)  # known companies' spans: an element holding one is that company
    for c in known:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    for m in _ZH_ENUM_CLOSE_RE.finditer(text):
        lo = max(0, m.start() - 120)
        window = text[lo : m.start()]
        edges = list(_ZH_CLAUSE_EDGE_RE.finditer(window))
        base = lo + (edges[-1].end() if edges else 0)
        clause = text[base : m.start()]
        if not _ZH_ENUM_SEP_RE.search(clause):
            continue  # one name, or a conjunction only: not sure enough to be a list
        parts: list[tuple[int, str]] = []
        at = base
        for piece in _ZH_ENUM_SEP_RE.split(clause):
            parts.append((at, piece))
            at += len(piece) + 1
        last_at, last = parts.pop()
        conj = _ZH_ENUM_CONJ_RE.search(last)
        if conj is not None:
            parts += [(last_at, last[: conj.start()]), (last_at + conj.end(), last[conj.end() :])]
        else:
            parts.append((last_at, last))
        first_at, first = parts[0]
        lead = _ZH_ENUM_LEADING_RE.match(first)
        if lead is not None:
            parts[0] = (first_at + lead.end(), first[lead.end() :])
        if any(
            not any(taken[a : a + len(p)]) and (not _ZH_ENUM_NAME_RE.match(p) or _ZH_BAD_NAME_RE.search(p) or _ZH_CUT_RE.search(p))
            for a, p in parts
        ):
            continue
        n = parse_number(m.group("n"))
        if n is None or (len(parts) != n if m.group("etc") is None else len(parts) > n):
            continue
        for start, name in parts:
            if not any(taken[start : start + len(name)]):
                out.append(_Candidate(name, start, start + len(name), None, name))
    return out


def _en_enumeration(text: str) -> list["_Candidate"]:
    """Names listed right after a count noun: "five companies, BeiGene, Yum China, ... and HUTCHMED"."""
    out: list[_Candidate] = []
    for m in _EN_ENUM_RE.finditer(text):
        at = m.start("list")
        for piece in _EN_ENUM_SPLIT_RE.split(m.group("list")):
            start = text.index(piece, at)
            end = _EN_ENUM_SENTENCE_END_RE.search(piece)
            at = start + (end.start() if end else len(piece))
            name = _EN_COMPANY_LEADING_RE.sub("", piece[: end.start()] if end else piece).strip()
            if name and not all(w in _EN_NOT_NAME for w in name.split()):
                out.append(_Candidate(name, at - len(name), at, name, name))
            if end:
                break  # the sentence ended: the rest is not the list
    return out


def _latin_shapes(text: str, gazetteer: Gazetteer) -> list[_Candidate]:
    """English legal names; a known name plus a legal form ("Clearview AI Inc.") is that known company."""
    out: list[_Candidate] = []
    for m in _EN_COMPANY_RE.finditer(text):
        name = _EN_COMPANY_LEADING_RE.sub("", m.group("name")).strip().rstrip(",")
        if len(name.split()) < 2 or any(bad in name for bad in _EN_NOT_COMPANY):
            continue
        start = m.end() - len(name)
        index = gazetteer.company_names_en.get(_EN_SUFFIX_TAIL_RE.sub("", name))
        key = gazetteer.companies[index].en if index is not None else name
        out.append(_Candidate(name, start, m.end(), key, name))
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
    known_keys = {c.en for c in gazetteer.companies}
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
            service = company.kind == "service" and _service_usage(text, m.start(), m.end(), lang)
            cands.append(_Candidate(surface, m.start(), m.end(), company.en, surface, product, service))
    cands += _latin_shapes(text, gazetteer)
    if lang == "en":
        cands += _en_enumeration(text)
    if lang == "zh":
        cands += _zh_enumeration(text, [c for c in cands if c.key is not None])
        gaz_spans = sorted((c.start, c.end) for c in cands if c.key is not None and not c.product)
        gaz_starts = {gs for gs, _ in gaz_spans}
        last_end = -1  # where the previous company-shaped run ended (a left edge, as punctuation is)
        for m in _ZH_COMPANY_RE.finditer(text):
            raw = m.group("name")
            run_edge = m.start() == 0 or m.start() == last_end or not regex.match(r"\p{Han}", text[m.start() - 1])
            last_end = m.end()
            suffix_at = len(_ZH_SUFFIX_RE.sub("", raw))
            cut = [c for c in _ZH_CUT_RE.finditer(raw) if c.end() != suffix_at]
            offset = cut[-1].end() if cut else 0
            # The first known name starting inside the run: a binary search keeps long texts linear.
            at = bisect.bisect_left(gaz_spans, (m.start() + offset, -1))
            inner_span = gaz_spans[at] if at < len(gaz_spans) and gaz_spans[at][0] < m.end() else None
            inner = inner_span[0] if inner_span is not None else None
            if inner_span is not None:
                offset = inner_span[0] - m.start()  # a known company's name starts the legal name
                rest = text[inner_span[1] : m.start() + suffix_at]
                if not rest or _ZH_RELATION_RE.match(rest):
                    continue  # "腾讯公司", "字节跳动关联公司": the known company itself (or a reference to it)
            name = _ZH_LEADING_RE.sub("", raw[offset:])
            start = m.end() - len(name)
            stem = _ZH_SUFFIX_RE.sub("", name)
            if _ZH_BARE_SUFFIX_RE.search(name) and (
                regex.match(r"[A-Z]", text[m.end() : m.end() + 1]) or m.end() in gaz_starts
            ):
                continue  # "美国面部识别公司Clearview AI Inc.": a description before the name
            if _ZH_BARE_SUFFIX_RE.search(name) and _LATIN_NAME_RE.match(stem) and (cut or start == m.start()):
                cands.append(_Candidate(stem, start, start + len(stem), stem, stem))  # "Meta公司" is Meta
                continue
            if name[len(stem) :] == "公司" and not (
                _ZH_PLACE_PREFIX_RE.match(name) or _DEFINITION_RE.match(text[m.end() : m.end() + 60])
            ):
                continue  # a bare 公司 after a verb or clause ("审议公司", "滴滴退市是公司") names no company
            if (
                _ZH_COUNTED_RE.search(name)
                or len(name) < 4
                or len(name) > 20
                or not stem
                or _ZH_GENERIC_STEM_RE.match(stem)
                or _ZH_BAD_NAME_RE.search(name)
                or not regex.match(r"[\p{Han}A-Za-z]", name)
            ):
                continue
            stripped = start > m.start() + offset  # a function word (和, 对) stood before the name
            if not (
                start == 0
                or not regex.match(r"\p{Han}", text[start - 1])
                or cut
                or inner is not None
                or (stripped and run_edge)
            ):
                continue  # the left edge of a Chinese name is only sure after punctuation, a verb or a conjunction
            cands.append(_Candidate(name, start, m.end(), None, name))
        for m in _ZH_ORG_LATIN_RE.finditer(text):
            name = m.group("name").strip()
            cands.append(_Candidate(name, m.start("name"), m.end("name"), name, name))
    cands += _acquired(text, lang, [c for c in cands if c.key is not None and not c.product and c.key in known_keys])
    for literal in also:
        for m in regex.finditer(rf"(?<![\p{{Latin}}]){regex.escape(literal)}(?![\p{{Latin}}])", text):
            cands.append(_Candidate(literal, m.start(), m.end(), literal, literal))
    # A defined short name names that company wherever it recurs ("Meta爱尔兰" later in the text is Meta
    # Ireland, not Meta); the English gloss inside a definition's bracket is the same company, not another.
    longest_at_end: dict[int, _Candidate] = {}
    for c in cands:
        if not c.product and (c.end not in longest_at_end or c.end - c.start > longest_at_end[c.end].end - longest_at_end[c.end].start):
            longest_at_end[c.end] = c
    glossed = bytearray(len(text) + 100)
    shorts: dict[str, tuple[int, str | None, str]] = {}  # short name -> (where its first definition ends, key, display)
    for end, c in sorted(longest_at_end.items()):
        d = _DEFINITION_RE.match(text[end : end + 100])
        if d is None:
            continue
        glossed[end : end + d.end()] = b"\x01" * d.end()  # the bracket names the company before it
        short = d.group("d").strip()
        if len(short) < 2 or _ZH_GENERIC_STEM_RE.match(short) or short in _CP["zh_suffixes"] or short in shorts:
            continue
        shorts[short] = (end + d.end(), *_defined_identity(c, short, gazetteer, names))
    if shorts:
        # One pass for all short names (longest first), so that many definitions stay linear; a Latin end of a
        # short name is not inside a longer Latin word ("Ring" is not in "Bring").
        for m in regex.finditer(alternation(shorts), text):
            short = m.group(0)
            after, key, display = shorts[short]
            if m.start() < after:
                continue
            if _LATIN_NAME_RE.match(short[0]) and m.start() > 0 and _LATIN_CHAR_RE.match(text[m.start() - 1]):
                continue
            if _LATIN_NAME_RE.match(short[-1]) and _LATIN_CHAR_RE.match(text[m.end() : m.end() + 1]):
                continue
            cands.append(_Candidate(short, m.start(), m.end(), key, display))
    cands = [c for c in cands if not any(glossed[c.start : c.end])]
    picked = _pick(cands)
    resolved: list[_Candidate] = []
    defined: dict[str, str] = {}  # group -> the short name the text defines for it
    for c in picked:
        d = _DEFINITION_RE.match(text[c.end : c.end + 100])
        if d is not None and not c.product:
            short = d.group("d").strip()
            key, display = _defined_identity(c, short, gazetteer, names)
            c = _Candidate(c.text, c.start, c.end, key, display, c.product)
            defined.setdefault(c.key or c.display, short)
            if d.group("joint"):
                # one name for each legal name of the coordination before it ("A和B（合称“亚马逊”）")
                first, k = c.start, len(resolved)
                while k > 0 and _COORDINATION_RE.match(text[resolved[k - 1].end : first]):
                    prev = resolved[k - 1]
                    resolved[k - 1] = _Candidate(prev.text, prev.start, prev.end, c.key, c.display, prev.product)
                    first, k = prev.start, k - 1
        resolved.append(c)
    picked = resolved
    # One mention per company: the short name the text defines for it ("滴滴全球股份有限公司（“滴滴公司”）" ->
    # 滴滴公司), else the shortest surface ("阿里巴巴集团控股有限公司" ... "阿里巴巴" -> 阿里巴巴).
    groups: dict[str, list[_Candidate]] = {}
    for c in picked:
        ident = ("product:" if c.product else "") + (c.key or c.display)
        groups.setdefault(ident, []).append(c)
    out: list[NameMention] = []
    for ident, group in groups.items():
        shortest = min(group, key=lambda c: len(c.display))
        if not ident.startswith("product:") and ident in defined:
            shortest = _Candidate(shortest.text, shortest.start, shortest.end, shortest.key, defined[ident])
        text_out = ("product:" + shortest.display) if ident.startswith("product:") else shortest.display
        if all(c.service for c in group) and not ident.startswith("product:"):
            text_out = "service:" + shortest.display  # enrich_item keeps it only if the other language has an actor
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
    for length in (3, 2):  # surname + 2, surname + 1
        if len(name) >= length and _ZH_STOP_RE.match(text[start + length : start + length + 3]):
            return name[:length]
    return name[:3]


# A title inside a run of Han characters before a transliterated name: the name starts after the last one.
_ZH_TITLE_IN_RUN_RE = regex.compile(rf"(?:{alternation(_TITLES_ZH)})(?!会|员会)")
# What stands before a transliterated name in its run of Han characters: a title, a verb or preposition.
_ZH_GLOSS_CUT_RE = regex.compile(rf"(?:{alternation(_TITLES_ZH)}|拟对|对|向|与|和|及|包括|据|称|由|被)")


# More transliterated names of a list a title leads: "联合报告员布兰多·贝尼费和德拉戈什·图多拉凯",
# "A、B及C" (only ·-names: their edges are sure; a Han name's end is not, without a title before it).
_ZH_LIST_NEXT_RE = regex.compile(r"(?:和|及|与|以及|、)(?P<name>\p{Han}{1,6}·\p{Han}{1,4}(?:·\p{Han}{1,4})?)")


def _latin_variants() -> dict[str, str]:
    """ASCII letter -> a class of it and its accented forms (s -> [sşșśšŝ...]), from Unicode decompositions."""
    import unicodedata

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
    import unicodedata

    parts = []
    for ch in name:
        base = unicodedata.normalize("NFD", ch)[0]
        parts.append(_LATIN_VARIANTS.get(base, regex.escape(ch)) if base.isascii() and base.isalpha() else regex.escape(ch))
    return regex.compile(rf"(?<![\p{{Latin}}\p{{M}}]){''.join(parts)}(?![\p{{Latin}}\p{{M}}])")


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
    else:
        for literal in also:
            for lm in _spelling_pattern(literal).finditer(text):
                claim(NameMention(lm.group(0), lm.start(), key=literal, known=True))
        for pattern in (_EN_PERSON_AFTER_RE, _EN_PERSON_BEFORE_RE):
            for m in pattern.finditer(text):
                name = m.group("name")
                words = name.split()
                if any(w in _EN_NOT_NAME for w in words):
                    continue
                if claimed[m.start("name")]:
                    continue
                claim(NameMention(name, m.start("name"), key=None))
                if pattern is not _EN_PERSON_BEFORE_RE:
                    continue
                at = m.end("name")
                for _ in range(8):  # the rest of a list the title leads (bounded)
                    nxt = _EN_LIST_NEXT_RE.match(text, at)
                    if nxt is None or claimed[nxt.start("name")]:
                        break
                    words = nxt.group("name").split()
                    if any(w in _EN_NOT_NAME or w in _EN_TITLE_WORDS for w in words):
                        break
                    claim(NameMention(nxt.group("name"), nxt.start("name"), key=None))
                    at = nxt.end("name")
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
