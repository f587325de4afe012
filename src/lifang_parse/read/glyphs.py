"""One page's glyphs to visual line fragments: the part of PDF reading that
does not depend on which library read the page.

Both PDF readers (pdfplumber's ``page.chars`` in :mod:`.pdf`, pdfium's text
page in :mod:`.pdfium`) turn a page into :data:`Glyph` tuples and hand them
to :func:`page_fragments`, so line grouping, "fake bold" removal, word-space
recovery, fragment splitting and style runs are one piece of code. What
differs between the readers is only how a glyph's numbers are obtained.

The functions here are on the hot path (every glyph of every page passes
through them), so they work on tuples and lists, not objects, and compute
line statistics lazily, once per line.
"""

from __future__ import annotations

import re
import unicodedata
from operator import itemgetter
from collections.abc import Sequence

from .layout import Frag, Run, is_cjk

#: One glyph as the readers hand it over:
#: ``(baseline, x0, x1, text, size, bold, italic, top, bottom)``.
#: ``baseline``, ``top`` and ``bottom`` are measured down from the top of the
#: page; ``x0``/``x1`` span the glyph's advance from its origin (not its ink,
#: which leans into the neighbours in a sheared italic).
Glyph = tuple[float, float, float, str, float, bool, bool, float, float]

#: A link annotation: ``(x0, top, x1, bottom, uri)``, y measured down.
LinkArea = tuple[float, float, float, float, str]

# Font-name style markers: "Helvetica-Bold", "Arial,BoldItalic", "SimHei-Black",
# "TimesNewRomanPS-ItalicMT", "MinionPro-It", "DejaVuSans-Oblique".
_BOLD_FONT_RE = re.compile(r"bold|black|heavy|semibold|demibold|[-,]bd\b|[-,]sb\b", re.IGNORECASE)
_ITALIC_FONT_RE = re.compile(r"italic|oblique|slanted|kursiv|[-,]it(?:mt)?$|[-,]bdit", re.IGNORECASE)

# A horizontal shear larger than this share of the glyph height is a
# synthetic italic (a slanted text matrix instead of an italic face).
_SHEAR_ITALIC = 0.12


def font_style(fontname: str, cache: dict[str, tuple[bool, bool]]) -> tuple[bool, bool]:
    """(bold, italic) from a font name; the subset tag ("ABCDEF+") is ignored.

    Both readers call this, so a font gets the same style whichever library
    named it (pdfium drops the subset tag, pdfminer keeps it).
    """
    style = cache.get(fontname)
    if style is None:
        base = fontname.split("+", 1)[-1]
        style = (bool(_BOLD_FONT_RE.search(base)), bool(_ITALIC_FONT_RE.search(base)))
        cache[fontname] = style
    return style


def is_sheared(b: float, c: float, d: float) -> bool:
    """A text matrix (a b c d) that slants upright glyphs: synthetic italics."""
    return b == 0 and bool(d) and abs(c) > _SHEAR_ITALIC * abs(d)


def guess_advance(text: str, size: float) -> float:
    """The advance of a visible glyph its font gives no width for ("€" in a
    non-embedded standard font): half an em. Spaces and combining marks get
    none."""
    if text.isspace() or unicodedata.combining(text[0]):
        return 0.0
    return 0.5 * size


def page_fragments(glyphs: list[Glyph], page_no: int, links: Sequence[LinkArea]) -> list[Frag]:
    """One page's glyphs (any order) to visual line fragments with styled runs.

    Glyphs are grouped into lines by baseline (within 0.35 of the smaller
    size) and sorted left to right; each line is split into fragments.
    """
    if not glyphs:
        return []
    glyphs.sort(key=_baseline)
    frags: list[Frag] = []
    current = [glyphs[0]]
    first_base, first_size = glyphs[0][0], glyphs[0][4]
    for g in glyphs[1:]:
        size = g[4]
        if g[0] - first_base <= 0.35 * (size if size < first_size else first_size):
            current.append(g)
        else:
            current.sort(key=_left)
            frags.extend(_line_frags(current, page_no, links))
            current = [g]
            first_base, first_size = g[0], size
    current.sort(key=_left)
    frags.extend(_line_frags(current, page_no, links))
    return frags


# Sort keys: a glyph's baseline, its left edge (C-level getters: every glyph is sorted twice).
_baseline = itemgetter(0)
_left = itemgetter(1)


# A kept glyph while a line is split: the glyph and its link target,
# ``(baseline, x0, x1, text, size, bold, italic, top, bottom, href)``.
_Kept = tuple[float, float, float, str, float, bool, bool, float, float, "str | None"]
_NO_LINK: tuple[None] = (None,)


def _line_frags(line: Sequence[Glyph], page_no: int, links: Sequence[LinkArea]) -> list[Frag]:
    """One visual line's glyphs (sorted by x) to fragments.

    A line where no gap can split it or hold a word space (see
    :func:`_quiet`) is one fragment as it stands; only the others are walked
    glyph by glyph.
    """
    kept = _drop_overprints(line, _links_near(line, links))
    shown = [i for i, g in enumerate(kept) if not g[3].isspace()]
    if shown and all(_quiet(kept[i], kept[j], j - i > 1) for i, j in zip(shown, shown[1:])):
        frag = _make_frag(kept[shown[0]:], page_no)
        return [frag] if frag.text.strip() else []
    frags: list[Frag] = []
    piece: list[_Kept] = []
    last: _Kept | None = None  # the piece's last visible glyph
    space_between = False
    cjk_gap: list[float] = []  # the line's usual CJK gap, computed on first need
    for ch in kept:
        if ch[3].isspace():
            space_between = True
            if piece:
                piece.append(ch)
            continue
        if last is not None:
            gap = ch[1] - last[2]
            size = ch[4] if ch[4] > last[4] else last[4]
            if gap > 0.12 * size:
                if gap > 4 * size or (gap > 1.5 * size and not space_between):
                    frags.append(_make_frag(piece, page_no))
                    piece = []
                elif not space_between and _gap_is_space(gap, size, last[3][-1], ch[3][0], kept, cjk_gap):
                    href = last[9] if last[9] == ch[9] else None
                    piece.append((ch[0], last[2], ch[1], " ", ch[4], last[5] and ch[5], last[6] and ch[6], ch[7], ch[8], href))
        space_between = False
        piece.append(ch)
        last = ch
    if piece:
        frags.append(_make_frag(piece, page_no))
    return [f for f in frags if f.text.strip()]


def _quiet(a: _Kept, b: _Kept, spaced: bool) -> bool:
    """Neighbouring visible glyphs whose gap the walk below leaves alone: at
    most 0.12 em, or at most 4 em with a space glyph between them."""
    gap = b[1] - a[2]
    size = b[4] if b[4] > a[4] else a[4]
    return gap <= 0.12 * size or (spaced and gap <= 4 * size)


def _links_near(line: Sequence[Glyph], links: Sequence[LinkArea]) -> Sequence[LinkArea]:
    """The links whose band (1 pt of slack) can hold a glyph centre of this line."""
    if not links:
        return links
    centres = [g[7] + g[8] for g in line]
    lo, hi = min(centres) / 2, max(centres) / 2
    return [link for link in links if link[1] - 1 <= hi and lo <= link[3] + 1]


def _drop_overprints(line: Sequence[Glyph], links: Sequence[LinkArea]) -> list[_Kept]:
    """The line's glyphs without overprinted copies, with their link targets.

    An overprinted copy ("fake bold") is the same glyph drawn again within a
    fraction of its width; it is dropped and the glyph kept is marked bold.
    A copy has the same text as the glyph just before it, so a line with no
    such neighbours (most lines) skips the glyph-by-glyph comparison.
    """
    texts = [g[3] for g in line]
    if not any(a == b and a != " " for a, b in zip(texts, texts[1:])):
        if not links:
            return [g + _NO_LINK for g in line]
        return [g + (_link_at(g, links),) for g in line]
    kept: list[_Kept] = []
    prev: _Kept | None = None
    for g in line:
        if prev is not None and g[3] == prev[3] and g[3] != " ":
            width = prev[2] - prev[1]
            if abs(g[1] - prev[1]) < 0.35 * (width if width > 0.5 * g[4] else 0.5 * g[4]):
                prev = kept[-1] = prev[:5] + (True,) + prev[6:]
                continue
        prev = g + ((_link_at(g, links),) if links else _NO_LINK)
        kept.append(prev)
    return kept


def _link_at(g: Glyph, links: Sequence[LinkArea]) -> str | None:
    """The target of the first link whose area (1 pt of vertical slack) holds the glyph's centre."""
    cx, cy = (g[1] + g[2]) / 2, (g[7] + g[8]) / 2
    for lx0, ltop, lx1, lbottom, uri in links:
        if lx0 <= cx <= lx1 and ltop - 1 <= cy <= lbottom + 1:
            return uri
    return None


def _gap_is_space(
    gap: float, size: float, before: str, after: str, line: Sequence[_Kept], cjk_gap: list[float]
) -> bool:
    """Is a gap with no space glyph a word space?

    Between Latin characters, when it is wider than kerning (0.15 em; the
    space of Times is 0.25 em, and the caller measures from glyph advances,
    so letters of a word touch). Anywhere next to CJK, only when the gap is
    clearly wider than the line's usual gap between CJK characters, which
    justification or letter-spacing widen evenly: a meant space (《信息安全技术
    快递物流…》) stands out by its own width. ``cjk_gap`` caches that usual
    gap for the line (empty until first needed).
    """
    if not is_cjk(before) and not is_cjk(after):
        return gap > 0.15 * size
    if not cjk_gap:
        gaps = sorted(b[1] - a[2] for a, b in zip(line, line[1:]) if is_cjk(a[3][-1]) and is_cjk(b[3][0]))
        cjk_gap.append(max(gaps[len(gaps) // 2], 0.0) if gaps else 0.0)
    return gap > cjk_gap[0] + 0.2 * size


def _make_frag(piece: list[_Kept], page_no: int) -> Frag:
    """Glyphs of one fragment to a :class:`Frag` with merged style runs.

    This runs for every line of every page, so it works in whole-list
    passes; a fragment in one style (most) becomes one run directly.
    """
    while piece[-1][3].isspace():
        piece = piece[:-1]
    texts = [g[3] for g in piece]
    blank = [t.isspace() for t in texts]
    visible = [g for g, b in zip(piece, blank) if not b] or piece[:1]
    styles = {(g[5], g[6], g[9]) for g in visible}
    if len(styles) == 1:
        (bold, italic, href), = styles
        runs: tuple[Run, ...] = (Run("".join([" " if b else t for t, b in zip(texts, blank)]), bold, italic, href),)
    else:
        runs = _styled_runs(piece, blank)
    sizes = sorted([g[4] for g in visible])
    baselines = sorted([g[0] for g in visible])
    return Frag(
        runs=runs,
        page=page_no,
        x0=float(min([g[1] for g in piece])),
        x1=float(max([g[2] for g in piece])),
        top=float(min([g[7] for g in piece])),
        bottom=float(max([g[8] for g in piece])),
        baseline=float(baselines[len(baselines) // 2]),
        size=float(sizes[len(sizes) // 2]),
        first_width=_first_unit_width(piece),
    )


def _styled_runs(piece: list[_Kept], blank: list[bool]) -> tuple[Run, ...]:
    """Runs of one style each; a space takes the style of the run it is in."""
    runs: list[Run] = []
    buf: list[str] = []
    key: tuple[bool, bool, str | None] | None = None
    for g, is_blank in zip(piece, blank):
        if is_blank and key is not None:
            buf.append(" ")
            continue
        k = (g[5], g[6], g[9])
        if k != key and buf:
            runs.append(Run("".join(buf), *key))  # type: ignore[misc]
            buf = []
        key = k
        buf.append(g[3])
    if buf and key is not None:
        runs.append(Run("".join(buf), *key))
    return tuple(runs)


# Line-breaking rules (kinsoku, and their Latin counterparts): a line may not
# end with an opening bracket or quote, nor start with closing punctuation, so
# these travel with the character next to them.
_NO_LINE_END = frozenset("（《「『【〔“‘([{")
_NO_LINE_START = frozenset("）》」』】〕”’，。、；：！？)]},.;:!?%")


def _first_unit_width(piece: Sequence[_Kept]) -> float:
    """Width of the fragment's first unbreakable unit: one CJK character or one
    Latin word, with the opening brackets before it and the closing punctuation
    after it ("（App", "巴”）", "Burkman）、").

    The paragraph test asks whether this unit would have fitted at the end of
    the line before; a line breaker moves the whole unit, not just its first
    character.
    """
    start: float | None = None
    end = 0.0
    core = False  # the character or word has been passed
    latin = False
    for ch in piece:
        text = ch[3]
        if text.isspace():
            if start is not None and core:
                break
            continue
        c = text[0]
        if start is None:
            start = ch[1]
        if not core:
            end = ch[2]
            if c in _NO_LINE_END:
                continue
            core = True
            latin = not is_cjk(c)
            continue
        if c in _NO_LINE_START or (latin and not is_cjk(c)):
            end = ch[2]
            continue
        break
    return float(end - start) if start is not None else 0.0


__all__ = ["Glyph", "LinkArea", "font_style", "guess_advance", "is_sheared", "page_fragments"]
