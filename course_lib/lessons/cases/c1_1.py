"""The one case of C1.1, "Boulangerie à Valence", and the scenario of its exercise 1 (Cork).

The facts live in ``data/cases/c1-1-develop.yaml`` (read with :func:`load_case`); the amounts
are computed by the budget engine and the back-plan by the planning engine from the plan
template ``ka122-short-term``, so the text, the tables, the charts and the checks can never
drift apart (tests compare them).

>>> valencia_budget().totals["total"]
11942.0
>>> cork_budget().totals["total"]
14529.0
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ...erasmus.budget import Budget, Mobility, estimate
from ...erasmus.distance import city_distance_km
from ...erasmus.planning import Schedule, load_template, schedule, weeks_before
from ...erasmus.rates import load_rates
from . import load_case

MODULE = "c1-1-develop"


def case() -> Any:
    """The case facts, read-only."""
    return load_case(MODULE)


CASE_YEAR: int = case()["rates_used"]["call_year"]  # the call-2021 VET table ([V1])
TODAY: date = case()["planning"]["launched_by_director"]  # the chart's "today"
DEADLINE: date = case()["call"]["deadline"]["date"]


def rates():
    return load_rates(CASE_YEAR)


# -- the Valencia case ----------------------------------------------------------------------
def valencia_mobilities() -> list[Mobility]:
    """4 CAP boulanger apprentices and their trainer, 1-28 February 2027, by train."""
    c = case()
    trip = c["mobility"]
    common = dict(origin_city=trip["origin"]["city"], origin_country=trip["origin"]["country"],
                  destination_city=trip["destination"]["city"],
                  destination_country=trip["destination"]["country"],
                  start=trip["activity_start"], end=trip["activity_end"],
                  travel_days=trip["travel_days"], green_travel=trip["green_travel"])
    return [Mobility(participant_id=p["id"], role=p["role"],
                     fewer_opportunities=bool(p["fewer_opportunities"]),
                     activity=trip["activity_type"] if p["role"] == "learner" else None,
                     **common)
            for p in c["participants"]]


def valencia_budget() -> Budget:
    return estimate(valencia_mobilities(), rates())


def valencia_distance_km() -> float:
    trip = case()["mobility"]
    return city_distance_km(trip["origin"]["city"], trip["origin"]["country"],
                            trip["destination"]["city"], trip["destination"]["country"])


def valencia_figures() -> dict[str, float]:
    """The figures the lesson states in section 5, computed by the engine."""
    budget = valencia_budget()
    lines = budget.lines.set_index("participant_id")
    learners = lines[lines["role"] == "learner"]
    trainer = lines[lines["role"] == "accompanying"].iloc[0]
    return {
        "travel": budget.totals["travel"],
        "individual_support_apprentice": float(learners["individual_support"].iloc[0]),
        "individual_support_apprentices": float(learners["individual_support"].sum()),
        "individual_support_trainer": float(trainer["individual_support"]),
        "individual_support": budget.totals["individual_support"],
        "organisational_support": budget.totals["organisational_support"],
        "inclusion_support": budget.totals["inclusion_support"],
        "accompanying_person": float(trainer["travel"] + trainer["individual_support"]),
        "total": budget.totals["total"],
    }


# -- exercise 1: the Cork project -----------------------------------------------------------
def cork() -> Any:
    return case()["exercise_cork"]


def cork_mobilities() -> list[Mobility]:
    """Exercise 1: 6 CAP cuisine apprentices and 1 trainer, 21 days in Cork, by plane."""
    c = cork()
    common = dict(origin_city=c["origin"]["city"], origin_country=c["origin"]["country"],
                  destination_city=c["destination"]["city"],
                  destination_country=c["destination"]["country"],
                  start=c["activity_start"], end=c["activity_end"],
                  travel_days=c["travel_days"], green_travel=c["green_travel"])
    apprentices = [Mobility(participant_id=f"apprentice-{i}", role="learner",
                            fewer_opportunities=i <= c["fewer_opportunities"],
                            activity="short_term", **common)
                   for i in range(1, c["apprentices"] + 1)]
    return [*apprentices, Mobility(participant_id="trainer", role="accompanying", **common)]


def cork_budget() -> Budget:
    return estimate(cork_mobilities(), rates())


def cork_distance_km() -> float:
    c = cork()
    return city_distance_km(c["origin"]["city"], c["origin"]["country"],
                            c["destination"]["city"], c["destination"]["country"])


def cork_funded_days() -> int:
    c = cork()
    return c["activity_days"] + rates().funded_travel_days(c["travel_days"], c["green_travel"])


# -- exercise 2 and the back-plan -------------------------------------------------------------
def step_weeks() -> tuple[int, ...]:
    return tuple(case()["exercise_backplan"]["step_weeks"])


def latest_start_without_margin() -> date:
    """Exercise 2, step 1: the needs analysis starts by this date (no safety margin)."""
    return weeks_before(DEADLINE, sum(step_weeks()))


def director_approval() -> date:
    return case()["planning"]["director_late_approval"]


def ka122_schedule() -> Schedule:
    """The plan template of the case, back-planned from its fixed dates."""
    return schedule(load_template("ka122-short-term"), today=TODAY)


#: The phases of the timeline table (lesson, section 6): label -> task ids of the template.
PHASES = (
    ("Steps before submission (table 'Before submission')",
     ("needs_analysis", "partner_search", "application_drafting", "internal_signoff",
      "submission_margin")),
    ("National Agency decision and grant agreement (duration illustrative)", ("na_decision",)),
    ("Selection of apprentices and trainer", ("participant_selection",)),
    ("Convention de partenariat; learning agreements",
     ("partnership_convention", "learning_agreements")),
    ("OLS assessment, then preparation", ("language_assessment", "preparation")),
    ("Conventions de mobilité; insurance and documents",
     ("mobility_conventions", "insurance_documents")),
    ("Train booking", ("travel_booking",)),
    ("Mobility: 2 travel days, 28 days of activity, 2 travel days", ("mobility",)),
    ("Evaluation, recognition, participant reports", ("evaluation", "participant_reports")),
    ("Project end", ("project_end",)),
    ("Final report (duration illustrative: the date is in the grant agreement)",
     ("final_report",)),
)


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def timeline_table() -> pd.DataFrame:
    """One row per phase: earliest start, earliest finish, latest finish, slack, critical."""
    plan = ka122_schedule()
    rows = []
    for label, ids in PHASES:
        items = [plan[i] for i in ids]
        first = min(i.earliest_start for i in items)
        last = max(i.earliest_finish for i in items)
        latest = max(i.latest_finish for i in items)
        slack = min(i.slack_days for i in items)
        rows.append({
            "Phase": label,
            "Earliest start": _day(first),
            "Earliest finish": _day(last),
            "Latest finish": _day(latest),
            "Slack (days)": slack,
            "Critical": "yes" if slack <= 0 else "no",
        })
    return pd.DataFrame(rows)


# -- what the notebook shows ------------------------------------------------------------------
CATEGORY_LABELS = {
    "travel": "Travel",
    "individual_support": "Individual support",
    "organisational_support": "Organisational support",
    "inclusion_support": "Inclusion support",
}


def budget_table(budget: Budget) -> pd.DataFrame:
    """Per-participant lines with readable headers, for display."""
    lines = budget.lines.rename(columns={
        "participant_id": "Participant", "role": "Role", "distance_km": "Distance (km)",
        "funded_days": "Funded days", "travel": "Travel (€)",
        "individual_support": "Individual support (€)",
        "organisational_support": "Organisational support (€)",
        "inclusion_support": "Inclusion support (€)", "total": "Total (€)",
    })
    keep = [c for c in lines.columns if c in (
        "Participant", "Role", "Distance (km)", "Funded days", "Travel (€)",
        "Individual support (€)", "Organisational support (€)", "Inclusion support (€)",
        "Total (€)")]
    return lines[keep]


def grant_chart(budget: Budget, title: str):
    """A horizontal bar chart of the grant by category, amounts written on the bars."""
    import matplotlib.pyplot as plt

    labels = list(CATEGORY_LABELS.values())
    values = [budget.totals[k] for k in CATEGORY_LABELS]
    fig, ax = plt.subplots(figsize=(7.5, 2.8))
    bars = ax.barh(labels[::-1], values[::-1], color=["#8e6c8a", "#d9a441", "#4f7cac",
                                                         "#5a9e6f"])
    for bar, value in zip(bars, values[::-1], strict=True):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2,
                f"  {value:,.2f} €".replace(",", " "), va="center", fontsize=9)
    ax.set_xlabel("euros")
    ax.set_xlim(0, max(values) * 1.3 or 1)
    total = f"{budget.totals['total']:,.2f}".replace(",", " ")
    ax.set_title(f"{title}: {total} € in all (call-{budget.call_year} amounts)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def show_valencia_case() -> None:
    """The Valencia estimate: the chart, then the line-by-line table."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    budget = valencia_budget()
    fig = grant_chart(budget, "Boulangerie à Valence")
    plt.show()
    plt.close(fig)
    display(budget_table(budget).style.format(precision=2)
            .format("{:.0f}", subset=["Distance (km)"]).hide(axis="index"))


def show_cork_facts() -> None:
    """The exercise's data, as a coach would collect them."""
    from IPython.display import Markdown, display

    c, km = cork(), f"{cork_distance_km():,.0f}".replace(",", " ")
    start, end = c["activity_start"], c["activity_end"]
    display(Markdown(
        "| Item | Value |\n|---|---|\n"
        f"| One-way distance Lyon – Cork | {km} km (great-circle distance computed by the "
        "course tools; in a real application use the EC Distance Calculator [4]) |\n"
        "| Receiving country | Ireland |\n"
        f"| Participants | {c['apprentices']} apprentices + {c['accompanying']} accompanying "
        "trainer |\n"
        f"| Dates | {start.day}–{end.day} {end:%B %Y} ({c['activity_days']} days of activity) |\n"
        "| Transport | plane (standard travel) |\n"
        f"| Participants with fewer opportunities | {c['fewer_opportunities']} |"
    ))


def show_timeline_table() -> None:
    """The phases of the back-plan with their dates, as the planning engine computes them."""
    from IPython.display import display

    display(timeline_table().style.hide(axis="index"))


def show_ka122_timeline() -> None:
    """The case's plan back-planned from the call-2026 deadline, as a Gantt chart."""
    import matplotlib.pyplot as plt

    from ...erasmus.planning import gantt

    ax = gantt(ka122_schedule(), today=TODAY,
               title=f"Boulangerie à Valence: back-planned from the {_day(DEADLINE)} deadline")
    plt.show()
    plt.close(ax.figure)
