"""What the C5 notebook shows of the "Retour d'Europe" case: the pandas tables, the
charts, and the ``show_*`` functions that display them.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .. import show_table as _display
from .facts import (
    APPRENTICE,
    _day,
    activity_days_of,
    answer_counts,
    case,
    dash,
    enrolled,
    groups,
    long_date,
    mobilities,
    mobility_rate,
    number,
    questions,
    reference,
    satisfied_from,
    satisfied_shares,
    school_year,
    survey,
)

# -- what the notebook shows -------------------------------------------------------------------


def case_facts() -> pd.DataFrame:
    c = case()
    cfa, p, facts = c["cfa"], c["project"], c["other_facts"]
    diplomas = "; ".join(f"{d['name']} (level {d['level']})" for d in cfa["diplomas"])
    year = school_year()
    rows = [
        ("CFA", f"{cfa['name']} (fictional), {cfa['town']}, {cfa['department']}; "
                f"{cfa['kind']}"),
        ("Diplomas", diplomas),
        ("Project", f"{p['action']}, call {p['call']}, round {p['round']}: "
                    f"{long_date(p['start'])} to {long_date(p['end'])}"),
        ("Mobilities", f"{len(c['groups'])} groups between "
                       f"{min(_day(g['activity_start']) for g in c['groups']):%B} and "
                       f"{max(_day(g['activity_end']) for g in c['groups']):%B %Y}, each with one "
                       "CFA trainer as accompanying person"),
        (f"Apprentices enrolled {dash(year)}",
         f"{number(enrolled()[year])} (headcount on "
         f"{long_date(cfa['enrolment_counted_on'][year])})"),
        ("Selection", f"{facts['applications_2025_2026']} applications for "
                      f"{facts['places_2025_2026']} places"),
        ("Mobility coach", f"{cfa['mobility_coach']['name']}, "
                           f"{cfa['mobility_coach']['role_fr']}"),
        ("Communication officer", cfa["communication_officer"]),
    ]
    return pd.DataFrame(rows, columns=["Item", "Retour d'Europe case"])


def groups_table() -> pd.DataFrame:
    """The five groups, as selected (the cancellation is noted, not subtracted)."""
    table = mobilities()
    rows = []
    for gid, g in groups().items():
        mine = table[table["group"] == gid]
        note = ""
        if g.get("cancellation"):
            cancel = g["cancellation"]
            note = (f"1 apprentice cancelled on {long_date(cancel['on'])} "
                    f"({cancel['why']})")
        rows.append((g["city"], g["country"], g["diploma"],
                     int((mine["role"] == APPRENTICE).sum()), int(g["minors"]),
                     f"{long_date(g['activity_start'])} to {long_date(g['activity_end'])}",
                     activity_days_of(g), note))
    return pd.DataFrame(rows, columns=["Group", "Country", "Diploma", "Apprentices selected",
                                       "Minors", "Activity", "Activity days", "Note"])


def show_case() -> None:
    """Introduction: the CFA, the project and its five groups."""
    _display(case_facts())
    _display(groups_table(), "Fictional CFA, hosts and people; enrolment and survey figures "
             "are illustrative. Activity days are counted first and last day included; the "
             "travel days before and after are not activity days.")


def audiences_table() -> pd.DataFrame:
    rows = [(a["audience"], a["question"], a["message"], a["channel"])
            for a in case()["audiences"]]
    return pd.DataFrame(rows, columns=["Audience", "The question it asks", "The message that "
                                       "answers it", "The channel that reaches it"])


def show_audiences() -> None:
    """Section 2: the four main audiences of the case."""
    _display(audiences_table())


def visibility_table() -> pd.DataFrame:
    """Section 4: each material of the case and what must appear on it."""
    v = case()["visibility"]
    rows = []
    for m in v["materials"]:
        if m.get("about_the_project", True) is False:
            shows = "Nothing: it is not about the project"
        else:
            shows = f"EU emblem with \"{v['statement']}\""
            if m["publication"]:
                shows += " + the disclaimer (a publication)"
        rows.append((m["material"], shows, m["checked_by"]))
    return pd.DataFrame(rows, columns=["Material", "What must appear on it",
                                       "Who checks it before publication"])


def show_visibility_checklist() -> None:
    """Section 4: the visibility checklist of the case's materials."""
    v = case()["visibility"]
    _display(visibility_table(), f"Emblem: {v['emblem']}. Disclaimer: {v['disclaimer']}.")


def _when(action: Mapping[str, Any]) -> str:
    if "after" in action:
        return f"After {long_date(action['after'])}, by the grant agreement's deadline"
    text = long_date(action["when"], weekday=True)
    if "until" in action:
        text = f"{text} to {long_date(action['until'], weekday=True)}"
    return text


def plan_table() -> pd.DataFrame:
    rows = [(_when(a), a["what"], a["audience"], a["channel"], a["owner"], a["visibility"])
            for a in case()["plan"]["actions"]]
    return pd.DataFrame(rows, columns=["Date", "Action", "Audience", "Channel", "Owner",
                                       "Visibility check"])


def _years(text: str) -> str:
    """Spans of years as the lesson writes them (2026–2027). Not dash() on the whole text,
    which would also change the hyphen of "Co-funded"."""
    return re.sub(r"\b(\d{4})-(\d{4})\b", "\\1–\\2", text)


def show_plan() -> None:
    """Section 2: Nadia's plan, June 2026 to June 2027."""
    plan = case()["plan"]
    objectives = " ".join(f"{o['id']}: {_years(o['text']).rstrip('.')}. Baseline: "
                          f"{dash(o['baseline'])}." for o in plan["objectives"])
    _display(plan_table(), f"Objectives. {objectives}")


def survey_questions_table() -> pd.DataFrame:
    s = case()["survey"]
    return pd.DataFrame(list(s["questions"].items()), columns=["Column", "Statement"])


def scale_text() -> str:
    return ", ".join(f"{k} = {v}" for k, v in sorted(case()["survey"]["scale"].items()))


def show_survey_questions() -> None:
    """The five statements with their column names and the 1-5 scale."""
    s = case()["survey"]
    _display(survey_questions_table(), f"Scale: {scale_text()}. Satisfied = an answer of "
             f"{satisfied_from()} or {max(s['scale'])}. Illustrative answers, compiled on "
             f"{long_date(s['compiled_on'])}.")


def show_survey(frame: pd.DataFrame | None = None) -> None:
    """Section 6: the statements, then the 25 anonymous answers."""
    from IPython.display import display

    show_survey_questions()
    display(survey() if frame is None else frame)


def answers_chart(question: str | None = None):
    """Section 6: how many respondents gave each answer to one question."""
    import matplotlib.pyplot as plt

    question = question or case()["lesson_example"]["question"]
    counts = answer_counts(question)
    scale = case()["survey"]["scale"]
    fig, ax = plt.subplots(figsize=(8, 3.8))
    bars = ax.bar([f"{k}\n" + textwrap.fill(scale[k], 14) for k in counts.index], counts.values,
                  color=["#c0504d" if k < satisfied_from() else "#4f81bd"
                         for k in counts.index])
    ax.bar_label(bars, padding=2)
    ax.set_xlabel(f"Answer on the 1-5 scale (blue: satisfied, {satisfied_from()} or "
                  f"{max(scale)})")
    ax.set_ylabel("Number of respondents")
    ax.set_ylim(0, counts.max() + 2)
    ax.set_title(f"{question}: \"{case()['survey']['questions'][question]}\"\n"
                 f"({int(counts.sum())} answers)", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def _show(fig) -> None:
    import matplotlib.pyplot as plt

    plt.show()
    plt.close(fig)


def show_answers_chart(question: str | None = None) -> None:
    _show(answers_chart(question))


def satisfaction_chart(frame: pd.DataFrame | None = None):
    """Exercise 1: the share of satisfied respondents per question, with the 70 % line
    (the values are not printed: the learner reads the bars)."""
    import matplotlib.pyplot as plt

    shares = satisfied_shares(frame)
    labels = case()["survey"]["short_labels"]
    line = case()["exercise_1"]["weak_below_percent"]
    order = list(reversed(questions()))
    fig, ax = plt.subplots(figsize=(8, 3.8))
    ax.barh([f"{q}\n({labels[q]})" for q in order], [shares[q] for q in order],
            color="#4f81bd")
    ax.axvline(line, linestyle="--", color="grey")
    ax.set_ylim(-0.6, len(order) - 0.1)
    ax.text(line + 1, len(order) - 0.5, f"{line} % line", color="grey", fontsize=9,
            va="center")
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 10))
    ax.set_xlabel(f"Satisfied respondents (answer {satisfied_from()} or "
                  f"{max(case()['survey']['scale'])}), %")
    ax.set_title(f"Satisfaction survey {dash(school_year())}: share of satisfied respondents",
                 fontsize=11)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def show_satisfaction_chart(frame: pd.DataFrame | None = None) -> None:
    _show(satisfaction_chart(frame))


def rates_chart():
    """Section 7: the CFA's 2024-2025 rate beside the national figure and the EU target."""
    import matplotlib.pyplot as plt

    previous = case()["previous_year"]["school_year"]
    national, eu = reference("national_rate_2018_2019"), reference("eu_target_2030")
    bars = [
        (f"CFA, {dash(previous)}", round(mobility_rate(previous), 1), "#c0504d"),
        (f"France, {dash(national['year'])}\n(secondary source)", national["percent"],
         "#4f81bd"),
        ("EU target for 2030\n(Europe on the Move)", eu["percent"], "#9bbb59"),
    ]
    fig, ax = plt.subplots(figsize=(8, 3.2))
    drawn = ax.barh([b[0] for b in reversed(bars)], [b[1] for b in reversed(bars)],
                    color=[b[2] for b in reversed(bars)])
    ax.bar_label(drawn, labels=[f"{b[1]:g} %" for b in reversed(bars)], padding=3)
    ax.set_xlim(0, 14)
    ax.set_xlabel("Apprentices (France, CFA) or VET learners (EU) with a mobility abroad, %")
    ax.set_title("Mobility rates, each with its year", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def show_rates_chart() -> None:
    _show(rates_chart())


def reference_table(names: Iterable[str] | None = None) -> pd.DataFrame:
    names = list(names or case()["exercise_2"]["compare_with"])
    rows = []
    for name in names:
        r = reference(name)
        value = (f"{r['percent']:g} %" if "percent" in r
                 else f"{r['average_days']} days on average")
        rows.append((r["label"], value, dash(r["year"]), r["source"]))
    return pd.DataFrame(rows, columns=["Reference figure", "Value", "Year", "Source"])


def show_reference_figures(names: Iterable[str] | None = None) -> None:
    """Exercise 2: the figures to compare with, each with its year and source."""
    _display(reference_table(names))


def show_mobilities(frame: pd.DataFrame | None = None) -> None:
    """Exercise 2: the mobility table, with the enrolment of the school year."""
    from IPython.display import Markdown, display

    year = school_year()
    display(mobilities() if frame is None else frame)
    display(Markdown(f"*Apprentices enrolled in {dash(year)}: `enrolled` = "
                     f"{number(enrolled()[year])} (headcount on "
                     f"{long_date(case()['cfa']['enrolment_counted_on'][year])}).*"))
