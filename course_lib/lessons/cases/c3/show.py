"""What the C3 notebook shows of the Galway case: the pandas tables, the culture-shock
chart, the emails, and the ``show_*`` functions that display them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ....erasmus.rates import load_rates
from .. import show_table as _display
from .facts import (
    RATES_YEAR,
    _day,
    activity_days,
    ages_at_departure,
    case,
    checklist,
    day_of_stay,
    draft_email,
    element_ids,
    elements_in,
    email_parts,
    email_text,
    first_email,
    linguistic_support,
    long_date,
    minors_at_departure,
    where_found,
    word_count,
    workshop_dates,
    workshop_hours,
)

# -- what the notebook shows -----------------------------------------------------------------


def lesson_table(name: str) -> pd.DataFrame:
    """A reference table of the lesson, with the call-2021 amounts filled in from the rates."""
    table = case()["lesson_tables"][name]
    amounts = {k: f"{v:g}" for k, v in load_rates(RATES_YEAR).linguistic_support.items()}
    amounts["staff_min_days"] = case()["linguistic_support"]["staff_min_days"]
    rows = [[cell.format(**amounts) for cell in row] for row in table["rows"]]
    return pd.DataFrame(rows, columns=list(table["columns"]))


def _show_lesson_table(name: str) -> None:
    _display(lesson_table(name))  # the lesson's text around the table cites its source


def show_cefr_levels() -> None:
    """Section 1: the six CEFR levels in three groups."""
    _show_lesson_table("cefr_levels")


def show_ols_or_grant() -> None:
    """Section 2: OLS or the linguistic support grant (call 2021)."""
    _show_lesson_table("ols_or_grant")


def show_culture_shock_signs() -> None:
    """Section 4: the signs of culture shock."""
    _show_lesson_table("culture_shock_signs")


def show_vocabulary() -> None:
    """Section 7: the coach's English-French working vocabulary."""
    _show_lesson_table("vocabulary")


def checklist_table(with_ids: bool = False) -> pd.DataFrame:
    """The checklist of a first email: element and what to write (or the names to type)."""
    if with_ids:
        return pd.DataFrame([(e["id"], e["label"]) for e in checklist()],
                            columns=["Name to type", "Element"])
    return pd.DataFrame([(e["name"], e["write"]) for e in checklist()],
                        columns=["Element", "What to write"])


def show_email_checklist() -> None:
    """Section 5: what a first email to a host company must contain."""
    _display(checklist_table(), "This course's checklist (good practice), built from the rules "
             "cited in section 5.")


def show_checklist_names() -> None:
    """Exercise 2: the checklist with the names to type."""
    _display(checklist_table(with_ids=True))


def _label(element: str) -> str:
    return next(e["name"] for e in checklist() if e["id"] == element)


def first_email_table() -> pd.DataFrame:
    """Camille's email, part by part, with the checklist elements first found in each part."""
    email = first_email()
    where = where_found(email)
    rows = []
    for part, text in email_parts(email).items():
        found = [e for e in element_ids() if where.get(e) == part]
        rows.append((part if part.startswith("P") else part.capitalize(), text,
                     ", ".join(_label(e) for e in found)))
    return pd.DataFrame(rows, columns=["Part", "Camille's email", "Checklist element(s)"])


def show_first_email() -> None:
    """Section 6, step 3: Camille's email, with the checklist elements each paragraph holds
    (found by the same rules as the exercise check)."""
    email = first_email()
    _display(first_email_table(),
             f"Sent on {long_date(email['date'])} to {email['to']}. "
             f"{len(elements_in(email_text(email)))} of {len(checklist())} checklist elements; "
             f"about {round(word_count(email), -1):.0f} words.")


def show_draft_email() -> None:
    """Exercise 2: Julien's draft, paragraph by paragraph, without any verdict."""
    from IPython.display import Markdown, display

    email = draft_email()
    lines = [f"> **To:** {email['to']}  ", f"> **Date:** {long_date(email['date'])}  ",
             f"> **Subject:** {email['subject']}", ">"]
    for label, text in email["paragraphs"].items():
        lines += [f"> **{label}** {text}", ">"]
    display(Markdown("\n".join(lines[:-1])))


def descriptors_table() -> pd.DataFrame:
    """Exercise 1, step 1: the six descriptors, without their level."""
    return pd.DataFrame([(d["id"], d["text"]) for d in case()["cefr_descriptors"]["items"]],
                        columns=["Descriptor", "The person can..."])


def show_descriptors() -> None:
    _display(descriptors_table(), "Shortened from the Council of Europe's CEFR global scale "
             "[8], written for this course and shuffled.")


def self_assessment_table() -> pd.DataFrame:
    skills = case()["skills"]
    rows = [[a["name"], *(a["self_assessment"][s] for s in skills)] for a in case()["apprentices"]]
    return pd.DataFrame(rows, columns=["Apprentice", *skills.values()])


def show_self_assessment() -> None:
    """Exercise 1, step 2: the four apprentices' self-assessment in English."""
    c = case()
    when = _day(c["language_plan"]["steps"][0]["date"])
    _display(self_assessment_table(), f"CEFR self-assessment grid, English, filled in on "
             f"{long_date(when, weekday=False)} at selection.")


def _hotel(host: Mapping[str, Any]) -> str:
    """A hotel of the case table, with the apprentices planned there ("if it accepts" for a
    hotel that has not answered yet)."""
    planned = [*host.get("apprentices", []), *filter(None, [host.get("apprentices_note")])]
    return f"{host['name']} ({', '.join(planned)})" if planned else host["name"]


def galway_facts() -> pd.DataFrame:
    c = case()
    m, p, cfa = c["mobility"], c["project"], c["cfa"]
    ages = ages_at_departure()
    minors = minors_at_departure()
    diploma = cfa["diploma"]["name"].replace("CAP ", f"CAP ({cfa['diploma']['cap_in_full']}) ", 1)

    def d(key: str, where: Mapping[str, Any] = m) -> str:
        return long_date(where[key])

    rows = [
        ("CFA", f"{cfa['name']}, {cfa['town']} ({cfa['department']})"),
        ("Diploma", f"{diploma}, level {cfa['diploma']['french_level']} in the French framework "
                    f"(level {cfa['diploma']['eqf_level']} of the EQF, European Qualifications "
                    f"Framework); year {cfa['diploma']['year_of_training']} of 2"),
        ("Project", f"{p['action']}, call {p['call']}, round {p['round']}: "
                    f"{long_date(p['start'], False)} to {long_date(p['end'], False)}"),
        ("Apprentices", "; ".join(f"{n}, {ages[n]}" for n in ages)
         + f" ({len(minors)} minors at departure: {' and '.join(minors)})"),
        ("Destination", f"{m['host_city']}, {m['host_country']}; working language "
                        f"{m['working_language']}"),
        ("Hotels", "; ".join(_hotel(h) for h in c["hosts"][:2])),
        ("Activity", f"{d('activity_start')} to {d('activity_end')}: "
                     f"{activity_days()} days"),
        ("Travel", f"out on {d('outbound_travel')}, back on {d('return_travel')}"),
        ("Employers' choice", c["employers_choice"]["regime"]),
        ("Accompanying person", f"{c['accompanying_person']['name']}, trainer, for the whole stay"),
        ("Mobility coach", f"{cfa['mobility_coach']['name']}, {cfa['mobility_coach']['role_fr']}"),
    ]
    return pd.DataFrame(rows, columns=["Item", "Galway case"])


def show_galway_case() -> None:
    """Section 6: the facts of the Galway case."""
    _display(galway_facts(), "A fictional CFA, fictional hotels and people; the rules they "
             "apply are those of the lesson.")


def language_plan_table() -> pd.DataFrame:
    rows = [(long_date(s["date"]), s["step"])
            for s in case()["language_plan"]["steps"]]
    return pd.DataFrame(rows, columns=["Date", "Step"])


def show_language_plan() -> None:
    """Section 6: the CFA's language and intercultural plan, in date order."""
    _display(language_plan_table(), f"{len(workshop_dates())} workshops of "
             f"{case()['language_plan']['workshops']['hours_each']} hours = "
             f"{workshop_hours()} hours. Linguistic support requested: "
             f"{linguistic_support('galway'):.0f} € (English is in OLS).")


def show_ines_case() -> None:
    """Exercise 3: Inès's situation on day 9 of the stay."""
    from IPython.display import Markdown, display

    ic = case()["intercultural_case"]
    when = _day(ic["date"])
    text = [
        f"**{long_date(when)}, day {day_of_stay(when)} of the stay.** {ic['apprentice']}, "
        f"{ic['age']}, works in the restaurant of the {ic['host']}; her tutor is {ic['tutor']}.",
        "", f"*First week.* {ic['week_1']}",
        "", f"*Today.* {ic['tutor_email']}",
        "", f"*Julien, the accompanying trainer, reports:* {ic['what_julien_reports']}",
        "", f"*Other facts.* {ic['other_facts']} {ic['no_emergency']}",
    ]
    display(Markdown("\n".join(f"> {line}" if line else ">" for line in text)))


def adjustment_chart():
    """Section 4: the culture-shock curve of a 3-week stay and the return (a model)."""
    import matplotlib.pyplot as plt
    import numpy as np

    c = case()
    curve = c["adjustment_curve"]
    xs, ys = np.array(curve["points"], dtype=float).T
    grid = np.linspace(xs.min(), xs.max(), 400)
    smooth = np.convolve(np.interp(grid, xs, ys), np.ones(25) / 25, mode="same")
    smooth[:12], smooth[-12:] = np.interp(grid[:12], xs, ys), np.interp(grid[-12:], xs, ys)
    back = day_of_stay(c["mobility"]["return_travel"])

    fig, ax = plt.subplots(figsize=(8, 3.6))
    ax.axvspan(1, activity_days(), color="#e8f0f8", zorder=0)
    ax.plot(grid, smooth, color="#1f4e79", linewidth=2.5)
    ax.axvline(back, color="#888888", linestyle="--", linewidth=1)
    ax.text(back + 0.4, 0.98, "back home", fontsize=9, color="#555555", va="top")
    ax.text(1.3, -0.1, f"in Galway: days 1 to {activity_days()}", fontsize=9, color="#555555")
    offsets = {"crisis": (0, -30), "recovery": (34, -14)}  # below the curve, or right of it
    for stage in curve["stages"]:
        y = float(np.interp(stage["day"], grid, smooth))
        dx, dy = offsets.get(stage["label"], (0, -36 if "\n" in stage["label"] else 14))
        ax.annotate(stage["label"], (stage["day"], y), xytext=(dx, dy),
                    textcoords="offset points", ha="center", fontsize=10, color="#7a3b00",
                    arrowprops={"arrowstyle": "-", "color": "#bbbbbb"})
    ax.set_xlim(0, xs.max() + 1)
    ax.set_ylim(-0.15, 1.05)
    ax.set_yticks([0, 1], ["low", "high"])
    ax.set_ylabel("How the apprentice feels")
    ax.set_xlabel(f"Day of the stay (day 1 = {long_date(c['mobility']['activity_start'])}), "
                  "then after return")
    ax.set_title("Culture shock in a 3-week stay: a teaching model, not data", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def show_adjustment_curve() -> None:
    import matplotlib.pyplot as plt

    fig = adjustment_chart()
    plt.show()
    plt.close(fig)
