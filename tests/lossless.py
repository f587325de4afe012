"""The nothing-lost check, written independently of the segmenter.

Every non-blank input line must be visible in the model: inside an item's
title or body (link markers aside), in the contents, a heading, a masthead or
footer field, boilerplate or ``unplaced``. Item locations must not overlap one
another nor any fragment, so no line is claimed twice.
"""

from __future__ import annotations

import regex

from lifang_parse.models import Newsletter
from lifang_parse.textutil import clean_value

# A "more" marker with its brackets, as the text form writes it.
_MORE_WORDS = ("查看更多", "阅读原文", "阅读全文", "More", "Read more")
# A "more" marker with its brackets; a line break may fall anywhere inside it (the
# reader re-joins such a paragraph, and the marker leaves the body as a link).
_MORE_LINK = regex.compile(
    r"[（(]?\s*\[\s*(?:"
    + "|".join("\n?".join(regex.escape(ch) for ch in word) for word in _MORE_WORDS)
    + r")\s*\]\n?\(\n?[^)\s]{0,500}\n?\)\s*[）)]?",
    regex.IGNORECASE,
)
# Any other Markdown link: the body keeps its text.
_OTHER_LINK = regex.compile(r"\[([^\[\]\n]{1,60})\]\([^()\s]{0,500}\)")
# Where a heading or office line splits into separately stored parts.
_PARTS = regex.compile(r"\||(?<=\p{Han})\s+(?=[A-Za-z])|(?<=[A-Za-z])\s+(?=\p{Han})")
# A labelled footer line: "Tel: +8610 ...", "Email: info@...".
_LABEL = regex.compile(r"(?i)^(?:tel|telephone|fax|e-?mail|website)\s*[:：]\s*(?P<value>.+)$")


def _strings(newsletter: Newsletter) -> list[str]:
    found: list[str] = []

    def add(*values: object) -> None:
        found.extend(v for v in values if isinstance(v, str) and v)

    add(newsletter.publisher.zh, newsletter.publisher.en, newsletter.publication.zh, newsletter.publication.en)
    add(newsletter.title.zh, newsletter.title.en)
    for block in newsletter.contents:
        add(block.heading.zh, block.heading.en)
        for title in block.titles:
            add(title.zh, title.en)
    for section in newsletter.sections:
        add(section.heading.zh, section.heading.en)
        for item in section.items:
            add(item.title.zh, item.title.en, item.body.zh, item.body.en)
    if newsletter.footer:
        footer = newsletter.footer
        add(footer.disclaimer.zh, footer.disclaimer.en, footer.website, footer.email, footer.phone, footer.fax)
        for office in footer.offices:
            add(office.zh, office.en)
    add(*(f.text for f in newsletter.boilerplate), *(f.text for f in newsletter.unplaced))
    return found


def _squeeze(text: str) -> str:
    """Compare text without white space (joins differ only in spaces), case or
    Markdown asterisks (bold markers may pair up across a re-joined break)."""
    return regex.sub(r"[\s*]+", "", text).casefold()


# Masthead fields as producers print them: "No.214", "NO. 44", "2021.03", "2021年3月", "2021-03".
_MASTHEAD_NUMBER = regex.compile(r"(?i)\bNo\.?\s*(\d+)")
_MASTHEAD_PERIOD = regex.compile(r"((?:19|20)\d\d)\s*[.\-/年]\s*(\d{1,2})\s*月?")


def _masthead_fields_shown(line: str, numbers: set[str], period: str | None) -> bool:
    """A line of masthead fields only ("No.215 2021.03", "2021.03 | No.214"), each in the model."""
    rest = line
    for match in list(_MASTHEAD_NUMBER.finditer(line)):
        if match[1].lstrip("0") not in {n.lstrip("0") for n in numbers}:
            return False
        rest = rest.replace(match[0], " ", 1)
    for match in list(_MASTHEAD_PERIOD.finditer(rest)):
        if period != f"{match[1]}-{int(match[2]):02d}":
            return False
        rest = rest.replace(match[0], " ", 1)
    return rest != line and not regex.sub(r"[\s|｜·•/*]+", "", rest)


def missing_lines(text: str, newsletter: Newsletter) -> list[str]:
    """Non-blank lines of ``text`` that the model does not show anywhere."""
    haystack = _squeeze("\n".join(_strings(newsletter)))
    numbers = {str(n) for n in (newsletter.publication_number, newsletter.issue_number) if n is not None}
    period = newsletter.period
    missing: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _MORE_LINK.sub(" ", text)  # markers may be split over lines; they leave as links
    for raw in text.split("\n"):
        line = clean_value(raw)
        if not line:
            continue
        bare = clean_value(_OTHER_LINK.sub(r"\1", _MORE_LINK.sub(" ", line))).rstrip("-")
        # A bracket split from its "more" marker by a line break went with the marker.
        bare = bare.strip("（()） ")
        if not bare or _squeeze(bare) in haystack:
            continue
        if _masthead_fields_shown(line, numbers, period):
            continue
        parts = [part.strip() for part in _PARTS.split(bare) if part.strip()]
        if all(_squeeze(part) in haystack for part in parts):
            continue  # a heading or office line shown in its parts
        label = _LABEL.match(bare)
        if label and _squeeze(label["value"]) in haystack:
            continue  # a footer field shown without its label
        missing.append(line)
    return missing


def overlapping_claims(newsletter: Newsletter) -> list[tuple[str, str]]:
    """Pairs of model parts that claim the same input line."""
    spans: list[tuple[int, int, str]] = [
        (item.location.line_start, item.location.line_end, f"item {item.id}") for item in newsletter.all_items()
    ]
    spans += [(f.line_start, f.line_end, f"boilerplate {f.text[:20]!r}") for f in newsletter.boilerplate]
    spans += [(f.line_start, f.line_end, f"unplaced {f.text[:20]!r}") for f in newsletter.unplaced]
    spans.sort()
    clashes = []
    for (start_a, end_a, name_a), (start_b, _end_b, name_b) in zip(spans, spans[1:]):
        # Touching at one line is allowed: a form feed can split one input line in two.
        if start_b < end_a:
            clashes.append((name_a, name_b))
    return clashes
