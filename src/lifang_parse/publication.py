"""The publication's words (masthead, headings, link markers, footer), loaded once from ``data/layout.json``.

Code in segment/pair asks this module "is this line a heading / boilerplate /
a footer field?" and never hard-codes the publication's words itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from lifang_parse.data import load_packaged_json
from lifang_parse.markup import plain
from lifang_parse.textutil import normalize_space

# A bilingual section heading on one line: a short Chinese name, then a short
# Title-Case English name ("国内要闻 Domestic News", "执法动态 Enforcement Trends").
_HEADING = regex.compile(
    r"""^(?P<zh>[\p{Han}、·]{2,8}+)\s*+
         (?P<en>[A-Z][A-Za-z'’&\-]{0,20}+(?:\s[A-Za-z&][A-Za-z'’&\-]{0,20}+){1,6}+)$""",
    regex.VERBOSE,
)
# A section heading's halves when they stand on lines of their own (the
# Chinese over the English, as a word processor or a web page sets them), or
# with a one-word English name ("监管执法 Enforcement"): evidence, not proof —
# the segmenter accepts these only where the document confirms them.
HEADING_ZH_HALF = regex.compile(r"^[\p{Han}、·]{2,8}+$")
HEADING_EN_HALF = regex.compile(r"^[A-Z][A-Za-z'’&\-]{1,20}+(?:\s[A-Za-z&][A-Za-z'’&\-]{0,20}+){0,5}+$")
HEADING_ONE_WORD = regex.compile(r"^(?P<zh>[\p{Han}、·]{2,8}+)\s*+(?P<en>[A-Z][a-z][A-Za-z'’&\-]{1,20}+)$")
# A masthead number: "No.214", "No. 44", "NO 44".
_NUMBER = regex.compile(r"^No\.?\s*(\d{1,6})$", regex.IGNORECASE)
# A masthead period: "2021.03", "2021-03", "2021/3", "2021年3月".
_PERIOD = regex.compile(r"^((?:19|20)\d{2})\s*[.\-/年]\s*(\d{1,2})\s*月?$")
# A markdown link as the text form writes "more" markers, with optional brackets around it:
# "（[查看更多](#)）", "([More](#))", "[More](https://...)".
LINK_MARKER = regex.compile(
    r"""\s*+(?P<open>[（(])?\s*+\[(?P<text>[^\[\]\n]{1,60}+)\]\((?P<href>[^()\s]{0,500}+)\)\s*+(?P<close>[）)])?""",
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Publisher:
    zh: str
    en: str
    en_pattern: regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class Layout:
    publishers: tuple[Publisher, ...]
    publication_names: tuple[tuple[str, str | None], ...]
    masthead_boilerplate: tuple[regex.Pattern[str], ...]
    known_headings: tuple[tuple[str, str], ...]
    link_texts: frozenset[str]
    disclaimer_starts_zh: tuple[str, ...]
    disclaimer_starts_en: tuple[str, ...]
    footer_boilerplate: tuple[regex.Pattern[str], ...]
    footer_fields: tuple[tuple[str, regex.Pattern[str]], ...]

    def heading(self, text: str) -> tuple[str | None, str | None] | None:
        """(zh, en) when ``text`` is a section heading line, else None (style is ignored)."""
        text = plain(text)
        match = _HEADING.match(text)
        if match:
            return match["zh"], normalize_space(match["en"])
        for zh, en in self.known_headings:
            if text == zh:
                return zh, None
            if text.casefold() == en.casefold():
                return None, en
        return None

    def known_heading_half(self, text: str) -> tuple[str | None, str | None] | None:
        """The known heading whose Chinese or English name is ``text`` alone."""
        folded = text.casefold()
        for zh, en in self.known_headings:
            if text == zh or folded == en.casefold():
                return zh, en
        return None

    def is_masthead_boilerplate(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.masthead_boilerplate)

    def is_footer_boilerplate(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.footer_boilerplate)

    def disclaimer_language(self, text: str) -> str | None:
        if any(text.startswith(start) for start in self.disclaimer_starts_zh):
            return "zh"
        if any(text.startswith(start) for start in self.disclaimer_starts_en):
            return "en"
        return None

    def footer_field(self, text: str) -> tuple[str, str] | None:
        for name, pattern in self.footer_fields:
            match = pattern.match(text)
            if match:
                return name, normalize_space(match.group(1))
        return None

    def is_link_text(self, text: str) -> bool:
        return text.strip().casefold() in self.link_texts


def masthead_number(text: str) -> int | None:
    match = _NUMBER.match(text)
    return int(match.group(1)) if match else None


def masthead_period(text: str) -> str | None:
    match = _PERIOD.match(text)
    if not match:
        return None
    month = int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return f"{match.group(1)}-{month:02d}"


def _load_default() -> Layout:
    raw = load_packaged_json("layout.json")
    return Layout(
        publishers=tuple(
            Publisher(zh=p["zh"], en=p["en"], en_pattern=regex.compile(p["en_pattern"])) for p in raw["publishers"]
        ),
        publication_names=tuple((p["zh"], p.get("en")) for p in raw["publications"]),
        masthead_boilerplate=tuple(regex.compile(p) for p in raw["masthead_boilerplate"]),
        known_headings=tuple((h["zh"], h["en"]) for h in raw["known_section_headings"]),
        link_texts=frozenset(t.casefold() for texts in raw["link_texts"].values() for t in texts),
        disclaimer_starts_zh=tuple(raw["footer_disclaimer_starts"]["zh"]),
        disclaimer_starts_en=tuple(raw["footer_disclaimer_starts"]["en"]),
        footer_boilerplate=tuple(regex.compile(p) for p in raw["footer_boilerplate"]),
        footer_fields=tuple((name, regex.compile(p, regex.IGNORECASE)) for name, p in raw["footer_fields"].items()),
    )


DEFAULT_LAYOUT = _load_default()
