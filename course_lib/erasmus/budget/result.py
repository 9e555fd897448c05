"""A computed budget: one line per mobility, totals, warnings and provenance.

Shared by the vectorised engine (:mod:`.engine`) and the loop reference (:mod:`.loop`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..money import money
from ..rates import RateTable

CATEGORIES = ("travel", "individual_support", "organisational_support", "inclusion_support")
LINE_COLUMNS = (
    "participant_id", "role", "activity", "distance_km", "travel", "funded_days",
    "individual_support", "organisational_support", "inclusion_support", "total",
)
DETAIL_COLUMNS = LINE_COLUMNS + (
    "destination_country", "country_group", "start", "end", "activity_days",
    "requested_travel_days", "funded_travel_days", "green_travel", "fewer_opportunities",
    "organisational_rank",
)


@dataclass
class Budget:
    """A project budget: one line per mobility, totals, warnings and provenance."""

    details: pd.DataFrame
    rates: RateTable
    warnings: list[str] = field(default_factory=list)
    illustrative: tuple[str, ...] = ()

    @property
    def lines(self) -> pd.DataFrame:
        """One row per mobility: the amounts of issue #3's JSON, with role and activity."""
        return self.details[list(LINE_COLUMNS)]

    @property
    def totals(self) -> dict[str, float]:
        """Project totals by category and overall, rounded to cents."""
        sums = {name: money(float(self.details[name].sum())) for name in CATEGORIES}
        return {**sums, "total": money(float(self.details["total"].sum()))}

    @property
    def call_year(self) -> int:
        return self.rates.call_year

    @property
    def currency(self) -> str:
        return self.rates.currency

    def illustrative_note(self) -> str | None:
        """One sentence naming the unverified sections used, or None."""
        if not self.illustrative:
            return None
        return (f"figures marked illustrative are not verified for VET "
                f"({', '.join(self.illustrative)} of the call-{self.call_year} table): "
                "load your national agency's table with --rates")

    def to_json_dict(self) -> dict:
        """The JSON shape of issue #3 (``call_year``, ``currency``, ``mobilities``, ``totals``)."""
        keys = ("participant_id", "distance_km", "travel", "funded_days", "individual_support",
                "organisational_support", "inclusion_support", "total")
        mobilities = [
            {
                "participant_id": str(row.participant_id),
                "distance_km": float(row.distance_km),
                "travel": float(row.travel),
                "funded_days": int(row.funded_days),
                "individual_support": float(row.individual_support),
                "organisational_support": float(row.organisational_support),
                "inclusion_support": float(row.inclusion_support),
                "total": float(row.total),
            }
            for row in self.details[list(keys)].itertuples(index=False)
        ]
        return {"call_year": self.call_year, "currency": self.currency,
                "mobilities": mobilities, "totals": self.totals}

    def explain(self, participant_id: str) -> str:
        """The arithmetic for one mobility, in words (see :mod:`.explain`)."""
        from .explain import explain

        return explain(self, participant_id)


def used_sections(details: pd.DataFrame, rates: RateTable) -> set[str]:
    """The rate-table sections a budget's figures come from."""
    if details.empty:
        return set()
    used = {"travel", "travel_days", "country_groups", "individual_support"}
    counted = details["role"] != "accompanying"
    if counted.any():
        if isinstance(rates.organisational_support, tuple):
            used.add("organisational_support")
        else:
            activities = details.loc[counted, "activity"].unique()
            used |= {f"organisational_support.{a}" for a in activities
                     if a in rates.organisational_support}
    if details["fewer_opportunities"].any():
        used.add("inclusion_support_per_participant")
    return used


def finish(details: pd.DataFrame, rates: RateTable, warnings: list[str]) -> Budget:
    """Wrap computed details into a :class:`Budget` (shared by both engines)."""
    details = details[list(DETAIL_COLUMNS)].reset_index(drop=True)
    illustrative = rates.illustrative_among(used_sections(details, rates))
    return Budget(details, rates, warnings, illustrative)
