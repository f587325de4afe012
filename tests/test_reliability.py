"""Determinism, thread safety, and no side effects on the caller's files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lifang_parse import parse_file, parse_text
from lifang_parse.errors import InputError, LifangParseError

from conftest import SAMPLE, TEXT_FIXTURES
from lossless import missing_lines

_DUMP = "import sys; from lifang_parse import parse_file; sys.stdout.write(parse_file(sys.argv[1]).to_json())"


def test_same_json_under_any_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "1", "12345", "random"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        result = subprocess.run([sys.executable, "-c", _DUMP, str(TEXT_FIXTURES[-1])], env=env, capture_output=True, check=True)
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_parse_file_is_thread_safe() -> None:
    expected = {path: parse_file(path).to_json() for path in TEXT_FIXTURES}
    jobs = [path for path in TEXT_FIXTURES for _ in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda p: (p, parse_file(p).to_json()), jobs))
    assert all(json_text == expected[path] for path, json_text in results)


def test_input_is_only_read(tmp_path: Path) -> None:
    path = tmp_path / "issue.txt"
    path.write_bytes(SAMPLE.read_bytes())
    path.chmod(stat.S_IRUSR)  # read-only: a write attempt would fail
    before = (path.stat().st_mtime_ns, path.read_bytes())
    assert parse_file(path).issue_number == 44
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["issue.txt"]


def test_no_temporary_files_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    for path in TEXT_FIXTURES:
        parse_file(path)
    assert list(private_tmp.iterdir()) == []


def test_utf16_with_lone_surrogate_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "broken16.txt"
    encoded = SAMPLE.read_text(encoding="utf-8").encode("utf-16-le")
    path.write_bytes(b"\xff\xfe" + encoded[:200] + b"\x00\xd8" + encoded[200:])  # a high surrogate alone
    with pytest.raises(InputError, match="utf-16"):
        parse_file(path)


# Characters users' pipelines really produce: CJK, emoji, controls, RTL and zero-width marks.
_NASTY = st.sampled_from(["数据", "🙂", "\x00", "\x1b", "\u200f", "\u202e", "\u200b", "\ufeff", "\u3000", "《", "》", "**", "*", "（", "）", "\r", "\f", "\t"])


@given(st.sampled_from(TEXT_FIXTURES), st.lists(st.tuples(st.integers(0, 10**6), _NASTY), max_size=12))
def test_inserted_unicode_loses_nothing(path: Path, insertions: list[tuple[int, str]]) -> None:
    text = path.read_text(encoding="utf-8")
    for position, fragment in insertions:
        position %= len(text) + 1
        text = text[:position] + fragment + text[position:]
    try:
        newsletter = parse_text(text, source_path=path.name)
    except LifangParseError as error:
        assert path.name in str(error)
        return
    assert missing_lines(text, newsletter) == []


def test_lone_surrogates_in_a_string_are_replaced_with_a_warning() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("工信部组织召开APP", "工信部\ud800组织召开APP", 1)
    newsletter = parse_text(text)
    assert newsletter.contents[0].titles[0].zh == "工信部\ufffd组织召开APP个人信息保护监管座谈会"
    assert [w.message for w in newsletter.warnings if w.code == "invalid_text"] == ["1 lone surrogate(s) replaced by U+FFFD"]
    assert "\ufffd" in newsletter.to_json()
