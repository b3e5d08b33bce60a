"""Issue 18, sources are names: a metric, a time, an adverb or a piece of a word is no source;
a person is named apart from their title; English frames that open a sentence, a definite
description with a relative clause, and a pronoun after a named speaker; and how far a
paragraph's attribution carries. Every organisation and person here is made up: the rules are
classes of language, not entries of a list."""

from __future__ import annotations

import pytest

from claimdesk.extract import extract_claims


def _sources(text: str) -> list[str | None]:
    return [c.source for c in extract_claims(text)]


@pytest.mark.parametrize(
    ("metric", "forecaster", "source"),
    [
        ("營業額預計增長5%。", "恒遠證券預估，今年營收將減少約10%。", "恒遠證券"),
        ("出貨量預估下滑3%。", "恒遠證券預計今年營收增長5%。", "恒遠證券"),
        ("訂單量預期將增加12%。", "市場人士預期，股價上漲8%。", "市場人士"),
        ("淨利估計達8億元。", "嘉禾證券估計，淨利達8億元。", "嘉禾證券"),
    ],
)
def test_a_metric_before_a_verb_of_forecasting_is_no_source(
    metric: str, forecaster: str, source: str
) -> None:
    # Someone forecasting says what, after a comma or with its own subject; a metric "is
    # expected to" change, the verb of change right after the verb of forecasting.
    assert (_sources(metric), _sources(forecaster)) == ([None], [source])


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("華信研究院周二(12日)發布報告，指數上升5%。", "華信研究院"),
        ("恒遠基金會今(8)日公布最新調查，支持度42%。", "恒遠基金會"),
        ("宏達汽車公司15日公布財報，營收增長9%。", "宏達汽車公司"),
        ("瑞豐銀行昨（17）日發表年報，淨利達12億元。", "瑞豐銀行"),
    ],
)
def test_a_date_between_the_name_and_a_published_report(text: str, source: str) -> None:
    claims = extract_claims(text)
    assert claims[-1].source == source
    # What was published is a report: a policy publishes no figures of its own.
    assert _sources(text.replace("財報", "新制度").replace("報告", "新制度"))[-1] in (None, source)
    assert _sources("宏達汽車公司15日公布新制度，每人補貼500元。")[-1] is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("分析師普遍認為，利率將上升0.5%。", "分析師"),
        ("市場人士多數預期，股價上漲8%。", "市場人士"),
        ("嘉禾證券也指出，出貨增加3成。", "嘉禾證券"),
        ("法人則預估，營收年增12%。", "法人"),
        ("東聯物流周二普遍表示，運量增加4%。", "東聯物流"),
    ],
)
def test_an_adverb_qualifies_the_verb_and_is_no_name(text: str, source: str) -> None:
    (claim,) = extract_claims(text)
    assert (claim.source, claim.source_detail) == (source, None)


def test_a_verb_that_is_also_a_noun_credits_from_the_opening_of_its_sentence() -> None:
    # 預期 is "expectations" inside a list of policies, not someone expecting.
    text = "今年以來，各部門推進改革,引導良好發展預期,國內生產總值增長6.7%。"
    assert _sources(text) == [None]
    assert _sources("對此，林志明說，營收增長5%。") == ["林志明"]


@pytest.mark.parametrize(
    "text",
    ["東聯貨運大數據顯示，貨量增長12%。", "據東聯貨運大數據顯示，貨量增長12%。"],
)
def test_big_data_is_the_kind_of_source_not_a_piece_of_the_name(text: str) -> None:
    # 大數據 is one word: the source is whose data it is, as 美團數據顯示 is 美團's.
    assert _sources(text) == ["東聯貨運"]


@pytest.mark.parametrize(
    ("text", "source", "detail"),
    [
        ("北辰市統計處科長林志明表示，物價上升2%。", "林志明", "北辰市統計處科長"),
        ("聯宏科技業務組組長吳建華指出，訂單增加7%。", "吳建華", "聯宏科技業務組組長"),
        ("天成資訊會計股股長陳怡君說，讀者增加9%。", "陳怡君", "天成資訊會計股股長"),
    ],
)
def test_the_head_of_any_unit_is_a_title_before_a_person(
    text: str, source: str, detail: str
) -> None:
    (claim,) = extract_claims(text)
    assert (claim.source, claim.source_detail) == (source, detail)


@pytest.mark.parametrize(
    ("text", "source", "detail"),
    [
        ("晶片代工龍頭恒遠半導體今天公布財報，營收增長9%。", "恒遠半導體", "晶片代工龍頭"),
        ("電動車巨頭宏達汽車表示，交車量增加12%。", "宏達汽車", "電動車巨頭"),
        ("手機大廠聯宏預估，出貨年增5%。", "聯宏", "手機大廠"),
    ],
)
def test_an_epithet_before_the_name_is_detail(text: str, source: str, detail: str) -> None:
    (claim,) = extract_claims(text)
    assert (claim.source, claim.source_detail) == (source, detail)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("According to Gartner, PC shipments fell 8.2%.", "Gartner"),
        ("According to Norwell Research, tablet sales rose 3%.", "Norwell Research"),
        ("According to the customs agency, exports grew 7 percent.", "the customs agency"),
    ],
)
def test_according_to_opening_a_sentence(text: str, source: str) -> None:
    assert _sources(text) == [source]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The regulator, which sets the rules for banks, said profits rose 4 per cent.",
         "The regulator"),
        ("The ministry, a body of civil servants, yesterday said exports rose 3%.",
         "The ministry"),
    ],
)  # fmt: skip
def test_an_institution_by_its_kind_with_a_relative_clause(text: str, source: str) -> None:
    # A definite description names one institution the story has introduced: a source.
    assert _sources(text)[-1] == source


@pytest.mark.parametrize(
    ("before", "pronoun", "source"),
    [
        ("Jane Doe, the finance chief, said sales rose 4%. ", "Revenue rose 6%, she said.",
         "Jane Doe"),
        ("Jane Doe spoke to reporters on Monday. ", "Revenue rose 6%, he said.", "Jane Doe"),
        ("Norwell Research said sales rose 5%.\nCFO Tom Brant said margins widened.\n",
         "“Revenue rose 6%,” he said.", "Tom Brant"),
        ("北辰市統計處科長林志明表示，物價上升2%。\n", "「營收增長6%。」他說。", "林志明"),
        ("北辰市統計處科長林志明表示，物價上升2%。", "他也指出，工資增長3%。", "林志明"),
    ],
)  # fmt: skip
def test_a_pronoun_is_the_person_named_before(before: str, pronoun: str, source: str) -> None:
    assert extract_claims(before + pronoun)[-1].source == source
    # With nobody named before it, a pronoun is no source.
    assert _sources(pronoun) == [None]


# --- how far a paragraph's attribution carries ------------------------------------------------


def test_a_later_figure_of_the_paragraph_has_its_source() -> None:
    assert _sources("恒遠證券表示，營收增長5%。毛利率達30%。") == ["恒遠證券", "恒遠證券"]


def test_the_next_paragraph_continuing_the_report_has_its_source() -> None:
    assert _sources("恒遠證券表示，營收增長5%。\n毛利率達30%。") == ["恒遠證券", "恒遠證券"]
    assert _sources("Norwell Research said sales rose 5%.\nMargins widened to 30%.") == [
        "Norwell Research",
        "Norwell Research",
    ]


def test_a_lead_in_carries_into_the_next_paragraph() -> None:
    text = "根據恒遠新聞的報道，晶片價格出現大幅上漲。\n其性能僅為上一代的70%。"
    assert _sources(text) == ["恒遠新聞"]


def test_carrying_stops_at_a_new_attribution() -> None:
    text = "恒遠證券表示，營收增長5%。毛利率達30%。\n嘉禾證券指出，淨利8億元。"
    assert _sources(text) == ["恒遠證券", "恒遠證券", "嘉禾證券"]


def test_a_paragraph_with_its_own_attribution_takes_nothing_from_the_one_before() -> None:
    text = "恒遠證券表示，營收增長5%。淨利8億元。\n毛利率達30%。嘉禾證券指出，淨利9億元。"
    assert _sources(text) == ["恒遠證券", "恒遠證券", None, "嘉禾證券"]


def test_carrying_stops_at_a_heading() -> None:
    assert _sources("恒遠證券表示，營收增長5%。淨利8億元。\n業務展望\n毛利率達30%。") == [
        "恒遠證券",
        "恒遠證券",
        None,
    ]


def test_carrying_stops_at_a_quote_of_someone_else() -> None:
    text = "恒遠證券表示，營收增長5%。淨利8億元。\n「毛利率達30%。」"
    assert _sources(text) == ["恒遠證券", "恒遠證券", None]


def test_carrying_stops_at_another_subject_named_in_the_article() -> None:
    text = (
        "恒遠證券表示，營收增長5%。\n嘉禾證券指出，訂單增加3成。淨利8億元。\n"
        "恒遠證券的員工達7000人。"
    )
    assert _sources(text) == ["恒遠證券", "嘉禾證券", "嘉禾證券", None]


def test_carrying_stops_at_an_english_proper_name() -> None:
    said = "Norwell Research said sales rose 5%. Margins widened to 30%.\n"
    for other in (
        "Biren Technology raised 4.7 billion yuan.",
        "On speed, Biren's chip has 2,048 TOPS.",
    ):
        assert _sources(said + other) == ["Norwell Research", "Norwell Research", None], other


def test_carrying_stops_at_an_unnamed_source() -> None:
    assert _sources("恒遠證券表示，營收增長5%。淨利8億元。據悉，估值達170億元。") == [
        "恒遠證券",
        "恒遠證券",
        None,
    ]


def test_carrying_reaches_the_next_paragraph_only() -> None:
    text = "恒遠證券表示，營收增長5%。\n毛利率達30%。\n淨利8億元。"
    assert _sources(text) == ["恒遠證券", "恒遠證券", None]


def test_a_closing_remark_ends_the_report() -> None:
    text = "恒遠證券表示，營收增長5%。淨利8億元。這是好消息。\n毛利率達30%。"
    assert _sources(text) == ["恒遠證券", "恒遠證券", None]


def test_a_data_source_note_carries_nothing_forward() -> None:
    # A note credits only what nothing credits in the paragraph above, and nothing after it.
    text = "恒遠證券表示，營收增長5%。淨利8億元。\n資料來源：恒遠研究\n毛利率達30%。"
    assert _sources(text) == ["恒遠證券", "恒遠證券", None]


def test_a_name_after_an_agency_dateline_in_brackets() -> None:
    text = "（中央社記者王小明台北8日電）恒遠基金會今(8)日公布最新民調，滿意度42.3%。"
    assert _sources(text) == ["恒遠基金會"]


def test_a_quoted_speaker_speaks_for_the_quote_alone() -> None:
    text = (
        "Norwell Bank said profit rose 12%.\n"
        "“We expect margins to widen by 20 basis points,” Chief Financial Officer Mary Lee said.\n"
        "Shares of the bank rose 3% in early trading."
    )
    claims = extract_claims(text)
    assert [(c.source, c.source_detail) for c in claims] == [
        ("Norwell Bank", None),
        ("Mary Lee", "Chief Financial Officer"),
        (None, None),
    ]


@pytest.mark.parametrize(
    ("text", "source", "detail"),
    [
        ("恒遠電子董事長表示，今年營收將成長20%。", "恒遠電子", "董事長"),
        ("北辰部統計處處長指出，物價上升2%。", "北辰部統計處", "處長"),
        ("瑞豐銀行發言人說，淨利增長5%。", "瑞豐銀行", "發言人"),
        ("嘉禾證券首席分析師指出，股價上漲8%。", "嘉禾證券", "首席分析師"),
        # The head of a unit written once: the 部長 of the 南港部.
        ("南港部長表示，出口衰退5%。", "南港部", "部長"),
        ("The company's chief executive said sales rose 4%.", "The company", "chief executive"),
        ("Norwell Bank's finance chief said profit rose 4%.", "Norwell Bank", "finance chief"),
        ("A spokesperson for the ministry said exports rose 3%.", "the ministry", "spokesperson"),
    ],
)
def test_a_title_with_no_name_after_it_credits_its_organisation(
    text: str, source: str, detail: str
) -> None:
    (claim,) = extract_claims(text)
    assert (claim.source, claim.source_detail) == (source, detail)


@pytest.mark.parametrize("text", ["分析師表示，股價上漲8%。", "首席分析師指出，股價上漲8%。"])
def test_a_title_alone_stays_the_source(text: str) -> None:
    # No organisation to credit: the title is all the article says of who spoke.
    (claim,) = extract_claims(text)
    assert (claim.source, claim.source_detail) == (text.split("表示")[0].split("指出")[0], None)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("宏達汽車公司15日公布財報，營收增長9%。", "宏達汽車公司"),
        ("宏達汽車3日表示，營收增長9%。", "宏達汽車"),
        ("北辰銀行3日也指出，放款增長9%。", "北辰銀行"),
        ("瑞豐食品10月25日晚間公告，營收增長9%。", "瑞豐食品"),
        ("恒遠基金會今(8)日公布最新調查，支持度42%。", "恒遠基金會"),
        ("華信研究院周二(12日)發布報告，指數上升9%。", "華信研究院"),
        ("Acme said on Tuesday that sales rose 9%.", "Acme"),
        ("Acme said on the 15th that sales rose 9%.", "Acme"),
    ],
)
def test_a_day_between_the_name_and_its_verb_is_when_it_spoke(text: str, source: str) -> None:
    # The day is the time of the report: no claim of its own, and it dates no figure.
    (claim,) = extract_claims(text)
    assert (claim.text, claim.source, claim.time) == ("9%" if "9" in text else "42%", source, None)


def test_a_day_after_a_preposition_is_an_events_date() -> None:
    assert [c.text for c in extract_claims("宏達汽車將於15日公布財報。")] == ["15日"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "另一家公司的營收下跌3%。",
        "瑞豐銀行今年淨利增長8%。",
        "政府預算增加10億元。",
        "北辰市財政局預算增加10億元。",
        "宏達汽車公司3月交車量達1200輛。",
    ],
)
def test_a_paragraph_opening_on_another_organisation_takes_no_source(paragraph: str) -> None:
    # An organisation's name, by its form (the noun of its kind at its end), as the subject of
    # the paragraph's opening: the report of the paragraph before does not reach it.
    assert _sources("恒遠證券表示，營收增長5%。\n" + paragraph) == ["恒遠證券", None]


@pytest.mark.parametrize(
    "paragraph",
    ["該公司淨利增長8%。", "恒遠證券淨利增長8%。", "銀行業淨利增長8%。", "毛利率達30%。"],
)
def test_a_paragraph_on_the_same_subject_continues_the_report(paragraph: str) -> None:
    # 該公司 points back; 銀行業 is a sector, no organisation's name.
    assert _sources("恒遠證券表示，營收增長5%。\n" + paragraph) == ["恒遠證券", "恒遠證券"]


@pytest.mark.parametrize(
    "opening",
    [
        "The Norwell Monetary Authority (NMA) said reserves rose 3%.",
        "The Norwell Monetary Authority (NMA) announced today that reserves rose 3%.",
        "According to the Norwell Monetary Authority (NMA), reserves rose 3%.",
    ],
)
def test_a_name_with_its_abbreviation_in_brackets(opening: str) -> None:
    # The name is the source, without its abbreviation; the abbreviation names it later on.
    text = opening + "\nAcme Bank said loans rose 4%.\nNMA said deposits grew 5%."
    assert _sources(text) == [
        "Norwell Monetary Authority",
        "Acme Bank",
        "Norwell Monetary Authority",
    ]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Figures from the Norwell Statistics Office show exports rose 3%.",
         "Norwell Statistics Office"),
        ("A survey by Acme Research showed support of 3%.", "Acme Research"),
        ("The Norwell Reserve Account shows reserves rose 3%.", "Norwell Reserve Account"),
        ("Acme data showed sales rose 3%.", "Acme"),
        ("北辰統計處資料顯示，出口增長3%。", "北辰統計處"),
        ("北辰統計處的統計數字顯示，出口增長3%。", "北辰統計處"),
    ],
)  # fmt: skip
def test_a_dataset_that_shows_the_figures_is_their_source(text: str, source: str) -> None:
    assert _sources(text) == [source]


@pytest.mark.parametrize(
    "text",
    ["The figures show exports rose 3%.", "This shows exports rose 3%.", "數據顯示，出口增長3%。"],
)
def test_figures_that_show_without_a_name_have_no_source(text: str) -> None:
    assert _sources(text) == [None]


def test_a_speaker_label_credits_what_follows_until_the_next_label() -> None:
    text = (
        "北辰市財政局局長：今年經濟增長3%。\n出口增加5%。\n\n失業率為4.1%。\n"
        "記者問：通脹會否超過2%？\n北辰市財政局局長：通脹約1.5%。"
    )
    claims = extract_claims(text)
    assert [(c.source, c.source_detail) for c in claims] == [
        ("北辰市財政局", "局長"),
        ("北辰市財政局", "局長"),
        ("北辰市財政局", "局長"),
        ("記者", None),
        ("北辰市財政局", "局長"),
    ]


def test_english_speaker_labels() -> None:
    text = (
        "MR LAM: Exports rose 3%.\nImports fell 2%.\nREPORTER: Will growth exceed 4%?\n"
        "Financial Secretary: Growth will be 3.5%."
    )
    assert _sources(text) == ["MR LAM", "MR LAM", "REPORTER", "Financial Secretary"]


@pytest.mark.parametrize(
    "text",
    ["資料來源：北辰統計處\n單位：%\n增長3%。", "Note: figures rose 3%.", "重點：出口增長3%。"],
)
def test_a_note_or_a_heading_with_a_colon_is_no_speaker(text: str) -> None:
    assert _sources(text) == [None]


# --- a release is its issuer speaking ---------------------------------------------------------


def test_a_release_s_issuer_line_credits_its_body() -> None:
    text = (
        "北辰市零售數字\n北辰市統計暨普查局\n"
        "零售額上升3%。\n\n服裝銷售下跌2%。\n\n食品銷售上升5%。嘉禾證券指出，股價上漲8%。\n"
    )
    assert _sources(text) == ["北辰市統計暨普查局"] * 3 + ["嘉禾證券"]


def test_a_release_s_opening_paragraph_names_its_issuer() -> None:
    text = (
        "北辰市零售業銷貨額臨時統計數字\n*****\n"
        "  北辰統計處今日(七月三十一日)發表最新的零售業銷貨額數字。\n\n"
        "  零售業總銷貨價值上升3%。\n\n  服裝下跌2%。\n\n  食品上升5%。\n"
    )
    assert _sources(text) == ["北辰統計處"] * 3


@pytest.mark.parametrize(
    "text",
    [
        "Norwell Growth in Brief\nNorwell's economy grew 3%.\n\nExports rose 5%.\n\n"
        "MINISTRY OF TRADE AND COMMERCE\n",
        "Exchange Fund Position\nThe following is issued on behalf of the Norwell Monetary "
        "Authority:\nThe Fund grew 3%.\n\nAssets rose 5%.\n",
    ],
)
def test_an_english_release_s_issuer(text: str) -> None:
    issuer = (
        "MINISTRY OF TRADE AND COMMERCE" if "MINISTRY" in text else "Norwell Monetary Authority"
    )
    assert _sources(text) == [issuer, issuer]


def test_an_issuer_credits_no_date_claim() -> None:
    # 較2019年 is a comparison base that dates nothing: a reference point, no figure of the
    # release.
    claims = extract_claims("北辰市零售數字\n北辰市統計處\n零售額上升3%。\n數字較2019年為高。\n")
    assert [(c.text, c.source) for c in claims] == [("3%", "北辰市統計處"), ("2019年", None)]


@pytest.mark.parametrize(
    "text",
    [
        # A news story: its opening paragraph reports figures, it does not only publish them.
        "北辰市零售額上升\n嘉禾證券今日發表報告，零售額上升3%。\n\n服裝下跌2%。\n\n食品上升5%。\n",
        # A title-case headline is no issuer's line.
        "Norwell Monetary Authority Reports Growth\nThe Fund grew 3%.\n\nAssets rose 5%.\n",
    ],
)
def test_no_issuer_without_an_issuer_line_or_an_opening_that_publishes(text: str) -> None:
    assert _sources(text)[-1] is None


def test_a_carried_attribution_credits_no_date_claim() -> None:
    text = "恒遠證券表示，營收增長5%。數字較2019年為高。\n天眼查顯示，該公司成立于2019年。"
    assert [(c.text, c.source) for c in extract_claims(text)] == [
        ("5%", "恒遠證券"),
        ("2019年", None),
        ("2019年", "天眼查"),
    ]


def test_in_a_release_an_attribution_reaches_until_another_source() -> None:
    # A release is one report: the data it credits go on past the next paragraph.
    release = (
        "北辰市旅客數字\n北辰市治安局\n根據北辰旅遊局資料顯示，旅客增長3%。\n\n"
        "酒店入住率為85%。\n\n留宿旅客增長5%。\n"
    )
    assert _sources(release) == ["北辰旅遊局"] * 3
    # In a news story it reaches the next paragraph only.
    story = release.replace("北辰市治安局\n", "")
    assert _sources(story) == ["北辰旅遊局", "北辰旅遊局", None]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Acme expects sales to rise 5%.", "Acme"),
        ("The Norwell Fund forecast growth of 5%.", "Norwell Fund"),
        # A title-case headline whose subject forecasts or says.
        ("Norwell Ministry Expects Growth of 5% in 2011\n", "Norwell Ministry"),
        ("Acme Says Sales Rose 5%\n", "Acme"),
    ],
)
def test_english_verbs_of_forecasting_attribute(text: str, source: str) -> None:
    assert _sources(text)[-1] == source


def test_a_metric_that_is_expected_has_no_source() -> None:
    assert _sources("Sales are expected to rise 5%.") == [None]
