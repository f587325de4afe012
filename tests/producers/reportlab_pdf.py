"""reportlab producer: platypus flowables, as a report generator built on reportlab would set a newsletter.

Chinese text in a TrueType CJK font (embedded, subset) or in reportlab's CID
font STSong-Light (not embedded: the viewer supplies it); Latin runs in a base
font (Helvetica, Times: not embedded) or an embedded TrueType family. Running
headers and page numbers are drawn on the canvas after layout ("3 / 5" needs
the page count, so the canvas keeps its pages until the end: the usual
NumberedCanvas recipe).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BalancedColumns,
    HRFlowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from . import FONT_FILES, Doc, Item, Seg, is_cjk, item_paragraphs, latin_file, segments
from .styles import page_number_spec

BASE_FACES = {
    "Helvetica": {"": "Helvetica", "B": "Helvetica-Bold", "I": "Helvetica-Oblique", "BI": "Helvetica-BoldOblique"},
    "Times": {"": "Times-Roman", "B": "Times-Bold", "I": "Times-Italic", "BI": "Times-BoldItalic"},
}


# --------------------------------------------------------------------------- fonts


@cache
def _cjk_font(key: str) -> str:
    if key == "STSong-Light":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"
    name = {"wqy-microhei": "WQYMicroHei", "wqy-zenhei": "WQYZenHei", "uming": "ARPLUMingCN"}[key]
    pdfmetrics.registerFont(TTFont(name, str(FONT_FILES[key]), subfontIndex=0))
    return name


@cache
def _latin_face(family: str, face: str) -> str:
    if family in BASE_FACES:
        return BASE_FACES[family][face]
    name = f"{family}-{face or 'R'}"
    pdfmetrics.registerFont(TTFont(name, str(latin_file(family, face))))
    return name


# STSong-Light draws these as .notdef (they have no glyph through UniGB-UCS2-H), whatever GBK says.
_STSONG_GAPS = frozenset("\u00b7")


@cache
def _covers(font: str, ch: str) -> bool:
    """Whether ``font`` has a glyph for ``ch`` (else the text falls back to another font, as word processors do)."""
    f = pdfmetrics.getFont(font)
    if isinstance(f, TTFont):
        return ord(ch) in f.face.charToGlyph
    if isinstance(f, UnicodeCIDFont):  # Adobe-GB1: GBK's repertoire, roughly
        if ch in _STSONG_GAPS:
            return False
        try:
            ch.encode("gbk")
            return True
        except UnicodeEncodeError:
            return False
    try:  # a base-14 font: WinAnsi
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


FALLBACKS = ("wqy-microhei", "wqy-zenhei", "uming")


def _fallback(ch: str, bold: bool) -> str:
    for key in FALLBACKS:
        name = _cjk_font(key)
        if _covers(name, ch):
            return name
    return _latin_face("DejaVuSans", "B" if bold else "")


class Fonts:
    def __init__(self, row: dict[str, Any]):
        self.row = row
        self.cjk = _cjk_font(row["cjk"])
        self.cjk_bold = _cjk_font(row["cjk_bold"]) if row.get("cjk_bold") else self.cjk
        self.latin_family = row["latin"]

    def latin(self, bold: bool = False, italic: bool = False) -> str:
        return _latin_face(self.latin_family, ("B" if bold else "") + ("I" if italic else ""))

    def cjk_for(self, bold: bool) -> str:
        return self.cjk_bold if bold else self.cjk


def _run_markup(text: str, font: str, href: str | None, colour: str | None = None) -> str:
    body = escape(text)
    attrs = f' name="{font}"' + (f' color="{colour}"' if colour else "")
    out = f"<font{attrs}>{body}</font>"
    if href:
        out = f'<a href="{escape(href)}" color="#0563C1"><u>{out}</u></a>'
    return out


def markup(segs: list[Seg], fonts: Fonts, lang: str, *, mixed: bool, bold: bool = False, italic: bool = False) -> str:
    """Paragraph markup for segments: per run, the font a word processor would pick."""
    parts: list[str] = []
    for seg in segs:
        b = bold or seg.bold
        i = italic or seg.italic
        latin = fonts.latin(b, i)
        cjk = fonts.cjk_for(b)
        # Split the run by the font each character is set in.
        runs: list[list[Any]] = []
        for ch in seg.text:
            if lang == "zh" and not mixed or is_cjk(ch) and lang == "zh":
                font = cjk
            elif ch.isspace() and runs:
                font = runs[-1][1]
            else:
                font = latin if _covers(latin, ch) else cjk
            if not ch.isspace() and not _covers(font, ch):
                font = _fallback(ch, b)
            if runs and runs[-1][1] == font:
                runs[-1][0] += ch
            else:
                runs.append([ch, font])
        for text, font in runs:
            parts.append(_run_markup(text, font, seg.href))
    return "".join(parts)


# --------------------------------------------------------------------------- canvas with headers


def canvas_class(row: dict[str, Any], fonts: Fonts, pagesize, title_colour: str):
    numbering = page_number_spec(row)
    header = row.get("running_header")

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _mixed(self, x: float, y: float, text: str, size: float, align: str = "left") -> None:
            runs = []
            for ch in text:
                font = fonts.cjk if is_cjk(ch) else fonts.latin()
                if runs and runs[-1][1] == font:
                    runs[-1][0] += ch
                else:
                    runs.append([ch, font])
            width = sum(pdfmetrics.stringWidth(t, f, size) for t, f in runs)
            if align == "center":
                x -= width / 2
            elif align == "right":
                x -= width
            for t, f in runs:
                self.setFont(f, size)
                self.drawString(x, y, t)
                x += pdfmetrics.stringWidth(t, f, size)

        def _decorate(self, total: int) -> None:
            w, h = pagesize
            self.saveState()
            self.setFillColor(colors.HexColor("#595959"))
            top = h - 1.2 * cm
            if header:
                self._mixed(2 * cm, top, header, 8)
                self.setStrokeColor(colors.HexColor(title_colour))
                self.setLineWidth(0.6)
                self.line(2 * cm, top - 4, w - 2 * cm, top - 4)
            if numbering:
                where, fmt = numbering
                text = fmt.format(n=self._pageNumber, N=total)
                if where == "top":
                    self._mixed(w - 2 * cm, top, text, 8, "right")
                else:
                    self._mixed(w / 2, 1.2 * cm, text, 8, "center")
            self.restoreState()

    return NumberedCanvas


# --------------------------------------------------------------------------- layout


def build(doc: Doc, row: dict[str, Any], out: Path) -> Path:
    fonts = Fonts(row)
    size = float(row["size"])
    lead = size * 1.55
    colour = row.get("title_colour") or "#000000"
    mixed = bool(row["mixed_runs"])
    align = TA_JUSTIFY if row["justify"] else TA_LEFT
    pagesize = A4 if row["page"] == "A4" else letter

    zh_body = ParagraphStyle("zh", fontName=fonts.cjk, fontSize=size, leading=lead, alignment=align, wordWrap="CJK",
                             spaceAfter=size * 0.6, firstLineIndent=2 * size if row["zh_indent"] else 0)
    en_body = ParagraphStyle("en", fontName=fonts.latin(), fontSize=size, leading=size * 1.4, alignment=align,
                             spaceAfter=size * 0.6)
    zh_title = ParagraphStyle("zht", parent=zh_body, fontSize=size + 1.5, leading=(size + 1.5) * 1.45, alignment=TA_LEFT,
                              firstLineIndent=0, spaceBefore=size * 0.8, spaceAfter=size * 0.4, textColor=colors.HexColor(colour))
    en_title = ParagraphStyle("ent", parent=en_body, fontSize=size + 1, leading=(size + 1) * 1.35, alignment=TA_LEFT,
                              spaceBefore=size * 0.5, spaceAfter=size * 0.4, textColor=colors.HexColor(colour))
    small = ParagraphStyle("small", parent=en_body, fontSize=size - 2, leading=(size - 2) * 1.4, alignment=TA_CENTER, spaceAfter=2)
    small_just = ParagraphStyle("smallj", parent=small, alignment=align, wordWrap=None)
    small_zh = ParagraphStyle("smallzh", parent=small_just, wordWrap="CJK")

    def para(text: str | list[Seg], style: ParagraphStyle, lang: str, **kw) -> Paragraph:
        segs = segments(text) if isinstance(text, str) else text
        return Paragraph(markup(segs, fonts, lang, mixed=mixed, **kw), style)

    def heading(zh: str | None, en: str | None, base: float) -> list:
        bz = row["heading_bold"] in ("zh", "both")
        be = row["heading_bold"] in ("en", "both")
        hcol = colors.HexColor(colour)
        if row["heading_layout"] == "one_line":
            st = ParagraphStyle("h", fontName=fonts.cjk, fontSize=base, leading=base * 1.4, textColor=hcol,
                                spaceBefore=base * 0.9, spaceAfter=base * 0.3, wordWrap="CJK")
            text = ""
            if zh:
                text += markup([Seg(zh)], fonts, "zh", mixed=mixed, bold=bz)
            if zh and en:
                text += markup([Seg(" ")], fonts, "en", mixed=mixed)
            if en:
                text += markup([Seg(en)], fonts, "en", mixed=mixed, bold=be)
            return [Paragraph(text, st), HRFlowable(width="100%", thickness=1.2, color=hcol, spaceBefore=1, spaceAfter=base * 0.5)]
        st_zh = ParagraphStyle("h2z", fontName=fonts.cjk, fontSize=base + 2, leading=(base + 2) * 1.35, textColor=hcol,
                               spaceBefore=base, spaceAfter=1, wordWrap="CJK")
        st_en = ParagraphStyle("h2e", fontName=fonts.latin(), fontSize=base - 3, leading=(base - 3) * 1.3, textColor=hcol,
                               spaceAfter=base * 0.5)
        out = []
        if zh:
            out.append(Paragraph(markup([Seg(zh)], fonts, "zh", mixed=mixed, bold=bz), st_zh))
        if en:
            out.append(Paragraph(markup([Seg(en)], fonts, "en", mixed=mixed, bold=be), st_en))
        out.append(HRFlowable(width="35%", thickness=2, color=hcol, hAlign="LEFT", spaceBefore=1, spaceAfter=base * 0.6))
        return out

    story: list = []
    # Masthead.
    mast = ParagraphStyle("mast", fontName=fonts.latin(True), fontSize=24, leading=28, textColor=colors.HexColor(colour))
    story.append(Paragraph(markup([Seg("NEWSLETTER")], fonts, "en", mixed=mixed, bold=True), mast))
    firm = ParagraphStyle("firm", fontName=fonts.latin(), fontSize=12, leading=16)
    story.append(Paragraph(markup([Seg("LIFANG & PARTNERS ")], fonts, "en", mixed=mixed)
                           + markup([Seg("立方观评")], fonts, "zh", mixed=mixed, bold=True), firm))
    story.append(Paragraph(markup([Seg("关注更多精彩内容")], fonts, "zh", mixed=mixed),
                           ParagraphStyle("follow", fontName=fonts.cjk, fontSize=8, leading=11, textColor=colors.HexColor("#808080"))))
    numst = ParagraphStyle("num", fontName=fonts.latin(True), fontSize=13, leading=17, alignment=TA_RIGHT)
    for line in doc.masthead_number_lines(row["masthead"]):
        story.append(para(line, numst, "zh" if any(is_cjk(c) for c in line) else "en", bold=True))
    story.append(Spacer(1, 10))
    tz = ParagraphStyle("tz", fontName=fonts.cjk, fontSize=19, leading=26, alignment=TA_CENTER, wordWrap="CJK")
    te = ParagraphStyle("te", fontName=fonts.latin(), fontSize=13, leading=18, alignment=TA_CENTER)
    if doc.title_zh:
        story.append(para(doc.title_zh, tz, "zh", bold=True))
    if doc.title_en:
        story.append(para(doc.title_en, te, "en"))
    issue = doc.issue_line(row["masthead"])
    if issue:
        story.append(para(issue, ParagraphStyle("iss", parent=te, fontSize=11), "en"))
    story.append(Spacer(1, 14))

    # Contents.
    c_zh = ParagraphStyle("cz", parent=zh_body, alignment=TA_LEFT, firstLineIndent=0, spaceAfter=1, fontSize=size - 0.5)
    c_en = ParagraphStyle("ce", parent=en_body, alignment=TA_LEFT, spaceAfter=size * 0.5, fontSize=size - 1,
                          leading=(size - 1) * 1.35, textColor=colors.HexColor("#404040"))
    if not doc.contents:
        pass  # a newsletter without a table of contents
    elif row["contents"] == "table":
        data, cmds = [], [("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#A6A6A6"))]
        hst = ParagraphStyle("ch", parent=c_zh, textColor=colors.white)
        for hz, he, titles in doc.contents:
            text = " ".join(x for x in (hz, he) if x)
            data.append([para(text, hst, "zh", bold=True), ""])
            r = len(data) - 1
            cmds += [("SPAN", (0, r), (1, r)), ("BACKGROUND", (0, r), (1, r), colors.HexColor(colour))]
            for z, e in titles:
                data.append([para(z or "", c_zh, "zh"), para(e or "", c_en, "en")])
        width = pagesize[0] - 4 * cm
        t = Table(data, colWidths=[width * 0.48, width * 0.52], repeatRows=0)
        t.setStyle(TableStyle(cmds))
        story.append(t)
    else:
        flow: list = []
        for hz, he, titles in doc.contents:
            flow += heading(hz, he, size + 2)
            for z, e in titles:
                if z:
                    flow.append(para(z, c_zh, "zh"))
                if e:
                    flow.append(para(e, c_en, "en"))
        if row["contents"] == "two_columns":
            story.append(BalancedColumns(flow, nCols=2, spaceBefore=4, spaceAfter=4, innerPadding=8))
        else:
            story += flow
    story.append(Spacer(1, 16))

    # Body.
    for section in doc.sections:
        story += heading(section.heading_zh, section.heading_en, size + 4)
        for item in section.items:
            story += item_flowables(doc, item, row, para, zh_title, en_title, zh_body, en_body)

    # Closing block.
    story.append(Spacer(1, 18))
    story.append(HRFlowable(width="100%", thickness=0.5, color=colors.HexColor("#A6A6A6"), spaceAfter=6))
    for kind, text in doc.footer_lines():
        if kind == "disclaimer_zh":
            story.append(para(text, small_zh, "zh"))
        elif kind == "disclaimer_en":
            story.append(para(text, small_just, "en"))
        else:
            story.append(para(text, small, "zh" if any(is_cjk(c) for c in text) else "en"))

    margin_top = 2.0 * cm if (row.get("running_header") or (page_number_spec(row) or ("", ""))[0] == "top") else 1.6 * cm
    template = SimpleDocTemplate(
        str(out), pagesize=pagesize, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=margin_top, bottomMargin=2 * cm,
        title=f"立方观评 No.{doc.number}", author="Lifang & Partners", subject=doc.title_en or "", creator="reportlab",
    )
    template.build(story, canvasmaker=canvas_class(row, fonts, pagesize, colour))
    return out


def item_flowables(doc: Doc, item: Item, row, para, zh_title, en_title, zh_body, en_body) -> list:
    out: list = []
    lead = bool(row["lead_in"])
    if item.title_zh:
        out.append(para(item.title_zh, zh_title, "zh", bold=True))
    for segs in item_paragraphs(doc, item, "zh", lead_in=lead):
        out.append(para(segs, zh_body, "zh"))
    if item.title_en:
        out.append(para(item.title_en, en_title, "en", bold=True, italic=bool(row["en_title_italic"])))
    for segs in item_paragraphs(doc, item, "en", lead_in=lead):
        out.append(para(segs, en_body, "en"))
    if len(out) >= 2:  # a title is not left alone at the foot of a page
        out = [KeepTogether(out[:2])] + out[2:]
    return out


def produce_batch(items: list[tuple[Doc, dict]], out_dir: Path, *, workers: int = 1) -> dict:
    from . import out_name

    results: dict = {}
    for doc, row in items:
        path = out_dir / f"{out_name(doc.stem, 'reportlab', row['id'])}.pdf"
        try:
            results[(doc.stem, "reportlab", row["id"])] = build(doc, row, path)
        except Exception as exc:  # reported per file, the others go on
            results[(doc.stem, "reportlab", row["id"])] = exc
    return results
