"""Enforcement actions in one language: who did what to whom (contract schema 1.1, ActionFact).

Why: an enforcement tracker keeps one row per act of an authority — fined,
named, removed, ordered to rectify, investigated, summoned, consulted,
issued, settled, ruled, met. The words that say each act are data
(``data/actions.json``, :mod:`.action_words`); this module finds them
sentence by sentence and decides three things the words alone do not:

- the actor: the agency the sentence makes the subject of the act (the
  nearest one before the trigger with those it is coordinated with — "会同",
  "together with" —, or the one after "by"); a company that acts on its
  own (it appealed, it launched) makes no action, except a settlement,
  which goes to the authority it settled with; a sentence without a subject
  continues the story's last actor;
- whether an issuance issues an instrument (a cited title or a rule noun),
  and whether that instrument is a draft put to comment (a consultation);
- what the act concerns: the companies, the counted targets, the sum, the
  laws and the date of its sentence.

The two languages' actions are paired in :mod:`.reconcile`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import regex

from lifang_parse.extract.action_words import LangWords, lowered
from lifang_parse.extract.agencies import AgencyMention
from lifang_parse.extract.amounts import AmountMention
from lifang_parse.extract.counts import CountMention
from lifang_parse.extract.dates import DateMention
from lifang_parse.extract.lexicon import alternation, lexicon
from lifang_parse.extract.mention import Lang, NameMention
from lifang_parse.models import ActionType

# Where a Chinese sentence ends; a clause (for the counted targets) also ends at a comma.
_ZH_SENTENCE_END_RE = regex.compile(r"[。！？；]|\n")
_ZH_CLAUSE_END_RE = regex.compile(r"[。！？；，,：:]|\n")
# Where an English sentence ends: a stop and a space, not after an abbreviation or an initial ("Co., Ltd.",
# "U.S.", "J. Smith").
_EN_SENTENCE_END_RE = regex.compile(
    rf"""
    (?<!\b(?:{alternation(lexicon()['company_patterns']['en_enumeration_abbreviations'])}|[A-Z]|No|U\.S|e\.g|i\.e))
    [.!?;](?:[”"’')]{{0,2}})(?=\s|$)
    | \n
    """,
    regex.VERBOSE,
)
_EN_CLAUSE_END_RE = regex.compile(r"[.!?;,:](?=\s|$)|\n")
# A cited title in the text the extractor reads: 《…》 or *…* (its words are no action words).
_TITLE_RE = regex.compile(r"《[^《》\n]{1,150}》|(?<![*\w])\*(?![*\s])[^*\n]{1,400}?(?<!\s)\*(?![*\w])")
_FILLER = "\u25a1"
# A court: a judgment's actor, never an agency of the gazetteer here.
_COURT_RE = regex.compile(r"法院|法庭|仲裁|\b(?:[Cc]ourt|[Tt]ribunal|[Jj]udge)\b")
# Types whose actor may be no agency at all (a court rules, a governor signs): without an agency in their
# sentence they stay without one rather than borrow the story's.
_ACTORLESS: frozenset[ActionType] = frozenset({"judgment"})
# Types that act on companies: their sentence's companies are the targets, its sum the fine.
_ENFORCEMENT: frozenset[ActionType] = frozenset(
    {"fine", "notice", "removal", "rectification", "investigation", "interview", "settlement", "judgment"}
)
# Types an actor outside the gazetteer may take (a court rules, a governor signs); other acts by no known
# agency (a plaintiff "removing" a watermark) are no authority's.
_UNKNOWN_ACTOR: frozenset[ActionType] = frozenset({"judgment", "issuance"})
_MONEY: frozenset[ActionType] = frozenset({"fine", "settlement", "judgment"})
_INSTRUMENT: frozenset[ActionType] = frozenset({"issuance", "consultation"})
_TARGET_UNITS = frozenset({"app", "company", "case"})
# Between two coordinated agencies: a bracketed abbreviation ("（“国家网信办”）", "(“MPS”)") and an article.
_BRACKET_RE = regex.compile(r"[（(][^（）()]{0,40}[）)]")
_THE_RE = regex.compile(r"(?<![\w-])the(?![\w-])")
# Where an English object noun phrase ends: a preposition (not "of"), a relative word, a clause mark.
_EN_NP_END_RE = regex.compile(r"\s(?:of|on|for|to|in|that|which|with|by|from|under|at|as|after|before|while)\s|[,.;:]")
# Words that make a title the topic of an issued thing, not the thing: "对《…》的谈判立场", "position on the *…*".
_ZH_TOPIC_WORDS = ("对", "就", "关于", "针对", "围绕")
_EN_TOPIC_WORDS = frozenset({"on", "about", "regarding", "concerning", "for", "to", "under"})
# An English relative clause whose subject is a body, right before the action word ("that the European
# Commission published", "which the DPC imposed"): what it says happened before, as background.
_EN_RELATIVE_RE = regex.compile(r"\b(?:that|which)\s(?:the\s)?(?:[A-Z][\w'’-]*\s){1,8}(?:had\s|has\s)?$")
# A name's gloss in brackets right after it: "（Andrea Jelinek）", " (“DPC”)".
_GLOSS_RE = regex.compile(r"\s?[（(][^（）()]{1,60}[）)]")
# A relative clause the action word closes: "that had completed and reported their" (at most six words).
_EN_THAT_RE = regex.compile(r"\b(?:that|which|who)\s(?:[\w'’-]+\s){0,6}$")
# An English word where a phrase may start (letters, digits, hyphens: "fine-tune" is one word).
_EN_WORD_START_RE = regex.compile(r"(?<![\w-])[\w-]+")
_WORD_RE = regex.compile(r"[\w'’-]+")
# A date opening a sentence ("2021年8月20日，", "On August 20, 2021, "): not its subject.
_LEAD_DATE_RE = regex.compile(r"^(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?[，,]?|^(?:On|In|As of|By)\s[^,]{3,30},\s")
# What is left of a bracket around an abbreviation when the abbreviation itself is the agency's mention.
_QUOTES_RE = regex.compile(r"[（）()“”\"「」'’]")
# English passive agent right after an act: "fined by the", "was issued by" (at most two words between, and a
# date: "jointly issued on December 31, 2021 by").
_BY_RE = regex.compile(r"^\s(?:[\w-]+\s){0,2}?(?:(?:on|in)\s[\w\s,]{3,25}?\s)?by\s(?:the\s)?$")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One language's text and what the other extractors found in it (offsets into ``text``)."""

    text: str
    agencies: Sequence[AgencyMention]
    companies: Sequence[str]  # the names this language writes for the story's companies
    people: Sequence[NameMention]
    counts: Sequence[CountMention]
    amounts: Sequence[AmountMention]
    dates: Sequence[DateMention]
    laws: Sequence[str]
    event: str | None = None  # the story's event date


@dataclass(frozen=True, slots=True)
class ActionMention:
    """One act of one actor, in one language, with what its sentence says about it."""

    type: ActionType
    agency: str | None
    start: int
    text: str  # the clause that says it
    targets: tuple[str, ...] = ()
    count: CountMention | None = None
    amount: AmountMention | None = None
    laws: tuple[str, ...] = ()
    date: str | None = None


@dataclass(frozen=True, slots=True)
class _Entity:
    start: int
    end: int
    kind: str  # "agency", "company", "person"
    agency: str | None = None


@dataclass(slots=True)
class _Reader:
    """One language's text prepared for reading actions: sentences, entities, masked titles."""

    ev: Evidence
    lang: Lang
    words: LangWords
    masked: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[_Entity] = field(default_factory=list)
    title_spans: list[tuple[int, int, str]] = field(default_factory=list)


# --- preparing the text --------------------------------------------------------------------------------------


def _spans(pattern: regex.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The cut points of ``text`` at ``pattern``'s matches, as (start, end) pieces."""
    out: list[tuple[int, int]] = []
    at = 0
    for m in pattern.finditer(text):
        if m.end() > at:
            out.append((at, m.end()))
            at = m.end()
    if at < len(text):
        out.append((at, len(text)))
    return out


def _titles(text: str, laws: Sequence[str]) -> list[tuple[int, int, str]]:
    """Where the cited titles stand: marked ones (《》, *…*) and the plain-text titles found by the law
    extractor (text from other PDF tools has no italics)."""
    found = [(m.start(), m.end(), m.group(0).strip("《》*")) for m in _TITLE_RE.finditer(text)]
    taken = bytearray(len(text) + 1)
    for s, e, _ in found:
        taken[s:e] = b"\x01" * (e - s)
    for law in laws:
        at = text.find(law)
        while at >= 0:
            if not taken[at]:
                found.append((at, at + len(law), law))
            at = text.find(law, at + len(law))
    return sorted(found)


def _entities(ev: Evidence) -> list[_Entity]:
    """Agencies, companies (every occurrence of their names) and people, by position."""
    out = [_Entity(a.start, a.start + len(a.text), "agency", a.id) for a in ev.agencies]
    for name in ev.companies:
        at = ev.text.find(name)
        while at >= 0:
            out.append(_Entity(at, at + len(name), "company"))
            at = ev.text.find(name, at + len(name))
    out += [_Entity(p.start, p.start + len(p.text), "person") for p in ev.people]
    return sorted(out, key=lambda e: (e.start, -e.end))


def _reader(ev: Evidence, lang: Lang, words: LangWords) -> _Reader:
    r = _Reader(ev, lang, words)
    r.title_spans = _titles(ev.text, ev.laws)
    chars = list(ev.text)
    for s, e, _ in r.title_spans:
        chars[s:e] = _FILLER * (e - s)
    r.masked = "".join(chars)
    r.sentences = _spans(_ZH_SENTENCE_END_RE if lang == "zh" else _EN_SENTENCE_END_RE, r.masked)
    r.entities = _entities(ev)
    return r


def _sentence(r: _Reader, at: int) -> tuple[int, int]:
    """The sentence holding offset ``at``."""
    i = bisect.bisect_right(r.sentences, (at, len(r.masked) + 1)) - 1
    return r.sentences[max(i, 0)] if r.sentences else (0, len(r.masked))


def _clause(r: _Reader, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the last clause end before it to the next one after it."""
    s0, s1 = _sentence(r, start)
    pattern = _ZH_CLAUSE_END_RE if r.lang == "zh" else _EN_CLAUSE_END_RE
    left = s0
    for m in pattern.finditer(r.masked, s0, start):
        left = m.end()
    right = pattern.search(r.masked, end, s1)
    return left, right.end() if right else s1


# --- the actor -----------------------------------------------------------------------------------------------


def _ends_with(text: str, words: Sequence[str], lang: Lang) -> bool:
    """Whether ``text`` (what stands before a name) ends with one of ``words`` (English: a whole word)."""
    tail = text.rstrip() if lang == "en" else text
    for w in words:
        if tail.endswith(w) and (lang == "zh" or not w[-1:].isalpha() or len(tail) == len(w) or not tail[-len(w) - 1].isalpha()):
            return True
    return False


def _object(r: _Reader, clause_start: int, at: int) -> bool:
    """Whether a name at ``at`` is an object in its clause: an object marker (对, 向, 责令, fined, against)
    stands before it there."""
    lead = r.masked[clause_start:at]
    if r.lang == "zh":
        return any(w in lead for w in r.words.object_markers)
    words = set(_WORD_RE.findall(lead.lower()))
    return any(w in words for w in r.words.object_markers)


def _joined(r: _Reader, first: _Entity, second: _Entity) -> bool:
    """Whether two agencies are coordinated: only a joining word stands between them ("、", "会同", "and",
    "together with"), bracketed abbreviations and articles aside."""
    between = _BRACKET_RE.sub("", r.masked[first.end : second.start])
    joint = " ".join(_THE_RE.sub(" ", _QUOTES_RE.sub("", between)).split())
    return not joint or joint in r.words.joint


def _coordinated(r: _Reader, agencies: list[_Entity], k: int) -> list[str | None]:
    """The agency at ``agencies[k]`` and the ones coordinated with it just before it ("A、B和C", "A, together
    with B and C"), first to last."""
    group = [agencies[k]]
    while k > 0 and _joined(r, agencies[k - 1], group[0]) and not _adverbial(r, agencies[k - 1]):
        group.insert(0, agencies[k - 1])
        k -= 1
    ids: list[str | None] = []
    for e in group:
        if e.agency not in ids:
            ids.append(e.agency)
    return ids


def _by_agent(r: _Reader, end: int, stop: int) -> list[str | None] | None:
    """English passive: "fined by the FTC" — the agency right after "by" within the clause after the act."""
    if r.lang != "en":
        return None
    agencies = [e for e in r.entities if e.kind == "agency" and end <= e.start < stop]
    for k, e in enumerate(agencies):
        if e.start < end + 60 and _BY_RE.match(r.masked[end : e.start]):
            last = k
            while last + 1 < len(agencies) and _joined(r, agencies[last], agencies[last + 1]):
                last += 1
            return list(dict.fromkeys(a.agency for a in agencies[k : last + 1]))
    return None


def _subject(r: _Reader, start: int, sent_start: int, kind: ActionType) -> list[str | None] | None:
    """The actor before the trigger: the nearest agency (with its co-actors); [] when there is none in the
    sentence; None when a company acts on its own there (its deed, no authority's act)."""
    before = [e for e in r.entities if sent_start <= e.start and e.end <= start]
    agencies = [e for e in before if e.kind == "agency"]
    clause_start = _clause(r, start, start)[0]
    for e in reversed(before):
        if e.kind == "agency" and (_subordinate(r, e, start) or _adverbial(r, e)):
            agencies.remove(e)
            continue
        if e.kind == "agency":
            return _coordinated(r, agencies, agencies.index(e))
        if e.kind == "person" and not _object(r, clause_start, e.start):
            near = [a for a in agencies if 0 <= e.start - a.end <= 12]
            return [near[-1].agency] if near else [None]
        if e.kind == "company" and kind != "settlement" and _company_subject(r, e, clause_start, start, kind):
            return None  # the company is the subject: its own deed
    return []


def _subordinate(r: _Reader, e: _Entity, start: int) -> bool:
    """Whether an agency stands in a clause of time closed before the action word ("after the CJEU delivered
    its judgment, and fined"): it is not that word's subject."""
    if r.lang != "en" or not _EN_CLAUSE_END_RE.search(r.masked, e.end, start):
        return False
    lead = _WORD_RE.findall(r.masked[max(0, e.start - 24) : e.start].lower())[-2:]
    return any(w in r.words.subordinate for w in lead)


def _in_time_clause(r: _Reader, start: int, end: int) -> bool:
    """Whether the action word stands inside a clause of time: zh "在…判决后"; en "after the CJEU delivered
    its judgment" (a subordinator right before the clause's subject, no clause end since)."""
    c0, _ = _clause(r, start, end)
    if r.lang == "zh":
        return r.masked[end : end + 2].startswith(("后", "之后")) and any(w in r.masked[c0:start] for w in r.words.subordinate)
    lead = r.masked[c0:start]
    words = _WORD_RE.findall(lead.lower())
    return bool(words[:3]) and any(w in r.words.subordinate for w in words[:2])


def _adverbial(r: _Reader, e: _Entity) -> bool:
    """Whether an agency stands in an adverbial, not as a subject: "在国家网信办指导下", "根据国家网信办移交的线索",
    "acting on leads transferred by the CAC", "under the guidance of the ..."."""
    lead = r.masked[max(0, e.start - 24) : e.start]
    if r.lang == "zh":
        return any(lead.endswith(w) for w in r.words.adverbial)
    lead = _THE_RE.sub("", lead).rstrip()
    return any(lead.endswith(w) and (len(lead) == len(w) or not lead[-len(w) - 1].isalpha()) for w in r.words.adverbial)


def _company_subject(r: _Reader, e: _Entity, clause_start: int, start: int, kind: ActionType) -> bool:
    """Whether a company before an action word is the one acting: it stands in the word's clause, or it
    opens the sentence, and no object marker (对, 责令, fined, against) makes it an object."""
    s0, _ = _sentence(r, start)
    if e.start >= clause_start:
        between = r.masked[e.end : start]
        if kind == "rectification" and _found(r.words.duty, between):
            return False  # "Meta Ireland must bring its processing into compliance": the authority's order
        return not _object(r, clause_start, e.start) and not _ends_with(between, r.words.passive, r.lang)
    opening = _LEAD_DATE_RE.sub("", r.masked[s0 : e.start].strip(" \n\"“"))
    return not opening.strip(" ，,")


def _agentless(r: _Reader, start: int) -> bool:
    """A passive before the action word in its clause (被…, was/were … ): the sentence names no actor."""
    c0, _ = _clause(r, start, start)
    lead = r.masked[c0:start]
    if r.lang == "zh":
        return any(w in lead[-8:] for w in r.words.agentless)
    words = _WORD_RE.findall(lead.lower())[-4:]
    return any(w in r.words.agentless for w in words)


def _actors(r: _Reader, kind: ActionType, start: int, end: int, last: list[str | None]) -> list[str | None] | None:
    """Who did the act at [start, end): agency ids (None: an actor that is no known agency); None: no
    authority acted (a company's own deed)."""
    s0, s1 = _sentence(r, start)
    court = _COURT_RE.search(r.masked, s0, start)
    agent = _by_agent(r, end, s1)
    if agent is not None:
        return agent
    if _in_time_clause(r, start, end):
        return None  # "在欧盟法院作出…判决后", "after the CJEU delivered its judgment": the setting, not an act
    subject = _subject(r, start, s0, kind)
    if subject == [] and _agentless(r, start):
        return None  # "被实施网络安全审查", "was placed under review": no actor named
    if subject is None:
        if kind == "settlement":
            return [e.agency for e in r.entities if e.kind == "agency" and s0 <= e.start < s1][:1] or last[:1] or [None]
        return None
    if subject:
        nearest = max((e.end for e in r.entities if e.kind == "agency" and s0 <= e.start and e.end <= start), default=-1)
        if court is not None and court.start() > nearest:
            return [None] if kind in _ACTORLESS else None  # a court's orders are its judgment
        return subject
    if court is not None:
        return [None] if kind in _ACTORLESS else None
    if kind in _ACTORLESS:
        return [None]
    if kind == "issuance":
        return None  # who issued it, the sentence does not say: background ("the measures now in force")
    if kind == "settlement":
        later = [e.agency for e in r.entities if e.kind == "agency" and s0 <= e.start < s1]
        if later:
            return later[:1]
    if last:
        return last
    first = [e.agency for e in r.entities if e.kind == "agency"]
    return first[:1] or [None]


# --- what the act concerns -----------------------------------------------------------------------------------


def _instrument(r: _Reader, kind: ActionType, start: int, end: int) -> tuple[ActionType, tuple[str, ...]] | None:
    """An issuance's instrument: the titles its sentence cites after the trigger (else before it), else a rule
    noun right after it; None when it issues nothing of the kind. A draft makes it a consultation."""
    c0, c1 = _clause(r, start, end)
    reach = 16 if r.lang == "zh" else 60  # the instrument is the act's object: right after it
    after = [t for t in r.title_spans if end <= t[0] < min(c1, end + reach)][:1]
    if after and not _direct_object(r, end, after[0]):
        after = []
    after += [t for t in r.title_spans if after and after[-1][1] <= t[0] < c1 and t not in after]  # "《A》《B》", "*A* and *B*"
    before = [t for t in r.title_spans if c0 <= t[0] and t[1] <= start]
    titles = tuple(t[2] for t in (after or before))
    window = _object_phrase(r, end, c1)
    if _found(r.words.proposal, window + r.masked[after[-1][1] : after[-1][1] + 4] if after else window):
        return None  # a proposal for a law is not the law
    if titles and all(t.endswith(r.words.not_instruments) for t in titles):
        return None  # a letter or a decision notice, no instrument
    if titles:
        draft_text = " ".join(titles)
    elif _found(r.words.objects, window):
        draft_text = window
    elif _opens_with_reference(r, c0, start) or _opens_with_reference(r, end, c1):
        # "该法…通过", "adopting the former": the instruments the sentence cites, else the story's
        s0, s1 = _sentence(r, start)
        titles = tuple(t[2] for t in r.title_spans if s0 <= t[0] < s1) or tuple(r.ev.laws[:1])
        draft_text = " ".join(titles)
    else:
        return None
    if kind == "issuance" and r.words.draft is not None and r.words.draft.search(draft_text):
        return "consultation", titles
    return kind, titles


def _direct_object(r: _Reader, end: int, title: tuple[int, int, str]) -> bool:
    """Whether a title after an issuing word is what it issues, not the topic of something else: no
    preposition before it ("通过了其对《人工智能法》的谈判立场", "adopted its position on the *AI Act*") and, in
    Chinese, no noun it modifies after it (《…》的谈判立场)."""
    between = r.masked[end : title[0]]
    if r.lang == "zh":
        return not any(p in between for p in _ZH_TOPIC_WORDS) and r.masked[title[1] : title[1] + 1] != "的"
    return not (set(_WORD_RE.findall(between.lower())) & _EN_TOPIC_WORDS)


def _found(pattern: regex.Pattern[str] | None, text: str) -> bool:
    return pattern is not None and pattern.search(text) is not None


def _object_phrase(r: _Reader, end: int, stop: int) -> str:
    """What an issuing word issues: the words after it up to the clause end (zh: 30 characters), in English
    up to a preposition other than "of" ("two joint opinions on the draft ..." -> "two joint opinions")."""
    if r.lang == "zh":
        return r.masked[end : min(stop, end + 30)]
    window = r.masked[end : min(stop, end + 80)]
    cut = _EN_NP_END_RE.search(window)
    return window[: cut.start()] if cut else window


def _nearest(starts: Sequence[int], lo: int, hi: int, at: int) -> int | None:
    """Index of the start nearest ``at`` inside [lo, hi)."""
    best: int | None = None
    for i, where in enumerate(starts):
        if lo <= where < hi and (best is None or abs(where - at) < abs(starts[best] - at)):
            best = i
    return best


def _details(r: _Reader, kind: ActionType, start: int, end: int, laws: tuple[str, ...]) -> ActionMention:
    """The act with its targets, counted targets, sum, laws and date, read from its sentence."""
    s0, s1 = _sentence(r, start)
    c0, c1 = _clause(r, start, end)
    text = r.ev.text
    targets: tuple[str, ...] = ()
    if kind in _ENFORCEMENT:
        targets = tuple(n for n in r.ev.companies if text.find(n, s0, s1) >= 0)
    counts = [c for c in r.ev.counts if c.unit in _TARGET_UNITS]
    ci = _nearest([c.start for c in counts], c0, c1, start) if kind in _ENFORCEMENT else None
    ai = _nearest([a.start for a in r.ev.amounts], s0, s1, start) if kind in _MONEY else None
    if kind not in _INSTRUMENT:
        laws = tuple(t[2] for t in r.title_spans if s0 <= t[0] < s1) or tuple(r.ev.laws)
    dates = [d for d in r.ev.dates if s0 <= d.start < s1 and d.role in ("event", "mentioned", "range_start")]
    date = dates[0].date if dates else r.ev.event
    return ActionMention(
        kind,
        None,
        start,
        text[c0:c1].strip(" ，,。；;"),
        targets=targets,
        count=counts[ci] if ci is not None else None,
        amount=r.ev.amounts[ai] if ai is not None else None,
        laws=laws,
        date=date,
    )


# --- the extractor -------------------------------------------------------------------------------------------


def _scan_at_words(pattern: regex.Pattern[str], heads: frozenset[str], text: str) -> list[regex.Match[str]]:
    """Every match of an English pattern: tried only where a word it may start with stands (a scan of every
    position over hundreds of phrases costs many times more)."""
    found: list[regex.Match[str]] = []
    for w in _EN_WORD_START_RE.finditer(text):
        if w.group(0) in heads:
            m = pattern.match(text, w.start())
            if m is not None:
                found.append(m)
    return found


def _scan(pattern: regex.Pattern[str], text: str) -> list[regex.Match[str]]:
    """Every match of ``pattern``, those that start inside a longer one too ("处以…罚款" holds "罚款"): one
    plain scan, then an overlapping scan inside each match only (an overlapping scan of the whole text would
    try every position)."""
    found: list[regex.Match[str]] = []
    for m in pattern.finditer(text):
        found.append(m)
        if m.end() - m.start() > 1:
            found += pattern.finditer(text, m.start() + 1, m.end(), overlapped=True)
    return found


def _triggers(r: _Reader) -> list[tuple[int, int, ActionType]]:
    """Every action word outside cited titles and outside the phrases that say no such act, in order.

    One scan of all types' words, overlapping matches included (a word of one type inside another's).
    """
    en = r.lang == "en"
    text = lowered(r.masked) if en else r.masked
    blocked: dict[str, list[tuple[int, int]]] = {}
    if r.words.nots is not None:
        for m in _scan_at_words(r.words.nots, r.words.not_heads, text) if en else _scan(r.words.nots, text):
            blocked.setdefault(m.lastgroup or "", []).append((m.start(), m.end()))
    out: list[tuple[int, int, ActionType]] = []
    for m in _scan_at_words(r.words.triggers, r.words.trigger_heads, text) if en else _scan(r.words.triggers, text):
        kind = m.lastgroup
        if kind is None or any(s < m.end() and m.start() < e for s, e in blocked.get(kind, ())):
            continue
        out.append((m.start(), m.end(), cast(ActionType, kind)))
    return sorted(set(out))


def _opens_with_reference(r: _Reader, at: int, start: int) -> bool:
    """Whether the text from ``at`` to the trigger opens (after a date) with a reference to the story's
    instrument ("该法于…通过", "同时，原规定中", "the law sets up") or with a cited title."""
    head = _LEAD_DATE_RE.sub("", r.masked[at:start].lstrip(" \n\"“"))
    if head.startswith(_FILLER):
        return True
    opening = head[:10] if r.lang == "zh" else " ".join(head.split()[:4])
    ref = r.words.references.search(opening) if r.words.references is not None else None
    return ref is not None and (r.lang == "zh" or ref.start() == 0)


def _content(r: _Reader, start: int) -> bool:
    """Whether the trigger's sentence describes an instrument's content: the sentence, or a clause of it
    before the trigger, opens with a reference to the instrument ("该法规定", "Adopted on June 10, the law
    sets up ..., data security review")."""
    s0, _ = _sentence(r, start)
    if _opens_with_reference(r, s0, start):
        return True
    pattern = _ZH_CLAUSE_END_RE if r.lang == "zh" else _EN_CLAUSE_END_RE
    return any(_opens_with_reference(r, m.end(), start) for m in pattern.finditer(r.masked, s0, start))


def _third_party(r: _Reader, start: int) -> bool:
    """A check a third party did on its own (经过第三方检测机构核查): no agency in the clause, no authority
    commissioning it."""
    c0, _ = _clause(r, start, start)
    lead = r.masked[c0:start]
    party = r.words.third_party.search(lead) if r.words.third_party is not None else None
    if party is None or any(e.kind == "agency" and c0 <= e.start < start for e in r.entities):
        return False
    return not _found(r.words.commissioned, lead[: party.start()][-12:])


def _agent_issues(r: _Reader, kind: ActionType, start: int, end: int) -> bool:
    """A relative clause that names who issued a title: "由…联合发布的《…》", "国家网信办等七部门联合公布的《…》"."""
    c0, _ = _clause(r, start, end)
    if kind != "issuance" or r.masked[end + 1 : end + 2] != _FILLER:
        return False
    nearest = max((e.end for e in r.entities if e.kind == "agency" and c0 <= e.start and e.end <= start), default=-1)
    return any(w in r.masked[c0:start] for w in r.words.passive) or 0 <= start - nearest <= 16


def _relative_deed(r: _Reader, start: int) -> bool:
    """An English action word inside a relative clause about something else, no agency in it ("apps that had
    completed and reported their rectification")."""
    c0, _ = _clause(r, start, start)
    m = _EN_THAT_RE.search(r.masked, max(c0, start - 60), start)
    if m is None or any(e.kind == "agency" and m.start() <= e.start < start for e in r.entities):
        return False
    before = _WORD_RE.findall(r.masked[max(0, m.start() - 20) : m.start()].lower())[-1:]
    return not (before and before[0] in r.words.reporting)  # "announced that it finalized": reported, not relative


def _company_speaks(r: _Reader, s0: int, start: int) -> bool:
    """Whether the sentence is someone's own account: a company's or a person's name (a gloss in brackets
    aside) right before a speech word ("滴滴表示", "DiDi said it would ...", "耶利内克（Andrea Jelinek）表示")."""
    _, s1 = _sentence(r, start)
    if r.words.speech is None:
        return False
    for e in r.entities:
        if e.kind in ("company", "person") and s0 <= e.start < s1:
            gloss = _GLOSS_RE.match(r.masked, e.end)
            at = gloss.end() if gloss else e.end
            at += r.masked[at : at + 1] == " "
            m = r.words.speech.match(r.masked, at, min(s1, at + 12))
            if m is not None and m.start() - at <= 1:
                return True
    return False


def _keep(r: _Reader, kind: ActionType, start: int, end: int) -> bool:
    """Whether an action word says an act of this story: not in a relative clause (background), not a
    possibility or a rule's content, not a third party's own check, not the subject of the rule cited."""
    if r.lang == "zh" and kind != "fine" and r.masked[end : end + 1] == "的" and not _agent_issues(r, kind, start, end):
        return False  # "拒不整改的APP", "对2009年发布的《…》进行修订"
    if r.lang == "en" and kind == "issuance" and r.masked[:start].rstrip(" ,").endswith(("*", _FILLER)):
        return False  # "the *Provisions* issued in 2009": a title's history, not the story's act
    if kind not in _INSTRUMENT and _content(r, start):
        return False
    s0, _ = _sentence(r, start)
    # a possibility or a duty since the last agency before the word: "有关部门可以责令…，并处…罚款", "要求Zoom…检查";
    # not "网站运营者须…，此后CNIL将开展合规检查"
    since = max([s0, *(e.end for e in r.entities if e.kind == "agency" and s0 <= e.start and e.end <= start)])
    if _found(r.words.possible, r.masked[since:start]):
        return False
    if kind != "rectification" and _found(r.words.duty, r.masked[since:start]):
        return False
    if kind != "settlement" and _company_speaks(r, s0, start):
        return False
    if kind in _INSTRUMENT and _found(r.words.earlier, r.masked[_clause(r, start, end)[0] : start]):
        return False  # "现行办法由国务院于2000年发布": an older instrument's history
    if r.lang == "en" and _EN_RELATIVE_RE.search(r.masked[max(s0, start - 80) : start]):
        return False  # "the draft clauses that the European Commission published": background
    if r.lang == "en" and _relative_deed(r, start):
        return False  # "apps that had completed and reported their rectification": what the apps did
    if kind == "investigation":
        if _third_party(r, start):
            return False
        word = r.masked[start:end].casefold()
        s0, s1 = _sentence(r, start)
        if any(word in law.casefold() for law in r.ev.laws) and not any(r.ev.text.find(n, s0, s1) >= 0 for n in r.ev.companies):
            return False  # the review a cited rule is about ("网络安全审查办法"), not one the story reports
    return True


def find_actions(ev: Evidence, lang: Lang, words: LangWords) -> list[ActionMention]:
    """The acts one language's text reports, one per trigger and actor, in order."""
    r = _reader(ev, lang, words)
    out: list[ActionMention] = []
    last: list[str | None] = []  # the story's last actor: a sentence without a subject continues it
    for start, end, kind in _triggers(r):
        laws: tuple[str, ...] = ()
        if not _keep(r, kind, start, end):
            continue
        if kind == "issuance":
            found = _instrument(r, kind, start, end)
            if found is None:
                continue
            kind, laws = found
        actors = _actors(r, kind, start, end, last)
        if actors is None or (actors == [None] and kind not in _UNKNOWN_ACTOR):
            continue
        if any(a is not None for a in actors):
            last = [a for a in actors if a is not None]
        act = _details(r, kind, start, end, laws)
        out += [ActionMention(act.type, a, act.start, act.text, act.targets, act.count, act.amount, act.laws, act.date) for a in actors]
    return _without_settlement_terms(out)


def _without_settlement_terms(acts: list[ActionMention]) -> list[ActionMention]:
    """What a settlement obliges the company to do (delete the data, stop the practice) is a term of the
    settlement, not an order of its own: no rectification by an authority the story's company settled with."""
    settled = {a.agency for a in acts if a.type == "settlement"}
    return [a for a in acts if not (a.type == "rectification" and a.agency in settled)]


__all__ = ["ActionMention", "Evidence", "find_actions"]
