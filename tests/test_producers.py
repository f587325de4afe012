"""PDFs laid out by real publishing tool chains parse like the text they were made from.

For each text fixture with a golden file, the producers of ``tests/producers``
typeset the golden's newsletter (masthead, contents, sections, footer) with a
real tool chain -- a WeChat-style article printed by headless Chromium, a Word
document converted by LibreOffice, reportlab and fpdf2 in a matrix of styles
(``producers/styles.py``) -- and ``parse_file(pdf)`` must give what
``parse_file(txt)`` gives: publication number, period, issue number, section
headings, item ids, titles, bodies (``*``/``**`` markers removed on both sides:
a PDF carries italics as fonts), link texts, and the facts (dates, agencies,
counts, amounts, laws, companies, people) as sets of their key values.

Coverage. The default run covers every fixture under every producer and every
style row at least once: fixture k of a producer's list is laid out in style row
k mod (number of rows), so the fixtures rotate across the rows: 4 PDFs per
fixture (112 for 28 fixtures: about 3 minutes on 2 idle cores). The full
matrix, every fixture x producer x style row (19 PDFs per fixture), takes
several times longer; run it with ``LIFANG_PRODUCERS=full``. The PDFs are made
once per session, batched (one LibreOffice call for all .docx files, Chromium
and the Python libraries two at a time) and parsed in two worker processes;
``LIFANG_PRODUCERS_KEEP=DIR`` keeps them.

Tools. Chromium (browser), LibreOffice (word) and the CJK TrueType fonts are
installed with apt-get when missing, but only as root, time-boxed (see
``helpers.py``); otherwise those cases skip and say why.

Known gaps. The (producer, style) pairs the parser does not read yet are listed
ONCE, in ``KNOWN_FAILING`` below, and run as non-strict xfails; remove a line
when the parser handles that layout. ``benchmarks/producers.py`` measures the
same matrix (structure score against the golden, fact agreement with the text).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import helpers
import pytest
from producers import (
    FONT_FILES,
    PRODUCERS,
    STYLES,
    discover_fixtures,
    missing_tool,
    produce_many,
)
from producers.compare import differences, summary

from lifang_parse import parse_file

# (producer, style id) -> why it fails today (benchmarks/producers.py, the "before" run). The ONLY place
# cases are marked xfail (non-strict: a case the parser gets right shows as XPASS). Remove a row once
# its layout parses like the text.
_MIDWORD = "Latin words and numbers broken mid-word by CJK character wrapping are re-joined with a space ('20 22年', 'Elasti cSearch')"
_WRAPPED_TITLE = "an English title wrapped onto a second line loses that line to the body"
KNOWN_FAILING: dict[tuple[str, str], str] = {
    ("browser", "wechat-a4-bar"): "the contents table is read as one more item of the first section (item ids shift)",
    ("browser", "wechat-mobile-2line"): "a line broken after the hyphen of 'cross-border' loses the hyphen; spacing next to CJK punctuation",
    ("word", "word-a4-spaced"): "spaces between Han and Latin letters/digits ('2021 年 8 月 20 日') are kept; the contents table becomes an item",
    ("word", "word-letter-2line"): "LibreOffice's Han/Latin autospace gaps are read as spaces ('2021 年 2月 5 日'); the contents table becomes an item",
    ("reportlab", "rl-stsong-times"): "link text taken from reportlab's offset link box ('(More)' read as link 'ore)')",
    ("reportlab", "rl-microhei-letter-2line"): "contents in two balanced columns: the first section heading and contents titles go into the body",
    ("reportlab", "rl-uming-serif-enbold"): "the contents table (zh | en cells) is read as an item",
    ("reportlab", "rl-zenhei-dejavu-plain"): "a law title with an em dash (——) is paired with a different English title",
    ("reportlab", "rl-stsong-cndate-table"): "the contents table is read as an item (item ids shift)",
    ("reportlab", "rl-microhei-onefont"): "contents in two balanced columns: first section heading and first title lost",
    ("reportlab", "rl-uming-letter-ragged"): "ragged-right lines: a link split across lines ('（查看' / '更多）') and the items after it",
    ("reportlab", "rl-microhei-liberation-sans"): "contents in two balanced columns: first section heading lost, contents titles read as items",
    ("fpdf2", "fp-microhei-sans"): f"{_WRAPPED_TITLE}; {_MIDWORD}",
    ("fpdf2", "fp-zenhei-letter-2line"): f"two-column contents: first section heading lost; {_WRAPPED_TITLE}",
    ("fpdf2", "fp-uming-serif-table"): f"{_MIDWORD}; {_WRAPPED_TITLE}",
    ("fpdf2", "fp-microhei-core-helvetica"): f"{_MIDWORD}; {_WRAPPED_TITLE}",
    ("fpdf2", "fp-zenhei-cndate"): f"the contents table is read as an item; {_MIDWORD}",
    ("fpdf2", "fp-microhei-onefont"): f"two-column contents: first section heading lost; {_MIDWORD}",
    ("fpdf2", "fp-uming-ragged-enbold"): f"{_MIDWORD}; {_WRAPPED_TITLE}",
}

FULL = os.environ.get("LIFANG_PRODUCERS", "").lower() == "full"
FIXTURES = discover_fixtures()


def selected_cases(full: bool = FULL) -> list[tuple[Path, Path, str, str]]:
    """(text, golden, producer, style id) to run: every combination, or the rotation described above."""
    cases = []
    for producer in PRODUCERS:
        rows = STYLES[producer]
        if full:
            cases += [(t, g, producer, r["id"]) for t, g in FIXTURES for r in rows]
            continue
        n = max(len(FIXTURES), len(rows))
        for k in range(n):
            if FIXTURES:
                t, g = FIXTURES[k % len(FIXTURES)]
                cases.append((t, g, producer, rows[k % len(rows)]["id"]))
    return cases


CASES = selected_cases()


def _param(case: tuple[Path, Path, str, str]):
    text, golden, producer, style = case
    marks = []
    reason = KNOWN_FAILING.get((producer, style))
    if reason:
        marks.append(pytest.mark.xfail(strict=False, reason=f"parser gap: {reason}"))
    set_name = golden.parent.parent.name if golden.parent.parent.name != "fixtures" else "dev"
    return pytest.param(case, id=f"{producer}-{style}-{set_name}-{text.stem}", marks=marks)


_TOOL_CHECKED: dict[str, str | None] = {}


def _tool_problem(producer: str) -> str | None:
    """Why ``producer`` cannot run (after trying to install what it needs), or None."""
    if producer not in _TOOL_CHECKED:
        why = helpers.ensure_cjk_fonts(list(FONT_FILES.values()))
        if not why and producer == "browser":
            why = helpers.ensure_chromium()[1] or None
        if not why and producer == "word":
            why = helpers.ensure_soffice()[1] or None
        _TOOL_CHECKED[producer] = why or missing_tool(producer)
    return _TOOL_CHECKED[producer]


WORKERS = max(1, min(2, os.cpu_count() or 1))


def _read(path: str) -> dict | str:
    """parse_file's answer, summarised for the comparison, or why it refused (runs in a worker process)."""
    try:
        return summary(parse_file(path))
    except Exception as exc:  # reported by the test of that file
        return f"parse_file refused {Path(path).name}: {type(exc).__name__}: {exc}"


def _pool_map(fn, args: list) -> list:
    if WORKERS <= 1 or len(args) <= 1:
        return [fn(a) for a in args]
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        return [fn(a) for a in args]
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=ctx) as pool:
        return list(pool.map(fn, args, chunksize=2))


@pytest.fixture(scope="session")
def readings(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every PDF the collected cases need (all of CASES, or what -k left), made in one batch per producer
    and parsed in parallel.

    Returns {(stem, producer, style): summary | error message} and {text path: summary} under "text".
    """
    out = tmp_path_factory.mktemp("producers")
    chosen = [item.callspec.params["case"] for item in request.session.items
              if hasattr(item, "callspec") and "case" in item.callspec.params]
    cases = chosen or CASES
    jobs = [(g, p, s) for _, g, p, s in cases if _tool_problem(p) is None]
    made = produce_many(jobs, out, workers=WORKERS) if jobs else {}
    keep = os.environ.get("LIFANG_PRODUCERS_KEEP")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for value in made.values():
            if isinstance(value, Path):
                shutil.copy(value, Path(keep) / value.name)
    pdfs = {k: v for k, v in made.items() if isinstance(v, Path)}
    result: dict = {k: f"the {k[1]} producer could not make the PDF: {v}" for k, v in made.items() if not isinstance(v, Path)}
    result.update(zip(pdfs, _pool_map(_read, [str(p) for p in pdfs.values()])))
    texts = sorted({t for t, _, _, _ in cases})
    result["text"] = dict(zip(texts, _pool_map(_read, [str(t) for t in texts])))
    return result


def test_every_fixture_and_style_row_is_covered() -> None:
    assert FIXTURES, "no text fixture with a golden file"
    for producer in PRODUCERS:
        assert STYLES[producer], producer
        assert {t for t, _, p, _ in CASES if p == producer} == {t for t, _ in FIXTURES}, producer
        assert {s for _, _, p, s in CASES if p == producer} == {r["id"] for r in STYLES[producer]}, producer
    ids = [(p, r["id"]) for p in PRODUCERS for r in STYLES[p]]
    assert len(ids) == len(set(ids)), "style ids must be unique per producer"
    assert set(KNOWN_FAILING) <= set(ids), "KNOWN_FAILING names a style row that does not exist"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_pdf_parses_like_its_text(case: tuple[Path, Path, str, str], readings: dict) -> None:
    text, golden, producer, style = case
    why = _tool_problem(producer)
    if why:
        pytest.skip(why)
    expected = readings["text"][text]
    assert not isinstance(expected, str), expected
    parsed = readings[(golden.stem, producer, style)]
    if isinstance(parsed, str):
        pytest.fail(parsed)
    diffs = differences(parsed, expected)
    name = f"{golden.stem}--{producer}--{style}.pdf"
    assert not diffs, f"{name}: {len(diffs)} difference(s) from the text parse:\n" + "\n".join(diffs[:40])
