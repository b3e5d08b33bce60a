"""Run find_numbers over the third-party peer suites and report the share of expected results
found with the right value (and currency/unit where the suite gives one).

Usage: uv run python bench/conformance_report.py [--misses | --markdown] [PEER_SUITES_DIR]

Matching rules (also in docs/conformance.md):
- An expected result is found when some NumberMatch overlaps its span and has the same value.
  Recognizers-Text reports the bare number inside a wider expression (百分之五十五 → 55 at 3-6);
  we report the whole expression (55 % at 0-6), so overlap, not equal spans, is the test.
- A range counts for either end: 5-20% holds the expected 20%.
- A date counts for its parts: our one date 1991年1月16日 (19910116, unit "day") holds
  Recognizers-Text's three numbers 1991, 1 and 16.
- Values compare exactly after rounding both to 10 significant digits (Recognizers prints
  350.333333333333 for 三百五又三分之一).
- Percent: the expected "2.4%" is 2.4 with unit "%" or "pp".
- Currency: the ISO code must equal our unit; an expected result without an ISO code ($20,
  Bitcoin) needs only kind "money".
- Dimension: value only (we keep the unit written: 12千米 → 12 km, which is what it expects).
- Cases marked NotSupported or NotSupportedByDesign for python are skipped, as upstream's own
  Python runner does; results without a value (a currency name alone) are skipped too.
- cn2an: each [numeral, value] pair is a text holding one numeral; jionlp: each money string
  must give its amount (or both ends of a range) and currency.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from claimdesk.extract import NumberMatch, find_numbers

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SUITES = ROOT / "tests" / "data" / "peer-suites"

JIONLP_CURRENCY = {
    "元": "CNY", "港元": "HKD", "美元": "USD", "新台币": "TWD", "欧元": "EUR",
    "日元": "JPY", "泰铢": "THB", "卢布": "RUB", "澳元": "AUD", "韩元": "KRW",
}  # fmt: skip


@dataclass(frozen=True)
class Expected:
    case: str  # the input text
    start: int
    end: int  # exclusive
    value: Decimal | tuple[Decimal, Decimal]
    currency: str | None = None  # ISO code, "" for any currency, None when not money
    percent: bool = False


def _same(a: float | int | None, b: Decimal) -> bool:
    if a is None:
        return False
    return _round(Decimal(str(a))) == _round(b)


def _round(d: Decimal) -> Decimal:
    return d if d == 0 else Decimal(f"{d:.10g}")


def date_parts(m: NumberMatch) -> list[int]:
    """2022年6月30日 is one date to us (20220630) and three numbers to Recognizers-Text."""
    if m.kind != "date" or not isinstance(m.value, int):
        return []
    if m.unit == "day":
        return [m.value // 10000, m.value // 100 % 100, m.value % 100]
    if m.unit == "month":
        return [m.value // 100, m.value % 100]
    return []


def found(expected: Expected, matches: list[NumberMatch]) -> bool:
    for m in matches:
        if m.end <= expected.start or m.start >= expected.end:
            continue
        if isinstance(expected.value, tuple):
            low, high = expected.value
            if not (_same(m.value, low) and _same(m.value_max, high)):
                continue
        elif any(_same(part, expected.value) for part in date_parts(m) if not expected.percent):
            return True
        elif not (_same(m.value, expected.value) or _same(m.value_max, expected.value)):
            continue
        if expected.percent and m.unit not in ("%", "pp"):
            continue
        if expected.currency == "" and m.kind != "money":
            continue
        if expected.currency and m.unit != expected.currency:
            continue
        return True
    return False


def _skipped(case: dict[str, object]) -> bool:
    marks = f"{case.get('NotSupported', '')} {case.get('NotSupportedByDesign', '')}"
    return "python" in marks.lower()


def recognizers(path: Path, *, percent: bool = False, currency: bool = False) -> Iterator[Expected]:
    for case in json.loads(path.read_text(encoding="utf-8-sig")):
        if _skipped(case):
            continue
        for result in case["Results"]:
            resolution = result["Resolution"]
            raw = resolution.get("value")
            if raw is None:
                continue
            iso = (resolution.get("isoCurrency") or "") if currency else None
            yield Expected(
                case["Input"], result["Start"], result["End"] + 1,
                Decimal(raw.rstrip("%")), iso, percent,
            )  # fmt: skip


def cn2an_cases(path: Path) -> Iterator[Expected]:
    tables = json.loads(path.read_text(encoding="utf-8"))["tables"]
    for name in ("strict_data_dict", "normal_data_dict", "smart_data_dict"):
        for text, value in tables[name]:
            yield Expected(text, 0, len(text), Decimal(str(value)))


def jionlp_cases(path: Path) -> Iterator[Expected]:
    for text, parsed in json.loads(path.read_text(encoding="utf-8"))["tables"]["money_string_list"]:
        num = parsed["num"]
        value = (Decimal(num[0]), Decimal(num[1])) if isinstance(num, list) else Decimal(num)
        yield Expected(text, 0, len(text), value, JIONLP_CURRENCY.get(parsed["case"], ""))


def suites(root: Path) -> dict[str, list[Expected]]:
    rt = root / "recognizers-text"
    return {
        "Number": list(recognizers(rt / "Number/Chinese/NumberModel.json")),
        "Percent": list(recognizers(rt / "Number/Chinese/PercentModel.json", percent=True)),
        "Currency": list(
            recognizers(rt / "NumberWithUnit/Chinese/CurrencyModel.json", currency=True)
        ),
        "Dimension": list(recognizers(rt / "NumberWithUnit/Chinese/DimensionModel.json")),
        "cn2an": list(cn2an_cases(root / "cn2an/cn2an_cases.json")),
        "jionlp money": list(jionlp_cases(root / "jionlp/money_parser_cases.json")),
    }


suites_cache: dict[str, list[Expected]] = {}


def score(expected: list[Expected]) -> tuple[float, list[Expected]]:
    cache: dict[str, list[NumberMatch]] = {}
    misses = []
    for item in expected:
        matches = cache.setdefault(item.case, find_numbers(item.case))
        if not found(item, matches):
            misses.append(item)
    return 1 - len(misses) / len(expected), misses


def _markdown_row(miss: Expected) -> str:
    got = ", ".join(f"{m.text} = {m.value} {m.unit or ''}".strip() for m in find_numbers(miss.case))
    case = miss.case if len(miss.case) <= 40 else miss.case[:40] + "…"
    shown = f"{miss.value[0]}–{miss.value[1]}" if isinstance(miss.value, tuple) else miss.value
    expected = f"{shown} {miss.currency or ''}".strip()
    return f"`{case}` [{miss.start}:{miss.end}] | {expected} | {got or '(none)'}"


def main(argv: list[str]) -> None:
    show_misses = "--misses" in argv
    markdown = "--markdown" in argv
    paths = [a for a in argv if not a.startswith("--")]
    root = Path(paths[0]) if paths else DEFAULT_SUITES
    suites_cache.update(suites(root))
    results = {name: score(expected) for name, expected in suites_cache.items()}
    for name, (share, misses) in results.items():
        total = len(suites_cache[name])
        print(f"{name}: {share:.1%} ({total - len(misses)}/{total})")
    if markdown:
        print("\n| suite | input | expected | find_numbers gave |\n|---|---|---|---|")
        for name, (_, misses) in results.items():
            for miss in misses:
                print(f"| {name} | {_markdown_row(miss)} |")
    for name, (_, misses) in results.items():
        if show_misses:
            print(name)
            for miss in misses:
                got = [(m.text, m.value, m.unit) for m in find_numbers(miss.case)]
                print(f"  - {miss.case[:60]!r} [{miss.start}:{miss.end}] "
                      f"expected {miss.value} {miss.currency or ''}; got {got}")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
