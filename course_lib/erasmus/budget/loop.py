"""The budget rules applied one mobility at a time, in plain Python.

A reference for :func:`course_lib.erasmus.budget.estimate` (the vectorised engine): the
tests check that both agree, and ``benchmarks/budget.py`` times both.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..distance import CityNotFound, route_km
from ..eligibility import duration_range, eligibility_warnings
from ..mobility import Mobility, MobilityError, check_all, normalised
from ..money import money
from ..rates import RateTable, individual_support, load_rates
from .inputs import to_frame, to_mobilities
from .result import DETAIL_COLUMNS, Budget, finish


def _with_distance(m: Mobility) -> Mobility | CityNotFound:
    if m.distance_km is not None:
        return m
    km = route_km(m.origin_city, m.origin_country, m.destination_city, m.destination_country)
    if isinstance(km, CityNotFound):
        return km
    return Mobility(**{**m.__dict__, "distance_km": km})


def estimate_loop(
    mobilities: Iterable[Mobility] | pd.DataFrame,
    rates: RateTable | None = None,
    *,
    action: str | None = "KA122",
) -> Budget:
    """Budget of a project's mobilities, computed with a per-mobility loop."""
    rates = rates or load_rates()
    if isinstance(mobilities, pd.DataFrame):
        items = to_mobilities(to_frame(mobilities))
    else:
        items = [normalised(m) for m in mobilities]
    check_all(items, rates)
    resolved = [_with_distance(m) for m in items]
    failed = [(f"mobility {i + 1} ({m.participant_id})", str(r))
              for i, (m, r) in enumerate(zip(items, resolved, strict=True))
              if isinstance(r, CityNotFound)]
    if failed:
        raise MobilityError(failed)

    rows, hits, ranks, missing = [], {}, {}, []
    for m in resolved:
        activity = m.resolved_activity
        days = m.activity_days
        funded_travel = rates.funded_travel_days(m.travel_days, m.green_travel)
        funded = days + funded_travel
        group = rates.country_group(m.destination_country)
        travel = rates.travel_amount(m.distance_km, m.green_travel)
        individual = individual_support(funded, group, m.role, rates)
        rank, organisational = 0, 0.0
        if m.role != "accompanying":
            key = rates.organisational_key(activity)
            ranks[key] = rank = ranks.get(key, 0) + 1
            organisational = rates.organisational_amount(activity, rank)
            if rates.organisational_tiers(activity) is None and activity not in missing:
                missing.append(activity)
        inclusion = rates.inclusion_support_per_participant if m.fewer_opportunities else 0.0
        window = duration_range(activity, m.fewer_opportunities)
        if window and not window[0] <= days <= window[1]:
            hits.setdefault(activity, []).append((str(m.participant_id), days))
        rows.append({
            "participant_id": m.participant_id, "role": m.role, "activity": activity,
            "distance_km": float(m.distance_km), "travel": money(travel), "funded_days": funded,
            "individual_support": individual, "organisational_support": money(organisational),
            "inclusion_support": money(inclusion),
            "total": money(travel + individual + organisational + inclusion),
            "destination_country": m.destination_country, "country_group": group,
            "start": np.datetime64(m.start, "D"), "end": np.datetime64(m.end, "D"),
            "activity_days": days, "requested_travel_days": 2 if m.travel_days is None
            else m.travel_days, "funded_travel_days": funded_travel,
            "green_travel": m.green_travel, "fewer_opportunities": m.fewer_opportunities,
            "organisational_rank": rank,
        })
    details = pd.DataFrame(rows, columns=list(DETAIL_COLUMNS))
    counted = sum(1 for m in resolved if m.role != "accompanying")
    warnings = eligibility_warnings(hits, counted, action, tuple(missing), rates.call_year)
    return finish(details, rates, warnings)
