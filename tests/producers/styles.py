"""The style matrix of the PDF producers, as data: one dict per variation, adding one = adding a line.

Keys (a producer ignores what it cannot express):

``id``              the row's name (test ids, file names, the xfail list)
``page``            "A4" | "Letter" | "mobile" (browser: a phone-width page)
``cjk``             CJK font: "wqy-microhei", "wqy-zenhei", "uming" (TrueType, embedded) or
                    "STSong-Light" (reportlab's CID font: NOT embedded)
``cjk_bold``        the face bold CJK is set in ("wqy-zenhei" where there is no bold face); None = no bold face
``latin``           Latin font: "Helvetica", "Times" (PDF base fonts, not embedded), "LiberationSerif",
                    "LiberationSans", "DejaVuSans", "DejaVuSerif" (embedded): English paragraphs and titles
``mixed_runs``      Latin letters and digits inside Chinese text set in the Latin font (Word and browsers do);
                    False = Chinese paragraphs wholly in the CJK font, its own Latin glyphs included
``zh_indent``       Chinese paragraphs' first line indented by two characters
``heading_bold``    which half of a section heading is bold: "zh", "en", "both", "none"
``heading_layout``  "one_line" ("国内要闻 Domestic News") | "two_lines" (zh big, en smaller below)
``masthead``        number and period: "lines" (No.214 / 2021.03), "one_line" (No.214 2021.03),
                    "pipe" (2021.03 | No.214), "caps" (NO. 214 / 2021.03), "cn_date" (No.214 / 2021年3月)
``contents``        "one_column" | "two_columns" | "table"
``title_colour``    item titles' colour (hex) or None
``en_title_italic`` English item titles in italics
``running_header``  text of a header on every page (a logo text), or None
``page_number``     None or "POSITION:FORMAT", POSITION top|bottom, FORMAT with {n} (page) and {N} (pages)
``lead_in``         the date a paragraph opens with set in bold
``cjk_spacing``     spaces between Han and Latin letters/digits ("2022 年 7 月 5 日"), word processors' habit
``justify``         justified paragraphs
``size``            body font size (pt)
``print_furniture`` (browser) what Chrome's print dialog adds to each page: date, title, address, "1/5"
"""

from __future__ import annotations

from typing import Any

LOGO = "LIFANG & PARTNERS 立方律师事务所"

_BASE: dict[str, Any] = {
    "page": "A4", "cjk": "wqy-microhei", "cjk_bold": "wqy-zenhei", "latin": "Helvetica", "mixed_runs": True,
    "heading_bold": "zh", "heading_layout": "one_line", "masthead": "lines", "contents": "one_column",
    "title_colour": None, "en_title_italic": False, "running_header": None, "page_number": None,
    "lead_in": False, "cjk_spacing": False, "justify": True, "size": 10.5, "zh_indent": False, "print_furniture": False,
}

_ROWS: dict[str, list[dict[str, Any]]] = {
    "reportlab": [
        {"id": "rl-stsong-times", "cjk": "STSong-Light", "cjk_bold": None, "latin": "Times", "heading_bold": "zh", "masthead": "lines", "contents": "one_column", "title_colour": "#1F4E79", "page_number": "bottom:第 {n} 页"},
        {"id": "rl-microhei-letter-2line", "page": "Letter", "cjk": "wqy-microhei", "latin": "Helvetica", "heading_bold": "both", "heading_layout": "two_lines", "masthead": "one_line", "contents": "two_columns", "title_colour": "#C00000", "en_title_italic": True, "running_header": LOGO + " | 立方观评", "page_number": "top:{n} / {N}", "lead_in": True},
        {"id": "rl-uming-serif-enbold", "cjk": "uming", "cjk_bold": None, "latin": "LiberationSerif", "heading_bold": "en", "masthead": "pipe", "contents": "table", "en_title_italic": True, "running_header": LOGO, "page_number": "bottom:- {n} -"},
        {"id": "rl-zenhei-dejavu-plain", "cjk": "wqy-zenhei", "cjk_bold": None, "latin": "DejaVuSans", "heading_bold": "none", "masthead": "caps", "contents": "one_column", "title_colour": "#2E75B6", "page_number": "bottom:{n} / {N}", "size": 10},
        {"id": "rl-stsong-cndate-table", "page": "Letter", "zh_indent": True, "cjk": "STSong-Light", "cjk_bold": "wqy-zenhei", "latin": "Helvetica", "heading_bold": "zh", "heading_layout": "two_lines", "masthead": "cn_date", "contents": "table", "running_header": "立方观评 | 网络安全与数据合规周报", "page_number": "top:第 {n} 页", "lead_in": True},
        {"id": "rl-microhei-onefont", "cjk": "wqy-microhei", "latin": "Helvetica", "zh_indent": True, "mixed_runs": False, "heading_bold": "both", "masthead": "lines", "contents": "two_columns", "title_colour": "#7030A0", "page_number": "bottom:第 {n} 页", "lead_in": True, "size": 11},
        {"id": "rl-uming-letter-ragged", "page": "Letter", "cjk": "uming", "cjk_bold": "wqy-zenhei", "latin": "Times", "heading_bold": "en", "heading_layout": "two_lines", "masthead": "one_line", "contents": "one_column", "en_title_italic": True, "page_number": "top:- {n} -", "justify": False},
        {"id": "rl-microhei-liberation-sans", "cjk": "wqy-microhei", "latin": "LiberationSans", "heading_bold": "zh", "masthead": "pipe", "contents": "two_columns", "title_colour": "#1F4E79", "en_title_italic": True, "running_header": LOGO, "page_number": "bottom:{n} / {N}", "lead_in": True, "size": 9.5},
    ],
    "fpdf2": [
        {"id": "fp-microhei-sans", "cjk": "wqy-microhei", "latin": "LiberationSans", "heading_bold": "zh", "masthead": "lines", "contents": "one_column", "title_colour": "#1F4E79", "page_number": "bottom:第 {n} 页"},
        {"id": "fp-zenhei-letter-2line", "page": "Letter", "cjk": "wqy-zenhei", "cjk_bold": None, "latin": "DejaVuSans", "heading_bold": "both", "heading_layout": "two_lines", "masthead": "one_line", "contents": "two_columns", "title_colour": "#C00000", "en_title_italic": True, "running_header": LOGO, "page_number": "top:{n} / {N}", "lead_in": True},
        {"id": "fp-uming-serif-table", "cjk": "uming", "latin": "LiberationSerif", "heading_bold": "en", "masthead": "pipe", "contents": "table", "en_title_italic": True, "running_header": "立方观评 | 网络安全与数据合规周报", "page_number": "bottom:- {n} -"},
        {"id": "fp-microhei-core-helvetica", "cjk": "wqy-microhei", "latin": "Helvetica", "heading_bold": "none", "masthead": "caps", "contents": "one_column", "page_number": "bottom:{n} / {N}", "lead_in": True},
        {"id": "fp-zenhei-cndate", "zh_indent": True, "cjk": "wqy-zenhei", "cjk_bold": None, "latin": "LiberationSerif", "heading_bold": "zh", "heading_layout": "two_lines", "masthead": "cn_date", "contents": "table", "title_colour": "#2E75B6", "running_header": LOGO + " | 立方观评", "page_number": "top:第 {n} 页"},
        {"id": "fp-microhei-onefont", "page": "Letter", "cjk": "wqy-microhei", "latin": "LiberationSans", "zh_indent": True, "mixed_runs": False, "heading_bold": "both", "masthead": "lines", "contents": "two_columns", "title_colour": "#7030A0", "page_number": "bottom:- {n} -", "size": 11},
        {"id": "fp-uming-ragged-enbold", "page": "Letter", "cjk": "uming", "latin": "DejaVuSerif", "heading_bold": "en", "masthead": "one_line", "contents": "one_column", "en_title_italic": True, "page_number": "top:{n} / {N}", "lead_in": True, "justify": False, "size": 10},
    ],
    "browser": [
        {"id": "wechat-a4-bar", "page": "A4", "heading_bold": "zh", "heading_layout": "one_line", "masthead": "one_line", "contents": "table", "title_colour": "#1F4E79", "en_title_italic": True, "size": 11},
        {"id": "wechat-mobile-2line", "page": "mobile", "heading_bold": "both", "heading_layout": "two_lines", "masthead": "one_line", "contents": "one_column", "title_colour": "#B8860B", "en_title_italic": True, "page_number": "bottom:{n}/{N}", "print_furniture": True, "lead_in": True, "zh_indent": True, "size": 10},
    ],
    "word": [
        {"id": "word-a4-spaced", "zh_indent": True, "page": "A4", "cjk": "wqy-microhei", "latin": "LiberationSerif", "heading_bold": "zh", "heading_layout": "one_line", "masthead": "lines", "contents": "table", "title_colour": "#1F4E79", "running_header": "立方观评 | 网络安全与数据合规周报", "page_number": "bottom:第 {n} 页", "cjk_spacing": True, "size": 10.5},
        {"id": "word-letter-2line", "zh_indent": True, "page": "Letter", "cjk": "uming", "latin": "LiberationSans", "heading_bold": "en", "heading_layout": "two_lines", "masthead": "pipe", "contents": "table", "en_title_italic": True, "running_header": LOGO, "page_number": "bottom:第 {n} 页", "lead_in": True, "size": 10.5},
    ],
}

STYLES: dict[str, list[dict[str, Any]]] = {p: [{**_BASE, **row} for row in rows] for p, rows in _ROWS.items()}


def style_row(producer: str, style_id: str) -> dict[str, Any]:
    for row in STYLES[producer]:
        if row["id"] == style_id:
            return row
    raise KeyError(f"{producer} has no style row {style_id!r}")


def page_number_spec(row: dict[str, Any]) -> tuple[str, str] | None:
    spec = row.get("page_number")
    if not spec:
        return None
    where, fmt = spec.split(":", 1)
    return where, fmt
