"""Government bodies named in an item, resolved to gazetteer ids.

Why: "工信部", "工业和信息化部", "MIIT" and "the Information and Communication
Administration of MIIT" are one body for a downstream user; the gazetteer
(``data/agencies.json``) knows their names, the longest name wins, and a
bureau counts as its parent. A name shaped like an agency the gazetteer lacks
("…委员会", "… Authority") is reported so that the gazetteer can grow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from lifang_parse.extract.gazetteer import Gazetteer, normalize_en_name
from lifang_parse.extract.lexicon import alternation, lexicon

Lang = Literal["zh", "en"]

_UNKNOWN = lexicon()["unknown_agency"]

# A Chinese agency-shaped name: a bounded run of Han characters ending in an agency suffix.
_ZH_AGENCY_SHAPE_RE = regex.compile(
    rf"(?P<name>\p{{Han}}{{2,20}}?(?:{alternation(_UNKNOWN['zh_suffixes'])}))(?!\p{{Han}}{{0,1}}(?:员|长|门|分|委员|处))"
)
# Function words that may stand before a name inside the same run of Han characters.
_ZH_LEADING_RE = regex.compile(rf"^(?:{alternation(_UNKNOWN['zh_leading_words'])})+")
_ZH_MARKER_RE = regex.compile(alternation(_UNKNOWN["zh_markers"]))
_ZH_COUNTRY_RE = regex.compile(alternation(_UNKNOWN["zh_country_markers"]))
# Titles of laws and standards: "…Administration…" inside them is not a body.
_TITLE_SPANS_RE = regex.compile(r"《[^《》\n]{1,150}》|(?<![*\w])\*(?![*\s])[^*\n]{1,400}?\*(?![*\w])")
_ZH_NOT_AGENCY = tuple(_UNKNOWN["zh_not_agencies"])
# An English agency-shaped name: capitalised words (with of/for/and/the/on between) ending in a head noun,
# or "Ministry/Department/Office of" + capitalised words.
_EN_AGENCY_SHAPE_RE = regex.compile(
    rf"""
    (?P<name>
      (?:[A-Z][\w'’.-]{{0,30}}\s(?:(?:of|for|and|on|the|&)\s){{0,2}}){{1,7}}
      (?:{alternation(_UNKNOWN['en_heads'])})\b
      (?:\s(?:of|for)\s(?:the\s)?[A-Z][\w'’-]{{0,30}}(?:\s(?:and\s)?[A-Z][\w'’-]{{0,30}}){{0,5}})?
    |
      (?:Ministry|Department|Office)\s(?:of|for)\s(?:the\s)?[A-Z][\w'’-]{{0,30}}(?:\s(?:and\s|of\s|&\s)?[A-Z][\w'’-]{{0,30}}){{0,6}}
    )
    """,
    regex.VERBOSE,
)
# Sentence-initial words that are capitalised but not part of a name.
_EN_LEADING_RE = regex.compile(r"^(?:(?:The|On|In|As|At|By|For|From|According|Recently|Meanwhile|And|But|Also|Moreover|Furthermore|Last|This|That|Its|Their|Both|Each|Every|After|Before|When|While|Under|With)\s(?:to\s)?)+")
_EN_NOT_AGENCY = tuple(_UNKNOWN["en_not_agencies"])
# A US state body named without its state ("州总检察长", "the state Attorney General"), and the states' names.
_STATE_BODIES = lexicon()["us_state_bodies"]
_STATE_ANAPHORA = {
    lang: regex.compile(alternation(n for a in _STATE_BODIES["anaphora"] for n in a[lang])) for lang in ("zh", "en")
}
_STATE_TEMPLATE = {n: a["template"] for a in _STATE_BODIES["anaphora"] for lang in ("zh", "en") for n in a[lang]}
_STATE_CODE = {n: code for code, names in _STATE_BODIES["states"].items() for lang in ("zh", "en") for n in names[lang]}
# Longest first, so that 西弗吉尼亚州 is West Virginia, not Virginia; English names on word edges.
_STATE_NAMES_RE = {
    "zh": regex.compile(alternation(n for names in _STATE_BODIES["states"].values() for n in names["zh"])),
    "en": regex.compile(rf"\b(?:{alternation(n for names in _STATE_BODIES['states'].values() for n in names['en'])})\b"),
}
# A national body's short name after a place name names a local body (data/lexicon.json local_bodies).
_LOCAL = lexicon()["local_bodies"]
_LOCAL_HEADS: frozenset[str] = frozenset(_LOCAL["zh_heads"])
_PLACE_BEFORE_RE = regex.compile(rf"\p{{Han}}(?:{alternation(_LOCAL['zh_place_suffixes'])})$")
# Placeholder for text already claimed by the gazetteer (not a letter, so it breaks runs).
_MASK = "\u25a1"


@dataclass(frozen=True, slots=True)
class AgencyMention:
    """One name of a known agency in one language."""

    id: str
    text: str
    start: int


def find_agencies(text: str, lang: Lang, gazetteer: Gazetteer) -> list[AgencyMention]:
    """Known agencies in `text`, leftmost-longest, bureaus as their parent.

    Chinese text also writes English names and abbreviations ("（Federal Trade
    Commission, “FTC”）", "FTC指控Zoom"), so it is searched with both matchers.
    """
    out: list[AgencyMention] = []
    covered = bytearray(len(text))  # positions already claimed: linear, not quadratic, overlap checks
    passes = [("zh", gazetteer.agency_zh_re), ("en", gazetteer.agency_en_re)] if lang == "zh" else [("en", gazetteer.agency_en_re)]
    for which, pattern in passes:
        if pattern is None:
            continue
        names = gazetteer.agency_names_zh if which == "zh" else gazetteer.agency_names_en
        for m in pattern.finditer(text):
            key = m.group(0) if which == "zh" else normalize_en_name(m.group(0))
            if which == "zh" and key in _LOCAL_HEADS and _PLACE_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()):
                continue  # "长沙市网信办": a local body, not the national one
            if key in names and not any(covered[m.start() : m.end()]):
                out.append(AgencyMention(names[key], m.group(0), m.start()))
                covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    _state_bodies(text, lang, gazetteer, covered, out)
    out.sort(key=lambda a: a.start)
    return out


def _state_bodies(text: str, lang: Lang, gazetteer: Gazetteer, covered: bytearray, out: list[AgencyMention]) -> None:
    """"州总检察长" / "the state Attorney General": the body of the first US state the item names."""
    state: str | None = None
    for m in _STATE_ANAPHORA[lang].finditer(text):
        if any(covered[m.start() : m.end()]):
            continue  # part of a full name ("弗吉尼亚州总检察长")
        if state is None:
            first = _STATE_NAMES_RE[lang].search(text)
            if first is None:
                return
            state = _STATE_CODE[first.group(0)]
        aid = _STATE_TEMPLATE[m.group(0)].format(state=state)
        if aid in gazetteer.agencies:
            out.append(AgencyMention(aid, m.group(0), m.start()))


def _masked(text: str, mentions: list[AgencyMention]) -> str:
    chars = list(text)
    for m in mentions:
        for i in range(m.start, m.start + len(m.text)):
            chars[i] = _MASK
    return "".join(chars)


def find_unknown_agencies(text: str, lang: Lang, gazetteer: Gazetteer, *, extra_mask: tuple[str, ...] = ()) -> list[str]:
    """Names shaped like a government body that the gazetteer does not know, in order, once each."""
    masked = _masked(text, find_agencies(text, lang, gazetteer))
    masked = _TITLE_SPANS_RE.sub(lambda m: _MASK * len(m.group(0)), masked)
    for word in extra_mask:
        if word:
            masked = masked.replace(word, _MASK * len(word))
    out: list[str] = []
    if lang == "zh":
        for m in _ZH_AGENCY_SHAPE_RE.finditer(masked):
            name = _ZH_LEADING_RE.sub("", m.group("name"))
            # The left edge of a name run into its sentence: its first country word, else its first marker.
            start = _ZH_COUNTRY_RE.search(name) or _ZH_MARKER_RE.search(name)
            if start is not None and start.start() > 0 and start.end() < len(name):
                name = name[start.start() :]
            if len(name) < 4 or name.endswith(_ZH_NOT_AGENCY) or not _ZH_MARKER_RE.search(name[:-1]):
                continue
            if name not in out:
                out.append(name)
    else:
        for m in _EN_AGENCY_SHAPE_RE.finditer(masked):
            name = _EN_LEADING_RE.sub("", m.group("name")).strip()
            if len(name.split()) < 2 or any(bad in name for bad in _EN_NOT_AGENCY):
                continue
            if name not in out:
                out.append(name)
    return out


__all__ = ["AgencyMention", "find_agencies", "find_unknown_agencies"]
