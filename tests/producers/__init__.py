"""PDF producers: lay a newsletter out the way real publishers do, from its golden file.

Each text fixture ``fixtures[/SET]/text/X.txt`` has a hand-written golden
``fixtures[/SET]/golden/X.json``. A producer reads the golden (never the
parser) and typesets the newsletter with a real tool chain:

``browser``    a WeChat-style HTML article printed to PDF by headless Chromium
``word``       a .docx in Word's house style (python-docx) converted by LibreOffice
``reportlab``  platypus flowables, TrueType CJK fonts or the unembedded CID font
``fpdf2``      fpdf2's text regions, TrueType fonts with glyph fallback

How each one varies is data: ``styles.STYLES[producer]`` is a list of rows
(one dict per variation). ``produce(golden, producer, style, out_dir)`` makes
one PDF; ``produce_many`` makes many at once (one LibreOffice call for all
.docx files, Chromium processes in parallel), which is what the tests use.

The producers know nothing about how lifang-parse reads a PDF: they follow
what publishers do (running headers, page numbers, bold lead-ins, justified
CJK text, mixed-script runs, Word's spaces between Chinese and Latin text...).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .styles import STYLES, style_row

__all__ = [
    "PRODUCERS",
    "STYLES",
    "Doc",
    "Item",
    "Section",
    "Seg",
    "discover_fixtures",
    "load_golden",
    "missing_tool",
    "produce",
    "produce_many",
    "style_row",
]

PRODUCERS = ("browser", "word", "reportlab", "fpdf2")

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"

FONT_DIRS = {
    "wqy": Path("/usr/share/fonts/truetype/wqy"),
    "arphic": Path("/usr/share/fonts/truetype/arphic"),
}
FONT_FILES = {
    "wqy-microhei": FONT_DIRS["wqy"] / "wqy-microhei.ttc",
    "wqy-zenhei": FONT_DIRS["wqy"] / "wqy-zenhei.ttc",
    "uming": FONT_DIRS["arphic"] / "uming.ttc",
}
LATIN_FILES = {
    "LiberationSerif": Path("/usr/share/fonts/truetype/liberation/LiberationSerif-{}.ttf"),
    "LiberationSans": Path("/usr/share/fonts/truetype/liberation/LiberationSans-{}.ttf"),
    "DejaVuSans": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans{}.ttf"),
    "DejaVuSerif": Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif{}.ttf"),
}
LATIN_FACES = {  # face -> file suffix, per family naming scheme
    "LiberationSerif": {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"},
    "LiberationSans": {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"},
    "DejaVuSans": {"": "", "B": "-Bold", "I": "-Oblique", "BI": "-BoldOblique"},
    "DejaVuSerif": {"": "", "B": "-Bold", "I": "-Italic", "BI": "-BoldItalic"},
}


def latin_file(family: str, face: str = "") -> Path:
    return Path(str(LATIN_FILES[family]).format(LATIN_FACES[family][face]))


# --------------------------------------------------------------------------- model


@dataclass
class Seg:
    """A run of text with its emphasis (and a link target, if any)."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass
class Item:
    id: str
    title_zh: str | None
    title_en: str | None
    paras_zh: list[str]
    paras_en: list[str]
    links: list[tuple[str, str, str]]  # (lang, text, href)

    def link(self, lang: str) -> tuple[str, str] | None:
        for lg, text, href in self.links:
            if lg == lang:
                return text, href
        return None


@dataclass
class Section:
    heading_zh: str | None
    heading_en: str | None
    items: list[Item]


@dataclass
class Doc:
    stem: str
    number: int | None
    period: str | None  # "2021-03"
    title_zh: str | None
    title_en: str | None
    issue: int | None
    contents: list[tuple[str | None, str | None, list[tuple[str | None, str | None]]]]
    sections: list[Section]
    footer: dict[str, Any] | None
    extra: dict[str, Any] = field(default_factory=dict)

    # -- masthead forms -------------------------------------------------------------
    @property
    def year_month(self) -> tuple[int, int] | None:
        if not self.period:
            return None
        y, m = self.period.split("-")[:2]
        return int(y), int(m)

    def masthead_number_lines(self, form: str) -> list[str]:
        """The publication number and period as a masthead prints them."""
        num = self.number
        ym = self.year_month
        dot = f"{ym[0]}.{ym[1]:02d}" if ym else ""
        cn = f"{ym[0]}年{ym[1]}月" if ym else ""
        no = f"No.{num}" if num is not None else ""
        if form == "lines":
            return [x for x in (no, dot) if x]
        if form == "one_line":
            return [" ".join(x for x in (no, dot) if x)]
        if form == "pipe":
            return [" | ".join(x for x in (dot, no) if x)]
        if form == "caps":
            return [x for x in (f"NO. {num}" if num is not None else "", dot) if x]
        if form == "cn_date":
            return [x for x in (no, cn) if x]
        raise ValueError(f"unknown masthead form {form!r}")

    def issue_line(self, form: str) -> str | None:
        if self.issue is None:
            return None
        return f"NO. {self.issue}" if form == "caps" else f"No.{self.issue}"

    def footer_lines(self) -> list[tuple[str, str]]:
        """(kind, text) lines of the closing block: disclaimer, subscribe, offices, contacts."""
        f = self.footer
        if not f:
            return []
        out: list[tuple[str, str]] = []
        disc = f.get("disclaimer") or {}
        if disc.get("zh"):
            out.append(("disclaimer_zh", disc["zh"]))
        if disc.get("en"):
            out.append(("disclaimer_en", disc["en"]))
        out.append(("small", "Subscribe to our WeChat community"))
        out.append(("small", "扫码关注公众号“立方律师事务所”"))
        offices = f.get("offices") or []
        if offices:
            out.append(("offices", " | ".join(o["zh"] for o in offices if o.get("zh"))))
            out.append(("offices", " | ".join(o["en"] for o in offices if o.get("en"))))
        if f.get("website"):
            out.append(("contact", f["website"]))
        if f.get("email"):
            out.append(("contact", f"Email: {f['email']}"))
        if f.get("phone"):
            out.append(("contact", f"Tel: {f['phone']}"))
        if f.get("fax"):
            out.append(("contact", f"Fax: {f['fax']}"))
        return out


def link_href(doc: Doc, item: Item, lang: str, href: str) -> str:
    """A real address for a link: the golden's when it has one, else the article's (made up, stable)."""
    if href and href != "#":
        return href
    return f"https://www.lifanglaw.com/newsletter/{doc.number or 0}/{item.id}?lang={lang}"


def load_golden(golden_path: str | os.PathLike[str]) -> Doc:
    path = Path(golden_path)
    g = json.loads(path.read_text(encoding="utf-8"))
    title = g.get("title") or {}
    contents = []
    for c in g.get("contents") or []:
        h = c.get("heading") or {}
        contents.append((h.get("zh"), h.get("en"), [(t.get("zh"), t.get("en")) for t in c.get("titles") or []]))
    sections = []
    for s in g.get("sections") or []:
        h = s.get("heading") or {}
        items = []
        for it in s.get("items") or []:
            body = it.get("body") or {}
            tt = it.get("title") or {}
            items.append(Item(
                id=it["id"],
                title_zh=tt.get("zh"),
                title_en=tt.get("en"),
                paras_zh=[p for p in (body.get("zh") or "").split("\n\n") if p.strip()],
                paras_en=[p for p in (body.get("en") or "").split("\n\n") if p.strip()],
                links=[(l["lang"], l["text"], l.get("href") or "#") for l in it.get("links") or []],
            ))
        sections.append(Section(h.get("zh"), h.get("en"), items))
    return Doc(
        stem=path.stem,
        number=g.get("publication_number"),
        period=g.get("period"),
        title_zh=title.get("zh"),
        title_en=title.get("en"),
        issue=g.get("issue_number"),
        contents=contents,
        sections=sections,
        footer=g.get("footer"),
    )


# --------------------------------------------------------------------------- inline text

_MARK = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def segments(text: str) -> list[Seg]:
    """Split ``text`` on the golden's Markdown emphasis: ``**bold**``, ``*italic*``."""
    out: list[Seg] = []
    for part in _MARK.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            out.append(Seg(part[2:-2], bold=True))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append(Seg(part[1:-1], italic=True))
        else:
            out.append(Seg(part))
    return out


def strip_marks(text: str) -> str:
    return "".join(s.text for s in segments(text))


_LEAD_ZH = re.compile(r"^(\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:至\d{1,2}月?\d{1,2}日)?)")
_LEAD_EN = re.compile(
    r"^((?:On |In |From )?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?: \d{1,2})?(?:, \d{4})?)"
)


def bold_lead_in(segs: list[Seg], lang: str) -> list[Seg]:
    """Set the date a paragraph opens with in bold (``**2021年2月5日**，...``), as many layouts do."""
    if not segs or segs[0].bold or segs[0].italic:
        return segs
    m = (_LEAD_ZH if lang == "zh" else _LEAD_EN).match(segs[0].text)
    if not m:
        return segs
    head, rest = segs[0].text[: m.end()], segs[0].text[m.end():]
    return [Seg(head, bold=True)] + ([Seg(rest)] if rest else []) + segs[1:]


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF
        or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or o in (0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026, 0x00B7)
    )


_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_AFTER = re.compile(rf"([{_HAN}])([A-Za-z0-9])")
_SPACE_BEFORE = re.compile(rf"([A-Za-z0-9%])([{_HAN}])")


def cjk_spacing(text: str) -> str:
    """Word-processor spacing: a space between Han characters and Latin letters or digits.

    ``2022年7月5日`` -> ``2022 年 7 月 5 日``; ``80.26亿元`` -> ``80.26 亿元``; ``179款APP`` -> ``179 款 APP``.
    """
    text = _SPACE_AFTER.sub(r"\1 \2", text)
    return _SPACE_BEFORE.sub(r"\1 \2", text)


def script_runs(text: str) -> list[tuple[str, bool]]:
    """Split text into (run, is_cjk) runs, spaces staying with the run before them."""
    runs: list[tuple[str, bool]] = []
    for ch in text:
        c = is_cjk(ch) if not ch.isspace() else (runs[-1][1] if runs else False)
        if runs and runs[-1][1] == c:
            runs[-1] = (runs[-1][0] + ch, c)
        else:
            runs.append((ch, c))
    return runs


def item_paragraphs(doc: Doc, item: Item, lang: str, *, lead_in: bool = False) -> list[list[Seg]]:
    """The body of one language as paragraphs of segments, the 查看更多 / More link closing the last one."""
    paras = item.paras_zh if lang == "zh" else item.paras_en
    out = [segments(p) for p in paras]
    if lead_in and out:
        out[0] = bold_lead_in(out[0], lang)
    link = item.link(lang)
    if link and out:
        text, href = link
        url = link_href(doc, item, lang, href)
        if lang == "zh":
            out[-1] += [Seg("（"), Seg(text, href=url), Seg("）")]
        else:
            out[-1] += [Seg(" ("), Seg(text, href=url), Seg(")")]
    elif link:  # a link without a body: on its own line
        text, href = link
        out.append([Seg(text, href=link_href(doc, item, lang, href))])
    return out


# --------------------------------------------------------------------------- tools


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def missing_tool(producer: str) -> str | None:
    """Why ``producer`` cannot run here, or None when it can."""
    if not any(p.exists() for p in FONT_FILES.values()):
        return "no CJK TrueType font in /usr/share/fonts/truetype/{wqy,arphic} (apt-get install fonts-wqy-microhei fonts-wqy-zenhei fonts-arphic-uming)"
    if producer == "browser":
        return None if find_chromium() else "Chromium is not installed (apt-get install chromium)"
    if producer == "word":
        try:
            import docx  # noqa: F401
        except ImportError:
            return "python-docx is not installed"
        return None if find_soffice() else "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
    if producer == "reportlab":
        try:
            import reportlab  # noqa: F401
        except ImportError:
            return "reportlab is not installed"
        return None
    if producer == "fpdf2":
        try:
            import fpdf  # noqa: F401
        except ImportError:
            return "fpdf2 is not installed"
        return None
    return f"unknown producer {producer!r}"


def discover_fixtures(fixtures: Path = FIXTURES) -> list[tuple[Path, Path]]:
    """Every (text, golden) pair: fixtures/golden and fixtures/*/golden; a golden without its text, or not valid JSON, is skipped."""
    goldens = sorted(fixtures.glob("golden/*.json")) + sorted(fixtures.glob("*/golden/*.json"))
    out = []
    for g in goldens:
        txt = g.parent.parent / "text" / f"{g.stem}.txt"
        if not txt.exists():
            continue
        try:  # a golden still being written is not a fixture yet
            json.loads(g.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        out.append((txt, g))
    return out


# --------------------------------------------------------------------------- producing


def _module(producer: str):
    if producer == "browser":
        from . import browser as m
    elif producer == "word":
        from . import wordproc as m
    elif producer == "reportlab":
        from . import reportlab_pdf as m
    elif producer == "fpdf2":
        from . import fpdf2_pdf as m
    else:
        raise ValueError(f"unknown producer {producer!r}")
    return m


def out_name(stem: str, producer: str, style_id: str) -> str:
    return f"{stem}--{producer}--{style_id}"


def produce(golden_path: str | os.PathLike[str], producer: str, style: dict | str, out_dir: str | os.PathLike[str]) -> Path:
    """Lay out the newsletter of ``golden_path`` with ``producer`` in ``style``; return the PDF's path."""
    result = produce_many([(Path(golden_path), producer, style)], out_dir)
    (value,) = result.values()
    if isinstance(value, BaseException):
        raise value
    return value


def produce_many(
    jobs: Iterable[tuple[Path, str, dict | str]], out_dir: str | os.PathLike[str], *, workers: int | None = None
) -> dict[tuple[str, str, str], Path | BaseException]:
    """Make many PDFs: returns {(stem, producer, style id): path or the error that stopped it}.

    Batched per producer: LibreOffice converts every .docx in one call, Chromium
    runs ``workers`` processes at a time, the Python libraries run in-process.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    by_producer: dict[str, list[tuple[Doc, dict]]] = {}
    for golden, producer, style in jobs:
        row = style_row(producer, style) if isinstance(style, str) else style
        by_producer.setdefault(producer, []).append((load_golden(golden), row))
    results: dict[tuple[str, str, str], Path | BaseException] = {}
    for producer, items in by_producer.items():
        why = missing_tool(producer)
        if why:
            for doc, row in items:
                results[(doc.stem, producer, row["id"])] = RuntimeError(why)
            continue
        module = _module(producer)
        if producer in ("reportlab", "fpdf2") and workers > 1 and len(items) > 1:
            results.update(_in_processes(producer, items, out, workers))
        else:
            results.update(module.produce_batch(items, out, workers=workers))
    return results


def _batch_in_child(args: tuple[str, list[tuple[Doc, dict]], Path]) -> dict:
    producer, items, out = args
    return _module(producer).produce_batch(items, out, workers=1)


def _in_processes(producer: str, items: list[tuple[Doc, dict]], out: Path, workers: int) -> dict:
    """The in-process libraries are CPU-bound: share the files out among ``workers`` processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [items[k::workers] for k in range(workers)]
    results: dict = {}
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # no fork here: one process does it all
        return _module(producer).produce_batch(items, out, workers=1)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        for part in pool.map(_batch_in_child, [(producer, c, out) for c in chunks if c]):
            results.update(part)
    return results


def run(command: list[str], timeout: float, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL, **kw)


def private_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


def elapsed(start: float) -> float:
    return time.monotonic() - start


def parallel(fn, args: list, workers: int):
    if workers <= 1 or len(args) <= 1:
        return [fn(a) for a in args]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, args))
