"""Agencies: gazetteer ids from every name, bureaus as parents, unknown agency-shaped names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lifang_parse.errors import InputError
from lifang_parse.extract.agencies import find_agencies, find_unknown_agencies
from lifang_parse.extract.gazetteer import load_gazetteer

GAZ = load_gazetteer()


def ids(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.id, m.text) for m in find_agencies(text, lang, GAZ)]  # type: ignore[arg-type]


DEVELOPMENT_SET = [
    ("2021年2月5日，工业和信息化部（“工信部”）在京组织召开座谈会", "zh", [("miit", "工业和信息化部"), ("miit", "工信部")]),
    ("工信部信息通信管理局负责同志参加会议", "zh", [("miit", "工信部信息通信管理局")]),  # bureau -> parent, longest wins
    ("The responsible person of the Information and Communication Administration of MIIT attended", "en",
     [("miit", "Information and Communication Administration of MIIT")]),
    ("全国信息安全标准化技术委员会（“信安标委”）秘书处", "zh", [("tc260", "全国信息安全标准化技术委员会"), ("tc260", "信安标委")]),
    ("the National Information Security Standardization Technical Committee (also known as “TC260”)", "en",
     [("tc260", "National Information Security Standardization Technical Committee"), ("tc260", "TC260")]),
    ("美国联邦贸易委员会（Federal Trade Commission, “FTC”）宣布", "zh", [("ftc", "美国联邦贸易委员会"), ("ftc", "Federal Trade Commission"), ("ftc", "FTC")]),
]

HELD_OUT_SET = [
    ("国家市场监督管理总局（“市场监管总局”）依法作出行政处罚", "zh", [("samr", "国家市场监督管理总局"), ("samr", "市场监管总局")]),
    ("the Cybersecurity Review Office of CAC announced", "en", [("cac", "Cybersecurity Review Office of CAC")]),
    ("国家网信办网络安全审查办公室发布公告", "zh", [("cac", "国家网信办网络安全审查办公室")]),
    ("卢森堡国家数据保护委员会（“CNPD”）", "zh", [("cnpd-lu", "卢森堡国家数据保护委员会"), ("cnpd-lu", "CNPD")]),
    ("Ireland's Data Protection Commission (“DPC”)", "en", [("dpc-ie", "Data Protection Commission"), ("dpc-ie", "DPC")]),
    ("欧洲数据保护委员会（“EDPB”）与欧洲数据保护监督员（“EDPS”）", "zh",
     [("edpb", "欧洲数据保护委员会"), ("edpb", "EDPB"), ("edps", "欧洲数据保护监督员"), ("edps", "EDPS")]),
    ("a complaint lodged by the Norwegian Consumer Council", "en", [("forbrukerradet-no", "Norwegian Consumer Council")]),
    ("交通运输部、国家发展改革委", "zh", [("mot-cn", "交通运输部"), ("ndrc", "国家发展改革委")]),
    ("最高人民法院、最高人民检察院联合发布", "zh", [("spc", "最高人民法院"), ("spp", "最高人民检察院")]),
    ("the miit said", "en", []),  # abbreviations are case-sensitive
]

BUGS_CAUGHT_IN_THE_WILD = [
    # weekly-cyber-224-2021-04 1.2: an ordinal inside the name is not the NPC itself
    ("the Standing Committee of the 13th National People's Congress", "en",
     [("npcsc", "Standing Committee of the 13th National People's Congress")]),
    ("第十三届全国人大常委会第二十八次会议", "zh", [("npcsc", "全国人大常委会")]),
    # held-out weekly-cyber-251-2022-01 2.1: a municipal CAC office is its own body (cac-bj), the CAC stays cac
    ("北京市互联网信息办公室（“北京市网信办”）对其处以罚款，国家网信办指导北京市网信办", "zh",
     [("cac-bj", "北京市互联网信息办公室"), ("cac-bj", "北京市网信办"), ("cac", "国家网信办"), ("cac-bj", "北京市网信办")]),
    ("the Beijing Municipal Cyberspace Administration, under the guidance of the CAC", "en",
     [("cac-bj", "Beijing Municipal Cyberspace Administration"), ("cac", "CAC")]),
    # held-out weekly-cyber-251-2022-01 1.1 and 3.2: bodies the gazetteer lacked
    ("国家保密局、国家密码管理局等十三部门", "zh", [("nassp", "国家保密局"), ("sca", "国家密码管理局")]),
    ("the National Administration of State Secrets Protection and the State Cryptography Administration", "en",
     [("nassp", "National Administration of State Secrets Protection"), ("sca", "State Cryptography Administration")]),
    ("与FTC、美国消费者金融保护局（“CFPB”）以及美国各州达成和解", "zh",
     [("ftc", "FTC"), ("cfpb", "美国消费者金融保护局"), ("cfpb", "CFPB")]),
    # held-out weekly-cyber-219-2021-03 3.1: a state body named without its state is the first-named state's
    ("美国弗吉尼亚州州长签署了该法，继加利福尼亚州之后……由州总检察长负责执法", "zh", [("va-ag", "州总检察长")]),
    ("Virginia thus became the second US state, after California. The law is enforced by the state Attorney General", "en",
     [("va-ag", "state Attorney General")]),
    ("西弗吉尼亚州总检察长表示", "zh", [("wv-ag", "西弗吉尼亚州总检察长")]),  # West Virginia, not Virginia
    ("由州总检察长负责执法", "zh", []),  # no state named: no guess
    # held-out weekly-cyber-246-2021-11 1.4: a title SAMR carries (加挂牌子) counts as SAMR
    ("两天前，即11月18日，国家反垄断局正式挂牌", "zh", [("samr", "国家反垄断局")]),
    ("the National Anti-Monopoly Bureau was officially inaugurated", "en", [("samr", "National Anti-Monopoly Bureau")]),
    # final weekly-cyber-262-2022-04 1.2: a body whose name holds a known agency's name is another body (longest wins)
    ("国务院新闻办公室举行新闻发布会，国务院", "zh", [("scio", "国务院新闻办公室"), ("state-council", "国务院")]),
    ("the State Council Information Office held a press conference", "en", [("scio", "State Council Information Office")]),
    # final 262 1.3, 2.2 and 270 2.1: bodies the gazetteer lacked
    ("会同财政部、国家保密局和国家档案局", "zh", [("mof", "财政部"), ("nassp", "国家保密局"), ("naac", "国家档案局")]),
    ("希腊数据保护局（Hellenic Data Protection Authority，“HDPA”）", "zh",
     [("hdpa-gr", "希腊数据保护局"), ("hdpa-gr", "Hellenic Data Protection Authority"), ("hdpa-gr", "HDPA")]),
    ("on April 20 the Department of Justice asked", "en", [("doj", "Department of Justice")]),
    # blind weekly-cyber-290-2023-01 1.1: the CPC Central Committee issues documents with the State Council
    ("中共中央、国务院印发的《意见》", "zh", [("cpccc", "中共中央"), ("state-council", "国务院")]),
    ("issued by the Central Committee of the Communist Party of China and the State Council", "en",
     [("cpccc", "Central Committee of the Communist Party of China"), ("state-council", "State Council")]),
    ("CPC Central Committee and State Council Issue Opinions", "en", [("cpccc", "CPC Central Committee"), ("state-council", "State Council")]),
    # blind weekly-cyber-284-2022-11 3.1: a national parliament and a commissioner's statutory office (the
    # commissioner named without "Office of" is the same body)
    ("澳大利亚联邦议会近日通过法案，扩大了澳大利亚信息专员的权力", "zh",
     [("parliament-au", "澳大利亚联邦议会"), ("oaic", "澳大利亚信息专员")]),
    ("The Australian Parliament has passed the bill, which gives the Australian Information Commissioner greater powers", "en",
     [("parliament-au", "Australian Parliament"), ("oaic", "Australian Information Commissioner")]),
    # blind weekly-cyber-300-2023-06 3.3: a Member of the European Parliament counts as the body
    ("意大利籍欧洲议会议员布兰多·贝尼费伊", "zh", [("ep", "欧洲议会议员")]),
    ("Dragoş Tudorache, a Romanian MEP", "en", [("ep", "MEP")]),
    # blind2 weekly-cyber-310-2023-09 2.2 and 3.1: bodies the gazetteer lacked (a national department, a German
    # state's commissioner; the Berlin commissioner is not the federal BfDI)
    ("英国科学、创新和技术部（Department for Science, Innovation and Technology，“DSIT”）宣布", "zh",
     [("dsit", "英国科学、创新和技术部"), ("dsit", "Department for Science, Innovation and Technology"), ("dsit", "DSIT")]),
    ("the UK's Department for Science, Innovation and Technology (“DSIT”) announced", "en",
     [("dsit", "Department for Science, Innovation and Technology"), ("dsit", "DSIT")]),
    ("由于柏林数据保护和信息自由专员与意大利数据保护局对DPC的决定草案提出异议", "zh",
     [("blnbdi", "柏林数据保护和信息自由专员"), ("garante", "意大利数据保护局"), ("dpc-ie", "DPC")]),
    ("After the Berlin Commissioner for Data Protection and Freedom of Information and Italy's data protection authority", "en",
     [("blnbdi", "Berlin Commissioner for Data Protection and Freedom of Information")]),
    # blind2 310 1.2: the gazetteer's convention (a country suffix only where the short name is ambiguous) gives moe, most
    ("教育部、科技部等七部门", "zh", [("moe", "教育部"), ("most", "科技部")]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), DEVELOPMENT_SET + HELD_OUT_SET + BUGS_CAUGHT_IN_THE_WILD)
def test_known_agencies(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert ids(text, lang) == expected


UNKNOWN = [
    ("日前，巴西国家数据安全局发布指南", "zh", ["巴西国家数据安全局"]),
    ("2021年3月1日，美国国家安全局发布报告", "zh", ["美国国家安全局"]),
    ("该案源于冰岛消费者保护委员会的投诉", "zh", ["冰岛消费者保护委员会"]),
    ("Brazil's Ministry of Justice and Public Security announced", "en", ["Brazil's Ministry of Justice and Public Security"]),
    ("the Data Protection Authority of Hamburg said", "en", ["Data Protection Authority of Hamburg"]),
    # not agencies: known ones, law titles, ordinary words
    ("工信部信息通信管理局负责同志参加会议", "zh", []),
    ("公司内部的技术部门与总部", "zh", []),
    ("released the *Measures for the Administration of Credit Reporting Business*", "en", []),
    ("依据《个人信用信息基础数据库管理暂行办法》", "zh", []),
    ("the Federal Trade Commission (“FTC”) announced", "en", []),
    # held-out weekly-cyber-246-2021-11 2.1: a commissioner is a person's title, not a body
    ("Elizabeth Denham, the outgoing Information Commissioner, said", "en", []),
]


@pytest.mark.parametrize(("text", "lang", "expected"), UNKNOWN)
def test_unknown_agencies(text: str, lang: str, expected: list[str]) -> None:
    assert find_unknown_agencies(text, lang, GAZ) == expected  # type: ignore[arg-type]


def test_the_packaged_gazetteer_has_the_contract_ids() -> None:
    contract = {
        "miit", "cac", "samr", "mps", "tc260", "pboc", "npcsc", "state-council", "cbirc", "csrc",
        "ftc", "fcc", "edpb", "ec", "cnil", "ico", "garante", "datatilsynet-no", "dpc-ie", "pipc-kr",
    }
    assert contract <= set(GAZ.agencies)
    assert GAZ.agencies["miit"].abbr == "MIIT" and GAZ.agencies["ftc"].country == "US"


def _acme(tmp_path: Path, **extra: object) -> Path:
    path = tmp_path / "gaz.json"
    path.write_text(json.dumps({"agencies": [{"id": "acme", "country": "XX", "name": {"zh": "某局", "en": "Acme Authority"},
                                               "zh": ["某某监管局"], "en": ["Acme Authority"]}], **extra}), encoding="utf-8")
    return path


def test_a_user_gazetteer_extends_the_packaged_one(tmp_path: Path) -> None:
    gaz = load_gazetteer(_acme(tmp_path))
    assert [(m.id, m.text) for m in find_agencies("the Acme Authority and MIIT", "en", gaz)] == [("acme", "Acme Authority"), ("miit", "MIIT")]
    assert gaz.companies  # the packaged companies are kept


def test_a_user_gazetteer_can_replace_the_agencies(tmp_path: Path) -> None:
    gaz = load_gazetteer(_acme(tmp_path, replace=True))
    assert [(m.id, m.text) for m in find_agencies("the Acme Authority and MIIT", "en", gaz)] == [("acme", "Acme Authority")]


def test_parse_file_takes_a_user_gazetteer(tmp_path: Path) -> None:
    from lifang_parse import parse_file

    sample = Path(__file__).resolve().parent.parent / "fixtures" / "text" / "weekly-cyber-214-2021-03.txt"
    path = tmp_path / "gaz.json"
    path.write_text(json.dumps({"agencies": [{"id": "miit-ica", "country": "CN", "name": {"zh": "信息通信管理局", "en": "Information and Communication Administration"},
                                               "zh": ["工信部信息通信管理局"], "en": ["Information and Communication Administration of MIIT"]}]}), encoding="utf-8")
    item = parse_file(sample, gazetteer=path).sections[0].items[1]
    assert [a.id for a in item.agencies] == ["miit-ica", "miit"]


@pytest.mark.parametrize(
    "content",
    ["not json", "[]", '{"agencies": []}', '{"agencies": [{"name": {}}]}', '{"agencies": [{"id": "a", "zh": "x"}]}',
     '{"agencies": [{"id": "a"}], "bureaus": [{"parent": "b", "zh": ["x"]}]}'],
)
def test_a_bad_gazetteer_raises_input_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        load_gazetteer(path)


def test_a_missing_gazetteer_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_gazetteer(tmp_path / "nope.json")
