"""Actions: what an authority did in a story, one per (type, agency), from both languages.

Tables of real sentences, by where they come from: the development set (fixtures/golden), the sets measured
before tuning and then generalised from (held-out, final, blind, blind2, blind3), and blind set 4 (actions and
unseen facts; measured once untuned, then its classes fixed). A sentence is read alone, as the whole body of
a one-language item, so every row shows one rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lifang_parse.errors import InputError
from lifang_parse.extract import enrich_item, load_gazetteer
from lifang_parse.models import Bilingual, Item, Location

GAZ = load_gazetteer()


def item(zh: str | None, en: str | None) -> Item:
    return Item(id="9.9", title=Bilingual(), body=Bilingual(zh=zh, en=en), location=Location(line_start=1, line_end=2))


def acts(text: str, lang: str, gazetteer=GAZ) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    it = item(text, None) if lang == "zh" else item(None, text)
    return sorted((a.type, a.agency or "") for a in enrich_item(it, period="2021-03", gazetteer=gazetteer).actions)  # type: ignore[misc]


DEVELOPMENT_SET = [
    # 214 1.1: a meeting the agency held; the sentence's agency in a coordination's bracket is still the actor
    ("2021年2月5日，工业和信息化部（“工信部”）在京组织召开APP个人信息保护监管座谈会。", "zh", [("meeting", "miit")]),
    ("On February 5, 2021, China's Ministry of Industry and Information Technology (\"MIIT\") held an app personal "
     "information protection supervision meeting in Beijing.", "en", [("meeting", "miit")]),
    # 205 1.3: co-acting bodies (会同, "together with") each acted; releasing a draft is a consultation only
    ("2021年1月8日，国家互联网信息办公室（“国家网信办”）会同工业和信息化部、公安部起草了《互联网信息服务管理办法（修订草案征求意见稿）》，并向社会公开征求意见。",
     "zh", [("consultation", "cac"), ("consultation", "miit"), ("consultation", "mps")]),
    ("On January 8, 2021, the Cyberspace Administration of China (\"CAC\"), together with MIIT and the Ministry of Public "
     "Security (\"MPS\"), released the *Administrative Measures for Internet Information Services (Revised Draft for Comments)* "
     "for public consultation.", "en", [("consultation", "cac"), ("consultation", "miit"), ("consultation", "mps")]),
    # ... an older instrument's history is no act of the story
    ("现行办法由国务院于2000年发布。", "zh", []),
    ("The measures now in force were issued by the State Council in 2000.", "en", []),
    # 224 1.1: an order and a fine in one sentence
    ("依据《反垄断法》，市场监管总局责令阿里巴巴停止违法行为，罚款金额为其2019年中国境内销售额4557.12亿元的4%，计182.28亿元。", "zh",
     [("fine", "samr"), ("rectification", "samr")]),
    # 214 2.1: a settlement
    ("the Federal Trade Commission (“FTC”) announced that it finalized a settlement with Zoom Video Communications, Inc. (“Zoom”)",
     "en", [("settlement", "ftc")]),
    # a company's own deeds and a rule taking effect are no acts; a possibility is none either (224 3.1)
    ("2021年1月15日，WhatsApp宣布推迟其隐私政策和服务条款更新的生效时间。", "zh", []),
    ("2021年9月1日，《数据安全法》正式施行。", "zh", []),
    ("Companies that break the rules could face fines of up to €30 million or 6% of their worldwide annual turnover.", "en", []),
    # 205 3.4: an intention counts
    ("2021年1月26日，挪威数据保护局（Datatilsynet）向约会应用Grindr发出预先通知，拟对其处以1亿挪威克朗的行政罚款。", "zh",
     [("fine", "datatilsynet-no")]),
]

HELD_OUT_SETS = [
    # final 262 1.1: a passive with its agents after "by", a date between
    ("The provisions had been jointly issued on December 31, 2021 by the Cyberspace Administration of China (\"CAC\"), the "
     "Ministry of Industry and Information Technology, the Ministry of Public Security and the State Administration for Market "
     "Regulation.", "en", [("issuance", "cac"), ("issuance", "miit"), ("issuance", "mps"), ("issuance", "samr")]),
    # final 262 2.1: a company's account; a passive without an agent
    ("滴滴表示，为更好地配合网络安全审查和整改措施，公司在退市完成前不会申请在其他证券交易所挂牌。", "zh", []),
    ("滴滴于2021年6月30日在纽约证券交易所上市，2021年7月2日即被实施网络安全审查。", "zh", []),
    # blind 300 3.3: a position on a law is not the law
    ("On June 14, 2023, the European Parliament adopted its negotiating position on the *Artificial Intelligence Act*.", "en", []),
    # held-out 246 1.1: what a law lets authorities do is the law's content
    ("对于情节严重的违法行为，省级以上履行个人信息保护职责的部门可以责令改正、没收违法所得，并处5000万元以下或者上一年度营业额5%以下的罚款。", "zh", []),
    # held-out 219 3.3: a court's approval is a judgment, by no agency of the gazetteer
    ("2021年2月26日，美国加利福尼亚北区联邦地区法院法官詹姆斯·多纳托（James Donato）最终批准了Facebook就伊利诺伊州人脸识别集体诉讼达成的6.5亿美元和解协议。",
     "zh", [("judgment", "")]),
    # blind 300 3.1: a judgment in a clause of time is the setting, not an act
    ("DPC认定，Meta爱尔兰在欧盟法院作出“Schrems II”判决后，仍依据标准合同条款传输个人数据。", "zh", []),
]

BLIND4 = [
    # 332 1.2: the body under whose guidance another acts is no actor
    ("2024年12月5日，在湖南省互联网信息办公室指导下，长沙市互联网信息办公室（“长沙市网信办”）会同长沙市市场监督管理局，对12款存在违规收集使用个人信息问题的"
     "餐饮、商超类应用程序（含微信小程序）的运营负责人进行集中约谈。", "zh", [("interview", "amr-changsha"), ("interview", "cac-changsha")]),
    # 330 1.2: nor is a body in an adverbial phrase
    ("On October 30, 2023, the Beijing Municipal Cyberspace Administration disclosed that, acting on leads transferred by the CAC, "
     "it had opened investigations into three local companies suspected of failing to fulfil their data security obligations.",
     "en", [("investigation", "cac-bj")]),
    # 331 2.1: a host holds the meeting
    ("2024年10月10日至11日，由意大利数据保护局（Garante）主办的第四届七国集团（G7）数据保护与隐私机构圆桌会议在罗马召开。", "zh",
     [("meeting", "garante")]),
    # 333 2.2: a fine named before the penalty it is ("给予罚款的行政处罚")
    ("国家网信办指导属地网信办依法约谈相关网站负责人，责令其限期整改，处置相关账号，并分别给予罚款的行政处罚。", "zh",
     [("fine", "cac"), ("interview", "cac"), ("rectification", "cac")]),
    # 335 1.1: a statutory range of fines is a rule's content
    ("网络运营者不履行网络安全保护义务，拒不改正或者导致危害网络安全等后果的，处五万元以上五十万元以下罚款。", "zh", []),
    # 334 2.1: what violators face is no fine
    ("Under the Act, violators face penalties of up to ₹250 crore.", "en", []),
]


@pytest.mark.parametrize(("text", "lang", "expected"), DEVELOPMENT_SET + HELD_OUT_SETS + BLIND4)
def test_actions(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert acts(text, lang) == sorted(expected)


def test_one_action_per_type_and_agency_with_its_facts() -> None:
    got = enrich_item(item(
        "2021年4月10日，市场监管总局依据《反垄断法》对阿里巴巴集团控股有限公司（“阿里巴巴”）处以182.28亿元罚款。",
        "On April 10, 2021, SAMR fined Alibaba Group Holding Limited (“Alibaba”) RMB 18.228 billion under the *Anti-Monopoly Law*.",
    ), period="2021-04", gazetteer=GAZ)
    (fine,) = got.actions
    assert (fine.type, fine.agency, fine.date) == ("fine", "samr", "2021-04-10")
    assert fine.amount is not None and (fine.amount.value, fine.amount.currency) == (18_228_000_000, "CNY")
    assert [t.name.en for t in fine.targets] == ["Alibaba Group Holding Limited"]
    assert [(law.zh, law.en) for law in fine.laws] == [("反垄断法", "Anti-Monopoly Law")]
    assert fine.zh and fine.en
    assert not [w for w in got.warnings if w.code == "translation_mismatch"]


def test_an_action_one_language_alone_reports_is_a_mismatch() -> None:
    got = enrich_item(item("市场监管总局对该公司处以50万元罚款，并责令其整改。", "SAMR fined the company RMB 500,000."), period="2021-04", gazetteer=GAZ)
    assert sorted(a.type for a in got.actions) == ["fine", "rectification"]
    assert [w.message for w in got.warnings if w.code == "translation_mismatch"] == [
        "action rectification (samr) found in zh only, not in en (“并责令其整改”)"
    ]


def test_users_extend_the_action_words_in_their_gazetteer(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"actions": {"types": {"fine": {"en": ["slapped … with a penalty"]}}}}), encoding="utf-8")
    text = "The FTC slapped the company with a penalty."
    assert acts(text, "en") == []
    assert acts(text, "en", load_gazetteer(path)) == [("fine", "ftc")]


def test_an_unknown_action_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"actions": {"types": {"praise": {"en": ["praised"]}}}}), encoding="utf-8")
    with pytest.raises(InputError):
        load_gazetteer(path)
