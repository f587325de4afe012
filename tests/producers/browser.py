"""browser producer: the newsletter as a WeChat official-account article, printed to PDF by headless Chromium.

The HTML is what WeChat's editor (秀米 / 135编辑器 style) produces: ``<section>``
wrappers with inline styles, coloured heading bars with the Chinese in a bold
span and the English in its own regular span, bold coloured item titles,
justified paragraphs with a little letter-spacing, a contents table, real
``<a href>`` links for 查看更多 / More, the masthead number and period on one
line ("No.214 2021.03"). The fonts are WeChat's stack (PingFang SC, Microsoft
YaHei, ...) and fontconfig picks whatever CJK font the machine has. A style row
with ``print_furniture`` adds what Chrome's own print dialog puts on each page
(date, title, address, "1/5"), through CSS page-margin boxes.
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from . import (
    Doc,
    Seg,
    find_chromium,
    item_paragraphs,
    out_name,
    parallel,
    run,
    segments,
)
from .styles import page_number_spec

PRINT_SECONDS = 90
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
)

FONT_STACK = ('-apple-system, BlinkMacSystemFont, "Helvetica Neue", "PingFang SC", "Hiragino Sans GB", '
              '"Microsoft YaHei UI", "Microsoft YaHei", Arial, sans-serif')


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def inline(segs: list[Seg]) -> str:
    out = []
    for s in segs:
        t = esc(s.text)
        if s.italic:
            t = f"<em>{t}</em>"
        if s.bold:
            t = f'<strong style="font-weight:bold">{t}</strong>'
        if s.href:
            t = f'<a href="{esc(s.href)}" target="_blank" style="color:#576b95;text-decoration:none">{t}</a>'
        out.append(t)
    return "".join(out)


def css(row: dict[str, Any], doc: Doc) -> str:
    colour = row.get("title_colour") or "#1F4E79"
    size = float(row["size"])
    page = "A4" if row["page"] == "A4" else ("letter" if row["page"] == "Letter" else "110mm 196mm")
    margin = "16mm 15mm" if row["page"] != "mobile" else "12mm 7mm"
    boxes = []
    spec = page_number_spec(row)
    if spec:
        where, fmt = spec
        content = " ".join(
            'counter(page)' if part == "{n}" else 'counter(pages)' if part == "{N}" else f'"{part}"'
            for part in _split_fmt(fmt)
        )
        box = "@bottom-right" if where == "bottom" else "@top-right"
        boxes.append(f"{box} {{ content: {content}; font-size: 7pt; color: #555; }}")
    if row.get("print_furniture"):
        ym = doc.year_month or (2021, 1)
        boxes.append(f'@top-left {{ content: "{ym[0]}/{ym[1]}/18 09:41"; font-size: 7pt; color: #555; }}')
        boxes.append(f'@top-center {{ content: "{esc(page_title(doc))}"; font-size: 7pt; color: #555; }}')
        boxes.append(f'@bottom-left {{ content: "{article_url(doc)}"; font-size: 7pt; color: #555; }}')
    if row.get("running_header"):
        boxes.append(f'@top-left {{ content: "{esc(row["running_header"])}"; font-size: 7pt; color: #555; }}')
    letter = "0.5px" if row["page"] == "mobile" else "0"
    align = "justify" if row["justify"] else "left"
    return f"""
@page {{ size: {page}; margin: {margin}; {' '.join(boxes)} }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; font-family: {FONT_STACK}; font-size: {size}pt; line-height: 1.75; color: #333; letter-spacing: {letter}; }}
#js_content p {{ margin: 0 0 1em 0; text-align: {align}; }}
.masthead {{ border-bottom: 3px solid {colour}; padding-bottom: 8px; margin-bottom: 14px; }}
.masthead .nl {{ font-size: 26pt; font-weight: bold; color: {colour}; letter-spacing: 2px; line-height: 1.2; }}
.masthead .firm {{ font-size: 12pt; }}
.masthead .follow {{ font-size: 8pt; color: #888; }}
.masthead .no {{ text-align: right; font-weight: bold; font-size: 13pt; }}
.doc-title {{ text-align: center; margin: 18px 0; }}
.doc-title .zh {{ font-size: 19pt; font-weight: bold; }}
.doc-title .en {{ font-size: 13pt; }}
.doc-title .issue {{ font-size: 11pt; color: #555; }}
table.toc {{ border-collapse: collapse; width: 100%; margin: 8px 0 24px; font-size: {size - 1}pt; line-height: 1.5; }}
table.toc td {{ border: 1px solid #d9d9d9; padding: 4px 8px; vertical-align: top; }}
table.toc tr.h td {{ background: {colour}; color: #fff; }}
.toc-list {{ margin: 8px 0 24px; line-height: 1.5; }}
.toc-list .zh {{ margin: 0; font-size: {size - 0.5}pt; }}
.toc-list .en {{ margin: 0 0 8px; font-size: {size - 1}pt; color: #666; }}
section.bar {{ background: {colour}; color: #fff; padding: 5px 12px; margin: 26px 0 14px; font-size: {size + 3}pt; line-height: 1.5; border-radius: 2px; }}
section.bar .en {{ font-weight: normal; margin-left: 0.6em; }}
section.bar2 {{ border-left: 6px solid {colour}; padding: 2px 12px; margin: 26px 0 14px; }}
section.bar2 .zh {{ font-size: {size + 5}pt; color: {colour}; line-height: 1.4; }}
section.bar2 .en {{ font-size: {size}pt; color: {colour}; line-height: 1.4; }}
h3.t {{ font-size: {size + 1.5}pt; color: {colour}; font-weight: bold; margin: 18px 0 8px; line-height: 1.5; }}
h3.t.en {{ font-size: {size + 1}pt; {'font-style: italic;' if row['en_title_italic'] else ''} }}
p.zh-indent {{ text-indent: 2em; }}
.closing {{ margin-top: 30px; border-top: 1px solid #ccc; padding-top: 10px; font-size: {size - 2.5}pt; color: #777; line-height: 1.6; }}
.closing p {{ text-align: justify; }}
.closing .c {{ text-align: center; margin: 2px 0; }}
.qr {{ display: block; margin: 10px auto; }}
"""


def _split_fmt(fmt: str) -> list[str]:
    import re

    return [p for p in re.split(r"(\{n\}|\{N\})", fmt) if p]


def page_title(doc: Doc) -> str:
    return f"立方观评 | {doc.title_zh or ''} No.{doc.issue}" if doc.issue is not None else f"立方观评 | {doc.title_zh or ''}"


def article_url(doc: Doc) -> str:
    return f"https://mp.weixin.qq.com/s/lifang-{doc.number or 0}-{doc.issue or 0}"


def heading_html(zh: str | None, en: str | None, row: dict[str, Any]) -> str:
    bz = row["heading_bold"] in ("zh", "both")
    be = row["heading_bold"] in ("en", "both")
    w = lambda b: "bold" if b else "normal"
    if row["heading_layout"] == "one_line":
        parts = []
        if zh:
            parts.append(f'<span class="zh" style="font-weight:{w(bz)}">{esc(zh)}</span>')
        if en:
            parts.append(f'<span class="en" style="font-weight:{w(be)}">{esc(en)}</span>')
        return f'<section class="bar">{"".join(parts)}</section>'
    parts = []
    if zh:
        parts.append(f'<p class="zh" style="font-weight:{w(bz)};margin:0">{esc(zh)}</p>')
    if en:
        parts.append(f'<p class="en" style="font-weight:{w(be)};margin:0">{esc(en)}</p>')
    return f'<section class="bar2">{"".join(parts)}</section>'


QR = ('<svg class="qr" width="90" height="90" viewBox="0 0 9 9" xmlns="http://www.w3.org/2000/svg">'
      + "".join(f'<rect x="{x}" y="{y}" width="1" height="1"/>' for x in range(9) for y in range(9) if (x * 7 + y * 3 + x * y) % 3 == 0)
      + "</svg>")


def render_html(doc: Doc, row: dict[str, Any]) -> str:
    head = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{esc(page_title(doc))}</title><style>{css(row, doc)}</style></head><body>"
            f'<div id="page-content"><div class="rich_media_content" id="js_content">')
    parts = [head]
    # Masthead.
    number = " ".join(doc.masthead_number_lines(row["masthead"]))
    parts.append('<section class="masthead"><section class="nl">NEWSLETTER</section>'
                 '<section class="firm">LIFANG &amp; PARTNERS <strong>立方观评</strong></section>'
                 '<section class="follow">关注更多精彩内容</section>'
                 f'<section class="no">{esc(number)}</section></section>')
    parts.append('<section class="doc-title">')
    if doc.title_zh:
        parts.append(f'<section class="zh">{esc(doc.title_zh)}</section>')
    if doc.title_en:
        parts.append(f'<section class="en">{esc(doc.title_en)}</section>')
    issue = doc.issue_line(row["masthead"])
    if issue:
        parts.append(f'<section class="issue">{esc(issue)}</section>')
    parts.append("</section>")
    # Contents.
    if not doc.contents:
        pass  # a newsletter without a table of contents
    elif row["contents"] == "table":
        parts.append('<table class="toc"><tbody>')
        for hz, he, titles in doc.contents:
            h = (f'<strong>{esc(hz)}</strong>' if hz else "") + (f' <span>{esc(he)}</span>' if he else "")
            parts.append(f'<tr class="h"><td colspan="2">{h}</td></tr>')
            for z, e in titles:
                parts.append(f"<tr><td>{esc(z or '')}</td><td>{esc(e or '')}</td></tr>")
        parts.append("</tbody></table>")
    else:
        parts.append('<section class="toc-list">')
        for hz, he, titles in doc.contents:
            parts.append(heading_html(hz, he, row))
            for z, e in titles:
                if z:
                    parts.append(f'<p class="zh">{esc(z)}</p>')
                if e:
                    parts.append(f'<p class="en">{esc(e)}</p>')
        parts.append("</section>")
    # Body.
    lead = bool(row["lead_in"])
    indent = ' class="zh-indent"' if row["zh_indent"] else ""
    for section in doc.sections:
        parts.append(heading_html(section.heading_zh, section.heading_en, row))
        for item in section.items:
            parts.append(f'<section class="item" id="item-{esc(item.id)}">')
            if item.title_zh:
                parts.append(f'<h3 class="t zh">{inline(segments(item.title_zh))}</h3>')
            for segs in item_paragraphs(doc, item, "zh", lead_in=lead):
                parts.append(f"<p{indent}>{inline(segs)}</p>")
            if item.title_en:
                parts.append(f'<h3 class="t en">{inline(segments(item.title_en))}</h3>')
            for segs in item_paragraphs(doc, item, "en", lead_in=lead):
                parts.append(f"<p>{inline(segs)}</p>")
            parts.append("</section>")
    # Closing block.
    parts.append('<section class="closing">')
    for kind, text in doc.footer_lines():
        if kind.startswith("disclaimer"):
            parts.append(f"<p>{inline(segments(text))}</p>")
        else:
            if text == "Subscribe to our WeChat community":
                parts.append(QR)
            parts.append(f'<p class="c">{esc(text)}</p>')
    parts.append("</section></div></div></body></html>")
    return "\n".join(parts)


def _print(job: tuple[str, Path, Path]) -> Path | BaseException:
    browser, page, pdf = job
    profile = Path(tempfile.mkdtemp(prefix="lifang-chromium-"))
    try:
        command = [browser, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.as_uri()]
        try:
            result = run(command, PRINT_SECONDS, env={**os.environ, "HOME": str(profile)})
        except Exception as exc:  # a timeout: reported for this file
            return RuntimeError(f"Chromium did not print {page.name}: {exc}")
        if not pdf.exists() or pdf.stat().st_size == 0:
            return RuntimeError(f"Chromium printed no PDF for {page.name} (exit {result.returncode}): {result.stderr[-800:]}")
        return pdf
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def produce_batch(items: list[tuple[Doc, dict]], out_dir: Path, *, workers: int = 2) -> dict:
    browser = find_chromium()
    jobs, keys = [], []
    for doc, row in items:
        name = out_name(doc.stem, "browser", row["id"])
        page = out_dir / f"{name}.html"
        page.write_text(render_html(doc, row), encoding="utf-8")
        jobs.append((browser, page, out_dir / f"{name}.pdf"))
        keys.append((doc.stem, "browser", row["id"]))
    return dict(zip(keys, parallel(_print, jobs, workers)))
