"""The worked case of C5, "Retour d'Europe": promoting a KA122 project and measuring it.

The facts are in ``data/cases/c5-promotion.yaml``; everything that can be computed is
computed here with pandas, so that the lesson, its tables, its charts and the exercise checks
agree: the survey table and the mobility table, each question's mean score and share of
satisfied respondents, the weak questions, the apprentices who went, the destinations, the
activity days and the mobility rates, set beside the reference figures with their year and
source.

In a notebook, ``survey()`` and ``mobilities()`` return tables that explain a mistyped column
name in one sentence (``There is no column "q5_overal"...``) instead of a ``KeyError``
traceback.

>>> mean_score("q5_overall"), satisfied_share("q2_work_tasks")
(4.4, 88.0)
>>> mobile_apprentices(), destination_cities(), round(mobility_rate(), 2)
(25, 5, 2.4)
"""

from __future__ import annotations

import difflib
import math
import textwrap
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pandas as pd

from . import load_case

MODULE = "c5-promotion"
WENT, APPRENTICE = "went", "apprentice"


def case() -> Any:
    """The case facts (read-only)."""
    return load_case(MODULE)


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def long_date(when: date | str, weekday: bool = False) -> str:
    """``19 June 2026`` (``Friday 19 June 2026`` with the weekday)."""
    when = _day(when)
    text = f"{when.day} {when:%B %Y}"
    return f"{when:%A} {text}" if weekday else text


def school_year() -> str:
    """The school year of the project's mobilities (``2025-2026``)."""
    return case()["exercise_2"]["school_year"]


def dash(text: str) -> str:
    """``2025-2026`` written with an en dash, as the lesson writes years."""
    return str(text).replace("-", "–")


def number(value: float, decimals: int = 0) -> str:
    """``1 040``, ``2.1``: a thin space between thousands, a decimal point."""
    return f"{value:,.{decimals}f}".replace(",", " ")


# -- tables that explain a mistyped column name ------------------------------------------------
class ColumnNameError(KeyError):
    """A column that the table does not have; the message says which names exist."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ColumnAttributeError(AttributeError):
    """``table.some_name`` where ``some_name`` is neither a column nor a method."""


def _columns_sentence(frame: pd.DataFrame) -> str:
    return f"The columns are: {', '.join(map(str, frame.columns))}."


def unknown_column_message(frame: pd.DataFrame, key: Any) -> str | None:
    """The sentence for ``frame[key]`` when ``key`` names a column that does not exist (or
    ``None`` when ``key`` is not a column selection at all)."""
    names = [str(c) for c in frame.columns]
    if isinstance(key, str):
        wanted = [key]
    elif isinstance(key, (list, tuple)) and key and all(isinstance(k, str) for k in key):
        wanted = list(key)
    elif isinstance(key, (int, float)) and not isinstance(key, bool):
        return (f"Select a column by its name in quotes, for example "
                f"[\"{names[-1]}\"]. {_columns_sentence(frame)}")
    else:
        return None
    missing = [k for k in wanted if k not in names]
    if not missing:
        return None
    name = missing[0]
    text = f'There is no column "{name}". {_columns_sentence(frame)}'
    lowered = {n.lower(): n for n in names}
    close = lowered.get(name.strip().lower()) or next(
        iter(difflib.get_close_matches(name, names, n=1, cutoff=0.6)), None)
    if close:
        text += f' Did you mean "{close}"?'
    return text + " Copy the name exactly, in quotes."


class CaseTable(pd.DataFrame):
    """A DataFrame of the case that answers a mistyped column name with a sentence."""

    @property
    def _constructor(self):
        return CaseTable

    def __getitem__(self, key):
        try:
            return super().__getitem__(key)
        except KeyError:
            message = unknown_column_message(self, key)
            if message is None:
                raise
            raise ColumnNameError(message) from None

    def __getattr__(self, name: str):
        try:
            return super().__getattr__(name)
        except AttributeError:
            if name.startswith("_"):
                raise
            raise ColumnAttributeError(
                f'The table has no column or method "{name}". {_columns_sentence(self)} '
                f'Select a column with its name in quotes inside square brackets, as in '
                f'the example: ["{self.columns[-1]}"].') from None


def explain_column_errors() -> None:
    """In JupyterLab, show a mistyped column name as one sentence, not a traceback.

    It adds the case tables' two errors to the kernel's custom error handler and passes every
    other error to the handler already there (the course's friendly errors). Under nbgrader,
    errors stay errors (their message is the same sentence).
    """
    from IPython import get_ipython

    from ...quiz import feedback, runtime

    shell = get_ipython()
    if shell is None or runtime.is_grading():
        return
    before = tuple(getattr(shell, "custom_exceptions", ()) or ())
    if ColumnNameError in before:
        return
    previous = shell.CustomTB if before else None

    def handler(shell, etype, evalue, tb, tb_offset=None):  # noqa: ARG001 - IPython API
        if issubclass(etype, (ColumnNameError, ColumnAttributeError)):
            feedback.show("problem", str(evalue))
            return []
        if previous is not None:
            return previous(etype, evalue, tb, tb_offset=tb_offset)
        return shell.InteractiveTB.structured_traceback(etype, evalue, tb,
                                                        tb_offset=tb_offset)

    shell.set_custom_exc(before + (ColumnNameError, ColumnAttributeError), handler)


# -- the survey (exercise 1) -------------------------------------------------------------------
def questions() -> list[str]:
    """The column names of the five survey questions, in order."""
    return list(case()["survey"]["questions"])


def satisfied_from() -> int:
    """The lowest answer that counts as satisfied (4: "agree")."""
    return int(case()["survey"]["satisfied_from"])


def survey() -> CaseTable:
    """The 25 anonymous answers, one row per respondent and one column per question
    (illustrative data of the case)."""
    s = case()["survey"]
    explain_column_errors()
    return CaseTable([list(r) for r in s["rows"]], columns=list(s["columns"]))


def mean_score(question: str, frame: pd.DataFrame | None = None) -> float:
    """The mean score of one question (sum of the answers / number of answers)."""
    frame = survey() if frame is None else frame
    return round(float(frame[question].mean()), 10)


def satisfied_share(question: str, frame: pd.DataFrame | None = None,
                    at_least: int | None = None) -> float:
    """The share of respondents who answered ``at_least`` (4) or more, in percent."""
    frame = survey() if frame is None else frame
    limit = satisfied_from() if at_least is None else at_least
    return round(float((frame[question] >= limit).mean() * 100), 10)


def satisfied_shares(frame: pd.DataFrame | None = None) -> pd.Series:
    """The share of satisfied respondents of each question, in percent."""
    frame = survey() if frame is None else frame
    return (frame[questions()] >= satisfied_from()).mean() * 100


def weak_questions(below: float | None = None) -> list[str]:
    """The questions with fewer than ``below`` percent (70) of satisfied respondents."""
    below = case()["exercise_1"]["weak_below_percent"] if below is None else below
    shares = satisfied_shares()
    return [q for q in questions() if shares[q] < below]


def answer_counts(question: str) -> pd.Series:
    """How many respondents gave each answer 1 to 5 to ``question``."""
    scale = sorted(case()["survey"]["scale"])
    return survey()[question].value_counts().reindex(scale, fill_value=0)


def group_mean(question: str) -> pd.Series:
    """The mean score of ``question`` per destination."""
    return survey().groupby("destination")[question].mean()


def answers_of(destination: str, question: str) -> list[int]:
    """The answers of one destination's respondents to one question, in row order."""
    frame = survey()
    return [int(v) for v in frame.loc[frame["destination"] == destination, question]]


def share_of(answers: Iterable[int]) -> float:
    """The share of satisfied answers in a list of answers, in percent."""
    answers = list(answers)
    return 100 * sum(a >= satisfied_from() for a in answers) / len(answers)


# -- the mobility table and the indicators (exercise 2) ---------------------------------------
def groups() -> dict[str, Mapping[str, Any]]:
    return {g["id"]: g for g in case()["groups"]}


def activity_days_of(group: Mapping[str, Any]) -> int:
    """Days of activity of a group, first and last day included."""
    return (_day(group["activity_end"]) - _day(group["activity_start"])).days + 1


def mobilities() -> CaseTable:
    """Every person selected or sent in 2025-2026: apprentices and accompanying trainers,
    with their group's diploma, city, country and activity days (0 when cancelled)."""
    m, by_id = case()["mobilities"], groups()
    rows = []
    for person, role, group, status in m["rows"]:
        g = by_id[group]
        rows.append([person, role, g["diploma"] if role == APPRENTICE else "-", group,
                     g["city"], g["country"], status,
                     activity_days_of(g) if status == WENT else 0])
    explain_column_errors()
    return CaseTable(rows, columns=["person", "role", "diploma", "group", "city", "country",
                                    "status", "activity_days"])


def enrolled() -> pd.Series:
    """Apprentices enrolled each school year (headcount on 31 December)."""
    e = case()["cfa"]["enrolment"]
    return pd.Series({year: int(n) for year, n in e.items()}, name="apprentices enrolled")


def _went(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["role"] == APPRENTICE) & (frame["status"] == WENT)]


def mobile_apprentices(year: str | None = None) -> int:
    """Apprentices who went abroad during the school year (not the cancelled ones, not the
    accompanying trainers)."""
    year = year or school_year()
    if year == school_year():
        return len(_went(mobilities()))
    previous = case()["previous_year"]
    if year == previous["school_year"]:
        return int(previous["mobile_apprentices"])
    raise KeyError(f"the case has no mobility figures for {year}")


def mobility_rate(year: str | None = None) -> float:
    """Mobile apprentices / apprentices enrolled x 100, in percent."""
    year = year or school_year()
    return mobile_apprentices(year) / int(enrolled()[year]) * 100


def selected_apprentices() -> int:
    table = mobilities()
    return int((table["role"] == APPRENTICE).sum())


def people_abroad() -> int:
    table = mobilities()
    return int((table["status"] == WENT).sum())


def accompanying_persons() -> int:
    table = mobilities()
    return int(((table["role"] != APPRENTICE) & (table["status"] == WENT)).sum())


def destination_cities() -> int:
    """Different cities where a mobility took place."""
    table = mobilities()
    return int(table.loc[table["status"] == WENT, "city"].nunique())


def destination_countries() -> int:
    table = mobilities()
    return int(table.loc[table["status"] == WENT, "country"].nunique())


def average_activity_days() -> float:
    """Mean activity days of the apprentices who went."""
    return float(_went(mobilities())["activity_days"].mean())


def share_fewer_opportunities() -> float:
    """Participants with fewer opportunities / apprentices who went x 100."""
    return case()["other_facts"]["fewer_opportunities"] / mobile_apprentices() * 100


def apprentices_needed(percent: float, year: str = "2024-2025") -> int:
    """The smallest number of mobile apprentices that reaches ``percent`` of the enrolled."""
    return math.ceil(int(enrolled()[year]) * percent / 100 - 1e-9)


def reference(name: str) -> Mapping[str, Any]:
    """One reference figure of the case, with its year and source."""
    return case()["reference_figures"][name]


def reference_percent(name: str) -> float:
    return float(reference(name)["percent"])


# -- what the notebook shows -------------------------------------------------------------------
def _display(frame: pd.DataFrame, caption: str | None = None) -> None:
    from IPython.display import Markdown, display

    styler = frame.style.hide(axis="index").set_properties(
        **{"text-align": "left", "white-space": "pre-wrap"})
    styler = styler.set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    display(styler)
    if caption:
        display(Markdown(f"*{caption}*"))


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


def show_plan() -> None:
    """Section 2: Nadia's plan, June 2026 to June 2027."""
    plan = case()["plan"]
    objectives = " ".join(f"{o['id']}: {o['text']}" for o in plan["objectives"])
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
