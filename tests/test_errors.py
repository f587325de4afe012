"""Bad input gets a typed error from lifang_parse.errors, with the file named."""

from __future__ import annotations

from pathlib import Path

import pytest

from lifang_parse import parse_file, parse_text
from lifang_parse.errors import (
    EmptyDocumentError,
    InputError,
    LifangParseError,
    NotANewsletterError,
    StructureError,
)

from conftest import REPO, SAMPLE

# A chapter of prose in Chinese, written for this test: no masthead, no headings.
NOVEL_CHAPTER = """第一章 归乡

那年冬天，他坐了三天的火车才回到北方的小城。站台上落满了雪，远处的烟囱冒着白气。

母亲站在出站口，手里攥着一只旧布袋。她没有说话，只是把布袋塞进他怀里，转身往家的方向走。

他跟在后面，踩着母亲留下的脚印，一步一步，像小时候那样。
"""


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", "\u3000\n\u00a0\n".encode("utf-8"), b"\xef\xbb\xbf"])
def test_empty_or_blank_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyDocumentError) as caught:
        parse_file(path)
    assert str(path) in str(caught.value)


def test_readme_is_not_a_newsletter() -> None:
    with pytest.raises(NotANewsletterError) as caught:
        parse_file(REPO / "README.md")
    message = str(caught.value)
    assert "README.md" in message
    assert "expected" in message and "found" in message
    assert "国内要闻 Domestic News" in message


def test_novel_chapter_is_not_a_newsletter(tmp_path: Path) -> None:
    path = tmp_path / "chapter.txt"
    path.write_text(NOVEL_CHAPTER, encoding="gb18030")
    with pytest.raises(NotANewsletterError, match="0 section heading"):
        parse_file(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        parse_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        parse_file(tmp_path)


def test_binary_junk_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.bin"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError):
        parse_file(path)


def test_byte_limit(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="max_bytes"):
        parse_file(SAMPLE, max_bytes=100)


def test_strict_raises_structure_error_listing_the_warnings() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("No.214", "No.214\n\nA stray line nobody claims")
    assert parse_text(text).unplaced  # lenient: parsed, with the line kept
    with pytest.raises(StructureError) as caught:
        parse_text(text, strict=True)
    assert [w.code for w in caught.value.warnings] == ["unplaced_text"]
    assert "unplaced_text" in str(caught.value)


def test_strict_passes_a_clean_sample() -> None:
    assert parse_file(SAMPLE, strict=True).publication_number == 214


def test_every_error_is_a_lifang_parse_error() -> None:
    for error in (InputError, EmptyDocumentError, NotANewsletterError, StructureError):
        assert issubclass(error, LifangParseError)
