"""Peer-suite conformance: third-party test data (tests/data/peer-suites) run through
find_numbers. The floors are the figures reached (docs/conformance.md), rounded down a little,
so a regression fails here. See bench/conformance_report.py for the matching rules."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUITES = ROOT / "tests" / "data" / "peer-suites"


def _report() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "conformance_report", ROOT / "bench" / "conformance_report.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["conformance_report"] = module
    spec.loader.exec_module(module)
    return module


FLOORS = {
    "Number": 0.95,
    "Percent": 0.97,
    "Currency": 0.90,
    "Dimension": 0.80,
    "cn2an": 0.98,
    "jionlp money": 0.68,
}


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    # Missing data is a failure, never a skip: the suites are part of the repository.
    assert SUITES.is_dir(), f"peer suites not found at {SUITES}"
    report = _report()
    return {name: report.score(expected)[0] for name, expected in report.suites(SUITES).items()}


@pytest.mark.parametrize("suite", list(FLOORS))
def test_suite_reaches_its_floor(scores: dict[str, float], suite: str) -> None:
    assert scores[suite] >= FLOORS[suite], f"{suite}: {scores[suite]:.1%}"
