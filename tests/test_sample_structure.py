"""The original sample, segmented: every value below was read off the sample by hand."""

from __future__ import annotations

import pytest

from lifang_parse import parse_file
from lifang_parse.models import Newsletter

from conftest import SAMPLE


@pytest.fixture(scope="module")
def sample() -> Newsletter:
    return parse_file(SAMPLE)


def test_masthead(sample: Newsletter) -> None:
    assert sample.schema_version == "1.1"
    assert sample.publication_number == 214
    assert sample.period == "2021-03"
    assert sample.issue_number == 44
    assert sample.title.zh == "立方网络安全与数据合规周报"
    assert sample.title.en == "Weekly Cybersecurity and Data Protection Review"
    assert sample.publisher.zh == "立方律师事务所"
    assert sample.publisher.en == "Lifang & Partners"
    assert sample.publication.zh == "立方观评"


def test_source(sample: Newsletter) -> None:
    assert sample.source.format == "text"
    assert sample.source.encoding == "utf-8"
    assert len(sample.source.sha256) == 64
    assert sample.source.path is not None and sample.source.path.endswith("weekly-cyber-214-2021-03.txt")


def test_contents(sample: Newsletter) -> None:
    assert [(c.heading.zh, c.heading.en) for c in sample.contents] == [
        ("国内要闻", "Domestic News"),
        ("海外动态", "Overseas News"),
    ]
    assert [len(c.titles) for c in sample.contents] == [4, 1]
    assert sample.contents[0].titles[2].zh == "工信部通报下架37款侵害用户权益APP"
    assert sample.contents[0].titles[2].en == "MIIT: 37 Apps Pulled off for Infringing Users' Rights and Interests"
    assert sample.contents[1].titles[0].en == "FTC Approves to Settle with Zoom Over the Company's Data Security Practices Allegations"


def test_sections_and_items(sample: Newsletter) -> None:
    assert [(s.heading.zh, s.heading.en) for s in sample.sections] == [("国内要闻", "Domestic News"), ("海外动态", "Overseas News")]
    assert [[i.id for i in s.items] for s in sample.sections] == [["1.1", "1.2", "1.3", "1.4"], ["2.1"]]
    first = sample.sections[0].items[0]
    assert first.title.zh == "工信部组织召开APP个人信息保护监管座谈会"
    assert first.title.en == "MIIT Holds APP Personal Information Protection Supervision Meeting"
    assert first.body.zh is not None and first.body.zh.startswith("2021年2月5日，工业和信息化部（“工信部”）在京组织召开")
    assert first.body.zh.endswith("与会专家学者和企业负责人进行了研讨交流。")
    assert first.body.en is not None and first.body.en.startswith("On February 5, 2021, China's Ministry of Industry")
    assert first.body.en.endswith("discussed with the experts, scholars and company leaders.")


def test_page_breaks_rejoined(sample: Newsletter) -> None:
    item_12 = sample.sections[0].items[1]
    assert "rectified as of February 5. The notified apps should complete the rectification before February 10." in (item_12.body.en or "")
    assert "\n\n" not in (item_12.body.en or "")
    item_21 = sample.sections[1].items[0]
    assert "Zoom需要每两年提交一次由独立第三方机构对其软件安全程序进行的性能评估" in (item_21.body.zh or "")


def test_links_leave_the_body(sample: Newsletter) -> None:
    for item in sample.all_items():
        assert [(link.lang, link.text, link.href) for link in item.links] == [("zh", "查看更多", "#"), ("en", "More", "#")]
        assert "查看更多" not in (item.body.zh or "") and "[More]" not in (item.body.en or "")
        assert not (item.body.zh or "").endswith(("（", "）", " "))
    # Item 1.3 writes the Chinese marker after a space: "...下架相关APP。 ([查看更多](#))".
    assert sample.sections[0].items[2].body.zh.endswith("相关应用商店应在该通报发布后立即下架相关APP。")


def test_locations(sample: Newsletter) -> None:
    # Lines counted in the file itself: item 1.1's Chinese title stands on line 49, its More marker on 55.
    item = sample.sections[0].items[0]
    assert (item.location.line_start, item.location.line_end) == (49, 55)
    assert sample.sections[1].items[0].location.line_start == 85
    assert item.location.page_start is None


def test_footer(sample: Newsletter) -> None:
    footer = sample.footer
    assert footer is not None
    assert footer.disclaimer.zh is not None and footer.disclaimer.zh.startswith("立方律师事务所编写《立方观评》的目的")
    assert footer.disclaimer.en is not None and footer.disclaimer.en.startswith("This Newsletter has been prepared for clients")
    assert [(o.zh, o.en) for o in footer.offices] == [
        ("北京", "Beijing"), ("上海", "Shanghai"), ("武汉", "Wuhan"),
        ("广州", "Guangzhou"), ("深圳", "Shenzhen"), ("韩国", "Korea"),
    ]
    assert footer.website == "www.lifanglaw.com"
    assert footer.email == "info@lifanglaw.com"
    assert footer.phone == "+8610 64096099"
    assert footer.fax == "+8610 64096260/64096261"


def test_boilerplate_and_nothing_unplaced(sample: Newsletter) -> None:
    assert [f.text for f in sample.boilerplate] == [
        "NEWSLETTER", "关注更多精彩内容", "Subscribe to our WeChat community", "扫码关注公众号“立方律师事务所”",
    ]
    assert sample.unplaced == []
    assert [w.code for w in sample.warnings if w.code in ("unplaced_text", "contents_mismatch", "missing_translation")] == []


def test_json_round_trip(sample: Newsletter) -> None:
    again = Newsletter.model_validate_json(sample.to_json())
    assert again == sample
    assert sample.to_json(indent=2).startswith('{\n  "schema_version": "1.1"')


def test_models_are_immutable(sample: Newsletter) -> None:
    with pytest.raises(Exception):
        sample.period = "1999-01"  # type: ignore[misc]
