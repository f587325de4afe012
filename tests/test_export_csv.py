"""CSV export: one row per item, one row per fact, from the real sample."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from lifang_parse import parse_file
from lifang_parse.export.csv import FACT_COLUMNS, ITEM_COLUMNS, csv_paths, write_csv
from lifang_parse.models import Newsletter

from conftest import SAMPLE


@pytest.fixture(scope="module")
def sample() -> Newsletter:
    return parse_file(SAMPLE)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_item_rows(sample: Newsletter, tmp_path: Path) -> None:
    items_path, _ = write_csv([sample], tmp_path / "archive")
    assert items_path == tmp_path / "archive.items.csv"
    rows = read(items_path)
    assert list(rows[0]) == list(ITEM_COLUMNS)
    assert [r["item_id"] for r in rows] == ["1.1", "1.2", "1.3", "1.4", "2.1"]
    assert [r["section_en"] for r in rows] == ["Domestic News"] * 4 + ["Overseas News"]
    first = rows[0]
    assert first["newsletter_sha256"] == sample.source.sha256
    assert (first["publication_number"], first["issue_number"], first["period"]) == ("214", "44", "2021-03")
    assert first["title_zh"] == "工信部组织召开APP个人信息保护监管座谈会"
    assert first["title_en"] == "MIIT Holds APP Personal Information Protection Supervision Meeting"
    assert (first["event_date"], first["month"]) == ("2021-02-05", "2021-02")
    assert first["agencies"] == "miit"
    assert first["counts"] == "14 company; 179 app; 26 app"
    assert first["companies"].split("; ")[:2] == ["百度 / Baidu", "腾讯 / Tencent"]
    assert rows[1]["dates"] == "2021-02-05 event; 2021-02-10 deadline"
    assert rows[1]["laws"].startswith("网络安全法 / Cybersecurity Law; 电信条例 / Telecommunication Regulation")
    assert rows[3]["agencies"] == "tc260" and rows[3]["counts"] == "2 standard"
    assert rows[4]["title_en"] == "FTC Approves to Settle with Zoom Over the Company's Data Security Practices Allegations"
    assert (rows[4]["agencies"], rows[4]["event_date"]) == ("ftc", "2021-02-01")


def test_fact_rows(sample: Newsletter, tmp_path: Path) -> None:
    _, facts_path = write_csv([sample], tmp_path / "out.csv")  # a .csv ending is taken as the stem
    assert facts_path == tmp_path / "out.facts.csv"
    rows = read(facts_path)
    assert list(rows[0]) == list(FACT_COLUMNS)
    first = [r for r in rows if r["item_id"] == "1.1"]
    assert [r["type"] for r in first][:2] == ["date", "agency"]
    date, agency = first[0], first[1]
    assert (date["value"], date["qualifier"], date["zh"], date["en"]) == ("2021-02-05", "event", "2021年2月5日", "February 5, 2021")
    assert (agency["value"], agency["qualifier"], agency["zh"]) == ("miit", "CN", "工业和信息化部")
    apps = [(r["value"], r["zh"], r["en"]) for r in first if r["type"] == "count" and r["qualifier"] == "app"]
    assert apps[0] == ("179", "179款APP", "179 apps")
    # one row per fact: the facts file and the model agree
    assert len(rows) == sum(
        len(i.dates) + len(i.agencies) + len(i.counts) + len(i.amounts) + len(i.laws) + len(i.companies) + len(i.people)
        for i in sample.all_items()
    )


def test_directory_output_and_paths(sample: Newsletter, tmp_path: Path) -> None:
    assert csv_paths(tmp_path) == (tmp_path / "items.csv", tmp_path / "facts.csv")
    write_csv([sample, sample], tmp_path)
    assert len(read(tmp_path / "items.csv")) == 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv", "items.csv"]  # no temporary files left


def test_interrupted_export_leaves_no_file(sample: Newsletter, tmp_path: Path) -> None:
    def newsletters() -> Iterator[Newsletter]:
        yield sample
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_csv(newsletters(), tmp_path / "archive")
    assert list(tmp_path.iterdir()) == []
