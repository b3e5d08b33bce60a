"""How a computed value is shown: in the form of a figure of the article, so that an editor
reads 665億美元 next to 490億美元, not 66500000000 USD."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from claimdesk.checks.figures import Figure, precision
from claimdesk.review.tolerance import Interval

# The first Arabic numeral of a figure's text (full-width digits too: ７成).
_NUMERAL = re.compile(r"[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
_UNIT_SUFFIX = {"%": "%", "pp": " pp", "x": "x"}
# A computed value, and the bounds of what rounding allows, are shown to two digits past the
# figure's own last one: 92.47億元 × 2 = 184.94億元, not 185億元.
VALUE_DIGITS = BOUND_DIGITS = 2


def like(figure: Figure, value: float, digits: int = VALUE_DIGITS) -> str:
    """`value` (in the figure's base unit) written the way the figure is written:
    like(490億美元, 6.65e10) → '665億美元', like($49 billion, 6.65e10) → '$66.5 billion'."""
    step = _step(figure, value) / Decimal(10) ** digits
    numeral = _NUMERAL.search(figure.text)
    written = _written(numeral.group()) if numeral else None
    if numeral is None or not written or figure.value is None or not figure.value:
        return _plain(value, step) + _UNIT_SUFFIX.get(figure.unit or "", f" {figure.unit or ''}")
    scale = Decimal(str(figure.value)) / written
    shown = _plain(float(Decimal(str(value)) / scale), step / scale)
    return figure.text[: numeral.start()] + shown + figure.text[numeral.end() :]


def bounds(figure: Figure, interval: Interval) -> tuple[str, str]:
    """The two ends of what rounding allows, written like the figure, one digit finer."""
    return like(figure, interval.low, BOUND_DIGITS), like(figure, interval.high, BOUND_DIGITS)


def number(value: float, figure: Figure, digits: int = VALUE_DIGITS) -> str:
    """A bare number at the figure's precision (a ratio, a sum of shares)."""
    return _plain(value, _step(figure, value) / Decimal(10) ** digits)


def _step(figure: Figure, value: float) -> Decimal:
    """One unit of the figure's last written digit, in its base unit."""
    step = precision(figure)
    if step is not None and step > 0:
        return Decimal(str(step))
    magnitude = math.floor(math.log10(abs(value))) if value and math.isfinite(value) else 0
    return Decimal(10) ** (magnitude - 2)


def _written(numeral: str) -> Decimal | None:
    try:
        return Decimal(numeral.translate(_FULL_WIDTH_DIGITS).replace(",", ""))
    except ArithmeticError:
        return None


def _plain(value: float, step: Decimal) -> str:
    """The value rounded to `step` (half up), without trailing zeros or an exponent."""
    if not math.isfinite(value):
        return "∞" if value > 0 else "-∞"
    exponent = Decimal(1).scaleb(step.adjusted()) if step > 0 else Decimal(1)
    rounded = Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP).normalize()
    if rounded == 0:
        rounded = Decimal(0)
    text = format(rounded, "f")
    return text
