"""The issue's item 8: the sample's facts, exactly, and no false warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from lifang_parse.api import parse_file
from lifang_parse.models import Item

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "text" / "weekly-cyber-214-2021-03.txt"


@pytest.fixture(scope="module")
def items() -> dict[str, Item]:
    return {item.id: item for item in parse_file(SAMPLE).all_items()}


def dates(item: Item) -> list[tuple[str, str]]:
    return [(d.date, d.role) for d in item.dates]


def named(values: list) -> list[tuple[str | None, str | None]]:  # type: ignore[type-arg]
    return [(n.name.zh, n.name.en) for n in values]


def test_item_1_1(items: dict[str, Item]) -> None:
    it = items["1.1"]
    assert dates(it) == [("2021-02-05", "event")]
    assert [a.id for a in it.agencies] == ["miit"]
    assert [(c.value, c.unit) for c in it.counts] == [(14, "company"), (179, "app"), (26, "app")]
    assert named(it.people) == [("刘烈宏", "Liehong Liu")]
    assert named(it.companies) == [("百度", "Baidu"), ("腾讯", "Tencent"), ("阿里巴巴", "Alibaba"), ("美团", "Meituan"), ("字节跳动", "ByteDance")]
    assert [(law.title.zh, law.title.en) for law in it.laws] == [
        ("移动互联网应用程序个人信息保护管理暂行规定", "Interim Provisions on the Personal Information Protection of Mobile Internet Applications")
    ]
    assert it.amounts == []


def test_item_1_2(items: dict[str, Item]) -> None:
    it = items["1.2"]
    assert dates(it) == [("2021-02-05", "event"), ("2021-02-10", "deadline")]
    deadline = it.dates[1]
    assert (deadline.zh, deadline.en, deadline.year_inferred, deadline.precision) == ("2月10日", "February 10", True, "day")
    assert [a.id for a in it.agencies] == ["miit"]
    assert [(c.value, c.unit) for c in it.counts] == [(26, "app")]
    assert [(law.title.zh, law.title.en) for law in it.laws] == [
        ("网络安全法", "Cybersecurity Law"),
        ("电信条例", "Telecommunication Regulation"),
        ("电信和互联网用户个人信息保护规定", "Provisions on Protecting the Personal Information of Telecommunications and Internet Users"),
        ("关于开展纵深推进APP侵害用户权益专项整治行动的通知",
         "Notice of Launching a Special Campaign to Further Crack Down on APP Infringements on Users' Rights and Interests"),
    ]
    assert it.companies == [] and it.people == []


def test_item_1_3(items: dict[str, Item]) -> None:
    it = items["1.3"]
    assert dates(it) == [("2021-02-03", "event"), ("2021-01-22", "mentioned"), ("2021-02-03", "as_of")]
    assert [d.year_inferred for d in it.dates] == [False, True, True]
    assert [a.id for a in it.agencies] == ["miit"]
    assert [(c.value, c.unit) for c in it.counts] == [(157, "company"), (37, "app")]
    assert it.laws == []


def test_item_1_4(items: dict[str, Item]) -> None:
    it = items["1.4"]
    assert dates(it) == [("2021-02-03", "event"), ("2021-04-03", "deadline")]
    assert [a.id for a in it.agencies] == ["tc260"]
    assert [(c.value, c.unit) for c in it.counts] == [(2, "standard")]
    assert [(law.title.zh, law.title.en) for law in it.laws] == [
        ("信息安全技术 快递物流服务数据安全指南", "Information Security Technology: Data Security Guidelines for Express Logistics Services"),
        ("信息安全技术 即时通信服务数据安全指南", "Information Security Technology: Data Security Guidelines for Instant Messaging Services"),
    ]


def test_item_2_1(items: dict[str, Item]) -> None:
    it = items["2.1"]
    assert dates(it) == [("2021-02-01", "event")]
    assert [a.id for a in it.agencies] == ["ftc"]
    # one company, named by its longest form (the English legal name), the short name it defines a mention
    assert named(it.companies) == [("Zoom", "Zoom Video Communications, Inc.")]
    assert it.companies[0].mentions == ["Zoom"]
    assert it.counts == [] and it.amounts == [] and it.people == [] and it.laws == []
    assert [(a.type, a.agency, [t.name.en for t in a.targets]) for a in it.actions] == [("settlement", "ftc", ["Zoom Video Communications, Inc."])]


def test_the_agency_fact_carries_every_mention(items: dict[str, Item]) -> None:
    (miit,) = items["1.1"].agencies
    assert miit.abbr == "MIIT" and miit.country == "CN"
    assert miit.name.zh == "工业和信息化部"
    assert {"工业和信息化部", "工信部", "工信部信息通信管理局", "MIIT", "Information and Communication Administration of MIIT"} <= set(miit.mentions)


def test_the_sample_has_no_false_fact_warnings(items: dict[str, Item]) -> None:
    codes = [(i.id, w.code, w.message) for i in items.values() for w in i.warnings if w.code in ("translation_mismatch", "unknown_agency")]
    assert codes == []
