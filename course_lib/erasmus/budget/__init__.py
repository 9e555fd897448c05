"""The Erasmus+ grant of a project's mobilities: vectorised engine, loop reference,
explanation in words, and the reader of a mobilities file.

>>> from datetime import date
>>> b = estimate([Mobility("L1", "learner", "ES", date(2026, 7, 1), date(2026, 7, 21),
...                        distance_km=597)])
>>> b.totals["travel"]
275.0
"""

from ..activities import activity_for
from ..mobility import Mobility, MobilityError
from .engine import estimate
from .explain import explain
from .loop import estimate_loop
from .mobility_file import MobilityFileError, read_mobilities
from .result import CATEGORIES, DETAIL_COLUMNS, LINE_COLUMNS, Budget

__all__ = [
    "CATEGORIES", "DETAIL_COLUMNS", "LINE_COLUMNS", "Budget", "Mobility", "MobilityError",
    "MobilityFileError", "activity_for", "estimate", "estimate_loop", "explain",
    "read_mobilities",
]
