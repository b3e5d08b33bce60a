"""Issue 10, units and values read across figures: 至 between a change and a level, a unit shared
by a list, 成 fractions, measure words, signed ranges and margins."""

from __future__ import annotations

import pytest

from claimdesk.extract import extract_claims

Row = tuple[str, float | int | None, float | int | None, str | None]


def _rows(text: str) -> list[Row]:
    return [(c.text, c.value, c.value_max, c.unit) for c in extract_claims(text)]


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("升12.4%至86.5億元。", [("12.4%", 12.4, None, "%"), ("86.5億元", 8.65e9, None, "CNY")]),
        ("跌3.2%至1200億美元。", [("3.2%", 3.2, None, "%"), ("1200億美元", 1.2e11, None, "USD")]),
        ("旅客增加2倍至300萬人次。", [("2倍", 2, None, "x"), ("300萬人次", 3e6, None, "count")]),
        ("利率上調25個基點至5.5%。", [("25個基點", 25, None, "bp"), ("5.5%", 5.5, None, "%")]),
    ],
)  # fmt: skip
def test_zhi_between_a_change_and_a_level_is_two_claims(text: str, rows: list[Row]) -> None:
    assert _rows(text) == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("增長3至5倍。", [("3至5倍", 3, 5, "x")]),
        ("增長10%至12%。", [("10%至12%", 10, 12, "%")]),
        ("投資2億至3億元。", [("2億至3億元", 200000000, 300000000, "CNY")]),
    ],
)
def test_zhi_between_the_same_kind_is_a_range(text: str, rows: list[Row]) -> None:
    assert _rows(text) == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("上升1.6和0.9個百分點。", [("1.6", 1.6, None, "pp"), ("0.9個百分點", 0.9, None, "pp")]),
        ("下降0.3、0.5個百分點。", [("0.3", 0.3, None, "pp"), ("0.5個百分點", 0.5, None, "pp")]),
        (
            "分別為3億、5億和8億元。",
            [("3億", 300000000, None, "CNY"), ("5億", 500000000, None, "CNY"),
             ("8億元", 800000000, None, "CNY")],
        ),
        ("Sales rose 3 and 5 percent.", [("3", 3, None, "%"), ("5 percent", 5, None, "%")]),
        ("佔比分別為3和4成。", [("3", 30, None, "%"), ("4成", 40, None, "%")]),
    ],
)  # fmt: skip
def test_unit_shared_by_a_list(text: str, rows: list[Row]) -> None:
    assert _rows(text) == rows


@pytest.mark.parametrize(
    "text",
    [
        "Employment fell to 11.82 million, down 0.36 million, or 3.0%.",  # a comma restates
        "2019和2020年的營收增長5%。",  # a year joins no list of its own
    ],
)
def test_unit_shared_by_a_list_needs_a_list_word(text: str) -> None:
    units = {c.text: c.unit for c in extract_claims(text)}
    assert "%" not in {units.get("0.36 million"), units.get("2019")}


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [("佔一成五。", "一成五", 15), ("約8成3。", "8成3", 83), ("近三成五。", "三成五", 35),
     ("逾九成九。", "九成九", 99)],
)  # fmt: skip
def test_cheng_fraction_with_a_digit_after_it(text: str, figure: str, value: int) -> None:
    assert [(c.text, c.value, c.unit) for c in extract_claims(text)] == [(figure, value, "%")]


@pytest.mark.parametrize(
    ("text", "rows"),
    [("三成5家企業。", [("三成", 30, None, "%"), ("5家", 5, None, "count")]),
     ("八成50%。", [("八成", 80, None, "%"), ("50%", 50, None, "%")])],
)  # fmt: skip
def test_cheng_fraction_is_one_digit_alone(text: str, rows: list[Row]) -> None:
    assert _rows(text) == rows


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("旅客平均留宿3晚。", "night"), ("過夜旅客共120萬夜。", "night"),
        ("貨物300噸。", "t"), ("產量5萬噸。", "t"), ("全長50公里。", "km"),
        ("用電100千瓦時。", "kWh"), ("每戶用電200度。", "kWh"),
        ("吞吐量2000萬標箱。", "TEU"), ("處理30 TEU。", "TEU"),
        ("面積80平方米。", "m2"), ("每戶30坪。", "ping"),
        ("耕地5畝。", "mu"), ("林地20公頃。", "ha"), ("原油100萬桶。", "barrel"),
        ("航班300架次。", "count"), ("加開50班次。", "count"),
    ],
)  # fmt: skip
def test_measure_words_of_tourism_trade_energy_and_property(text: str, unit: str) -> None:
    assert [c.unit for c in extract_claims(text)] == [unit]


@pytest.mark.parametrize(
    ("text", "kept"),
    [("氣溫30度。", [("30度", "°")]), ("央行三度升息。", []), ("一夜之間，一晚上。", [])],
)
def test_measure_words_need_their_context(text: str, kept: list[tuple[str, str]]) -> None:
    assert [(c.text, c.unit) for c in extract_claims(text)] == kept


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("出口年減2%至增6%。", [("2%至增6%", -2, 6, "%")]),
        ("營收將衰退5%到成長3%。", [("5%到成長3%", -5, 3, "%")]),
        ("物價下跌1個百分點至上升2個百分點。", [("1個百分點至上升2個百分點", -1, 2, "pp")]),
    ],
)
def test_signed_range(text: str, rows: list[Row]) -> None:
    assert _rows(text) == rows


@pytest.mark.parametrize(
    ("text", "figure", "margin"),
    [
        ("支持度52%±2%。", "52%", 2),
        ("Support was 52% plus or minus 2 percent.", "52%", 2),
        ("支持率46.5%±1.5個百分點。", "46.5%", 1.5),
        ("支持度52%正負3%。", "52%", 3),
    ],
)
def test_margin_is_one_claim(text: str, figure: str, margin: float) -> None:
    claims = extract_claims(text)
    assert [(c.text, c.margin) for c in claims] == [(figure, margin)]


def test_margin_is_in_the_claim_json() -> None:
    record = extract_claims("支持度52%±2%。")[0].to_json()
    assert record["margin"] == 2
    assert list(record)[-2:] == ["margin", "source_detail"]
