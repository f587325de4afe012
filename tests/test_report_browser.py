"""The review report in a real browser: headless Chromium lays the sample's page out in two columns,
and the archive index's own controls filter, search and sort its items table.

The layout tests take screenshots (``--screenshot``). The triage tests drive
the page the way a user does, over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: JSON messages ending in NUL on file descriptors
3 and 4, see :class:`DevTools`), so they need nothing beyond Chromium and the
standard library: they choose an agency in the page's select, click a chart
cell and a column header with the mouse, type into the search box, then count
the rows the browser shows. One more test opens a ``#filter:`` link with
``--dump-dom``, the way a bookmarked view opens.

Chromium comes from Debian's ``chromium`` package. Where it is missing, the
module fixture installs it with apt-get, but only as root with apt-get present,
and time-boxed (``INSTALL_SECONDS``); otherwise, or when the install fails, the
tests skip and say why. ``LIFANG_NO_BROWSER_INSTALL=1`` forbids the install.
``LIFANG_SCREENSHOT_DIR=DIR`` keeps the screenshots for a human to look at.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from lifang_parse import parse_file
from lifang_parse.report import ArchiveEntry, render_index, render_newsletter
from lifang_parse.models import Newsletter
from lifang_parse.report.archive import HIGH
from lifang_parse.report.triage import item_month, source_link

from conftest import FIXTURES, SAMPLE, TEXT_FIXTURES

Image = pytest.importorskip("PIL.Image", reason="Pillow (a pdfplumber dependency) is needed to read the screenshot")

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_SECONDS = 240
SHOT_SECONDS = 90
WIDTH, HEIGHT = 1400, 2000
# The column backgrounds of style.css.j2 (--zh-bg, --en-bg).
ZH_BACKGROUND = (0xFB, 0xF3, 0xDF)
EN_BACKGROUND = (0xE6, 0xEF, 0xFA)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def _find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def _has_cjk_font() -> bool:
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


def _install_browser() -> tuple[str | None, str]:
    """Install Debian's chromium where allowed; returns (path, why not)."""
    if os.environ.get("LIFANG_NO_BROWSER_INSTALL"):
        return None, "Chromium is not installed and LIFANG_NO_BROWSER_INSTALL forbids installing it"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None, "Chromium is not installed and the tests do not run as root (install it: apt-get install chromium)"
    if shutil.which("apt-get") is None:
        return None, "Chromium is not installed and there is no apt-get to install it with"
    packages = ["chromium"] + ([] if _has_cjk_font() else ["fonts-wqy-microhei"])
    install = ["install", "-y", "--no-install-recommends", *packages]
    deadline = time.monotonic() + INSTALL_SECONDS
    try:
        result = _apt(install, deadline)
        if result.returncode != 0:  # a stale package list: refresh it once and retry
            _apt(["update", "-qq"], deadline)
            result = _apt(install, deadline)
    except subprocess.TimeoutExpired:
        return None, f"installing Chromium with apt-get took longer than {INSTALL_SECONDS} s"
    except OSError as exc:
        return None, f"apt-get could not run: {exc}"
    path = _find_browser()
    if path is None:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        return None, f"apt-get could not install Chromium (exit {result.returncode}: {tail[0]})"
    return path, ""


@pytest.fixture(scope="module")
def browser() -> str:
    path = _find_browser()
    if path is None:
        path, why = _install_browser()
        if path is None:
            pytest.skip(why)
    return path


@pytest.fixture()
def shots(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    keep = os.environ.get("LIFANG_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for png in tmp_path.glob("*.png"):
            shutil.copy(png, Path(keep) / png.name)


def screenshot(browser: str, page: Path, png: Path, profile: Path) -> Image.Image:
    """Open ``page`` in headless Chromium and return the screenshot of a WIDTH x HEIGHT window."""
    command = [browser, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri()]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=SHOT_SECONDS, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"Chromium took longer than {SHOT_SECONDS} s to take the screenshot")
    assert png.exists(), f"no screenshot (exit {result.returncode}): {result.stderr[-2000:]}"
    return Image.open(png).convert("RGB")


def _near(pixel: tuple[int, int, int], colour: tuple[int, int, int], tolerance: int = 3) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def test_sample_report_lays_out_in_two_columns(browser: str, shots: Path) -> None:
    page = shots / "report-214.html"
    page.write_text(render_newsletter(parse_file(SAMPLE)), encoding="utf-8")
    image = screenshot(browser, page, shots / "report-214.png", shots / "profile")
    assert image.size == (WIDTH, HEIGHT)

    pixels = image.load()
    sample = [pixels[x, y] for y in range(0, HEIGHT, 8) for x in range(0, WIDTH, 8)]
    assert len(set(sample)) > 50, "the page looks blank"
    white = sum(1 for p in sample if p == (255, 255, 255))
    assert white < 0.9 * len(sample), "the page is nearly all white"

    # Rows where the Chinese column's background stands in the left half and the English one's in the right.
    side_by_side = 0
    zh_xs: list[int] = []
    en_xs: list[int] = []
    for y in range(0, HEIGHT, 4):
        row_zh = [x for x in range(0, WIDTH, 2) if _near(pixels[x, y], ZH_BACKGROUND)]
        row_en = [x for x in range(0, WIDTH, 2) if _near(pixels[x, y], EN_BACKGROUND)]
        if len(row_zh) > 100 and len(row_en) > 100:
            side_by_side += 1
            zh_xs += row_zh
            en_xs += row_en
    assert side_by_side >= 50, f"the Chinese and English columns do not stand side by side ({side_by_side} rows)"
    assert max(zh_xs) < WIDTH // 2 + 20 < min(en_xs) + 40, "Chinese should be on the left, English on the right"
    assert max(zh_xs) - min(zh_xs) > WIDTH * 0.35 and max(en_xs) - min(en_xs) > WIDTH * 0.35, "a column is too narrow"


def test_archive_index_draws_its_chart(browser: str, shots: Path) -> None:
    entries = [ArchiveEntry(newsletter=parse_file(p), href=f"{p.stem}.html", name=p.name) for p in TEXT_FIXTURES]
    if not any(item.agencies for e in entries for item in e.newsletter.all_items()):
        pytest.skip("no agencies extracted, so the index has no chart")
    page = shots / "index.html"
    page.write_text(render_index(entries, title="Fixtures"), encoding="utf-8")
    image = screenshot(browser, page, shots / "index.png", shots / "profile")
    pixels = image.load()
    darkest = sum(1 for y in range(0, HEIGHT, 2) for x in range(0, WIDTH, 2) if _near(pixels[x, y], HIGH, 2))
    assert darkest > 100, "the busiest cell of the heat map (darkest blue) is not on screen"


# --------------------------------------------------------------------------- the index's triage, driven over DevTools

PDF_FIXTURES = sorted((FIXTURES / "pdf").glob("*.pdf"))
CALL_SECONDS = 60
NO_DIALOGS = "window.dialogs = 0; window.alert = window.confirm = window.prompt = () => { window.dialogs += 1; };"
VIEW_WIDTH, VIEW_HEIGHT = 1400, 1000


class DevTools:
    """Headless Chromium driven over ``--remote-debugging-pipe``.

    Why a pipe: no port to pick or leak and no client library (Playwright is
    not a dependency). Chromium reads commands on fd 3 and writes answers and
    events on fd 4, each message JSON followed by a NUL byte.
    """

    def __init__(self, browser: str, profile: Path) -> None:
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def onto_3_and_4() -> None:  # runs in the child, before exec
            read, write = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(read, 3)
            os.dup2(write, 4)

        command = [browser, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"]
        self.process = subprocess.Popen(
            command, preexec_fn=onto_3_and_4, pass_fds=(3, 4), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer (events in between are dropped)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + CALL_SECONDS
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                answer = json.loads(raw)
                if answer.get("id") == self._next_id:
                    if "error" in answer:
                        raise AssertionError(f"{method}: {answer['error']}")
                    return dict(answer.get("result", {}))
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._from_browser], [], [], remaining)[0]:
                pytest.fail(f"Chromium did not answer {method} within {CALL_SECONDS} s")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                pytest.fail(f"Chromium closed the pipe during {method} (exit {self.process.poll()})")
            self._buffer += chunk

    def open(self, url: str) -> Tab:
        """A new tab at ``url``, loaded; ``alert`` and friends only count (``window.dialogs``), so a script that got in shows."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, target, session)
        tab.call("Emulation.setDeviceMetricsOverride", {"width": VIEW_WIDTH, "height": VIEW_HEIGHT, "deviceScaleFactor": 1, "mobile": False})
        tab.call("Page.enable")
        tab.call("Page.addScriptToEvaluateOnNewDocument", {"source": NO_DIALOGS})
        tab.call("Page.navigate", {"url": url})
        tab.evaluate("new Promise(r => document.readyState === 'complete' ? r(1) : addEventListener('load', () => r(1)))")
        return tab

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self.process.wait(timeout=30)
        except (AssertionError, OSError, subprocess.TimeoutExpired, pytest.fail.Exception):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._to_browser)
            os.close(self._from_browser)


class Tab:
    """One page of the browser: run script in it, click and type as a user does."""

    def __init__(self, tools: DevTools, target: str, session: str) -> None:
        self.tools, self.target, self.session = tools, target, session

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.tools.call(method, params, self.session)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element (scrolled into view first)."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.scrollIntoView({{block: 'center'}});"
            " const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1})
        self.settle()

    def type(self, selector: str, text: str) -> None:
        """Focus a field and type into it, as the keyboard would (an ``input`` event per insertion)."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.call("Input.insertText", {"text": text})
        self.settle()

    def choose(self, name: str, value: str) -> None:
        """Pick an option of one of the filter selects, with the events a user's choice fires."""
        picked = self.evaluate(
            f"(() => {{ const s = document.querySelector('#triage select[name={name}]'); s.value = {json.dumps(value)};"
            " s.dispatchEvent(new Event('input', {bubbles: true})); s.dispatchEvent(new Event('change', {bubbles: true}));"
            " return s.value; })()"
        )
        assert picked == value, f"the {name} select has no option {value!r}"

    def settle(self) -> None:
        """Let events queued by a click or a key (hashchange, timers) run."""
        self.evaluate("new Promise(r => setTimeout(r, 50))")

    def visible_rows(self) -> list[dict[str, str]]:
        """The items table's rows the browser lays out (hidden ones have no box), in order, with their data-*."""
        return list(
            self.evaluate(
                "Array.from(document.querySelectorAll('#items-table tbody tr')).filter(r => r.getClientRects().length > 0)"
                ".map(r => Object.assign({}, r.dataset))"
            )
        )

    def shown(self) -> str:
        return str(self.evaluate("document.getElementById('shown').textContent"))

    def close(self) -> None:
        self.tools.call("Target.closeTarget", {"targetId": self.target})


@pytest.fixture(scope="module")
def devtools(browser: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    if os.name != "posix":
        pytest.skip("driving Chromium over --remote-debugging-pipe needs POSIX file descriptors 3 and 4")
    tools = DevTools(browser, tmp_path_factory.mktemp("devtools-profile"))
    yield tools
    tools.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Newsletter]]:
    """The index of every text and PDF fixture, written beside links to the fixtures themselves."""
    folder = tmp_path_factory.mktemp("archive")
    entries = [
        ArchiveEntry(newsletter=parse_file(p), href=f"{p.stem}-{p.suffix[1:]}.html", name=p.name, source_href=source_link(p, folder))
        for p in [*TEXT_FIXTURES, *PDF_FIXTURES]
    ]
    index = folder / "index.html"
    index.write_text(render_index(entries, title="Fixtures"), encoding="utf-8")
    return index, [e.newsletter for e in entries]


@pytest.fixture()
def index_tab(devtools: DevTools, archive: tuple[Path, list[Newsletter]]) -> Iterator[Tab]:
    tab = devtools.open(archive[0].as_uri())
    yield tab
    tab.close()


def items_with(newsletters: list[Newsletter], agency: str, month: str | None = None) -> Counter[tuple[str, str]]:
    """(period, item id) of every item mentioning ``agency`` (in ``month``), counted over the newsletters."""
    return Counter(
        (n.period or "", i.id)
        for n in newsletters
        for i in n.all_items()
        if agency in {a.id for a in i.agencies} and (month is None or item_month(i, n.period) == month)
    )


def seen(rows: list[dict[str, str]], newsletters: list[Newsletter]) -> Counter[tuple[str, str]]:
    period = {f"{Path(n.source.path or '').stem}": n.period or "" for n in newsletters}
    return Counter((period[row["newsletter"].rsplit("-", 1)[0]], row["item"]) for row in rows)


def test_filter_one_agency_with_the_select(index_tab: Tab, archive: tuple[Path, list[Newsletter]]) -> None:
    newsletters = archive[1]
    total = sum(len(n.all_items()) for n in newsletters)
    assert len(index_tab.visible_rows()) == total and index_tab.shown() == f"{total} of {total} items"
    expected = items_with(newsletters, "cac")
    assert sum(expected.values()) >= 10, "the fixtures mention the CAC in many items"
    index_tab.choose("agency", "cac")
    rows = index_tab.visible_rows()
    assert len(rows) == sum(expected.values())
    assert index_tab.shown() == f"{len(rows)} of {total} items"
    assert all("cac" in row["agencies"].split() for row in rows)
    assert seen(rows, newsletters) == expected
    assert index_tab.evaluate("location.hash") == "#filter:agency=cac"  # the view can be bookmarked
    # a second filter narrows (AND); "clear" shows everything again
    months = Counter(item_month(i, n.period) for n in newsletters for i in n.all_items() if "cac" in {a.id for a in i.agencies})
    month = months.most_common(1)[0][0]
    index_tab.choose("month", month)
    assert len(index_tab.visible_rows()) == sum(items_with(newsletters, "cac", month).values()) > 0
    index_tab.click("#triage button[type=reset]")
    assert len(index_tab.visible_rows()) == total


def test_filter_one_action_type_and_a_warning(index_tab: Tab, archive: tuple[Path, list[Newsletter]]) -> None:
    newsletters = archive[1]
    items = [i for n in newsletters for i in n.all_items()]
    types = Counter(t for i in items for t in {a.type for a in getattr(i, "actions", [])})
    if not types:
        pytest.skip("no item has actions (Item.actions, schema 1.1, is not extracted on this branch yet)")
    action = types.most_common(1)[0][0]
    index_tab.choose("action", action)
    rows = index_tab.visible_rows()
    assert len(rows) == types[action] and all(action in row["actions"].split() for row in rows)
    index_tab.choose("warning", "*")  # AND: of those, the ones with a warning
    expected = sum(
        1 for n in newsletters for i in n.all_items()
        if action in {a.type for a in getattr(i, "actions", [])} and (i.warnings or any(w.item_id == i.id for w in n.warnings))
    )
    assert len(index_tab.visible_rows()) == expected


def test_a_chart_cell_shows_its_items(index_tab: Tab, archive: tuple[Path, list[Newsletter]]) -> None:
    cells = index_tab.evaluate(
        "Array.from(document.querySelectorAll('.heat td.cell a')).map(a => [a.getAttribute('href'), Number(a.textContent)])"
    )
    href, count = max(cells, key=lambda cell: cell[1])
    assert href.startswith("#filter:agency=") and "&month=" in href
    index_tab.click(f'.heat td.cell a[href="{href}"]')
    rows = index_tab.visible_rows()
    assert len(rows) == count > 1
    agency, month = (part.split("=", 1)[1] for part in href[len("#filter:"):].split("&"))
    assert seen(rows, archive[1]) == items_with(archive[1], agency, month)
    # the page scrolled to the table: its heading is on screen
    top = index_tab.evaluate("document.querySelector('#items h2').getBoundingClientRect().top")
    assert 0 <= top < VIEW_HEIGHT / 2


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def test_search_titles(index_tab: Tab, archive: tuple[Path, list[Newsletter]]) -> None:
    for query in ("app", "个人信息"):
        index_tab.evaluate("document.getElementById('triage').reset()")
        index_tab.type("#triage input[name=q]", query)
        expected = sum(
            1 for n in archive[1] for i in n.all_items() if _fold(query) in _fold(f"{i.title.zh or ''} {i.title.en or ''}")
        )
        assert 0 < len(index_tab.visible_rows()) == expected, query


def test_sort_by_a_column(index_tab: Tab) -> None:
    def dates() -> list[str]:
        return list(
            index_tab.evaluate(
                "Array.from(document.querySelectorAll('#items-table tbody tr')).map(r => r.cells[8].getAttribute('data-sort'))"
            )
        )

    assert index_tab.evaluate("document.querySelector('#items-table th[data-key=date]').textContent.trim()") == "event date"
    before = dates()
    assert before != sorted(before), "the archive's order is not already date order"
    index_tab.click("#items-table th[data-key=date] button")
    assert dates() == sorted(before)
    assert index_tab.evaluate("document.querySelector('#items-table th[data-key=date]').getAttribute('aria-sort')") == "ascending"
    index_tab.click("#items-table th[data-key=date] button")
    assert dates() == sorted(before, reverse=True)
    assert "sort=date&dir=desc" in index_tab.evaluate("location.hash")
    # a sorted table still filters
    index_tab.choose("agency", "cac")
    shown = [row["agencies"] for row in index_tab.visible_rows()]
    assert shown and all("cac" in a.split() for a in shown)


def test_chart_labels_stay_in_view_when_it_scrolls(index_tab: Tab) -> None:
    offsets = index_tab.evaluate(
        """(() => {
          const wrap = document.querySelector('.heat-wrap');
          wrap.style.maxWidth = '360px'; wrap.style.maxHeight = '160px';
          wrap.scrollLeft = wrap.scrollWidth; wrap.scrollTop = wrap.scrollHeight;
          const box = wrap.getBoundingClientRect();
          const row = wrap.querySelector('tbody th').getBoundingClientRect();
          const column = wrap.querySelector('thead th:nth-child(2)').getBoundingClientRect();
          return [wrap.scrollLeft, wrap.scrollTop, row.left - box.left, column.top - box.top];
        })()"""
    )
    scrolled_left, scrolled_top, row_offset, column_offset = offsets
    assert scrolled_left > 50 and scrolled_top > 50, "the chart did not overflow its box"
    assert abs(row_offset) <= 2, "the agency labels scrolled away"
    assert abs(column_offset) <= 2, "the month labels scrolled away"


def test_items_link_to_their_source_pages(index_tab: Tab, archive: tuple[Path, list[Newsletter]]) -> None:
    links = index_tab.evaluate(
        "Array.from(document.querySelectorAll('#items-table tbody tr')).map(r => [r.dataset.newsletter, r.dataset.item,"
        " r.cells[9].querySelector('a').href])"
    )
    pages = {
        (f"{Path(n.source.path or '').stem}-pdf.html", i.id): i.location.page_start
        for n in archive[1] if n.source.format == "pdf" for i in n.all_items()
    }
    pdf_links = [(page, item, href) for page, item, href in links if page.endswith("-pdf.html")]
    assert len(pdf_links) == len(pages) > 0
    for page, item, href in pdf_links:
        stem = page[: -len("-pdf.html")]
        assert href == (FIXTURES / "pdf" / f"{stem}.pdf").as_uri() + f"#page={pages[(page, item)]}"
    for page, _, href in links:
        if page.endswith("-txt.html"):
            assert href == (FIXTURES / "text" / f"{page[: -len('-txt.html')]}.txt").as_uri()


class _Rows(HTMLParser):
    """Counts the items table's rows a dumped DOM leaves shown (no ``hidden`` attribute)."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[dict[str, str | None]] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "tr" and "data-agencies" in values:
            if "hidden" in values:
                self.hidden += 1
            else:
                self.shown.append(values)


def test_a_filter_link_applies_on_load(browser: str, archive: tuple[Path, list[Newsletter]], tmp_path: Path) -> None:
    """A bookmarked ``#filter:`` view, opened cold (``--dump-dom`` prints the DOM after the page's script ran)."""
    url = archive[0].as_uri() + "#filter:agency=cac&q=app"
    command = [browser, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=SHOT_SECONDS, check=False, stdin=subprocess.DEVNULL)
    assert result.returncode == 0 and "<html" in result.stdout, result.stderr[-2000:]
    reader = _Rows()
    reader.feed(result.stdout)
    expected = sum(
        1 for n in archive[1] for i in n.all_items()
        if "cac" in {a.id for a in i.agencies} and "app" in _fold(f"{i.title.zh or ''} {i.title.en or ''}")
    )
    assert 0 < len(reader.shown) == expected
    assert reader.hidden == sum(len(n.all_items()) for n in archive[1]) - expected


def test_hostile_text_stays_text_in_the_browser(devtools: DevTools, tmp_path: Path) -> None:
    """A ``<script>`` in a title, an agency id and a warning code: shown as text, searchable, never run."""
    from lifang_parse.models import AgencyFact, Bilingual, Warning

    evil = '<script>alert(1)</script><img src=x onerror=alert(2)>"\''
    sample = parse_file(SAMPLE)
    first = sample.sections[0].items[0].model_copy(update={
        "title": Bilingual(zh=evil, en=evil),
        "agencies": [AgencyFact(id='a" onmouseover="alert(3)', name=Bilingual(zh=evil), abbr=evil)],
        "warnings": [Warning(code="</script><script>alert(4)</script>", message=evil, item_id="1.1")],
    })
    section = sample.sections[0].model_copy(update={"items": [first, *sample.sections[0].items[1:]]})
    newsletter = sample.model_copy(update={"sections": [section, *sample.sections[1:]], "period": evil})
    index = tmp_path / "index.html"
    index.write_text(render_index([ArchiveEntry(newsletter=newsletter, href="a.html", name=evil)], title=evil), encoding="utf-8")
    tab = devtools.open(index.as_uri())
    try:
        assert tab.evaluate("document.scripts.length") == 1 and tab.evaluate("document.images.length") == 0
        assert tab.evaluate("window.dialogs") == 0
        assert tab.evaluate("document.querySelector('#items-table tbody tr').cells[3].textContent") == evil
        tab.type("#triage input[name=q]", "<script>alert(1)")
        assert [row["item"] for row in tab.visible_rows()] == ["1.1"]
        tab.evaluate("document.getElementById('triage').reset()")
        tab.settle()
        options = tab.evaluate("Array.from(document.querySelectorAll('#triage select[name=agency] option')).map(o => o.value)")
        tab.choose("agency", options[1])
        assert [row["item"] for row in tab.visible_rows()] == ["1.1"]
        tab.click(f'.heat tbody tr[data-agency="{options[1]}"] td.cell a')  # a token holds no quote
        assert [row["item"] for row in tab.visible_rows()] == ["1.1"]
        assert tab.evaluate("window.dialogs") == 0
    finally:
        tab.close()
