"""Erasmus+ KA1 VET unit costs: one YAML rate table per call year, read as data.

The tables live in ``course_lib/data/rates/<year>.yaml``; a trainer loads their
own national agency's table with ``load_rates(path=...)``. Schema (keys kept from
issue #3; see ``data/rates/2021.yaml`` for a complete, sourced example):

* ``call_year``, ``currency``, ``source`` (text), optional ``sources`` (section -> text);
* ``travel``: one-way distance bands ``{from_km, standard, green?}``, increasing; a
  band runs up to the next band's ``from_km`` (excluded); under the first band there
  is no travel grant (call 2021's first band starts at 0 km, so every distance gets
  one; tables whose first band starts at 10 km pay nothing below it); without a
  green rate, green travel gets the standard rate;
* ``travel_days``: ``{standard, green}``, the most travel days funded per mode;
* ``country_groups``: group -> ISO 3166 alpha-2 codes of receiving countries;
* ``individual_support``: daily amount per role (``learner``, ``staff``,
  ``accompanying``) and group, and ``tiers``: ``{from_day, share, printed?}``. Where
  the call's annex prints a tier's amounts, ``printed`` gives them (role -> group ->
  amount, each within 1 of daily x share): they are paid as printed. Without it a
  tier pays daily x share, rounded to cents;
* ``organisational_support``: tiers ``{up_to, amount}`` by rank, either one list for
  every activity type or a mapping activity type -> list;
* ``inclusion_support_per_participant``;
* optional ``course_fees``, ``preparatory_visit``, ``linguistic_support``, ``deadlines``;
* ``illustrative``: the sections not verified from an official source (a list of
  names, or a mapping name -> reason). A deadline with ``verified: false`` counts too.

>>> rates = load_rates(2021)
>>> rates.travel_amount(597, green=True)
320.0
>>> rates.daily_rate("learner", rates.country_group("ES"))
57.0
>>> individual_support(32, 2)          # 14 x 57 + 18 x 40 (printed day-15 amount)
1518.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType

import numpy as np

from ..data import DATA_DIR
from .countries import ALIASES, UnknownCountry, country_name, fold, iso2
from .money import money
from .rates_schema import (
    Deadline,
    OrgTier,
    RatesError,
    Tier,
    TravelBand,
    read_yaml,
    validate,
)

__all__ = [
    "Deadline", "OrgTier", "RateTable", "RatesError", "Tier", "TravelBand", "UnknownCountry",
    "available_years", "individual_support", "load_rates", "tier_days", "travel_band",
]

RATES_DIR = DATA_DIR / "rates"
DEFAULT_YEAR = 2021


@dataclass(frozen=True, eq=False)
class RateTable:
    """The unit costs of one call year (or of a national agency's own table)."""

    call_year: int
    currency: str
    source: str
    travel: tuple[TravelBand, ...]
    travel_days: Mapping[str, int]
    country_groups: Mapping[int, tuple[str, ...]]
    individual_support: Mapping[str, Mapping[int, float]]
    tiers: tuple[Tier, ...]
    organisational_support: tuple[OrgTier, ...] | Mapping[str, tuple[OrgTier, ...]]
    inclusion_support_per_participant: float
    deadlines: Mapping[str, Deadline] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    illustrative_reasons: Mapping[str, str] = field(default_factory=dict)
    course_fees: Mapping[str, float] | None = None
    preparatory_visit: Mapping[str, float] | None = None
    linguistic_support: Mapping[str, float] | None = None
    path: Path | None = None

    # -- provenance -------------------------------------------------------------
    @property
    def illustrative(self) -> tuple[str, ...]:
        """Names of the sections that are not verified (illustrative figures)."""
        return tuple(self.illustrative_reasons)

    def is_illustrative(self, section: str) -> bool:
        """Whether ``section`` (or the section containing it) is illustrative.

        >>> load_rates(2025).is_illustrative("organisational_support.short_term")
        True
        >>> load_rates(2021).is_illustrative("travel")
        False
        """
        parts = section.split(".")
        prefixes = (".".join(parts[:n]) for n in range(1, len(parts) + 1))
        return any(prefix in self.illustrative_reasons for prefix in prefixes)

    def illustrative_among(self, sections: set[str] | list[str]) -> tuple[str, ...]:
        """The illustrative names that cover any of ``sections`` (or are inside one)."""
        found = []
        for name in self.illustrative:
            for used in sections:
                if name == used or name.startswith(used + ".") or used.startswith(name + "."):
                    found.append(name)
                    break
        return tuple(found)

    def source_of(self, section: str) -> str:
        """The source text of a section, falling back to the table's ``source``."""
        parts = section.split(".")
        for n in range(len(parts), 0, -1):
            if ".".join(parts[:n]) in self.sources:
                return self.sources[".".join(parts[:n])]
        return self.source

    # -- travel -----------------------------------------------------------------
    def travel_band(self, distance_km: float) -> TravelBand | None:
        """The band of a one-way distance, None under the first band.

        >>> [load_rates(2021).travel_band(d).standard for d in (0, 5, 99, 100, 499, 500)]
        [23.0, 23.0, 23.0, 180.0, 180.0, 275.0]
        >>> load_rates(2025).travel_band(9.9) is None      # a table starting at 10 km
        True
        """
        if distance_km < 0:
            raise ValueError(f"a distance cannot be negative, got {distance_km}")
        index = int(np.searchsorted(self._band_starts, distance_km, side="right")) - 1
        return self.travel[index] if index >= 0 else None

    def travel_amount(self, distance_km: float, green: bool = False) -> float:
        """Travel grant per participant (return trip included) for a one-way distance."""
        band = self.travel_band(distance_km)
        return 0.0 if band is None else band.amount(green)

    def funded_travel_days(self, requested: int | None = None, green: bool = False) -> int:
        """Requested travel days (default 2) capped by the mode's maximum.

        >>> load_rates(2021).funded_travel_days(4), load_rates(2021).funded_travel_days(4, True)
        (2, 4)
        """
        requested = 2 if requested is None else requested
        if requested < 0:
            raise ValueError(f"travel days cannot be negative, got {requested}")
        return min(requested, self.travel_days["green" if green else "standard"])

    @property
    def _band_starts(self) -> np.ndarray:
        return np.array([band.from_km for band in self.travel])

    # -- individual support -----------------------------------------------------
    def country_group(self, iso2_code: str) -> int:
        """The receiving-country group of an ISO 3166 alpha-2 code (``EL`` is accepted).

        >>> load_rates(2021).country_group("de")
        2
        """
        code = str(iso2_code).strip().upper()
        code = ALIASES.get(code, code)
        for group, codes in self.country_groups.items():
            if code in codes:
                return group
        raise UnknownCountry(self._unknown_country_message(str(iso2_code)))

    def _unknown_country_message(self, value: str) -> str:
        known = sorted(c for codes in self.country_groups.values() for c in codes)
        message = (f"{value!r} is not in a country group of the call-{self.call_year} table; "
                   f"known codes: {', '.join(known)}")
        try:
            code = iso2(value)
        except UnknownCountry:
            return message + " (use ISO 3166 alpha-2 codes, e.g. Greece is GR)"
        if code in known:
            return f"{message} (did you mean {code}, {country_name(code)}?)"
        if fold(value) != fold(code):
            return f"{message} ({value} is {code}, which has no group in this table)"
        return f"{message} ({code}, {country_name(code)}, is not a programme country here)"

    def daily_rate(self, role: str, country_group: int) -> float:
        """Full daily amount (first tier) for a role in a receiving-country group."""
        if role not in self.individual_support:
            raise ValueError(f"unknown role {role!r}: expected one of "
                             f"{', '.join(self.individual_support)}")
        amounts = self.individual_support[role]
        if country_group not in amounts:
            raise ValueError(f"unknown country group {country_group!r}: the call-{self.call_year} "
                             f"table has groups {', '.join(map(str, amounts))}")
        return amounts[country_group]

    def tier_rates(self, role: str, country_group: int) -> list[tuple[Tier, float]]:
        """Each tier with its daily amount, rounded to cents: the amount the table
        prints for the tier when it prints one, else daily rate x share.

        >>> [rate for _, rate in load_rates(2021).tier_rates("learner", 1)]   # printed
        [66.0, 46.0]
        >>> [rate for _, rate in load_rates(2025).tier_rates("learner", 1)]   # 70 % of 66
        [66.0, 46.2]
        """
        daily = self.daily_rate(role, country_group)
        return [(tier, money(tier.amount(role, country_group, daily))) for tier in self.tiers]

    # -- organisational support -------------------------------------------------
    def organisational_tiers(self, activity: str) -> tuple[OrgTier, ...] | None:
        """The rank tiers for an activity type; None when the table has none for it."""
        if activity == "accompanying":
            return None
        if isinstance(self.organisational_support, tuple):
            return self.organisational_support
        return self.organisational_support.get(activity)

    def organisational_key(self, activity: str) -> str:
        """The group ranks are counted in: the activity type, or ``*`` for a plain list."""
        return "*" if isinstance(self.organisational_support, tuple) else activity

    def organisational_amount(self, activity: str, rank: int) -> float:
        """Organisational support of the ``rank``-th participant of an activity type.

        >>> [load_rates(2021).organisational_amount("short_term", r) for r in (100, 101)]
        [350.0, 200.0]
        """
        tiers = self.organisational_tiers(activity)
        if not tiers:
            return 0.0
        for tier in tiers:
            if tier.up_to is None or rank <= tier.up_to:
                return tier.amount
        return 0.0  # unreachable: validation makes the last tier open-ended


def tier_days(funded_days: int, tiers: tuple[Tier, ...]) -> list[int]:
    """How many funded days fall in each tier (closed form, no day-by-day loop).

    Days in a tier = clip(funded_days - from_day + 1, 0, next from_day - from_day).

    >>> tier_days(23, load_rates(2021).tiers)
    [14, 9]
    >>> tier_days(10, load_rates(2021).tiers)
    [10, 0]
    """
    counts = []
    for i, tier in enumerate(tiers):
        width = tiers[i + 1].from_day - tier.from_day if i + 1 < len(tiers) else None
        days = max(funded_days - tier.from_day + 1, 0)
        counts.append(days if width is None else min(days, width))
    return counts


def tier_days_array(funded_days: np.ndarray, tiers: tuple[Tier, ...]) -> np.ndarray:
    """Vectorised :func:`tier_days`: an array (mobilities x tiers) of day counts."""
    starts = np.array([t.from_day for t in tiers])
    widths = np.append(np.diff(starts), np.iinfo(np.int64).max)
    days = np.asarray(funded_days, dtype=np.int64)[:, None] - starts[None, :] + 1
    return np.clip(days, 0, widths[None, :])


def available_years() -> list[int]:
    """Call years shipped with the course.

    >>> 2021 in available_years()
    True
    """
    return sorted(int(p.stem) for p in RATES_DIR.glob("*.yaml") if p.stem.isdigit())


@cache
def _load_shipped(year: int) -> RateTable:
    return _load_file(RATES_DIR / f"{year}.yaml")


def _frozen(value):
    """Read-only views of nested dicts: a shared table cannot be changed by accident."""
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return value


def _load_file(path: Path) -> RateTable:
    fields = validate(read_yaml(path), str(path))
    fields["tiers"] = tuple(replace(t, printed=_frozen(t.printed)) for t in fields["tiers"])
    return RateTable(**{k: _frozen(v) for k, v in fields.items()}, path=path)


def load_rates(year: int | None = None, path: str | Path | None = None) -> RateTable:
    """Load a shipped table by call year (default 2021) or a table file by path.

    Raises :class:`RatesError` naming the key and the problem when a file is
    malformed, and when a year is not shipped.
    """
    if path is not None and year is not None:
        raise ValueError("give either a call year or a rate-table file, not both")
    if path is not None:
        return _load_file(Path(path))
    year = DEFAULT_YEAR if year is None else year
    if year not in available_years():
        years = ", ".join(map(str, available_years()))
        raise RatesError("", f"no rate table shipped for call {year} (available: {years}); "
                         "load your national agency's table with a file path instead")
    return _load_shipped(year)


def individual_support(
    days: int, country_group: int, role: str = "learner", rates: RateTable | None = None
) -> float:
    """Individual support for ``days`` funded days (activity + funded travel days).

    Each funded day is paid the daily amount of the tier it falls in (day 1 is
    the first funded day): the amount the table prints for the tier, role and
    group, or else the daily amount of the role and group times the tier's
    share, rounded to cents per tier; summed. Default table: call 2021.

    >>> individual_support(23, 1)          # 14 x 66 + 9 x 46 (printed day-15 amount)
    1338.0
    >>> individual_support(23, 1, rates=load_rates(2025))   # 14 x 66 + 9 x 46.20 (70 %)
    1339.8
    """
    rates = rates or load_rates()
    if days < 0:
        raise ValueError(f"funded days cannot be negative, got {days}")
    pieces = tier_days(days, rates.tiers)
    rates_by_tier = rates.tier_rates(role, country_group)
    return money(sum(n * rate for n, (_, rate) in zip(pieces, rates_by_tier, strict=True)))


def travel_band(distance_km: float, rates: RateTable | None = None) -> TravelBand | None:
    """The travel band of a one-way distance in a table (default: call 2021).

    >>> travel_band(597).label
    '500-1999 km'
    """
    return (rates or load_rates()).travel_band(distance_km)
