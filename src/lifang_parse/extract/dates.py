"""Calendar dates in Chinese and English, with their role in the story.

Why a role: downstream users ask "when did it happen" (``event``), "by when
must they comply" (``deadline``), "counted up to when" (``as_of``), "over
which span" (``range_start``/``range_end``); everything else is ``mentioned``.

Rules (docs/CONTRACT.md, DateFact):

* ``event`` is the story's lead date: the first date of the body, standing in
  its opening clause (at most ``LEAD_WINDOW`` characters in) with no role cue.
* Cues are words next to the date (``data/lexicon.json`` ``date_roles``):
  截至/as of -> as_of; 前/截止/before/by/deadline -> deadline; 至/from…to -> range.
* A year left out is taken from the reference: the event date when the story
  has one, else the middle of the masthead period; of the three candidate years
  around it the one nearest the reference wins, so an item of 2020-12-28 that
  mentions 1月10日 means 2021-01-10. ``year_inferred`` then says so. With no
  reference at all a yearless date is dropped: a date is never invented.
* Vague words (近日, 日前, recently) match nothing and give no date.
* **Restating the event date.** A later phrase naming the event date again is
  folded into the event fact when no *other* date was named between the two
  phrases: it only repeats the lead (1.2: "2021年2月5日…公布了截至2月5日尚未
  完成整改的26款APP" / "On February 5, 2021 … as of February 5"). When another
  date intervenes the story has moved in time, and the phrase brings it back
  with a role of its own, which is kept (1.3: "2021年2月3日…1月22日…截至2月3日"
  gives event 02-03, mentioned 01-22, as_of 02-03). A restatement whose role
  would only be ``mentioned`` is always folded. The rule is applied per
  language; reconcile.py then pairs the two languages.
* A range that starts on the event date is kept: it is not a repeat, it
  opens a span ("8月27日至9月26日").
* A year alone ("2019年", "in 2016") is a date of precision ``year``; "5月底" /
  "the end of May" is a month.
* Facts are distinct per (date, role); title dates already in the body are not
  repeated.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

import regex

from lifang_parse.extract.lexicon import alternation, lexicon
from lifang_parse.extract.numbers import fold_digits

Lang = Literal["zh", "en"]

# How far into the body (characters) a lead date may start and still be the event date.
LEAD_WINDOW = {"zh": 40, "en": 90}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date phrase of one language, resolved."""

    date: str  # ISO, by precision
    precision: Literal["day", "month", "year"]
    role: str
    text: str  # the phrase as written
    start: int
    year_written: bool


_ROLES: dict[str, dict[str, str]] = lexicon()["date_roles"]

# --- Chinese -------------------------------------------------------------------

# One Chinese date: optional 4-digit year, month, optional day ("2021年2月5日", "2月10日", "2021年3月").
_ZH_DATE = r"(?:(?P<y{n}>\d{{4}})\s?年\s?)?(?P<m{n}>\d{{1,2}})\s?月(?:\s?(?P<d{n}>\d{{1,2}})\s?[日号])?"
# A Chinese range: date, 至/到/-, then an end that may drop year and month ("4月6日至9日").
_ZH_RANGE_RE = regex.compile(
    r"(?<!\d)"
    + _ZH_DATE.format(n=1)
    + r"\s?(?:至|到|—|–|-|~|～)\s?(?:(?P<y2>\d{4})\s?年\s?)?(?:(?P<m2>\d{1,2})\s?月\s?)?(?:(?P<d2>\d{1,2})\s?[日号])?"
)
# A single Chinese date, not glued to a preceding digit.
_ZH_SINGLE_RE = regex.compile(r"(?<!\d)" + _ZH_DATE.format(n=1))
# A Chinese year range: "2012年至2020年", "2012至2020年" (year precision both ends); the end year is not
# followed by a month ("2012年至2020年6月" is not a year range).
_ZH_YEAR_RANGE_RE = regex.compile(
    r"(?<!\d)(?P<y1>(?:19|20)\d\d)(?:\s?年)?\s?(?:至|到|—|–|~|～)\s?(?P<y2>(?:19|20)\d\d)\s?年(?!\s?\d{1,2}\s?月)"
)
# A Chinese year alone: "2019年", not followed by a month ("2019年4月" is a month date).
_ZH_YEAR_RE = regex.compile(r"(?<!\d)(?P<y1>(?:19|20)\d\d)\s?年(?!\s?\d{1,2}\s?月)")
# Cue words right before / after a Chinese date.
_ZH_BEFORE_RE = regex.compile(rf"(?:{alternation(_ROLES['zh_before'])})\s?(?:于|到|为|是)?\s?$")
_ZH_AFTER_RE = regex.compile(rf"^\s?(?:{alternation(_ROLES['zh_after'])})")
# Clause punctuation: a cue does not reach across it.
_ZH_CLAUSE_END = regex.compile(r"[，。；：！？、,;:!?（）()]")
_ZH_SENTENCE_END = regex.compile(r"[。！？；!?;]")

# --- English -------------------------------------------------------------------

# Month names and their usual abbreviations -> month number.
_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
        ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
        ("October", "Oct"), ("November", "Nov"), ("December", "Dec"),
    ],
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _i
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# A month name (abbreviation may carry a dot), on word boundaries.
_MON = rf"\b(?P<mon{{n}}>{_MONTH_ALT})\b\.?"
# An ordinal-suffixed or plain day number.
_DAY = r"(?P<d{n}>[0-3]?\d)(?:st|nd|rd|th)?\b"
# A 4-digit year after a comma or space.
_YEAR = r"(?:,?\s(?P<y{n}>(?:19|20)\d\d)\b)"

# English date forms: "February 5, 2021" / "Feb. 5" (MDY), "5 February 2021" (DMY), "February 2021"/"March" (month).
_EN_MDY = (_MON + r"\s" + _DAY + _YEAR + "?")
_EN_DMY = (r"\b" + _DAY + r"\s" + _MON + _YEAR + "?")
_EN_MY = (r"(?:(?:the\s)?(?:end|beginning|start|middle)\sof\s)?" + _MON + _YEAR + "?")
_EN_MDY_RE = regex.compile(_EN_MDY.format(n=1))
_EN_DMY_RE = regex.compile(_EN_DMY.format(n=1))
_EN_MY_RE = regex.compile(_EN_MY.format(n=1))
# English ranges: "from April 6 to April 9", "April 6 to 9", "April 6-9", "between April 6 and 9", "6-9 April 2021".
_EN_RANGE_RE = regex.compile(
    r"(?P<lead>\b(?i:from|between)\s)?"
    + _EN_MDY.format(n=1)
    + r"\s?(?P<conn>to|until|through|and|-|–|—)\s?(?:"
    + _EN_MDY.format(n=2)
    + r"|"
    + r"(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?\b"
    + _YEAR.format(n=3)
    + r"?)"
)
# An English month range, each end a month with an optional day: "from April 2018 to September 2019",
# "between January and March 2021", and mixed precision, "between May 25, 2018 and September 2019",
# "from March 2020 to June 30, 2021". Needs from/between; a day-to-day range is _EN_RANGE_RE's.
_EN_MONTH_RANGE_RE = regex.compile(
    r"\b(?i:from|between)\s"
    + _MON.format(n=1) + r"(?:\s" + _DAY.format(n=1) + r")?" + _YEAR.format(n=1)
    + r"?\s(?:to|until|through|and)\s"
    + _MON.format(n=2) + r"(?:\s" + _DAY.format(n=2) + r")?" + _YEAR.format(n=2) + "?"
)
# An English year alone ("in 2016", "its 2019 sales"); not a number in a reference ("2016/679", "No. 2021").
_EN_YEAR_RE = regex.compile(r"(?<![\w$€£¥/.#-]|No\.\s|Article\s|ISO\s)(?P<y1>(?:19|20)\d\d)(?![\w/%-]|[.,]\d)")
# An English year range: "from 2012 to 2020", "between 2012 and 2020" (needs from/between; a bare
# "2012-2020" may be a reference number); neither year glued to a reference ("2016/679").
_EN_YEAR_RANGE_RE = regex.compile(
    r"\b(?i:from|between)\s(?P<y1>(?:19|20)\d\d)\s(?:to|until|through|and)\s(?P<y2>(?:19|20)\d\d)(?![\w/%-]|[.,]\d)"
)
# The words before a bare month name that make "May" the month, not the verb.
_EN_MONTH_PREP_RE = regex.compile(r"\b(?:in|of|since|until|by|from|during|early|late|mid|to|and|through|before|after)\s$", regex.IGNORECASE)
_EN_DMY_RANGE_RE = regex.compile(
    r"\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s?(?:-|–|—|to)\s?" + _EN_DMY.format(n=2)
)
# Cue words right before an English date (word-final), e.g. "as of", "before", "no later than".
_EN_BEFORE_RE = regex.compile(rf"\b(?:{alternation(_ROLES['en_before'])})\s$", regex.IGNORECASE)
# "deadline" earlier in the same clause ("The deadline for submitting comments is April 3").
_EN_DEADLINE_CLAUSE_RE = regex.compile(r"\bdeadlines?\b|截止", regex.IGNORECASE)
_EN_CLAUSE_END = regex.compile(r"[.;:!?,()]\s")
_EN_SENTENCE_END = regex.compile(r"[.!?;](?:\s|$)")
# A bare "May" is the modal verb unless a day or year follows.
_MAY = "May"


def _valid(year: int, month: int, day: int | None) -> bool:
    """A calendar date that exists (month 0: a year alone), in the years news covers."""
    if month == 0 and day is not None:
        return False
    try:
        dt.date(year, month if month else 1, day if day is not None else 1)
    except ValueError:
        return False
    return 1900 <= year <= 2100


def _impossible(raw: _Raw) -> bool:
    """A date phrase no calendar has: day 0, 31 April, 29 February of a common
    year, month 13. (A yearless 29 February is possible: some year has it.)"""
    if raw.month == 0:
        return raw.day is not None or "月" in raw.text
    if not 1 <= raw.month <= 12:
        return True
    if raw.year is not None and not 1 <= raw.year <= 9999:
        return True
    if raw.day is None:
        return False
    leap_if_unknown = raw.year if raw.year is not None else 2000
    return not 1 <= raw.day <= calendar.monthrange(leap_if_unknown, raw.month)[1]


def infer_year(month: int, day: int | None, reference: dt.date) -> int | None:
    """The year nearest the reference for a yearless month/day (handles year ends)."""
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if not _valid(year, month, day):
            continue
        gap = abs((dt.date(year, month, day or 15) - reference).days)
        if best is None or gap < best[0]:
            best = (gap, year)
    return best[1] if best else None


def period_reference(period: str | None) -> dt.date | None:
    """The middle of the masthead period ("2021-03" -> 2021-03-15), None if unknown."""
    if not period:
        return None
    m = regex.match(r"^(\d{4})(?:-(\d{1,2}))?", period)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2) or 7)
    return dt.date(year, month, 15) if 1 <= month <= 12 else None


def _iso(year: int, month: int, day: int | None) -> str:
    if not month:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"


@dataclass(frozen=True, slots=True)
class _Raw:
    """A date phrase before its year is resolved."""

    year: int | None
    month: int
    day: int | None
    role: str  # cue role, or "" when none
    text: str
    start: int
    end: int
    range_part: str = ""  # "start" / "end" for ranges
    anchor: tuple[int | None, int, int | None] | None = None  # a range end's start (year, month, day)


def _anchor_ranges(raws: list[_Raw]) -> list[_Raw]:
    """Give each range end (built right after its start) the start's date, for its year."""
    out = list(raws)
    for i in range(1, len(out)):
        if out[i].range_part == "end" and out[i - 1].range_part == "start":
            first = out[i - 1]
            out[i] = replace(out[i], anchor=(first.year, first.month, first.day))
    return out


def _overlaps(taken: bytearray, start: int, end: int) -> bool:
    """Whether [start, end) meets text already claimed (a mask keeps this linear on long inputs)."""
    return any(taken[start:end])


def _mark(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


def _zh_cue(text: str, start: int, end: int) -> str:
    """Role cue around a Chinese date, within its clause."""
    after = _ZH_AFTER_RE.match(text[end : end + 4])
    if after is not None:
        return _ROLES["zh_after"][after.group(0).strip()]
    window = text[max(0, start - 15) : start]
    cut = [m.end() for m in _ZH_CLAUSE_END.finditer(window)]
    clause = window[cut[-1] :] if cut else window
    m = _ZH_BEFORE_RE.search(clause)
    if m:
        cue = regex.sub(r"\s?(?:于|到|为|是)?\s?$", "", m.group(0)).strip()
        return _ROLES["zh_before"].get(cue, "deadline" if "截止" in cue else "as_of")
    if "截至" in clause:
        return "as_of"
    if "截止" in clause:
        return "deadline"
    return ""


def _zh_raw(text: str) -> list[_Raw]:
    out: list[_Raw] = []
    taken = bytearray(len(text))
    for m in _ZH_RANGE_RE.finditer(text):
        y1, m1, d1 = m.group("y1"), int(m.group("m1")), m.group("d1")
        y2, m2, d2 = m.group("y2"), m.group("m2"), m.group("d2")
        if d1 and not d2 and not (y2 and m2):
            continue  # "3月5日-" followed by something else; "2018年5月25日至2019年9月" (own year) is a range
        if not d1 and not m2:
            continue  # a month range needs a month at its end ("2018年5月至2019年9月30日" may end on a day)
        end_month = int(m2) if m2 else m1
        phrase = m.group(0)
        first = _Raw(int(y1) if y1 else None, m1, int(d1) if d1 else None, "", phrase, m.start(), m.end(), "start")
        second = _Raw(int(y2) if y2 else None, end_month, int(d2) if d2 else None, "", phrase, m.start(), m.end(), "end", anchor=None)
        out += [first, second]
        _mark(taken, m.start(), m.end())
    for m in _ZH_SINGLE_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        if not m.group("d1") and regex.match(r"\s?(?:份额|薪|饼)", text[m.end() : m.end() + 3]):
            continue
        _mark(taken, m.start(), m.end())
        out.append(
            _Raw(
                int(m.group("y1")) if m.group("y1") else None,
                int(m.group("m1")),
                int(m.group("d1")) if m.group("d1") else None,
                _zh_cue(text, m.start(), m.end()),
                m.group(0),
                m.start(),
                m.end(),
            )
        )
    out = _anchor_ranges(out)
    out += _year_ranges(_ZH_YEAR_RANGE_RE, text, taken)
    for m in _ZH_YEAR_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        out.append(_Raw(int(m.group("y1")), 0, None, _zh_cue(text, m.start(), m.end()), m.group(0), m.start(), m.end()))
    return out


def _year_ranges(pattern: regex.Pattern[str], text: str, taken: bytearray) -> list[_Raw]:
    """Year-to-year ranges (range_start/range_end at year precision), claiming their text."""
    out: list[_Raw] = []
    for m in pattern.finditer(text):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y2 <= y1 or _overlaps(taken, m.start(), m.end()):
            continue  # "2020年至2012年" is no span
        phrase = m.group(0)
        out += [
            _Raw(y1, 0, None, "", phrase, m.start(), m.end(), "start"),
            _Raw(y2, 0, None, "", phrase, m.start(), m.end(), "end"),
        ]
        _mark(taken, m.start(), m.end())
    return out


def _en_cue(text: str, start: int) -> str:
    """Role cue before an English date, within its clause."""
    window = text[max(0, start - 60) : start]
    m = _EN_BEFORE_RE.search(window)
    if m:
        key = regex.sub(r"\s+", " ", m.group(0).strip().lower())
        for cue, role in _ROLES["en_before"].items():
            if cue.lower() == key:
                return role
        return "deadline"
    cut = [c.end() for c in _EN_CLAUSE_END.finditer(window)]
    clause = window[cut[-1] :] if cut else window
    if _EN_DEADLINE_CLAUSE_RE.search(clause):
        return "deadline"
    return ""


def _month(name: str) -> int:
    return _MONTHS[name]


def _start_year(y1: str | None, y2: str | None, first: tuple[int, int | None], last: tuple[int, int | None]) -> int | None:
    """A range start's year: its own, else the end's ("from November to February 2020" starts in 2019)."""
    if y1:
        return int(y1)
    if not y2:
        return None
    return int(y2) if (first[0], first[1] or 1) <= (last[0], last[1] or 31) else int(y2) - 1


def _en_raw(text: str) -> list[_Raw]:
    out: list[_Raw] = []
    taken = bytearray(len(text))
    for m in _EN_RANGE_RE.finditer(text):
        conn = m.group("conn")
        if conn in ("and",) and not m.group("lead"):
            continue  # "April 6 and 9" without "between" is a list, not a range
        if conn in ("until",) and not m.group("lead"):
            continue
        mon1 = _month(m.group("mon1"))
        y1 = m.group("y1")
        if m.group("mon2"):
            mon2, d2, y2 = _month(m.group("mon2")), int(m.group("d2")), m.group("y2")
        else:
            mon2, d2, y2 = mon1, int(m.group("d3")), m.group("y3")
        start = m.start("mon1")
        phrase = m.group(0).strip()
        out += [
            _Raw(int(y1) if y1 else (int(y2) if y2 else None), mon1, int(m.group("d1")), "", phrase, start, m.end(), "start"),
            _Raw(int(y2) if y2 else None, mon2, d2, "", phrase, start, m.end(), "end", anchor=None),
        ]
        _mark(taken, m.start(), m.end())
    for m in _EN_DMY_RANGE_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        mon, y = _month(m.group("mon2")), m.group("y2")
        phrase = m.group(0)
        out += [
            _Raw(int(y) if y else None, mon, int(m.group("d1")), "", phrase, m.start(), m.end(), "start"),
            _Raw(int(y) if y else None, mon, int(m.group("d2")), "", phrase, m.start(), m.end(), "end", anchor=None),
        ]
        _mark(taken, m.start(), m.end())
    for m in _EN_MONTH_RANGE_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        y1, y2 = m.group("y1"), m.group("y2")
        phrase = m.group(0)

        def day(n: int, m: regex.Match[str] = m) -> int | None:
            return int(m.group(f"d{n}")) if m.group(f"d{n}") else None

        out += [
            _Raw(_start_year(y1, y2, (_month(m.group("mon1")), day(1)), (_month(m.group("mon2")), day(2))),
                 _month(m.group("mon1")), day(1), "", phrase, m.start(), m.end(), "start"),
            _Raw(int(y2) if y2 else None, _month(m.group("mon2")), day(2), "", phrase, m.start(), m.end(), "end", anchor=None),
        ]
        _mark(taken, m.start(), m.end())
    for pattern, has_day in ((_EN_MDY_RE, True), (_EN_DMY_RE, True), (_EN_MY_RE, False)):
        for m in pattern.finditer(text):
            if _overlaps(taken, m.start(), m.end()):
                continue
            name = m.group("mon1")
            if name == _MAY and not has_day and not m.group("y1") and not (
                m.group(0) != name or _EN_MONTH_PREP_RE.search(text[max(0, m.start() - 12) : m.start()])
            ):
                continue  # the modal verb
            if not has_day and len(name) <= 4 and name != _MAY and not m.group("y1"):
                continue  # a bare "Mar"/"Dec" is not a date
            if not has_day and not name[0].isupper():
                continue
            _mark(taken, m.start(), m.end())
            out.append(
                _Raw(
                    int(m.group("y1")) if m.group("y1") else None,
                    _month(name),
                    int(m.group("d1")) if has_day else None,
                    _en_cue(text, m.start()),
                    m.group(0).strip(),
                    m.start(),
                    m.end(),
                )
            )
    out = _anchor_ranges(out)
    out += _year_ranges(_EN_YEAR_RANGE_RE, text, taken)
    for m in _EN_YEAR_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        out.append(_Raw(int(m.group("y1")), 0, None, _en_cue(text, m.start()), m.group(0), m.start(), m.end()))
    out.sort(key=lambda r: (r.start, r.range_part != "start"))
    return out


def _resolve(raw: _Raw, reference: dt.date | None) -> tuple[int, bool] | None:
    """(year, written) for a raw date, or None when no year can be known."""
    if raw.year is not None:
        return (raw.year, True) if _valid(raw.year, raw.month, raw.day) else None
    if reference is None:
        return None
    year = infer_year(raw.month, raw.day, reference)
    return (year, False) if year is not None else None


# A cited title (《…》 in Chinese, *…* italics in English): a year inside it ("2035年远景目标",
# "Guidelines 02/2021") is part of a name, not a date the story gives. Bounded, no nesting.
_TITLE_SPAN_RE = regex.compile(r"《[^《》\n]{1,200}》|(?<![*\w])\*(?![*\s])[^*\n]{1,400}?\*(?![*\w])")


def _mask_titles(text: str) -> str:
    """The text with every cited title blanked out (same length, so offsets stay)."""
    return _TITLE_SPAN_RE.sub(lambda m: "\u25a1" * len(m.group(0)), text)


def extract_dates(
    body: str,
    lang: Lang,
    *,
    period: str | None,
    title: str = "",
) -> list[DateMention]:
    """Every date of one language of an item (body and title), with role; see the module rules."""
    return extract_dates_checked(body, lang, period=period, title=title)[0]


def extract_dates_checked(
    body: str,
    lang: Lang,
    *,
    period: str | None,
    title: str = "",
) -> tuple[list[DateMention], list[str]]:
    """The dates of :func:`extract_dates`, and the phrases of dates that cannot
    exist ("February 0", "4月31日"): no date is made of those, the caller warns."""
    impossible: list[str] = []
    body_mentions = _mentions(_mask_titles(fold_digits(body)), lang, period=period, allow_event=True, reference=None, impossible=impossible)
    event = next((m for m in body_mentions if m.role == "event"), None)
    out = list(body_mentions)
    if title:
        ref = dt.date.fromisoformat(event.date) if event and event.precision == "day" else None
        seen = {m.date for m in body_mentions}
        for m in _mentions(_mask_titles(fold_digits(title)), lang, period=period, allow_event=False, reference=ref, impossible=impossible):
            if m.date not in seen:
                out.append(replace(m, start=-1))
                seen.add(m.date)
    return out, impossible


# What may stand before a range that opens the story: nothing, or "From" / "Between" (in English).
_OPENS_RANGE_RE = regex.compile(r"\s*(?:(?:From|from|Between|between)\s)?")


def _mentions(
    text: str, lang: Lang, *, period: str | None, allow_event: bool, reference: dt.date | None, impossible: list[str]
) -> list[DateMention]:
    raws = _zh_raw(text) if lang == "zh" else _en_raw(text)
    impossible.extend(raw.text for raw in raws if _impossible(raw))
    raws = [raw for raw in raws if not _impossible(raw)]
    raws.sort(key=lambda r: (r.start, r.range_part != "start"))
    if not raws:
        return []
    sentence_end = (_ZH_SENTENCE_END if lang == "zh" else _EN_SENTENCE_END).search(text)
    first_end = sentence_end.start() if sentence_end else len(text)

    # The event: the first date, a plain day/month date in the opening clause, or the start of a range that
    # opens the story ("4月26日至29日，…": schema 1.1, the date a tracker files the story under).
    event_index: int | None = None
    lead = raws[0]
    if (
        allow_event
        and not lead.role
        and (not lead.range_part or (lead.range_part == "start" and _OPENS_RANGE_RE.fullmatch(text[: lead.start])))
        and lead.month
        and lead.start <= LEAD_WINDOW[lang]
        and lead.start < first_end
    ):
        event_index = 0

    # Reference for yearless dates: the event date, else the masthead period.
    ref = reference
    if ref is None:
        ref = period_reference(period)
        if event_index is not None:
            got = _resolve(lead, ref)
            if got is not None and lead.day is not None:
                ref = dt.date(got[0], lead.month, lead.day)

    # A yearless range is placed by its end, and its start is the latest year not after the end:
    # "1月至11月" told on 2021-12-14 is 2021-01..2021-11, not 2022-01..2021-11.
    range_years: dict[int, tuple[int, bool]] = {}
    for i, raw in enumerate(raws[:-1]):
        end = raws[i + 1]
        if raw.range_part != "start" or raw.year is not None or end.range_part != "end" or end.start != raw.start:
            continue
        got_end = _resolve(end, ref)
        if got_end is None or ref is None:
            continue
        end_year = got_end[0]
        start_year = end_year if (raw.month, raw.day or 1) <= (end.month, end.day or 31) else end_year - 1
        if _valid(start_year, raw.month, raw.day):
            range_years[i] = (start_year, False)
            range_years[i + 1] = got_end

    resolved: list[DateMention] = []
    for i, raw in enumerate(raws):
        r_ref = ref
        if raw.anchor is not None:
            a_year, a_month, a_day = raw.anchor
            got = _resolve(_Raw(a_year, a_month, a_day, "", "", 0, 0), ref)
            if got is not None:
                r_ref = dt.date(got[0], a_month, a_day or 1)
        got = range_years.get(i) or _resolve(raw, r_ref)
        if got is None:
            continue
        year, written = got
        if i == event_index:
            role = "event"
        elif raw.range_part:
            role = "range_" + raw.range_part
        else:
            role = raw.role or "mentioned"
        precision: Literal["day", "month", "year"] = "day" if raw.day else ("month" if raw.month else "year")
        resolved.append(
            DateMention(
                date=_iso(year, raw.month, raw.day),
                precision=precision,
                role=role,
                text=raw.text,
                start=raw.start,
                year_written=written or (raw.anchor is not None and raw.anchor[0] is not None),
            )
        )
    return _fold_restatements(resolved)


def _fold_restatements(mentions: list[DateMention]) -> list[DateMention]:
    """Drop repeats of the event date that add nothing (module rule), and duplicate (date, role)."""
    event = next((m for m in mentions if m.role == "event"), None)
    out: list[DateMention] = []
    seen: set[tuple[str, str]] = set()
    other_date_since_event = False
    for m in mentions:
        if event is not None and m is not event and m.start > event.start:
            if m.date != event.date:
                other_date_since_event = True
            elif m.role.startswith("range_"):
                pass  # a span starting on the event date names its end too: not a mere repeat
            elif m.role == "mentioned" or not other_date_since_event:
                continue
        key = (m.date, m.role)
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out


__all__ = ["DateMention", "extract_dates", "extract_dates_checked", "infer_year", "period_reference"]
