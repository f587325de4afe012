#!/usr/bin/env python3
"""Lay every text fixture out as a realistic A4 newsletter PDF (dev-only).

    python tools/make_fixture_pdfs.py            # all fixtures/text/*.txt
    python tools/make_fixture_pdfs.py NAME ...   # only these

Writes ``fixtures/pdf/<name>.pdf`` for each ``fixtures/text/<name>.txt`` and
the special test files in ``fixtures/pdf/special/``. Needs reportlab (the
``dev`` extra) and a CJK TrueType font: ``apt-get install fonts-wqy-microhei
fonts-wqy-zenhei fonts-arphic-uming``. The PDFs are committed, so tests and
CI do not need any of this.

The text form's conventions are mapped into the PDF the way the real
newsletter shows them, so that the reader has to map them back:
``*…*`` -> italic, ``**…**`` -> bold, ``[查看更多](#)`` -> the visible word
with a link annotation to ``#``; section headings and story titles bold; a
running header and page numbers on every page but the cover; a two-column
contents block; paragraph spacing; fonts, margins and page-number styles vary
between fixtures (three layouts, one of them with the non-embedded CID font
STSong-Light instead of an embedded TrueType subset).
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
)

ROOT = Path(__file__).resolve().parents[1]
TEXT_DIR = ROOT / "fixtures" / "text"
PDF_DIR = ROOT / "fixtures" / "pdf"
SPECIAL_DIR = PDF_DIR / "special"

WQY_MICROHEI = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
WQY_ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"

# A link target reportlab accepts (it wants a URL scheme); patched to "#" in
# the bytes afterwards, keeping the length so that the xref stays valid.
LINK_PLACEHOLDER = "x:"

# A section heading: Chinese name, space, English name ("国内要闻 Domestic News").
HEADING_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}\s+[A-Z][A-Za-z&' ]{2,40}$")
# Inline markup of the text form.
LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)]*)\)")
BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
ITALIC_RE = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


@dataclass(frozen=True)
class Layout:
    """One of the house styles the fixtures are spread over."""

    name: str
    cjk: str  # registered font name for CJK text
    cjk_bold: str
    latin: str
    latin_bold: str
    latin_italic: str
    margins: tuple[float, float, float, float]  # left, right, top, bottom (pt)
    size: float
    leading: float
    space_after: float
    align: int
    page_number: str  # format with {n}
    number_at_top: bool
    contents_on_cover: bool


def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont("WQYMicroHei", WQY_MICROHEI, subfontIndex=0))
    bold = TTFont("WQYZenHeiBold", WQY_ZENHEI, subfontIndex=0)
    # The embedded font's name says it is the bold face, as a real bold CJK font's would.
    bold.face.name = b"WenQuanYiZenHei-Bold"
    pdfmetrics.registerFont(bold)
    pdfmetrics.registerFont(TTFont("UMing", UMING, subfontIndex=0))
    pdfmetrics.registerFont(TTFont("WQYZenHei", WQY_ZENHEI, subfontIndex=0))  # has Hangul
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    for name in ("WQYMicroHei", "WQYZenHeiBold", "UMing", "STSong-Light"):
        pdfmetrics.registerFontFamily(name, normal=name, bold="WQYZenHeiBold", italic=name, boldItalic="WQYZenHeiBold")


LAYOUTS = (
    Layout("microhei", "WQYMicroHei", "WQYZenHeiBold", "Helvetica", "Helvetica-Bold", "Helvetica-Oblique",
           (22 * mm, 22 * mm, 28 * mm, 25 * mm), 10, 14, 7, TA_LEFT, "- {n} -", False, False),
    Layout("uming", "UMing", "WQYZenHeiBold", "Times-Roman", "Times-Bold", "Times-Italic",
           (28 * mm, 20 * mm, 32 * mm, 22 * mm), 10.5, 15, 9, TA_JUSTIFY, "第 {n} 页", False, True),
    Layout("stsong", "STSong-Light", "WQYZenHeiBold", "Helvetica", "Helvetica-Bold", "Helvetica-Oblique",
           (18 * mm, 18 * mm, 30 * mm, 24 * mm), 9.5, 13, 6, TA_LEFT, "Page {n}", True, False),
)


def latin_ok(ch: str) -> bool:
    """Can a standard Type 1 font (WinAnsi) draw this character?"""
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


HANGUL_RE = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def fonted(text: str, lay: Layout, bold: bool) -> str:
    """Escape text for a reportlab Paragraph, putting CJK runs in the CJK font
    (Hangul in one that has it)."""
    out = []
    run = ""
    run_cjk: bool | str | None = None
    for ch in text:
        cjk: bool | str = "hangul" if HANGUL_RE.match(ch) else not latin_ok(ch)
        if run and cjk != run_cjk:
            out.append(_wrap(run, run_cjk, lay, bold))
            run = ""
        run += ch
        run_cjk = cjk
    if run:
        out.append(_wrap(run, run_cjk, lay, bold))
    return "".join(out)


def _wrap(run: str, cjk: bool | str | None, lay: Layout, bold: bool) -> str:
    esc = html.escape(run, quote=False)
    if cjk == "hangul":
        return f'<font name="WQYZenHei">{esc}</font>'
    if cjk:
        return f'<font name="{lay.cjk_bold if bold else lay.cjk}">{esc}</font>'
    return esc


def markup(text: str, lay: Layout, whole_bold: bool = False, links: bool = True) -> str:
    """Text-form line to reportlab paragraph markup."""
    pieces: list[str] = []
    pos = 0
    token_re = re.compile(f"{LINK_RE.pattern}|{BOLD_RE.pattern}|{ITALIC_RE.pattern}")
    for m in token_re.finditer(text):
        pieces.append(fonted(text[pos : m.start()], lay, whole_bold))
        if m.group(1) is not None:  # link
            href = m.group(2) if m.group(2) not in ("", "#") else LINK_PLACEHOLDER
            if links:
                pieces.append(f'<a href="{html.escape(href)}">{fonted(m.group(1), lay, whole_bold)}</a>')
            else:  # plain visible text, as when the annotation is missing
                pieces.append(fonted(m.group(1), lay, whole_bold))
        elif m.group(3) is not None:  # bold
            pieces.append(f"<b>{fonted(m.group(3), lay, True)}</b>")
        else:  # italic
            pieces.append(f"<i>{fonted(m.group(4), lay, whole_bold)}</i>")
        pos = m.end()
    pieces.append(fonted(text[pos:], lay, whole_bold))
    return "".join(pieces)


@dataclass
class Parts:
    masthead: list[str]
    contents: list[str]
    body: list[str]


def split_parts(lines: list[str]) -> Parts:
    """Masthead (before the first section heading), contents (up to that heading's
    second appearance) and body (the rest)."""
    first = next((i for i, t in enumerate(lines) if HEADING_RE.match(t)), None)
    if first is None:
        return Parts([], [], lines)
    again = next((i for i in range(first + 1, len(lines)) if lines[i] == lines[first]), None)
    if again is None:
        return Parts(lines[:first], [], lines[first:])
    return Parts(lines[:first], lines[first:again], lines[again:])


def is_title(text: str) -> bool:
    """A story title: short, no sentence end, not contact details."""
    if len(text) < 8 or len(text) > 130:
        return False
    if text.endswith(("。", ".", ")", "）", ";", "；", ":", "：", ",", "，")):
        return False
    if any(k in text for k in ("@", "www.", "|", "Tel", "Fax", "扫码", "Subscribe", "关注")):
        return False
    return not text[:1].islower()


def _column_break(contents: list[str]) -> int | None:
    """Index of the contents entry that opens the second column: the first
    Chinese title at or after the middle."""
    for i in range(len(contents) // 2, len(contents)):
        if CJK_RE.search(contents[i][:2]) and not HEADING_RE.match(contents[i]) and i > 0:
            return i
    return None


def styles(lay: Layout) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=lay.latin, fontSize=lay.size, leading=lay.leading,
                          spaceAfter=lay.space_after, alignment=lay.align, wordWrap="CJK")
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontName=lay.latin_bold, fontSize=lay.size + 1,
                                leading=lay.leading + 1, spaceBefore=4, alignment=TA_LEFT),
        "heading": ParagraphStyle("heading", parent=base, fontName=lay.latin_bold, fontSize=lay.size + 4,
                                  leading=lay.leading + 5, spaceBefore=10, spaceAfter=10, alignment=TA_LEFT),
        "contents": ParagraphStyle("contents", parent=base, fontSize=lay.size - 0.5, leading=lay.leading - 1.5,
                                   spaceAfter=5, alignment=TA_LEFT),
        "contents_heading": ParagraphStyle("contents_heading", parent=base, fontName=lay.latin_bold,
                                           fontSize=lay.size + 2, leading=lay.leading + 3, spaceAfter=6,
                                           spaceBefore=6, alignment=TA_LEFT),
        "mast": ParagraphStyle("mast", parent=base, fontSize=13, leading=18, alignment=TA_CENTER, spaceAfter=8),
        "mast_big": ParagraphStyle("mast_big", parent=base, fontName=lay.latin_bold, fontSize=22, leading=28,
                                   alignment=TA_CENTER, spaceAfter=12),
        "small": ParagraphStyle("small", parent=base, fontSize=lay.size - 1, leading=lay.leading - 2),
    }


def build(text_path: Path, pdf_path: Path, lay: Layout, *, encrypt: str | None = None) -> None:
    raw = [ln.strip() for ln in text_path.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in raw if ln and ln.strip("\u00a0 ")]
    parts = split_parts(lines)
    st = st_all = styles(lay)
    st_latin = ParagraphStyle("body_latin", parent=st["body"], wordWrap=None)
    st_latin_title = ParagraphStyle("title_latin", parent=st["title"], wordWrap=None)
    width, height = A4
    left, right, top, bottom = lay.margins
    body_w = width - left - right
    body_h = height - top - bottom

    def furniture(canv: pdfcanvas.Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        canv.setFont(lay.cjk, 8)
        y_head = height - top + 14
        canv.drawString(left, y_head, "立方观评 | 网络安全与数据合规周报")
        canv.setFont(lay.latin, 8)
        canv.drawRightString(width - right, y_head, "Lifang & Partners Weekly Review")
        canv.setLineWidth(0.4)
        canv.line(left, y_head - 4, width - right, y_head - 4)
        label = lay.page_number.format(n=doc.page)
        font = lay.cjk if CJK_RE.search(label) else lay.latin
        canv.setFont(font, 8.5)
        if lay.number_at_top:
            canv.drawRightString(width - right, height - top + 28, label)
        elif "第" in label:
            canv.drawRightString(width - right, bottom - 16, label)
        else:
            canv.drawCentredString(width / 2, bottom - 16, label)
        canv.restoreState()

    gutter = 8 * mm
    col_w = (body_w - gutter) / 2
    mast_h = 95 * mm
    templates = [
        PageTemplate("cover", [Frame(left, bottom, body_w, body_h, id="cover")]),
        PageTemplate("contents", [Frame(left, bottom, col_w, body_h, id="c1"),
                                  Frame(left + col_w + gutter, bottom, col_w, body_h, id="c2")], onPage=furniture),
        PageTemplate("body", [Frame(left, bottom, body_w, body_h, id="body")], onPage=furniture),
    ]
    if lay.contents_on_cover:
        templates[0] = PageTemplate("cover", [
            Frame(left, height - top - mast_h, body_w, mast_h, id="mast"),
            Frame(left, bottom, col_w, body_h - mast_h - 4 * mm, id="cc1"),
            Frame(left + col_w + gutter, bottom, col_w, body_h - mast_h - 4 * mm, id="cc2"),
        ])
    doc = BaseDocTemplate(str(pdf_path), pagesize=A4, pageTemplates=templates, invariant=1,
                          title=text_path.stem, author="lifang-parse fixtures", encrypt=encrypt)

    story: list = []
    for i, t in enumerate(parts.masthead):
        big = i == 0 or t.startswith("立方网络安全")
        story.append(Paragraph(markup(t, lay, whole_bold=big), st["mast_big" if big else "mast"]))
    if parts.contents:
        if lay.contents_on_cover:
            story.append(FrameBreak())
        else:
            story += [NextPageTemplate("contents"), PageBreak()]
        middle = _column_break(parts.contents)
        for i, t in enumerate(parts.contents):
            if i == middle:
                story.append(FrameBreak())  # fill both columns, as the real contents page does
            if HEADING_RE.match(t):
                story.append(Paragraph(markup(t, lay, True), st["contents_heading"]))
            elif not CJK_RE.search(t):
                story.append(Paragraph(markup(t, lay), ParagraphStyle("cl", parent=st["contents"], wordWrap=None)))
            else:
                story.append(Paragraph(markup(t, lay), st["contents"]))
        story += [NextPageTemplate("body"), PageBreak()]
    elif parts.masthead:
        story += [NextPageTemplate("body"), PageBreak()]
    for t in parts.body:
        if not CJK_RE.search(t):  # English wraps at spaces, Chinese anywhere
            st = {**st_all, "body": st_latin, "title": st_latin_title}
        else:
            st = st_all
        if HEADING_RE.match(t):
            story.append(Paragraph(markup(t, lay, True), st["heading"]))
        elif is_title(t):
            story.append(Paragraph(markup(t, lay, True), st["title"]))
        else:
            # Encrypted strings cannot be patched afterwards: no annotations there.
            story.append(Paragraph(markup(t, lay, links=encrypt is None), st["body"]))
    doc.build(story)
    _patch_links(pdf_path)


def _patch_links(pdf_path: Path) -> None:
    """Turn the placeholder link target into "#" without moving any byte."""
    data = pdf_path.read_bytes()
    needle = f"/URI ({LINK_PLACEHOLDER})".encode()
    pdf_path.write_bytes(data.replace(needle, b"/URI (#) "))


# --------------------------------------------------------------------------
# Special files for the reader's unit tests
# --------------------------------------------------------------------------


def make_fake_bold(path: Path) -> None:
    """Overprinted "fake bold": each glyph drawn 2 or 4 times, slightly offset."""
    c = pdfcanvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("WQYMicroHei", 16)
    for dx in (0, 0.35, 0.7, 1.05):  # 4x overprint, as some Word exports do
        c.drawString(72 + dx, 760, "国内要闻")
    c.setFont("Helvetica", 12)
    c.drawString(72, 720, "LIFANG & PARTNERS")
    c.setFont("WQYMicroHei", 12)
    for dx in (0, 0.4):
        c.drawString(72 + pdfmetrics.stringWidth("LIFANG & PARTNERS ", "Helvetica", 12) + dx, 720, "立方观评")
    c.setFont("WQYMicroHei", 10.5)
    c.drawString(72, 680, "工信部组织召开APP个人信息保护监管座谈会。")
    c.showPage()
    c.save()


def make_hyphenated(path: Path) -> None:
    """English hard-wrapped with line-end hyphens, CJK wrapped, letter-spaced CJK."""
    c = pdfcanvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 770.0
    c.setFont("Helvetica", 10)
    for line in ("MIIT organized third-party testing agen-", "cies to inspect apps; the third-",
                 "party agencies reported that the apps were well organ-", "ized and that third-party SDKs were used."):
        c.drawString(72, y, line)
        y -= 13
    y -= 14
    c.setFont("WQYMicroHei", 10)
    for line in ("工信部组织第三方检测机构对手机应用软件进行检查，督促存在问题的企业进行整改，并公布了截至",
                 "2月5日尚未完成整改的26款APP软件。"):
        c.drawString(72, y, line)
        y -= 14
    y -= 14
    c.setFont("WQYMicroHei", 14)
    c.drawString(72, y, "国 内 要 闻")
    c.setFont("Helvetica", 14)
    c.drawString(72 + pdfmetrics.stringWidth("国 内 要 闻 ", "WQYMicroHei", 14), y, "Domestic News")
    c.showPage()
    c.save()


def make_image_only(path: Path) -> None:
    """A "scan": one page that is only an image, no text layer."""
    from io import BytesIO

    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(img)
    for k in range(20):
        draw.rectangle((40, 40 + 24 * k, 360 - (k % 3) * 40, 52 + 24 * k), fill=30)
    buf = BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    c = pdfcanvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(buf), 40, 60, width=515, height=720)
    c.showPage()
    c.drawImage(ImageReader(buf), 40, 60, width=515, height=720)
    c.showPage()
    c.save()


def main(argv: list[str]) -> int:
    register_fonts()
    PDF_DIR.mkdir(parents=True, exist_ok=True)
    SPECIAL_DIR.mkdir(parents=True, exist_ok=True)
    texts = sorted(TEXT_DIR.glob("*.txt"))
    if argv:
        texts = [t for t in texts if t.stem in argv]
    sample = "weekly-cyber-214-2021-03"
    # STSong-Light (non-embedded CID font) for exactly one fixture; the other
    # fixtures alternate between the two embedded TrueType layouts.
    cid_name = next((t.stem for t in texts if t.stem != sample), None)
    k = 0
    for text_path in texts:
        if text_path.stem == sample:
            lay = LAYOUTS[0]
        elif text_path.stem == cid_name:
            lay = LAYOUTS[2]
        else:
            lay = LAYOUTS[1] if k % 2 == 0 else LAYOUTS[0]
            k += 1
        build(text_path, PDF_DIR / f"{text_path.stem}.pdf", lay)
        print(f"{text_path.stem}: {lay.name}")
    sample_txt = TEXT_DIR / f"{sample}.txt"
    if sample_txt.exists() and not argv:
        build(sample_txt, SPECIAL_DIR / "encrypted.pdf", LAYOUTS[0], encrypt="lifang")
        make_fake_bold(SPECIAL_DIR / "fake-bold.pdf")
        make_hyphenated(SPECIAL_DIR / "hyphenated.pdf")
        make_image_only(SPECIAL_DIR / "image-only.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
