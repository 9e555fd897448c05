"""Erasmus+ KA1 VET budget: what a mobility project receives, computed from a rate table.

The computation, for each mobility (issue #3; the course states it the same way):

* activity days = end date - start date + 1; funded travel days = the requested
  travel days (default 2), capped by ``travel_days`` for the mode (green or
  standard); funded days = activity days + funded travel days;
* individual support = for each funded day (day 1 is the first funded day), the
  daily amount of the tier it falls in, summed. A tier's daily amount is the one
  the rate table prints for the role and the receiving country's group (call
  2021: 46/40/34 learners, 82/73/64 staff and accompanying from day 15), or else
  the role's and group's daily amount times the tier's share; each tier's daily
  amount is rounded to cents;
* travel = the amount of the one-way distance's band, green or standard (call
  2021's first band starts at 0 km);
* distance = the great-circle distance between the cities (one way, rounded to
  0.1 km), or ``distance_km`` when given;
* organisational support = the amount of the tier for the participant's rank
  among the project's learners and staff of the same activity type, in input
  order (with a plain list, all learners and staff count together); accompanying
  persons are neither paid nor counted;
* inclusion support = the per-participant amount when the participant has fewer
  opportunities;
* money rounded to cents (halves up); project totals by category and overall.

Without ``activity``, a learner staying 90 activity days or more is on
ErasmusPro, a shorter learner mobility is short term, staff are on job shadowing
and accompanying persons are ``accompanying`` (:func:`activity_for`).

>>> from datetime import date
>>> learner = Mobility("L1", "learner", "ES", date(2026, 4, 1), date(2026, 4, 30),
...                    distance_km=597)
>>> budget = estimate([learner])
>>> budget.totals["individual_support"]         # 32 funded days: 14 x 57 + 18 x 40
1518.0
>>> budget.totals["total"]                      # + travel 275 + organisational 350
2143.0
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..activities import ACTIVITIES, ROLES
from ..eligibility import duration_range, eligibility_warnings
from ..mobility import Mobility
from ..money import money
from ..rates import RateTable, load_rates, tier_days_array
from .inputs import check, group_of, to_frame, with_distances
from .result import Budget, finish


def estimate(
    mobilities: Iterable[Mobility] | pd.DataFrame,
    rates: RateTable | None = None,
    *,
    action: str | None = "KA122",
) -> Budget:
    """Budget of a project's mobilities, computed with array operations.

    ``action`` ("KA122" or "KA121") only changes the warnings (the KA122 limit of
    30 participants). Raises :class:`MobilityError` listing every bad mobility.
    """
    rates = rates or load_rates()
    frame = to_frame(mobilities)
    check(frame, rates)
    frame = with_distances(frame)
    details = _compute(frame, rates)
    return finish(details, rates, _warnings(details, rates, action))


def _activities(frame: pd.DataFrame, days: np.ndarray) -> np.ndarray:
    role = frame["role"].to_numpy()
    default = np.select(
        [role == "learner", role == "staff"],
        [np.where(days >= 90, "erasmuspro", "short_term"), "job_shadowing"],
        "accompanying",
    ).astype(object)
    given = frame["activity"].to_numpy(dtype=object)
    return np.where(frame["activity"].notna().to_numpy(), given, default)


def _individual(role: np.ndarray, group: np.ndarray, funded: np.ndarray, rates: RateTable):
    groups = np.array(list(rates.country_groups))
    daily = np.array([[rates.daily_rate(r, g) for g in groups] for r in ROLES])
    shares = np.array([t.share for t in rates.tiers])
    printed = np.array([[[np.nan if t.printed is None else t.printed[r][g] for t in rates.tiers]
                         for g in groups] for r in ROLES], dtype=float)  # NaN: not printed
    computed = daily[:, :, None] * shares[None, None, :]
    by_tier = money(np.where(np.isnan(printed), computed, printed))     # role x group x tier
    role_idx = pd.Categorical(role, categories=ROLES).codes
    per_day = by_tier[role_idx, np.searchsorted(groups, group)]        # mobility x tier
    return money((tier_days_array(funded, rates.tiers) * per_day).sum(axis=1))


def _travel(distance: np.ndarray, green: np.ndarray, rates: RateTable) -> np.ndarray:
    starts = np.array([band.from_km for band in rates.travel])
    band = np.searchsorted(starts, distance, side="right")              # 0: under the first
    standard = np.array([0.0] + [b.standard for b in rates.travel])
    green_rate = np.array([0.0] + [b.green for b in rates.travel])
    return np.where(green, green_rate[band], standard[band])


def _organisational(role: np.ndarray, activity: np.ndarray, rates: RateTable):
    counted = role != "accompanying"
    key = np.array([rates.organisational_key(a) for a in activity], dtype=object) \
        if isinstance(rates.organisational_support, tuple) else activity
    rank = np.zeros(len(role), dtype=np.int64)
    keys = pd.Series(key[counted])
    rank[counted] = keys.groupby(keys, sort=False).cumcount().to_numpy() + 1
    amount = np.zeros(len(role))
    for name in pd.unique(keys):
        tiers = rates.organisational_tiers(name)
        if not tiers:
            continue
        mask = counted & (key == name)
        ceilings = np.array([np.inf if t.up_to is None else t.up_to for t in tiers])
        amounts = np.array([t.amount for t in tiers])
        amount[mask] = amounts[np.searchsorted(ceilings, rank[mask], side="left")]
    return amount, rank


def _compute(frame: pd.DataFrame, rates: RateTable) -> pd.DataFrame:
    start = frame["start"].to_numpy(dtype="datetime64[D]")
    end = frame["end"].to_numpy(dtype="datetime64[D]")
    activity_days = (end - start).astype(np.int64) + 1
    green = frame["green_travel"].to_numpy(dtype=bool)
    requested = frame["travel_days"].fillna(2).to_numpy(dtype=np.int64)
    cap = np.where(green, rates.travel_days["green"], rates.travel_days["standard"])
    funded_travel = np.minimum(requested, cap)
    funded = activity_days + funded_travel
    role = frame["role"].to_numpy(dtype=object)
    group = group_of(frame["destination_country"], rates).to_numpy(dtype=np.int64)
    distance = frame["distance_km"].to_numpy(dtype=float)
    activity = _activities(frame, activity_days)
    travel = _travel(distance, green, rates)
    individual = _individual(role, group, funded, rates)
    organisational, rank = _organisational(role, activity, rates)
    fewer = frame["fewer_opportunities"].to_numpy(dtype=bool)
    inclusion = np.where(fewer, rates.inclusion_support_per_participant, 0.0)
    return pd.DataFrame({
        "participant_id": frame["participant_id"].to_numpy(), "role": role,
        "activity": activity, "distance_km": distance, "travel": money(travel),
        "funded_days": funded, "individual_support": individual,
        "organisational_support": money(organisational), "inclusion_support": money(inclusion),
        "total": money(travel + individual + organisational + inclusion),
        "destination_country": frame["destination_country"].to_numpy(), "country_group": group,
        "start": start, "end": end, "activity_days": activity_days,
        "requested_travel_days": requested, "funded_travel_days": funded_travel,
        "green_travel": green, "fewer_opportunities": fewer, "organisational_rank": rank,
    })


def _warnings(details: pd.DataFrame, rates: RateTable, action: str | None) -> list[str]:
    activity = details["activity"].to_numpy(dtype=object)
    days = details["activity_days"].to_numpy()
    fewer = details["fewer_opportunities"].to_numpy()
    pids = details["participant_id"].to_numpy()
    hits = {}
    for key in ACTIVITIES:
        for flag in (False, True):
            rule = duration_range(key, flag)
            if rule is None:
                continue
            outside = (activity == key) & (fewer == flag) & ((days < rule[0]) | (days > rule[1]))
            hits.setdefault(key, []).extend(np.flatnonzero(outside).tolist())
    duration_hits = {k: [(str(pids[i]), int(days[i])) for i in sorted(rows)]
                     for k, rows in hits.items() if rows}
    counted = details["role"] != "accompanying"
    missing = tuple(a for a in pd.unique(details.loc[counted, "activity"])
                    if not rates.organisational_tiers(a))
    return eligibility_warnings(duration_hits, int(counted.sum()), action, missing,
                                rates.call_year)
