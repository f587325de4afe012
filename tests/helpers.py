"""Shared helpers of the test suite (test modules import this, never each other).

``marked(item, field)`` gives an item's title or body with its italic spans
marked ``*...*``, the way the golden files write them (schema 1.1 keeps the
text plain and the emphasis in ``item.emphasis``).

``apt_install`` installs Debian packages a test needs (Chromium, LibreOffice,
CJK fonts) the way tests/test_report_browser.py installs Chromium: only as
root, only where apt-get exists, time-boxed, and never when
``LIFANG_NO_INSTALL`` (or, for the browser, ``LIFANG_NO_BROWSER_INSTALL``) is
set. It returns why it could not, so the caller can skip with that reason.

The hostile inputs of issue 13 (``ATTACKS``, ``write_attack`` and their
builders) are built at test time: each is a few hundred bytes to a few
megabytes. The same builders drive ``benchmarks/hostile.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from lifang_parse.models import Newsletter
from lifang_parse.read.wrapped import classify

INSTALL_SECONDS = 240


def marked(item, field: str) -> dict[str, str | None]:
    """``{"zh": ..., "en": ...}`` of ``item.<field>`` with the italic emphasis spans wrapped in ``*``."""
    value = getattr(item, field)
    out: dict[str, str | None] = {}
    for lang in ("zh", "en"):
        text = getattr(value, lang)
        if text is None:
            out[lang] = None
            continue
        spans = sorted(
            (e.start, e.end)
            for e in getattr(item, "emphasis", None) or []
            if e.lang == lang and e.field == field and e.style == "italic"
        )
        for start, end in reversed(spans):
            text = text[:start] + "*" + text[start:end] + "*" + text[end:]
        out[lang] = text
    return out


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
OFFICE = ("soffice", "libreoffice")
CJK_FONT_PACKAGES = ("fonts-wqy-microhei", "fonts-wqy-zenhei", "fonts-arphic-uming")


def find_program(names: Sequence[str]) -> str | None:
    return next((path for name in names if (path := shutil.which(name))), None)


def has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return True  # cannot tell; do not install fonts blindly
    result = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, timeout=30, check=False)
    return bool(result.stdout.strip())


def _apt(arguments: list[str], deadline: float) -> subprocess.CompletedProcess[str]:
    remaining = deadline - time.monotonic()
    if remaining <= 5:
        raise subprocess.TimeoutExpired(arguments, 0)
    return subprocess.run(
        ["apt-get", "-o", "DPkg::Lock::Timeout=60", *arguments],
        capture_output=True,
        text=True,
        timeout=remaining,
        check=False,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        stdin=subprocess.DEVNULL,
    )


def apt_install(packages: Sequence[str], what: str, *, seconds: float = INSTALL_SECONDS, forbid_env: Sequence[str] = ()) -> str | None:
    """Install ``packages`` with apt-get where allowed; None on success, else why not (a skip reason)."""
    for var in ("LIFANG_NO_INSTALL", *forbid_env):
        if os.environ.get(var):
            return f"{what} is not installed and {var} forbids installing it"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return f"{what} is not installed and the tests do not run as root (install it: apt-get install {' '.join(packages)})"
    if shutil.which("apt-get") is None:
        return f"{what} is not installed and there is no apt-get to install it with"
    install = ["install", "-y", "--no-install-recommends", *packages]
    deadline = time.monotonic() + seconds
    try:
        result = _apt(install, deadline)
        if result.returncode != 0:  # a stale package list: refresh it once and retry
            _apt(["update", "-qq"], deadline)
            result = _apt(install, deadline)
    except subprocess.TimeoutExpired:
        return f"installing {what} with apt-get took longer than {seconds:.0f} s"
    except OSError as exc:
        return f"apt-get could not run: {exc}"
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"apt-get could not install {what} (exit {result.returncode}: {tail[0]})"
    return None


def ensure_program(names: Sequence[str], packages: Sequence[str], what: str, *, forbid_env: Sequence[str] = ()) -> tuple[str | None, str]:
    """(path, "") when one of ``names`` is on PATH, installing ``packages`` if needed and allowed; else (None, why)."""
    path = find_program(names)
    if path:
        return path, ""
    extra = [] if has_cjk_font() else list(CJK_FONT_PACKAGES[:1])
    why = apt_install([*packages, *extra], what, forbid_env=forbid_env)
    if why:
        return None, why
    path = find_program(names)
    return (path, "") if path else (None, f"{what} is still missing after apt-get install {' '.join(packages)}")


def ensure_chromium() -> tuple[str | None, str]:
    return ensure_program(BROWSERS, ["chromium"], "Chromium", forbid_env=("LIFANG_NO_BROWSER_INSTALL",))


def ensure_soffice() -> tuple[str | None, str]:
    return ensure_program(OFFICE, ["libreoffice-writer-nogui"], "LibreOffice")


def ensure_cjk_fonts(paths: Sequence[os.PathLike[str] | str]) -> str | None:
    """None when one of the font files ``paths`` exists (installing the Debian CJK font packages if allowed)."""
    if any(os.path.exists(p) for p in paths):
        return None
    why = apt_install(list(CJK_FONT_PACKAGES), "CJK TrueType fonts (WenQuanYi, AR PL UMing)")
    if why:
        return why
    return None if any(os.path.exists(p) for p in paths) else "the CJK fonts are still missing after apt-get"


REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "fixtures" / "text" / "weekly-cyber-214-2021-03.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def stories_told_twice(newsletter: Newsletter) -> list[str]:
    """Item ids or Chinese titles that occur more than once: a story told twice."""
    items = newsletter.all_items()
    ids = Counter(item.id for item in items)
    titles = Counter(item.title.zh for item in items if item.title.zh)
    return sorted([k for k, n in ids.items() if n > 1] + [k for k, n in titles.items() if n > 1])


# ---------------------------------------------------------------- comparing two parses of one issue

# Provenance differs by nature between two forms of one newsletter (text, PDF).
_PROVENANCE = frozenset({"source", "location", "line_start", "line_end", "page", "page_start", "page_end"})
FACT_KINDS = ("dates", "agencies", "counts", "amounts", "laws", "companies", "people")


def provenance_free(value: Any) -> Any:
    """A parse (``model_dump(mode="json")``) without provenance, and with only
    the italic emphasis: whether a word is bold depends on the producer (a
    title set wholly in bold has no bold span), italics carry law titles."""
    if isinstance(value, dict):
        out = {k: provenance_free(v) for k, v in value.items() if k not in _PROVENANCE}
        if "emphasis" in out:
            out["emphasis"] = [e for e in out["emphasis"] if e["style"] != "bold"]
        return out
    if isinstance(value, list):
        return [provenance_free(v) for v in value]
    return value


def without_markers(value: Any) -> Any:
    """Without Markdown emphasis or emphasis spans, which extracted text does not have."""
    if isinstance(value, str):
        return value.replace("*", "")
    if isinstance(value, dict):
        return {k: without_markers(v) for k, v in value.items() if k != "emphasis"}
    if isinstance(value, list):
        return [without_markers(v) for v in value]
    return value


def items_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in doc["sections"] for item in section["items"]]


def assert_same_newsletter(got: dict[str, Any], clean: dict[str, Any]) -> None:
    """Masthead, headings, item ids, titles, bodies, links and facts equal (emphasis aside)."""
    for key in ("publication_number", "period", "title", "issue_number"):
        assert got[key] == clean[key], key
    assert [s["heading"] for s in got["sections"]] == [s["heading"] for s in clean["sections"]]
    assert [i["id"] for i in items_of(got)] == [i["id"] for i in items_of(clean)]
    for want, have in zip(items_of(clean), items_of(got)):
        for key in ("title", "body", "links", *FACT_KINDS):
            assert without_markers(have[key]) == without_markers(want[key]), f"item {want['id']}: {key}"


# A "more" marker without its link syntax, as extracted text prints it (possibly broken over lines).
_BARE_MARKER = regex.compile(r"[（(]\s*(?:查\n?看\n?更\n?多|M\n?o\n?r\n?e)\s*\n?[)）]")


def without_bare_markers(text: str) -> str:
    """Markers taken out (a line break inside one is kept as a break)."""
    return _BARE_MARKER.sub(lambda m: "\n" if "\n" in m.group(0) else " ", text)


def furniture_lines(text: str) -> set[str]:
    """The lines the reader removes as running headers, footers and page numbers."""
    analysis = classify(text)
    return {line.text for p, page in enumerate(analysis.pages) for line in page if (p, line.row) in analysis.furniture}


# --------------------------------------------------------------------------- a PDF writer


def pdf_bytes(objects: Mapping[int, bytes], *, root: int = 1, compress_xref: bool = False) -> bytes:
    """A PDF with these numbered objects (bodies without ``obj``/``endobj``) and a correct xref table."""
    del compress_xref
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    """A stream object's body."""
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page_pdf(*, contents: bytes = b"4 0 R", media_box: bytes = b"[0 0 612 792]", extra: Mapping[int, bytes] | None = None,
                 resources: bytes = b"<< /Font << /F1 5 0 R >> >>") -> bytes:
    """A one-page PDF saying "Hello" in Helvetica, with parts replaceable by an attack."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Contents " + contents + b" /Resources " + resources + b" >>",
        4: stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    objects.update(extra or {})
    return pdf_bytes(objects)


# --------------------------------------------------------------------------- the attacks


def self_reference() -> bytes:
    """``/Contents 6 0 R`` where ``6 0 obj 6 0 R endobj``: pdfminer's resolve1 loops forever."""
    return one_page_pdf(contents=b"6 0 R", extra={6: b"6 0 R"})


def media_box_cycle() -> bytes:
    """``/MediaBox 6 0 R``, 6 -> 7 -> 6."""
    return one_page_pdf(media_box=b"6 0 R", extra={6: b"7 0 R", 7: b"6 0 R"})


def deflate_zeros(megabytes: int) -> bytes:
    """``megabytes`` MiB of zero bytes, deflated (about 1,000:1), built in milliseconds.

    After a full flush deflate forgets its history, so every further MiB of
    zeros compresses to the same block: it is repeated, and the stream closed
    with an empty final block and the Adler-32 of n zeros ((n mod 65521) << 16 | 1).
    """
    block = bytes(1 << 20)
    compressor = zlib.compressobj(9)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    adler = (((megabytes << 20) % 65521) << 16) | 1
    return first + again * (megabytes - 1) + b"\x03\x00" + adler.to_bytes(4, "big")


def flate_bomb(megabytes: int = 1024) -> bytes:
    """A content stream that inflates to ``megabytes`` MiB (1 GiB from about 1 MB)."""
    data = deflate_zeros(megabytes)
    return one_page_pdf(extra={4: stream(data, b"/Filter /FlateDecode")})


def cmap_bomb() -> bytes:
    """A ToUnicode CMap whose one ``bfrange`` spans 2**32 codes (under 1 KB)."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Bomb def /CMapType 2 def\n"
        b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
        b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    return one_page_pdf(extra={5: font, 6: stream(cmap)})


def many_pages(count: int) -> bytes:
    """``count`` empty pages (83 bytes each: 1,000,000 pages is 83 MB, under max_bytes)."""
    first = 3
    kids = b" ".join(b"%d 0 R" % n for n in range(first, first + count))
    out = bytearray(b"%PDF-1.7\n")
    offsets = [0, len(out)]
    out += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    offsets.append(len(out))
    out += b"2 0 obj\n<< /Type /Pages /Count %d /Kids [" % count + kids + b"] >>\nendobj\n"
    for number in range(first, first + count):
        offsets.append(len(out))
        out += b"%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n" % number
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (count + first)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets[1:])
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count + first, xref)
    return bytes(out)


def repeated_lines(times: int) -> bytes:
    """The sample with every line repeated ``times`` times (x1000: 9.6 MB)."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    return "\n".join(line for line in lines for _ in range(times)).encode("utf-8")


def one_long_line(size: int) -> bytes:
    """The sample's lines joined into one line of ``size`` bytes (no newline at all)."""
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", " ").encode("utf-8")
    return (text * (size // len(text) + 1))[:size].rsplit(b" ", 1)[0]


@dataclass(frozen=True)
class Attack:
    """One hostile file: its name, how to build it, and whether it is a PDF."""

    name: str
    build: Callable[[], bytes]
    suffix: str = ".pdf"


#: The attacks of issue 13 that are files (the file-system ones are tests of their own).
ATTACKS = (
    Attack("self-reference", self_reference),
    Attack("mediabox-cycle", media_box_cycle),
    Attack("flate-bomb-1mb", lambda: flate_bomb(1024)),
    Attack("flate-bomb-4mb", lambda: flate_bomb(4096)),
    Attack("cmap-bfrange", cmap_bomb),
    Attack("pages-100k", lambda: many_pages(100_000)),
    Attack("pages-1m", lambda: many_pages(1_000_000)),
    Attack("text-lines-x100", lambda: repeated_lines(100), ".txt"),
    Attack("text-lines-x1000", lambda: repeated_lines(1000), ".txt"),
    Attack("text-one-line-20mb", lambda: one_long_line(20_000_000), ".txt"),
)


def write_attack(folder: Path, attack: Attack) -> Path:
    """Build ``attack`` into ``folder``; returns its path."""
    path = folder / f"{attack.name}{attack.suffix}"
    path.write_bytes(attack.build())
    return path


def non_utf8_name(folder: Path, content: bytes) -> str:
    """A file whose name has a byte that is not UTF-8 (``b\\xff.txt``); returns the name as Python sees it."""
    raw = os.fsencode(folder) + b"/b\xff.txt"
    with open(raw, "wb") as handle:
        handle.write(content)
    return os.fsdecode(raw)
