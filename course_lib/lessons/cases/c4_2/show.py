"""What the C4.2 notebook shows of the Turin case: the pandas tables, the unit chart,
the drafts, and the ``show_*`` functions that display them.
"""

from __future__ import annotations

import pandas as pd

from .facts import (
    activity_days,
    age_at_departure,
    case,
    checklist,
    criteria,
    draft,
    first_name,
    is_minor,
    long_date,
    participant,
    project_months,
    return_date,
    threshold,
    turin_grid,
    ufm_part_2_latest,
    unit_scores,
    units,
    weighted_score,
)


# -- what the notebook shows -------------------------------------------------------------------
def _display(frame: pd.DataFrame, caption: str | None = None, precision: int = 2) -> None:
    from IPython.display import Markdown, display

    styler = pd.DataFrame(frame).style.hide(axis="index").format(precision=precision)
    styler = styler.set_properties(**{"text-align": "left", "white-space": "pre-wrap"})
    styler = styler.set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    display(styler)
    if caption:
        display(Markdown(f"*{caption}*"))


def case_table() -> pd.DataFrame:
    """The three apprentices of the case, one line each."""
    c = case()
    by_diploma = c["units_by_diploma"]
    levels = {d["code"]: d for d in c["cfa"]["diplomas"]}
    rows = []
    for p in c["participants"]:
        name = first_name(p)
        level = levels[p["diploma"]]
        rows.append({
            "Apprentice": p["name"],
            "Age at departure": age_at_departure(name),
            "Minor": "yes" if is_minor(name) else "no",
            "Diploma (level)": f"{p['diploma']} (level {level['french_level']}, EQF "
                               f"{level['eqf_level']})",
            "Host garage and mentor": f"{p['host']}, {p['mentor']}",
            "Units of the stay": ", ".join(by_diploma[p["diploma"]]),
            "Mobility unit candidate": "yes" if p["ufm_candidate"] else "no",
        })
    return pd.DataFrame(rows)


def show_case() -> None:
    """The Turin case: the project, the stay, one line per apprentice."""
    from IPython.display import Markdown, display

    c = case()
    p, m = c["erasmus_project"], c["mobility"]
    acc = c["cfa"]["accompanying_person"]
    display(Markdown(
        f"**{c['cfa']['name']}**, {c['cfa']['town']}, {c['cfa']['department']}: "
        f"{c['cfa']['trade']}. {p['action_label']} project of call {p['call']}, round "
        f"{p['round']}: {long_date(p['project_start'])} to {long_date(p['project_end'])} "
        f"({project_months()} months). Host city: Turin ({c['partner']['host_country']}). "
        f"Activity {long_date(m['activity_start'], True)} to {long_date(m['activity_end'], True)}"
        f" ({activity_days()} days); travel on {long_date(m['outbound_travel'])} and "
        f"{long_date(m['return_travel'])}. {acc['name']}, a trainer, accompanies "
        f"{acc['accompanies']} from {long_date(acc['from'])} to {long_date(acc['to'])}. "
        "The CFA, the garages and the people are illustrative."))
    _display(case_table(), c["cfa"]["abbreviations"] + ".")


def grid_table() -> pd.DataFrame:
    """The assessment grid of the learning agreement, with the total of the weights."""
    rows = [(c["id"], f"{c['unit']} {units()[c['unit']]['title']}", c["text"], c["weight"])
            for c in criteria()]
    rows.append(("Total", "", "", sum(c["weight"] for c in criteria())))
    return pd.DataFrame(rows, columns=["Criterion", "Unit", "What the mentor observes",
                                       "Weight (%)"])


def show_grid() -> None:
    """Section 2: the six weighted criteria of the Turin grid."""
    g = case()["assessment_grid"]
    _display(grid_table(), f"Marks out of {g['scale_max']}, one per criterion. The weights are "
             "the CFA's choice (illustrative).")


def checklist_table() -> pd.DataFrame:
    return pd.DataFrame([(i["item"], i["what"]) for i in checklist()],
                        columns=["Item (name to type)", "What it must contain"])


def show_checklist() -> None:
    """Section 4 and exercise 2: the CFA's 12-item learning-agreement checklist."""
    _display(checklist_table(), f"{len(checklist())} items. The legal representative item "
             "applies only to an apprentice under 18 on the day of departure.")


def show_draft(name: str) -> None:
    """Exercise 2: a learning-agreement draft as Nadia receives it, line by line."""
    lines = draft(name)
    rows = [(i["item"], lines.get(i["item"]) or "(empty)") for i in checklist()]
    _display(pd.DataFrame(rows, columns=["Item", f"{first_name(participant(name))}'s draft"]))


def show_sarah_draft() -> None:
    show_draft("Sarah")


def show_ines_draft() -> None:
    show_draft("Inès")


def unit_chart(name: str = "Lucas"):
    """Section 5: each unit's weighted score against the threshold, and the overall score."""
    import matplotlib.pyplot as plt

    scores = unit_scores(name)
    limit = threshold()
    top = case()["assessment_grid"]["scale_max"]
    overall = weighted_score(name)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    labels = [f"{u}\n{units()[u]['title']}" for u in scores]
    colours = ["#4f7cac" if s >= limit else "#c98b2b" for s in scores.values()]
    bars = ax.bar(labels, list(scores.values()), color=colours, width=0.55)
    for bar, value in zip(bars, scores.values(), strict=True):
        verdict = "recognised" if value >= limit else "not recognised"
        ax.text(bar.get_x() + bar.get_width() / 2, value / 2, f"{value:.2f}\n{verdict}",
                ha="center", va="center", fontsize=10, color="white", fontweight="bold")
    ax.axhline(limit, color="#c0392b", ls="--", lw=1.5,
               label=f"threshold of the learning agreement: {limit:g}/{top}")
    ax.axhline(overall, color="#444444", ls=":", lw=1.5,
               label=f"{first_name(participant(name))}'s overall weighted score: {overall:.2f}")
    ax.legend(loc="upper right", fontsize=9, frameon=False)
    ax.set_ylim(0, top)
    ax.set_ylabel(f"Weighted score (out of {top})")
    ax.set_xlabel("Unit of learning outcomes")
    ax.set_title(f"{first_name(participant(name))}'s weighted score per unit (Turin grid)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def show_unit_chart() -> None:
    import matplotlib.pyplot as plt

    fig = unit_chart("Lucas")
    plt.show()
    plt.close(fig)


def timeline_table() -> pd.DataFrame:
    rows = [(long_date(t["date"], True), t["step"]) for t in case()["timeline"]]
    latest = ufm_part_2_latest("Inès")
    rows.append((long_date(latest, True), "Latest date allowed for Inès's part 2 (three months "
                 "after her return on " + long_date(return_date()) + ")"))
    return pd.DataFrame(rows, columns=["Date", "Step"])


def show_timeline() -> None:
    """Section 8: the case from the application to part 2 of Inès's mobility unit."""
    _display(timeline_table())


def show_exercise_grid() -> None:
    """Exercise 1: Sarah's grid, as the mentor sent it."""
    _display(turin_grid("Sarah"), precision=0)
