"""parse_many: one result per file, in input order, errors as values, never a stopped batch."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from lifang_parse import parse_file, parse_many
from lifang_parse.batch import BatchSummary, ParseFailure, collect_paths
from lifang_parse.errors import InputError
from lifang_parse.models import Newsletter

from conftest import REPO, SAMPLE, TEXT_FIXTURES


# The two tests that patch parse_file rely on forked workers inheriting the patch.
needs_fork = pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers are not forked here")


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    """A small archive: the sample twice (top and nested), a broken file, a hidden file, a non-newsletter name."""
    (tmp_path / "2021").mkdir()
    (tmp_path / "214.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "2021" / "214-copy.TXT").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "2021" / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n")
    (tmp_path / ".hidden.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "notes.md").write_text("not picked up", encoding="utf-8")
    return tmp_path


def test_results_in_input_order_with_failures_as_values(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    inputs = [SAMPLE, tmp_path / "missing.txt", REPO / "LICENSE", empty, SAMPLE]
    results = list(parse_many(inputs, workers=1))
    assert [type(r).__name__ for r in results] == ["Newsletter", "ParseFailure", "ParseFailure", "ParseFailure", "Newsletter"]
    missing, licence, blank = results[1], results[2], results[3]
    assert isinstance(missing, ParseFailure) and missing.error == "InputError"
    assert missing.path == str(tmp_path / "missing.txt") and missing.message.endswith("missing.txt: no such file")
    assert isinstance(licence, ParseFailure) and licence.error == "NotANewsletterError" and licence.expected
    assert isinstance(blank, ParseFailure) and blank.error == "EmptyDocumentError"
    first = results[0]
    assert isinstance(first, Newsletter)
    assert [len(s.items) for s in first.sections] == [4, 1]
    assert [i.id for i in first.all_items()] == ["1.1", "1.2", "1.3", "1.4", "2.1"]


def test_two_workers_give_the_same_results_in_the_same_order(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\ngarbage")
    inputs = [*TEXT_FIXTURES, broken, *reversed(TEXT_FIXTURES)]
    pooled = list(parse_many(inputs, workers=2, chunksize=2))
    serial = list(parse_many(inputs, workers=1))
    assert len(pooled) == len(inputs)
    for path, got, want in zip(inputs, pooled, serial, strict=True):
        assert type(got) is type(want)
        if isinstance(got, Newsletter):
            assert got.source.path == str(path)
            assert got == want
    failure = pooled[len(TEXT_FIXTURES)]
    assert isinstance(failure, ParseFailure) and failure.error == "CorruptDocumentError"
    sample = pooled[[Path(p) for p in inputs].index(SAMPLE)]
    assert isinstance(sample, Newsletter) and sample.publication_number == 214
    assert sample.sections[0].items[0].title.en == "MIIT Holds APP Personal Information Protection Supervision Meeting"


@needs_fork
def test_an_unexpected_exception_is_a_failure_of_that_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(SAMPLE.read_bytes())

    def flaky(path: str, **options: object) -> Newsletter:
        if path == str(bad):
            raise KeyError("boom")
        return parse_file(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr("lifang_parse.batch.parse_file", flaky)
    for workers in (1, 2):  # worker processes are forked, so they inherit the patch
        results = list(parse_many([SAMPLE, bad, SAMPLE], workers=workers))
        failure = results[1]
        assert isinstance(failure, ParseFailure)
        assert (failure.error, failure.expected) == ("KeyError", False)
        assert "internal error (KeyError: 'boom')" in failure.message
        assert all(isinstance(r, Newsletter) for r in (results[0], results[2]))


@needs_fork
def test_a_dying_worker_costs_only_its_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    deadly = tmp_path / "deadly.txt"
    deadly.write_bytes(SAMPLE.read_bytes())

    def crash(path: str, **options: object) -> Newsletter:
        if path == str(deadly):
            os._exit(3)  # what a segfault or the OOM killer looks like to the pool
        return parse_file(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr("lifang_parse.batch.parse_file", crash)
    inputs = [SAMPLE, deadly, *TEXT_FIXTURES[:2]]
    results = list(parse_many(inputs, workers=2, chunksize=1))
    assert [type(r).__name__ for r in results] == ["Newsletter", "ParseFailure", "Newsletter", "Newsletter"]
    assert isinstance(results[1], ParseFailure) and results[1].error == "WorkerCrashed"
    assert [r.source.path for r in results if isinstance(r, Newsletter)] == [str(SAMPLE), *map(str, TEXT_FIXTURES[:2])]


def test_strict_failures_are_marked(tmp_path: Path) -> None:
    noisy = tmp_path / "noisy.txt"
    noisy.write_text(SAMPLE.read_text(encoding="utf-8").replace("No.214", "No.214\n\nstray words"), encoding="utf-8")
    (result,) = parse_many([noisy], strict=True)
    assert isinstance(result, ParseFailure) and result.is_strict_failure and "unplaced_text" in result.message


def test_collect_paths(archive: Path) -> None:
    top = str(archive / "214.txt")
    nested = [str(archive / "2021" / "214-copy.TXT"), str(archive / "2021" / "broken.pdf")]
    assert collect_paths([str(archive)]) == [top]
    assert collect_paths([str(archive)], recursive=True) == sorted([top, *nested])
    assert collect_paths([str(archive / "*" / "*.pdf")]) == [nested[1]]
    assert collect_paths([str(archive / "**" / "*.txt")], recursive=True) == [top]  # glob is case-sensitive
    # named files are kept as given (missing ones too, to be reported in order); duplicates once
    named = [str(archive / "notes.md"), str(archive / "gone.txt"), top, top]
    assert collect_paths(named) == named[:3]
    with pytest.raises(InputError, match="no file matches"):
        collect_paths([str(archive / "*.docx")])


def test_summary(archive: Path) -> None:
    summary = BatchSummary()
    for result in parse_many(collect_paths([str(archive)], recursive=True), workers=1):
        summary = summary.add(result)
    assert (summary.parsed, summary.with_warnings, summary.failed) == (2, 0, 1)
    assert summary.line() == "3 files: 2 parsed (0 with warnings), 1 failed"
