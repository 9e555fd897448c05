"""What the C2 notebook shows of the Porto case: the pandas tables, the duration and
timeline charts, and the ``show_*`` functions that display them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pandas as pd

from ....erasmus.activities import ACTIVITIES
from .facts import (
    COVER,
    ONE_YEAR_MONTHS,
    PAYS,
    activity_days,
    activity_key,
    age_on,
    as_date,
    case,
    ceam_request_latest,
    ceiling_of,
    contract_months,
    contract_of,
    erasmus_range,
    is_apprentice,
    is_minor,
    longest_mobility_before,
    longest_mobility_now,
    participant,
    recent_graduate_window_end,
    regime,
    social_security,
    stay_days,
    who_pays,
)


# -- what the notebook shows ----------------------------------------------------------------
def _day(d: date | str) -> str:
    d = as_date(d)
    return f"{d.day} {d:%B %Y}"


def _months(value: float | None) -> str:
    return "—" if value is None else f"{value:g} months"


def participants_table() -> pd.DataFrame:
    """One line per participant of the case, and the accompanying trainer."""
    rows = []
    for p in case()["participants"]:
        contract = (f"{_day(p['contract_start'])} – {_day(p['contract_end'])}"
                    if is_apprentice(p) else f"none (CAP on {_day(p['graduation_date'])})")
        rows.append({
            "Name": p["name"],
            "Age at departure": age_on(p["born"], p["mobility_start"]),
            "Minor": "yes" if is_minor(p) else "no",
            "Status": p["status"],
            "Diploma (level)": p["diploma"],
            "Apprenticeship contract": contract,
            "Mobility in Porto": f"{_day(p['mobility_start'])} – {_day(p['mobility_end'])}",
            "Activity days": stay_days(p),
            "Activity type": ACTIVITIES[activity_key(p)].label,
            "Host": p["host"],
            "Regime chosen by the employer": regime(p) if is_apprentice(p) else "— (no contract)",
        })
    trainer = case()["accompanying_person"]
    rows.append({
        "Name": trainer["name"], "Age at departure": "adult", "Minor": "no",
        "Status": "accompanying person (trainer)", "Diploma (level)": "—",
        "Apprenticeship contract": "—",
        "Mobility in Porto": f"{_day(trainer['start'])} – {_day(trainer['end'])}",
        "Activity days": activity_days(trainer["start"], trainer["end"]),
        "Activity type": "accompanies " + " and ".join(trainer["accompanies"]),
        "Host": "—", "Regime chosen by the employer": "—",
    })
    return pd.DataFrame(rows)


def show_case() -> None:
    """The Porto case: the project, then one line per person."""
    from IPython.display import Markdown, display

    c, project = case(), case()["erasmus_project"]
    display(Markdown(
        f"**{c['cfa']['name']}**, {c['cfa']['town']} ({c['cfa']['department']}): "
        f"{project['action']} project of call {project['call']}, round {project['round']}, "
        f"from {_day(project['project_start'])} to {_day(project['project_end'])} "
        f"({contract_months(project['project_start'], project['project_end']):g} months); "
        f"host city {c['host']['city']} ({c['host']['country']}). People, companies and "
        "dates are illustrative."))
    display(participants_table().style.hide(axis="index"))


def duration_table(months: tuple[int, ...] | None = None) -> pd.DataFrame:
    """The longest mobility abroad by contract duration, before and since 29 Dec 2023."""
    months = months or tuple(r["contract_months"] for r in case()["duration_table"])
    return pd.DataFrame({
        "Contract duration (months)": list(months),
        "Longest mobility before 29 Dec 2023 (months)":
            [longest_mobility_before(m) for m in months],
        "Longest mobility since 29 Dec 2023 (months)": [longest_mobility_now(m) for m in months],
    })


def show_duration_table() -> None:
    from IPython.display import display

    display(duration_table().style.format(precision=0).hide(axis="index"))


def duration_chart():
    """The two rules as two lines, with the one-year ceiling dashed."""
    import matplotlib.pyplot as plt

    months = list(range(6, 37))
    fig, ax = plt.subplots(figsize=(7.5, 4))
    ax.plot(months, [longest_mobility_before(m) for m in months], color="#8e6c8a", lw=2.2,
            label="before 29 Dec 2023: max. 1 year, at least 6 months in France")
    ax.plot(months, [longest_mobility_now(m) for m in months], color="#4f7cac", lw=2.2,
            label="since 29 Dec 2023: max. 1 year and max. half of the contract")
    ax.axhline(ONE_YEAR_MONTHS, color="grey", ls="--", lw=1)
    ax.text(36, ONE_YEAR_MONTHS + 0.25, "one-year ceiling", ha="right", fontsize=9,
            color="grey")
    for m in duration_table()["Contract duration (months)"]:
        for value, colour in ((longest_mobility_before(m), "#8e6c8a"),
                              (longest_mobility_now(m), "#4f7cac")):
            ax.plot(m, value, "o", color=colour, ms=5)
    ax.set_xlabel("Total duration of the apprenticeship contract (months)")
    ax.set_ylabel("Longest mobility abroad (months)")
    ax.set_xlim(5, 37)
    ax.set_ylim(0, 13.5)
    ax.set_xticks([6, 12, 18, 24, 30, 36])
    ax.set_title("Code du travail L6222-42: the longest stay abroad")
    ax.legend(loc="lower right", fontsize=8.5, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def show_duration_chart() -> None:
    import matplotlib.pyplot as plt

    fig = duration_chart()
    plt.show()
    plt.close(fig)


def timeline_chart():
    """The Porto project from the application deadline to the end of the contracts."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    c, project = case(), case()["erasmus_project"]
    people = [(p["name"], p["mobility_start"], p["mobility_end"]) for p in c["participants"]]
    trainer = c["accompanying_person"]
    people.append((trainer["name"].split()[0] + " (accompanying)", trainer["start"],
                   trainer["end"]))
    rows = [("Project (KA122)", project["project_start"], project["project_end"]), *people]
    fig, ax = plt.subplots(figsize=(9, 5))
    for i, (_label, start, end) in enumerate(rows):
        start, end = as_date(start), as_date(end)
        colour = "#b0bec5" if i == 0 else "#4f7cac"
        ax.barh(i, (end - start).days + 1, left=start, height=0.55, color=colour)
        days = activity_days(start, end)
        first = _day(start) if start.year != end.year else _day(start)[:-5]
        ax.text(end + timedelta(days=6), i, f"{first} – {_day(end)}"
                + ("" if i == 0 else f" ({days} days)"), va="center", fontsize=8)
    deadline = as_date(project["deadline"])
    earliest = as_date(project["allowed_start_window"][0])
    manon = participant("manon")
    window_end = recent_graduate_window_end(manon["graduation_date"])
    marks = [(deadline, f"application deadline\n{deadline:%d %b %Y}", "#c0392b"),
             (earliest, f"earliest start (round 1)\n{earliest:%d %b %Y}", "#e67e22"),
             (window_end, f"Manon's recent-graduate\nwindow ends {window_end:%d %b %Y}",
              "#5a9e6f")]
    for n, (day, label, colour) in enumerate(marks):
        ax.axvline(day, color=colour, ls="--", lw=1.2)
        ax.text(day, len(rows) - 0.3 + 0.8 * (n % 2), label, color=colour, fontsize=8,
                ha="center", va="top", bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.set_ylim(len(rows) + 1.7, -0.6)
    ax.set_xlim(date(2026, 1, 1), date(2028, 1, 31))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(2, 5, 8, 11)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set_title("The Porto project: call-2026 deadline, project period and each stay")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def show_timeline() -> None:
    import matplotlib.pyplot as plt

    fig = timeline_chart()
    plt.show()
    plt.close(fig)


def _ceam(p: Any) -> str:
    if is_apprentice(p) and social_security(p) == "B":
        return "— (Portuguese social security through the Porto employer)"
    return _day(ceam_request_latest(p["mobility_start"]))


#: The Signatories cell of a recent graduate: no contract, so no convention de mobilité.
NO_CONVENTION = ("no convention de mobilité (no contract); she signs her Erasmus+ grant agreement "
                 "and learning agreement")


def coach_file_table() -> pd.DataFrame:
    """Claire Dumas's file: one row per learner, every figure computed from the case."""
    rows = []
    for p in case()["participants"]:
        low, high = erasmus_range(p)
        apprentice = is_apprentice(p)
        rows.append({
            "Participant": p["name"] + (" (minor)" if is_minor(p) else ""),
            "Activity days (Erasmus+ range)": f"{stay_days(p)} ({low}–{high} days)",
            "Contract months": f"{contract_of(p):g}" if apprentice else "no contract",
            "Longest mobility allowed": _months(ceiling_of(p)) if apprentice
            else "— (recent graduate)",
            "Regime": regime(p) if apprentice else "—",
            "Who pays": PAYS[who_pays(p)] if apprentice else "—",
            "Social security": COVER[social_security(p)] if apprentice else "French",
            "Signatories": ", ".join(p["signatories"]) if apprentice else NO_CONVENTION,
            "CEAM request by": _ceam(p),
        })
    return pd.DataFrame(rows)


def show_coach_file() -> None:
    from IPython.display import display

    display(coach_file_table().style.hide(axis="index"))


def scenarios_table() -> pd.DataFrame:
    return pd.DataFrame([{"Scenario": s["id"], "Situation": s["text"]}
                         for s in case()["exercise_1_scenarios"]])


def show_scenarios() -> None:
    from IPython.display import display

    display(scenarios_table().style.hide(axis="index"))


def contracts_table(pids: tuple[str, ...] = ("ines", "karim")) -> pd.DataFrame:
    rows = []
    for pid in pids:
        p = participant(pid)
        rows.append({"Apprentice": p["name"], "Diploma": re.sub(r"\s*\(level \d\)", "",
                                                                 p["diploma"]),
                     "Contract start": _day(p["contract_start"]),
                     "Contract end": _day(p["contract_end"])})
    return pd.DataFrame(rows)


def show_contracts() -> None:
    from IPython.display import display

    display(contracts_table().style.hide(axis="index"))
