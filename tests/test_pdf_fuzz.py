"""Property tests on damaged PDFs: a Newsletter or a typed error naming the file.

Bytes flipped anywhere (header, xref, streams, fonts) and truncation at any
byte of every fixture PDF. Nothing else may escape: no pdfminer or pdfplumber
exception, no RecursionError, no KeyError.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lifang_parse import parse_file
from lifang_parse.errors import LifangParseError
from lifang_parse.models import Newsletter

from conftest import FIXTURES

PDFS = sorted((FIXTURES / "pdf").glob("*.pdf"))
PDF_BYTES = {path.name: path.read_bytes() for path in PDFS}
# PDF parses cost more than text ones: a third of the profile's examples.
EXAMPLES = max(5, settings.default.max_examples // 3)


def _outcome(path: Path) -> str:
    try:
        newsletter = parse_file(path)
    except LifangParseError as error:
        assert path.name in str(error)
        return type(error).__name__
    assert isinstance(newsletter, Newsletter)
    Newsletter.model_validate_json(newsletter.to_json())
    return "Newsletter"


@settings(max_examples=EXAMPLES)
@given(
    name=st.sampled_from(sorted(PDF_BYTES)),
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=30),
)
def test_flipped_bytes(tmp_path_factory, name: str, flips: list[tuple[float, int]]) -> None:
    data = bytearray(PDF_BYTES[name])
    for where, value in flips:
        data[int(where * len(data))] = value
    path = tmp_path_factory.mktemp("flip") / f"flipped-{name}"
    path.write_bytes(bytes(data))
    _outcome(path)


@settings(max_examples=EXAMPLES)
@given(name=st.sampled_from(sorted(PDF_BYTES)), fraction=st.floats(0, 1))
def test_truncated_anywhere(tmp_path_factory, name: str, fraction: float) -> None:
    data = PDF_BYTES[name]
    path = tmp_path_factory.mktemp("cut") / f"cut-{name}"
    path.write_bytes(data[: int(fraction * len(data))])
    _outcome(path)


def test_the_fixture_pdfs_exist() -> None:
    assert len(PDFS) >= 6, "run `python tools/make_fixture_pdfs.py`"
    assert os.path.getsize(PDFS[0]) > 1000
