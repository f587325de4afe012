"""Companies named in an item, in one language, once each.

Why: "百度" and "Baidu" are one actor for a reader who tracks who was fined.
``find_companies`` runs a few passes, each a kind of evidence, over one
language's text and keeps the longest non-overlapping candidates:

- gazetteer: names ``data/companies.json`` knows (a product where Chinese
  quotes it, a service where a service-kind name is used as the service);
- name shape: legal forms (…有限公司, … Inc., … Co., Ltd.) and "开发商X";
- enumerations: lists closed or opened by a count of companies;
- relations: what a known company acquired or invested in;
- definitions: （“X”） / ("X") after a name, and X wherever it recurs.

:func:`companies_in_both` runs them on both languages, lets each language
tell the other the Latin names it found, and settles products and services
across the two.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import regex

from lifang_parse.extract.gazetteer import Gazetteer
from lifang_parse.extract.lexicon import alternation, lexicon
from lifang_parse.extract.mention import NOT_NAME_WORDS, Lang, NameKind, NameMention
from lifang_parse.extract.numbers import ZH_NUMERAL, parse_number

_CP = lexicon()["company_patterns"]

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
    rf"(?:(?:{alternation(_CP['definition_words'])})[：:]?\s?)?[“\"](?P<d>[^”\"]{{1,40}})[”\"]"
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
# A name in Chinese quotes that is not a definition ("（“阿里巴巴”）" defines; "“滴滴出行”App" names a product).
_ZH_QUOTED_RE = regex.compile(r"(?<![（(])“(?P<q>[^“”\n]{1,30})”")
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
# A Chinese name right before a bracket that glosses it: "知网（" (the gloss follows).
_ZH_GLOSSED_RE = regex.compile(r"(?P<han>\p{Han}{2,12})[（(]$")
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
_ZH_CUT_RE = regex.compile(alternation(_CP["zh_cut_words"]))
# A bare company word (公司, 集团) rather than a legal form (有限公司): "Meta公司" is Meta, and
# "美国面部识别公司Clearview AI Inc." is a description standing before the name.
_ZH_BARE_SUFFIX_RE = regex.compile(rf"(?:{alternation(_CP['zh_bare_suffixes'])})$")
_LATIN_NAME_RE = regex.compile(r"^[A-Za-z][A-Za-z0-9&.'’ -]{0,40}$")
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
# What closes a list of platforms (data: company_patterns zh/en_platform_list_heads), and where an English
# list's clause begins (a sentence or clause mark other than the list's commas).
_ZH_PLATFORM_CLOSE_RE = regex.compile(rf"等\p{{Han}}{{0,4}}?(?:{alternation(_CP['zh_platform_list_heads'])})")
_EN_PLATFORM_CLOSE_RE = regex.compile(
    rf"\b(?:and|or)\sother\s(?:[a-z-]{{1,20}}\s){{0,3}}?(?:{alternation(_CP['en_platform_list_heads'])})\b"
)
_EN_LIST_EDGE_RE = regex.compile(r"[.;:](?:\s|$)|\b(?:As|as|such as|including)\s")
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

_HAN_RE = regex.compile(r"\p{Han}")
# A known company's own legal form right after its name (data: company_patterns.zh_own_legal_forms).
_ZH_OWN_FORM_RE = regex.compile(alternation(_CP["zh_own_legal_forms"]))
_CAPITAL_RE = regex.compile(r"[A-Z]")
# A name both a Latin letter or digit on its edges would make part of a longer word.
_NAME_START_RE = regex.compile(r"[\p{Han}A-Za-z]")


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A company-shaped span of one language's text, before overlaps are settled."""

    text: str
    start: int
    end: int
    key: str | None
    display: str
    kind: NameKind = "company"


# --- pass: the gazetteer -------------------------------------------------------------------------------------


def _quoted_mask(text: str) -> bytearray:
    """Where Chinese quotes a name that is no definition (“滴滴出行”App): a product's name."""
    quoted = bytearray(len(text))
    for q in _ZH_QUOTED_RE.finditer(text):
        quoted[q.start("q") : q.end("q")] = b"\x01" * (q.end("q") - q.start("q"))
    return quoted


def _service_usage(text: str, start: int, end: int, lang: Lang, *, after_only: bool = False) -> bool:
    """Whether a known name at [start, end) names a service (see _ZH_SERVICE_AFTER_RE): a service word after
    it ("微博平台", "LinkedIn users"); for a service-kind name also a usage word before it ("in Gmail"), which
    says nothing of a company's name ("investment in Yuanfudao": ``after_only``)."""
    after = text[end : end + 60]
    before = "" if after_only else text[max(0, start - 24) : start]
    if lang == "zh":
        return bool(_ZH_SERVICE_AFTER_RE.match(after) or (before and _ZH_SERVICE_BEFORE_RE.search(before)))
    return bool(_EN_SERVICE_AFTER_RE.match(after) or (before and _EN_SERVICE_BEFORE_RE.search(before)))


def _gazetteer_pass(text: str, lang: Lang, gazetteer: Gazetteer) -> list[_Candidate]:
    """Names the gazetteer knows, each with the kind its use here gives it (company, product, service)."""
    pattern = gazetteer.company_zh_re if lang == "zh" else gazetteer.company_en_re
    if pattern is None:
        return []
    names = gazetteer.company_names_zh if lang == "zh" else gazetteer.company_names_en
    quoted = _quoted_mask(text) if lang == "zh" else None
    out: list[_Candidate] = []
    for m in pattern.finditer(text):
        surface = m.group(0)
        index = names.get(surface)
        if index is None:
            index = gazetteer.company_names_en.get(surface)
        if index is None:
            continue
        company = gazetteer.companies[index]
        kind: NameKind = "company"
        if quoted is not None and all(quoted[m.start() : m.end()]):
            kind = "product"
        elif _service_usage(text, m.start(), m.end(), lang, after_only=company.kind != "service") or (
            company.kind == "service" and out and 0 <= m.start() - out[-1].end <= 1
        ):
            kind = "service"  # "微博平台", "LinkedIn users"; "Xiaomi App Store" (a service after its owner's name)
        out.append(_Candidate(surface, m.start(), m.end(), company.en, surface, kind))
    return _platform_lists(text, lang, _coordinated_services(text, out))


def _coordinated_services(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """Known names coordinated with a service ("on Facebook and Instagram", "在Facebook和Instagram上") are
    services too: one usage word speaks for the whole coordination."""
    out = list(cands)
    for _ in range(2):  # both ways along a short coordination
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if "service" in (a.kind, b.kind) and "product" not in (a.kind, b.kind) and _COORDINATION_RE.match(text[a.end : b.start]):
                out[i], out[i + 1] = replace(a, kind="service"), replace(b, kind="service")
    return out


def _platform_lists(text: str, lang: Lang, cands: list[_Candidate]) -> list[_Candidate]:
    """Known names in a list a platform noun closes ("必应搜索、抖音、新浪微博等网站平台", "Douyin, Sina Weibo and other
    websites and platforms") name the platforms: services, not companies."""
    pattern = _ZH_PLATFORM_CLOSE_RE if lang == "zh" else _EN_PLATFORM_CLOSE_RE
    out = list(cands)
    for m in pattern.finditer(text):
        edge = _ZH_CLAUSE_EDGE_RE if lang == "zh" else _EN_LIST_EDGE_RE
        starts = [e.end() for e in edge.finditer(text, max(0, m.start() - 120), m.start())]
        lo = starts[-1] if starts else max(0, m.start() - 120)
        out = [replace(c, kind="service") if lo <= c.start < m.start() and c.kind == "company" else c for c in out]
    return out


# --- pass: name shapes ---------------------------------------------------------------------------------------


def _latin_shapes(text: str, gazetteer: Gazetteer) -> list[_Candidate]:
    """English legal names; a known name plus a legal form ("Clearview AI Inc.") is that known company."""
    out: list[_Candidate] = []
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
            out.append(_Candidate(piece, start, at, key, piece))
    return out


def _zh_left_edge(text: str, m: regex.Match[str], known: list[tuple[int, int]]) -> tuple[int, bool, bool] | None:
    """Where inside a Chinese company-shaped run the name may begin: (offset, cut by a word, a known name
    starts it); None when the run is a known company itself ("腾讯公司", "字节跳动关联公司")."""
    raw = m.group("name")
    suffix_at = len(_ZH_SUFFIX_RE.sub("", raw))
    cut = [c for c in _ZH_CUT_RE.finditer(raw) if c.end() != suffix_at]
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
    if name[len(stem) :] == "公司" and not (_ZH_PLACE_PREFIX_RE.match(name) or _DEFINITION_RE.match(text[end : end + 60])):
        return False  # a bare 公司 after a verb or clause ("审议公司", "滴滴退市是公司") names no company
    return not (
        _ZH_NOT_COMPANY_RE.search(name)
        or _ZH_COUNTED_RE.search(name)
        or len(name) < 4
        or len(name) > 20
        or not stem
        or _ZH_GENERIC_STEM_RE.match(stem)
        or _ZH_BAD_NAME_RE.search(name)
        or not _NAME_START_RE.match(name)
    )


def _zh_shape(
    text: str, m: regex.Match[str], known: list[tuple[int, int]], known_starts: set[int], run_edge: bool
) -> _Candidate | None:
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
        if _LATIN_NAME_RE.match(stem) and (cut or start == m.start()):
            return _Candidate(stem, start, start + len(stem), stem, stem)  # "Meta公司" is Meta
    if not _zh_name_shaped(text, name, stem, m.end()):
        return None
    stripped = start > m.start() + offset  # a function word (和, 对) stood before the name
    if not (start == 0 or not _HAN_RE.match(text[start - 1]) or cut or inner or (stripped and run_edge)):
        return None  # the left edge of a Chinese name is only sure after punctuation, a verb or a conjunction
    return _Candidate(name, start, m.end(), None, name)


def _zh_shapes(text: str, cands: Sequence[_Candidate]) -> list[_Candidate]:
    """Chinese legal names (…有限公司, …集团) and "开发商X"; a known name plus a legal form is that name."""
    known = sorted((c.start, c.end) for c in cands if c.key is not None and c.kind != "product")
    known_starts = {s for s, _ in known}
    out: list[_Candidate] = []
    last_end = -1  # where the previous company-shaped run ended (a left edge, as punctuation is)
    for m in _ZH_COMPANY_RE.finditer(text):
        run_edge = m.start() == 0 or m.start() == last_end or not _HAN_RE.match(text[m.start() - 1])
        last_end = m.end()
        found = _zh_shape(text, m, known, known_starts, run_edge)
        if found is not None:
            out.append(found)
    for m in _ZH_ORG_LATIN_RE.finditer(text):
        name = m.group("name").strip()
        out.append(_Candidate(name, m.start("name"), m.end("name"), name, name))
    for c in cands:
        own = _ZH_OWN_FORM_RE.match(text, c.end) if c.key is not None and c.kind != "product" else None
        if own is not None:  # "阿里巴巴集团" + "控股有限公司": the known company's own legal name (with its place)
            place = _ZH_PLACE_BEFORE_RE.search(text, max(0, c.start - 6), c.start)
            first = place.start() if place is not None else c.start
            out.append(_Candidate(text[first : own.end()], first, own.end(), c.key, text[first : own.end()]))
    return out


# --- pass: enumerations --------------------------------------------------------------------------------------


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


def _zh_enumeration(text: str, known: list[_Candidate]) -> list[_Candidate]:
    """Names listed before a count of companies ("A、B、C以及D五家公司"): each element is a company.

    The list is the clause before the count; it must hold at least two names, all name-shaped, and as many
    as the count says (or fewer, when 等 "etc." stands before the count).
    """
    out: list[_Candidate] = []
    taken = bytearray(len(text) + 1)  # known companies' spans: an element holding one is that company
    for c in known:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    for m in _ZH_ENUM_CLOSE_RE.finditer(text):
        lo = max(0, m.start() - 120)
        edges = list(_ZH_CLAUSE_EDGE_RE.finditer(text[lo : m.start()]))
        base = lo + (edges[-1].end() if edges else 0)
        clause = text[base : m.start()]
        if not _ZH_ENUM_SEP_RE.search(clause):
            continue  # one name, or a conjunction only: not sure enough to be a list
        parts = _zh_list_parts(text, base, clause)
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


def _en_enumeration(text: str) -> list[_Candidate]:
    """Names listed right after a count noun: "five companies, BeiGene, Yum China, ... and HUTCHMED"."""
    out: list[_Candidate] = []
    for m in _EN_ENUM_RE.finditer(text):
        at = m.start("list")
        for piece in _EN_ENUM_SPLIT_RE.split(m.group("list")):
            start = text.index(piece, at)
            end = _EN_ENUM_SENTENCE_END_RE.search(piece)
            at = start + (end.start() if end else len(piece))
            name = _EN_COMPANY_LEADING_RE.sub("", piece[: end.start()] if end else piece).strip()
            if name and not all(w in NOT_NAME_WORDS for w in name.split()):
                out.append(_Candidate(name, at - len(name), at, name, name))
            if end:
                break  # the sentence ended: the rest is not the list
    return out


def _zh_open_enumeration(text: str) -> list[_Candidate]:
    """Names a Chinese list of companies opens with its head noun ("收到指令的公司为A、B…和C"): at least three,
    each name-shaped, up to the clause end."""
    out: list[_Candidate] = []
    for m in _ZH_OPEN_ENUM_RE.finditer(text):
        edge = _ZH_LIST_END_RE.search(text, m.end(), min(len(text), m.end() + 200))
        clause = text[m.end() : edge.start() if edge else min(len(text), m.end() + 200)]
        if not _ZH_ENUM_SEP_RE.search(clause):
            continue
        parts = [(a, p.removesuffix("等")) for a, p in _zh_list_parts(text, m.end(), clause)]
        if len(parts) < 3 or any(not _ZH_OPEN_NAME_RE.match(p) or _ZH_CUT_RE.search(p) for _, p in parts):
            continue
        out += [_Candidate(p, a, a + len(p), p if _LATIN_NAME_RE.match(p) else None, p) for a, p in parts]
    return out


def _zh_latin_actors(text: str, gazetteer: Gazetteer) -> list[_Candidate]:
    """A Latin name inside Chinese that the story makes an actor or a target ("对Acme处以罚款", "Acme表示"):
    a company, unless it is a known agency or a short all-capital abbreviation (an agency the gazetteer lacks)."""
    out: list[_Candidate] = []
    for m in _ZH_LATIN_RUN_RE.finditer(text):
        name = m.group(0).rstrip(".")
        before, after = text[max(0, m.start() - 2) : m.start()], text[m.end() : m.end() + 2]
        if not (_ZH_ACTOR_BEFORE_RE.search(before) or _ZH_ACTOR_AFTER_RE.match(after)):
            continue
        if name in gazetteer.agency_names_en or name in gazetteer.agency_names_zh or (name.isupper() and len(name) <= 5):
            continue
        if all(w in NOT_NAME_WORDS for w in name.split()) or name in _CURRENCY_CODES:
            continue
        out.append(_Candidate(name, m.start(), m.start() + len(name), name, name))
    return out


def _en_appositions(text: str, gazetteer: Gazetteer) -> list[_Candidate]:
    """Names an English apposition calls a company: "the pharmacy chain Rite Aid", "CNKI, an academic database
    operator" (not a known agency, not words that name nothing)."""
    out: list[_Candidate] = []
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
            out.append(_Candidate(name, start, start + len(name), name, name))
    return out


# --- pass: relations and literals ----------------------------------------------------------------------------


def _acquired(text: str, lang: Lang, known: list[_Candidate]) -> list[_Candidate]:
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


def _literals(text: str, also: Sequence[str]) -> list[_Candidate]:
    """Latin names the other language found, wherever this one writes them (not inside a longer word); a
    Chinese name glossed with one ("知网（CNKI）", "优步（Uber）") is that company, named in Chinese."""
    out: list[_Candidate] = []
    for literal in also:
        for m in regex.finditer(rf"(?<![\p{{Latin}}]){regex.escape(literal)}(?![\p{{Latin}}])", text):
            han = _ZH_GLOSSED_RE.search(text, max(0, m.start() - 14), m.start())
            if han is not None and text[m.end() : m.end() + 1] in ("）", ")"):
                cuts = list(_ZH_CUT_RE.finditer(han.group("han")))
                name = han.group("han")[cuts[-1].end() :] if cuts else han.group("han")
                if len(name) >= 2:
                    out.append(_Candidate(name, han.end("han") - len(name), han.end("han"), literal, name))
                    continue
            out.append(_Candidate(literal, m.start(), m.end(), literal, literal))
    return out


# --- pass: definitions ---------------------------------------------------------------------------------------


def _defined_identity(c: _Candidate, short: str, gazetteer: Gazetteer, names: Mapping[str, int]) -> tuple[str | None, str]:
    """(key, display) of a company that the text defines with a short name right after `c`."""
    index = names.get(short, gazetteer.company_names_en.get(short))
    if index is not None and (c.key is None or c.key == c.display):
        return gazetteer.companies[index].en, short
    if index is None and (c.key is None or c.key == c.display):
        # "Mandiant, Inc.（“Mandiant”）": an unknown legal name goes by the short name it defines (a Latin short
        # name is also the key both languages share).
        return (short if _LATIN_NAME_RE.match(short) else None), short
    return c.key, c.display


def _short_names(
    text: str, cands: Sequence[_Candidate], gazetteer: Gazetteer, names: Mapping[str, int]
) -> tuple[dict[str, tuple[int, str | None, str]], bytearray]:
    """The short names the text defines after a company (short -> (where the definition ends, key, display)),
    and the mask of the definitions' brackets (an English gloss there is the same company, not another)."""
    longest_at_end: dict[int, _Candidate] = {}
    for c in cands:
        if c.kind != "product" and (c.end not in longest_at_end or c.end - c.start > longest_at_end[c.end].end - longest_at_end[c.end].start):
            longest_at_end[c.end] = c
    glossed = bytearray(len(text) + 100)
    shorts: dict[str, tuple[int, str | None, str]] = {}
    for end, c in sorted(longest_at_end.items()):
        d = _DEFINITION_RE.match(text[end : end + 100])
        if d is None:
            continue
        glossed[end : end + d.end()] = b"\x01" * d.end()  # the bracket names the company before it
        short = d.group("d").strip()
        if d.group("joint"):
            shorts[short] = (-1, None, short)  # a collective name ("合称“谷歌”"): no company of its own
            continue
        if len(short) < 2 or _ZH_GENERIC_STEM_RE.match(short) or short in _CP["zh_suffixes"] or short in shorts:
            continue
        shorts[short] = (end + d.end(), *_defined_identity(c, short, gazetteer, names))
    return shorts, glossed


def _recurrences(text: str, shorts: dict[str, tuple[int, str | None, str]]) -> list[_Candidate]:
    """A defined short name wherever it recurs after its definition ("Meta爱尔兰" later is Meta Ireland).

    One pass for all short names (longest first), so that many definitions stay linear; a Latin end of a
    short name is not inside a longer Latin word ("Ring" is not in "Bring").
    """
    out: list[_Candidate] = []
    if not shorts:
        return out
    defined = {short: value for short, value in shorts.items() if value[0] >= 0}
    if not defined:
        return out
    for m in regex.finditer(alternation(defined), text):
        short = m.group(0)
        after, key, display = defined[short]
        if m.start() < after:
            continue
        if _LATIN_NAME_RE.match(short[0]) and m.start() > 0 and _LATIN_CHAR_RE.match(text[m.start() - 1]):
            continue
        if _LATIN_NAME_RE.match(short[-1]) and _LATIN_CHAR_RE.match(text[m.end() : m.end() + 1]):
            continue
        out.append(_Candidate(short, m.start(), m.end(), key, display))
    return out


def _resolve_definitions(
    text: str, picked: list[_Candidate], gazetteer: Gazetteer, names: Mapping[str, int]
) -> tuple[list[_Candidate], dict[str, str]]:
    """Each defined company keyed by what its definition says, and group -> the short name defined for it.

    A joint definition ("A和B（合称“亚马逊”）") names the coordination before it: each legal name stays a company,
    the collective name a form of each.
    """
    resolved: list[_Candidate] = []
    defined: dict[str, str] = {}
    for c in picked:
        d = _DEFINITION_RE.match(text[c.end : c.end + 100])
        if d is not None and c.kind != "product":
            short = d.group("d").strip()
            if d.group("joint"):
                # every legal name of the coordination before it stays a company of its own, the collective
                # name one of its forms
                first, k = c.start, len(resolved)
                defined.setdefault(c.key or c.display, short)
                while k > 0 and _COORDINATION_RE.match(text[resolved[k - 1].end : first]):
                    prev = resolved[k - 1]
                    defined.setdefault(prev.key or prev.display, short)
                    first, k = prev.start, k - 1
            else:
                key, display = _defined_identity(c, short, gazetteer, names)
                c = replace(c, key=key, display=display, kind="company")  # defined: an actor, not a service
                defined.setdefault(c.key or c.display, short)
        resolved.append(c)
    return resolved, defined


# --- one mention per company ---------------------------------------------------------------------------------


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


def _one_per_company(picked: list[_Candidate], defined: dict[str, str], gazetteer: Gazetteer) -> list[NameMention]:
    """One mention per company, named by its longest form ("阿里巴巴集团控股有限公司"), its other forms (the
    short name the text defines, "阿里巴巴"; a shorter surface) kept as ``forms``.

    A product stays apart from the company of the same name; a name used only as a service is a service.
    """
    groups: dict[tuple[bool, str], list[_Candidate]] = {}
    for c in picked:
        groups.setdefault((c.kind == "product", c.key or c.display), []).append(c)
    out: list[NameMention] = []
    for (product, ident), group in groups.items():
        surfaces = list(dict.fromkeys([*(c.text for c in group), *(c.display for c in group)]))
        if not product and ident in defined:
            surfaces.append(defined[ident])
        surfaces = list(dict.fromkeys(surfaces))
        name = max(surfaces, key=len)
        kind: NameKind = "product" if product else "company"
        if not product and all(c.kind == "service" for c in group):
            kind = "service"  # a company only where the other language treats it as an actor
        key = group[0].key
        known = key is not None and key in gazetteer.company_keys
        out.append(NameMention(name, group[0].start, key=key, known=known, kind=kind, forms=tuple(f for f in surfaces if f != name)))
    out.sort(key=lambda n: n.start)
    return out


def find_companies(text: str, lang: Lang, gazetteer: Gazetteer, *, also: Sequence[str] = ()) -> list[NameMention]:
    """Companies (and the products and services named like them), in order, once each.

    ``also``: Latin names found in the other language to look for literally.
    """
    names = gazetteer.company_names_zh if lang == "zh" else gazetteer.company_names_en
    cands = _gazetteer_pass(text, lang, gazetteer)
    cands += _latin_shapes(text, gazetteer)
    if lang == "en":
        cands += _en_enumeration(text)
        cands += _en_appositions(text, gazetteer)
    else:
        cands += _zh_enumeration(text, [c for c in cands if c.key is not None])
        cands += _zh_open_enumeration(text)
        cands += _zh_latin_actors(text, gazetteer)
        cands += _zh_shapes(text, cands)
    cands += _acquired(text, lang, [c for c in cands if c.kind != "product" and c.key in gazetteer.company_keys])
    cands += _literals(text, also)
    shorts, glossed = _short_names(text, cands, gazetteer, names)
    cands += _recurrences(text, shorts)
    collective = {short for short, (after, _, _) in shorts.items() if after < 0}
    cands = [c for c in cands if not any(glossed[c.start : c.end]) and c.text not in collective]
    resolved, defined = _resolve_definitions(text, _pick(cands), gazetteer, names)
    return _one_per_company(resolved, defined, gazetteer)


# --- both languages ------------------------------------------------------------------------------------------


def _latin_unknown(mentions: Sequence[NameMention], gazetteer: Gazetteer, skip: set[str | None]) -> list[str]:
    """Latin names found by their shape (not the gazetteer's) that the other language may write as is."""
    return [
        n.key
        for n in mentions
        if n.key and n.kind == "company" and n.key in n.surfaces and n.key not in gazetteer.company_names_en and n.key not in skip
    ]


@dataclass(frozen=True, slots=True)
class NamedInBoth:
    """What both languages name: companies, and the products and services named like them (not companies)."""

    zh: list[NameMention]
    en: list[NameMention]
    products_zh: list[NameMention]
    products_en: list[NameMention]


def _settle_kinds(zh: list[NameMention], en: list[NameMention]) -> NamedInBoth:
    """Products and services across the two languages.

    A company Chinese quotes as a product (“滴滴出行”App) is the app in English too, not a company. A
    service-kind name (Instagram, Alexa) used only as the service is a company only where the other language
    treats the same entity as an actor ("Facebook's parent company"); else it is a product.
    """
    products = {n.key for n in zh if n.kind == "product"}
    zh_companies = {n.key for n in zh if n.kind != "product"}
    actors = {n.key for n in (*zh, *en) if n.kind == "company" and not (n.key in products and n.key not in zh_companies)}

    def company(n: NameMention) -> bool:
        if n.kind == "product" or (n.key in products and n.key not in zh_companies):
            return False
        return n.kind != "service" or n.key in actors

    return NamedInBoth(
        zh=[replace(n, kind="company") for n in zh if company(n)],
        en=[replace(n, kind="company") for n in en if company(n)],
        products_zh=[replace(n, kind="product") for n in zh if not company(n)],
        products_en=[replace(n, kind="product") for n in en if not company(n)],
    )


def companies_in_both(zh_text: str, en_text: str, gazetteer: Gazetteer) -> NamedInBoth:
    """Companies of the Chinese and of the English text, each language told the Latin names the other found.

    A Latin name inside the Chinese (Zalando) is looked for in the English, and a Latin name an English list
    gives ("... TikTok and Zalando") in the Chinese, so the two pair by the name instead of staying one-language.
    """
    zh = find_companies(zh_text, "zh", gazetteer)
    en = find_companies(en_text, "en", gazetteer, also=_latin_unknown(zh, gazetteer, set()))
    latin_en = _latin_unknown(en, gazetteer, {n.key for n in zh})
    if latin_en:
        zh = find_companies(zh_text, "zh", gazetteer, also=latin_en)
    return _settle_kinds(zh, en)


__all__ = ["NamedInBoth", "companies_in_both", "find_companies"]
