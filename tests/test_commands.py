"""Issue 16/17: one CLI (subcommands, help, fast start), the same issue twice, CSV for Excel, messages."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from lifang_parse.commands import main

from conftest import FIXTURES, REPO, SAMPLE

SAMPLE_PDF = FIXTURES / "pdf" / "weekly-cyber-214-2021-03.pdf"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def python(code: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout


def test_help_lists_every_command_with_examples() -> None:
    result = subprocess.run([sys.executable, "-m", "lifang_parse", "--help"], capture_output=True, text=True, check=True,
                            env=dict(os.environ, PYTHONPATH=str(REPO / "src")))
    for command in ("parse", "stats", "report", "schema"):
        assert f"    {command} " in result.stdout
    for command in ("parse", "stats", "report", "schema"):
        text = subprocess.run([sys.executable, "-m", "lifang_parse", command, "--help"], capture_output=True, text=True,
                              check=True, env=dict(os.environ, PYTHONPATH=str(REPO / "src"))).stdout
        assert "examples:" in text and "Exit status" in text


def test_help_version_and_schema_import_no_extractor() -> None:
    code = (
        "import io, sys\nfrom lifang_parse.commands import main\n"
        "for argv in (['--version'], ['--help'], ['schema']):\n"
        "    try:\n        main(argv, stdout=io.StringIO())\n    except SystemExit:\n        pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('lifang_parse.extract', 'lifang_parse.read', 'pdfminer'))))\n"
    )
    assert python(code).strip().splitlines()[-1] == "[]"


def test_library_imports_nothing_from_the_commands() -> None:
    sources = [p for p in (REPO / "src" / "lifang_parse").rglob("*.py") if "commands" not in p.parts and p.name != "__main__.py"]
    assert [p.name for p in sources if "lifang_parse.commands" in p.read_text(encoding="utf-8")] == []


def test_the_same_issue_as_pdf_and_text_is_one_newsletter(tmp_path: Path) -> None:
    database = tmp_path / "archive.db"
    status, _, err = run(str(SAMPLE), str(SAMPLE_PDF), "--format", "sqlite", "-o", str(database))
    assert status == 0
    assert err.splitlines()[-1].endswith(
        f"{database}: 1 added, 0 replaced, 1 another file of a stored newsletter (recorded as its source)"
    )
    status, out, _ = run("stats", str(database), "--json")
    figures = __import__("json").loads(out)
    assert (figures["newsletters"], figures["sources"], figures["items"]) == (1, 2, 5)
    status, out, _ = run("stats", str(SAMPLE), str(SAMPLE_PDF), "--json", "-q")
    assert __import__("json").loads(out)["newsletters"] == 1


def test_csv_for_excel_has_a_byte_order_mark(tmp_path: Path) -> None:
    assert run(str(SAMPLE), "--format", "csv", "--excel", "-o", str(tmp_path / "x") + "/", "-q")[0] == 0
    assert (tmp_path / "x" / "items.csv").read_bytes().startswith(b"\xef\xbb\xbfnewsletter_sha256,")
    assert run(str(SAMPLE), "--format", "csv", "-o", str(tmp_path / "y") + "/", "-q")[0] == 0
    assert (tmp_path / "y" / "items.csv").read_bytes().startswith(b"newsletter_sha256,")


def test_pretty_with_several_files_says_it_is_ignored(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    status, out, err = run(str(SAMPLE), str(copy), "--pretty")
    assert status == 0 and len(out.splitlines()) == 2
    assert err.splitlines()[0] == "lifang-parse: --pretty is ignored with several files: the output is JSON Lines, one object per line"
    status, _, err = run(str(SAMPLE), str(copy), "--pretty", "--quiet")
    assert (status, err) == (0, "")


def test_messages_for_encrypted_and_truncated_pdfs(tmp_path: Path) -> None:
    status, _, err = run(str(FIXTURES / "pdf" / "special" / "encrypted.pdf"))
    assert status == 2 and "--password" in err
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(SAMPLE_PDF.read_bytes()[:5000])
    status, _, err = run(str(cut))
    assert err == f"lifang-parse: {cut}: the PDF is truncated: its end-of-file marker ('%%EOF') is missing\n"


def test_utf16_without_bom_is_read(tmp_path: Path) -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode(encoding))
        status, out, err = run(str(path))
        assert (status, err) == (0, "") and f'"encoding":"{encoding}"' in out


def test_report_takes_what_parse_takes(tmp_path: Path) -> None:
    archive = tmp_path / "archive" / "2021"
    archive.mkdir(parents=True)
    (archive / "a.txt").write_bytes(SAMPLE.read_bytes())
    status, _, err = run("report", str(tmp_path / "archive"), "-r", "--jobs", "2", "-o", str(tmp_path / "site" / "index.html"))
    assert status == 0 and err.startswith("lifang-parse: 1 file: 1 parsed")
    assert (tmp_path / "site" / "a.html").exists()
