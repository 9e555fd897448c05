"""What the C1.2 notebook shows of the Porto case: the pandas tables, the back-plan and
spending charts, and the ``show_*`` functions that display them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from .facts import (
    CATEGORIES,
    CATEGORY_LABELS,
    OVERSPEND_TOLERANCE,
    activity_days,
    age_at_departure,
    apprentices,
    case,
    category_named,
    computation,
    departure,
    departure_plan,
    departure_schedule,
    distance_km,
    document_names,
    document_rules,
    euros,
    files,
    grant_by_category,
    line_amount,
    long_date,
    missing_documents,
    overspend_amount,
    overspent_categories,
    person,
    rates,
    spending_vs_grant,
    verdict,
)


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


def employer_file_note() -> str:
    """The line under the checklist: what the employer keeps, outside the participant's file."""
    return " ".join(
        f"**Not in this file: the {d['name']}**, for {d['who']}. It is issued by {d['issued_by']}, "
        f"as {d['rule']}. It is in the employer's file, not in the participant's file checked in "
        "exercise 3." for d in case()["documents"].get("employer_file", ()))


def show_document_checklist() -> None:
    """The eight documents of a participant file, who needs each and who signs or issues it,
    and the line on what the employer keeps (the A1 certificate)."""
    from IPython.display import Markdown, display

    _show(checklist_table())
    display(Markdown(employer_file_note()))


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


SPENDING_CHART_LOCKED = ("Answer steps 2a and 2b first; the chart then shows your result next "
                         "to the grant.")


def exercise_2_is_right(over_category: Any, overspend: Any) -> bool:
    """Whether steps 2a and 2b hold answers their checks accept, read the way the checks read
    them but silently (nothing printed, nothing recorded)."""
    from ....quiz.questions import AnswerError, parse_number

    if category_named(over_category) not in overspent_categories():
        return False
    if overspend is Ellipsis or overspend is None or isinstance(overspend, date):
        return False
    try:
        value = parse_number(overspend)
    except AnswerError:
        return False
    return abs(value - overspend_amount()) <= OVERSPEND_TOLERANCE + 1e-9


def show_spending_chart(over_category: Any = ..., overspend: Any = ...) -> None:
    """The spending chart, once the learner's answers to steps 2a and 2b are right (the chart
    labels each category's difference, so it would give the keys away before that)."""
    import matplotlib.pyplot as plt

    if not exercise_2_is_right(over_category, overspend):
        print(SPENDING_CHART_LOCKED)
        return
    fig = spending_chart()
    plt.show()
    plt.close(fig)
