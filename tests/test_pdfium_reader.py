"""The pdfium reader gives what the reference (pdfplumber) reader gives.

``parse_file`` reads PDFs with pdfium by default (read/pdfium.py) and with
pdfplumber on request (``reader="pdfplumber"``). Both hand the same glyphs to
the same layout code, so their newsletters must be equal, ``source`` aside:

- every fixture PDF, and the special ones (encrypted, fake bold, hyphenated,
  image-only), line by line and as JSON;
- every layout of the unseen-layouts test (tests/pdfgen_alt.py);
- every file of the shared real-world corpus: the same outcome, a newsletter
  or the same error class, with and without the passwords;
- damaged files made here (truncated, bytes overwritten): the same error class;
- the producers of tests/producers (browser, LibreOffice, reportlab, fpdf2),
  when that package is present.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pypdfium2", reason="the pdfium reader needs pypdfium2")

from lifang_parse.api import parse_file, parse_read
from lifang_parse.errors import LifangParseError
from lifang_parse.read.pdf import read_pdf
from lifang_parse.read.pdfium import read_pdfium

from conftest import FIXTURES, SHARED

PDFS = sorted((FIXTURES / "pdf").glob("*.pdf"))
SPECIAL = FIXTURES / "pdf" / "special"
CORPUS = SHARED / "corpus"
MANIFEST = CORPUS / "MANIFEST.tsv"
_PASSWORD_RE = re.compile(r"password: '([^']*)'")


def _newsletter(path: Path, reader: str, password: str | None = None) -> dict[str, Any] | str:
    """The newsletter as JSON without ``source``, or the error's class name."""
    try:
        newsletter = parse_file(path, reader=reader, password=password)
    except LifangParseError as exc:
        assert path.name in str(exc), f"error message lacks the file name: {exc}"
        return type(exc).__name__
    data = newsletter.model_dump(mode="json")
    del data["source"]
    return data


def _lines(path: Path, password: str | None = None) -> tuple[list[tuple[str, int | None, bool]], ...]:
    """Both readers' paragraph lines (text, page, bold)."""
    return tuple(
        [(line.text, line.page, line.bold) for line in read(path, password=password).lines]
        for read in (read_pdf, read_pdfium)
    )


def _same_newsletter(path: Path, password: str | None = None) -> None:
    reference = _newsletter(path, "pdfplumber", password)
    assert _newsletter(path, "pdfium", password) == reference


# ------------------------------------------------------------------ fixtures


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_fixture_pdf_same_lines_and_newsletter(pdf: Path) -> None:
    reference, pdfium = _lines(pdf)
    assert pdfium == reference
    _same_newsletter(pdf)


@pytest.mark.parametrize("name", ["fake-bold.pdf", "hyphenated.pdf"])
def test_special_pdf_same_lines(name: str) -> None:
    reference, pdfium = _lines(SPECIAL / name)
    assert pdfium == reference
    _same_newsletter(SPECIAL / name)


def test_encrypted_same_with_and_without_password() -> None:
    encrypted = SPECIAL / "encrypted.pdf"
    assert _newsletter(encrypted, "pdfium") == _newsletter(encrypted, "pdfplumber") == "EncryptedDocumentError"
    assert _newsletter(encrypted, "pdfium", "wrong") == "EncryptedDocumentError"
    reference, pdfium = _lines(encrypted, password="lifang")
    assert pdfium == reference


def test_image_only_same_error() -> None:
    assert _newsletter(SPECIAL / "image-only.pdf", "pdfium") == "NoTextLayerError"
    assert _newsletter(SPECIAL / "image-only.pdf", "pdfplumber") == "NoTextLayerError"


def test_pdfium_is_the_default_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    import lifang_parse.read.pdf as reference

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pdfplumber reader was used")

    monkeypatch.setattr(reference, "read_pdf", refuse)
    monkeypatch.setattr(reference, "read_loaded", refuse)
    assert parse_file(PDFS[0]).sections


def test_unknown_reader_is_refused() -> None:
    with pytest.raises(ValueError, match="pdfium, pdfplumber"):
        parse_file(PDFS[0], reader="pdfminer")


# -------------------------------------------------------- generated layouts

try:
    import pdfgen_alt
    from test_pdf_unseen_layouts import CASES, _FONT_PACKAGES
except ImportError:  # reportlab missing: the unseen-layouts test skips too
    CASES = []

@pytest.mark.parametrize(
    ("txt", "seed", "cjk"), CASES, ids=[f"{t.parent.parent.name}-{t.stem}-{cjk}-{seed}" for t, seed, cjk in CASES]
)
def test_generated_layout_same_newsletter(txt: Path, seed: int, cjk: str, tmp_path: Path) -> None:
    missing = pdfgen_alt.missing_fonts(cjk)
    if missing:
        pytest.skip(f"font not installed: {', '.join(missing)} ({_FONT_PACKAGES})")
    pdf = tmp_path / f"{txt.stem}-{seed}.pdf"
    pdfgen_alt.render(txt.read_text(encoding="utf-8"), pdf, pdfgen_alt.layout_for(seed, cjk))
    reference, pdfium = _lines(pdf)
    assert pdfium == reference
    _same_newsletter(pdf)


# ------------------------------------------------------------ damaged files

SAMPLE_PDF = FIXTURES / "pdf" / "weekly-cyber-214-2021-03.pdf"


def _outcome(path: Path, reader: str, password: str | None = None) -> str:
    result = _newsletter(path, reader, password)
    return result if isinstance(result, str) else "Newsletter"


def _damaged(tmp_path: Path) -> list[Path]:
    """The damaged files of test_pdf_errors: not PDFs, truncated copies, and
    copies with bytes overwritten (fixed seeds)."""
    data = SAMPLE_PDF.read_bytes()
    contents = {
        "empty": b"",
        "text": b"hello, not a PDF at all\n" * 20,
        "header-garbage": b"%PDF-1.7\n" + b"\x00garbage" * 100 + b"\n%%EOF\n",
        "header-only": b"%PDF-1.4\n%%EOF",
    }
    contents.update({f"cut-{f}": data[: int(len(data) * f)] for f in (0.05, 0.3, 0.5, 0.8, 0.97)})
    rng = random.Random(214)
    for k in range(24):
        damaged = bytearray(data)
        for _ in range(1 + k * 4):
            damaged[rng.randrange(len(damaged) // 10, len(damaged) - 200)] = rng.randrange(256)
        contents[f"damaged-{k}"] = bytes(damaged)
    out = []
    for name, content in contents.items():
        out.append(tmp_path / f"{name}.pdf")
        out[-1].write_bytes(content)
    return out


def test_damaged_files_same_error_class(tmp_path: Path) -> None:
    """Where pdfium fails, the error is the reference reader's (it decides).

    pdfium repairs more than pdfminer: a stream with a stray byte, which
    pdfminer refuses as a whole, loses only that stream in pdfium. Such a
    file gives a result with pdfium where the reference reader raises
    CorruptDocumentError; every other outcome must be the same.
    """
    differ, recovered = [], []
    for path in _damaged(tmp_path):
        reference, pdfium = _outcome(path, "pdfplumber"), _outcome(path, "pdfium")
        if reference == pdfium:
            continue
        if reference == "CorruptDocumentError" and pdfium in ("Newsletter", "NotANewsletterError"):
            recovered.append(path.name)
        else:
            differ.append((path.name, reference, pdfium))
    assert not differ
    assert len(recovered) < 24, "pdfium recovered every damaged file: is the damage real?"


# ------------------------------------------------------------------ corpus


def _corpus_cases() -> list[tuple[str, str | None]]:
    if not MANIFEST.exists():
        return []
    with MANIFEST.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    cases: list[tuple[str, str | None]] = []
    for row in rows:
        cases.append((row["file"], None))
        match = _PASSWORD_RE.search(row.get("notes", ""))
        if match:
            cases.append((row["file"], match.group(1)))
        if row.get("kind") == "encrypted":
            cases.append((row["file"], "definitely-wrong-password"))
    return cases


CORPUS_CASES = _corpus_cases()


@pytest.mark.skipif(not MANIFEST.exists(), reason=f"shared corpus not found at {CORPUS} (../shared beside the repo)")
@pytest.mark.parametrize(("name", "password"), CORPUS_CASES, ids=[f"{n}-{p or 'nopw'}" for n, p in CORPUS_CASES])
def test_corpus_same_outcome(name: str, password: str | None) -> None:
    path = CORPUS / "pdfs" / name
    if not path.exists():
        pytest.skip(f"{path} listed in MANIFEST.tsv but missing")
    assert _outcome(path, "pdfium", password) == _outcome(path, "pdfplumber", password)


# --------------------------------------------------------------- producers

try:
    import producers
except ImportError:
    producers = None

# Where the two libraries place glyphs differently (measured 2026-12-03 on
# one style per fixture: browser 28/28, fpdf2 28/28, reportlab 27/28 and
# LibreOffice 20/28 identical). docs/PDF.md, "Two readers".
_KNOWN_PRODUCER_LIMITS = {
    "word": "LibreOffice's justified Chinese lines: pdfminer and pdfium put characters up to 0.05 pt apart "
    "(character spacing inside TJ arrays), which moves the line's usual gap between Chinese characters and "
    "with it whether a gap next to a number is a space ('179款' / '179 款'), or a line's order in the header",
    "reportlab": "a '€' in the unembedded Times-Roman continued by the next text object: pdfminer carries its "
    "zero advance into the next object's position, pdfium does not (a link's edge moves by one glyph)",
}


@pytest.mark.skipif(producers is None, reason="tests/producers (real PDF tool chains) is not in this checkout")
@pytest.mark.parametrize("producer", ["browser", "word", "reportlab", "fpdf2"])
def test_producer_pdfs_same_newsletter(producer: str, tmp_path: Path) -> None:
    assert producers is not None
    why = producers.missing_tool(producer)
    if why:
        pytest.skip(why)
    fixtures = producers.discover_fixtures()
    styles = producers.STYLES[producer]
    jobs = [(golden, producer, styles[i % len(styles)]) for i, (_, golden) in enumerate(fixtures)]
    made = producers.produce_many(jobs, tmp_path)
    pdfs = [path for path in made.values() if isinstance(path, Path)]
    assert pdfs, f"{producer} made no PDF: {list(made.values())[:3]}"
    differ = [pdf.name for pdf in pdfs if _newsletter(pdf, "pdfium") != _newsletter(pdf, "pdfplumber")]
    if differ and producer in _KNOWN_PRODUCER_LIMITS:
        pytest.xfail(f"{len(differ)} of {len(pdfs)} differ: {_KNOWN_PRODUCER_LIMITS[producer]}")
    assert not differ, f"{len(differ)} of {len(pdfs)} {producer} PDFs differ: {differ[:5]}"


def test_parse_read_is_shared() -> None:
    """Both readers hand a ReadResult to the same upper layers."""
    reference = parse_read(read_pdf(SAMPLE_PDF)).model_dump(mode="json")
    pdfium = parse_read(read_pdfium(SAMPLE_PDF)).model_dump(mode="json")
    del reference["source"], pdfium["source"]
    assert pdfium == reference


def test_cli_reader_flag_gives_the_same_json() -> None:
    """``--reader pdfplumber`` reaches parse_file through the batch layer."""
    import io
    import json

    from lifang_parse.commands import main

    outputs = []
    for argv in ([str(SAMPLE_PDF)], [str(SAMPLE_PDF), "--reader", "pdfplumber"], [str(SAMPLE_PDF), "--reader", "pdfium"]):
        out, err = io.StringIO(), io.StringIO()
        assert main([*argv, "--jobs", "1"], stdout=out, stderr=err) == 0, err.getvalue()
        data = json.loads(out.getvalue())
        del data["source"]
        outputs.append(data)
    assert outputs[0] == outputs[1] == outputs[2]
