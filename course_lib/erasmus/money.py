"""Money: round to cents (half up) and write amounts the way the course shows them.

>>> money(718.2 + 798)
1516.2
>>> money(1.005)
1.01
>>> euros(46.2)
'46.20 €'
"""

from __future__ import annotations

from typing import overload

import numpy as np

# Float products such as 1.005 * 100 land just below .5; a tolerance far below
# a cent lets "half up" mean what a person computing by hand expects.
_TOLERANCE = 1e-7


@overload
def money(amount: float) -> float: ...
@overload
def money(amount: np.ndarray) -> np.ndarray: ...


def money(amount):
    """Round an amount (or an array of amounts) to cents, halves rounded up."""
    rounded = np.floor(np.asarray(amount, dtype=float) * 100 + 0.5 + _TOLERANCE) / 100
    return float(rounded) if np.ndim(rounded) == 0 else rounded


def euros(amount: float, currency: str = "EUR") -> str:
    """``12.5`` -> ``'12.50 €'`` (other currencies keep their code)."""
    symbol = "€" if currency == "EUR" else currency
    return f"{money(amount):.2f} {symbol}"
