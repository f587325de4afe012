"""Hard-wrapped extracted text (``pdftotext``, a viewer's copy-paste,
pdfplumber's or PyMuPDF's ``extract_text``) back to the clean text form.

Such text keeps the PDF's visual lines: a paragraph is cut at the column
width, titles run over two lines, running headers, footers and page numbers
("立方观评 | 网络安全与数据合规周报", "- 3 -") stand between the paragraphs and
form feeds between the pages. It is the same problem the PDF reader solves,
with less geometry, so this reader builds the layout layer's plain
:class:`~lifang_parse.read.layout.Frag` from text lines and runs *the same*
furniture detector and paragraph re-joiner (:mod:`.layout`) on them:

- x is the estimated display width: a CJK character is 2 columns, a Latin
  character its share of a proportional font's em (Latin text is set in
  proportional fonts, so a character count would make every English line
  look ragged);
- y is the line's row on its page (blank lines count, so a blank line is
  paragraph spacing);
- the column's right edge is the document's common full line width, per
  script, and ``width_error`` says how far an estimate may be off.

Clean text (one paragraph per line) is recognised and left to the text
reader's usual path; see :func:`classify`.
"""

from __future__ import annotations

import functools

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Literal

import regex

from lifang_parse.publication import DEFAULT_LAYOUT
from lifang_parse.read import layout
from lifang_parse.read.contents import Piece, cut_line, recover, squeeze
from lifang_parse.read.layout import Frag, Run
from lifang_parse.read.lines import Line
from lifang_parse.read.overprint import staircase, undouble
from lifang_parse.textutil import normalize_space

# Height of one text row, and the "font size" in columns: a CJK character is
# 2 columns wide and as wide as the font is tall, so size 2 keeps the layout
# layer's size-relative thresholds (indent > 0.8 size, slack 1.5–2 size).
_SIZE = 2.0
_PITCH = 1.2 * _SIZE

# Approximate advance widths (1/1000 em) of a proportional Latin font
# (Helvetica's; Times differs in scale, which the per-script full width absorbs).
_LATIN_WIDTHS: dict[str, int] = {
    **dict(zip(" abcdefghijklmnopqrstuvwxyz", (278, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500))),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611))),
    **{d: 556 for d in "0123456789"},
    **{",": 278, ".": 278, ";": 278, ":": 278, "'": 191, '"': 355, "(": 333, ")": 333, "-": 333, "&": 667, "/": 278, "!": 278, "?": 556, "%": 889, "$": 556, "’": 222, "‘": 222, "“": 333, "”": 333, "–": 556, "—": 1000},
}

# Punctuation of ambiguous East Asian width: full-width in a CJK font.
_AMBIGUOUS = frozenset("“”‘’…—·")
# Their width next to Chinese, in columns: between a Song face's 2 and Zen Hei's 0.66.
_AMBIGUOUS_CJK_WIDTH = 1.33

# Sentence-final punctuation, with closing quotes/brackets after it.
_TERMINAL_RE = regex.compile(r"""[。！？；.!?;:：…](?:[”’"'）)\]】」』]{0,3})$""")
# A "read more" marker closes a paragraph of this newsletter: "（查看更多）",
# "(More)", or in the text form's link syntax "（[查看更多](#)）".
_MARKER_END_RE = regex.compile(
    r"[（(]\s*\[?(?:查看更多|查看原文|阅读原文|阅读全文|More|Read more)(?:\]\([^()\s]*\))?\s*[)）]$", regex.IGNORECASE
)
# A space next to a wide (Chinese, Korean, full-width) character: what a justified line's letter spacing leaves.
_WIDE_SPACE_RE = regex.compile(r"(?<=[\p{Han}\p{Hangul}\u3000-\u303f\uff00-\uffef“”‘’]) | (?=[\p{Han}\p{Hangul}\u3000-\u303f\uff00-\uffef“”‘’])")
# A line letter-spaced throughout: at least this many such spaces, and one after most ideographs.
_MIN_LETTER_SPACES = 6
# Opening brackets and quotes, which stay with what follows them (no line ends in one).
_OPENING_RE = regex.compile(r"""^[（(“‘《〈【「『\["']{1,4}""")
# Closing brackets, quotes and punctuation, which stay with what precedes them (no line starts with one).
_CLOSING_RE = regex.compile(r"""[）)”’》〉】」』，。、；：！？,.;:!?]{1,4}""")
# The first breakable unit of a line: a Latin word (with its punctuation) or one character.
_FIRST_WORD_RE = regex.compile(r"^[^\s\p{Han}\u3000-\u303f\uff00-\uffef]+")


@functools.lru_cache(maxsize=8192)
def char_width(ch: str) -> float:
    """Estimated display width of one character, in columns (CJK = 2)."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2.0
    if unicodedata.combining(ch):
        return 0.0
    return _LATIN_WIDTHS.get(ch, 556) / 500


def display_width(text: str, ambiguous: float = _AMBIGUOUS_CJK_WIDTH) -> float:
    """Estimated display width of a line, in columns (CJK = 2).

    Quotes, ellipses and dashes of ambiguous width next to Chinese
    ("（“工信部”）") are set by the CJK font: full-width in Song faces
    (AR PL UMing, STSong), a third of an em in WenQuanYi Zen Hei. Counted
    between the two, they keep the estimate within the width error either way.
    """
    if _AMBIGUOUS.isdisjoint(text):  # the common case, without a Python loop per character
        return sum(map(char_width, text))
    total = 0.0
    for k, ch in enumerate(text):
        if ch in _AMBIGUOUS and (layout.is_cjk(text[k - 1 : k]) or layout.is_cjk(text[k + 1 : k + 2])):
            total += ambiguous
        else:
            total += char_width(ch)
    return total


def _is_latin_line(text: str) -> bool:
    """A line set mostly in the Latin font (its width estimate is the rough one)."""
    cjk = sum(map(layout.is_cjk, text))
    return cjk * 5 < len(text.replace(" ", ""))


def _first_width(text: str) -> float:
    """Width of the line's first unbreakable unit: a Latin word or one
    character, with the opening brackets and quotes before it (no line ends
    in "（“": "（“Mandiant”）" moves to the next line whole)."""
    if not text:
        return 0.0
    opening = _OPENING_RE.match(text)
    lead = opening.group(0) if opening and len(opening.group(0)) < len(text) else ""
    rest = text[len(lead) :]
    if layout.is_cjk(rest[0]):
        # The closing marks after it stay with it too (no line starts with "”）").
        closing = _CLOSING_RE.match(rest, 1)
        return display_width(text[: len(lead) + 1 + (len(closing.group(0)) if closing else 0)])
    m = _FIRST_WORD_RE.match(rest)
    return display_width(lead + (m.group(0) if m else rest[0]))


def ends_paragraph_text(text: str) -> bool:
    """Ends like a complete sentence or with a "more" marker."""
    return bool(_TERMINAL_RE.search(text) or _MARKER_END_RE.search(text))


def unspace(text: str) -> str:
    """A justified Chinese line without its letter spacing.

    pdftotext writes the wider gaps of a justified line as spaces, so a full
    first line may come out "2022 年 11 月 28 日 ， 爱 尔 兰". Chinese has no
    spaces between its characters (nor, in this newsletter, between Chinese
    and a Latin word), so when most ideographs of a line are followed by a
    space, every space next to a wide character goes.
    """
    spaces = len(_WIDE_SPACE_RE.findall(text))
    han = sum(1 for ch in text if layout.is_cjk(ch))
    if spaces < _MIN_LETTER_SPACES or 2 * text.count(" ") < han:
        return text
    return _WIDE_SPACE_RE.sub("", text)


# --------------------------------------------------------------------------
# Physical lines and pages
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextLine:
    """One physical line of the input, on its page."""

    text: str  # whitespace-normalised; "" for a blank line
    number: int  # 1-based line of the input
    page: int  # 1-based, counted by form feeds
    row: int  # 0-based row on its page (blank rows count)
    indent: float  # leading white space, in columns
    width: float | None = None  # printed width when the text was changed (letter spacing removed)


def page_lines(text: str) -> list[list[TextLine]]:
    """The input's physical lines, page by page (form feeds start pages).

    Numbering matches :func:`lifang_parse.read.text.split_lines`: every input
    line counts; text on either side of a form feed inside one line keeps
    that line's number. Letter-doubled overprinting is halved
    (:func:`.overprint.undouble`).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages: list[list[TextLine]] = [[]]
    for number, raw in enumerate(text.split("\n"), start=1):
        for index, piece in enumerate(raw.split("\f")):
            if index:
                pages.append([])
            expanded = piece.expandtabs(4)
            stripped = expanded.lstrip()
            indent = display_width(expanded[: len(expanded) - len(stripped)])
            current = pages[-1]
            current.append(TextLine(undouble(normalize_space(piece)), number, len(pages), len(current), indent))
    return pages


def _frag(line: TextLine) -> Frag:
    """The layout layer's fragment for a line. A Chinese line that ends no
    sentence is measured at its widest (quotes full-width, as in a Song
    face): a paragraph does not end there, so the line ran to the edge."""
    text = line.text
    top = line.row * _PITCH
    widest = _mostly_cjk(text) and not ends_paragraph_text(text)
    return Frag(
        runs=(Run(text),),
        page=line.page,
        x0=line.indent,
        x1=line.indent + (line.width if line.width is not None else display_width(text, 2.0 if widest else _AMBIGUOUS_CJK_WIDTH)),
        top=top,
        bottom=top + _SIZE,
        baseline=top + 0.8 * _SIZE,
        size=_SIZE,
        first_width=_first_width(text),
    )


# --------------------------------------------------------------------------
# Furniture and the evidence of wrapping
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the text is, and what the layout layer found in it."""

    kind: Literal["clean", "paged", "wrapped"]
    pages: list[list[TextLine]]
    furniture: frozenset[tuple[int, int]]  # (page index, row)
    full_width: dict[bool, float]  # per script (True: Latin), the common full line width
    wrap_evidence: int


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _full_widths(lines: Sequence[TextLine]) -> dict[bool, float]:
    """The common full width of a line, per script: where wrapped lines end.

    A high percentile of the line widths: most lines of wrapped prose end
    within a word of the column's edge, few go beyond it.
    """
    every = [display_width(line.text) for line in lines]
    out: dict[bool, float] = {}
    for latin in (False, True):
        widths = [display_width(line.text) for line in lines if _is_latin_line(line.text) == latin]
        out[latin] = _percentile(widths if len(widths) >= 5 else every, 0.9) or 1.0
    return out


def find_text_furniture(pages: Sequence[Sequence[TextLine]]) -> frozenset[tuple[int, int]]:
    """Running headers, footers and page numbers of paged text, as (page index, row).

    The layout layer's detector, anchored at the page edges (a text page has
    no height). Text needs stronger evidence than a PDF, since a clean text
    with a stray form feed must not lose a line: the same key on at least
    three pages, or page numbers on at least two, and then a line on two
    of the numbered pages too (a short document's running header).
    """
    if len(pages) < 2:
        return frozenset()
    frag_pages: list[list[Frag]] = []
    rows: list[list[int]] = []
    heights: list[float] = []
    for page in pages:
        kept = [line for line in page if line.text]
        frag_pages.append([_frag(line) for line in kept])
        rows.append([line.row for line in kept])
        heights.append(max(len(page), 1) * _PITCH)
    # A short last page has a full page's band: use the typical height.
    typical = _percentile([h for h, page in zip(heights, pages) if any(line.text for line in page)], 0.5)
    heights = [max(h, typical) for h in heights]
    found = layout.find_furniture(frag_pages, heights, y_tolerance=0.5 * _PITCH, anchor="edges")
    by_key: dict[str, set[int]] = {}
    for p, i in found:
        by_key.setdefault(_key(frag_pages[p][i].text), set()).add(p)
    numbered = {p for p, i in found if layout.is_page_number(frag_pages[p][i].text)}
    out = set()
    for p, i in found:
        text = frag_pages[p][i].text
        pages_with = by_key[_key(text)]
        if (
            len(pages_with) >= 3
            or (layout.is_page_number(text) and len(numbered) >= 2)
            # A running header of a short document: on two pages, both numbered.
            or (len(numbered) >= 2 and len(pages_with) >= 2 and pages_with <= numbered)
            # ... or numbered itself ("立方观评 · 网络安全与数据合规周报 2", "… 3").
            or _counts_pages([(q, frag_pages[q][j].text) for q, j in found if _key(frag_pages[q][j].text) == _key(text)])
        ):
            out.add((p, rows[p][i]))
    return frozenset(out)


# The last number of a line: the page number a running header carries.
_LAST_NUMBER_RE = regex.compile(r"(\d{1,3})\D{0,3}$")


def _counts_pages(lines: Sequence[tuple[int, str]]) -> bool:
    """Do the lines (page index, text) of one key, on two pages or more,
    end in a number that goes up with the page: a header that numbers its pages?"""
    offsets = set()
    for page, text in lines:
        m = _LAST_NUMBER_RE.search(text)
        if m is None:
            return False
        offsets.add(int(m.group(1)) - page)
    return len({page for page, _ in lines}) >= 2 and len(offsets) == 1


def _key(text: str) -> str:
    return regex.sub(r"\d+", "#", text).casefold()


def _runs_on(lines: Sequence[TextLine]) -> bool:
    """Do lines run into one another (no blank line between) often enough
    to be worth measuring? Clean text separates its paragraphs by blank lines."""
    texts = [line.text for line in lines]
    joined = sum(1 for a, b in zip(texts, texts[1:]) if a and b)
    return joined >= 5 and joined * 4 >= sum(1 for t in texts if t)


def classify(text: str) -> Analysis:
    """Is ``text`` clean (one paragraph per line), clean but paged (furniture
    between the paragraphs), or hard-wrapped?

    Evidence of wrapping: lines that run into the next line with no blank
    between, end within a few columns of the common full width, and end
    without sentence punctuation, i.e. a paragraph cut at the column edge.
    Clean text has next to none: its lines are whole paragraphs, separated
    by blank lines, of every length.
    """
    pages = page_lines(text)
    if len(pages) == 1 and not _runs_on(pages[0]):
        return Analysis("clean", pages, frozenset(), {}, 0)
    furniture = find_text_furniture(pages)
    body = [line for p, page in enumerate(pages) for line in page if line.text and (p, line.row) not in furniture]
    full = _full_widths(body)
    evidence = 0
    for page_index, page in enumerate(pages):
        kept = [line for line in page if (page_index, line.row) not in furniture]
        for a, b in zip(kept, kept[1:]):
            if not a.text or not b.text or ends_paragraph_text(a.text):
                continue
            width = full[_is_latin_line(a.text)]
            if display_width(a.text) >= 0.85 * width and width >= 30:
                evidence += 1
    n = len(body)
    kind: Literal["clean", "paged", "wrapped"]
    if evidence >= max(5, 0.08 * n):
        kind = "wrapped"
    elif furniture:
        kind = "paged"
    else:
        kind = "clean"
    return Analysis(kind, pages, furniture, full, evidence)


# --------------------------------------------------------------------------
# Re-joining
# --------------------------------------------------------------------------

# How far a line's estimated width may be off, as a share of the full width:
# CJK characters are all one width; Latin text is estimated with one font's
# widths while documents are set in others.
_WIDTH_ERROR = {False: 0.02, True: 0.06}


@dataclass(frozen=True, slots=True)
class Block:
    """A re-joined logical line: a paragraph, title, heading or masthead line."""

    text: str
    first: TextLine
    last: TextLine
    single: bool  # one physical line
    fixed: bool = False  # a title found by repetition: joined to nothing else


def _flow(analysis: Analysis) -> list[TextLine]:
    """The text lines that are not furniture, with overprinting staircases
    (:func:`.overprint.staircase`) made one line again."""
    lines = [
        line
        for p, page in enumerate(analysis.pages)
        for line in page
        if line.text and (p, line.row) not in analysis.furniture
    ]
    texts = [line.text for line in lines]
    out: list[TextLine] = []
    k = 0
    while k < len(lines):
        found = staircase(texts, k)
        if found is None:
            line = lines[k]
            text = unspace(line.text)
            # Letter-spaced, the line was as wide as it printed: keep that width for the re-joiner.
            out.append(line if text == line.text else replace(line, text=text, width=display_width(line.text)))
            k += 1
            continue
        whole, k_next = found
        out.append(replace(lines[k], text=whole))
        k = k_next
    return out


def _text_frags(lines: Sequence[TextLine], full: dict[bool, float]) -> list[Frag]:
    """The layout layer's fragments, bounded by the document's common width."""
    left = min((line.indent for line in lines), default=0.0)
    out = []
    for line in lines:
        latin = _is_latin_line(line.text)
        width = full[latin]
        out.append(replace(_frag(line), left=left, right=left + width, width_error=_WIDTH_ERROR[latin] * width))
    return out


def _has_cjk(text: str) -> bool:
    return any(layout.is_cjk(ch) for ch in text)


def _mostly_cjk(text: str) -> bool:
    bare = text.replace(" ", "")
    return 2 * sum(1 for ch in bare if layout.is_cjk(ch)) >= len(bare)


def _script_switch(a: str, b: str) -> bool:
    """A line with no Chinese at all and a Chinese line, in either order.

    The newsletter keeps each paragraph in one language: a Chinese paragraph
    quotes English names, but not a whole line of English, and an English
    paragraph never goes on in Chinese. So the English title under a
    Chinese one, or the Chinese title after an English contents entry,
    starts a paragraph however full the line before it is.
    """
    if not _has_cjk(a) and len(a.split()) >= 3 and layout.is_cjk(b[:1]) and _mostly_cjk(b):
        return True
    return not _has_cjk(b) and len(b.split()) >= 4 and b[:1].isupper() and _mostly_cjk(a)


def _hard_break(a: TextLine, b: TextLine) -> bool:
    """Where text says more than its geometry: a paragraph that ends with a
    "more" marker is over, and so is a complete English sentence followed by
    Chinese (the next item's title), however full its last line; the
    language changes; a section heading or a line of the publication's
    footer boilerplate ("Subscribe to our WeChat community") stands alone."""
    if _MARKER_END_RE.search(a.text):
        return True
    if ends_paragraph_text(a.text) and _is_latin_line(a.text) and layout.is_cjk(b.text[:1]):
        return True
    if any(DEFAULT_LAYOUT.is_footer_boilerplate(t) or DEFAULT_LAYOUT.heading(t) is not None for t in (a.text, b.text)):
        return True
    return _script_switch(a.text, b.text)


# The longest run of lines (in the body, in the contents) one title may take.
_TITLE_LINES = 3
# A repeated line this short (squeezed) is no evidence of a title: "(More)".
_MIN_TITLE_KEY = 6


def _title_line(text: str) -> bool:
    """May be (part of) a title: no sentence end, no section heading."""
    return not ends_paragraph_text(text) and DEFAULT_LAYOUT.heading(text) is None


def repeated_titles(lines: Sequence[TextLine]) -> dict[int, int]:
    """Titles the text prints twice, as {first line: line after the last}.

    Every title of the body is listed in the contents before it, wrapped
    the same way or not. Lines (one or two) whose text, white space aside,
    is that of one to three consecutive earlier lines (or every other line:
    two contents columns read row by row) are such a title: they
    stand alone, whatever the line widths say. This is what finds a title
    set in body type that fills its line and runs straight into its story
    (no spacing, no indent kept by the extractor).
    """
    earliest: dict[str, int] = {}  # squeezed text -> index after its first occurrence
    for j in range(len(lines)):
        # Consecutive lines, or every other line: a two-column contents page
        # read row by row puts the other column's line between a title's.
        for stride in (1, 2):
            key = ""
            for m in range(0, stride * _TITLE_LINES, stride):
                if j + m >= len(lines):
                    break
                key += squeeze(lines[j + m].text)
                earliest.setdefault(key, j + m + 1)
    out: dict[int, int] = {}
    i = 0
    while i < len(lines):
        for k in (2, 1):
            group = lines[i : i + k]
            if len(group) < k or not all(_title_line(g.text) for g in group):
                continue
            if k == 2 and _mostly_cjk(group[0].text) != _mostly_cjk(group[1].text):
                continue  # a Chinese title and its English one
            key = "".join(squeeze(g.text) for g in group)
            if len(key) >= _MIN_TITLE_KEY and earliest.get(key, i + 1) <= i:
                out[i] = i + k
                break
        i = out.get(i, i + 1)
    return out


def join_blocks(lines: Sequence[TextLine], full: dict[bool, float]) -> list[Block]:
    """Physical lines (furniture removed) to logical lines, by the layout
    layer's paragraph rules, then titles that wrapped re-joined."""
    if not lines:
        return []
    frags = _text_frags(lines, full)
    pitch = layout.estimate_pitch(frags)
    vocab = layout.build_vocabulary(line.text for line in lines)
    titles = repeated_titles(lines)
    cuts = {0, len(lines)} | {k + 1 for k, (a, b) in enumerate(zip(lines, lines[1:])) if _hard_break(a, b)}
    cuts |= set(titles) | set(titles.values())
    ordered = sorted(cuts)
    blocks: list[Block] = []
    for start, stop in zip(ordered, ordered[1:]):
        if titles.get(start) == stop:
            text = lines[start].text
            for line in lines[start + 1 : stop]:
                head, sep = layout.join_seam(text, line.text, vocab)
                text = head + sep + line.text
            blocks.append(Block(text, lines[start], lines[stop - 1], stop - start == 1, fixed=True))
            continue
        # No forced break at a page's end: a text page's "height" is a count
        # of rows, which headings and spacing make vary.
        for para in layout.join_paragraphs(frags[start:stop], pitch, vocab, flow_ends=False):
            first, last = lines[start + para.first], lines[start + para.last]
            blocks.append(Block(para.text, first, last, para.first == para.last))
    return split_to_parallel(_join_wrapped_titles(blocks, full), lines, vocab)


# A line that ends a sentence (not a clause: no ；：), closing quotes/brackets after it.
_SENTENCE_END_RE = regex.compile(r"""[。！？.!?](?:[”’"'）)]{0,3})$""")
# A line that may open an English sentence: a capital, a digit, an opening quote or bracket.
_EN_SENTENCE_START_RE = regex.compile(r"""^[\p{Lu}\d"“‘'(]""")
# A line that cannot open a Chinese sentence: closing punctuation, a particle glued to what came before.
_ZH_NO_START_RE = regex.compile(r"^[，。、；：！？）】》”’,.;:)]")
# How far (share of the story's length) a split may lie from the other language's paragraph break.
# (A translation keeps its paragraphs' proportions to within a few per cent.)
_PARALLEL_TOLERANCE = 0.06
# How far it may lie when it follows the same-numbered sentence of a story
# with as many sentences in both languages: a paragraph full of English names
# is longer in Chinese than its share of the translation.
_SENTENCE_TOLERANCE = 3 * _PARALLEL_TOLERANCE
# A sentence's end inside a paragraph (closing quotes/brackets after it):
# Chinese full stops; an English one before a space and what may open a
# sentence, or at the paragraph's end.
_SENTENCE_RE = {
    True: regex.compile(r"""[。！？](?:[”’"'）)]{0,3})"""),
    False: regex.compile(r"""[.!?](?:[”’"')]{0,3})(?=\s+[\p{Lu}\d"“‘'(]|$)"""),
}


def _is_paragraph(block: Block) -> bool:
    """A story paragraph: several lines, or a sentence's end."""
    return not block.fixed and (not block.single or ends_paragraph_text(block.text)) and DEFAULT_LAYOUT.heading(block.text) is None


def _sentence_seams(lines: Sequence[TextLine], zh: bool) -> list[int]:
    """Where a paragraph may have ended after a full last line: after line k
    (1-based count of lines kept before the seam), a sentence's end, and the
    next line opens a sentence."""
    out = []
    for k, (a, b) in enumerate(zip(lines, lines[1:]), start=1):
        if not _SENTENCE_END_RE.search(a.text):
            continue
        if _opens_sentence(b.text, zh):
            out.append(k)
    return out


def _join_lines(lines: Sequence[TextLine], vocab: Counter[str]) -> str:
    text = lines[0].text
    for line in lines[1:]:
        head, sep = layout.join_seam(text, line.text, vocab)
        text = head + sep + line.text
    return text


def _opens_sentence(text: str, zh: bool) -> bool:
    return not _ZH_NO_START_RE.match(text) if zh else bool(_EN_SENTENCE_START_RE.match(text))


def _sentences(text: str, zh: bool) -> int:
    """How many sentences end in the text."""
    return len(_SENTENCE_RE[zh].findall(text))


@dataclass(frozen=True, slots=True)
class _Break:
    """A paragraph break: its share of the text's length, and how many of
    the text's sentences come before it."""

    share: float
    sentence: int


def _breaks(paragraphs: Sequence[str], zh: bool, sure: bool = False) -> list[_Break]:
    """Paragraph breaks of a run of paragraphs; with ``sure``, only
    those between two sentences (a break inside a sentence is the source's
    slip or the re-joiner's, and no evidence for the other language)."""
    total = sum(len(p) for p in paragraphs) or 1
    out, done, sentences = [], 0, 0
    for p, after in zip(paragraphs, paragraphs[1:]):
        done += len(p)
        sentences += _sentences(p, zh)
        if not sure or (_SENTENCE_END_RE.search(p) and _opens_sentence(after, zh)):
            out.append(_Break(done / total, sentences))
    return out


def split_to_parallel(blocks: Sequence[Block], lines: Sequence[TextLine], vocab: Counter[str]) -> list[Block]:
    """Paragraph breaks lost after a full last line, put back where the
    translation has them.

    The newsletter gives every story in Chinese, then in English, paragraph
    for paragraph. An extractor drops the first-line indent, so a paragraph
    whose last line is full runs into the next one; when one language of a
    story has fewer paragraphs than the other, each missing break is put at
    a seam of that language (a line ending a sentence, the next opening one)
    that lies at the same share of the text as the other language's break,
    or, when both languages have as many sentences, after the same-numbered
    sentence (a share measured in characters is off where one paragraph is
    full of English names in the Chinese). A story whose languages agree is
    left alone, so is a seam too far off.
    """
    position = {id(line): k for k, line in enumerate(lines)}
    out = list(blocks)
    runs: list[tuple[bool, int, int]] = []  # (Chinese, first block, after last) of story paragraphs
    k = 0
    while k < len(out):
        if not _is_paragraph(out[k]):
            k += 1
            continue
        zh = _mostly_cjk(out[k].text)
        stop = k
        while stop < len(out) and _is_paragraph(out[stop]) and _mostly_cjk(out[stop].text) == zh:
            stop += 1
        runs.append((zh, k, stop))
        k = stop
    # A Chinese run, one title line, an English run: one story's two languages.
    for (zh_a, a0, a1), (zh_b, b0, b1) in reversed(list(zip(runs, runs[1:]))):
        if not zh_a or zh_b or b0 - a1 != 1:
            continue
        sides = [(a0, a1), (b0, b1)]
        counts = [a1 - a0, b1 - b0]
        if counts[0] == counts[1]:
            continue
        short = 0 if counts[0] < counts[1] else 1
        (s0, s1), (l0, l1) = sides[short], sides[1 - short]
        long_texts, short_texts = [b.text for b in out[l0:l1]], [b.text for b in out[s0:s1]]
        targets = _breaks(long_texts, zh=short == 1, sure=True)
        have = _breaks(short_texts, zh=short == 0)
        # A story told sentence for sentence (as many in both languages) breaks after the same sentence.
        parallel = sum(_sentences(t, short == 1) for t in long_texts) == sum(_sentences(t, short == 0) for t in short_texts)
        missing = [
            t
            for t in targets
            if all(abs(t.share - h.share) > _PARALLEL_TOLERANCE / 2 and not (parallel and t.sentence == h.sentence) for h in have)
        ]
        replacement = _split_run(out[s0:s1], lines, position, vocab, missing, zh=short == 0, parallel=parallel)
        if replacement is not None and len(replacement) == counts[1 - short]:
            out[s0:s1] = replacement
    return out


def _split_run(
    run: Sequence[Block],
    lines: Sequence[TextLine],
    position: dict[int, int],
    vocab: Counter[str],
    targets: Sequence[_Break],
    zh: bool,
    parallel: bool = False,
) -> list[Block] | None:
    """The run's paragraphs with a break at the seam nearest each target
    share of its length (with ``parallel``, the seam after the target's
    sentence, if one is near enough); None when a target has no seam near
    enough or a part re-joined is not where the block's text begins."""
    total = sum(len(b.text) for b in run) or 1
    seams: list[tuple[_Break, int, int]] = []  # (break, block index, lines kept before the seam)
    done, sentences = 0, 0
    for index, block in enumerate(run):
        physical = lines[position[id(block.first)] : position[id(block.last)] + 1]
        for cut in _sentence_seams(physical, zh):
            head = _join_lines(physical[:cut], vocab)
            seams.append((_Break((done + len(head)) / total, sentences + _sentences(head, zh)), index, cut))
        done += len(block.text)
        sentences += _sentences(block.text, zh)
    chosen: dict[int, set[int]] = {}
    for target in targets:
        same = [s for s in seams if parallel and s[0].sentence == target.sentence and abs(s[0].share - target.share) <= _SENTENCE_TOLERANCE]
        best = min(same or seams, key=lambda s: abs(s[0].share - target.share), default=None)
        if best is None or (not same and abs(best[0].share - target.share) > _PARALLEL_TOLERANCE):
            return None
        chosen.setdefault(best[1], set()).add(best[2])
    out: list[Block] = []
    for index, block in enumerate(run):
        cuts = sorted(chosen.get(index, ()))
        if not cuts:
            out.append(block)
            continue
        physical = lines[position[id(block.first)] : position[id(block.last)] + 1]
        rest, start = block.text, 0
        for cut in cuts:
            # The block's own text is cut, not re-joined: the re-joiner also wrote its "more" marker as a link.
            head = _join_lines(physical[start:cut], vocab)
            if not rest.startswith(head):
                return None
            out.append(Block(head, physical[start], physical[cut - 1], cut - start == 1))
            rest, start = rest[len(head) :].lstrip(" "), cut
        out.append(Block(rest, physical[start], physical[-1], start == len(physical) - 1))
    return out


def _join_wrapped_titles(blocks: Sequence[Block], full: dict[bool, float]) -> list[Block]:
    """Join a title that wrapped in its larger type: a long line without
    sentence punctuation, then a short line of the same script without it,
    then a paragraph (the story under the title).

    A title is set larger than the body, so it wraps before the body's full
    width, and the width rule takes its two halves for two paragraphs.
    """
    out: list[Block] = []
    for index, block in enumerate(blocks):
        prev = out[-1] if out else None
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            prev is not None
            and after is not None
            and not prev.fixed
            and not block.fixed
            and (not after.single or ends_paragraph_text(after.text))
            and prev.single
            and block.single
            and not ends_paragraph_text(prev.text)
            and not ends_paragraph_text(block.text)
            and _is_latin_line(prev.text) == _is_latin_line(block.text)
            and layout.is_cjk(prev.text[-1:]) == layout.is_cjk(block.text[:1])
            and display_width(prev.text) >= 0.7 * full[_is_latin_line(prev.text)]
            and display_width(block.text) < 0.6 * full[_is_latin_line(block.text)]
            and prev.last.page == block.first.page
        ):
            head, sep = layout.join_seam(prev.text, block.text)
            out[-1] = Block(head + sep + block.text, prev.first, block.last, False)
            continue
        out.append(block)
    return out


# --------------------------------------------------------------------------
# The contents page, and the hand-off
# --------------------------------------------------------------------------

UNRECOVERABLE = "unrecoverable_structure"


def _body_start(blocks: Sequence[Block]) -> int | None:
    """Index of the heading that opens the body: the last section heading
    before the first body paragraph (several lines, ending a sentence)."""
    first_paragraph = next(
        (k for k, b in enumerate(blocks) if not b.single and ends_paragraph_text(b.text)), None
    )
    if first_paragraph is None:
        return None
    headings = [k for k in range(first_paragraph) if DEFAULT_LAYOUT.heading(blocks[k].text) is not None]
    return headings[-1] if headings else None


def _title_like(block: Block, full: dict[bool, float]) -> bool:
    """A line that may be listed in the contents: a heading or a title."""
    return not ends_paragraph_text(block.text) and display_width(block.text) <= 2 * full[_is_latin_line(block.text)]


def _line(text: str, first: TextLine, last: TextLine) -> Line:
    return Line(text=text, number=first.number, page=first.page, number_end=last.number if last.number != first.number else None)


# The start of a title, long enough to be no coincidence.
_TITLE_START = 6


def _starts_inside(text: str, keys: Sequence[str]) -> bool:
    """Does a body title begin inside the line (not at its start)? Then the
    line is two columns run together ("…26款APPZoom就…"), not one entry."""
    squeezed = squeeze(text)
    return any(len(key) >= _TITLE_START and key[:_TITLE_START] in squeezed[1:] for key in keys)


# A word of a Latin title, or one ideograph, as compared between a contents entry and a body title.
_TOKEN_RE = regex.compile(r"[\p{Han}]|[^\s\p{Han}]{1,40}")
# The share of an entry's words a body title must hold to be the same title worded differently.
_RESEMBLANCE = 0.5


def _tokens(text: str) -> list[str]:
    """Words (Latin) and ideographs (Chinese) of a title, case-folded."""
    return _TOKEN_RE.findall(text.casefold())


def resembles(entry: str, targets: Sequence[str], free: Iterable[int]) -> int | None:
    """The free target (index) that ``entry`` words differently: of the same
    script, holding the largest share of its words (at least half), the
    first one on a tie; None when none does."""
    words = _tokens(entry)
    if not words:
        return None
    best: tuple[float, int] | None = None
    for t in free:
        if _mostly_cjk(targets[t]) != _mostly_cjk(entry):
            continue
        have = Counter(_tokens(targets[t]))
        shared = sum(min(n, have[w]) for w, n in Counter(words).items()) / len(words)
        if shared >= _RESEMBLANCE and (best is None or shared > best[0]):
            best = (shared, t)
    return best[1] if best is not None else None


def _wrapped_entries(whole: Sequence[Piece], targets: Sequence[str], free: set[int]) -> list[tuple[list[Piece], int | None]]:
    """Whole contents lines that complete no body title, as entries: each
    with the free body title it words differently (:func:`resembles`), and
    two lines of one script that resemble the same title only together or
    each on its own, the first not ending a sentence, joined (a wrapped
    entry, read with the other column's lines between)."""
    out: list[tuple[list[Piece], int | None]] = []
    for piece in whole:
        match = resembles(piece.text, targets, free)
        prev = next((k for k in range(len(out) - 1, -1, -1) if _mostly_cjk(out[k][0][-1].text) == _mostly_cjk(piece.text)), None)
        if prev is not None and len(out[prev][0]) == 1 and not ends_paragraph_text(out[prev][0][0].text):
            head = out[prev][0][0]
            joined = resembles(f"{head.text} {piece.text}", targets, free)
            if joined is not None and (out[prev][1] in (None, joined)) and match in (None, joined):
                out[prev] = ([head, piece], joined)
                continue
        out.append(([piece], match))
    return out


# English words no title or paragraph ends in (data/plain_law_titles.json, "en_dangling").
_DANGLING: frozenset[str] = frozenset(
    json.loads(resources.files("lifang_parse.data").joinpath("plain_law_titles.json").read_text(encoding="utf-8"))["en_dangling"]
)
# The last word of a line.
_LAST_WORD_RE = regex.compile(r"(?<=\s)[A-Za-z]{1,12}$")


def _dangles(block: Block) -> bool:
    """An English line that cannot end there: its last word is one no title
    or paragraph ends in ("… published its proposal for the")."""
    m = _LAST_WORD_RE.search(block.text)
    return bool(m) and m.group(0) in _DANGLING and _is_latin_line(block.text)


def join_dangling(blocks: Sequence[Block]) -> list[Block]:
    """Body blocks with an English line that dangles (:func:`_dangles`)
    joined to the English line after it: an extractor may leave a blank
    line inside a paragraph, before a title set in italics. Not in the
    contents, where a wrapped entry's half runs into the other column's."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.fixed
            and not block.fixed
            and _dangles(prev)
            and _is_latin_line(block.text)
            and DEFAULT_LAYOUT.heading(block.text) is None
        ):
            head, sep = layout.join_seam(prev.text, block.text)
            out[-1] = Block(head + sep + block.text, prev.first, block.last, False)
            continue
        out.append(block)
    return out


def rebuild_contents(
    blocks: Sequence[Block], flow: Sequence[TextLine], full: dict[bool, float]
) -> tuple[list[Line], list[str]]:
    """Logical lines, with the contents (before the body) re-assembled from
    the body's titles; and notes on what could not be."""
    start = _body_start(blocks)
    if start is None:
        return [_line(b.text, b.first, b.last) for b in blocks], []
    blocks = [*blocks[:start], *join_dangling(blocks[start:])]
    # The body's titles and headings: a title stands over its story, a
    # heading over a title.
    targets = [
        b
        for b, after in zip(blocks[start:], blocks[start + 1 :])
        if _title_like(b, full) and (ends_paragraph_text(after.text) or not after.single or DEFAULT_LAYOUT.heading(b.text) is not None)
    ]
    keys = [squeeze(b.text) for b in targets]
    position = {id(line): k for k, line in enumerate(flow)}
    first_region = None
    for k, block in enumerate(blocks[:start]):
        physical = flow[position[id(block.first)] : position[id(block.last)] + 1]
        if all((cut := cut_line(line.text, keys)) is not None and all(len(squeeze(p)) >= 4 for p in cut) for line in physical):
            first_region = k
            break
    out = [_line(b.text, b.first, b.last) for b in blocks[: first_region if first_region is not None else start]]
    notes: list[str] = []
    if first_region is not None:
        region = list(flow[position[id(blocks[first_region].first)] : position[id(blocks[start].first)]])
        result = recover([line.text for line in region], [b.text for b in targets])
        # A whole line that completes no body title is a contents entry the
        # body words differently (as in the clean text): it keeps its place,
        # after the title read just before it. Only cut pieces are debris.
        used = {k for title in result.titles for k in title.lines}
        whole = [
            p
            for p in result.leftover
            if (p.entry or (p.text == region[p.line].text and p.line not in used)) and _title_line(p.text) and not _starts_inside(p.text, keys)
        ]
        leftover = [p for p in result.leftover if p not in whole]
        for piece in leftover:
            line = region[piece.line]
            out.append(_line(piece.text, line, line))
        # (target, last contents line, line) in body order.
        placed = [
            (title.target, max(title.lines), _line(targets[title.target].text, region[title.lines[0]], region[title.lines[-1]]))
            for title in result.titles
        ]
        free = set(range(len(targets))) - {title.target for title in result.titles}
        for pieces, match in _wrapped_entries(whole, [b.text for b in targets], free):
            if match is not None and match in free:
                # Worded differently: in the body title's place.
                free.discard(match)
                at = next((k for k, (t, _, _) in enumerate(placed) if t > match), len(placed))
            else:
                after = [k for k, (_, last, _) in enumerate(placed) if last < pieces[0].line]
                at = max(after, key=lambda k: placed[k][1]) + 1 if after else 0
                match = placed[at - 1][0] if at else -1
            text = " ".join(p.text for p in pieces) if not _mostly_cjk(pieces[0].text) else "".join(p.text for p in pieces)
            placed.insert(at, (match, pieces[-1].line, _line(text, region[pieces[0].line], region[pieces[-1].line])))
        out.extend(line for _, _, line in placed)
        result = replace(result, leftover=tuple(leftover))
        if result.leftover:
            where = ", ".join(str(region[p.line].number) for p in result.leftover[:8])
            notes.append(
                f"{UNRECOVERABLE}: the contents could not all be put back together from the extracted columns; "
                f"{len(result.leftover)} piece(s) kept as they stand (line(s) {where})"
            )
    out.extend(_line(b.text, b.first, b.last) for b in blocks[start:])
    return out, notes


@dataclass(frozen=True, slots=True)
class WrappedRead:
    lines: tuple[Line, ...]
    furniture_removed: int
    notes: tuple[str, ...]


def read_lines(analysis: Analysis) -> WrappedRead:
    """The clean text form's logical lines from paged or wrapped text.

    Paged text (whole paragraphs, page furniture between them) only loses
    its furniture; wrapped text is re-joined and its contents re-assembled.
    """
    flow = _flow(analysis)
    if analysis.kind == "wrapped":
        blocks = join_blocks(flow, analysis.full_width)
        lines, notes = rebuild_contents(blocks, flow, analysis.full_width)
    else:
        lines, notes = [_line(line.text, line, line) for line in flow], []
    run_together = run_together_words(line.text for line in flow)
    if run_together:
        notes.append(
            f"{UNRECOVERABLE}: the extractor dropped the spaces between English words "
            f"({run_together} run-together word(s) such as 'OnApril29,2021,the'); English text, titles "
            "and facts cannot be trusted; extract again with another tool or parse the PDF itself"
        )
    return WrappedRead(tuple(lines), len(analysis.furniture), tuple(notes))


# A Latin "word" as an extractor gives it: letters with the punctuation
# that sticks to words. English words of 20 letters and more are rare.
_LATIN_TOKEN_RE = regex.compile(r"[A-Za-z][A-Za-z0-9,.()'’“”\"-]*")
_RUN_TOGETHER_LENGTH = 20


def run_together_words(texts: Iterable[str]) -> int:
    """How many English "words" are whole phrases run together, when there
    are too many of them to be long URLs or names (at least 10, and 4 % of
    the words).

    pdfplumber's ``extract_text`` takes a gap narrower than its tolerance
    (3 pt) for no space at all; a PDF that draws no space glyphs between
    words (many typesetters position the words instead) comes out as
    "OnApril29,2021,theStateAdministration". No rule can put the spaces back
    without a dictionary, so the reader says so.
    """
    tokens = [t for text in texts for t in _LATIN_TOKEN_RE.findall(text)]
    long = sum(1 for t in tokens if len(t) >= _RUN_TOGETHER_LENGTH)
    return long if long >= 10 and long * 25 >= len(tokens) else 0
