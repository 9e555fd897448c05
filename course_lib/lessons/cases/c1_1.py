"""The worked cases and exercise scenarios of the modules, computed by the budget engine.

The lesson text states the arithmetic; these functions compute the same figures with the
engine, so the text, the charts and the checks can never drift apart (a test compares them).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from ...erasmus.budget import Budget, Mobility, estimate
from ...erasmus.distance import city_distance_km
from ...erasmus.rates import load_rates

CASE_YEAR = 2021  # the only complete, verified VET table (Spanish NA annex IV [V1])


def _group(prefix: str, n: int, role: str, **common) -> list[Mobility]:
    return [Mobility(participant_id=f"{prefix}-{i}", role=role, **common)
            for i in range(1, n + 1)]


def valencia_mobilities() -> list[Mobility]:
    """"Boulangerie à Valence": 4 CAP boulanger apprentices and 1 trainer, 28 days, train."""
    start = date(2027, 3, 1)
    common = dict(origin_city="Bordeaux", origin_country="FR", destination_city="Valencia",
                  destination_country="ES", start=start, end=start + timedelta(days=27),
                  travel_days=4, green_travel=True)
    apprentices = _group("apprentice", 4, "learner", **common)
    apprentices[0] = Mobility(**{**apprentices[0].__dict__, "fewer_opportunities": True})
    return [*apprentices, Mobility(participant_id="trainer", role="accompanying", **common)]


def valencia_budget() -> Budget:
    return estimate(valencia_mobilities(), load_rates(CASE_YEAR))


CORK = {
    "origin": ("Lyon", "FR"),
    "destination": ("Cork", "IE"),
    "apprentices": 6,
    "activity_days": 21,
    "green_travel": False,
    "fewer_opportunities": 1,
}


def cork_mobilities() -> list[Mobility]:
    """Exercise 1 of C1.1: 6 CAP cuisine apprentices and 1 trainer, 21 days, flight."""
    start = date(2027, 4, 5)
    common = dict(origin_city="Lyon", origin_country="FR", destination_city="Cork",
                  destination_country="IE", start=start,
                  end=start + timedelta(days=CORK["activity_days"] - 1),
                  travel_days=2, green_travel=False)
    apprentices = _group("apprentice", CORK["apprentices"], "learner", **common)
    apprentices[0] = Mobility(**{**apprentices[0].__dict__, "fewer_opportunities": True})
    return [*apprentices, Mobility(participant_id="trainer", role="accompanying", **common)]


def cork_budget() -> Budget:
    return estimate(cork_mobilities(), load_rates(CASE_YEAR))


def cork_distance_km() -> float:
    return city_distance_km(*CORK["origin"], *CORK["destination"])


# -- what the notebooks show ---------------------------------------------------------------
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
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f"  {value:,.2f} €",
                va="center", fontsize=9)
    ax.set_xlabel("euros")
    ax.set_xlim(0, max(values) * 1.3 or 1)
    ax.set_title(f"{title}: {budget.totals['total']:,.2f} € in all (call {budget.call_year})")
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
    display(budget_table(budget).style.format(precision=2).hide(axis="index"))


def show_cork_facts() -> None:
    """The exercise's data, as a coach would collect them."""
    from IPython.display import Markdown, display

    km = cork_distance_km()
    display(Markdown(
        "| Item | Value |\n|---|---|\n"
        f"| One-way distance Lyon – Cork | {km:,.0f} km (great-circle distance computed by the "
        "course tools; in a real application use the EC Distance Calculator [S3]) |\n"
        "| Receiving country | Ireland |\n"
        f"| Participants | {CORK['apprentices']} apprentices + 1 accompanying trainer |\n"
        f"| Days of activity | {CORK['activity_days']} |\n"
        "| Transport | plane (standard travel) |\n"
        f"| Participants with fewer opportunities | {CORK['fewer_opportunities']} |"
    ))


def show_ka122_timeline() -> None:
    """The KA122 template back-planned from the call-2026 deadline, as a Gantt chart."""
    import matplotlib.pyplot as plt

    from ...erasmus.planning import gantt, load_template, schedule

    plan = load_template("ka122-short-term")
    timeline = schedule(plan, today=date(2025, 9, 1))  # as if planning in September 2025
    ax = gantt(timeline, today=date(2025, 9, 1),
               title="KA122 project back-planned from the 19 February 2026 deadline")
    plt.show()
    plt.close(ax.figure)
