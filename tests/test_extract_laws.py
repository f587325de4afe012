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


# bugs caught in the wild: text from other PDF tools (fixtures/extracted/) has no *…* italics, so English titles
# are found from their Title-Case shape and head nouns, one per Chinese 《》 title, in order.
BUGS_CAUGHT_IN_THE_WILD = [
    # extracted weekly-cyber-214-2021-03 1.2: titles separated by commas; a head noun ends or opens each
    (["网络安全法", "电信条例", "电信和互联网用户个人信息保护规定"],
     "in accordance with the Cybersecurity Law, Telecommunication Regulation, Provisions on Protecting the Personal "
     "Information of Telecommunications and Internet Users and other laws and regulations",
     ["Cybersecurity Law", "Telecommunication Regulation",
      "Provisions on Protecting the Personal Information of Telecommunications and Internet Users"]),
    # extracted weekly-cyber-205-2021-01 1.2: a sentence opener before a title; a bracketed part is kept
    (["征信业务管理办法（征求意见稿）", "征信业管理条例"],
     "released the Measures for the Administration of Credit Reporting Business (Draft for Comments) to solicit "
     "public opinions. Based on the Regulations on the Administration of the Credit Reporting Industry, the draft",
     ["Measures for the Administration of Credit Reporting Business (Draft for Comments)",
      "Regulations on the Administration of the Credit Reporting Industry"]),
    # extracted weekly-cyber-214-2021-03 1.4: standards with a prefix and a colon, joined by "and"
    (["信息安全技术 快递物流服务数据安全指南", "信息安全技术 即时通信服务数据安全指南"],
     "including the Information Security Technology: Data Security Guidelines for Express Logistics Services and "
     "Information Security Technology: Data Security Guidelines for Instant Messaging Services.",
     ["Information Security Technology: Data Security Guidelines for Express Logistics Services",
      "Information Security Technology: Data Security Guidelines for Instant Messaging Services"]),
    # extracted weekly-cyber-224-2021-04 1.1: a body's name ending in "Regulation" is no title
    (["反垄断法"], "the State Administration for Market Regulation found under the Anti-Monopoly Law that", ["Anti-Monopoly Law"]),
    # extracted weekly-cyber-236-2021-08 3.2: a title-shaped run of another kind (Notice) does not take a 法's place
    (["电话消费者保护法"], "issued a Notice of Apparent Liability for violations of the Telephone Consumer Protection Act",
     ["Telephone Consumer Protection Act"]),
    # held-out texts without asterisks: numbers, ordinals, possessives, "ePrivacy", two titles joined by "and the"
    (["关于虚拟语音助手的02/2021号指南", "电子隐私指令"],
     "adopted the Guidelines 02/2021 on Virtual Voice Assistants, under both the GDPR and the ePrivacy Directive",
     ["Guidelines 02/2021 on Virtual Voice Assistants", "ePrivacy Directive"]),
    (["国民经济和社会发展第十四个五年规划和2035年远景目标纲要"],
     "approving the Outline of the 14th Five-Year Plan for National Economic and Social Development and Long-Range "
     "Objectives Through the Year 2035.",
     ["Outline of the 14th Five-Year Plan for National Economic and Social Development and Long-Range Objectives Through the Year 2035"]),
    (["生物识别信息隐私法"], "a class action under Illinois' Biometric Information Privacy Act was settled", ["Biometric Information Privacy Act"]),
    (["数字服务法", "数字市场法"], "adopted the Digital Services Act and the Digital Markets Act by large majorities",
     ["Digital Services Act", "Digital Markets Act"]),
    (["网络安全法"], "Acting under the Cybersecurity Law in 2021, MIIT", ["Cybersecurity Law"]),
    # pdftotext of blind2 weekly-cyber-310 2.2: "the" after a capitalised object starts the title
    (["2023年数据保护（充分性）（美利坚合众国）条例"],
     "the government had laid before Parliament the Data Protection (Adequacy) (United States of America) "
     "Regulations 2023, which establish the UK-US data bridge",
     ["Data Protection (Adequacy) (United States of America) Regulations 2023"]),
    # no invention: plain sentences, agency names, a Chinese side without titles, English that has italics
    (["网络安全法"], "The Authority takes the view that Grindr shared users' GPS location with the European Commission.", []),
    ([], "in accordance with the Cybersecurity Law", []),
    (["网络安全法", "数据安全法"], "under the *Cybersecurity Law* and the Data Security Law", ["Cybersecurity Law"]),
]


@pytest.mark.parametrize(("zh", "en", "expected"), BUGS_CAUGHT_IN_THE_WILD)
def test_bugs_caught_in_the_wild(zh: list[str], en: str, expected: list[str]) -> None:
    assert en_titles(en, zh) == expected


# Issue 14 item 4: one italic span naming several laws joined by "and" / "," is cut when the Chinese names as
# many titles (paired by order, else by head nouns); one title containing "and" stays whole.
SPANS = [
    ("依据《网络安全法》和《数据安全法》", "under the *Cybersecurity Law and Data Security Law*",
     [("网络安全法", "Cybersecurity Law"), ("数据安全法", "Data Security Law")]),
    ("《网络安全法》《数据安全法》《个人信息保护法》", "the *Cybersecurity Law, Data Security Law and Personal Information Protection Law*",
     [("网络安全法", "Cybersecurity Law"), ("数据安全法", "Data Security Law"), ("个人信息保护法", "Personal Information Protection Law")]),
    # by head nouns when the order differs
    ("《网络安全条例》和《数据安全法》", "the *Data Security Law and Cybersecurity Regulations*",
     [("网络安全条例", "Cybersecurity Regulations"), ("数据安全法", "Data Security Law")]),
    # one title with "and" in it
    ("《未成年人和家庭保护法》", "the *Law on the Protection of Minors and Families*",
     [("未成年人和家庭保护法", "Law on the Protection of Minors and Families")]),
    ("《电信和互联网用户个人信息保护规定》", "the *Provisions on Protecting the Personal Information of Telecommunications and Internet Users*",
     [("电信和互联网用户个人信息保护规定", "Provisions on Protecting the Personal Information of Telecommunications and Internet Users")]),
    # two titles of which the first holds "and": cut where both pieces are titles
    ("《数字服务和市场法》与《数据法》", "the *Digital Services and Markets Act and Data Act*",
     [("数字服务和市场法", "Digital Services and Markets Act"), ("数据法", "Data Act")]),
]


@pytest.mark.parametrize(("zh", "en", "expected"), SPANS)
def test_a_span_of_several_titles_is_cut_as_the_chinese_names_them(zh: str, en: str, expected: list[tuple[str, str]]) -> None:
    assert pair_titles(zh_titles(zh), en_titles(en)) == (expected, False)
