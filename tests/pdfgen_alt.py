"""An independent newsletter typesetter for the unseen-layout tests (test-only).

``tools/make_fixture_pdfs.py`` lays the fixtures out with reportlab's
platypus, and the reader was tuned on its output. A reader that only works on
the layouts it was tuned on has not been tested, so this module sets the same
text fixtures with its *own* line breaker and page builder, drawing straight
onto a reportlab canvas, and varies everything a publisher's template varies
(see :class:`AltLayout`) from a seed:

- fonts: embedded WenQuanYi Zen Hei / Micro Hei / AR PL UMing subsets or the
  non-embedded CID font STSong-Light; English in Helvetica, Times-Roman or the
  CJK font itself; sizes 9-12 pt, leading 1.2-1.8;
- paragraphs: spacing from none (first-line indent only) to one line;
  justified (by word spacing or by letter positions, with or without drawn
  space glyphs) or ragged;
- pages: A4 or Letter, margins, mirrored margins on even pages, headers with
  the page number on the same line ("立方观评 | No.44 | 3"), footers
  ("第 3 页 共 5 页", "3 / 5"), sections that start a new page or not; page
  breaks fall wherever the text runs out of room (between a title and its
  body, inside paragraphs);
- contents in one or two columns; links as annotations or as bare text;
  italics from an oblique font or a sheared text matrix; bold from a bold font
  or from overprinting.

Generation is fast (a fraction of a second per newsletter), so the tests
build their PDFs at run time from fixed seeds instead of committing them.
Needs reportlab; the embedded fonts are optional (:func:`missing_fonts`).
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

# Font files of the Debian packages fonts-wqy-zenhei, fonts-wqy-microhei and
# fonts-arphic-uming; STSong-Light and the Korean CID font need no file.
FONT_FILES: dict[str, str] = {
    "zenhei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "microhei": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "uming": "/usr/share/fonts/truetype/arphic/uming.ttc",
}
CJK_FONTS = ("zenhei", "microhei", "uming", "stsong")
# Registered reportlab names.
_RL_NAME = {"zenhei": "AltZenHei", "microhei": "AltMicroHei", "uming": "AltUMing", "stsong": "STSong-Light"}
_BOLD_CJK = "AltZenHei-Bold"  # Zen Hei embedded under a name that says bold
_HANGUL_CID = "HYSMyeongJo-Medium"

# Inline markup of the text form, in one pass: link, bold, italic.
_TOKEN_RE = re.compile(r"\[([^\]]+)\]\(([^)]*)\)|\*\*(.+?)\*\*|(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
# A section heading: "国内要闻 Domestic News".
_HEADING_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}\s+[A-Z][A-Za-z&' ]{2,40}$")
# Characters set in the CJK font: ideographs, CJK and full-width punctuation, Hangul.
_CJK_CHAR_RE = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_HANGUL_RE = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
# Line-breaking rules (kinsoku): never start a line with these, never end one with those.
_NO_START = frozenset("，。、；：！？）》」』】’”,.;:!?)]%")
_NO_END = frozenset("（《「『【‘“([")


def missing_fonts(cjk: str) -> list[str]:
    """Font files a layout with this CJK font needs that are not installed.

    STSong-Light needs none: without Zen Hei, its bold is overprinted and its
    Hangul comes from the CID font HYSMyeongJo-Medium.
    """
    return [FONT_FILES[cjk]] if cjk in FONT_FILES and not Path(FONT_FILES[cjk]).exists() else []


@lru_cache(maxsize=None)
def _register(key: str) -> str:
    """Register a font once per process; returns its reportlab name."""
    if key == "bold":
        font = TTFont(_BOLD_CJK, FONT_FILES["zenhei"], subfontIndex=0)
        font.face.name = b"WenQuanYiZenHei-Bold"
        pdfmetrics.registerFont(font)
        return _BOLD_CJK
    if key == "hangul":
        if Path(FONT_FILES["zenhei"]).exists():
            return _register("zenhei")
        pdfmetrics.registerFont(UnicodeCIDFont(_HANGUL_CID))
        return _HANGUL_CID
    name = _RL_NAME[key]
    if key == "stsong":
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    else:
        pdfmetrics.registerFont(TTFont(name, FONT_FILES[key], subfontIndex=0))
    return name


@dataclass(frozen=True)
class AltLayout:
    """Everything a house style decides, drawn from one seed."""

    seed: int
    page: tuple[float, float]
    cjk: str  # key of CJK_FONTS
    latin: str  # "Helvetica", "Times-Roman" or "cjk"
    size: float
    leading: float  # multiple of the size
    para_space: float  # in lines, 0..1
    indent: bool  # first-line indent of body paragraphs
    justify: str  # "ragged", or justified: "words" (drawn in chunks) or "letters" (every glyph placed)
    draw_spaces: bool  # draw space glyphs, or leave bare gaps between words
    inner: float
    outer: float
    top: float
    bottom: float
    mirrored: bool
    header: str  # "joined" ("立方观评 | No.44 | 3"), "split" (text left, number right), "plain"
    footer: str  # "zh" ("第 3 页 共 5 页"), "slash" ("3 / 5"), "none"
    contents_columns: int
    contents_on_cover: bool
    sections_new_page: bool
    link_annotations: bool
    italic: str  # "font" or "skew"
    bold: str  # "font" or "overprint"
    title_size: float  # added to the body size for story titles
    contact_centred: bool

    def describe(self) -> str:
        return (
            f"seed={self.seed} {'A4' if self.page == A4 else 'Letter'} {self.cjk}/{self.latin} "
            f"{self.size}pt x{self.leading} space={self.para_space} indent={self.indent} {self.justify} "
            f"spaces={self.draw_spaces} mirrored={self.mirrored} header={self.header} footer={self.footer} "
            f"contents={self.contents_columns}col cover={self.contents_on_cover} "
            f"newpage={self.sections_new_page} links={self.link_annotations} italic={self.italic} bold={self.bold}"
        )


def layout_for(seed: int, cjk: str | None = None) -> AltLayout:
    """A reproducible random house style; ``cjk`` forces the CJK font."""
    rnd = random.Random(seed)
    cjk = cjk or rnd.choice(CJK_FONTS)
    latin = rnd.choice(("Helvetica", "Times-Roman", "cjk"))
    para_space = rnd.choice((0.0, 0.0, 0.15, 0.25, 0.4, 0.6, 1.0))
    mm = 72 / 25.4
    return AltLayout(
        seed=seed,
        page=rnd.choice((A4, LETTER)),
        cjk=cjk,
        latin=latin,
        size=rnd.choice((9.0, 9.5, 10.0, 10.5, 11.0, 12.0)),
        leading=round(rnd.uniform(1.2, 1.8), 2),
        para_space=para_space,
        indent=para_space < 0.3 or rnd.random() < 0.3,
        justify=rnd.choice(("ragged", "words", "letters")),
        draw_spaces=rnd.random() < 0.6,
        inner=round(rnd.uniform(15, 35) * mm, 1),
        outer=round(rnd.uniform(12, 25) * mm, 1),
        top=round(rnd.uniform(18, 32) * mm, 1),
        bottom=round(rnd.uniform(16, 30) * mm, 1),
        mirrored=rnd.random() < 0.5,
        header=rnd.choice(("joined", "split", "plain")),
        footer=rnd.choice(("zh", "slash", "none")),
        contents_columns=rnd.choice((1, 2)),
        contents_on_cover=rnd.random() < 0.5,
        sections_new_page=rnd.random() < 0.3,
        link_annotations=rnd.random() < 0.5,
        italic="skew" if latin == "cjk" else rnd.choice(("font", "skew")),
        bold=rnd.choice(("font", "overprint")),
        title_size=rnd.choice((0.0, 0.5, 1.0)),
        contact_centred=rnd.random() < 0.5,
    )


# --------------------------------------------------------------------------
# Text form to styled blocks
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass
class Block:
    """One paragraph of the text form with its role in the layout."""

    kind: str  # mast, contents, contents_heading, heading, title, body, contact
    spans: list[tuple[str, Style]]
    align: str = "left"  # left, centre


def spans_of(line: str, whole_bold: bool = False) -> list[tuple[str, Style]]:
    """The text form's inline markup to styled spans."""
    out: list[tuple[str, Style]] = []
    pos = 0
    for m in _TOKEN_RE.finditer(line):
        if m.start() > pos:
            out.append((line[pos : m.start()], Style(bold=whole_bold)))
        if m.group(1) is not None:
            out.append((m.group(1), Style(bold=whole_bold, href=m.group(2) or "#")))
        elif m.group(3) is not None:
            out.append((m.group(3), Style(bold=True)))
        else:
            out.append((m.group(4), Style(bold=whole_bold, italic=True)))
        pos = m.end()
    if pos < len(line):
        out.append((line[pos:], Style(bold=whole_bold)))
    return out


def _is_title(text: str) -> bool:
    if not 8 <= len(text) <= 140 or "](" in text:
        return False
    if text.endswith(("。", ".", ")", "）", ";", "；", ":", "：", ",", "，")):
        return False
    return not any(k in text for k in ("@", "www.", "|", "Tel", "Fax", "扫码", "Subscribe", "关注"))


def blocks_of(text: str, centred: bool = True) -> tuple[list[Block], list[Block], list[Block]]:
    """Masthead, contents and body blocks of a text-form newsletter."""
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln.strip("\u00a0 ")]
    first = next((i for i, t in enumerate(lines) if _HEADING_RE.match(t)), 0)
    again = next((i for i in range(first + 1, len(lines)) if lines[i] == lines[first]), first)
    mast = [Block("mast", spans_of(t, whole_bold="**" not in t and k in (0, 5)), "centre") for k, t in enumerate(lines[:first])]
    contents = [
        Block("contents_heading", spans_of(t, True)) if _HEADING_RE.match(t) else Block("contents", spans_of(t))
        for t in lines[first:again]
    ]
    body: list[Block] = []
    tail = False
    for t in lines[again:]:
        if t.startswith("立方律师事务所编写"):
            tail = True
        if _HEADING_RE.match(t):
            body.append(Block("heading", spans_of(t, True)))
        elif tail and len(t) < 80:
            body.append(Block("contact", spans_of(t), "centre" if centred else "left"))
        elif not tail and _is_title(t):
            body.append(Block("title", spans_of(t, True)))
        else:
            body.append(Block("body", spans_of(t)))
    return mast, contents, body


# --------------------------------------------------------------------------
# Line breaking
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Atom:
    ch: str
    font: str
    size: float
    style: Style
    width: float


@dataclass
class TextLine:
    atoms: list[Atom]
    last: bool  # last line of its paragraph (never justified)
    indent: float = 0.0


@dataclass
class Fonts:
    """reportlab font names for one layout."""

    cjk: str
    latin: str
    latin_bold: str
    latin_italic: str | None  # None: shear the matrix instead
    cjk_bold: str | None  # None: overprint
    hangul: str


def fonts_for(lay: AltLayout) -> Fonts:
    cjk = _register(lay.cjk)
    hangul = _register("hangul")
    cjk_bold = _register("bold") if lay.bold == "font" and Path(FONT_FILES["zenhei"]).exists() else None
    if lay.latin == "cjk":
        latin, latin_bold, latin_italic = cjk, cjk_bold or cjk, None
    elif lay.latin == "Helvetica":
        latin, latin_bold, latin_italic = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
    else:
        latin, latin_bold, latin_italic = "Times-Roman", "Times-Bold", "Times-Italic"
    if lay.italic == "skew":
        latin_italic = None
    if lay.bold == "overprint" or latin_bold == cjk:
        latin_bold = latin
    return Fonts(cjk, latin, latin_bold, latin_italic, cjk_bold, hangul)


# Characters that STSong-Light (UniGB-UCS2-H) silently does not draw (measured).
_CID_MISSING = frozenset("·£")


_STANDARD_FONTS = frozenset(("Helvetica", "Times-Roman"))


def _in_winansi(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _covers(font: str, ch: str) -> bool:
    """Whether an embedded TrueType font has a glyph for ``ch`` (CID and Type 1 fonts: assume so)."""
    face = getattr(pdfmetrics.getFont(font), "face", None)
    char_to_glyph = getattr(face, "charToGlyph", None)
    return char_to_glyph is None or ord(ch) in char_to_glyph


def _font_of(ch: str, prev: str, nxt: str, style: Style, fonts: Fonts) -> str:
    """The font a typesetter would draw ``ch`` in: the style's font, or the
    first installed CJK font that has the glyph (as a word processor falls back)."""
    font = _styled_font_of(ch, prev, nxt, style, fonts)
    if _covers(font, ch):
        return font
    for key in ("uming", "microhei", "zenhei"):
        if Path(FONT_FILES[key]).exists() and _covers(_register(key), ch):
            return _register(key)
    return font


def _styled_font_of(ch: str, prev: str, nxt: str, style: Style, fonts: Fonts) -> str:
    if _HANGUL_RE.match(ch):
        return fonts.hangul
    if ch in _CID_MISSING and fonts.latin == "STSong-Light":
        return "Helvetica-Bold" if style.bold else "Helvetica"
    cjk = bool(_CJK_CHAR_RE.match(ch)) or (ch in "“”‘’" and bool(_CJK_CHAR_RE.match(prev or nxt or "a")))
    # The standard Type 1 fonts draw WinAnsi only: "ş", "ő" fall back to the CJK font, as a word processor would.
    if cjk or (fonts.latin in _STANDARD_FONTS and not _in_winansi(ch)):
        return (fonts.cjk_bold or fonts.cjk) if style.bold else fonts.cjk
    if style.bold:
        return fonts.latin_bold
    if style.italic and fonts.latin_italic:
        return fonts.latin_italic
    return fonts.latin


@lru_cache(maxsize=65536)
def _width(ch: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(ch, font, size)


def atoms_of(spans: list[tuple[str, Style]], size: float, fonts: Fonts) -> list[Atom]:
    flat = [(ch, st) for text, st in spans for ch in text]
    out = []
    for i, (ch, st) in enumerate(flat):
        prev = flat[i - 1][0] if i else ""
        nxt = flat[i + 1][0] if i + 1 < len(flat) else ""
        font = _font_of(ch, prev, nxt, st, fonts)
        out.append(Atom(ch, font, size, st, _width(ch, font, size)))
    return out


def _breakable(a: str, b: str) -> bool:
    """May a line break fall between the characters a and b?"""
    if b in _NO_START or a in _NO_END or b == " ":
        return False
    if a == " ":
        return True
    return bool(_CJK_CHAR_RE.match(a) or _CJK_CHAR_RE.match(b))


def break_lines(atoms: list[Atom], width: float, first_indent: float) -> list[TextLine]:
    """Greedy line breaking: CJK anywhere (with kinsoku), Latin at spaces."""
    boxes: list[list[Atom]] = []
    for i, atom in enumerate(atoms):
        if boxes and not _breakable(atoms[i - 1].ch, atom.ch):
            boxes[-1].append(atom)
        else:
            boxes.append([atom])
    lines: list[TextLine] = []
    current: list[Atom] = []
    used = first_indent
    for box in boxes:
        content = sum(a.width for a in box if a.ch != " ") if box[-1].ch == " " else sum(a.width for a in box)
        if current and used + content > width:
            lines.append(TextLine(_trim(current), False, first_indent if not lines else 0.0))
            current, used = [], 0.0
        current.extend(box)
        used += sum(a.width for a in box)
    if current or not lines:
        lines.append(TextLine(_trim(current), True, first_indent if not lines else 0.0))
    return lines


def _trim(atoms: list[Atom]) -> list[Atom]:
    while atoms and atoms[-1].ch == " ":
        atoms = atoms[:-1]
    while atoms and atoms[0].ch == " ":
        atoms = atoms[1:]
    return atoms


# --------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------


@dataclass
class Page:
    number: int
    cursor: float  # baseline of the last line drawn (PDF y, upwards)
    empty: bool = True


@dataclass
class Doc:
    lay: AltLayout
    canvas: Canvas
    fonts: Fonts
    issue: str
    pages: list[Page] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.lay.page[0]

    @property
    def height(self) -> float:
        return self.lay.page[1]

    def left(self) -> float:
        even = bool(self.pages) and self.pages[-1].number % 2 == 0
        return self.lay.outer if self.lay.mirrored and even else self.lay.inner

    def right(self) -> float:
        even = bool(self.pages) and self.pages[-1].number % 2 == 0
        return self.width - (self.lay.inner if self.lay.mirrored and even else self.lay.outer)

    def new_page(self) -> Page:
        if self.pages:
            self.canvas.showPage()
        page = Page(len(self.pages) + 1, self.height - self.lay.top)
        self.pages.append(page)
        return page

    @property
    def page(self) -> Page:
        return self.pages[-1]


def draw_line(doc: Doc, line: TextLine, x0: float, width: float, y: float, align: str, justify: str) -> None:
    """Draw one line's atoms at baseline ``y`` in [x0, x0 + width]."""
    atoms = line.atoms
    if not atoms:
        return
    natural = sum(a.width for a in atoms)
    x = x0 + line.indent
    gaps = [0.0] * len(atoms)  # extra space after each atom
    room = width - line.indent - natural
    if align == "centre":
        x += max(room, 0.0) / 2
    elif justify != "ragged" and not line.last and room > 0:
        spaces = [i for i, a in enumerate(atoms) if a.ch == " "]
        # Chinese is spread between characters (never inside a Latin word),
        # English at its spaces; "letters" spreads a mixed line at both.
        cjk_gaps = [
            i for i in range(len(atoms) - 1)
            if _CJK_CHAR_RE.match(atoms[i].ch) or _CJK_CHAR_RE.match(atoms[i + 1].ch)
        ]
        spread = sorted(set(spaces) | set(cjk_gaps))
        for i in spread:
            gaps[i] = room / len(spread)
    # Chunks: runs of one font and style with no extra spacing inside.
    chunk: list[Atom] = []
    start = x
    for i, atom in enumerate(atoms):
        split = chunk and (atom.font != chunk[-1].font or atom.style != chunk[-1].style)
        if split:
            _draw_chunk(doc, chunk, start, y)
            start, chunk = x, []
        if atom.ch == " " and not doc.lay.draw_spaces:
            if chunk:
                _draw_chunk(doc, chunk, start, y)
            chunk = []
            x += atom.width + gaps[i]
            start = x
            continue
        chunk.append(atom)
        x += atom.width + gaps[i]
        if gaps[i] or justify == "letters":
            _draw_chunk(doc, chunk, start, y)
            start, chunk = x, []
    if chunk:
        _draw_chunk(doc, chunk, start, y)


def _draw_chunk(doc: Doc, chunk: list[Atom], x: float, y: float) -> None:
    text = "".join(a.ch for a in chunk)
    if not text.strip() and not doc.lay.draw_spaces:
        return
    first = chunk[0]
    canv = doc.canvas
    skew = first.style.italic and first.font != doc.fonts.latin_italic  # no italic face: shear
    # Bold with no bold face to draw it in: overprint, as office programs do.
    overprint = first.style.bold and first.font in (doc.fonts.cjk, doc.fonts.hangul, doc.fonts.latin)
    for dx in (0.0, 0.3) if overprint else (0.0,):
        t = canv.beginText()
        t.setTextTransform(1, 0, math.tan(math.radians(12)) if skew else 0, 1, x + dx, y)
        t.setFont(first.font, first.size)
        t.textOut(text)
        canv.drawText(t)
    if first.style.href and doc.lay.link_annotations:
        w = sum(a.width for a in chunk)
        canv.linkURL(first.style.href, (x, y - 0.25 * first.size, x + w, y + 0.9 * first.size), relative=0, thickness=0)


def furniture(doc: Doc, total: int) -> None:
    """Header and footer of the current page (not the cover)."""
    lay, canv, page = doc.lay, doc.canvas, doc.page
    if page.number == 1:
        return
    n = page.number
    left, right = doc.left(), doc.right()
    outer_right = not lay.mirrored or n % 2 == 1
    y = doc.height - lay.top + 0.45 * lay.top
    canv.setFont(doc.fonts.cjk, 8)
    if lay.header == "joined":
        label = f"立方观评 | {doc.issue} | {n}"
        if outer_right:
            canv.drawRightString(right, y, label)
        else:
            canv.drawString(left, y, label)
    elif lay.header == "split":
        canv.drawString(left, y, "立方观评 · 网络安全与数据合规周报")
        canv.setFont("Helvetica", 8)
        canv.drawRightString(right, y, str(n))
    else:
        canv.drawCentredString((left + right) / 2, y, "LIFANG & PARTNERS 立方观评")
    canv.setLineWidth(0.3)
    canv.line(left, y - 4, right, y - 4)
    yb = 0.45 * lay.bottom
    if lay.footer == "zh":
        canv.setFont(doc.fonts.cjk, 8)
        canv.drawCentredString((left + right) / 2, yb, f"第 {n} 页 共 {total} 页")
    elif lay.footer == "slash":
        canv.setFont("Helvetica", 8)
        label = f"{n} / {total}"
        if outer_right:
            canv.drawRightString(right, yb, label)
        else:
            canv.drawString(left, yb, label)


@dataclass
class Metrics:
    size: float
    leading: float
    space_before: float


def metrics(lay: AltLayout, kind: str) -> Metrics:
    s, lead, sp = lay.size, lay.leading, lay.para_space * lay.size * lay.leading
    if kind == "heading":
        return Metrics(s + 3, (s + 3) * lead, (s + 3) * lead)
    if kind == "title":
        return Metrics(s + lay.title_size, (s + lay.title_size) * lead, max(sp, 0.5 * s))
    if kind == "contents_heading":
        return Metrics(s + 1, (s + 1) * lead, s * lead * 0.6)
    if kind == "mast":
        return Metrics(s + 4, (s + 4) * 1.3, 0.6 * s)
    if kind == "contents":
        return Metrics(s - 0.5, (s - 0.5) * lead, max(sp, 0.3 * s))
    if kind == "contact":
        return Metrics(s - 1, (s - 1) * lead, sp)
    return Metrics(s, s * lead, sp)


def set_block(doc: Doc, block: Block, width: float) -> tuple[list[TextLine], Metrics]:
    m = metrics(doc.lay, block.kind)
    indent = 2 * m.size if (doc.lay.indent and block.kind == "body") else 0.0
    return break_lines(atoms_of(block.spans, m.size, doc.fonts), width, indent), m


def flow(doc: Doc, blocks: list[Block], total: int) -> None:
    """Single-column flow of blocks, breaking pages wherever room runs out."""
    for block in blocks:
        if block.kind == "heading" and doc.lay.sections_new_page and not doc.page.empty:
            new_page(doc, total)
        left, right = doc.left(), doc.right()
        lines, m = set_block(doc, block, right - left)
        y = doc.page.cursor
        if not doc.page.empty:
            y -= m.space_before
        for line in lines:
            if y - m.leading < doc.lay.bottom and not doc.page.empty:
                new_page(doc, total)
                left, right = doc.left(), doc.right()
                y = doc.page.cursor
            y -= m.leading
            draw_line(doc, line, left, right - left, y + 0.2 * m.size, block.align, doc.lay.justify)
            doc.page.empty = False
            doc.page.cursor = y


def new_page(doc: Doc, total: int) -> None:
    doc.new_page()
    furniture(doc, total)


def contents_columns(doc: Doc, blocks: list[Block], total: int) -> None:
    """Two balanced columns, broken between entries (an entry is never split)."""
    gap = 6 * doc.lay.size / 10 * 3
    left, right = doc.left(), doc.right()
    col_w = (right - left - gap) / 2
    set_ = [set_block(doc, b, col_w) for b in blocks]
    heights = [len(lines) * m.leading + m.space_before for lines, m in set_]
    half = sum(heights) / 2
    acc, cut = 0.0, len(blocks)
    for i, h in enumerate(heights):
        if acc + h / 2 > half and i > 0:
            cut = i
            break
        acc += h
    need = max(sum(heights[:cut]), sum(heights[cut:]))
    if doc.page.cursor - need < doc.lay.bottom and not doc.page.empty:
        new_page(doc, total)
        left, right = doc.left(), doc.right()
    top = doc.page.cursor
    lowest = top
    for col, part in ((0, set_[:cut]), (1, set_[cut:])):
        x = left + col * (col_w + gap)
        y = top
        for k, (lines, m) in enumerate(part):
            if k:
                y -= m.space_before
            for line in lines:
                y -= m.leading
                draw_line(doc, line, x, col_w, y + 0.2 * m.size, "left", "ragged")
        lowest = min(lowest, y)
    doc.page.cursor = lowest
    doc.page.empty = False


def render(text: str, out: Path, lay: AltLayout) -> int:
    """Lay the text form out as a PDF at ``out``; returns the page count."""
    mast, contents, body = blocks_of(text, lay.contact_centred)
    issue = next((s for b in mast for s, _ in b.spans if re.fullmatch(r"No\.\d{1,3}", s.strip())), "No.1")
    total = 0
    for _ in range(2):  # the second pass knows the page count for "共 N 页"
        canv = Canvas(str(out), pagesize=lay.page, invariant=1)
        canv.setTitle(out.stem)
        doc = Doc(lay, canv, fonts_for(lay), issue.strip())
        new_page(doc, total)
        flow(doc, mast, total)
        if contents:
            if not lay.contents_on_cover:
                new_page(doc, total)
            if lay.contents_columns == 2:
                heads = [b for b in contents[:1] if b.kind == "contents_heading"]
                flow(doc, heads, total)
                contents_columns(doc, contents[len(heads) :], total)
            else:
                flow(doc, contents, total)
        new_page(doc, total)
        flow(doc, body, total)
        canv.showPage()
        canv.save()
        if total == len(doc.pages):
            break
        total = len(doc.pages)
    return total


__all__ = ["AltLayout", "CJK_FONTS", "layout_for", "missing_fonts", "render"]
