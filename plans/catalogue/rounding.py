"""How a figure is rounded and written, in one place: once, half-up, from the exact decimal.

The pages, the API's display strings, the charts and every file (Word, PDF, Excel) write their
percentages, points and numbers through these functions, so that 57.5 % is "58 %" everywhere
(Python's `round` and `format` round half to even: 56.5 would be "56 %" on one page and "57 %"
in a file written another way).

A float is read as the decimal it was meant to be, through its shortest representation
(`repr(0.575)` is "0.575", where the binary value is 0.57499999...): scores and shares are
ratios of small counts, whose decimals are short, so an x.5 reached by a ratio rounds up.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

Number = Decimal | float | int


def exact(value: Number) -> Decimal:
    """The decimal a value stands for."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def half_up(value: Number, places: int = 0) -> Decimal:
    """The value rounded half away from zero to `places` decimals (never "-0")."""
    rounded = exact(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)


def percent_of(share: Number, places: int = 0) -> Decimal:
    """A share (0 to 1) in percent, rounded: 0.575 -> 58."""
    return half_up(exact(share) * 100, places)


def percent(share: Number | None, places: int = 0, none: str = "n/a") -> str:
    """“58 %” (a space before the sign, as the SMEWG writes it), or `none`."""
    return none if share is None else f"{percent_of(share, places)} %"


def points(later: Number, earlier: Number, places: int = 1) -> float:
    """The change between two shares, in percentage points, from their exact decimals."""
    return float(half_up((exact(later) - exact(earlier)) * 100, places))


def number(value: Number | None, places: int = 2, none: str = "–") -> str:
    """A value as people write it: thousands separated, at most `places` decimals, no trailing
    zeros: 1234.5 -> "1,234.5"."""
    if value is None:
        return none
    rounded = half_up(value, places)
    if rounded == rounded.to_integral_value():
        return f"{int(rounded):,}"
    return f"{rounded:,.{places}f}".rstrip("0").rstrip(".")
