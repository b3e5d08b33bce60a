"""Issue 10, sources: a source is a name, its title goes to source_detail, no word is a source by
accident, more lead verbs, English appositions, attribution at the end of a sentence, and an
agency's dateline."""

from __future__ import annotations

import pytest

from claimdesk.extract import extract_claims


def _sources(text: str) -> list[str | None]:
    return [c.source for c in extract_claims(text)]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("國家統計局週一(15日)公布，社會消費品零售總額為3.2萬億元。", "國家統計局"),
        ("財政部同日表示，關稅收入增長4%。", "財政部"),
        ("中央社報導，去年出口增長12%。", "中央社"),
        ("統計處星期三（17日）公布，零售額上升3%。", "統計處"),
        ("海關總署當天表示，進出口總值增長3.6%。", "海關總署"),
    ],
)
def test_source_is_a_name_without_dates_weekdays_or_verb(text: str, source: str) -> None:
    assert set(_sources(text)) == {source}


def test_source_is_a_name_and_the_weekday_date_is_no_claim() -> None:
    claims = extract_claims("國家統計局週一(15日)公布，社會消費品零售總額為3.2萬億元。")
    assert [c.text for c in claims] == ["3.2萬億元"]


@pytest.mark.parametrize(
    ("text", "source", "detail"),
    [
        ("台積電董事長魏哲家表示，今年營收將成長20%。", "魏哲家", "台積電董事長"),
        ("經濟部長王美花坦言，出口衰退5%。", "王美花", "經濟部長"),
        ("新華三集團副總裁何寧表示，供貨周期在30周左右。", "何寧", "新華三集團副總裁"),
        ("Acme CEO Jane Doe said sales rose 4%.", "Jane Doe", "Acme CEO"),
    ],
)
def test_source_detail_holds_title_and_organisation(text: str, source: str, detail: str) -> None:
    claim = extract_claims(text)[0]
    assert (claim.source, claim.source_detail) == (source, detail)


@pytest.mark.parametrize(
    "text",
    [
        "分析師表示，股價上漲8%。",  # a title alone, with no organisation, stays the source
        "國家統計局公布，零售額增長3%。",
        "The company said sales rose 4%.",
    ],
)
def test_source_detail_is_empty_without_a_person(text: str) -> None:
    assert extract_claims(text)[0].source_detail is None


@pytest.mark.parametrize(
    "text",
    [
        "As estimated by analysts, sales rose 5%.",
        "As reported, shipments grew 7%.",
        "While noted, prices fell 3%.",
        "As shipments grew, prices rose 2%.",
    ],
)
def test_no_accidental_english_source(text: str) -> None:
    assert _sources(text) == [None]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("分析師指，股價上漲8%。", "分析師"),
        ("央行總裁楊金龍稱，通膨率為2.5%。", "楊金龍"),
        ("公司透露，訂單增加3成。", "公司"),
        ("經濟部坦言，出口衰退5%。", "經濟部"),
        ("主計總處強調，GDP成長3.1%。", "主計總處"),
        ("彭博引述知情人士稱，裁員500人。", "彭博"),
        ("Acme noted that sales rose 3%.", "Acme"),
        ("Goldman Sachs estimated growth of 4%.", "Goldman Sachs"),
    ],
)
def test_more_lead_verbs(text: str, source: str) -> None:
    assert set(_sources(text)) == {source}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Acme Corp (愛克美), the island's second-largest grocer, yesterday said sales rose 4%.",
         "Acme Corp"),
        ("Acme Corp, which runs 300 stores, reported that sales rose 6%.", "Acme Corp"),
        ("Acme said on Monday that sales rose 3%.", "Acme"),
        ("Acme told reporters that sales rose 3%.", "Acme"),
        ("Acme announced that sales rose 3%.", "Acme"),
    ],
)  # fmt: skip
def test_english_appositions_and_relative_clauses(text: str, source: str) -> None:
    assert set(_sources(text)) == {source}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Exports grew 7 percent, according to the customs agency.", "the customs agency"),
        ("Exports grew 7 percent and imports 3 percent, according to Statistics Canada.",
         "Statistics Canada"),
        ("出口增長3%，進口下跌2%，統計處指出。", "統計處"),
        ("零售額上升5.1%，網購增長12%，國家統計局表示。", "國家統計局"),
    ],
)  # fmt: skip
def test_attribution_at_the_end_of_the_sentence(text: str, source: str) -> None:
    assert _sources(text) and set(_sources(text)) == {source}


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("【中央社】出口增長12%。\n經濟部表示，訂單增加5%。\n", "中央社"),
        ("（路透社）油價上漲3%。\n分析師指出，需求回升2%。\n", "路透社"),
        ("（中央社記者林家豪新竹15日電）營收增5%。\n財務長黃仁昭表示，毛利率53%。\n", "中央社"),
        ("TAIPEI (Reuters) - Exports rose 12%.\nThe ministry said orders grew 5%.\n", "Reuters"),
    ],
)  # fmt: skip
def test_dateline_credits_only_figures_with_no_other_source(text: str, agency: str) -> None:
    first, second = extract_claims(text)
    assert first.source == agency and first.source_report is None
    assert second.source not in (None, agency)


@pytest.mark.parametrize(
    "text",
    [
        "【本報訊】出口增長12%。\n",  # the paper's own reporting: no attribution
        "【香港商報網訊】記者周穎報道：出口增長12%。\n",
        "標題上升7成\n（中央社記者林家豪新竹15日電）台積電公布財報。\n",  # the headline is above it
    ],
)
def test_dateline_of_the_paper_itself_credits_nothing(text: str) -> None:
    assert _sources(text) == [None]


def test_a_dateline_does_not_hide_the_speaker_after_it() -> None:
    # 】 closes the dateline; the name that follows it is the source of its own sentence.
    from claimdesk.extract import extract_claims

    for text, source, detail in [
        ("【中央社】台積電董事長魏哲家表示，全年稅後淨利182億元。", "魏哲家", "台積電董事長"),
        ("【本報訊】統計處指出，零售額上升3%。", "統計處", None),
        ("（路透社）國家統計局週一公布，出口增長7%。", "國家統計局", None),
    ]:
        (claim,) = extract_claims(text)
        assert (claim.source, claim.source_detail) == (source, detail), text


def test_a_stock_code_is_no_part_of_a_title() -> None:
    from claimdesk.extract import extract_claims

    (claim,) = extract_claims("台積電（2330）董事長魏哲家週一(15日)表示，全年稅後淨利182億元。")
    assert (claim.source, claim.source_detail) == ("魏哲家", "台積電董事長")
