"""Companies no gazetteer knows: the evidence in the text itself.

Why a module of its own: these passes need no list of companies, only the
shapes a company's name takes and the places a story puts one — a legal
form (…有限公司, … Inc., … Ltd. Şti.), a list a count of companies closes or a
plural company noun opens, an apposition ("the pharmacy chain Rite Aid"), a
Latin name Chinese makes an actor or a target (对X处以…). ``companies.py``
runs them with the gazetteer's pass and settles overlaps and definitions.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from lifang_parse.extract.gazetteer import Gazetteer
from lifang_parse.extract.lexicon import alternation, lexicon
from lifang_parse.extract.mention import NOT_NAME_WORDS, NameKind
from lifang_parse.extract.numbers import ZH_NUMERAL, parse_number

_CP = lexicon()["company_patterns"]

# A Chinese company name the gazetteer lacks: Han/Latin run ending in a company suffix, not glued to more Han.
_ZH_COMPANY_RE = regex.compile(
    rf"(?P<name>[\p{{Han}}A-Za-z][\p{{Han}}A-Za-z0-9（）]{{1,29}}?(?:{alternation(_CP['zh_suffixes'])}))"
)
# A company-shaped phrase whose stem is only generic words ("互联网公司", "美国科技公司") names no company.
ZH_GENERIC_STEM_RE = regex.compile(rf"^(?:{alternation(_CP['zh_generic_heads'])})+$")
_ZH_SUFFIX_RE = regex.compile(rf"(?:{alternation(_CP['zh_suffixes'])})$")
# What may stand between a known company and 公司 without naming another one: "字节跳动关联公司", "腾讯子公司".
_ZH_RELATION_RE = regex.compile(rf"^(?:{alternation(_CP['zh_relation_heads'])})+$")
# A definition right after a name: （“腾讯”） / ("Tencent"); the bracket may first gloss the name in English
# (美光科技公司（Micron Technology, Inc.，“美光”）) or define one name for the whole coordination before it (joint:
# Amazon.com, Inc.和Amazon.com Services LLC（合称“亚马逊”） / (together, "Amazon")).
DEFINITION_RE = regex.compile(
    r"^\s?[（(]\s?(?:(?P<gloss>[A-Z][^（）()“”\"\n]{0,60}?)\s?[，,]\s?)?"
    rf"(?:(?P<joint>{alternation(_CP['joint_definition_words'])})[，,]?\s?)?"
    rf"(?:(?:{alternation(_CP['definition_words'])})[：:]?\s?)?[“\"](?P<d>[^”\"]{{1,40}})[”\"]"
)
_ZH_LEADING_RE = regex.compile(rf"^(?:{alternation(_CP['zh_leading_words'])})+")
# An English company name the gazetteer lacks: 1-5 capitalised words then a legal-form suffix ("Acme Data Co., Ltd.").
_EN_COMPANY_RE = regex.compile(
    rf"(?P<name>[A-Z][\p{{Latin}}0-9&'’.+-]{{0,30}},?\s"
    rf"(?:(?:[A-Z][\p{{Latin}}0-9&'’.+-]{{0,30}}|&|(?<![\p{{Latin}}])(?:{alternation(_CP['en_name_connectors'])})|\([A-Z][A-Za-z]{{1,20}}\)),?\s){{0,5}}"
    rf"(?:{alternation(_CP['en_suffixes'])}))(?![\p{{Latin}}])"
)
# Where a run of English legal names is cut: a comma after a legal form that ends a name ("... LLC, Google LLC").
_EN_LIST_OF_LEGAL_NAMES_RE = regex.compile(r"(?<=\b(?:LLC|Inc\.|Ltd\.|Limited|Corp\.|Corporation|GmbH|AG|plc|PLC|S\.A\.|Şti\.)),\s")
_EN_COMPANY_LEADING_RE = regex.compile(r"^(?:(?:The|On|In|As|At|By|For|From|According|Recently|And|But|With|Under|After|While|When|A|An)\s)+")
# "开发商Flo Health", "慈善机构Mermaids": a Chinese organisation noun, then a Latin-script name.
_ZH_ORG_LATIN_RE = regex.compile(
    rf"(?:{alternation(_CP['zh_org_nouns'])})(?P<name>[A-Z][\p{{Latin}}0-9&.'’+-]{{0,30}}(?:\s[A-Z][\p{{Latin}}0-9&.'’+-]{{0,30}}){{0,3}})(?![\p{{Latin}}])"
)
# An English apposition that calls a name a company: "the pharmacy chain Rite Aid" (up to three words before
# the noun), "CNKI, an academic database operator" (up to four).
_EN_NAME = r"[A-Z][\p{Latin}\d&.'’+-]{0,30}(?:\s[A-Z][\p{Latin}\d&.'’+-]{0,30}){0,3}"
_EN_ORG_NOUN = alternation(_CP["en_org_nouns"])
_EN_ORG_BEFORE_RE = regex.compile(
    rf"\b(?:the|a|an)\s(?:[a-zA-Z][\w-]{{0,20}}\s){{0,3}}?(?:{_EN_ORG_NOUN})\s(?P<name>{_EN_NAME})(?![\w-])"
)
_EN_ORG_AFTER_RE = regex.compile(
    rf"(?<![\w-])(?P<name>{_EN_NAME}),\s(?:a|an|the)\s(?:[\w-]{{1,20}}\s){{0,4}}?(?:{_EN_ORG_NOUN})\b"
)
# The opening of a Chinese list of companies that runs to the clause end ("收到指令的公司为A、B和C").
_ZH_OPEN_ENUM_RE = regex.compile(rf"(?:{alternation(_CP['zh_open_enumeration'])})[：:]?")
# A Latin name inside Chinese text (capitalised words), and what makes it an actor or a target there.
_ZH_LATIN_RUN_RE = regex.compile(
    r"(?<![\p{Latin}\d.&'’-])[A-Z][\p{Latin}\d&.'’+-]{0,30}(?:\s[A-Z][\p{Latin}\d&.'’+-]{0,30}){0,3}(?![\p{Latin}\d])"
)
_ZH_ACTOR_BEFORE_RE = regex.compile(rf"(?:{alternation(_CP['zh_actor_before'])})$")
_ZH_ACTOR_AFTER_RE = regex.compile(rf"(?:{alternation(_CP['zh_actor_after'])})")
# Where an open Chinese list ends: a clause mark or a bracket (names may hold spaces: "Character Technologies").
_ZH_LIST_END_RE = regex.compile(r"[，,。；;：:！？!?（(\n]")
# One element of an open Chinese list: a Han or Latin name.
_ZH_OPEN_NAME_RE = regex.compile(r"^[\p{Han}A-Za-z][\p{Han}\w&.·\s'’-]{0,30}$")
# Words that cut a Chinese company-shaped run: verbs, particles (的, 了) and role nouns (运营主体) before the
# name proper; a cut word right before the legal form is part of the name (阿里巴巴投资有限公司).
ZH_CUT_RE = regex.compile(alternation(_CP["zh_cut_words"]))
# A bare company word (公司, 集团) rather than a legal form (有限公司): "Meta公司" is Meta, and
# "美国面部识别公司Clearview AI Inc." is a description standing before the name.
_ZH_BARE_SUFFIX_RE = regex.compile(rf"(?:{alternation(_CP['zh_bare_suffixes'])})$")
LATIN_NAME_RE = regex.compile(r"^[A-Za-z][A-Za-z0-9&.'’ -]{0,40}$")
# An English legal form at the end of a name ("Clearview AI Inc." -> "Clearview AI").
_EN_SUFFIX_TAIL_RE = regex.compile(rf",?\s(?:{alternation(_CP['en_suffixes'])})$")
# Names shaped like a company that name none ("七国集团": the Group of Seven).
_ZH_NOT_COMPANY_RE = regex.compile(alternation(_CP["zh_not_companies"]))
_ZH_BAD_NAME_RE = regex.compile(r"其他|该|这|那|此|各|某些|一家|多家|两家|在")
_EN_NOT_COMPANY: tuple[str, ...] = tuple(_CP["en_not_companies"])
# A bare 公司 needs a name-like left part (data/lexicon.json, company_patterns): a place prefix ("北京…公司",
# "深圳市…公司"); a known or Latin name and a definition after it are checked in code. Not "审议公司", "滴滴退市是公司".
_ZH_PLACE_PREFIX_RE = regex.compile(
    rf"^(?:{alternation(_CP['zh_place_prefixes'])})(?:{alternation(_CP['zh_place_endings'])})?\p{{Han}}"
)
# A place right before a known name inside a legal name: part of the legal name (北京 + 快手科技有限公司).
_ZH_PLACE_BEFORE_RE = regex.compile(
    rf"(?:{alternation(_CP['zh_place_prefixes'])})(?:{alternation(_CP['zh_place_endings'])})?$"
)
# A count phrase before the company word is no name: "五家公司", "14家企业", "两家公司".
_ZH_COUNTED_RE = regex.compile(rf"(?:\d{{1,6}}|{ZH_NUMERAL})[余多]?家")
# The close of a Chinese enumeration of companies: (等)N家(公司|企业…). Anchored here, the list is read
# backwards from it (one bounded window per match, so long texts stay linear).
_ZH_ENUM_CLOSE_RE = regex.compile(
    rf"(?P<etc>等)?(?P<n>\d{{1,6}}|{ZH_NUMERAL})[余多]?家\p{{Han}}{{0,4}}?(?:{alternation(_CP['zh_enumeration_heads'])})"
)
# Where the clause holding the list begins (anything but the list separator 、 ends it).
ZH_CLAUSE_EDGE_RE = regex.compile(r"[，,。；;：:！？!?（）()《》〈〉“”\"「」\s]")
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
    rf"\b(?:{alternation(_CP['en_enumeration_nouns'])})(?:\s[a-z][\w-]{{0,20}}){{0,3}}?(?:,?\s(?:{alternation(_CP['en_enumeration_cues'])}),?|,|:)\s"
    rf"(?P<list>{_EN_ENUM_NAME}(?:,\s{_EN_ENUM_NAME}){{0,10}},?\s(?:and|or)\s{_EN_ENUM_NAME})(?![\w-])"
)
_EN_ENUM_SPLIT_RE = regex.compile(r",\s(?:and\s|or\s)?|\s(?:and|or)\s")
# A sentence end inside an enumerated name ("... TikTok and Zalando. These platforms"): a period, a space and a
# capital, not after a legal-form abbreviation or an initial ("Acme Co. Ltd", "J. Smith"). The list stops there.
_EN_ENUM_SENTENCE_END_RE = regex.compile(
    rf"(?<!\b(?:{alternation(_CP['en_enumeration_abbreviations'])}|\b[A-Z]))\.\s(?=[A-Z])"
    r"|\.\s(?=(?:The|This|These|That|It|Its|In|On|As|According|However)\s)"  # after "Corp." too, a new sentence
)
# Currency codes: "fined the company EUR 20 million" calls no company "EUR".
_CURRENCY_CODES = frozenset(k for k in lexicon()["en_currency_codes"] if not k.startswith("_"))
_HAN_RE = regex.compile(r"\p{Han}")
# A known company's own legal form right after its name (data: company_patterns.zh_own_legal_forms).
_ZH_OWN_FORM_RE = regex.compile(alternation(_CP["zh_own_legal_forms"]))
_CAPITAL_RE = regex.compile(r"[A-Z]")
# A name both a Latin letter or digit on its edges would make part of a longer word.
_NAME_START_RE = regex.compile(r"[\p{Han}A-Za-z]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A company-shaped span of one language's text, before overlaps are settled."""

    text: str
    start: int
    end: int
    key: str | None
    display: str
    kind: NameKind = "company"


def latin_shapes(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """English legal names; a known name plus a legal form ("Clearview AI Inc.") is that known company."""
    out: list[Candidate] = []
    for m in _EN_COMPANY_RE.finditer(text):
        whole = _EN_COMPANY_LEADING_RE.sub("", m.group("name")).strip().rstrip(",")
        at = m.end() - len(whole)
        for piece in _EN_LIST_OF_LEGAL_NAMES_RE.split(whole):  # "Google International LLC, Google LLC": two
            start = text.index(piece, at)
            at = start + len(piece)
            if len(piece.split()) < 2 or any(bad in piece for bad in _EN_NOT_COMPANY):
                continue
            index = gazetteer.company_names_en.get(_EN_SUFFIX_TAIL_RE.sub("", piece))
            key = gazetteer.companies[index].en if index is not None else piece
            out.append(Candidate(piece, start, at, key, piece))
    return out


def _zh_left_edge(text: str, m: regex.Match[str], known: list[tuple[int, int]]) -> tuple[int, bool, bool] | None:
    """Where inside a Chinese company-shaped run the name may begin: (offset, cut by a word, a known name
    starts it); None when the run is a known company itself ("腾讯公司", "字节跳动关联公司")."""
    raw = m.group("name")
    suffix_at = len(_ZH_SUFFIX_RE.sub("", raw))
    cut = [c for c in ZH_CUT_RE.finditer(raw) if c.end() != suffix_at]
    offset = cut[-1].end() if cut else 0
    # The first known name starting inside the run: a binary search keeps long texts linear.
    at = bisect.bisect_left(known, (m.start() + offset, -1))
    if at < len(known) and known[at][0] < m.end():
        offset = known[at][0] - m.start()  # a known company's name starts the legal name ...
        place = _ZH_PLACE_BEFORE_RE.search(raw[:offset])
        if place is not None:
            offset = place.start()  # ... after its place ("北京" in 北京快手科技有限公司)
        rest = text[known[at][1] : m.start() + suffix_at]
        if not rest or _ZH_RELATION_RE.match(rest):
            return None
        return offset, bool(cut), True
    return offset, bool(cut), False


def _zh_name_shaped(text: str, name: str, stem: str, end: int) -> bool:
    """Whether a Chinese legal-form phrase names a company, not a description or a count."""
    if name[len(stem) :] == "公司" and not (_ZH_PLACE_PREFIX_RE.match(name) or DEFINITION_RE.match(text[end : end + 60])):
        return False  # a bare 公司 after a verb or clause ("审议公司", "滴滴退市是公司") names no company
    return not (
        _ZH_NOT_COMPANY_RE.search(name)
        or _ZH_COUNTED_RE.search(name)
        or len(name) < 4
        or len(name) > 20
        or not stem
        or ZH_GENERIC_STEM_RE.match(stem)
        or _ZH_BAD_NAME_RE.search(name)
        or not _NAME_START_RE.match(name)
    )


def _zh_shape(
    text: str, m: regex.Match[str], known: list[tuple[int, int]], known_starts: set[int], run_edge: bool
) -> Candidate | None:
    """The company a Chinese legal-form run names, if its left edge is sure."""
    edge = _zh_left_edge(text, m, known)
    if edge is None:
        return None
    offset, cut, inner = edge
    name = _ZH_LEADING_RE.sub("", m.group("name")[offset:])
    start = m.end() - len(name)
    stem = _ZH_SUFFIX_RE.sub("", name)
    if _ZH_BARE_SUFFIX_RE.search(name):
        if _CAPITAL_RE.match(text[m.end() : m.end() + 1]) or m.end() in known_starts:
            return None  # "美国面部识别公司Clearview AI Inc.": a description before the name
        if LATIN_NAME_RE.match(stem) and (cut or start == m.start()):
            return Candidate(stem, start, start + len(stem), stem, stem)  # "Meta公司" is Meta
    if not _zh_name_shaped(text, name, stem, m.end()):
        return None
    stripped = start > m.start() + offset  # a function word (和, 对) stood before the name
    if not (start == 0 or not _HAN_RE.match(text[start - 1]) or cut or inner or (stripped and run_edge)):
        return None  # the left edge of a Chinese name is only sure after punctuation, a verb or a conjunction
    return Candidate(name, start, m.end(), None, name)


def zh_shapes(text: str, cands: Sequence[Candidate]) -> list[Candidate]:
    """Chinese legal names (…有限公司, …集团) and "开发商X"; a known name plus a legal form is that name."""
    known = sorted((c.start, c.end) for c in cands if c.key is not None and c.kind != "product")
    known_starts = {s for s, _ in known}
    out: list[Candidate] = []
    last_end = -1  # where the previous company-shaped run ended (a left edge, as punctuation is)
    for m in _ZH_COMPANY_RE.finditer(text):
        run_edge = m.start() == 0 or m.start() == last_end or not _HAN_RE.match(text[m.start() - 1])
        last_end = m.end()
        found = _zh_shape(text, m, known, known_starts, run_edge)
        if found is not None:
            out.append(found)
    for m in _ZH_ORG_LATIN_RE.finditer(text):
        name = m.group("name").strip()
        out.append(Candidate(name, m.start("name"), m.end("name"), name, name))
    for c in cands:
        own = _ZH_OWN_FORM_RE.match(text, c.end) if c.key is not None and c.kind != "product" else None
        if own is not None:  # "阿里巴巴集团" + "控股有限公司": the known company's own legal name (with its place)
            place = _ZH_PLACE_BEFORE_RE.search(text, max(0, c.start - 6), c.start)
            first = place.start() if place is not None else c.start
            out.append(Candidate(text[first : own.end()], first, own.end(), c.key, text[first : own.end()]))
    return out


def _zh_list_parts(text: str, base: int, clause: str) -> list[tuple[int, str]]:
    """The elements of a Chinese list (start, text): split on 、, the last one on its first conjunction,
    words before the first element (将, 包括, ...) dropped."""
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
    return parts


def zh_enumeration(text: str, known: list[Candidate]) -> list[Candidate]:
    """Names listed before a count of companies ("A、B、C以及D五家公司"): each element is a company.

    The list is the clause before the count; it must hold at least two names, all name-shaped, and as many
    as the count says (or fewer, when 等 "etc." stands before the count).
    """
    out: list[Candidate] = []
    taken = bytearray(len(text) + 1)  # known companies' spans: an element holding one is that company
    for c in known:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    for m in _ZH_ENUM_CLOSE_RE.finditer(text):
        lo = max(0, m.start() - 120)
        edges = list(ZH_CLAUSE_EDGE_RE.finditer(text[lo : m.start()]))
        base = lo + (edges[-1].end() if edges else 0)
        clause = text[base : m.start()]
        if not _ZH_ENUM_SEP_RE.search(clause):
            continue  # one name, or a conjunction only: not sure enough to be a list
        parts = _zh_list_parts(text, base, clause)
        if any(
            not any(taken[a : a + len(p)]) and (not _ZH_ENUM_NAME_RE.match(p) or _ZH_BAD_NAME_RE.search(p) or ZH_CUT_RE.search(p))
            for a, p in parts
        ):
            continue
        n = parse_number(m.group("n"))
        if n is None or (len(parts) != n if m.group("etc") is None else len(parts) > n):
            continue
        for start, name in parts:
            if not any(taken[start : start + len(name)]):
                out.append(Candidate(name, start, start + len(name), None, name))
    return out


def en_enumeration(text: str) -> list[Candidate]:
    """Names listed right after a count noun: "five companies, BeiGene, Yum China, ... and HUTCHMED"."""
    out: list[Candidate] = []
    for m in _EN_ENUM_RE.finditer(text):
        at = m.start("list")
        for piece in _EN_ENUM_SPLIT_RE.split(m.group("list")):
            start = text.index(piece, at)
            end = _EN_ENUM_SENTENCE_END_RE.search(piece)
            at = start + (end.start() if end else len(piece))
            name = _EN_COMPANY_LEADING_RE.sub("", piece[: end.start()] if end else piece).strip()
            if name and not all(w in NOT_NAME_WORDS for w in name.split()):
                out.append(Candidate(name, at - len(name), at, name, name))
            if end:
                break  # the sentence ended: the rest is not the list
    return out


def zh_open_enumeration(text: str) -> list[Candidate]:
    """Names a Chinese list of companies opens with its head noun ("收到指令的公司为A、B…和C"): at least three,
    each name-shaped, up to the clause end."""
    out: list[Candidate] = []
    for m in _ZH_OPEN_ENUM_RE.finditer(text):
        edge = _ZH_LIST_END_RE.search(text, m.end(), min(len(text), m.end() + 200))
        clause = text[m.end() : edge.start() if edge else min(len(text), m.end() + 200)]
        if not _ZH_ENUM_SEP_RE.search(clause):
            continue
        parts = [(a, p.removesuffix("等")) for a, p in _zh_list_parts(text, m.end(), clause)]
        if len(parts) < 3 or any(not _ZH_OPEN_NAME_RE.match(p) or ZH_CUT_RE.search(p) for _, p in parts):
            continue
        out += [Candidate(p, a, a + len(p), p if LATIN_NAME_RE.match(p) else None, p) for a, p in parts]
    return out


def zh_latin_actors(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """A Latin name inside Chinese that the story makes an actor or a target ("对Acme处以罚款", "Acme表示"):
    a company, unless it is a known agency or a short all-capital abbreviation (an agency the gazetteer lacks)."""
    out: list[Candidate] = []
    for m in _ZH_LATIN_RUN_RE.finditer(text):
        name = m.group(0).rstrip(".")
        before, after = text[max(0, m.start() - 2) : m.start()], text[m.end() : m.end() + 2]
        if not (_ZH_ACTOR_BEFORE_RE.search(before) or _ZH_ACTOR_AFTER_RE.match(after)):
            continue
        if name in gazetteer.agency_names_en or name in gazetteer.agency_names_zh or (name.isupper() and len(name) <= 5):
            continue
        if all(w in NOT_NAME_WORDS for w in name.split()) or name in _CURRENCY_CODES:
            continue
        out.append(Candidate(name, m.start(), m.start() + len(name), name, name))
    return out


def en_appositions(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Names an English apposition calls a company: "the pharmacy chain Rite Aid", "CNKI, an academic database
    operator" (not a known agency, not words that name nothing)."""
    out: list[Candidate] = []
    for pattern in (_EN_ORG_BEFORE_RE, _EN_ORG_AFTER_RE):
        for m in pattern.finditer(text):
            raw = m.group("name")
            end = _EN_ENUM_SENTENCE_END_RE.search(raw)
            raw = raw[: end.start()] if end else raw  # "Criteo. The CNIL": the sentence ended
            name = _EN_COMPANY_LEADING_RE.sub("", raw).rstrip(".")
            name = name.removesuffix("'s").removesuffix("’s")
            if not name or name in gazetteer.agency_names_en or name in _CURRENCY_CODES or all(w in NOT_NAME_WORDS for w in name.split()):
                continue
            start = m.start("name") + len(raw) - len(_EN_COMPANY_LEADING_RE.sub("", raw))
            out.append(Candidate(name, start, start + len(name), name, name))
    return out


__all__ = ["Candidate", "DEFINITION_RE", "LATIN_NAME_RE", "ZH_CLAUSE_EDGE_RE", "ZH_CUT_RE", "ZH_GENERIC_STEM_RE", "en_appositions", "en_enumeration", "latin_shapes", "zh_enumeration", "zh_latin_actors", "zh_open_enumeration", "zh_shapes"]
