"""Cross-language matching: one fact per value; a fact in one language only is a translation_mismatch."""

from __future__ import annotations

from lifang_parse.extract import enrich_item, load_gazetteer
from lifang_parse.models import Bilingual, Item, Location

GAZ = load_gazetteer()


def item(zh: str | None, en: str | None, *, title_zh: str = "", title_en: str = "") -> Item:
    return Item(id="9.9", title=Bilingual(zh=title_zh or None, en=title_en or None), body=Bilingual(zh=zh, en=en),
                location=Location(line_start=1, line_end=2))


def mismatches(it: Item) -> list[str]:
    return [w.message for w in it.warnings if w.code == "translation_mismatch"]


def test_facts_found_in_both_languages_pair_without_warning() -> None:
    got = enrich_item(item("2021年2月5日，工信部通报了26款APP，罚款50万元。", "On February 5, 2021, MIIT named 26 apps and imposed a fine of RMB 500,000."),
                      period="2021-03", gazetteer=GAZ)
    assert [(d.date, d.role, d.zh, d.en) for d in got.dates] == [("2021-02-05", "event", "2021年2月5日", "February 5, 2021")]
    assert [(c.value, c.unit, c.zh, c.en) for c in got.counts] == [(26, "app", "26款APP", "26 apps")]
    assert [(a.value, a.currency) for a in got.amounts] == [(500000, "CNY")]
    assert [(a.id, a.mentions) for a in got.agencies] == [("miit", ["工信部", "MIIT"])]
    assert got.warnings == []


def test_a_fact_in_one_language_only_is_named_in_a_warning() -> None:
    got = enrich_item(item("2021年2月5日，工信部通报了26款APP，要求在2月10日前整改。", "On February 5, 2021, MIIT named 27 apps."),
                      period="2021-03", gazetteer=GAZ)
    messages = mismatches(got)
    assert any("2021-02-10" in m and "zh only" in m for m in messages)
    assert any("count 26 app" in m for m in messages)
    assert any("count 27 app" in m and "en only" in m for m in messages)
    assert all(w.item_id == "9.9" for w in got.warnings)
    # the facts are still there, with the one language that has them
    assert ("2021-02-10", "deadline", "2月10日", None) in [(d.date, d.role, d.zh, d.en) for d in got.dates]


def test_a_unit_disagreement_takes_the_chinese_classifier() -> None:
    got = enrich_item(item("工信部发布了两项国家标准。", "MIIT issued two documents."), period="2021-03", gazetteer=GAZ)
    assert [(c.value, c.unit) for c in got.counts] == [(2, "standard")]
    assert mismatches(got) == []


def test_law_count_mismatch_is_a_warning() -> None:
    got = enrich_item(item("依据《网络安全法》和《数据安全法》", "under the *Cybersecurity Law* and the Data Security Law"), period=None, gazetteer=GAZ)
    assert [(law.title.zh, law.title.en) for law in got.laws] == [("网络安全法", "Cybersecurity Law"), ("数据安全法", None)]
    assert any("law titles" in m for m in mismatches(got))


def test_no_english_means_no_mismatch_warnings() -> None:
    got = enrich_item(item("2021年2月5日，工信部通报了26款APP。", None), period="2021-03", gazetteer=GAZ)
    assert [(c.value, c.unit, c.en) for c in got.counts] == [(26, "app", None)]
    assert mismatches(got) == []


def test_unknown_agency_warning() -> None:
    got = enrich_item(item("2021年3月1日，巴西国家数据安全局发布指南。", "On March 1, 2021, Brazil's National Data Security Agency issued guidelines."),
                      period="2021-03", gazetteer=GAZ)
    unknown = [w.message for w in got.warnings if w.code == "unknown_agency"]
    assert any("巴西国家数据安全局" in m for m in unknown)
    assert any("National Data Security Agency" in m for m in unknown)


def test_people_pair_by_surname_pinyin_not_order() -> None:
    got = enrich_item(item("副部长刘烈宏和局长王伟出席。", "Wei Wang, the director, and Liehong Liu, the vice minister, attended."),
                      period=None, gazetteer=GAZ)
    assert [(p.name.zh, p.name.en) for p in got.people] == [("刘烈宏", "Liehong Liu"), ("王伟", "Wei Wang")]


def test_a_product_quoted_in_chinese_is_no_company_in_english() -> None:
    got = enrich_item(item("国家网信办对“滴滴出行”实施网络安全审查。", "CAC launched a cybersecurity review of Didi Chuxing."), period=None, gazetteer=GAZ)
    assert got.companies == []
    assert mismatches(got) == []


def test_title_facts_do_not_duplicate_the_body() -> None:
    got = enrich_item(item("2021年2月3日，工信部对这37款APP进行下架。", "On February 3, 2021, MIIT removed these 37 apps.",
                           title_zh="工信部通报下架37款侵害用户权益APP", title_en="MIIT: 37 Apps Pulled off"), period="2021-03", gazetteer=GAZ)
    assert [(c.value, c.unit) for c in got.counts] == [(37, "app")]
    assert [a.id for a in got.agencies] == ["miit"]


def test_a_back_reference_is_no_count() -> None:
    # final weekly-cyber-270-2022-07 2.2: "两部法案" / "Both acts" refer back to the two acts already named
    got = enrich_item(item("欧洲议会通过《数字服务法》和《数字市场法》。两部法案尚待欧盟理事会正式批准。",
                           "The European Parliament adopted the *Digital Services Act* and the *Digital Markets Act*. "
                           "Both acts still need the formal approval of the Council."), period="2022-07", gazetteer=GAZ)
    assert got.counts == [] and not any("count" in m for m in mismatches(got))
    # a coordination ("both direct and indirect") is no back-reference: the Chinese count stays
    got = enrich_item(item("该规定适用于两类上市。", "It applies to both direct and indirect listings."), period="2022-07", gazetteer=GAZ)
    assert [(c.value, c.unit) for c in got.counts] == [(2, "type")]



def test_an_ambiguous_count_noun_needs_the_other_language() -> None:
    # blind weekly-cyber-290-2023-01 1.1: 四个方面 / "four areas" is no count (English names no counted thing) ...
    got = enrich_item(item("意见围绕数据产权、流通交易、收益分配、安全治理四个方面提出举措。",
                           "It sets out measures in four areas: data property rights, circulation and trading."),
                      period="2023-01", gazetteer=GAZ)
    assert got.counts == []
    assert mismatches(got) == []
    # ... final weekly-cyber-270-2022-07 1.1: 8个方面 / "8 categories" is (the English confirms it)
    got = enrich_item(item("滴滴公司共存在16项违法事实，可归纳为8个方面。", "DiDi committed 16 violations of law that fall into 8 categories."),
                      period="2022-07", gazetteer=GAZ)
    assert [(c.value, c.unit) for c in got.counts] == [(16, "item"), (8, "type")]
    assert mismatches(got) == []
    # with no English there is nothing to confirm: the Chinese reading stands
    got = enrich_item(item("意见围绕四个方面提出举措。", None), period="2023-01", gazetteer=GAZ)
    assert [(c.value, c.unit) for c in got.counts] == [(4, "type")]


def test_transliterated_names_of_a_parallel_list_pair_by_position() -> None:
    # blind weekly-cyber-300-2023-06 3.3: no gloss, no surname pinyin: the i-th name of the Chinese list is the
    # i-th of the English one
    got = enrich_item(item("欧洲议会议员、联合报告员布兰多·贝尼费和德拉戈什·图多拉凯表示欢迎。",
                           "MEPs and co-rapporteurs Brando Benifei and Dragoş Tudorache welcomed it."),
                      period="2023-06", gazetteer=GAZ)
    assert [(p.name.zh, p.name.en) for p in got.people] == [("布兰多·贝尼费", "Brando Benifei"), ("德拉戈什·图多拉凯", "Dragoş Tudorache")]
    assert not [m for m in mismatches(got) if "person" in m]


def test_frequent_english_count_nouns_pair_without_warning() -> None:
    # heldout weekly-cyber-219-2021-03 2.1 and 3.1: "三起收购案" / "three acquisitions", "两项条件" / "two thresholds"
    got = enrich_item(item("市场监管总局对三起收购案作出处罚，并规定了两项条件。",
                           "SAMR penalised three acquisitions and set two thresholds."), period="2021-03", gazetteer=GAZ)
    assert [(c.value, c.unit) for c in got.counts] == [(3, "case"), (2, "item")]
    assert mismatches(got) == []
