"""Attribution: whom the article credits a figure to, and how far that credit reaches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimdesk.extract import attribution, extract_claims
from claimdesk.extract.attribution import Attribution, carry_over, find_attribution
from claimdesk.extract.script import fold

SEED = Path(__file__).resolve().parent / "fixtures" / "articles" / "seed.txt"


def _attribution(sentence: str) -> Attribution | None:
    return find_attribution(sentence, fold(sentence), 0, len(sentence))


def _source(sentence: str) -> str | None:
    found = _attribution(sentence)
    return found.source if found else None


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("根據澎湃新聞的報道,受到禁售消息的影響,價格上漲。", "澎湃新聞"),
        ("根據國海證券最新的研究報告顯示,規模將達490億美元。", "國海證券"),
        ("新華三集團副總裁何寧表示,供貨周期在30周左右。", "何寧"),
        ("據中商情報網數據顯示,截至2022年6月,融資額僅為92.47億元。", "中商情報網"),
        ("天眼查顯示,壁仞科技成立于2019年。", "天眼查"),
        ("据文化和旅游部数据中心统计，假期5天出游2.74亿人次。", "文化和旅游部数据中心"),
        ("美团数据显示，订单同比增长1.4倍。", "美团"),
        ("法人指出，出貨可望年增逾３成。", "法人"),
        ("台積電預估，今年營收將減少約10%。", "台積電"),
        ("業內人士預計，規模將突破20億。", "業內人士"),
        ("据国家统计局初步核算，国内生产总值增长5.2%。", "国家统计局"),
        ("集邦科技在最新報告中指出，第三季DRAM價格將上漲約15%。", "集邦科技"),
        ("IDC預測，2025年全球AI支出將達5000億美元。", "IDC"),
        ("交通部觀光署統計，今年來台旅客達578萬人次。", "交通部觀光署"),
        ("香港特區政府統計處今日公布，零售總額為298億港元。", "香港特區政府統計處"),
        ("文化和旅游部数据中心测算，出游7.65亿人次。", "文化和旅游部数据中心"),
        ("贵州茅台10月25日晚间披露，营收1231.23亿元。", "贵州茅台"),
        ("国家统计局10月18日发布数据显示，增长4.8%。", "国家统计局"),
        ("台積電昨（17）日表示，營收增加12.8%。", "台積電"),
        ("雷军在微博透露，锁单量已突破10万辆。", "雷军"),
        ("黄仁勋接受CNBC采访时表示，需求增长5倍。", "黄仁勋"),
        ("海关总署7日公布的数据显示，进出口总值增长3.6%。", "海关总署"),
        ("疾管署副署長曾淑慧說，疫苗已接種逾620萬劑。", "曾淑慧"),
    ],
)
def test_source_name_is_normalised_and_kept_as_written(sentence: str, source: str) -> None:
    assert _source(sentence) == source


def test_report_title_becomes_source_report() -> None:
    found = _attribution("據IDC發布的《中國人工智能芯片市場規模預測》報告顯示,規模將達432億元。")
    assert found is not None
    assert (found.source, found.source_report) == ("IDC", "中國人工智能芯片市場規模預測")


def test_report_published_today_keeps_the_publisher_only() -> None:
    found = _attribution("IDC今日發布的《全球智能家居報告》顯示,出貨增長33%。")
    assert found is not None
    assert (found.source, found.source_report) == ("IDC", "全球智能家居報告")


def test_shuju_xianshi_is_not_a_ju_frame() -> None:
    assert _source("數據顯示,規模增長33%。") is None


def test_publishing_what_is_no_report_is_not_an_attribution() -> None:
    # 公布財報，… credits the company (tests/test_sources_as_names.py); a policy is no report.
    assert _source("台積電今天公布新制度，員工補助約新台幣48億元。") is None


def test_shuo_inside_a_word_is_not_a_saying_verb() -> None:
    assert _source("換句話說這項計畫耗資30億元。") is None


@pytest.mark.parametrize(
    "lead", ["一般來說", "老實說", "也就是說", "換句話說", "據統計", "根據統計"]
)
def test_set_phrase_before_a_comma_names_no_source(lead: str) -> None:
    assert _source(f"{lead}，毛利率約30%。") is None


def test_a_name_never_starts_with_a_date() -> None:
    assert _source("2024年8月零售業總銷貨價值的臨時估計為298億港元。") is None


def test_sentence_opening_attribution_after_a_full_stop() -> None:
    text = "Shares rose 2% on Monday. The company said it returned $29 billion to shareholders."
    claims = {c.text: c for c in extract_claims(text)}
    assert (claims["2%"].source, claims["$29 billion"].source) == (None, "The company")


def test_attribution_opening_an_indented_paragraph() -> None:
    (claim,) = extract_claims("\u3000\u3000国家统计局表示，国内生产总值增长4.8%。")
    assert claim.source == "国家统计局"


def test_quantified_subject_is_not_a_name() -> None:
    assert _source("其中，有五成企業表示預算增加。") is None


def test_jusi_names_no_source() -> None:
    assert _source("據悉,規模增長33%。") is None


def test_better_than_expected_names_no_source() -> None:
    assert _source("每股純益7.01元，優於市場預期。") is None


def test_data_source_note_inside_a_sentence() -> None:
    assert _source("產值年增18.5%（資料來源：經濟部統計處）。") == "經濟部統計處"


def test_picture_source_caption_is_not_an_attribution() -> None:
    assert _source("圖片來源:英偉達官方網站") is None


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Prices rose nearly 30%, according to The Paper, a news outlet.", "The Paper"),
        ("Spending will reach $49 billion, according to Guohai Securities.", "Guohai Securities"),
        ("Funding fell to 9.2 billion yuan, IT Juzi said.", "IT Juzi"),
        ("Delivery times reached about 30 weeks, said He Ning, a vice-president.", "He Ning"),
        ("TrendForce, a Taipei-based research firm, said prices would climb 5%.", "TrendForce"),
        ("Mr. Huang said the firm had shipped 1.5 million chips.", "Mr. Huang"),
        ("The company said it returned more than $29 billion.", "The company"),
        ("About 2.5 million doses arrived last week, the agency said.", "the agency"),
        ("Goldman Sachs analysts said Brent would average $76.", "Goldman Sachs analysts"),
    ],
)
def test_english_attribution(sentence: str, source: str) -> None:
    assert _source(sentence) == source


def test_lowercase_words_before_said_are_not_a_name() -> None:
    assert _source("Delivery times for servers have stretched to 30 weeks, analysts said.") is None


def test_lead_in_attribution_covers_next_sentence() -> None:
    text = "根據澎湃新聞的報道,A800芯片近期價格出現大幅上漲。其性能僅為A100的70%。"
    (claim,) = extract_claims(text)
    assert claim.source == "澎湃新聞"


def test_an_attribution_covers_the_rest_of_its_paragraph() -> None:
    text = "天眼查顯示,壁仞科技融資47億元。其估值達170億元。"
    first, second = extract_claims(text)
    assert (first.source, second.source) == ("天眼查", "天眼查")


def test_lead_in_covers_the_rest_of_its_paragraph() -> None:
    text = "根據澎湃新聞的報道,價格出現大幅上漲。漲幅達30%。銷量增長15%。"
    first, second = extract_claims(text)
    assert (first.source, second.source) == ("澎湃新聞", "澎湃新聞")


def test_carry_over_reaches_the_rest_of_the_paragraph_and_the_next_one() -> None:
    lead = Attribution("澎湃新聞", None, 0, 4)
    covering = carry_over([lead, None, None], [False, True, True], [0, 0, 0], [False] * 3)
    assert covering == [lead, lead, lead]
    covering = carry_over([lead, None, None], [False, True, True], [0, 1, 2], [False] * 3)
    assert covering == [lead, lead, None]


def test_data_source_line_credits_the_paragraph_above() -> None:
    text = "全球出貨量為100萬台，同比增長12%。\n資料來源：IDC\n另一段說營收20億元。"
    shipped, growth, revenue = extract_claims(text)
    assert (shipped.source, growth.source) == ("IDC", "IDC")
    assert revenue.source is None


def test_data_source_line_does_not_override_an_attribution_of_its_own() -> None:
    text = "據海關統計，出口增長12%。\n數據來源：IDC"
    (growth,) = extract_claims(text)
    assert growth.source == "海關"


def test_the_look_ahead_after_a_name_loses_no_source_frame() -> None:
    """SAYS_CJK looks ahead, after each length of its lazy name, for a character what follows
    a name can open with (a speed guard): every word that may follow the name opens with one of
    them, and the guarded pattern finds what the pattern without the guard finds."""
    guard = f"(?=[{attribution._SAYS_TAIL_FIRST}])"
    assert attribution.SAYS_CJK.pattern.count(guard) == 1
    for fragment in (attribution._SINCE, attribution._KIND_AFTER_NAME):
        for word in fragment.removeprefix("(?:").removesuffix("?").removesuffix(")").split("|"):
            assert word[0] in attribution._SAYS_TAIL_FIRST, word
    unguarded = re.compile(attribution.SAYS_CJK.pattern.replace(guard, ""))
    text = fold(
        "台積電今日表示，營收增長5%。某某研究院發布的《2024年報告》顯示，規模達9億元。"
        "統計處公布，失業率3.1%。某公司預計，銷量增10%。營業額預計增長5%。"
        "某某貨運大數據顯示，運量增3%。市場人士稱，利率將降。該行此前指出，貸款增4%。"
        "政府統計處今日發表最新的零售業銷貨額數字。分析師最新預估，明年增長2%。"
        + SEED.read_text(encoding="utf-8")
    )
    guarded = [(m.span(), m.groupdict()) for m in attribution.SAYS_CJK.finditer(text)]
    assert len(guarded) > 10
    assert guarded == [(m.span(), m.groupdict()) for m in unguarded.finditer(text)]
