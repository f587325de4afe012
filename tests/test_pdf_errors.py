"""Bad PDFs give typed errors (file name and page in the message), never a
raw pdfminer/pdfplumber exception."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from lifang_parse.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    LifangParseError,
    LimitExceededError,
    NoTextLayerError,
)
from lifang_parse.read.pdf import read_pdf

REPO = Path(__file__).resolve().parent.parent
SAMPLE_PDF = REPO / "fixtures" / "pdf" / "weekly-cyber-214-2021-03.pdf"
SPECIAL = REPO / "fixtures" / "pdf" / "special"
ENCRYPTED = SPECIAL / "encrypted.pdf"  # user password "lifang" (RC4-40, R2, reportlab)


def test_encrypted_without_password() -> None:
    with pytest.raises(EncryptedDocumentError) as info:
        read_pdf(ENCRYPTED)
    assert "encrypted.pdf" in str(info.value) and "password" in str(info.value)


def test_encrypted_wrong_password() -> None:
    with pytest.raises(EncryptedDocumentError, match="wrong"):
        read_pdf(ENCRYPTED, password="not-it")


def test_encrypted_with_password_reads_like_the_plain_file() -> None:
    plain = [line.text for line in read_pdf(SAMPLE_PDF).lines]
    assert [line.text for line in read_pdf(ENCRYPTED, password="lifang").lines] == plain


def test_parse_file_passes_the_password() -> None:
    api = pytest.importorskip("lifang_parse.api")
    with pytest.raises(EncryptedDocumentError):
        api.parse_file(ENCRYPTED)
    assert api.parse_file(ENCRYPTED, password="lifang").sections


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.5, 0.8, 0.97])
def test_truncated(tmp_path: Path, fraction: float) -> None:
    data = SAMPLE_PDF.read_bytes()
    cut = tmp_path / f"cut-{fraction}.pdf"
    cut.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(CorruptDocumentError) as info:
        read_pdf(cut)
    assert cut.name in str(info.value)


def test_image_only_needs_ocr() -> None:
    with pytest.raises(NoTextLayerError) as info:
        read_pdf(SPECIAL / "image-only.pdf")
    message = str(info.value)
    assert "image-only.pdf" in message and "OCR" in message and "ocrmypdf" in message


@pytest.mark.parametrize(
    "content",
    [b"", b"hello, not a PDF at all\n" * 20, b"%PDF-1.7\n" + b"\x00garbage" * 100 + b"\n%%EOF\n", b"%PDF-1.4\n%%EOF"],
    ids=["empty", "text", "header-garbage", "header-only"],
)
def test_not_a_pdf(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    with pytest.raises(CorruptDocumentError) as info:
        read_pdf(bad)
    assert "bad.pdf" in str(info.value)


def test_limits() -> None:
    with pytest.raises(LimitExceededError, match="max_pages"):
        read_pdf(SAMPLE_PDF, max_pages=2)
    with pytest.raises(LimitExceededError, match="max_bytes"):
        read_pdf(SAMPLE_PDF, max_bytes=1000)


def test_corrupted_bytes_give_result_or_typed_error(tmp_path: Path) -> None:
    """Random byte damage in the middle: a result or our own error, nothing else."""
    data = bytearray(SAMPLE_PDF.read_bytes())
    rng = random.Random(214)
    for k in range(12):
        damaged = bytearray(data)
        for _ in range(40):
            pos = rng.randrange(len(damaged) // 10, len(damaged) - 200)
            damaged[pos] = rng.randrange(256)
        path = tmp_path / f"damaged-{k}.pdf"
        path.write_bytes(bytes(damaged))
        try:
            read_pdf(path)
        except LifangParseError as exc:
            assert path.name in str(exc)


def test_errors_are_lifang_errors() -> None:
    for cls in (CorruptDocumentError, EncryptedDocumentError, NoTextLayerError, LimitExceededError):
        assert issubclass(cls, LifangParseError)
