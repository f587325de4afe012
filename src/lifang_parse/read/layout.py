"""Reader-independent layout repair: furniture, reading order, paragraph joins.

A PDF (or hard-wrapped extracted text, such as ``pdftotext`` output) gives us
*visual* lines, while every later layer wants *paragraph* lines, exactly as in
the clean text form. The functions here turn the one into the other. They work
on plain data (:class:`Run`, :class:`Frag`) so that a text reader can build
``Frag`` objects from wrapped text lines and reuse them with no copy: geometry
that a text source lacks can be approximated (x in characters, baseline in
line numbers).

Everything here is pure: no I/O, no pdfplumber, no global state.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from lifang_parse.data import load_packaged_json
from lifang_parse.textutil import normalize_space

# --------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------

# CJK ideographs, kana, hangul and the full-width punctuation that Chinese
# text uses; a line break next to one of these needs no space when re-joined.
_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation (。、「」《》…)
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x312F),  # bopomofo
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xAC00, 0xD7AF),  # hangul
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms (，（）：；！？)
    (0x20000, 0x2FFFF),  # supplementary ideographs
)

# Curly quotes are used by both languages; they count as CJK only when a
# neighbour is CJK, so they are not in the ranges above.


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph, kana, hangul or full-width punctuation mark."""
    if not ch:
        return False
    cp = ord(ch[0])
    if cp < 0x2E80:
        return False
    for lo, hi in _CJK_RANGES:
        if lo <= cp <= hi:
            return True
    return False


def is_ideograph(ch: str) -> bool:
    """True for a CJK ideograph proper (not punctuation): a letter-spacing target."""
    if not ch:
        return False
    cp = ord(ch[0])
    return 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x2FFFF


# Ligatures that PDF fonts draw as one glyph; extraction should give letters.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})



# C0/C1 control characters: what pdfminer gives for glyphs it cannot map.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """NFC, ligatures split, control characters dropped, whitespace folded and
    trimmed: the contract's text form."""
    return normalize_space(_CONTROL_RE.sub("", text.translate(_LIGATURES)))


# A space between two ideographs inside a letter-spaced run: "国 内 要 闻".
_SPACED_IDEOGRAPH_RE = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff]) (?=[\u3400-\u9fff\uf900-\ufaff])")


def clean_cjk_spaces(text: str) -> str:
    """Remove spaces between ideographs that a PDF put there for letter-spacing.

    A real newsletter does sometimes mean a space between two Chinese words
    (《信息安全技术 快递物流服务数据安全指南》), so one space is kept. Only when a
    line is *letter-spaced* (most ideograph pairs separated by single spaces, as
    in a spaced-out heading or justified extraction), all those spaces go.
    """
    spaced = len(_SPACED_IDEOGRAPH_RE.findall(text))
    if spaced < 2:
        return text
    tight = 0
    for a, b in zip(text, text[1:]):
        if is_ideograph(a) and is_ideograph(b):
            tight += 1
    if spaced >= tight:
        return _SPACED_IDEOGRAPH_RE.sub("", text)
    return text


# --------------------------------------------------------------------------
# Plain data
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of one visual line in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Frag:
    """One visual line fragment: a line, or one column's part of a line.

    Coordinates are in points, y growing downwards (``top`` < ``bottom``).
    ``first_width`` is the width of the first breakable unit (a Latin word or
    one CJK character) so that we can ask "would it have fitted on the line
    before?". ``left``/``right`` bound the text column the fragment belongs to;
    they are filled in by :func:`assign_regions` (or by a text reader, from
    the document's common line width).
    """

    runs: tuple[Run, ...]
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    first_width: float = 0.0
    column: int = 0
    left: float = 0.0
    right: float = 0.0
    # How far ``x1`` may be off: 0 for a PDF, whose geometry is measured; a
    # text reader estimates widths from characters and says by how much.
    width_error: float = 0.0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def bold(self) -> bool:
        """All visible characters are bold (a heading), not just a run."""
        return all(r.bold for r in self.runs if r.text.strip()) and any(r.text.strip() for r in self.runs)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A re-joined paragraph with its provenance."""

    text: str
    page_start: int
    page_end: int
    bold: bool
    # Indexes of the paragraph's first and last fragment in the sequence given
    # to :func:`join_paragraphs`: a text reader maps them back to its lines.
    first: int = 0
    last: int = 0


# --------------------------------------------------------------------------
# Furniture: running headers, footers, page numbers
# --------------------------------------------------------------------------

# Page-number shapes: "3", "- 3 -", "— 3 —", "Page 3", "Page 3 of 9", "3 / 9",
# "第3页", "第 3 页 共 9 页", "P.3".
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–—_\s]*\d{1,4}[-–—_\s]*"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:/|of)\s*\d{1,4}"
    r"|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?)$",
    re.IGNORECASE,
)
# Digits vary from page to page in a running header ("No.214 | 3"); compare without them.
_DIGITS_RE = re.compile(r"\d+")


def is_page_number(text: str) -> bool:
    """A bare page number: "3", "- 3 -", "Page 3 of 9", "3 / 9", "第3页"."""
    return bool(_PAGE_NUMBER_RE.match(normalise_text(text)))


def _furniture_key(text: str) -> str:
    return _DIGITS_RE.sub("#", normalise_text(text)).casefold()


def find_furniture(
    pages: Sequence[Sequence[Frag]],
    page_heights: Sequence[float],
    *,
    band: float = 0.18,
    y_tolerance: float = 4.0,
    anchor: Literal["page", "edges"] = "page",
) -> set[tuple[int, int]]:
    """Indexes ``(page_index, frag_index)`` of running headers, footers and page numbers.

    Furniture is recognised by *repetition and position*, the way a reader sees
    it: text in the top or bottom ``band`` of the page, among the outermost
    three lines there, that recurs (digits ignored) at the same height on
    several pages. A bare page number ("3", "- 3 -", "第3页") in the band is
    furniture when at least two pages have one. Position matters: a section
    heading that happens to open two pages is body text and recurs too, so a
    key seen on only two pages of a long document is kept.

    ``anchor`` says what "the same height" is measured from. A PDF's pages
    all have one size, so ``"page"``: from the page's top. Extracted text
    has no page size, only lines, and a short page ends early; so
    ``"edges"``: a top-band line by its distance from the page's first line,
    a bottom-band line by its distance from the page's last line (the band
    too is measured from those lines, so ``page_heights`` should then be a
    full page's height even for a short last page).
    """
    candidates: list[tuple[int, int, str, float, bool]] = []  # page, idx, key, y-centre, is-number
    for p, frags in enumerate(pages):
        if not frags:
            continue
        height = page_heights[p] if p < len(page_heights) else 842.0
        order = sorted(range(len(frags)), key=lambda i: frags[i].top)
        first_top = frags[order[0]].top
        last_bottom = max(f.bottom for f in frags)
        if anchor == "edges":
            top_band = [i for i in order[:3] if frags[i].bottom - first_top <= height * band]
            bottom_band = [i for i in order[-3:] if last_bottom - frags[i].top <= height * band]
        else:
            top_band = [i for i in order[:3] if frags[i].bottom <= height * band]
            bottom_band = [i for i in order[-3:] if frags[i].top >= height * (1 - band)]
        for i in dict.fromkeys(top_band + bottom_band):
            text = normalise_text(frags[i].text)
            if not text:
                continue
            centre = (frags[i].top + frags[i].bottom) / 2
            if anchor == "edges":
                # Negative below: a footer never matches a header's offset.
                centre = centre - first_top if i in top_band else centre - last_bottom - height
            candidates.append((p, i, _furniture_key(text), centre, bool(_PAGE_NUMBER_RE.match(text))))

    n_pages = sum(1 for f in pages if f)
    removed: set[tuple[int, int]] = set()
    # Repetition: same key, same height (within tolerance), different pages.
    by_key: dict[str, list[tuple[int, int, float]]] = {}
    for p, i, key, centre, _ in candidates:
        by_key.setdefault(key, []).append((p, i, centre))
    for entries in by_key.values():
        for p, i, centre in entries:
            same_place = {q for q, _, c in entries if abs(c - centre) <= y_tolerance}
            count = len(same_place)
            if count >= 3 or (count == 2 and n_pages <= 3) or (count >= 2 and count * 2 > n_pages):
                removed.add((p, i))
    # Page numbers: shapes vary ("3" vs "Page 3 of 9" are both keyed alike anyway).
    numbers = [(p, i) for p, i, _, _, is_num in candidates if is_num]
    if len({p for p, _ in numbers}) >= 2 or (n_pages == 1 and numbers):
        removed.update(numbers)
    return removed


# --------------------------------------------------------------------------
# Reading order: columns
# --------------------------------------------------------------------------


def order_page(frags: Sequence[Frag]) -> list[Frag]:
    """Put one page's fragments in reading order, columns read one after another.

    Fragments are sorted top to bottom. A vertical gutter is looked for where
    fewest fragments cross it; fragments that cross it (full-width text)
    divide the page into runs, and a run that has fragments on both sides of
    the gutter, side by side, is a two-column block: its left column is read
    before its right one. Returns fragments with ``column`` set (0 full
    width, 1 left, 2 right).
    """
    items = sorted(frags, key=lambda f: (round(f.baseline, 1), f.x0))
    if len(items) < 4:
        return items
    left_edge = min(f.x0 for f in items)
    right_edge = max(f.x1 for f in items)
    width = right_edge - left_edge
    if width <= 0:
        return items
    gutter = _find_gutter(items, left_edge + 0.2 * width, right_edge - 0.2 * width)
    if gutter is None:
        return items
    out: list[Frag] = []
    run: list[Frag] = []

    def flush() -> None:
        lefts = [f for f in run if f.x1 <= gutter]
        rights = [f for f in run if f.x0 >= gutter]
        two_columns = (
            len(lefts) >= 2
            and len(rights) >= 2
            and min(f.top for f in rights) < max(f.bottom for f in lefts)
            and min(f.top for f in lefts) < max(f.bottom for f in rights)
        )
        if two_columns:
            # Lines above where both columns have begun (a centred masthead
            # line that happens to sit right of the gutter) are not part of
            # the column block.
            start = max(min(f.top for f in lefts), min(f.top for f in rights))
            before = [f for f in run if f.bottom <= start]
            after = _after_columns(run, lefts, rights)
            middle = [f for f in run if f.bottom > start and f not in after]
            out.extend(before)
            out.extend(replace(f, column=1) for f in middle if f.x1 <= gutter)
            out.extend(replace(f, column=2) for f in middle if f.x0 >= gutter)
            out.extend(after)
        else:
            out.extend(run)
        run.clear()

    for f in items:
        if f.x0 < gutter < f.x1:
            flush()
            out.append(f)
        else:
            run.append(f)
    flush()
    return out


def _after_columns(run: Sequence[Frag], lefts: Sequence[Frag], rights: Sequence[Frag]) -> list[Frag]:
    """Lines under a column block that only look like one column's: below
    where the shorter column ends, after a gap wider than the column's line
    spacing (the heading and first headline under a contents set in two
    columns). A longer column that simply runs on, with no such gap, keeps
    its lines."""
    end = min(max(f.bottom for f in lefts), max(f.bottom for f in rights))
    longer = sorted(lefts if max(f.bottom for f in lefts) > end else rights, key=lambda f: f.top)
    steps = [b.top - a.bottom for a, b in zip(longer, longer[1:]) if b.top < end]
    if not steps:
        return []
    usual = sorted(steps)[len(steps) // 2]
    size = max(f.size for f in longer) or 1.0
    for a, b in zip(longer, longer[1:]):
        if b.top >= end - 0.5 and b.top - a.bottom > usual + 0.8 * size:
            return [f for f in run if f.top >= b.top - 0.5]
    return []


def _find_gutter(items: Sequence[Frag], lo: float, hi: float) -> float | None:
    """The x of a column gutter in [lo, hi], or None.

    Only fragments that stand *side by side* with another (vertically
    overlapping, horizontally apart) say anything about columns; a centred
    masthead line does not. The gutter is where most of the gaps between such
    pairs overlap.
    """
    if hi <= lo:
        return None
    gaps: list[tuple[float, float]] = []
    by_top = sorted(items, key=lambda f: f.top)
    for i, f in enumerate(by_top):
        for g in by_top[i + 1 :]:
            if g.top >= f.bottom:
                break
            left, right = (f, g) if f.x0 < g.x0 else (g, f)
            if right.x0 - left.x1 >= 6.0 and left.top < right.bottom and right.top < left.bottom:
                gaps.append((left.x1, right.x0))
    if len(gaps) < 2:
        return None
    # Sweep: the point covered by most gap intervals.
    events = sorted([(a, 1) for a, _ in gaps] + [(b, -1) for _, b in gaps], key=lambda e: (e[0], -e[1]))
    best, depth, best_x = 0, 0, None
    for x, step in events:
        depth += step
        if depth > best:
            best, best_x = depth, x
    if best_x is None or best < 2:
        return None
    covering = [(a, b) for a, b in gaps if a <= best_x <= b]
    g = (max(a for a, _ in covering) + min(b for _, b in covering)) / 2
    return g if lo <= g <= hi else None


def assign_regions(pages: Sequence[Sequence[Frag]]) -> list[list[Frag]]:
    """Set each fragment's column bounds (``left``, ``right``) per page and column.

    The bounds are the extremes of the fragments of that column on that page
    when they are *measured*: three lines or more reach the right edge. Otherwise (a nearly empty last page, a page of centred contact
    lines, a cover of centred masthead lines) the page's own lines say little
    about where lines could have ended, and the column's usual bounds on the
    other pages of the same parity (odd/even: mirrored margins) are added.
    """
    columns: dict[tuple[int, int], list[Frag]] = {}
    for p, frags in enumerate(pages):
        for f in frags:
            columns.setdefault((p, f.column), []).append(f)
    bounds: dict[tuple[int, int], tuple[float, float, bool]] = {}
    for key, fs in columns.items():
        lo, hi = min(f.x0 for f in fs), max(f.x1 for f in fs)
        reach = sum(1 for f in fs if hi - f.x1 < 0.5 * max(f.size, 1.0))
        bounds[key] = (lo, hi, len(fs) >= 3 and reach >= 3)
    typical: dict[tuple[int, int], tuple[float, float]] = {}
    for column in {c for _, c in bounds}:
        for parity in (0, 1):
            for trusted_only in (True, False):
                found = [
                    (lo, hi)
                    for (p, c), (lo, hi, trusted) in bounds.items()
                    if c == column and p % 2 == parity and (trusted or not trusted_only) and len(columns[(p, c)]) >= 3
                ]
                if found:
                    los, his = sorted(x for x, _ in found), sorted(x for _, x in found)
                    typical[(column, parity)] = (los[len(los) // 2], his[len(his) // 2])
                    break
    out: list[list[Frag]] = []
    for p, frags in enumerate(pages):
        page_out = []
        for f in frags:
            lo, hi, trusted = bounds[(p, f.column)]
            usual = typical.get((f.column, p % 2)) or typical.get((f.column, 1 - p % 2))
            if not trusted and usual is not None:
                lo, hi = min(lo, usual[0]), max(hi, usual[1])
            page_out.append(replace(f, left=lo, right=hi))
        out.append(page_out)
    return out


# --------------------------------------------------------------------------
# Paragraphs
# --------------------------------------------------------------------------


def estimate_pitch(frags: Sequence[Frag]) -> dict[float, float]:
    """Line pitch (baseline to baseline, in points) per font size.

    A low percentile of the baseline steps between consecutive lines of one
    column is the leading inside a paragraph; paragraph spacing only makes
    steps larger. A size with too few steps, or whose steps are all larger
    than the document's typical leading (titles that never wrap: every step
    is a paragraph step), gets the document's typical leading ratio instead.
    Key ``0.0`` holds that ratio.
    """
    steps: dict[float, list[float]] = {}
    for a, b in zip(frags, frags[1:]):
        if a.page != b.page or a.column != b.column or a.size <= 0:
            continue
        if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
            continue
        step = b.baseline - a.baseline
        if 0.8 * a.size < step < 3.0 * a.size:
            steps.setdefault(_size_key(a.size), []).append(step)
    ratios = sorted(st / size for size, sts in steps.items() for st in sts if size > 0)
    ratio = ratios[len(ratios) // 10] if len(ratios) >= 3 else 1.2
    out = {0.0: ratio}
    for size, sts in steps.items():
        sts.sort()
        pitch = sts[len(sts) // 10] if len(sts) >= 2 else ratio * size
        out[size] = min(pitch, 1.08 * ratio * size)
    return out


def paragraph_step_limits(frags: Sequence[Frag], pitch: dict[float, float]) -> dict[float, float]:
    """Per font size, the baseline step above which a line starts a paragraph.

    By default 1.2 line pitches: a looser test would split the lines of a
    document whose line heights vary (a word processor makes a line with
    Chinese in it taller than one without). But a typesetting program places
    lines at an exact pitch, and then paragraph spacing of even a quarter of
    a line is plain to see. So when a size's steps are *crisp* (three or more
    within 0.3 pt of the smallest step, hardly any just above it), and the
    larger steps mostly follow a line that stops short of the column's edge
    (a paragraph's last line, not a taller line inside a paragraph), the
    limit is half-way between the pitch and the smallest such step. A size
    with too few line steps of its own (one-line contents entries, titles)
    takes the leading of the document's main text size.
    """
    steps: dict[float, list[tuple[float, bool]]] = {}
    for a, b in zip(frags, frags[1:]):
        if a.page != b.page or a.column != b.column or a.size <= 0 or a.bold != b.bold:
            continue
        if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
            continue
        step = b.baseline - a.baseline
        if 0.8 * a.size < step < 3.0 * a.size:
            full = a.right > a.left and a.right - a.x1 < a.size
            steps.setdefault(_size_key(a.size), []).append((step, full))
    # The line pitch of a size: the smallest step that three steps at least
    # share to 0.3 pt. Not the commonest: in a contents block of one-line
    # entries, paragraph steps outnumber line steps.
    own: dict[float, float] = {}
    best, ratio = 0, 0.0
    for size, recs in steps.items():
        values = sorted({round(st, 1) for st, _ in recs})
        shared = [(v, sum(1 for st, _ in recs if abs(st - v) <= 0.3)) for v in values]
        common, tight = next(((v, n) for v, n in shared if n >= 3), (0.0, 0))
        near = sum(1 for st, _ in recs if common + 0.3 < st <= common + 0.8)
        if tight and near * 20 <= len(recs):
            own[size] = common
            if tight > best:
                best, ratio = tight, common / size
    out: dict[float, float] = {}
    for size, recs in steps.items():
        line_pitch = own.get(size, 0.0)
        smallest = min(st for st, _ in recs)
        doc_pitch = ratio * size
        if ratio and (not line_pitch or line_pitch > doc_pitch + 0.8):
            # No line steps of its own, or fewer than paragraph steps (a
            # contents block of mostly one-line entries, title after title):
            # if its steps are the document's leading, or all larger than it,
            # the document's leading is this size's pitch.
            if abs(smallest - doc_pitch) <= 0.3 or smallest > doc_pitch + 0.8:
                line_pitch = doc_pitch
        if not line_pitch:
            continue
        default = 1.2 * (pitch.get(size) or line_pitch) + 0.5
        larger = [(st, full) for st, full in recs if line_pitch + 0.8 < st <= default]
        if not larger or sum(1 for _, full in larger if full) * 2 > len(larger):
            continue
        out[size] = (line_pitch + min(st for st, _ in larger)) / 2
    return out


def estimate_pitch_ratio(frags: Sequence[Frag]) -> float:
    """The document's typical leading as a multiple of the font size."""
    return estimate_pitch(frags)[0.0]


def _size_key(size: float) -> float:
    return round(size * 2) / 2


def starts_new_paragraph(
    a: Frag, b: Frag, pitch: dict[float, float] | float, limits: dict[float, float] | None = None
) -> bool:
    """Does ``b`` begin a paragraph, given that ``a`` is the line before it?

    Any one of: more vertical space than a line pitch (paragraph spacing); a
    change between bold and regular or of font size (heading to body); ``b``
    indented while ``a`` sat at the column's left edge (first-line indent);
    ``a`` ending so short that ``b``'s first word would clearly have fitted
    after it, which a line-breaking program would have done had the paragraph
    gone on (with slack, since programs differ in how tight they fill). A page
    or column break is not a paragraph break by itself. ``limits`` are the
    steps of :func:`paragraph_step_limits`, where the document has them.
    """
    size = max(a.size, b.size, 1.0)
    if a.bold != b.bold:
        return True
    # A change of font size of a point in ten: heading to body, body to the
    # smaller print of a footer. (Less can be one paragraph: word processors
    # often set Chinese at 10.5 pt and English at 10 pt.)
    if abs(a.size - b.size) > 0.075 * size:
        return True
    if isinstance(pitch, dict):
        line_pitch = pitch.get(_size_key(a.size)) or pitch.get(0.0, 1.2) * a.size
    else:
        line_pitch = pitch * a.size
    same_flow = a.page == b.page and a.column == b.column and b.baseline > a.baseline + 0.5 * size
    limit = (limits or {}).get(_size_key(a.size), 1.2 * line_pitch + 0.5)
    if same_flow and b.baseline - a.baseline > limit:
        return True
    if abs(a.x0 - a.left) < 0.5 * size and b.x0 - b.left > 0.8 * size:
        return True
    b_text = b.text.lstrip()
    a_text = a.text.rstrip()
    # A line that ends in a hyphenated word goes on, however short it is.
    if _HYPHEN_END_RE.search(a_text) and b_text[:1].islower():
        return False
    # The newsletter's "read more" marker ends a paragraph: "…。（查看更多）".
    if _MARKER_RE.search(a_text):
        return True
    indent, outdent = a.x0 - a.left, a.right - a.x1
    if indent > size and abs(indent - outdent) < 0.3 * size and b.x0 - b.left > 0.5 * size:
        # Centred, and so is the next line: what is left of the column's width.
        # (A first-line indent that happens to equal the line's free end is not
        # centring: the next line then starts at the edge.)
        room = indent + outdent
    else:  # left-aligned, or a first line with an indent
        room = outdent
    first_is_cjk = bool(b_text) and is_cjk(b_text[:1])
    slack = 1.5 * size if first_is_cjk else 2.0 * size
    if not first_is_cjk and b_text[:1].isupper() and _SENTENCE_END_RE.search(a_text):
        # A sentence ended and the next word, capitalised, would have fitted
        # after it: any line breaker that fills lines would have put it there.
        slack = 0.4 * size
    return room > b.first_width + slack + a.width_error


# A line that ends a sentence: ". ", "?", "。", possibly inside quotes or brackets.
_SENTENCE_END_RE = re.compile(r"[.!?。！？][)\]\"”’）」]*$")


# A word hyphenated at a line end: "organ-" + "ized".
_HYPHEN_END_RE = re.compile(r"([A-Za-z]+)[-\u00ad\u2010]$")
_WORD_START_RE = re.compile(r"^([a-z]+)")
# First halves of hyphenated compounds (data/layout.json): their hyphen at a line end is the word's own.
_COMPOUND_HEADS: frozenset[str] = frozenset(load_packaged_json("layout.json")["hyphen_compound_heads"]["heads"])
# A Latin or digit run glued to Chinese at a line end, and one glued to Chinese at the next line's start:
# a typesetter that breaks Chinese text anywhere may break inside a word or number ("20" / "20年", "WhatsA" / "pp与").
_GLUED_TAIL_RE = re.compile(r"(?<=[\u3400-\u9fff\uff08\uff0c\u3001\u201c（，、“])([A-Za-z0-9]+)$")
_ALNUM_TAIL_RE = re.compile(r"[A-Za-z0-9]+$")
_HAN_RE = re.compile(r"[\u3400-\u9fff]")
# After a line-end hyphen, these words mean the hyphen was suspended ("first- and second-degree").
_SUSPENDED_BEFORE = frozenset({"and", "or"})
_ALNUM_HEAD_RE = re.compile(r"^[A-Za-z0-9]+")
_GLUED_HEAD_RE = re.compile(r"^([A-Za-z0-9]+)(?=[\u3400-\u9fff\uff09\uff0c\u3001\u3002\u201d），，、。”])")
# Words of a document, for deciding whether a line-end hyphen is part of the word.
_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def build_vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Lower-cased words (hyphenated compounds kept whole) of a document."""
    vocab: Counter[str] = Counter()
    for t in texts:
        vocab.update(w.lower() for w in _WORD_RE.findall(t))
    return vocab


_OPENERS = frozenset("([{“‘«")
_CLOSERS = frozenset(")]}”’»,.;:!?%")


def join_seam(a: str, b: str, vocab: Counter[str] | None = None) -> tuple[str, str]:
    """How to join the text ``a`` to the text ``b`` that wrapped after it.

    Returns ``(a', separator)``: ``a`` possibly without a trailing hyphen, and
    the separator to put before ``b``. Chinese joins with nothing; English with
    one space; a word hyphenated at the line end is made whole ("organ-" +
    "ized" -> "organized") unless the document writes that word with its
    hyphen elsewhere ("third-" + "party" stays "third-party").
    """
    a_stripped = a.rstrip()
    b_stripped = b.lstrip()
    if not a_stripped or not b_stripped:
        return a_stripped, ""
    last, first = a_stripped[-1], b_stripped[0]
    if a_stripped.endswith("\u00ad"):
        return a_stripped[:-1], ""
    m = _HYPHEN_END_RE.search(a_stripped)
    w = _WORD_START_RE.match(b_stripped)
    if m and w:
        head, tail = m.group(1).lower(), w.group(1).lower()
        vocab = vocab or Counter()
        if tail in _SUSPENDED_BEFORE and not b_stripped[len(tail) : len(tail) + 1].isalpha():
            return a_stripped, " "  # a suspended hyphen: "first- and second-degree"
        if vocab[f"{head}-{tail}"] > vocab[f"{head}{tail}"] or head in _COMPOUND_HEADS or vocab[tail] >= 2:
            return a_stripped, ""  # a compound's own hyphen (the second half is a word of its own)
        return a_stripped[:-1], ""
    glued_tail, glued_head = _GLUED_TAIL_RE.search(a_stripped), _GLUED_HEAD_RE.match(b_stripped)
    if glued_tail or glued_head or (_HAN_RE.search(a_stripped) and _HAN_RE.search(b_stripped)):
        tail_run, head_run = _ALNUM_TAIL_RE.search(a_stripped), _ALNUM_HEAD_RE.match(b_stripped)
        if tail_run and head_run:
            head, tail = tail_run.group(0), head_run.group(0)
            digits = head.isdigit() and tail.isdigit() and bool(glued_tail and glued_head)
            if digits or (vocab is not None and vocab[(head + tail).lower()] > 0):
                return a_stripped, ""  # a word or number the line break cut inside Chinese text
    if last in "-\u2010/" and first.isalnum():
        return a_stripped, ""
    # An opening bracket or quote ends the line, or closing punctuation opens
    # the next one (programs that may break anywhere do this): no space.
    if last in _OPENERS or (last == '"' and a_stripped[-2:-1] in ("", " ")):
        return a_stripped, ""
    if first in _CLOSERS:
        return a_stripped, ""
    # Chinese text sets an ASCII bracket off with a space: "…。 (More)".
    if first in "([" and is_cjk(last):
        return a_stripped, " "
    if is_cjk(last) or is_cjk(first):
        return a_stripped, ""
    return a_stripped, " "


def join_paragraphs(
    frags: Sequence[Frag],
    pitch: dict[float, float] | None = None,
    vocab: Counter[str] | None = None,
    *,
    flow_ends: bool = True,
) -> list[Paragraph]:
    """Re-join visual lines (in reading order) into paragraphs with inline markup.

    Styled runs become the text form's markup: italic as ``*…*``, bold as
    ``**…**`` (only inside a paragraph that is not bold as a whole; a wholly
    bold paragraph is a heading and is flagged instead), and a link as
    ``[text](href)``.

    ``flow_ends`` turns on the forced break where a page or column ends well
    above its usual bottom; a text reader, whose "height" is a count of
    lines, may not trust that.
    """
    if not frags:
        return []
    if pitch is None:
        pitch = estimate_pitch(frags)
    if vocab is None:
        vocab = build_vocabulary(f.text for f in frags)
    limits = paragraph_step_limits(frags, pitch)
    ends_early = _early_flow_ends(frags, pitch) if flow_ends else set()
    groups: list[list[Frag]] = [[frags[0]]]
    starts = [0]
    for k, (a, b) in enumerate(zip(frags, frags[1:])):
        if k in ends_early or starts_new_paragraph(a, b, pitch, limits):
            groups.append([b])
            starts.append(k + 1)
        else:
            groups[-1].append(b)
    out = []
    for start, group in zip(starts, groups):
        runs: list[Run] = []
        for f in group:
            fr = [r for r in f.runs if r.text]
            if not fr:
                continue
            if runs:
                head, sep = join_seam(runs[-1].text, fr[0].text, vocab)
                runs[-1] = replace(runs[-1], text=head)
                if sep:
                    runs.append(Run(sep, bold=runs[-1].bold and fr[0].bold, italic=runs[-1].italic and fr[0].italic, href=runs[-1].href if runs[-1].href == fr[0].href else None))
                fr[0] = replace(fr[0], text=fr[0].text.lstrip())
            runs.extend(fr)
        all_bold = all(r.bold for r in runs if r.text.strip()) and any(r.text.strip() for r in runs)
        text = render_runs(runs, mark_bold=not all_bold)
        text = restore_link_markers(clean_cjk_spaces(normalise_text(text)))
        if text:
            out.append(Paragraph(text, group[0].page, group[-1].page, all_bold, start, start + len(group) - 1))
    return out


def _early_flow_ends(frags: Sequence[Frag], pitch: dict[float, float]) -> set[int]:
    """Indexes ``k`` where ``frags[k]`` ends a column or page well above its bottom.

    A paragraph that went on would have filled the column first, so a column
    or page left short by more than a few lines ends its last paragraph there
    (a forced break: contents column, section on a new page, a title kept with
    its story). The bottom is the document's usual last-line position, or where
    the page (for a left column: the other column) goes lower.
    """
    page_bottom: dict[int, float] = {}
    col_bottom: dict[tuple[int, int], float] = {}
    page_count: Counter[int] = Counter()
    for f in frags:
        page_bottom[f.page] = max(page_bottom.get(f.page, f.bottom), f.bottom)
        col_bottom[(f.page, f.column)] = max(col_bottom.get((f.page, f.column), f.bottom), f.bottom)
        page_count[f.page] += 1
    full = sorted(b for p, b in page_bottom.items() if page_count[p] >= 5) or sorted(page_bottom.values())
    typical = full[len(full) // 2] if full else 0.0
    out: set[int] = set()
    for k, (a, b) in enumerate(zip(frags, frags[1:])):
        if a.page == b.page and a.column == b.column and b.baseline > a.baseline:
            continue
        if a.column == 1 and b.page == a.page:
            expected = max(col_bottom.get((a.page, 2), a.bottom), typical)
        else:
            expected = max(page_bottom[a.page], typical)
        line_pitch = pitch.get(_size_key(a.size)) or pitch.get(0.0, 1.2) * a.size
        if expected - a.bottom > 2.5 * line_pitch:
            out.add(k)
    return out


def render_runs(runs: Sequence[Run], *, mark_bold: bool = True) -> str:
    """Runs to text-form markup. Adjacent runs of one style merge first; the
    spaces at a styled run's edges move outside its markers."""
    merged: list[Run] = []
    for r in runs:
        key = (r.bold and mark_bold, r.italic, r.href)
        if merged and (merged[-1].bold and mark_bold, merged[-1].italic, merged[-1].href) == key:
            merged[-1] = replace(merged[-1], text=merged[-1].text + r.text)
        elif merged and not r.text.strip() and r.href is None:
            # A bare space between two runs: give it to the run before, so that
            # "*A* *B*" written with a regular space stays one span.
            merged[-1] = replace(merged[-1], text=merged[-1].text + r.text)
        else:
            merged.append(Run(r.text, r.bold and mark_bold, r.italic, r.href))
    parts = []
    for r in merged:
        core = r.text.strip()
        if not core or not (r.bold or r.italic or r.href):
            parts.append(r.text)
            continue
        lead = r.text[: len(r.text) - len(r.text.lstrip())]
        trail = r.text[len(r.text.rstrip()) :]
        if r.italic:
            core = f"*{core}*"
        if r.bold:
            core = f"**{core}**"
        if r.href:
            core = f"[{core}]({r.href})"
        parts.append(lead + core + trail)
    return "".join(parts)


# The visible "read more" marker at a paragraph's end, without its link target:
# "（查看更多）", "(More)". Its link form in the text is "（[查看更多](#)）".
_MARKER_RE = re.compile(r"([（(]\s*)(查看更多|查看原文|More|Read more)(\s*[)）])\s*$")


def restore_link_markers(text: str, href: str = "#") -> str:
    """Give a bare "read more" marker at a paragraph end the text form's link syntax.

    PDFs show the marker as plain text (the link, if any, is an annotation that
    the reader may not have); the text form writes it ``[查看更多](#)``.
    """
    return _MARKER_RE.sub(lambda m: f"{m.group(1)}[{m.group(2)}]({href}){m.group(3)}", text)


__all__ = [
    "Frag",
    "Paragraph",
    "Run",
    "assign_regions",
    "build_vocabulary",
    "clean_cjk_spaces",
    "estimate_pitch",
    "estimate_pitch_ratio",
    "find_furniture",
    "is_page_number",
    "is_cjk",
    "is_ideograph",
    "join_paragraphs",
    "join_seam",
    "normalise_text",
    "order_page",
    "paragraph_step_limits",
    "render_runs",
    "restore_link_markers",
    "starts_new_paragraph",
]
