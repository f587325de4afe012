"""fpdf2 producer: the newsletter set with fpdf2's text regions, as a Python web back-end would print it.

TrueType fonts throughout (fpdf2 embeds and subsets them), or the base font
Helvetica (not embedded) for English; a glyph the chosen font lacks falls back
to the CJK font, as fpdf2's ``set_fallback_fonts`` does. Chinese paragraphs
wrap at any character (``WrapMode.CHAR``), English ones at spaces. Headers and
footers come from ``FPDF.header`` / ``FPDF.footer``; "3 / 5" uses fpdf2's
``{nb}`` alias for the page count.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from . import FONT_FILES, Doc, Seg, is_cjk, item_paragraphs, latin_file, segments
from .styles import page_number_spec

CORE = {"Helvetica": "helvetica", "Times": "times"}
FALLBACK_CJK = ("wqy-microhei", "wqy-zenhei", "uming")

# fontTools' subsetter reports the bitmap tables it drops from WenQuanYi fonts; that is not news.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


@cache
def _cmap(path: str, index: int = 0) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    font = TTCollection(path).fonts[index] if path.endswith(".ttc") else TTFont(path)
    return frozenset(font.getBestCmap())


def _rgb(hex_colour: str | None) -> tuple[int, int, int]:
    h = (hex_colour or "#000000").lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


class Newsletter(FPDF):
    def __init__(self, row: dict[str, Any]):
        super().__init__(orientation="P", unit="pt", format="A4" if row["page"] == "A4" else "letter")
        self.row = row
        self.set_margins(56, 60 if (row.get("running_header") or (page_number_spec(row) or ("",))[0] == "top") else 48, 56)
        self.set_auto_page_break(True, margin=56)
        self.set_creator("fpdf2")
        self.set_author("Lifang & Partners")
        self._register_fonts()
        self.alias_nb_pages("{nb}")

    # -- fonts ------------------------------------------------------------------------
    def _register_fonts(self) -> None:
        row = self.row
        cjk = FONT_FILES[row["cjk"]]
        self.add_font("cjk", "", str(cjk), collection_font_number=0)
        bold = FONT_FILES[row["cjk_bold"]] if row.get("cjk_bold") else cjk
        self.add_font("cjk", "B", str(bold), collection_font_number=0)
        # No CJK font has an italic face: as fpdf2 users do, the upright faces stand in for it.
        self.add_font("cjk", "I", str(cjk), collection_font_number=0)
        self.add_font("cjk", "BI", str(bold), collection_font_number=0)
        self.cjk_cmaps = {"": _cmap(str(cjk)), "B": _cmap(str(bold))}
        fam = row["latin"]
        self.latin_cmaps: dict[str, frozenset[int] | None] = {}
        if fam in CORE:
            self.latin_family = CORE[fam]
            for face in ("", "B", "I", "BI"):
                self.latin_cmaps[face] = None  # cp1252
        else:
            self.latin_family = fam.lower()
            for face in ("", "B", "I", "BI"):
                path = latin_file(fam, face)
                self.add_font(self.latin_family, face, str(path))
                self.latin_cmaps[face] = _cmap(str(path))

    def latin_covers(self, face: str, ch: str) -> bool:
        cmap = self.latin_cmaps[face]
        if cmap is None:  # fpdf2's base fonts: Latin-1
            try:
                ch.encode("latin-1")
                return True
            except UnicodeEncodeError:
                return False
        return ord(ch) in cmap

    def covers(self, fam: str, st: str, ch: str) -> bool:
        if fam == "cjk":
            return ord(ch) in self.cjk_cmaps["B" if "B" in st else ""]
        if fam == self.latin_family:
            return self.latin_covers(st, ch)
        return True  # a fallback font, chosen because it has the glyph

    def fallback(self, ch: str) -> str:
        """A font that has ``ch``: the other CJK fonts, then DejaVu Sans (registered when first needed)."""
        for key, path in (*((k, str(FONT_FILES[k])) for k in FALLBACK_CJK), ("dejavu", str(latin_file("DejaVuSans")))):
            if ord(ch) in _cmap(path):
                family = f"fb-{key}"
                if family not in self.fonts:
                    self.add_font(family, "", path, collection_font_number=0) if path.endswith(".ttc") else self.add_font(family, "", path)
                return family
        return "cjk"

    def runs(self, text: str, lang: str, bold: bool, italic: bool) -> list[tuple[str, str, str]]:
        """(text, family, style) runs: the font each character is set in."""
        face = ("B" if bold else "") + ("I" if italic else "")
        mixed = bool(self.row["mixed_runs"])
        out: list[list[str]] = []
        for ch in text:
            if lang == "zh" and (not mixed or is_cjk(ch)):
                fam, st = "cjk", "B" if bold else ""
            elif ch.isspace() and out:
                fam, st = out[-1][1], out[-1][2]
            elif self.latin_covers(face, ch):
                fam, st = self.latin_family, face
            else:
                fam, st = "cjk", "B" if bold else ""
            if not ch.isspace() and not self.covers(fam, st, ch):
                fam, st = self.fallback(ch), ""
            if out and out[-1][1] == fam and out[-1][2] == st:
                out[-1][0] += ch
            else:
                out.append([ch, fam, st])
        return [tuple(r) for r in out]  # type: ignore[misc]

    def write_segs(self, par, segs: list[Seg], lang: str, size: float, colour: str | None = None,
                   bold: bool = False, italic: bool = False) -> None:
        for seg in segs:
            for text, fam, st in self.runs(seg.text, lang, bold or seg.bold, italic or seg.italic):
                self.set_font(fam, st, size)
                if seg.href:
                    self.set_text_color(5, 99, 193)
                    self.set_font(fam, st + "U", size)
                    par.write(text, link=seg.href)
                else:
                    self.set_text_color(*_rgb(colour))
                    par.write(text)
        self.set_text_color(0, 0, 0)

    def cell_mixed(self, text: str, size: float, align: str, bold: bool = False, y: float | None = None) -> None:
        """One line of running text (header, footer) in the fonts its characters need."""
        runs = self.runs(text, "zh" if any(is_cjk(c) for c in text) else "en", bold, False)
        width = 0.0
        for t, fam, st in runs:
            self.set_font(fam, st, size)
            width += self.get_string_width(t)
        left = self.l_margin
        right = self.w - self.r_margin
        x = {"L": left, "C": (self.w - width) / 2, "R": right - width}[align]
        if "{nb}" in text:  # the alias is replaced at output time; reserve room for a few digits
            x = {"L": left, "C": (self.w - width) / 2 + 6, "R": right - width + 8}[align]
        base = y if y is not None else self.get_y()
        for t, fam, st in runs:
            self.set_font(fam, st, size)
            w = self.get_string_width(t)
            self.set_xy(x, base - size * 0.8)
            self.cell(w + (12 if "{nb}" in t else 0), size, t, new_x=XPos.RIGHT, new_y=YPos.TOP)
            x += w

    # -- page furniture ---------------------------------------------------------------------
    def header(self) -> None:
        row = self.row
        self.set_text_color(89, 89, 89)
        top = 34
        if row.get("running_header"):
            self.cell_mixed(row["running_header"], 8, "L", y=top)
            self.set_draw_color(*_rgb(row.get("title_colour") or "#808080"))
            self.set_line_width(0.6)
            self.line(self.l_margin, top + 5, self.w - self.r_margin, top + 5)
        spec = page_number_spec(row)
        if spec and spec[0] == "top":
            self.cell_mixed(spec[1].format(n=self.page_no(), N="{nb}"), 8, "R", y=top)
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, self.t_margin)  # the page's text starts below the header

    def footer(self) -> None:
        spec = page_number_spec(self.row)
        if spec and spec[0] == "bottom":
            self.set_text_color(89, 89, 89)
            self.cell_mixed(spec[1].format(n=self.page_no(), N="{nb}"), 8, "C", y=self.h - 30)
            self.set_text_color(0, 0, 0)


def build(doc: Doc, row: dict[str, Any], out: Path) -> Path:
    pdf = Newsletter(row)
    pdf.set_title(f"立方观评 No.{doc.number}")
    pdf.add_page()
    size = float(row["size"])
    colour = row.get("title_colour")
    align = Align.J if row["justify"] else Align.L
    bz = row["heading_bold"] in ("zh", "both")
    be = row["heading_bold"] in ("en", "both")

    def para(cols, segs, lang, sz, *, colour=None, bold=False, italic=False, text_align=None, top=0.0, bottom=None,
             indent=0.0, line_height=None):
        wrap = WrapMode.CHAR if lang == "zh" else WrapMode.WORD
        with cols.paragraph(text_align=text_align or align, wrapmode=wrap, top_margin=top,
                            bottom_margin=sz * 0.6 if bottom is None else bottom,
                            first_line_indent=indent, line_height=line_height) as par:
            pdf.write_segs(par, segs, lang, sz, colour, bold, italic)

    def heading(cols, zh, en, base):
        if row["heading_layout"] == "one_line":
            segs_z = [Seg(zh)] if zh else []
            with cols.paragraph(text_align=Align.L, wrapmode=WrapMode.CHAR, top_margin=base * 0.9, bottom_margin=base * 0.5) as par:
                if zh:
                    pdf.write_segs(par, segs_z, "zh", base, colour, bold=bz)
                if zh and en:
                    pdf.write_segs(par, [Seg(" ")], "en", base, colour)
                if en:
                    pdf.write_segs(par, [Seg(en)], "en", base, colour, bold=be)
        else:
            if zh:
                para(cols, [Seg(zh)], "zh", base + 2, colour=colour, bold=bz, text_align=Align.L, top=base, bottom=1)
            if en:
                para(cols, [Seg(en)], "en", base - 3, colour=colour, bold=be, text_align=Align.L, bottom=base * 0.6)

    # Masthead.
    with pdf.text_columns(text_align=Align.L, line_height=1.25) as cols:
        para(cols, [Seg("NEWSLETTER")], "en", 24, colour=colour, bold=True, bottom=2)
        with cols.paragraph(text_align=Align.L) as par:
            pdf.write_segs(par, [Seg("LIFANG & PARTNERS ")], "en", 12)
            pdf.write_segs(par, [Seg("立方观评")], "zh", 12, bold=True)
        para(cols, [Seg("关注更多精彩内容")], "zh", 8, colour="#808080", bottom=4)
        for line in doc.masthead_number_lines(row["masthead"]):
            para(cols, [Seg(line)], "zh" if any(is_cjk(c) for c in line) else "en", 13, bold=True, text_align=Align.R, bottom=1)
        if doc.title_zh:
            para(cols, [Seg(doc.title_zh)], "zh", 19, bold=True, text_align=Align.C, top=10, bottom=4)
        if doc.title_en:
            para(cols, [Seg(doc.title_en)], "en", 13, text_align=Align.C, bottom=2)
        issue = doc.issue_line(row["masthead"])
        if issue:
            para(cols, [Seg(issue)], "en", 11, text_align=Align.C, bottom=14)

    # Contents.
    if not doc.contents:
        pass  # a newsletter without a table of contents
    elif row["contents"] == "table":
        pdf.set_font("cjk", "", size - 0.5)
        pdf.set_fallback_fonts(["cjk"], exact_match=False)
        with pdf.table(col_widths=(48, 52), text_align=("LEFT", "LEFT"), first_row_as_headings=False,
                       line_height=(size - 0.5) * 1.45, borders_layout="ALL", padding=3,
                       wrapmode=WrapMode.CHAR) as table:
            for hz, he, titles in doc.contents:
                r = table.row()
                r.cell(" ".join(x for x in (hz, he) if x), colspan=2,
                       style=FontFace(family="cjk", emphasis="B" if bz else "", color=(255, 255, 255), fill_color=_rgb(colour or "#404040")))
                for z, e in titles:
                    r = table.row()
                    r.cell(z or "", style=FontFace(family="cjk", emphasis="", size_pt=size - 0.5))
                    r.cell(e or "", style=FontFace(family=pdf.latin_family, emphasis="", size_pt=size - 1))
        pdf.set_fallback_fonts([])
        pdf.ln(14)
    else:
        ncols = 2 if row["contents"] == "two_columns" else 1
        with pdf.text_columns(ncols=ncols, balance=ncols == 2, gutter=18, text_align=Align.L, line_height=1.3) as cols:
            for hz, he, titles in doc.contents:
                heading(cols, hz, he, size + 2)
                for z, e in titles:
                    if z:
                        para(cols, [Seg(z)], "zh", size - 0.5, text_align=Align.L, bottom=1)
                    if e:
                        para(cols, [Seg(e)], "en", size - 1, colour="#404040", text_align=Align.L, bottom=size * 0.5)
        pdf.ln(14)

    # Body and closing block.
    lead = bool(row["lead_in"])
    with pdf.text_columns(text_align=align, line_height=1.45) as cols:
        for section in doc.sections:
            heading(cols, section.heading_zh, section.heading_en, size + 4)
            for item in section.items:
                if item.title_zh:
                    para(cols, segments(item.title_zh), "zh", size + 1.5, colour=colour, bold=True, text_align=Align.L, top=size * 0.8, bottom=size * 0.4)
                for segs in item_paragraphs(doc, item, "zh", lead_in=lead):
                    para(cols, segs, "zh", size, indent=2 * size if row["zh_indent"] else 0)
                if item.title_en:
                    para(cols, segments(item.title_en), "en", size + 1, colour=colour, bold=True, italic=bool(row["en_title_italic"]),
                         text_align=Align.L, top=size * 0.5, bottom=size * 0.4)
                for segs in item_paragraphs(doc, item, "en", lead_in=lead):
                    para(cols, segs, "en", size, line_height=1.35)
        for kind, text in doc.footer_lines():
            lang = "zh" if any(is_cjk(c) for c in text) else "en"
            if kind.startswith("disclaimer"):
                para(cols, segments(text), lang, size - 2, colour="#404040", top=6 if kind.endswith("zh") else 0)
            else:
                para(cols, [Seg(text)], lang, size - 2, colour="#404040", text_align=Align.C, bottom=2)
    pdf.output(str(out))
    return out


def produce_batch(items: list[tuple[Doc, dict]], out_dir: Path, *, workers: int = 1) -> dict:
    from . import out_name

    results: dict = {}
    for doc, row in items:
        path = out_dir / f"{out_name(doc.stem, 'fpdf2', row['id'])}.pdf"
        try:
            results[(doc.stem, "fpdf2", row["id"])] = build(doc, row, path)
        except Exception as exc:
            results[(doc.stem, "fpdf2", row["id"])] = exc
    return results
