"""The command-line tool: output forms, errors on stderr, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from lifang_parse.commands import main

from conftest import REPO, SAMPLE


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_one_file_prints_one_json_object() -> None:
    status, out, err = run(str(SAMPLE))
    assert status == 0 and err == ""
    assert out.count("\n") == 1
    document = json.loads(out)
    assert document["publication_number"] == 214
    assert [len(s["items"]) for s in document["sections"]] == [4, 1]


def test_pretty_indents() -> None:
    status, out, _ = run(str(SAMPLE), "--pretty")
    assert status == 0
    assert out.startswith('{\n  "schema_version": "1.1",')
    assert json.loads(out)["issue_number"] == 44


def test_several_files_give_json_lines(tmp_path: Path) -> None:
    second = tmp_path / "copy.txt"
    second.write_bytes(SAMPLE.read_bytes())
    status, out, _ = run(str(SAMPLE), str(second))
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(SAMPLE), str(second)]


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    status, out, _ = run(str(SAMPLE), "-o", str(target))
    assert status == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["period"] == "2021-03"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_bad_input_exit_2_with_one_line_on_stderr(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status, out, err = run(str(empty))
    assert status == 2 and out == ""
    assert err == f"lifang-parse: {empty}: the document holds no text\n"
    status, _, err = run(str(REPO / "LICENSE"))
    assert status == 2
    assert err.startswith(f"lifang-parse: {REPO / 'LICENSE'}: not a newsletter")
    assert err.count("\n") == 1


def test_good_files_still_printed_when_one_fails(tmp_path: Path) -> None:
    status, out, err = run(str(SAMPLE), str(tmp_path / "missing.txt"))
    assert status == 2
    assert json.loads(out)["issue_number"] == 44
    assert "missing.txt: no such file" in err


def test_strict_exit_1_on_warnings(tmp_path: Path) -> None:
    noisy = tmp_path / "noisy.txt"
    noisy.write_text(SAMPLE.read_text(encoding="utf-8").replace("No.214", "No.214\n\nstray words"), encoding="utf-8")
    assert run(str(noisy))[0] == 0
    status, out, err = run(str(noisy), "--strict")
    assert status == 1 and out == ""
    assert "unplaced_text" in err


def test_schema_command() -> None:
    status, out, _ = run("schema")
    schema = json.loads(out)
    assert status == 0
    assert schema["title"] == "Newsletter"
    assert set(schema["properties"]) >= {
        "schema_version", "source", "publisher", "publication", "publication_number", "period", "title",
        "issue_number", "contents", "sections", "footer", "boilerplate", "warnings", "unplaced",
    }
    assert set(schema["$defs"]["Item"]["properties"]) >= {
        "id", "title", "body", "links", "dates", "agencies", "counts", "amounts", "laws", "companies",
        "people", "location", "warnings",
    }


def test_python_dash_m_and_console_script() -> None:
    result = subprocess.run([sys.executable, "-m", "lifang_parse", str(SAMPLE)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"]["en"] == "Weekly Cybersecurity and Data Protection Review"
    script = Path(sys.executable).with_name("lifang-parse")
    if script.exists():
        result = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
        assert result.stdout.strip() == "lifang-parse 0.1.0"


def test_output_file_has_ordinary_permissions(tmp_path: Path) -> None:
    import os

    target = tmp_path / "out.json"
    assert run(str(SAMPLE), "-o", str(target))[0] == 0
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
