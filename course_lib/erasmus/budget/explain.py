r"""Explain one mobility's grant in words, with the arithmetic a learner can redo by hand.

>>> from datetime import date
>>> from course_lib.erasmus.budget import Mobility, estimate
>>> b = estimate([Mobility("A1", "learner", "FI", date(2026, 3, 2), date(2026, 3, 22),
...                        distance_km=2345, green_travel=True)])
>>> print(b.explain("A1").splitlines()[4].replace(" = ", "\n= "))
Individual support: 14 days × 66.00 € + 9 days × 46.00 € (from day 15, as printed: about 70 %)
= 924.00 € + 414.00 €
= 1338.00 €
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..activities import ACTIVITIES
from ..countries import country_name
from ..money import euros
from ..rates import RateTable, Tier, tier_days

if TYPE_CHECKING:
    from . import Budget


def ordinal(n: int) -> str:
    """``1`` -> ``'1st'``, ``101`` -> ``'101st'``, ``12`` -> ``'12th'``.

    >>> [ordinal(n) for n in (1, 2, 3, 11, 101, 112)]
    ['1st', '2nd', '3rd', '11th', '101st', '112th']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _flag(rates: RateTable, section: str) -> str:
    return " [illustrative]" if rates.is_illustrative(section) else ""


def _individual(row: pd.Series, rates: RateTable, money) -> str:
    counts = tier_days(int(row.funded_days), rates.tiers)
    by_tier = rates.tier_rates(row.role, int(row.country_group))
    pieces = [(n, rate, tier) for n, (tier, rate) in zip(counts, by_tier, strict=True) if n]
    if not pieces:
        return f"Individual support: 0 funded days = {money(0)}"
    terms = [f"{n} days × {money(rate)}" + _tier_note(tier) for n, rate, tier in pieces]
    text = f"Individual support: {' + '.join(terms)}"
    if len(pieces) > 1:
        text += " = " + " + ".join(money(n * rate) for n, rate, _ in pieces)
    return f"{text} = {money(row.individual_support)}"


def _tier_note(tier: Tier) -> str:
    """How a tier's daily amount is set: printed in the table, or a share of the first."""
    share = f"{tier.share * 100:g} %"
    if tier.printed is None:
        return "" if tier.share == 1 else f" ({share})"
    if tier.share == 1:
        return " (as printed)"
    return f" (from day {tier.from_day}, as printed: about {share})"


def _organisational(row: pd.Series, rates: RateTable, money) -> str:
    if row.role == "accompanying":
        return (f"Organisational support: accompanying persons are neither paid nor counted "
                f"= {money(0)}")
    tiers = rates.organisational_tiers(row.activity)
    if not tiers:
        return (f"Organisational support: the call-{rates.call_year} table has none for "
                f"{row.activity!r} = {money(0)}")
    rank = int(row.organisational_rank)
    scope = ("of the project's learners and staff" if rates.organisational_key(row.activity) == "*"
             else f"in activity type {row.activity!r}")
    previous = 0
    for tier in tiers:
        if tier.up_to is None or rank <= tier.up_to:
            break
        previous = tier.up_to
    if len(tiers) == 1:
        which = "the same amount for every participant"
    elif tier.up_to is None:
        which = f"amount from the {ordinal(previous + 1)} participant on"
    else:
        which = f"amount up to the {ordinal(tier.up_to)} participant"
    return (f"Organisational support: {ordinal(rank)} participant {scope}, {which} "
            f"= {money(row.organisational_support)}")


def explain(budget: Budget, participant_id: str) -> str:
    """Every figure of one mobility with the arithmetic that gives it."""
    details = budget.details
    matches = details[details["participant_id"] == str(participant_id)]
    if matches.empty:
        known = ", ".join(map(str, details["participant_id"].head(10)))
        raise KeyError(f"no mobility for participant {participant_id!r} (known: {known})")
    row = matches.iloc[0]
    rates = budget.rates

    def money(amount: float) -> str:
        return euros(amount, rates.currency)

    label = ACTIVITIES[row.activity].label if row.activity in ACTIVITIES else row.activity
    mode = "green" if row.green_travel else "standard"
    cap = rates.travel_days[mode]
    band = rates.travel_band(float(row.distance_km))
    if band is None:
        travel = (f"Travel: {row.distance_km:g} km one way, under the first band "
                  f"({rates.travel[0].from_km:g} km): no travel grant = {money(0)}")
    else:
        rate = f"{mode} rate" if band.has_green_rate or not row.green_travel \
            else "no green rate in this band, standard rate"
        travel = (f"Travel: {row.distance_km:g} km one way, band {band.label}, {rate} "
                  f"= {money(row.travel)} (covers the return trip)")
    inclusion = (f"Inclusion support: participant with fewer opportunities = "
                 f"{money(row.inclusion_support)}" if row.fewer_opportunities
                 else f"Inclusion support: not flagged with fewer opportunities = {money(0)}")
    parts = [row.travel, row.individual_support, row.organisational_support,
             row.inclusion_support]
    lines = [
        f"{row.participant_id}: {row.role}, {label}, to {row.destination_country} "
        f"({country_name(row.destination_country)}, group {row.country_group}"
        f"{_flag(rates, 'country_groups')}), call-{rates.call_year} rates",
        f"Activity days: {pd.Timestamp(row.start).date()} to {pd.Timestamp(row.end).date()} "
        f"= {row.activity_days} days",
        f"Travel days: {row.requested_travel_days} requested, at most {cap} for {mode} travel "
        f"= {row.funded_travel_days} funded; funded days = {row.activity_days} + "
        f"{row.funded_travel_days} = {row.funded_days}",
        travel + _flag(rates, "travel"),
        _individual(row, rates, money) + _flag(rates, "individual_support"),
        _organisational(row, rates, money)
        + _flag(rates, f"organisational_support.{row.activity}"),
        inclusion + (_flag(rates, "inclusion_support_per_participant")
                     if row.fewer_opportunities else ""),
        f"Total: {' + '.join(money(p) for p in parts)} = {money(row.total)}",
    ]
    flagged = [f"  {name}: {reason}" if reason else f"  {name}"
               for name, reason in rates.illustrative_reasons.items()
               if name in budget.illustrative]
    if flagged:
        lines.append("[illustrative] not verified for VET; load your national agency's table:")
        lines += flagged
    return "\n".join(lines)
