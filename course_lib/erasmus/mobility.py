"""One mobility (a participant's stay abroad) and the checks every mobility must pass.

>>> m = Mobility("L1", "learner", "ES", date(2026, 4, 7), date(2026, 5, 4), distance_km=597)
>>> m.activity_days, m.resolved_activity
(28, 'short_term')
>>> problems(Mobility("L2", "learner", "ES", date(2026, 5, 4), date(2026, 4, 7), distance_km=-1))
['end 2026-04-07 is before start 2026-05-04', 'distance_km cannot be negative, got -1']
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from .activities import ACTIVITIES, ROLES, activity_for
from .countries import ALIASES, UnknownCountry, iso2
from .rates import RateTable, load_rates

__all__ = ["Mobility", "MobilityError", "check_all", "normalised", "problems"]


@dataclass(frozen=True)
class Mobility:
    """A participant's mobility: who, where, when, and how they travel.

    ``distance_km`` is the one-way distance; when it is None the distance is
    computed from the cities. ``travel_days`` None means 2 requested travel days.
    ``activity`` None means :func:`course_lib.erasmus.activities.activity_for`.
    """

    participant_id: str
    role: str
    destination_country: str
    start: date
    end: date
    distance_km: float | None = None
    origin_city: str | None = None
    origin_country: str | None = None
    destination_city: str | None = None
    travel_days: int | None = None
    green_travel: bool = False
    fewer_opportunities: bool = False
    activity: str | None = None

    @property
    def activity_days(self) -> int:
        """End date - start date + 1."""
        return (self.end - self.start).days + 1

    @property
    def resolved_activity(self) -> str:
        """The activity type given, or the one that follows from role and length."""
        return self.activity or activity_for(self.role, self.activity_days)


class MobilityError(ValueError):
    """Mobilities that cannot be budgeted; ``problems`` lists (where, reason) pairs."""

    def __init__(self, problems: list[tuple[str, str]], intro: str = "invalid mobilities"):
        self.problems = problems
        listed = "\n".join(f"  {where}: {reason}" for where, reason in problems)
        super().__init__(f"{intro} ({len(problems)} problem(s)):\n{listed}")


def normal_country(value: str | None) -> str | None:
    """Upper-case ISO code with EU aliases resolved (``el`` -> ``GR``); None stays None."""
    if value is None:
        return None
    code = str(value).strip().upper()
    return ALIASES.get(code, code)


def _day(value: date) -> date:
    """A datetime (or pandas Timestamp) as its calendar date, like the vectorised engine."""
    return value.date() if isinstance(value, datetime) else value


def normalised(m: Mobility) -> Mobility:
    """The same mobility with tidy values: role and activity in lower case, codes upper,
    dates without a time of day."""
    return replace(
        m,
        participant_id=str(m.participant_id).strip(),
        start=_day(m.start),
        end=_day(m.end),
        role=str(m.role).strip().casefold(),
        destination_country=normal_country(m.destination_country),
        origin_country=normal_country(m.origin_country) or None,
        origin_city=(str(m.origin_city).strip() or None) if m.origin_city else None,
        destination_city=(str(m.destination_city).strip() or None) if m.destination_city else None,
        activity=str(m.activity).strip().casefold() or None if m.activity else None,
    )


def problems(mobility: Mobility, rates: RateTable | None = None) -> list[str]:
    """Everything wrong with one mobility, in words (empty when it can be budgeted)."""
    rates = rates or load_rates()
    m = mobility
    found: list[str] = []
    if not str(m.participant_id).strip():
        found.append("participant_id is empty")
    if m.role not in ROLES:
        found.append(f"unknown role {m.role!r} (expected {', '.join(ROLES)})")
    try:
        rates.country_group(m.destination_country)
    except UnknownCountry as err:
        found.append(f"destination_country: {err}")
    if m.origin_country is not None:
        try:
            iso2(m.origin_country)
        except UnknownCountry as err:
            found.append(f"origin_country: {err}")
    if m.end < m.start:
        found.append(f"end {m.end} is before start {m.start}")
    if m.distance_km is not None and m.distance_km < 0:
        found.append(f"distance_km cannot be negative, got {m.distance_km:g}")
    if m.distance_km is None and not (m.origin_city and m.origin_country and m.destination_city):
        found.append("distance_km is empty: give it, or origin_city, origin_country "
                     "and destination_city")
    if m.travel_days is not None and m.travel_days < 0:
        found.append(f"travel_days cannot be negative, got {m.travel_days}")
    found += _activity_problems(m)
    return found


def _activity_problems(m: Mobility) -> list[str]:
    if m.role == "accompanying" and m.fewer_opportunities:
        return ["an accompanying person cannot also be flagged with fewer opportunities"]
    if m.activity is None or m.role not in ROLES:
        return []
    activity = ACTIVITIES.get(m.activity)
    if activity is None:
        return [f"unknown activity {m.activity!r} (expected {', '.join(ACTIVITIES)})"]
    if activity.role != m.role:
        return [f"activity {m.activity!r} is for {activity.role} participants, not {m.role}"]
    return []


def check_all(mobilities: list[Mobility], rates: RateTable | None = None) -> None:
    """Raise :class:`MobilityError` listing every problem (duplicate ids included)."""
    rates = rates or load_rates()
    found: list[tuple[str, str]] = []
    first: dict[str, int] = {}
    for i, m in enumerate(mobilities):
        where = f"mobility {i + 1} ({m.participant_id})"
        found += [(where, reason) for reason in problems(m, rates)]
        if m.participant_id in first:
            found.append((where, f"duplicate participant_id {m.participant_id!r} "
                                 f"(also mobility {first[m.participant_id] + 1})"))
        first.setdefault(m.participant_id, i)
    if found:
        raise MobilityError(found)
