"""Detecting an article's language for its metadata."""

from __future__ import annotations

from claimdesk.files.language import detect_language

TRADITIONAL = "根據國海證券最新的研究報告顯示，全球AI芯片的市場規模將從175億美元上漲到490億美元。"
SIMPLIFIED = "根据国海证券最新的研究报告显示，全球AI芯片的市场规模将从175亿美元上涨到490亿美元。"


def test_traditional_chinese() -> None:
    assert detect_language(TRADITIONAL) == "zh-Hant"


def test_simplified_chinese() -> None:
    assert detect_language(SIMPLIFIED) == "zh-Hans"


def test_english_with_a_chinese_name_is_english() -> None:
    text = "Biren (壁仞科技) raised 4.7 billion yuan in 18 months, according to Tianyancha. " * 3
    assert detect_language(text) == "en"
