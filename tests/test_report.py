"""The review report: structure of the HTML (items, columns, marks, warnings, escaping) and the CLI."""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pydantic import BaseModel

from lifang_parse import parse_file, parse_text
from lifang_parse.commands import main
from lifang_parse.models import (
    AgencyFact,
    AmountFact,
    Bilingual,
    CountFact,
    DateFact,
    Fragment,
    Item,
    LawFact,
    Named,
    Newsletter,
    Warning,
)
from lifang_parse.report import ArchiveEntry, agency_month_counts, item_facts, mark_text, render_index, render_newsletter
from lifang_parse.report.archive import Failure, item_month, sort_entries
from lifang_parse.report.render import item_actions
from lifang_parse.report.triage import SORT_COLUMNS, source_link
from lifang_parse.commands.report import page_names
from lifang_parse.report.render import Mark, find_phrase, item_view

from conftest import SAMPLE, TEXT_FIXTURES

SAMPLE_IDS = ["1.1", "1.2", "1.3", "1.4", "2.1"]
VOID = {"meta", "br", "img", "hr", "input", "link", "col", "wbr", "source"}


# --------------------------------------------------------------------------- a small HTML reader


@dataclass
class MarkSeen:
    item: str | None
    lang: str | None
    keys: tuple[str, ...]
    classes: tuple[str, ...]
    text: str = ""

    @property
    def colour(self) -> str:
        return next(c for c in self.classes if re.fullmatch(r"c\d+", c))

    @property
    def kind(self) -> str:
        return next(c[2:] for c in self.classes if c.startswith("f-"))


@dataclass
class Page:
    """What the tests need from a page: ids, links, marks by item and language, text by region."""

    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)
    srcs: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    marks: list[MarkSeen] = field(default_factory=list)
    text_by_id: dict[str, str] = field(default_factory=dict)
    column_text: dict[tuple[str, str], str] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
    table_rows: dict[str, list[str]] = field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, dict[str, str], MarkSeen | None]] = []

    def _context(self, attribute: str) -> str | None:
        return next((attrs[attribute] for _, attrs, _ in reversed(self.stack) if attribute in attrs), None)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        page = self.page
        page.tags.add(tag)
        if "id" in attrs:
            page.ids.add(attrs["id"])
        if "href" in attrs:
            page.hrefs.append(attrs["href"])
        if "src" in attrs:
            page.srcs.append(attrs["src"])
        if tag in VOID:
            return
        mark = None
        if tag == "mark" and "data-fact" in attrs:
            mark = MarkSeen(self._context("data-item"), self._context("data-lang"), tuple(attrs["data-fact"].split()), tuple(attrs["class"].split()))
            page.marks.append(mark)
        if tag == "section" and "data-lang" in attrs:
            page.columns.setdefault(self._context("data-item") or "", []).append(attrs["data-lang"])
        if tag == "tr" and "data-fact" in attrs:
            page.table_rows.setdefault(self._context("data-item") or "", []).append(attrs["data-fact"])
        self.stack.append((tag, attrs, mark))

    def handle_startendtag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        self.page.tags.add(tag)
        if "id" in attrs:
            self.page.ids.add(attrs["id"])

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, attrs, mark in self.stack:
            if mark is not None:
                mark.text += data
            if "id" in attrs:
                self.page.text_by_id[attrs["id"]] = self.page.text_by_id.get(attrs["id"], "") + data
        item, lang = self._context("data-item"), self._context("data-lang")
        if item and lang:
            self.page.column_text[(item, lang)] = self.page.column_text.get((item, lang), "") + data


def read_page(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


@pytest.fixture(scope="module")
def sample() -> Newsletter:
    return parse_file(SAMPLE)


@pytest.fixture(scope="module")
def sample_page(sample: Newsletter) -> Page:
    return read_page(render_newsletter(sample))


def with_item(newsletter: Newsletter, item_id: str, **update: object) -> Newsletter:
    """The newsletter with one item's fields replaced (facts set by hand)."""
    sections = [
        section.model_copy(update={"items": [i.model_copy(update=update) if i.id == item_id else i for i in section.items]})
        for section in newsletter.sections
    ]
    return newsletter.model_copy(update={"sections": sections})


def item_text(item: Item, lang: str) -> str:
    return f"{getattr(item.title, lang) or ''}\n{getattr(item.body, lang) or ''}"


def assert_every_fact_marked(newsletter: Newsletter, page: Page) -> int:
    """Every fact whose phrase stands in a language's text is marked there, in one colour in both; returns the facts checked."""
    checked = 0
    for item in newsletter.all_items():
        for fact in item_facts(item):
            colours: dict[str, set[str]] = {}
            for lang in ("zh", "en"):
                reported = fact.zh if lang == "zh" else fact.en
                present = [p for p in reported if find_phrase(item_text(item, lang), p)]
                marks = [m for m in page.marks if m.item == item.id and m.lang == lang and fact.key in m.keys]
                if present:
                    assert marks, f"{fact.key} {fact.kind} {present} is in the {lang} text of {item.id} but not marked"
                    assert any(m.text.strip() in present or any(p in m.text for p in present) for m in marks) or fact.kind == "agency"
                colours[lang] = {m.colour for m in marks}
                alone = [m for m in marks if len(m.keys) == 1]  # a span two facts share takes the first one's colour
                assert all(m.kind == fact.kind and m.colour == f"c{fact.colour}" for m in alone), fact.key
            if colours["zh"] and colours["en"]:
                assert colours["zh"] == colours["en"], fact.key
            checked += 1
    return checked


# --------------------------------------------------------------------------- the sample's page


def test_every_item_present_with_both_columns(sample: Newsletter, sample_page: Page) -> None:
    assert [i.id for i in sample.all_items()] == SAMPLE_IDS
    for item_id in SAMPLE_IDS:
        assert f"item-{item_id}" in sample_page.ids
        assert sample_page.columns[item_id] == ["zh", "en"]
    assert "工信部组织召开APP个人信息保护监管座谈会" in sample_page.column_text[("1.1", "zh")]
    assert "MIIT Holds APP Personal Information Protection Supervision Meeting" in sample_page.column_text[("1.1", "en")]
    assert "Zoom就数据安全措施指控与美国联邦贸易委员会完成和解" in sample_page.column_text[("2.1", "zh")]
    assert "FTC Approves to Settle with Zoom" in sample_page.column_text[("2.1", "en")]


def test_masthead_and_contents_at_the_top(sample_page: Page) -> None:
    masthead = sample_page.text_by_id["masthead"]
    assert "立方网络安全与数据合规周报" in masthead and "No.214" in masthead and "2021-03" in masthead and "No.44" in masthead
    contents = sample_page.text_by_id["contents"]
    assert "工信部通报下架37款侵害用户权益APP" in contents and "TC260 Invites Comments on 2 Draft" in contents
    for item_id in SAMPLE_IDS:
        assert f"#item-{item_id}" in sample_page.hrefs  # each contents title links to its item


def test_real_facts_of_the_sample_are_marked_in_both_languages(sample: Newsletter, sample_page: Page) -> None:
    assert sum(len(item_facts(i)) for i in sample.all_items()) > 0, "the extract layer returned no facts"
    assert assert_every_fact_marked(sample, sample_page) >= 20
    first = [m for m in sample_page.marks if m.item == "1.1" and m.kind == "date"]
    assert {(m.lang, m.text) for m in first} >= {("zh", "2021年2月5日"), ("en", "February 5, 2021")}
    assert len({m.colour for m in first}) == 1
    # every fact has its row in the facts table under its item
    for item in sample.all_items():
        assert sample_page.table_rows.get(item.id, []) == [f.key for f in item_facts(item)]


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.stem)
def test_every_fact_of_every_fixture_is_marked(path: Path) -> None:
    newsletter = parse_file(path)
    page = read_page(render_newsletter(newsletter))
    assert_every_fact_marked(newsletter, page)
    assert sorted(k for m in page.marks for k in m.keys) != [] or not any(item_facts(i) for i in newsletter.all_items())


def test_page_is_self_contained(sample_page: Page) -> None:
    assert not ({"script", "link", "img", "iframe", "object", "embed"} & sample_page.tags)
    assert sample_page.srcs == []
    assert all(href.startswith("#") for href in sample_page.hrefs)
    assert "style" in sample_page.tags


def test_self_contained_text(sample: Newsletter) -> None:
    html = render_newsletter(sample)
    assert "url(" not in html and "@import" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


# --------------------------------------------------------------------------- marking by hand-set facts


def hand_set(sample: Newsletter) -> Newsletter:
    """Item 1.1 with facts set by hand from the sample's text, in every kind."""
    return with_item(
        sample,
        "1.1",
        dates=[DateFact(date="2021-02-05", precision="day", role="event", zh="2021年2月5日", en="February 5, 2021")],
        agencies=[
            AgencyFact(
                id="miit",
                name=Bilingual(zh="工业和信息化部", en="Ministry of Industry and Information Technology"),
                abbr="MIIT",
                country="CN",
                mentions=["工业和信息化部", "工信部", "MIIT", "Ministry of Industry and Information Technology"],
            )
        ],
        counts=[CountFact(value=179, unit="app", zh="179款APP", en="179 apps"), CountFact(value=14, unit="company", zh="14家企业", en="14 enterprises")],
        amounts=[AmountFact(value=500000, currency="CNY", zh="50万元", en="RMB 500,000")],  # not in the text: "not found"
        laws=[
            LawFact(
                title=Bilingual(
                    zh="移动互联网应用程序个人信息保护管理暂行规定",
                    en="Interim Provisions on the Personal Information Protection of Mobile Internet Applications",
                )
            )
        ],
        companies=[Named(name=Bilingual(zh="百度", en="Baidu")), Named(name=Bilingual(zh="字节跳动", en="ByteDance"))],
        people=[Named(name=Bilingual(zh="刘烈宏", en="Liehong Liu"))],
    )


def test_hand_set_facts_are_marked_in_the_same_colour(sample: Newsletter) -> None:
    newsletter = hand_set(sample)
    page = read_page(render_newsletter(newsletter))
    assert_every_fact_marked(newsletter, page)
    marks = [m for m in page.marks if m.item == "1.1"]
    by_text = {(m.lang, m.text): m for m in marks}
    pairs = [
        ("2021年2月5日", "February 5, 2021", "date"),
        ("179款APP", "179 apps", "count"),
        ("14家企业", "14 enterprises", "count"),
        ("百度", "Baidu", "company"),
        ("刘烈宏", "Liehong Liu", "person"),
        ("移动互联网应用程序个人信息保护管理暂行规定", "Interim Provisions on the Personal Information Protection of Mobile Internet Applications", "law"),
        ("工业和信息化部", "Ministry of Industry and Information Technology", "agency"),
    ]
    for zh, en, kind in pairs:
        assert by_text[("zh", zh)].kind == by_text[("en", en)].kind == kind
        assert by_text[("zh", zh)].colour == by_text[("en", en)].colour
        assert by_text[("zh", zh)].keys == by_text[("en", en)].keys
    # distinct facts get distinct colours
    assert by_text[("zh", "179款APP")].colour != by_text[("zh", "14家企业")].colour
    # every agency mention is marked, title included: 工信部 5 times in the Chinese, MIIT 8 times in the English
    agency = [m for m in marks if m.kind == "agency"]
    assert sum(1 for m in agency if m.lang == "zh" and m.text == "工信部") == 5
    assert sum(1 for m in agency if m.lang == "en" and m.text == "MIIT") == 8


def test_a_phrase_not_in_the_text_is_flagged(sample: Newsletter) -> None:
    view = item_view(hand_set(sample).all_items()[0])
    rows = {row.fact.kind: row for row in view.facts}
    assert rows["amount"].in_zh is False and rows["amount"].in_en is False and rows["amount"].not_found
    assert rows["date"].in_zh is True and rows["date"].in_en is True and not rows["date"].not_found
    html = render_newsletter(hand_set(sample))
    assert html.count('class="not-found"') == 1
    assert "with a phrase not found in the text" in html


def test_mark_text_keeps_the_text_and_nests_other_kinds_only() -> None:
    facts = item_facts(
        Item(
            id="9.1",
            title=Bilingual(),
            body=Bilingual(),
            location={"line_start": 1, "line_end": 1},
            dates=[
                DateFact(date="2021-02-03", precision="day", role="event", zh="2021年2月3日", en="February 3, 2021"),
                DateFact(date="2021-02-03", precision="day", role="as_of", zh="2月3日", en="February 3", year_inferred=True),
            ],
            agencies=[AgencyFact(id="cac", name=Bilingual(zh="国家互联网信息办公室"), abbr="CAC", mentions=["国家网信办", "CAC"])],
            laws=[LawFact(title=Bilingual(zh="国家网信办关于某事的通知", en="Notice of the CAC"))],
        )
    )
    text = "2021年2月3日，《国家网信办关于某事的通知》发布，截至2月3日，国家网信办……"
    nodes = mark_text(text, facts, "zh")
    flat = "".join(n if isinstance(n, str) else n.text for n in nodes)
    assert flat == text
    marks = [n for n in nodes if isinstance(n, Mark)]
    assert [(m.kind, m.text) for m in marks] == [("date", "2021年2月3日"), ("law", "国家网信办关于某事的通知"), ("date", "2月3日"), ("agency", "国家网信办")]
    assert marks[0].children == ("2021年2月3日",)  # the as_of phrase is not nested inside the event date
    assert [c.kind for c in marks[1].children if isinstance(c, Mark)] == ["agency"]  # an agency inside a law title is
    assert marks[2].numbers == "2"
    english = mark_text("CACHE aside, the CAC (CAC) acted on February 3, 2021, as of February 3.", facts, "en")
    assert [(n.kind, n.text) for n in english if isinstance(n, Mark)] == [
        ("agency", "CAC"), ("agency", "CAC"), ("date", "February 3, 2021"), ("date", "February 3")
    ]


def test_identical_spans_share_one_mark() -> None:
    facts = item_facts(
        Item(
            id="9.2",
            title=Bilingual(),
            body=Bilingual(),
            location={"line_start": 1, "line_end": 1},
            dates=[
                DateFact(date="2021-08-27", precision="day", role="range_start", en="from August 27 to September 26"),
                DateFact(date="2021-09-26", precision="day", role="range_end", en="from August 27 to September 26"),
            ],
        )
    )
    nodes = mark_text("Comments are accepted from August 27 to\nSeptember 26.", facts, "en")
    marks = [n for n in nodes if isinstance(n, Mark)]
    assert len(marks) == 1 and marks[0].numbers == "1,2" and marks[0].text == "from August 27 to\nSeptember 26"


# --------------------------------------------------------------------------- warnings, unplaced, escaping


def test_warnings_are_listed_at_the_top_and_shown_on_their_item(sample: Newsletter) -> None:
    warning = Warning(code="translation_mismatch", message="count 26 found in zh only", item_id="1.2")
    newsletter = with_item(sample, "1.2", warnings=[warning]).model_copy(update={"warnings": [warning]})
    page = read_page(render_newsletter(newsletter))
    assert "#item-1.2" in page.hrefs and "item-1.2" in page.ids
    assert "count 26 found in zh only" in page.text_by_id["warnings"]
    assert "count 26 found in zh only" in page.text_by_id["item-1.2"]
    assert "count 26 found in zh only" not in page.text_by_id["item-1.1"]


def test_a_real_warning_links_to_its_item() -> None:
    path = next(p for p in TEXT_FIXTURES if p.stem == "weekly-cyber-240-2021-09")
    newsletter = parse_file(path)
    missing = [w for w in newsletter.warnings if w.code == "missing_translation"]
    assert missing and missing[0].item_id == "1.4"
    page = read_page(render_newsletter(newsletter))
    assert "#item-1.4" in page.hrefs
    assert "missing_translation" in page.text_by_id["item-1.4"]
    assert "No English text in the source." in page.text_by_id["item-1.4"]


def test_unplaced_text_is_shown_and_linked() -> None:
    stray = "Lorem ipsum stray line that belongs nowhere 12345"
    newsletter = parse_text(SAMPLE.read_text(encoding="utf-8").replace("No.214", f"No.214\n\n{stray}", 1))
    assert [f.text for f in newsletter.unplaced] == [stray]
    page = read_page(render_newsletter(newsletter))
    assert stray in page.text_by_id["unplaced"] and "line 15" in page.text_by_id["unplaced"]
    assert "#unplaced" in page.hrefs


def test_document_text_is_escaped(sample: Newsletter) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("No.214", 'No.214\n\n<script>alert("stray")</script>', 1)
    text = text.replace("held an app personal", 'held an <script>alert(1)</script> <img src=x onerror=alert(2)> app personal', 1)
    newsletter = parse_text(text)
    hostile = Named(name=Bilingual(zh='<b onclick="x">百度</b>', en="<script>Baidu</script>"))
    newsletter = with_item(newsletter, "1.1", companies=[hostile], warnings=[Warning(code="x", message="<i>bad</i>", item_id="1.1")])
    html = render_newsletter(newsletter)
    assert "<script" not in html.lower() and "<img" not in html and "<b " not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#34;stray&#34;)&lt;/script&gt;" in html
    page = read_page(html)
    assert "held an <script>alert(1)</script> <img src=x onerror=alert(2)> app personal" in page.column_text[("1.1", "en")]
    assert page.tags.isdisjoint({"script", "img"})


# --------------------------------------------------------------------------- archive


def entry(newsletter: Newsletter, name: str) -> ArchiveEntry:
    return ArchiveEntry(newsletter=newsletter, href=name.replace(".txt", ".html"), name=name)


def test_item_month_is_the_event_month_else_the_period(sample: Newsletter) -> None:
    item = hand_set(sample).all_items()[0]
    assert item_month(item, "2021-03") == "2021-02"
    assert item_month(item.model_copy(update={"dates": []}), "2021-03") == "2021-03"
    assert item_month(item.model_copy(update={"dates": []}), None) == "unknown"


def test_agency_month_counts_by_hand(sample: Newsletter) -> None:
    miit = AgencyFact(id="miit", name=Bilingual(zh="工业和信息化部"), abbr="MIIT", mentions=["工信部"])
    ftc = AgencyFact(id="ftc", name=Bilingual(zh="美国联邦贸易委员会"), abbr="FTC", mentions=["FTC"])
    event = DateFact(date="2021-02-05", precision="day", role="event", zh="2021年2月5日")
    newsletter = sample
    for item_id in ("1.1", "1.2"):
        newsletter = with_item(newsletter, item_id, agencies=[miit], dates=[event])
    newsletter = with_item(newsletter, "1.3", agencies=[miit], dates=[])
    newsletter = with_item(newsletter, "1.4", agencies=[], dates=[])
    newsletter = with_item(newsletter, "2.1", agencies=[ftc, miit], dates=[event])
    table = agency_month_counts([entry(newsletter, "a.txt")])
    assert table.months == ("2021-02", "2021-03")
    assert [a for a, _, _ in table.agencies] == ["miit", "ftc"]
    assert table.count("miit", "2021-02") == 3 and table.count("miit", "2021-03") == 1 and table.count("ftc", "2021-02") == 1
    html = render_index([entry(newsletter, "a.txt")])
    assert '<td class="cell" data-month="2021-02" data-count="3"' in html
    assert '<a href="#filter:agency=miit&amp;month=2021-02">3</a>' in html


def test_index_of_the_fixtures_has_chart_and_warnings_table() -> None:
    entries = [entry(parse_file(p), p.name) for p in TEXT_FIXTURES]
    html = render_index(entries, failures=[Failure(name="broken.txt", message="not a newsletter <x>")])
    page = read_page(html)
    assert "newsletters" in page.ids and "warnings" in page.ids and "items" in page.ids and "chart" in page.ids
    for e in entries:
        assert e.href in page.hrefs
    warnings = [(e, w) for e in entries for w in e.newsletter.warnings]
    assert warnings, "the fixtures carry warnings (240: missing_translation)"
    for e, w in warnings:
        if w.item_id:
            assert f"{e.href}#item-{w.item_id}" in page.hrefs
    assert "broken.txt: not a newsletter <x>" in page.text_by_id["newsletters"]
    if any(i.agencies for e in entries for i in e.newsletter.all_items()):
        assert 'class="cell"' in html and "MIIT" in page.text_by_id["chart"]


# --------------------------------------------------------------------------- command line


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_cli_report_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    status, out, err = run("report", str(SAMPLE), "-o", str(target))
    assert (status, out, err) == (0, "", "")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    page = read_page(target.read_text(encoding="utf-8"))
    assert all(f"item-{i}" in page.ids for i in SAMPLE_IDS)


def test_cli_report_to_stdout() -> None:
    status, out, _ = run("report", str(SAMPLE))
    assert status == 0 and out.startswith("<!DOCTYPE html>")


def test_cli_report_bad_input(tmp_path: Path) -> None:
    status, out, err = run("report", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "r.html"))
    assert status == 2 and out == ""
    assert err == f"lifang-parse: {tmp_path / 'missing.txt'}: no such file\n"
    (tmp_path / "junk.txt").write_text("just some text\n", encoding="utf-8")
    status, _, err = run("report", str(tmp_path / "junk.txt"), "-o", str(tmp_path / "r.html"))
    assert status == 2 and err.startswith(f"lifang-parse: {tmp_path / 'junk.txt'}: not a newsletter") and err.count("\n") == 1
    assert not (tmp_path / "r.html").exists()


def test_cli_report_directory(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for path in TEXT_FIXTURES:
        (archive / path.name).write_bytes(path.read_bytes())
    (archive / "notes.md").write_text("# not a newsletter, and not read\n", encoding="utf-8")
    out_dir = tmp_path / "site"
    out_dir.mkdir()
    status, _, err = run("report", str(archive), "-o", str(out_dir / "index.html"))
    assert status == 0
    warned = sum(1 for p in TEXT_FIXTURES if parse_file(p).warnings)  # as many as the extractors find
    assert err == f"lifang-parse: 6 files: 6 parsed ({warned} with warnings), 0 failed; wrote {out_dir / 'index.html'} and 6 page(s) beside it\n"
    written = sorted(p.name for p in out_dir.iterdir())
    assert written == sorted(["index.html", *(p.stem + ".html" for p in TEXT_FIXTURES)])
    index = read_page((out_dir / "index.html").read_text(encoding="utf-8"))
    assert {p.stem + ".html" for p in TEXT_FIXTURES} <= set(index.hrefs)
    # each item links to its source file, relative to the index's folder
    assert {f"../archive/{p.name}" for p in TEXT_FIXTURES} <= set(index.hrefs)
    one = read_page((out_dir / "weekly-cyber-214-2021-03.html").read_text(encoding="utf-8"))
    assert "index.html" in one.hrefs and all(f"item-{i}" in one.ids for i in SAMPLE_IDS)
    # written into the archive itself, a second run reads only the newsletters again
    status, _, err = run("report", str(archive), "-o", str(archive / "index.html"), "--quiet")
    assert (status, err) == (0, "")
    status, _, err = run("report", str(archive), "-o", str(archive / "index.html"), "--quiet")
    assert (status, err) == (0, "")


def test_cli_report_directory_with_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "bad.txt").write_text("no newsletter here\n", encoding="utf-8")
    status, _, err = run("report", str(tmp_path), "-o", str(tmp_path / "index.html"))
    assert status == 2
    assert err.count("\n") == 2 and err.startswith(f"lifang-parse: {tmp_path / 'bad.txt'}: not a newsletter")
    assert err.splitlines()[-1].startswith("lifang-parse: 2 files: 1 parsed (0 with warnings), 1 failed; wrote ")
    assert (tmp_path / "good.html").exists() and not (tmp_path / "bad.html").exists()
    assert "bad.txt" in read_page((tmp_path / "index.html").read_text(encoding="utf-8")).text_by_id["newsletters"]


def test_cli_report_directory_errors(tmp_path: Path) -> None:
    status, _, err = run("report", str(tmp_path))
    assert status == 2 and "needs -o" in err
    status, _, err = run("report", str(tmp_path), "-o", str(tmp_path / "index.html"))
    assert status == 2 and err == f"lifang-parse: {tmp_path}: no .txt, .text or .pdf files in this directory\n"


def test_page_names_are_safe_and_distinct() -> None:
    assert page_names(["a", "a", "index", "周报 No.1", "../x"], reserved={"index.html"}) == [
        "a.html", "a-2.html", "index-2.html", "No.1.html", "x.html"
    ]


# --------------------------------------------------------------------------- the index's items table (triage)


@dataclass
class RowSeen:
    attrs: dict[str, str]
    cells: list[dict[str, str]] = field(default_factory=list)  # per cell: data-sort, and the links in it
    hrefs: list[list[str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _IndexReader(HTMLParser):
    """The items table's rows (with each cell's links and text), the filter selects' options and the scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[RowSeen] = []
        self.options: dict[str, list[tuple[str, str]]] = {}
        self.disabled: set[str] = set()
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._row: RowSeen | None = None
        self._select: str | None = None
        self._option: str | None = None
        self._script: dict[str, str] | None = None
        self._in_cell = False
        self.attribute_names: set[str] = set()

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        self.attribute_names.update(attrs)
        if tag == "tr" and "data-agencies" in attrs:
            self._row = RowSeen(attrs)
        elif tag == "td" and self._row is not None:
            self._row.cells.append(attrs)
            self._row.hrefs.append([])
            self._row.text.append("")
            self._in_cell = True
        elif tag == "a" and self._row is not None and self._in_cell:
            self._row.hrefs[-1].append(attrs["href"])
        elif tag == "select":
            self._select = attrs["name"]
            self.options[self._select] = []
            if "disabled" in attrs:
                self.disabled.add(self._select)
        elif tag == "option" and self._select:
            self._option = attrs["value"]
            self.options[self._select].append((self._option, ""))
        elif tag == "script":
            self._script = attrs
            self.scripts.append((attrs, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in_cell = False
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None
        elif tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._row is not None and self._in_cell:
            self._row.text[-1] += data
        if self._select and self._option is not None:
            value, label = self.options[self._select][-1]
            self.options[self._select][-1] = (value, label + data)
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def read_index(html: str) -> _IndexReader:
    reader = _IndexReader()
    reader.feed(html)
    reader.close()
    return reader


COLUMN = {key: n for n, (key, _) in enumerate(SORT_COLUMNS)}
PDF_FIXTURES = sorted((SAMPLE.parent.parent / "pdf").glob("*.pdf"))


@pytest.fixture(scope="module")
def both_forms() -> list[ArchiveEntry]:
    """Every fixture as text and as PDF, linked to its source from an index in "site/" beside "fixtures/"."""
    site = SAMPLE.parent.parent.parent / "site"
    return [
        ArchiveEntry(newsletter=parse_file(p), href=f"{p.stem}-{p.suffix[1:]}.html", name=p.name, source_href=source_link(p, site))
        for p in [*TEXT_FIXTURES, *PDF_FIXTURES]
    ]


@pytest.fixture(scope="module")
def both_index(both_forms: list[ArchiveEntry]) -> _IndexReader:
    return read_index(render_index(both_forms))


def test_one_row_per_item_linked_to_its_page_and_source(both_forms: list[ArchiveEntry], both_index: _IndexReader) -> None:
    expected = [(e.href, i.id) for e in sort_entries(both_forms) for i in e.newsletter.all_items()]
    assert [(r.attrs["data-newsletter"], r.attrs["data-item"]) for r in both_index.rows] == expected
    pages = {(e.href, i.id): (e, i) for e in both_forms for i in e.newsletter.all_items()}
    for row in both_index.rows:
        entry_, item = pages[(row.attrs["data-newsletter"], row.attrs["data-item"])]
        to_item = f"{entry_.href}#item-{item.id}"
        assert row.hrefs[COLUMN["newsletter"]] == [entry_.href]
        assert row.hrefs[COLUMN["item"]] == [to_item]
        assert row.hrefs[COLUMN["title-zh"]] == ([to_item] if item.title.zh else [])
        assert row.hrefs[COLUMN["title-en"]] == ([to_item] if item.title.en else [])
        assert (item.title.zh or "") == row.text[COLUMN["title-zh"]] and (item.title.en or "") == row.text[COLUMN["title-en"]]
        (source,) = row.hrefs[COLUMN["source"]]
        if entry_.newsletter.source.format == "pdf":
            assert item.location.page_start
            assert source == f"../fixtures/pdf/{entry_.name}#page={item.location.page_start}"
            assert row.text[COLUMN["source"]] == f"PDF p. {item.location.page_start}"
        else:
            assert source == f"../fixtures/text/{entry_.name}"
        assert row.attrs["data-agencies"].split() == list(dict.fromkeys(a.id for a in item.agencies))
        assert row.attrs["data-month"] == item_month(item, entry_.newsletter.period)
        assert row.text[COLUMN["date"]] == next((d.date for d in item.dates if d.role == "event"), "")
        assert row.attrs["data-title"] == " ".join(t for t in (item.title.zh, item.title.en) if t)


def test_filter_choices_come_from_the_rows(both_forms: list[ArchiveEntry], both_index: _IndexReader) -> None:
    items = [(e, i) for e in both_forms for i in e.newsletter.all_items()]
    agencies = Counter(a for _, i in items for a in {x.id for x in i.agencies})
    options = dict(both_index.options["agency"])
    assert options.pop("") == "all"
    assert set(options) == set(agencies)
    assert options["cac"].startswith("CAC ") and options["cac"].endswith(f"({agencies['cac']})")
    months = [v for v, _ in both_index.options["month"][1:]]
    assert months == sorted({item_month(i, e.newsletter.period) for e, i in items})
    codes = {w.code for e, i in items for w in [*i.warnings, *(w for w in e.newsletter.warnings if w.item_id == i.id)]}
    assert codes, "the fixtures carry item warnings"
    assert [v for v, _ in both_index.options["warning"][1:]] == ["*", *sorted(codes)]
    if not any(getattr(i, "actions", None) for _, i in items):
        assert "action" in both_index.disabled  # nothing to choose: shown, but off


def test_each_chart_cell_links_to_as_many_rows_as_it_counts(both_forms: list[ArchiveEntry], both_index: _IndexReader) -> None:
    html = render_index(both_forms)
    cells = re.findall(r'<a href="#filter:agency=([^&"]+)&amp;month=([^"]+)">(\d+)</a>', html)
    table = agency_month_counts(both_forms)
    assert len(cells) == len(table.counts) > 5
    for agency, month, count in cells:
        rows = [r for r in both_index.rows if agency in r.attrs["data-agencies"].split() and r.attrs["data-month"] == month]
        assert len(rows) == int(count) == table.count(agency, month)
    for agency_id, _, _ in table.agencies:  # each agency's label filters on the agency alone
        assert f'href="#filter:agency={agency_id}"' in html


def test_sort_keys_order_items_naturally(both_index: _IndexReader) -> None:
    keys = {r.text[COLUMN["item"]]: r.cells[COLUMN["item"]]["data-sort"] for r in both_index.rows}
    assert keys["1.2"] < keys["1.10"] if "1.10" in keys else keys["1.2"] < keys["2.1"]
    newsletter_keys = [r.cells[COLUMN["newsletter"]]["data-sort"] for r in both_index.rows]
    assert newsletter_keys == sorted(newsletter_keys) and len(set(newsletter_keys)) == len(newsletter_keys)


def test_the_index_script_is_inline_and_fetches_nothing(both_index: _IndexReader) -> None:
    assert len(both_index.scripts) == 1
    attrs, code = both_index.scripts[0]
    assert attrs == {}
    for forbidden in ("fetch(", "XMLHttpRequest", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                      "import(", "http:", "https:", "src", "localStorage"):
        assert forbidden not in code, forbidden


def test_index_is_self_contained(both_forms: list[ArchiveEntry]) -> None:
    html = render_index(both_forms)
    page = read_page(html)
    assert not ({"link", "img", "iframe", "object", "embed"} & page.tags) and page.srcs == []
    assert "url(" not in html and "@import" not in html and "http://" not in html and "https://" not in html
    pages = {e.href for e in both_forms}
    for href in page.hrefs:  # the page's own anchors, the newsletters' pages and the sources: nothing remote
        assert href.startswith("#") or href.split("#")[0] in pages or href.startswith("../fixtures/"), href


def hostile_archive(sample: Newsletter) -> list[ArchiveEntry]:
    evil = '<script>alert("t")</script>"\'&<img src=x onerror=alert(1)>'
    agency = AgencyFact(id='x" onmouseover="alert(1)', name=Bilingual(zh="<b>机构</b>", en="</script><script>alert(2)"), abbr="<i>A</i>")
    newsletter = with_item(
        sample,
        "1.1",
        title=Bilingual(zh=evil, en=evil),
        agencies=[agency],
        warnings=[Warning(code='"><script>alert(3)</script>', message="<i>m</i>", item_id="1.1")],
    )
    newsletter = newsletter.model_copy(update={"period": '2021-03"><script>alert(4)</script>'})
    return [ArchiveEntry(newsletter=newsletter, href="a.html", name="<a>.txt", source_href='x.txt" onclick="alert(5)')]


def test_index_escapes_document_text_everywhere(sample: Newsletter) -> None:
    html = render_index(hostile_archive(sample))
    reader = read_index(html)
    assert len(reader.scripts) == 1 and reader.scripts[0][0] == {}  # ours, and nothing else became a script
    assert html.lower().count("<script") == 1 and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert not {name for name in reader.attribute_names if name.startswith("on")}  # no event handler got in
    row = next(r for r in reader.rows if r.attrs["data-item"] == "1.1")
    evil = '<script>alert("t")</script>"\'&<img src=x onerror=alert(1)>'
    assert row.attrs["data-title"] == f"{evil} {evil}"  # the attribute holds the text, escaped in the HTML
    assert row.text[COLUMN["title-zh"]] == evil
    assert row.attrs["data-agencies"] == "x%22%20onmouseover%3D%22alert%281%29"  # a token: no space, no quote
    assert row.attrs["data-warnings"] == "%22%3E%3Cscript%3Ealert%283%29%3C%2Fscript%3E"
    agency_values = [v for v, _ in reader.options["agency"]]
    assert "x%22%20onmouseover%3D%22alert%281%29" in agency_values
    assert row.hrefs[COLUMN["source"]] == ['x.txt" onclick="alert(5)']  # an attribute value, not an attribute
    page = read_page(html)
    assert page.tags.isdisjoint({"img", "b", "i"})


def test_source_links(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert source_link(tmp_path / "in" / "周报 No.1#a.pdf", site) == "../in/%E5%91%A8%E6%8A%A5%20No.1%23a.pdf"
    assert source_link(tmp_path / "x.txt") == (tmp_path / "x.txt").as_uri()
    raw = os.fsdecode(b"caf\xe9.txt")  # a name that is not UTF-8 links to the very bytes
    assert source_link(tmp_path / raw, tmp_path) == "caf%E9.txt"
    text = parse_file(SAMPLE)
    assert ArchiveEntry(newsletter=text, href="a.html", name="a").source_link == SAMPLE.as_uri()
    relative = text.model_copy(update={"source": text.source.model_copy(update={"path": "in/a b.txt"})})
    assert ArchiveEntry(newsletter=relative, href="a.html", name="a").source_link == "in/a%20b.txt"
    piped = text.model_copy(update={"source": text.source.model_copy(update={"path": None})})
    html = render_index([ArchiveEntry(newsletter=piped, href="a.html", name="<stdin>")])
    row = read_index(html).rows[0]
    assert row.hrefs[COLUMN["source"]] == [] and row.text[COLUMN["source"]].startswith("text l. ")


# --------------------------------------------------------------------------- actions (schema 1.1 ActionFact)


class StandInAction(BaseModel):
    """Just what the page reads of an ActionFact: the report duck-types actions."""

    type: str
    agency: str | None = None


class ItemWithActions(Item):
    actions: list[StandInAction] = []


def with_actions(newsletter: Newsletter, actions: dict[str, list[tuple[str, str | None]]], *, model: type[Item]) -> Newsletter:
    """Items given actions: through ``model_copy`` when ``Item`` has the field, else as a stand-in subclass."""
    def give(item: Item) -> Item:
        pairs = actions.get(item.id, [])  # the others get none, whatever the extractor found
        if model is Item:
            action_type = Item.model_fields["actions"].annotation.__args__[0]  # list[ActionFact] -> ActionFact
            return item.model_copy(update={"actions": [action_type(type=t, agency=a) for t, a in pairs]})
        return ItemWithActions(**item.model_dump(exclude={"actions"}), actions=[StandInAction(type=t, agency=a) for t, a in pairs])

    sections = [s.model_copy(update={"items": [give(i) for i in s.items]}) for s in newsletter.sections]
    return newsletter.model_copy(update={"sections": sections})


ACTIONS = {"1.1": [("meeting", "miit"), ("notice", "miit")], "1.2": [("removal", "miit"), ("notice", None)], "2.1": [("settlement", "ftc")]}


def check_actions(newsletter: Newsletter) -> None:
    page = render_newsletter(newsletter)
    assert '<span class="action" data-action="meeting" data-agency="miit">meeting · MIIT</span>' in page
    assert '<span class="action" data-action="notice" data-agency="">notice</span>' in page
    reader = read_index(render_index([entry(newsletter, "a.txt")]))
    by_item = {r.attrs["data-item"]: r for r in reader.rows}
    assert by_item["1.1"].attrs["data-actions"] == "meeting notice"
    assert by_item["1.2"].attrs["data-actions"] == "removal notice"
    assert by_item["1.3"].attrs["data-actions"] == ""
    assert [v for v, _ in reader.options["action"]] == ["", "notice", "removal", "settlement", "meeting"]  # the contract's order
    assert dict(reader.options["action"])["notice"] == "notice (2)"
    assert "action" not in reader.disabled


def test_actions_from_the_model_give_badges_and_a_filter(sample: Newsletter) -> None:
    if "actions" not in Item.model_fields:
        pytest.skip("Item has no `actions` yet (schema 1.1 ActionFact is on the facts branch); the stand-in test covers the page")
    check_actions(with_actions(sample, ACTIONS, model=Item))


def test_actions_are_read_by_duck_typing(sample: Newsletter) -> None:
    """The page reads ``item.actions`` with getattr, so it renders the same before and after the field exists."""
    check_actions(with_actions(sample, ACTIONS, model=ItemWithActions))
    assert item_actions(sample.all_items()[0]) == () or "actions" in Item.model_fields
