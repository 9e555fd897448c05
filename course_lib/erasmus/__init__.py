"""The Erasmus+ domain, with no Jupyter in it: rate tables per call, countries and distances,
activity types and mobilities, eligibility, the budget engine and project planning.

>>> from course_lib.erasmus import estimate, load_rates
>>> load_rates(2021).call_year
2021
"""

from .budget import (
    CATEGORIES,
    Budget,
    Mobility,
    MobilityError,
    MobilityFileError,
    activity_for,
    estimate,
    estimate_loop,
    read_mobilities,
)
from .distance import CityNotFound, city_distance_km
from .planning import Plan, gantt, load_template, schedule, weeks_before
from .rates import RatesError, RateTable, load_rates

__all__ = [
    "CATEGORIES", "Budget", "CityNotFound", "Mobility", "MobilityError", "MobilityFileError",
    "Plan", "RateTable", "RatesError", "activity_for", "city_distance_km", "estimate",
    "estimate_loop", "gantt", "load_rates", "load_template", "read_mobilities", "schedule",
    "weeks_before",
]
