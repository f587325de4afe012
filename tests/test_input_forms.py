"""Text input as users have it: encodings, line ends, odd spaces, Markdown emphasis."""

from __future__ import annotations

from pathlib import Path

import pytest

from lifang_parse import parse_file, parse_text

from conftest import SAMPLE

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def _shape(newsletter):  # what must not change with the encoding
    return (
        newsletter.publication_number,
        newsletter.period,
        newsletter.title,
        [(s.heading, [(i.title, i.body, i.links) for i in s.items]) for s in newsletter.sections],
        newsletter.footer,
    )


REFERENCE = _shape(parse_file(SAMPLE))


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (SAMPLE_TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE_TEXT.encode("utf-8"), "utf-8-sig"),
        (SAMPLE_TEXT.encode("utf-16"), "utf-16"),  # Python writes a BOM
        (SAMPLE_TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
        (SAMPLE_TEXT.encode("gb18030"), "gb18030"),
        (SAMPLE_TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "gb18030", "crlf"],
)
def test_encodings_give_the_same_newsletter(tmp_path: Path, encoded: bytes, encoding: str) -> None:
    path = tmp_path / "issue.txt"
    path.write_bytes(encoded)
    newsletter = parse_file(path)
    assert newsletter.source.encoding == encoding
    assert _shape(newsletter) == REFERENCE


def test_full_width_and_no_break_spaces_are_folded() -> None:
    text = SAMPLE_TEXT.replace("国内要闻 Domestic News", "国内要闻\u3000Domestic\u00a0 News").replace(
        "MIIT Holds APP Personal", "MIIT\u3000Holds  APP\u00a0Personal"
    )
    newsletter = parse_text(text)
    assert newsletter.sections[0].heading.en == "Domestic News"
    assert newsletter.sections[0].items[0].title.en == "MIIT Holds APP Personal Information Protection Supervision Meeting"


def test_markdown_bold_is_cleaned_from_values() -> None:
    text = SAMPLE_TEXT.replace("立方网络安全与数据合规周报", "**立方网络安全与数据合规周报**").replace(
        "工信部通报下架37款侵害用户权益APP\n\n2021年2月3日", "**工信部通报下架37款侵害用户权益APP**\n\n2021年2月3日"
    )
    newsletter = parse_text(text)
    assert newsletter.publication.zh == "立方观评"
    assert newsletter.title.zh == "立方网络安全与数据合规周报"
    item = newsletter.sections[0].items[2]
    assert item.title.zh == "工信部通报下架37款侵害用户权益APP"
    assert [(e.lang, e.field, e.start, e.end, e.style) for e in item.emphasis] == [("zh", "title", 0, len(item.title.zh), "bold")]
    # Single-asterisk italics mark English law titles: plain text in the body, an italic span beside it (schema 1.1).
    first = newsletter.sections[0].items[0]
    body = first.body.en or ""
    law = "Interim Provisions on the Personal Information Protection of Mobile Internet Applications"
    assert "*" not in body
    [span] = [e for e in first.emphasis if e.lang == "en" and e.field == "body"]
    assert (span.style, body[span.start : span.end]) == ("italic", law)
    assert [fact.title.en for fact in first.laws] == [law]


def test_bold_or_italic_anywhere_in_a_heading_or_masthead_changes_nothing() -> None:
    """Structure is blind to inline style (unseen-PDFs issue): any half, or one word, in bold or italics."""
    styled = (
        SAMPLE_TEXT.replace("国内要闻 Domestic News", "国内要闻 **Domestic News**", 1)
        .replace("国内要闻 Domestic News", "**国内要闻** *Domestic* News", 1)
        .replace("海外动态 Overseas News", "***海外动态 Overseas News***")
        .replace("No.214", "**No.214**")
        .replace("MIIT Holds APP Personal", "MIIT **Holds** APP Personal")
    )
    plain, bold = parse_text(SAMPLE_TEXT), parse_text(styled)
    assert bold.publication_number == 214
    assert [s.heading for s in bold.sections] == [s.heading for s in plain.sections]
    assert [s.heading for s in bold.contents] == [s.heading for s in plain.contents]
    assert [(i.id, i.title, i.body) for i in bold.all_items()] == [(i.id, i.title, i.body) for i in plain.all_items()]
    assert bold.warnings == plain.warnings


def test_form_feeds_give_pages() -> None:
    text = SAMPLE_TEXT.replace("海外动态 Overseas News\n\nZoom就数据安全措施指控与美国联邦贸易委员会完成和解\n\n2021年", "\f海外动态 Overseas News\n\nZoom就数据安全措施指控与美国联邦贸易委员会完成和解\n\n2021年")
    newsletter = parse_text(text)
    assert newsletter.source.pages == 2
    assert newsletter.sections[0].items[0].location.page_start == 1
    assert newsletter.sections[1].items[0].location.page_start == 2


def test_parse_text_records_its_source_path() -> None:
    newsletter = parse_text(SAMPLE_TEXT, source_path="archive/214.txt")
    assert newsletter.source.path == "archive/214.txt"
    assert newsletter.source.format == "text"
    assert newsletter.source.encoding is None


def test_mis_named_file_is_parsed_by_content(tmp_path: Path) -> None:
    path = tmp_path / "issue.pdf"
    path.write_text(SAMPLE_TEXT, encoding="utf-8")
    assert parse_file(path).source.format == "text"
