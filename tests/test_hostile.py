"""Issue 13: hostile input ends in bounded time and memory with a typed error, and one bad file never stops a batch.

Every attack is built at test time (tests/helpers.py). ``benchmarks/hostile.py``
prints the time and peak memory of each.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import helpers
from lifang_parse import parse_file, parse_many
from lifang_parse.batch import ParseFailure, collect_paths
from lifang_parse.commands import main
from lifang_parse.errors import CorruptDocumentError, InputError, LimitExceededError, NoTextLayerError
from lifang_parse.export.sqlite import check_database, connect
from lifang_parse.models import Newsletter

SAMPLE = helpers.SAMPLE
SRC = str(helpers.REPO / "src")
PDF_ATTACKS = [a for a in helpers.ATTACKS if a.suffix == ".pdf" and a.name != "pages-1m"]
needs_fork = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked (Linux)")


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), stdout=out, stderr=err, stdin=None if stdin is None else io.BytesIO(stdin))
    return status, out.getvalue(), err.getvalue()


def cli(*args: str, timeout: float = 60, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=SRC)
    return subprocess.run([sys.executable, "-m", "lifang_parse", *args], capture_output=True, text=True, timeout=timeout,
                          env=env, check=False, **kwargs)  # type: ignore[call-overload]


# --------------------------------------------------------------------------- 1. every file is bounded


@pytest.mark.parametrize("attack", PDF_ATTACKS, ids=[a.name for a in PDF_ATTACKS])
def test_pdf_attack_is_a_typed_error_within_seconds(tmp_path: Path, attack: helpers.Attack) -> None:
    path = helpers.write_attack(tmp_path, attack)
    started = time.monotonic()
    with pytest.raises((LimitExceededError, CorruptDocumentError)) as info:
        parse_file(path)
    assert time.monotonic() - started < 10
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    if isinstance(info.value, LimitExceededError):  # names the limit and how to raise it
        assert "--max-" in message and "max_" in message


def test_cycle_message_names_the_object(tmp_path: Path) -> None:
    path = tmp_path / "cycle.pdf"
    path.write_bytes(helpers.self_reference())
    with pytest.raises(CorruptDocumentError, match=r"object 6 leads back to itself \(a reference cycle, in a page's /Contents\)"):
        parse_file(path)


def test_page_count_is_checked_before_pages_are_built(tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(helpers.many_pages(3000))
    with pytest.raises(LimitExceededError, match="3,000 page objects, over the limit of 2,000 pages"):
        parse_file(path)
    with pytest.raises(NoTextLayerError):  # within a raised limit it is read: pages without text
        parse_file(path, max_pages=5000)


def test_watchdog_interrupts_a_loop_inside_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    def spin(*args: object) -> list[object]:
        while True:
            pass

    monkeypatch.setattr("lifang_parse.read.pdf.page_fragments", spin)
    monkeypatch.setattr("lifang_parse.read.pdfium.page_fragments", spin)
    started = time.monotonic()
    with pytest.raises(LimitExceededError, match=r"time limit of 3\.5 s \(timeout=1 s plus 0\.5 s per page for 5 page\(s\)\).*--timeout SECONDS.*timeout="):
        parse_file(helpers.REPO / "fixtures" / "pdf" / "weekly-cyber-214-2021-03.pdf", timeout=1)
    assert time.monotonic() - started < 6


def test_text_over_the_memory_bound_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_bytes(helpers.one_long_line(20_000_000))
    started = time.monotonic()
    with pytest.raises(LimitExceededError, match=r"20\.0 MB .* max_memory \(320 MB\)"):
        parse_file(path)
    assert time.monotonic() - started < 2


@needs_fork
def test_worker_stuck_in_native_code_is_killed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stuck = tmp_path / "stuck.txt"
    stuck.write_bytes(SAMPLE.read_bytes())

    def sleep_forever(path: str, **options: object) -> Newsletter:
        if path == str(stuck):
            time.sleep(3600)  # a C call: no watchdog can interrupt it, only a kill
        return parse_file(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr("lifang_parse.batch.parse_file", sleep_forever)
    started = time.monotonic()
    results = list(parse_many([SAMPLE, stuck, SAMPLE], workers=2, timeout=0.5))
    assert time.monotonic() - started < 10
    assert [type(r).__name__ for r in results] == ["Newsletter", "ParseFailure", "Newsletter"]
    failure = results[1]
    assert isinstance(failure, ParseFailure) and failure.error == "LimitExceededError"
    assert "time limit" in failure.message and "--timeout" in failure.message


@needs_fork
def test_worker_memory_is_capped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    greedy = tmp_path / "greedy.txt"
    greedy.write_bytes(SAMPLE.read_bytes())

    def allocate(path: str, **options: object) -> Newsletter:
        if path == str(greedy):
            hoard = [bytearray(16 << 20) for _ in range(200)]  # 3.2 GB, past the address-space limit
            del hoard
        return parse_file(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr("lifang_parse.batch.parse_file", allocate)
    results = list(parse_many([greedy, SAMPLE], workers=1, max_memory=100 << 20))
    failure = results[0]
    assert isinstance(failure, ParseFailure) and failure.error == "LimitExceededError"
    assert "more than 100 MB of memory" in failure.message and "--max-memory" in failure.message
    assert isinstance(results[1], Newsletter)  # a fresh worker took over


# --------------------------------------------------------------------------- 2. a batch always finishes


def test_batch_with_every_attack_writes_every_good_file(tmp_path: Path) -> None:
    hostile = [helpers.write_attack(tmp_path, attack) for attack in PDF_ATTACKS]
    good = [tmp_path / f"good-{n}.txt" for n in range(3)]
    for path in good:
        path.write_bytes(SAMPLE.read_bytes())
    output = tmp_path / "b.jsonl"
    result = cli(*map(str, [good[0], *hostile, *good[1:]]), "--jobs", "2", "--format", "jsonl", "-o", str(output))
    assert result.returncode == 2
    assert [json.loads(line)["source"]["path"] for line in output.read_text(encoding="utf-8").splitlines()] == list(map(str, good))
    lines = result.stderr.splitlines()
    assert len(lines) == len(hostile) + 1
    assert lines[-1] == f"lifang-parse: {len(hostile) + 3} files: 3 parsed (0 with warnings), {len(hostile)} failed; "[:-2]


def test_sigterm_stops_the_workers_too(tmp_path: Path) -> None:
    slow = []
    for n in range(2):
        path = tmp_path / f"slow-{n}.txt"
        path.write_bytes(helpers.repeated_lines(400))  # several seconds each
        slow.append(str(path))
    env = dict(os.environ, PYTHONPATH=SRC)
    process = subprocess.Popen([sys.executable, "-m", "lifang_parse", *slow, "--jobs", "2", "--timeout", "120"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    workers: list[int] = []
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = _children(process.pid)
    assert len(workers) == 2, "the workers did not start"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 143 and err.endswith("lifang-parse: terminated\n")
    time.sleep(0.5)
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"] == []


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "gone"


def test_jobs_are_capped_at_the_cores(tmp_path: Path) -> None:
    files = []
    for n in range(3):
        path = tmp_path / f"{n}.txt"
        path.write_bytes(SAMPLE.read_bytes())
        files.append(str(path))
    status, out, err = run(*files, "--jobs", "10000")
    cores = len(os.sched_getaffinity(0))
    assert status == 0 and len(out.splitlines()) == 3
    assert err.splitlines()[0] == f"lifang-parse: --jobs 10000 capped at {cores}, the cores here (--force-jobs to run more)"


# --------------------------------------------------------------------------- 3. file names are data


def test_a_file_name_that_is_not_utf8_goes_through_every_format(tmp_path: Path) -> None:
    name = helpers.non_utf8_name(tmp_path, SAMPLE.read_bytes())
    status, out, err = run(name)
    assert (status, err) == (0, "")
    assert "\\udcff" in out and os.fsencode(json.loads(out)["source"]["path"]) == os.fsencode(name)
    assert run(name, "--format", "jsonl", "-o", str(tmp_path / "a.jsonl"))[0] == 0
    status, _, err = run(name, "--format", "csv", "-o", str(tmp_path / "csv") + "/")
    assert status == 0 and "b\\xff.txt" in (tmp_path / "csv" / "items.csv").read_text(encoding="utf-8")
    status, _, err = run(name, "--format", "sqlite", "-o", str(tmp_path / "a.db"))
    assert status == 0
    with sqlite3.connect(tmp_path / "a.db") as db:
        assert db.execute("SELECT path FROM newsletter_sources").fetchone()[0].endswith("b\\xff.txt")
    assert check_database(connect(tmp_path / "a.db")) == []
    status, out, err = run("report", name)
    assert status == 0 and "b\\xff.txt" in out
    status, out, err = run("stats", name)
    assert (status, err) == (0, "")


def test_failure_message_of_such_a_name_prints(tmp_path: Path) -> None:
    name = helpers.non_utf8_name(tmp_path, b"not a newsletter at all\n")
    status, _, err = run(name, str(SAMPLE))
    assert status == 2 and f"{tmp_path}/b\\xff.txt: not a newsletter" in err


# --------------------------------------------------------------------------- 4. only regular files are read


def test_fifo_named_or_globbed_is_a_one_line_error(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_bytes(SAMPLE.read_bytes())
    result = cli(str(fifo), timeout=30)
    assert result.returncode == 2
    assert result.stderr == f"lifang-parse: {fifo}: is a FIFO (named pipe), not a regular file; only regular files are read\n"
    result = cli(str(tmp_path / "*.txt"), timeout=30)
    assert result.returncode == 2 and len(result.stdout.splitlines()) == 1
    assert f"{fifo}: is a FIFO" in result.stderr
    result = cli(str(tmp_path), timeout=30)  # a directory walk skips it
    assert result.returncode == 0 and result.stderr == ""
    with pytest.raises(InputError, match="a character device"):
        parse_file("/dev/zero")


def test_globs_never_follow_symlink_loops_nor_repeat_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "loop1").symlink_to(".")
    (folder / "loop2").symlink_to(".")
    (folder / "again.txt").symlink_to("a.txt")
    started = time.monotonic()
    found = collect_paths([str(folder / "**" / "*.txt")], recursive=True)
    assert time.monotonic() - started < 2
    assert found == [str(folder / "a.txt")]
    assert collect_paths([str(folder)], recursive=True) == [str(folder / "a.txt")]


# --------------------------------------------------------------------------- 5. outputs


def test_output_refuses_devices_and_fifos_and_resolves_links(tmp_path: Path) -> None:
    status, _, err = run(str(SAMPLE), "-o", "/dev/null")
    assert status == 2 and err == "lifang-parse: /dev/null: is a character device, not a regular file; refusing to replace it\n"
    assert Path("/dev/null").is_char_device()
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    assert run(str(SAMPLE), "-o", str(fifo))[0] == 2 and fifo.is_fifo()
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run(str(SAMPLE), "-o", str(link))[0] == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["issue_number"] == 44


def test_output_makes_parent_folders(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "x.json"
    assert run(str(SAMPLE), "-o", str(target))[0] == 0 and target.exists()
    assert run(str(SAMPLE), "--format", "sqlite", "-o", str(tmp_path / "db" / "a.db"))[0] == 0
    assert run("report", str(SAMPLE.parent), "-o", str(tmp_path / "site" / "index.html"), "-q")[0] == 0
    assert (tmp_path / "site" / "index.html").exists()


def test_full_disk_leaves_no_temporary_and_names_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("lifang_parse.atomic.os.fsync", full)
    target = tmp_path / "out.json"
    status, _, err = run(str(SAMPLE), "-o", str(target))
    assert status == 2
    assert err == f"lifang-parse: {target}: cannot write: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- 6. SQLite


def test_two_first_imports_at_once_both_complete(tmp_path: Path) -> None:
    database = tmp_path / "new.db"
    texts = sorted((helpers.REPO / "fixtures" / "text").glob("*.txt"))
    env = dict(os.environ, PYTHONPATH=SRC)
    commands = [[sys.executable, "-m", "lifang_parse", str(path), "--format", "sqlite", "-o", str(database), "-q"] for path in texts[:2]]
    processes = [subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) for command in commands]
    results = [(process.wait(timeout=60), process.stderr.read() if process.stderr else "") for process in processes]
    assert results == [(0, ""), (0, "")]
    connection = connect(database)
    assert connection.execute("SELECT count(*) FROM newsletters").fetchone()[0] == 2
    assert check_database(connection) == []


# --------------------------------------------------------------------------- 7. growth


def test_text_cost_grows_linearly_with_repetition(tmp_path: Path) -> None:
    def seconds(times: int) -> float:
        path = tmp_path / f"x{times}.txt"
        path.write_bytes(helpers.repeated_lines(times))
        started = time.perf_counter()
        parse_file(path, timeout=0)
        return time.perf_counter() - started

    small, large = seconds(10), seconds(100)
    assert large < 12 * small + 0.5, (small, large)


def test_text_memory_is_at_most_20_bytes_per_byte(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_bytes(helpers.one_long_line(2_000_000))
    script = (
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec from the (large) test process
        "import re, sys\n"
        "from lifang_parse.api import parse_file\n"
        "def peak():\n    return int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) * 1024\n"
        "before = peak()\n"
        "try:\n    parse_file(sys.argv[1], timeout=0)\nexcept Exception:\n    pass\n"
        "print(peak() - before)\n"
    )
    env = dict(os.environ, PYTHONPATH=SRC)
    grown = int(subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, env=env,
                               check=True, timeout=120).stdout)
    assert grown <= 20 * 2_000_000


# --------------------------------------------------------------------------- standard input


def test_standard_input_text_and_pdf() -> None:
    status, out, err = run("-", stdin=SAMPLE.read_bytes())
    assert (status, err) == (0, "") and json.loads(out)["source"]["path"] is None
    pdf = (helpers.REPO / "fixtures" / "pdf" / "weekly-cyber-214-2021-03.pdf").read_bytes()
    status, out, err = run(stdin=pdf)  # nothing named: the pipe is read
    assert (status, err) == (0, "") and json.loads(out)["source"]["format"] == "pdf"
    status, out, err = run("-", stdin=pdf[: len(pdf) // 2])
    assert status == 2 and err.startswith("lifang-parse: <stdin>: the PDF is truncated") and "empty" not in err
    status, out, err = run("-", "-o", "-", stdin=b"")
    assert status == 2 and err == "lifang-parse: <stdin>: the document holds no text\n"
