"""Companies named in an item, in one language, once each.

Why: "百度" and "Baidu" are one actor for a reader who tracks who was fined.
``find_companies`` runs a few passes, each a kind of evidence, over one
language's text and keeps the longest non-overlapping candidates:

- gazetteer: names ``data/companies.json`` knows (a product where Chinese
  quotes it, a service where a service-kind name is used as the service);
- evidence without a gazetteer (``company_evidence.py``): legal forms
  (…有限公司, … Inc., … Ltd. Şti.), lists of companies, appositions ("the
  pharmacy chain X"), Latin names Chinese makes actors or targets;
- relations: what a known company acquired or invested in, and Latin names
  the other language found (a Chinese name glossed with one: 知网（CNKI）);
- definitions: （“X”） / ("X") after a name, and X wherever it recurs.

:func:`companies_in_both` runs them on both languages, lets each language
tell the other the Latin names it found, and settles products and services
across the two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import regex

from lifang_parse.extract.company_evidence import (
    Candidate,
    DEFINITION_RE,
    LATIN_NAME_RE,
    ZH_CLAUSE_EDGE_RE,
    ZH_CUT_RE,
    ZH_GENERIC_STEM_RE,
    en_appositions,
    en_enumeration,
    latin_shapes,
    zh_enumeration,
    zh_latin_actors,
    zh_open_enumeration,
    zh_shapes,
)
from lifang_parse.extract.gazetteer import Gazetteer
from lifang_parse.extract.lexicon import alternation, lexicon
from lifang_parse.extract.mention import Lang, NameKind, NameMention

_CP = lexicon()["company_patterns"]

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
# A name in Chinese quotes that is not a definition ("（“阿里巴巴”）" defines; "“滴滴出行”App" names a product).
_ZH_QUOTED_RE = regex.compile(r"(?<![（(])“(?P<q>[^“”\n]{1,30})”")
# A Chinese name right before a bracket that glosses it: "知网（" (the gloss follows).
_ZH_GLOSSED_RE = regex.compile(r"(?P<han>\p{Han}{2,12})[（(]$")
# What closes a list of platforms (data: company_patterns zh/en_platform_list_heads), and where an English
# list's clause begins (a sentence or clause mark other than the list's commas).
_ZH_PLATFORM_CLOSE_RE = regex.compile(rf"等\p{{Han}}{{0,4}}?(?:{alternation(_CP['zh_platform_list_heads'])})")
_EN_PLATFORM_CLOSE_RE = regex.compile(
    rf"\b(?:and|or)\sother\s(?:[a-z-]{{1,20}}\s){{0,3}}?(?:{alternation(_CP['en_platform_list_heads'])})\b"
)
_EN_LIST_EDGE_RE = regex.compile(r"[.;:](?:\s|$)|\b(?:As|as|such as|including)\s")
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


def _gazetteer_pass(text: str, lang: Lang, gazetteer: Gazetteer) -> list[Candidate]:
    """Names the gazetteer knows, each with the kind its use here gives it (company, product, service)."""
    pattern = gazetteer.company_zh_re if lang == "zh" else gazetteer.company_en_re
    if pattern is None:
        return []
    names = gazetteer.company_names_zh if lang == "zh" else gazetteer.company_names_en
    quoted = _quoted_mask(text) if lang == "zh" else None
    out: list[Candidate] = []
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
        out.append(Candidate(surface, m.start(), m.end(), company.en, surface, kind))
    return _platform_lists(text, lang, _coordinated_services(text, out))


def _coordinated_services(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Known names coordinated with a service ("on Facebook and Instagram", "在Facebook和Instagram上") are
    services too: one usage word speaks for the whole coordination."""
    out = list(cands)
    for _ in range(2):  # both ways along a short coordination
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if "service" in (a.kind, b.kind) and "product" not in (a.kind, b.kind) and _COORDINATION_RE.match(text[a.end : b.start]):
                out[i], out[i + 1] = replace(a, kind="service"), replace(b, kind="service")
    return out


def _platform_lists(text: str, lang: Lang, cands: list[Candidate]) -> list[Candidate]:
    """Known names in a list a platform noun closes ("必应搜索、抖音、新浪微博等网站平台", "Douyin, Sina Weibo and other
    websites and platforms") name the platforms: services, not companies."""
    pattern = _ZH_PLATFORM_CLOSE_RE if lang == "zh" else _EN_PLATFORM_CLOSE_RE
    out = list(cands)
    for m in pattern.finditer(text):
        edge = ZH_CLAUSE_EDGE_RE if lang == "zh" else _EN_LIST_EDGE_RE
        starts = [e.end() for e in edge.finditer(text, max(0, m.start() - 120), m.start())]
        lo = starts[-1] if starts else max(0, m.start() - 120)
        out = [replace(c, kind="service") if lo <= c.start < m.start() and c.kind == "company" else c for c in out]
    return out


def _acquired(text: str, lang: Lang, known: list[Candidate]) -> list[Candidate]:
    """Companies named as what a known company acquired or invested in."""
    out: list[Candidate] = []
    for c in known:
        if lang == "zh":
            m = _ZH_ACQUIRED_RE.match(text, c.end, min(len(text), c.end + 24))
            if m is None or _ZH_NOT_ACQUIRED_RE.search(m.group("x")) or _ZH_DEMONSTRATIVE_RE.match(m.group("x")):
                continue
            out.append(Candidate(m.group("x"), m.start("x"), m.end("x"), None, m.group("x")))
        else:
            m = _EN_ACQUIRED_RE.match(text, c.end, min(len(text), c.end + 160))
            if m is None:
                continue
            x = m.group("x").rstrip(".")
            out.append(Candidate(x, m.start("x"), m.start("x") + len(x), x, x))
    return out


def _literals(text: str, also: Sequence[str]) -> list[Candidate]:
    """Latin names the other language found, wherever this one writes them (not inside a longer word); a
    Chinese name glossed with one ("知网（CNKI）", "优步（Uber）") is that company, named in Chinese."""
    out: list[Candidate] = []
    for literal in also:
        for m in regex.finditer(rf"(?<![\p{{Latin}}]){regex.escape(literal)}(?![\p{{Latin}}])", text):
            han = _ZH_GLOSSED_RE.search(text, max(0, m.start() - 14), m.start())
            if han is not None and text[m.end() : m.end() + 1] in ("）", ")"):
                cuts = list(ZH_CUT_RE.finditer(han.group("han")))
                name = han.group("han")[cuts[-1].end() :] if cuts else han.group("han")
                if len(name) >= 2:
                    out.append(Candidate(name, han.end("han") - len(name), han.end("han"), literal, name))
                    continue
            out.append(Candidate(literal, m.start(), m.end(), literal, literal))
    return out


def _defined_identity(c: Candidate, short: str, gazetteer: Gazetteer, names: Mapping[str, int]) -> tuple[str | None, str]:
    """(key, display) of a company that the text defines with a short name right after `c`."""
    index = names.get(short, gazetteer.company_names_en.get(short))
    if index is not None and (c.key is None or c.key == c.display):
        return gazetteer.companies[index].en, short
    if index is None and (c.key is None or c.key == c.display):
        # "Mandiant, Inc.（“Mandiant”）": an unknown legal name goes by the short name it defines (a Latin short
        # name is also the key both languages share).
        return (short if LATIN_NAME_RE.match(short) else None), short
    return c.key, c.display


def _short_names(
    text: str, cands: Sequence[Candidate], gazetteer: Gazetteer, names: Mapping[str, int]
) -> tuple[dict[str, tuple[int, str | None, str]], bytearray]:
    """The short names the text defines after a company (short -> (where the definition ends, key, display)),
    and the mask of the definitions' brackets (an English gloss there is the same company, not another)."""
    longest_at_end: dict[int, Candidate] = {}
    for c in cands:
        if c.kind != "product" and (c.end not in longest_at_end or c.end - c.start > longest_at_end[c.end].end - longest_at_end[c.end].start):
            longest_at_end[c.end] = c
    glossed = bytearray(len(text) + 100)
    shorts: dict[str, tuple[int, str | None, str]] = {}
    for end, c in sorted(longest_at_end.items()):
        d = DEFINITION_RE.match(text[end : end + 100])
        if d is None:
            continue
        glossed[end : end + d.end()] = b"\x01" * d.end()  # the bracket names the company before it
        short = d.group("d").strip()
        if d.group("joint"):
            shorts[short] = (-1, None, short)  # a collective name ("合称“谷歌”"): no company of its own
            continue
        if len(short) < 2 or ZH_GENERIC_STEM_RE.match(short) or short in _CP["zh_suffixes"] or short in shorts:
            continue
        shorts[short] = (end + d.end(), *_defined_identity(c, short, gazetteer, names))
    return shorts, glossed


def _recurrences(text: str, shorts: dict[str, tuple[int, str | None, str]]) -> list[Candidate]:
    """A defined short name wherever it recurs after its definition ("Meta爱尔兰" later is Meta Ireland).

    One pass for all short names (longest first), so that many definitions stay linear; a Latin end of a
    short name is not inside a longer Latin word ("Ring" is not in "Bring").
    """
    out: list[Candidate] = []
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
        if LATIN_NAME_RE.match(short[0]) and m.start() > 0 and _LATIN_CHAR_RE.match(text[m.start() - 1]):
            continue
        if LATIN_NAME_RE.match(short[-1]) and _LATIN_CHAR_RE.match(text[m.end() : m.end() + 1]):
            continue
        out.append(Candidate(short, m.start(), m.end(), key, display))
    return out


def _resolve_definitions(
    text: str, picked: list[Candidate], gazetteer: Gazetteer, names: Mapping[str, int]
) -> tuple[list[Candidate], dict[str, str]]:
    """Each defined company keyed by what its definition says, and group -> the short name defined for it.

    A joint definition ("A和B（合称“亚马逊”）") names the coordination before it: each legal name stays a company,
    the collective name a form of each.
    """
    resolved: list[Candidate] = []
    defined: dict[str, str] = {}
    for c in picked:
        d = DEFINITION_RE.match(text[c.end : c.end + 100])
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


def _pick(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longer first (a legal name beats the short name inside it)."""
    chosen: list[Candidate] = []
    size = max((c.end for c in cands), default=0)
    covered = bytearray(size)  # a mask keeps overlap checks linear on long inputs
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if not any(covered[c.start : c.end]):
            chosen.append(c)
            covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def _one_per_company(picked: list[Candidate], defined: dict[str, str], gazetteer: Gazetteer) -> list[NameMention]:
    """One mention per company, named by its longest form ("阿里巴巴集团控股有限公司"), its other forms (the
    short name the text defines, "阿里巴巴"; a shorter surface) kept as ``forms``.

    A product stays apart from the company of the same name; a name used only as a service is a service.
    """
    groups: dict[tuple[bool, str], list[Candidate]] = {}
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
    cands += latin_shapes(text, gazetteer)
    if lang == "en":
        cands += en_enumeration(text)
        cands += en_appositions(text, gazetteer)
    else:
        cands += zh_enumeration(text, [c for c in cands if c.key is not None])
        cands += zh_open_enumeration(text)
        cands += zh_latin_actors(text, gazetteer)
        cands += zh_shapes(text, cands)
    cands += _acquired(text, lang, [c for c in cands if c.kind != "product" and c.key in gazetteer.company_keys])
    cands += _literals(text, also)
    shorts, glossed = _short_names(text, cands, gazetteer, names)
    cands += _recurrences(text, shorts)
    collective = {short for short, (after, _, _) in shorts.items() if after < 0}
    cands = [c for c in cands if not any(glossed[c.start : c.end]) and c.text not in collective]
    resolved, defined = _resolve_definitions(text, _pick(cands), gazetteer, names)
    return _one_per_company(resolved, defined, gazetteer)


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
