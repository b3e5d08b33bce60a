"""Issue 10, not claims: stock codes, section and list numbers, names with numerals, and the
headlines of other stories at the foot of a page."""

from __future__ import annotations

import pytest

from claimdesk.extract import extract_claims


def _texts(text: str) -> list[str]:
    return [c.text for c in extract_claims(text)]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("鴻海（2317）今年營收增3%。", ["3%"]),
        ("台積電(2330)股價漲5%。", ["5%"]),
        ("騰訊（00700）股價跌2%。", ["2%"]),
        ("TSMC (2330.TW) rose 3%.", ["3%"]),
        ("Tencent 0700.HK fell 2%.", ["2%"]),
        ("鴻海(2317)引用報告(2023)，營收增4%。", ["2023", "4%"]),  # a year in brackets stays
    ],
)
def test_stock_codes_are_not_claims(text: str, kept: list[str]) -> None:
    assert _texts(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("二、工業生產\n規模以上工業增加值增長4.5%。\n", ["4.5%"]),
        ("（三）消費\n社會消費品零售總額增長5%。\n", ["5%"]),
        ("3. 出口增長7%。\n", ["7%"]),
        ("1、進口下跌2%。\n2、出口增長7%。\n", ["2%", "7%"]),
    ],
)
def test_list_numbers_at_the_start_of_a_line_are_not_claims(text: str, kept: list[str]) -> None:
    assert _texts(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("7-Eleven開了300家店。", ["300家"]),
        ("3M裁員2000人。", ["2000人"]),
        ("21世紀不動產成交50宗。", ["50宗"]),
        ("神舟十七號發射成功。", []),
        ("長征五號運載火箭重約870噸。", ["870噸"]),
        ("嫦娥六號 月背採樣\n", []),  # a headline without 號 after the numeral
        ("汽車及汽車零件(上升6.2%)。", ["6.2%"]),  # 零件 is a word
    ],
)
def test_names_with_numerals_are_not_claims(text: str, kept: list[str]) -> None:
    assert _texts(text) == kept


# The cases above are entries of the lexicon (extract/lexicon/): they show the lists are read,
# not that the rule holds. These names are made up and in no list; each stands for its class.
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("9-Mart開了300家店。", ["300家"]),  # a number, a hyphen, a capitalised word
        ("8-Days has 300 stores.", ["300"]),
        ("5K科技裁員2000人。", ["2000人"]),  # digits glued to Latin letters
        ("四海百貨開了30家店。", ["30家"]),  # a Chinese digit inside a word
        ("天樞990的效能提升3倍。", ["3倍"]),  # a model after an unlisted brand
        ("天樞990處理器的效能提升3倍。", ["3倍"]),  # ... followed by a product noun
        ("天樞990、星河888和北辰700都已上市。", []),  # ... in a list of models
        ("The Orion 4090 sold 300 units.", ["300"]),  # a capitalised word and a space
    ],
)
def test_unlisted_names_with_numerals_are_not_claims(text: str, kept: list[str]) -> None:
    assert _texts(text) == kept


@pytest.mark.parametrize(
    "foot",
    [
        "延伸閱讀\n台積電營收增10%\n",
        "更多新聞：股市漲3%\n",
        "【相關新聞】\n股市漲3%\n",
        "熱門新聞\n油價跌9%\n",
        "推薦閱讀：房價漲6%\n",
        "Related\nTesla sales fall 9%\n",
        "Read more: Tesla sales fall 9%\n",
    ],
)
def test_related_headlines_are_outside_body(foot: str) -> None:
    first, last = extract_claims("出口增長5%。\n" + foot)
    assert first.flags == () and last.flags == ("outside_body",)


@pytest.mark.parametrize(
    "text",
    ["出口增長5%。\n更多的企業表示營收增長3%。\n", "Exports grew 5%.\nRelated stories rose 3%.\n"],
)
def test_related_headlines_word_inside_a_sentence_is_body(text: str) -> None:
    assert all(c.flags == () for c in extract_claims(text))
