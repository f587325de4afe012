"""Unit tests of the PDF reader on the generated fixture PDFs, and of the
reader-independent layout functions on plain data."""

from __future__ import annotations

from pathlib import Path

import pytest

from lifang_parse.read.layout import (
    Frag,
    Run,
    build_vocabulary,
    clean_cjk_spaces,
    find_furniture,
    join_paragraphs,
    join_seam,
    normalise_text,
    order_page,
    restore_link_markers,
)
from lifang_parse.read.pdf import read_pdf

REPO = Path(__file__).resolve().parent.parent
TEXT = REPO / "fixtures" / "text"
PDF = REPO / "fixtures" / "pdf"
SPECIAL = PDF / "special"
SAMPLE_PDF = PDF / "weekly-cyber-214-2021-03.pdf"
PAIRS = [t for t in sorted(TEXT.glob("*.txt"))]


def _text_lines(path: Path) -> list[str]:
    lines = [normalise_text(x) for x in path.read_text(encoding="utf-8").splitlines()]
    return [x for x in lines if x]


@pytest.fixture(scope="module")
def sample():
    return read_pdf(SAMPLE_PDF)


@pytest.mark.parametrize("txt", PAIRS, ids=[p.stem for p in PAIRS])
def test_read_layer_equivalence(txt: Path) -> None:
    """The reader gives the text form's non-blank lines, in order, exactly."""
    pdf = PDF / f"{txt.stem}.pdf"
    assert pdf.exists(), f"no PDF for {txt.name}: run `python tools/make_fixture_pdfs.py`"
    got = [line.text for line in read_pdf(pdf).lines]
    assert got == _text_lines(txt)


def test_result_metadata(sample) -> None:
    assert sample.format == "pdf"
    assert sample.pages == 5
    assert len(sample.sha256) == 64
    assert [line.number for line in sample.lines] == list(range(1, len(sample.lines) + 1))
    assert all(line.page is not None and 1 <= line.page <= 5 for line in sample.lines)
    assert sample.lines[0].page == 1 and sample.lines[-1].page == 5


def test_running_header_and_page_numbers_removed(sample) -> None:
    assert sample.furniture_removed >= 8  # header (2 parts) + number on 4 pages
    texts = [line.text for line in sample.lines]
    assert not any("网络安全与数据合规周报" in t and "|" in t for t in texts)
    assert not any(t.startswith("- ") and t.endswith(" -") for t in texts)
    assert "Lifang & Partners Weekly Review" not in texts


def test_paragraphs_rejoined_across_wraps_and_pages(sample) -> None:
    texts = [line.text for line in sample.lines]
    zh = next(t for t in texts if t.startswith("2021年2月5日，工业和信息化部"))
    assert "暂行规定》有关情况" in zh and zh.endswith("（[查看更多](#)）")
    en = next(t for t in texts if t.startswith("On February 1, 2021, the Federal Trade Commission"))
    assert en.endswith("if it experiences a data breach. ([More](#))")
    assert "  " not in en


def test_italic_law_titles_and_bold(sample) -> None:
    texts = [line.text for line in sample.lines]
    assert any("the *Interim Provisions on the Personal Information Protection of Mobile Internet Applications* which" in t for t in texts)
    assert "LIFANG & PARTNERS **立方观评**" in texts
    headings = [line for line in sample.lines if line.text == "国内要闻 Domestic News"]
    assert len(headings) == 2 and all(h.bold for h in headings)
    body = next(line for line in sample.lines if line.text.startswith("2021年2月5日"))
    assert not body.bold


def test_fake_bold_overprint_deduplicated() -> None:
    lines = read_pdf(SPECIAL / "fake-bold.pdf").lines
    assert [line.text for line in lines] == [
        "国内要闻",
        "LIFANG & PARTNERS **立方观评**",
        "工信部组织召开APP个人信息保护监管座谈会。",
    ]
    assert lines[0].bold and not lines[2].bold


def test_hyphens_cjk_wraps_and_letter_spacing() -> None:
    texts = [line.text for line in read_pdf(SPECIAL / "hyphenated.pdf").lines]
    assert texts == [
        "MIIT organized third-party testing agencies to inspect apps; the third-party agencies "
        "reported that the apps were well organized and that third-party SDKs were used.",
        "工信部组织第三方检测机构对手机应用软件进行检查，督促存在问题的企业进行整改，并公布了截至2月5日尚未完成整改的26款APP软件。",
        "国内要闻 Domestic News",
    ]


# ---------------------------------------------------------------- layout, pure


def test_join_seam() -> None:
    vocab = build_vocabulary(["a third-party tool"])
    assert join_seam("工信部组织", "召开") == ("工信部组织", "")
    assert join_seam("宣布已与", "Zoom完成") == ("宣布已与", "")
    assert join_seam("the Federal", "Trade") == ("the Federal", " ")
    assert join_seam("organ-", "ized", vocab) == ("organ", "")
    assert join_seam("third-", "party", vocab) == ("third-", "")
    assert join_seam('force merchants to "', "choose") == ('force merchants to "', "")
    assert join_seam("the apps", ", which") == ("the apps", "")


def test_clean_cjk_spaces() -> None:
    assert clean_cjk_spaces("国 内 要 闻 Domestic News") == "国内要闻 Domestic News"
    # One meant space between Chinese words stays.
    kept = "《信息安全技术 快递物流服务数据安全指南》"
    assert clean_cjk_spaces(kept) == kept


def test_restore_link_markers() -> None:
    assert restore_link_markers("整改。（查看更多）") == "整改。（[查看更多](#)）"
    assert restore_link_markers("a breach. (More)") == "a breach. ([More](#))"
    assert restore_link_markers("a breach. ([More](#))") == "a breach. ([More](#))"


def _frag(text: str, page: int, x0: float, x1: float, y: float, size: float = 10.0, **kw) -> Frag:
    return Frag((Run(text, **kw),), page, x0, x1, y - size, y + 2, y, size, first_width=size * 2)


def test_find_furniture_by_repetition_and_position() -> None:
    pages = []
    words = ["alpha", "beta", "gamma", "delta"]
    for p in range(1, 5):
        pages.append([
            _frag("立方观评 | 周报", p, 60, 200, 40, 8),
            _frag(f"Body text {words[p - 1]}", p, 60, 500, 120),
            _frag("国内要闻 Domestic News", p, 60, 200, 160) if p == 2 else _frag("more", p, 60, 90, 160),
            _frag(f"- {p} -", p, 280, 300, 810, 8),
        ])
    removed = find_furniture(pages, [842.0] * 4)
    assert removed == {(p, 0) for p in range(4)} | {(p, 3) for p in range(4)}


def test_order_page_reads_columns_one_after_another() -> None:
    frags = [_frag("Masthead across the page", 1, 60, 530, 80)]
    for i in range(4):
        frags.append(_frag(f"L{i}", 1, 60, 280, 120 + 14 * i))
        frags.append(_frag(f"R{i}", 1, 310, 530, 120 + 14 * i))
    ordered = [f.text for f in order_page(frags)]
    assert ordered == ["Masthead across the page", "L0", "L1", "L2", "L3", "R0", "R1", "R2", "R3"]


def test_join_paragraphs_by_spacing_and_fill() -> None:
    lines = [
        _frag("This line is long enough to fill the whole column of the page", 1, 60, 500, 100),
        _frag("and goes on.", 1, 60, 130, 114),
        _frag("A new paragraph after some space", 1, 60, 300, 134),
    ]
    paras = join_paragraphs(lines)
    assert [p.text for p in paras] == [
        "This line is long enough to fill the whole column of the page and goes on.",
        "A new paragraph after some space",
    ]
