"""word-processor producer: the newsletter as a Word document (python-docx), converted to PDF by LibreOffice.

Word's house style: section headings in the Heading 1 style, item titles in
Heading 2, each a paragraph of several runs (the Chinese and the English half
in different runs, one bold); the masthead and the contents are tables; body
paragraphs justified, the Chinese ones with a two-character first-line indent;
the page header carries the publication's name with a rule under it and the
footer "第 X 页" with a PAGE field. Runs carry both an ASCII and an East Asian
font (w:rFonts), as Word writes them. A style row with ``cjk_spacing`` has the
spaces people type between Chinese and Latin text ("2022 年 7 月 5 日").

All .docx files of a batch are converted by ONE ``soffice --headless
--convert-to pdf`` call with a private profile (-env:UserInstallation).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT  # noqa: F401  (kept for readers adding landscape rows)
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Mm, Pt, RGBColor

from . import (
    Doc,
    Seg,
    cjk_spacing,
    find_soffice,
    item_paragraphs,
    out_name,
    run,
    segments,
)

EAST_ASIA = {"wqy-microhei": "WenQuanYi Micro Hei", "wqy-zenhei": "WenQuanYi Zen Hei", "uming": "AR PL UMing CN",
             "STSong-Light": "SimSun"}
ASCII = {"Helvetica": "Arial", "Times": "Times New Roman", "LiberationSerif": "Liberation Serif",
         "LiberationSans": "Liberation Sans", "DejaVuSans": "DejaVu Sans", "DejaVuSerif": "DejaVu Serif"}


def _rgb(hex_colour: str | None) -> RGBColor | None:
    if not hex_colour:
        return None
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _fonts(rpr_owner, ascii_name: str, east: str) -> None:
    """Set w:rFonts ascii/hAnsi/eastAsia on a run or a style."""
    rpr = rpr_owner.get_or_add_rPr() if hasattr(rpr_owner, "get_or_add_rPr") else rpr_owner
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), ascii_name)
    rfonts.set(qn("w:eastAsia"), east)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]


class Writer:
    def __init__(self, doc: Doc, row: dict[str, Any]):
        self.doc = doc
        self.row = row
        self.d = Document()
        self.ascii = ASCII[row["latin"]]
        self.east = EAST_ASIA[row["cjk"]]
        self.colour = row.get("title_colour") or "#1F3864"
        self.size = float(row["size"])
        self._setup()

    def zh(self, text: str) -> str:
        return cjk_spacing(text) if self.row["cjk_spacing"] else text

    # -- styles and page ----------------------------------------------------------
    def _setup(self) -> None:
        d, row = self.d, self.row
        styles = d.styles
        normal = styles["Normal"]
        normal.font.size = Pt(self.size)
        _fonts(normal.element.get_or_add_rPr(), self.ascii, self.east)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.25
        for name, size in (("Heading 1", self.size + 5), ("Heading 2", self.size + 1.5)):
            st = styles[name]
            st.font.size = Pt(size)
            st.font.bold = False  # the runs say which half is bold
            st.font.color.rgb = _rgb(self.colour)
            _fonts(st.element.get_or_add_rPr(), self.ascii, self.east)
            st.paragraph_format.space_before = Pt(14 if name == "Heading 1" else 10)
            st.paragraph_format.space_after = Pt(6)
            st.paragraph_format.keep_with_next = True
        sec = d.sections[0]
        if row["page"] == "Letter":
            sec.page_width, sec.page_height = Inches(8.5), Inches(11)
            sec.left_margin = sec.right_margin = Inches(1.0)
            sec.top_margin = sec.bottom_margin = Inches(1.0)
        else:
            sec.page_width, sec.page_height = Mm(210), Mm(297)
            sec.left_margin = sec.right_margin = Cm(3.17)
            sec.top_margin = sec.bottom_margin = Cm(2.54)
        sec.header_distance = sec.footer_distance = Cm(1.5)
        if row.get("running_header"):
            hp = sec.header.paragraphs[0]
            self.add_text(hp, row["running_header"], size=8, colour="#595959")
            self._bottom_border(hp)
        if row.get("page_number"):
            where, fmt = row["page_number"].split(":", 1)
            part = sec.footer if where == "bottom" else sec.header
            fp = part.paragraphs[0] if where == "bottom" else part.add_paragraph()
            fp.alignment = WD_ALIGN_PARAGRAPH.CENTER if where == "bottom" else WD_ALIGN_PARAGRAPH.RIGHT
            self._page_number(fp, fmt)

    def _bottom_border(self, p) -> None:
        ppr = p._p.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", self.colour.lstrip("#"))):
            bottom.set(qn(k), v)
        bdr.append(bottom)
        ppr.append(bdr)

    def _field(self, p, instr: str, placeholder: str) -> None:
        def fld(kind: str):
            r = p.add_run()
            r.font.size = Pt(8)
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            r._r.append(el)

        fld("begin")
        r = p.add_run()
        r.font.size = Pt(8)
        instr_el = OxmlElement("w:instrText")
        instr_el.set(qn("xml:space"), "preserve")
        instr_el.text = f" {instr} "
        r._r.append(instr_el)
        fld("separate")
        r = p.add_run(placeholder)
        r.font.size = Pt(8)
        fld("end")

    def _page_number(self, p, fmt: str) -> None:
        import re

        for part in re.split(r"(\{n\}|\{N\})", fmt):
            if part == "{n}":
                self._field(p, "PAGE", "1")
            elif part == "{N}":
                self._field(p, "NUMPAGES", "1")
            elif part:
                r = p.add_run(part)
                r.font.size = Pt(8)

    # -- runs -------------------------------------------------------------------------
    def add_text(self, p, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None,
                 colour: str | None = None, href: str | None = None):
        if href:
            return self._hyperlink(p, text, href, size)
        r = p.add_run(text)
        r.bold = bold or None
        r.italic = italic or None
        if size:
            r.font.size = Pt(size)
        if colour:
            r.font.color.rgb = _rgb(colour)
        return r

    def _hyperlink(self, p, text: str, href: str, size: float | None):
        rid = p.part.relate_to(href, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rid)
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), "0563C1")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        rpr.append(colour)
        rpr.append(underline)
        if size:
            sz = OxmlElement("w:sz")
            sz.set(qn("w:val"), str(int(size * 2)))
            rpr.append(sz)
        r.append(rpr)
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
        link.append(r)
        p._p.append(link)
        return link

    def add_segs(self, p, segs: list[Seg], lang: str, **kw) -> None:
        for s in segs:
            text = self.zh(s.text) if lang == "zh" else s.text
            self.add_text(p, text, bold=kw.get("bold", False) or s.bold, italic=kw.get("italic", False) or s.italic,
                          size=kw.get("size"), colour=kw.get("colour"), href=s.href)

    def body_para(self, segs: list[Seg], lang: str):
        p = self.d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if self.row["justify"] else WD_ALIGN_PARAGRAPH.LEFT
        if lang == "zh" and self.row["zh_indent"]:
            p.paragraph_format.first_line_indent = Pt(2 * self.size)
            ind = p._p.get_or_add_pPr().find(qn("w:ind"))
            if ind is not None:
                ind.set(qn("w:firstLineChars"), "200")
        self.add_segs(p, segs, lang)
        return p

    # -- blocks -------------------------------------------------------------------------
    def heading(self, zh: str | None, en: str | None, style: str = "Heading 1", cell=None) -> None:
        bz = self.row["heading_bold"] in ("zh", "both")
        be = self.row["heading_bold"] in ("en", "both")
        p = cell.paragraphs[0] if cell is not None else self.d.add_paragraph(style=style)
        if zh:
            self.add_text(p, self.zh(zh), bold=bz)
        if zh and en:
            if self.row["heading_layout"] == "two_lines":
                p.add_run().add_break(WD_BREAK.LINE)
            else:
                self.add_text(p, " ")
        if en:
            small = self.size + 1 if (self.row["heading_layout"] == "two_lines" and cell is None) else None
            self.add_text(p, en, bold=be, size=small)

    def masthead(self) -> None:
        doc, row = self.doc, self.row
        t = self.d.add_table(rows=1, cols=2)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = t.rows[0].cells
        p = left.paragraphs[0]
        self.add_text(p, "NEWSLETTER", bold=True, size=24, colour=self.colour)
        p = left.add_paragraph()
        self.add_text(p, "LIFANG & PARTNERS ", size=12)
        self.add_text(p, "立方观评", size=12, bold=True)
        p = left.add_paragraph()
        self.add_text(p, "关注更多精彩内容", size=8, colour="#808080")
        first = True
        for line in doc.masthead_number_lines(row["masthead"]):
            p = right.paragraphs[0] if first else right.add_paragraph()
            first = False
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            self.add_text(p, self.zh(line), bold=True, size=13)
        for text, size, bold in ((doc.title_zh, 19, True), (doc.title_en, 13, False), (doc.issue_line(row["masthead"]), 11, False)):
            if text:
                p = self.d.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                self.add_text(p, self.zh(text), bold=bold, size=size)

    def contents(self) -> None:
        if not self.doc.contents:
            return  # a newsletter without a table of contents
        t = self.d.add_table(rows=0, cols=2)
        t.style = self.d.styles["Table Grid"]
        for hz, he, titles in self.doc.contents:
            cells = t.add_row().cells
            merged = cells[0].merge(cells[1])
            self._shade(merged, self.colour)
            self.heading(hz, he, cell=merged)
            for r in merged.paragraphs[0].runs:
                r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            for z, e in titles:
                c0, c1 = t.add_row().cells
                if z:
                    self.add_text(c0.paragraphs[0], self.zh(z), size=self.size - 0.5)
                if e:
                    self.add_text(c1.paragraphs[0], e, size=self.size - 1)
        self.d.add_paragraph()

    def _shade(self, cell, colour: str) -> None:
        tcpr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), colour.lstrip("#"))
        tcpr.append(shd)

    def body(self) -> None:
        doc, row = self.doc, self.row
        lead = bool(row["lead_in"])
        for section in doc.sections:
            self.heading(section.heading_zh, section.heading_en)
            for item in section.items:
                if item.title_zh:
                    p = self.d.add_paragraph(style="Heading 2")
                    self.add_segs(p, segments(item.title_zh), "zh", bold=True)
                for segs in item_paragraphs(doc, item, "zh", lead_in=lead):
                    self.body_para(segs, "zh")
                if item.title_en:
                    p = self.d.add_paragraph(style="Heading 2")
                    self.add_segs(p, segments(item.title_en), "en", bold=True, italic=bool(row["en_title_italic"]))
                for segs in item_paragraphs(doc, item, "en", lead_in=lead):
                    self.body_para(segs, "en")

    def closing(self) -> None:
        p = self.d.add_paragraph()
        self._bottom_border(p)
        for kind, text in self.doc.footer_lines():
            p = self.d.add_paragraph()
            if kind.startswith("disclaimer"):
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                self.add_segs(p, segments(text), "zh" if kind.endswith("zh") else "en", size=self.size - 2, colour="#595959")
            else:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_after = Pt(0)
                self.add_text(p, text, size=self.size - 2, colour="#595959")

    def save(self, path: Path) -> Path:
        self.masthead()
        self.contents()
        self.body()
        self.closing()
        core = self.d.core_properties
        core.title = f"立方观评 No.{self.doc.number}"
        core.author = "Lifang & Partners"
        self.d.save(str(path))
        return path


CONVERT_SECONDS_BASE = 120
CONVERT_SECONDS_PER_FILE = 10


def produce_batch(items: list[tuple[Doc, dict]], out_dir: Path, *, workers: int = 1) -> dict:
    results: dict = {}
    docx_dir = out_dir / "docx"
    docx_dir.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[tuple[str, str, str], Path]] = []
    for doc, row in items:
        key = (doc.stem, "word", row["id"])
        path = docx_dir / f"{out_name(doc.stem, 'word', row['id'])}.docx"
        try:
            Writer(doc, row).save(path)
            todo.append((key, path))
        except Exception as exc:
            results[key] = exc
    if not todo:
        return results
    soffice = find_soffice()
    profile = Path(tempfile.mkdtemp(prefix="lifang-soffice-"))
    try:
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(out_dir), *(str(p) for _, p in todo)]
        timeout = CONVERT_SECONDS_BASE + CONVERT_SECONDS_PER_FILE * len(todo)
        try:
            result = run(command, timeout, env={"HOME": str(profile), "PATH": "/usr/bin:/bin"})
            why = f"exit {result.returncode}: {(result.stderr or result.stdout)[-600:]}"
        except Exception as exc:
            why = f"LibreOffice did not finish: {exc}"
        for key, path in todo:
            pdf = out_dir / f"{path.stem}.pdf"
            results[key] = pdf if pdf.exists() and pdf.stat().st_size else RuntimeError(f"LibreOffice made no PDF of {path.name} ({why})")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return results
