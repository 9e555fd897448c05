"""The worked case of C1.2, "Atelier bois à Porto": one departure from selection to closing.

The facts are in ``data/cases/c1-2-implement.yaml``. Everything that can be computed is
computed here: ages on the departure day, the grant (budget engine, call-2021 table), the
departure plan's latest dates, slack and critical path (planning engine), spending totals
and differences, and the documents missing from each participant's file. The lesson, its
tables and charts and the exercise checks all read these functions.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import date, timedelta
from typing import Any

import pandas as pd

from ...erasmus.budget import Budget, Mobility, estimate
from ...erasmus.distance import city_distance_km
from ...erasmus.planning import Plan, Schedule, Task, schedule
from ...erasmus.rates import RateTable, load_rates
from . import load_case

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
    from ...erasmus.rates import tier_days

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


# -- what the notebook shows ----------------------------------------------------------------
def _show(frame: pd.DataFrame) -> None:
    from IPython.display import display

    display(frame.style.hide(axis="index"))


def overview_table() -> pd.DataFrame:
    c = case()
    km = distance_km()
    band = rates().travel_band(km)
    people = []
    for p in c["participants"]:
        age = age_at_departure(p["id"])
        role = "accompanying person (CFA joinery trainer)" if p["role"] == "accompanying" else (
            f"apprentice, {p['year']}, {age} on departure" + (" (minor)" if age < 18 else ""))
        people.append(f"{p['name']}: {role}")
    dates = c["dates"]
    rows = [
        ("CFA", f"{c['cfa']['name']} ({c['cfa']['town']}, {c['cfa']['department']})"),
        ("Diploma", f"{c['cfa']['diploma']}, level {c['cfa']['level'].split()[0]} of the French "
                    "framework"),
        ("Project", f"{c['call']['action']}, call {c['call']['call_year']} round "
                    f"{c['call']['round']}: {long_date(c['project']['start'])} to "
                    f"{long_date(c['project']['end'])}"),
        ("Host", f"{c['host']['name']}, {c['host']['city']} ({c['host']['country']}), "
                 f"tutor {c['host']['tutor']}"),
        ("Participants", "; ".join(people)),
        ("Stay", f"departure {long_date(dates['departure'])}, activity "
                 f"{long_date(dates['activity_start'])} to {long_date(dates['activity_end'])} "
                 f"({activity_days()} days), return {long_date(dates['return'])}"),
        ("Journey", f"{c['travel']['mode']}; {km:,.0f} km one way (band {band.label}), "
                    "standard travel"),
    ]
    return pd.DataFrame(rows, columns=["", "Atelier bois à Porto"])


def show_case_overview() -> None:
    """The case at a glance: CFA, host, project, participants with their ages, stay, journey."""
    _show(overview_table())


def checklist_table() -> pd.DataFrame:
    return pd.DataFrame([{"Document": r["name"], "Who needs it": r["who"],
                          "Signed or issued by": r["issued_by"]} for r in document_rules()])


def show_document_checklist() -> None:
    """The eight documents of a participant file, who needs each and who signs or issues it."""
    _show(checklist_table())


def _facts_row(pid: str, name: str) -> dict[str, str]:
    rule = next(r for r in document_rules() if r["name"] == name)
    facts = files()[pid].get(name, {})  # a document not collected has no facts
    end = facts.get("valid_until")
    return {"Document": name, "Received": "yes" if facts.get("received") else "no",
            "Signed by": ", ".join(facts.get("signed_by", ())) if "signatories" in rule else "",
            "Valid until": long_date(end) if end else "", "Note": facts.get("note", "")}


def file_facts(pid: str, with_verdict: bool = False) -> pd.DataFrame:
    rows = [_facts_row(pid, n) for n in document_names()]
    if with_verdict:
        for row, name in zip(rows, document_names(), strict=True):
            row["Counts?"] = {"counts": "yes", "not required": "not required"}.get(
                verdict(pid, name), "no")
    return pd.DataFrame(rows)


def _heading(pid: str) -> str:
    p = person(pid)
    return (f"**{p['name']}**, born {long_date(p['birth_date'])}: {age_at_departure(pid)} on "
            f"{long_date(departure())}")


def show_worked_files() -> None:
    """Léa's and Yanis's files on the check date, with the verdict for each document."""
    from IPython.display import Markdown, display

    for pid in [p for p in apprentices() if not missing_documents(p)]:
        display(Markdown(_heading(pid)))
        _show(file_facts(pid, with_verdict=True))


def show_files_to_check() -> None:
    """Exercise 3: the rules, then Hugo's and Inès's files (facts only, no verdicts)."""
    from IPython.display import Markdown, display

    rules = pd.DataFrame([{"Document": r["name"], "Who needs it": r["who"], "Rule": r["rule"]}
                          for r in document_rules()])
    _show(rules)
    for pid in [p for p in apprentices() if missing_documents(p)]:
        display(Markdown(_heading(pid)))
        _show(file_facts(pid))


def plan_table() -> pd.DataFrame:
    return pd.DataFrame([{
        "Task id": t.id, "Task": t.name,
        "Duration (days)": (f"fixed on {long_date(t.fixed)}" if t.fixed else
                            f"{t.duration_days}" + (" (illustrative)" if t.illustrative else "")),
        "Waits for": ", ".join(t.depends_on) or "—"} for t in departure_plan().tasks])


def show_plan_tasks() -> None:
    """The tasks of the departure, their durations and dependencies (no computed date)."""
    _show(plan_table())


def backplan_chart(first: str = "opco_request", then: str = "convention_signatures"):
    """``first`` and the tasks from ``then`` to the departure, at their latest dates (one
    colour: finding the critical path is exercise 1)."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    s = departure_schedule()
    items = [s[first], *(t for t in s.tasks if t.latest_start >= s[then].latest_start)]
    items.sort(key=lambda t: (t.latest_start, -t.task.duration_days))
    fig, ax = plt.subplots(figsize=(10, 0.5 * len(items) + 1.8))
    for y, item in enumerate(items):
        left = mdates.date2num(item.latest_start)
        if item.task.milestone:
            ax.plot(left, y, marker="D", markersize=9, color="black", zorder=3)
            label = f"  {item.latest_start:%d %b %Y} (fixed)"
        else:
            ax.barh(y, item.task.duration_days, left=left, height=0.6, zorder=2,
                    color="#2e6da4")
            label = f"  latest start {item.latest_start:%d %b %Y}"
        ax.text(left + item.task.duration_days, y, label, va="center", fontsize=8)
    ax.set_yticks(range(len(items)))
    ax.set_yticklabels([i.task.name if i.task.milestone else
                        f"{i.task.name} ({i.task.duration_days} d)" for i in items])
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))
    ax.set_xlim(mdates.date2num(items[0].latest_start - timedelta(days=3)),
                mdates.date2num(departure() + timedelta(days=40)))
    ax.set_xlabel("date: each task drawn at its latest dates (calendar days)")
    ax.set_title(f"Latest dates before the departure on {long_date(departure())}", fontsize=11)
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def show_backplan_chart() -> None:
    import matplotlib.pyplot as plt

    fig = backplan_chart()
    plt.show()
    plt.close(fig)


def show_crisis_levels() -> None:
    """The case CFA's three levels of events, with an example and who acts."""
    _show(pd.DataFrame([{"Level": r["level"], "Example": r["example"], "Who acts": r["who_acts"]}
                        for r in case()["crisis_levels"]]))


def grant_table() -> pd.DataFrame:
    granted = grant_by_category()
    how = case()["grant_computation"]
    rows = [{"Category": CATEGORY_LABELS[k], "How the grant is computed (call-2021 rates, "
             "illustrative)": how[k], "Grant (€)": euros(granted[k])[:-2]} for k in CATEGORIES]
    rows.append({"Category": "Total", "How the grant is computed (call-2021 rates, "
                 "illustrative)": "", "Grant (€)": euros(sum(granted.values()))[:-2]})
    return pd.DataFrame(rows)


def show_grant_table() -> None:
    """The grant of the case by category (budget engine, call-2021 table)."""
    _show(grant_table())


def spending_table() -> pd.DataFrame:
    return pd.DataFrame([{"Category": CATEGORY_LABELS[line["category"]], "Item": line["item"],
                          "Computation (€)": computation(line),
                          "Amount (€)": euros(line_amount(line))[:-2]}
                         for line in case()["spending"]["lines"]])


def show_spending_lines() -> None:
    """Exercise 2: the grant table and the twelve spending lines (no totals, no differences)."""
    show_grant_table()
    _show(spending_table())


def spending_chart():
    """Grouped bars: grant and actual spending per category, overspends marked."""
    import matplotlib.pyplot as plt
    import numpy as np

    table = spending_vs_grant().iloc[:-1]
    x = np.arange(len(table))
    fig, ax = plt.subplots(figsize=(8.5, 4))
    ax.bar(x - 0.2, table["grant"], width=0.4, label="grant", color="#4f7cac")
    ax.bar(x + 0.2, table["actual"], width=0.4, label="actual spending", color="#d9a441")
    for i, row in enumerate(table.itertuples()):
        sign = "+" if row.difference > 0 else ""
        ax.text(i, max(row.grant, row.actual) + 120, f"{sign}{row.difference:,.0f} €".replace(
            ",", " "), ha="center", fontsize=9,
            color="#c0392b" if row.difference > 0 else "#333333")
    ax.set_xticks(x)
    ax.set_xticklabels([CATEGORY_LABELS[c] for c in table["category"]])
    ax.set_ylabel("euros")
    ax.set_ylim(0, table[["grant", "actual"]].to_numpy().max() * 1.15)
    ax.set_title("Porto stay: grant and actual spending by category (difference = actual - grant)")
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def show_spending_chart() -> None:
    import matplotlib.pyplot as plt

    fig = spending_chart()
    plt.show()
    plt.close(fig)
