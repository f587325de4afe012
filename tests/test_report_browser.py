"""The review report in a real browser: headless Chromium lays the sample's page out in two columns.

Chromium comes from Debian's ``chromium`` package. Where it is missing, the
module fixture installs it with apt-get, but only as root with apt-get present,
and time-boxed (``INSTALL_SECONDS``); otherwise, or when the install fails, the
tests skip and say why. ``LIFANG_NO_BROWSER_INSTALL=1`` forbids the install.
``LIFANG_SCREENSHOT_DIR=DIR`` keeps the screenshots for a human to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lifang_parse import parse_file
from lifang_parse.report import ArchiveEntry, render_index, render_newsletter
from lifang_parse.report.archive import HIGH

from conftest import SAMPLE, TEXT_FIXTURES

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
