"""The facts of the Porto case (C1.2) and what is computed from them: ages on the
departure day, the grant (budget engine, call-2021 table), spending totals and differences, the
departure plan's latest dates and critical path (planning engine), and the documents missing
from each participant's file.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import date
from typing import Any

import pandas as pd

from ....erasmus.budget import Budget, Mobility, estimate
from ....erasmus.distance import city_distance_km
from ....erasmus.planning import Plan, Schedule, Task, schedule
from ....erasmus.rates import RateTable, load_rates
from .. import load_case

MODULE = "c1-2-implement"
CATEGORIES = ("travel", "individual_support", "organisational_support", "inclusion_support")
CATEGORY_LABELS = {
    "travel": "Travel",
    "individual_support": "Individual support",
    "organisational_support": "Organisational support",
    "inclusion_support": "Inclusion support",
}
MONTHS = ("January February March April May June July August September October November "
          "December").split()


def case() -> Any:
    """The case facts, read-only."""
    return load_case(MODULE)


def long_date(day: date) -> str:
    """``7 March 2027``, as the lesson writes dates.

    >>> long_date(date(2027, 3, 7))
    '7 March 2027'
    """
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def euros(amount: float) -> str:
    """``6 995.00 €``: a space between thousands, as the lesson writes amounts.

    >>> euros(6995)
    '6 995.00 €'
    """
    return f"{amount:,.2f} €".replace(",", " ")


# -- dates and people -----------------------------------------------------------------------
def departure() -> date:
    return case()["dates"]["departure"]


def return_date() -> date:
    return case()["dates"]["return"]


def activity_days() -> int:
    dates = case()["dates"]
    return (dates["activity_end"] - dates["activity_start"]).days + 1


def nights_abroad() -> int:
    return (return_date() - departure()).days


def age_on(birth: date, day: date) -> int:
    """Age in whole years on ``day``.

    >>> age_on(date(2009, 11, 2), date(2027, 3, 7))
    17
    """
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def person(pid: str) -> Any:
    for p in case()["participants"]:
        if p["id"] == pid:
            return p
    raise KeyError(f"no participant {pid!r} in the case")


def first_name(pid: str) -> str:
    return person(pid)["name"].split()[0]


def age_at_departure(pid: str) -> int | None:
    birth = person(pid).get("birth_date")
    return age_on(birth, departure()) if birth else None


def is_minor(pid: str) -> bool:
    age = age_at_departure(pid)
    return age is not None and age < 18


def apprentices() -> list[str]:
    return [p["id"] for p in case()["participants"] if p["role"] == "learner"]


# -- the grant (budget engine) --------------------------------------------------------------
def rates() -> RateTable:
    return load_rates(case()["rates"]["call_year"])


def distance_km() -> float:
    travel = case()["travel"]
    return city_distance_km(travel["origin"]["city"], travel["origin"]["country"],
                            travel["destination"]["city"], travel["destination"]["country"])


def mobilities() -> list[Mobility]:
    """One mobility per participant: same dates, same journey."""
    c = case()
    travel, dates = c["travel"], c["dates"]
    common = dict(origin_city=travel["origin"]["city"], origin_country=travel["origin"]["country"],
                  destination_city=travel["destination"]["city"],
                  destination_country=travel["destination"]["country"],
                  start=dates["activity_start"], end=dates["activity_end"],
                  travel_days=travel["requested_travel_days"], green_travel=travel["green_travel"])
    return [Mobility(participant_id=p["id"], role=p["role"],
                     fewer_opportunities=bool(p.get("fewer_opportunities")), **common)
            for p in c["participants"]]


def grant() -> Budget:
    return estimate(mobilities(), rates())


def grant_by_category() -> dict[str, float]:
    totals = grant().totals
    return {k: float(totals[k]) for k in CATEGORIES}


def funded_days() -> int:
    return int(grant().lines["funded_days"].iloc[0])


def individual_support_of(pid: str) -> float:
    lines = grant().lines.set_index("participant_id")
    return float(lines.loc[pid, "individual_support"])


def tier_split() -> tuple[int, int]:
    """Funded days at the full rate (days 1-14) and at the day-15 rate."""
    from ....erasmus.rates import tier_days

    first, *rest = tier_days(funded_days(), rates().tiers)
    return first, sum(rest)


# -- actual spending ------------------------------------------------------------------------
def line_amount(line: Any, **override: int) -> float:
    """Product of a spending line's counts and its unit cost (a count can be overridden)."""
    counts = {**line["count"], **override}
    return round(math.prod(counts.values()) * line["unit_cost"], 2)


def computation(line: Any) -> str:
    """``2 × 22 × 110.00``."""
    return " × ".join([*(str(n) for n in line["count"].values()), f"{line['unit_cost']:.2f}"])


def spending_by_category(**override: int) -> dict[str, float]:
    """Actual spending per category (a count, e.g. ``nights=21``, can be overridden)."""
    totals = dict.fromkeys(CATEGORIES, 0.0)
    for line in case()["spending"]["lines"]:
        keep = {k: v for k, v in override.items() if k in line["count"]}
        totals[line["category"]] += line_amount(line, **keep)
    return {k: round(v, 2) for k, v in totals.items()}


def spending_vs_grant() -> pd.DataFrame:
    """Grant, actual spending and difference (actual - grant) per category, with the total."""
    granted, spent = grant_by_category(), spending_by_category()
    rows = [{"category": k, "grant": granted[k], "actual": spent[k],
             "difference": round(spent[k] - granted[k], 2)} for k in CATEGORIES]
    rows.append({"category": "total", "grant": sum(granted.values()),
                 "actual": round(sum(spent.values()), 2),
                 "difference": round(sum(spent.values()) - sum(granted.values()), 2)})
    return pd.DataFrame(rows)


def overspent_categories() -> list[str]:
    table = spending_vs_grant()
    return [r.category for r in table.itertuples() if r.category != "total" and r.difference > 0]


# What a learner may type for each category (compared with :func:`fold`).
CATEGORY_ALIASES = {
    "travel": ["travel", "voyage", "transport", "frais de voyage", "travel support"],
    "individual_support": ["individual support", "soutien individuel", "individual"],
    "organisational_support": ["organisational support", "organizational support",
                               "soutien organisationnel", "organisational", "organizational"],
    "inclusion_support": ["inclusion support", "soutien à l'inclusion",
                          "inclusion support for organisations", "inclusion"],
}
OVERSPEND_TOLERANCE = 0.5  # euros: exercise 2b accepts an amount rounded to the euro


def category_named(text: Any) -> str | None:
    """The category a text (or a one-item list) names, or ``None``.

    >>> category_named(["Soutien individuel"])
    'individual_support'
    """
    if isinstance(text, (list, tuple)) and len(text) == 1:
        text = text[0]
    if not isinstance(text, str):
        return None
    folded = fold(text)
    for key, names in CATEGORY_ALIASES.items():
        if folded in {fold(n) for n in [key, *names]}:
            return key
    return None


def overspend_amount() -> float:
    """Actual spending minus grant of the overspent category, in euros (exercise 2b)."""
    category = overspent_categories()[0]
    return round(spending_by_category()[category] - grant_by_category()[category], 2)


# -- the departure plan (planning engine) ---------------------------------------------------
def departure_plan() -> Plan:
    spec = case()["plan"]
    tasks = tuple(Task(t["id"], t["name"], t["duration_days"], tuple(t.get("depends_on", ())),
                       fixed=t.get("fixed"), illustrative=bool(t.get("illustrative")),
                       note=t.get("note", ""))
                  for t in spec["tasks"])
    return Plan(spec["name"], tasks)


def departure_schedule() -> Schedule:
    """Backward from the fixed departure; ``today`` is the project start (no warning)."""
    return schedule(departure_plan(), today=case()["project"]["start"])


def critical_tasks() -> list[str]:
    """The critical path without its milestones (the departure)."""
    s = departure_schedule()
    return [t for t in s.critical_path if not s[t].task.milestone]


# -- participant files ----------------------------------------------------------------------
def fold(text: Any) -> str:
    """Text compared the forgiving way: no accents, no case, no final s, spaces tidied.

    >>> fold("Conventions_de  Mobilité")
    'convention de mobilite'
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("'", "").replace("\u2019", "")
    words = " ".join(text.replace("_", " ").replace("-", " ").split()).split(" ")
    return " ".join(w[:-1] if len(w) >= 3 and w.endswith("s") else w for w in words)


def document_rules() -> list[Any]:
    return list(case()["documents"]["required"])


def document_names() -> list[str]:
    return [r["name"] for r in document_rules()]


def files() -> Any:
    return case()["documents"][f"files_on_{case()['dates']['file_check_date']}"]


def verdict(pid: str, name: str) -> str:
    """``counts``, ``not required``, ``not received``, ``incomplete`` or ``expires``."""
    rule = next(r for r in document_rules() if r["name"] == name)
    minor = is_minor(pid)
    if rule.get("minors_only") and not minor:
        return "not required"
    facts = files()[pid].get(name)
    if not facts or not facts.get("received"):
        return "not received"
    needed = set(rule.get("signatories", ())) | (
        set(rule.get("minor_signatories", ())) if minor else set())
    if needed - set(facts.get("signed_by", ())):
        return "incomplete"
    end = facts.get("valid_until")
    if rule.get("has_end_date") and (end is None or end < return_date()):
        return "expires"
    return "counts"


def unsigned_by(pid: str, name: str) -> list[str]:
    """Who should have signed this document and has not."""
    rule = next(r for r in document_rules() if r["name"] == name)
    needed = [*rule.get("signatories", ()), *(rule.get("minor_signatories", ())
                                              if is_minor(pid) else ())]
    signed = set(files()[pid].get(name, {}).get("signed_by", ()))
    return [s for s in needed if s not in signed]


def missing_documents(pid: str) -> list[str]:
    """The documents that do not count in a participant's file, in checklist order."""
    return [n for n in document_names() if verdict(pid, n) not in ("counts", "not required")]
