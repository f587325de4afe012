"""Every real PDF of the shared robustness corpus through ``parse_file``.

The corpus (``../shared/corpus`` beside the repository: PDFs from the test
suites of pdfplumber, pdfminer.six and pypdf) is not about newsletters: the
only acceptable outcomes are a ``Newsletter`` or a documented
``LifangParseError``. Anything else (a raw pdfminer exception, a
RecursionError, a KeyError...) fails.
"""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pytest

from lifang_parse.errors import LifangParseError

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
MANIFEST = CORPUS / "MANIFEST.tsv"
# "password: 'foo'" in the manifest's notes column.
_PASSWORD_RE = re.compile(r"password: '([^']*)'")
# Generous: pdfplumber itself takes up to ~16 s on the slowest file here.
PER_FILE_SECONDS = 60.0


def _rows() -> list[dict[str, str]]:
    if not MANIFEST.exists():
        return []
    with MANIFEST.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


ROWS = _rows()


def _outcome(path: Path, password: str | None) -> str:
    from lifang_parse.api import parse_file
    from lifang_parse.models import Newsletter

    try:
        result = parse_file(path, password=password)
    except LifangParseError as exc:
        assert str(path.name) in str(exc), f"error message lacks the file name: {exc}"
        return type(exc).__name__
    assert isinstance(result, Newsletter)
    return "Newsletter"


@pytest.mark.skipif(not MANIFEST.exists(), reason=f"shared corpus not found at {CORPUS} (../shared beside the repo)")
@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_corpus_file(row: dict[str, str]) -> None:
    path = CORPUS / "pdfs" / row["file"]
    if not path.exists():
        pytest.skip(f"{path} listed in MANIFEST.tsv but missing")
    match = _PASSWORD_RE.search(row.get("notes", ""))
    started = time.monotonic()
    outcomes = [_outcome(path, None)]
    if match:
        outcomes.append(_outcome(path, match.group(1)))
    if row.get("kind") == "encrypted":
        outcomes.append(_outcome(path, "definitely-wrong-password"))
    assert time.monotonic() - started < PER_FILE_SECONDS * len(outcomes)


@pytest.mark.skipif(not MANIFEST.exists(), reason=f"shared corpus not found at {CORPUS} (../shared beside the repo)")
def test_corpus_truncated_heads(tmp_path: Path) -> None:
    """The corpus has no truncated file: cut some at test time."""
    for row in ROWS[:: max(1, len(ROWS) // 12)]:
        data = (CORPUS / "pdfs" / row["file"]).read_bytes()
        for fraction in (0.5, 0.9):
            cut = tmp_path / f"cut-{fraction}-{row['file']}"
            cut.write_bytes(data[: int(len(data) * fraction)])
            _outcome(cut, None)


if not MANIFEST.exists():  # pragma: no cover - visible reason in the report
    def test_corpus_missing() -> None:
        pytest.skip(f"shared corpus not found at {CORPUS}: ../shared/corpus beside the repository")
