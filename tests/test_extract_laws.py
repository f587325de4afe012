"""Law titles: 《》 and *italic*, paired in order; an italic span of several titles split on commas."""

from __future__ import annotations

import pytest

from lifang_parse.extract.laws import en_titles, pair_titles, zh_titles

ZH_12 = "依据《网络安全法》《电信条例》《电信和互联网用户个人信息保护规定》等法律法规，结合《关于开展纵深推进APP侵害用户权益专项整治行动的通知》"
EN_12 = (
    "in accordance with the *Cybersecurity Law, Telecommunication Regulation, Provisions on Protecting the Personal "
    "Information of Telecommunications and Internet Users* and other laws and regulations, combined with the *Notice of "
    "Launching a Special Campaign to Further Crack Down on APP Infringements on Users' Rights and Interests*, MIIT"
)


def test_development_set_item_1_2_splits_one_italic_span() -> None:
    pairs, differ = pair_titles(zh_titles(ZH_12), en_titles(EN_12))
    assert not differ
    assert pairs == [
        ("网络安全法", "Cybersecurity Law"),
        ("电信条例", "Telecommunication Regulation"),
        ("电信和互联网用户个人信息保护规定", "Provisions on Protecting the Personal Information of Telecommunications and Internet Users"),
        ("关于开展纵深推进APP侵害用户权益专项整治行动的通知",
         "Notice of Launching a Special Campaign to Further Crack Down on APP Infringements on Users' Rights and Interests"),
    ]


def test_development_set_item_1_4_standards() -> None:
    zh = "包括《信息安全技术 快递物流服务数据安全指南》和《信息安全技术 即时通信服务数据安全指南》。"
    en = ("including the *Information Security Technology: Data Security Guidelines for Express Logistics Services* and "
          "*Information Security Technology: Data Security Guidelines for Instant Messaging Services*.")
    pairs, differ = pair_titles(zh_titles(zh), en_titles(en))
    assert not differ
    assert pairs[1] == ("信息安全技术 即时通信服务数据安全指南", "Information Security Technology: Data Security Guidelines for Instant Messaging Services")


HELD_OUT_SET = [
    # weekly-cyber-236-2021-08 1.1: repeats are one title
    ("通过了《个人信息保护法》。《个人信息保护法》与《网络安全法》以及《数据安全法》",
     "adopt the *Personal Information Protection Law*. The *Personal Information Protection Law*, the *Cybersecurity Law* and the *Data Security Law*",
     [("个人信息保护法", "Personal Information Protection Law"), ("网络安全法", "Cybersecurity Law"), ("数据安全法", "Data Security Law")], False),
    # weekly-cyber-240-2021-09 1.3: a title with brackets
    ("发布《互联网信息服务算法推荐管理规定（征求意见稿）》",
     "released the *Provisions on the Administration of Algorithmic Recommendations for Internet Information Services (Draft for Comments)*",
     [("互联网信息服务算法推荐管理规定（征求意见稿）", "Provisions on the Administration of Algorithmic Recommendations for Internet Information Services (Draft for Comments)")], False),
    # a count that differs is reported
    ("依据《网络安全法》和《数据安全法》", "under the *Cybersecurity Law* and the Data Security Law",
     [("网络安全法", "Cybersecurity Law"), ("数据安全法", None)], True),
    # bold is not italic
    ("《反垄断法》", "**Anti-Monopoly Law** under *Anti-Monopoly Law*", [("反垄断法", "Anti-Monopoly Law")], False),
]


@pytest.mark.parametrize(("zh", "en", "expected", "differ"), HELD_OUT_SET)
def test_held_out_set(zh: str, en: str, expected: list[tuple[str | None, str | None]], differ: bool) -> None:
    assert pair_titles(zh_titles(zh), en_titles(en)) == (expected, differ)


def test_arithmetic_asterisks_are_not_italics() -> None:
    assert en_titles("2*3*4 and 5 * 6 * 7") == []
