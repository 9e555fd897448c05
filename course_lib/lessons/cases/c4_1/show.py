"""What the C4.1 notebook shows of the Malta case: the pandas tables, the chart of the
pedagogical cycle, and the ``show_*`` functions that display them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .. import show_table as _display
from .facts import (
    _day,
    activity_days,
    ages_at_departure,
    bloc,
    bloc_label,
    blocs,
    case,
    coverage,
    diploma_level,
    french_levels,
    learning_outcomes,
    long_date,
    minors_at_departure,
    names,
    outcome,
    project_months,
    qualifications,
    statements,
    targeted_blocs,
    tasks_for,
)
from .outcomes import rules

# -- what the notebook shows -----------------------------------------------------------------


def cycle_chart():
    """Section 1: the pedagogical cycle of the Malta case, before, during and after."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    steps = case()["timeline"]["steps"]
    colours = {"before": "#4f7cac", "during": "#e07b39", "after": "#5a9e6f"}
    a = case()["activity"]
    fig, ax = plt.subplots(figsize=(9.5, 6.2))
    ax.axvspan(_day(a["activity_start"]), _day(a["activity_end"]), color="#fbe9dc", zorder=0)
    ax.text(_day(a["activity_start"]), -0.9, f"  in Malta: {activity_days()} days of activity",
            fontsize=9, color="#a0522d", va="center")
    for i, s in enumerate(steps):
        when = _day(s["date"])
        ax.plot(when, i, "o", color=colours[s["phase"]], markersize=8, zorder=3)
        ax.text(when, i, f"   {s['label']} ({when.day} {when:%b})", va="center", fontsize=9)
    for phase, colour in colours.items():
        ax.plot([], [], "o", color=colour, label=phase.capitalize())
    ax.set_yticks([])
    ax.set_ylim(len(steps), -1.5)
    first, last = _day(steps[0]["date"]), _day(steps[-1]["date"])
    ax.set_xlim(first - (last - first) * 0.03, last + (last - first) * 0.45)
    ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.set_xlabel("2026 (ticks on Mondays)")
    ax.set_title("The pedagogical cycle of the Malta placement: before, during, after")
    ax.legend(loc="upper right", frameon=False, title="Phase")
    ax.spines[["top", "right", "left"]].set_visible(False)
    fig.tight_layout()
    return fig


def show_cycle_chart() -> None:
    import matplotlib.pyplot as plt

    fig = cycle_chart()
    plt.show()
    plt.close(fig)


def dimensions_table() -> pd.DataFrame:
    rows = [(d["name"], d["question"], d["verbs"],
             f"\"{outcome(d['example'])['outcome']}.\" ({d['example']})")
            for d in case()["dimensions"]]
    return pd.DataFrame(rows, columns=["Dimension", "The question it answers", "Typical verbs",
                                       "Example from the Malta case"])


def show_dimensions() -> None:
    """Section 2: how to tell the three dimensions apart."""
    _display(dimensions_table())


def eqf_descriptors_table() -> pd.DataFrame:
    rows = [(d["level"], d["knowledge"], d["skills"], d["responsibility_autonomy"])
            for d in case()["eqf_descriptors"]]
    return pd.DataFrame(rows, columns=["EQF level", "Knowledge", "Skills",
                                       "Responsibility and autonomy"])


def show_eqf_descriptors() -> None:
    """Section 3: the EQF descriptors of levels 3, 4 and 5."""
    _display(eqf_descriptors_table())  # the lesson's text under the table cites its source


def french_levels_table() -> pd.DataFrame:
    rows = [(r["level"], r["diplomas"], r["former_1969"]) for r in french_levels()]
    return pd.DataFrame(rows, columns=["French level (= EQF level)", "Typical diplomas",
                                       "Former level (1969 nomenclature)"])


def show_french_levels() -> None:
    """Section 3: the French levels 3 to 8 and the former 1969 levels."""
    _display(french_levels_table())


def blocs_table() -> pd.DataFrame:
    rows = []
    for b in blocs():
        competences = "; ".join(c["fr"] for c in b["competences"]) or "not used in this module"
        rows.append((f"n° {b['number']}", b["title_fr"], b["unit"] or "—", competences))
    return pd.DataFrame(rows, columns=["Bloc", "Title", "Unit", "Competences"])


def show_blocs() -> None:
    """Section 4: the professional blocs of the bac pro MCV used in the case."""
    _display(blocs_table())


def malta_facts() -> pd.DataFrame:
    c = case()
    a, p, cfa, d = c["activity"], c["project"], c["cfa"], c["diploma"]
    ages = ages_at_departure()
    shops = {s["name"]: s for s in c["host"]["shops"]}
    rows = [
        ("CFA", f"{cfa['name']}, {cfa['town']} ({cfa['department']})"),
        ("Diploma", f"{d['short_name']}, level {diploma_level()} (EQF level "
                    f"{diploma_level()}); second year of a two-year apprenticeship contract"),
        ("Project", f"{c['call']['action']}, call {c['call']['call_year']}, round "
                    f"{c['call']['round']}: {long_date(p['start'])} to {long_date(p['end'])} "
                    f"({project_months()} months)"),
        ("Activity", f"{long_date(a['activity_start'], True)} to "
                     f"{long_date(a['activity_end'], True)}: {activity_days()} days"),
        ("Travel", f"out on {long_date(a['outbound_travel'], True)}, back on "
                   f"{long_date(a['return_travel'], True)}"),
    ]
    for ap in c["apprentices"]:
        shop = shops[ap["host"]]
        minor = ", minor" if ages[ap["name"]] < 18 else ""
        rows.append((f"{ap['name']} ({ages[ap['name']]}{minor})",
                     f"English spoken interaction {ap['spoken_interaction_en']}; employer: "
                     f"{ap['employer']}; host: {shop['name']}, {shop['town']}"))
    for shop in c["host"]["shops"]:
        rows.append((f"Host tutor, {shop['town']}",
                     f"{shop['tutor']['name']}, {shop['tutor']['role']} of {shop['name']}"))
    rows += [
        ("Accompanying person", f"{a['accompanying_person']}, CFA trainer, for the whole stay: "
                                f"the CFA's choice, as {len(minors_at_departure())} apprentices "
                                "are minors (allowed, not required, on individual placements)"),
        ("Employers' choice", c["employers_choice"]["regime"]),
        ("Mobility coach", f"{cfa['mobility_coach']['name']}, "
                           f"{cfa['mobility_coach']['role_fr']}"),
    ]
    return pd.DataFrame(rows, columns=["Item", "Malta case"])


def show_malta_case() -> None:
    """Section 8: the facts of the Malta case."""
    _display(malta_facts(), "A fictional CFA, fictional shops and people; the rules they "
             "apply are those of the lesson.")


def coverage_table() -> pd.DataFrame:
    c = case()
    cov, targets = coverage(), targeted_blocs()
    rows = []
    for b in blocs():
        trained = [f"{comp['fr']} ({', '.join(tasks_for(comp['id']))})"
                   for comp in b["competences"] if tasks_for(comp["id"])]
        missing = [n["what"] for n in c["host"]["not_offered"] if n["bloc"] == b["number"]]
        covered, total = cov[b["number"]]
        if total == 0:
            tasks = [t["id"] for t in c["host"]["tasks"] if t["bloc"] == b["number"]]
            what, count = f"{', '.join(tasks)} (competences not mapped)", "not mapped"
            decision = c["alignment"]["not_targeted_unmapped"]
        else:
            what = "; ".join(trained) + (f". Not offered: {'; '.join(missing)}"
                                         if missing else "")
            count = f"{covered} of {total}"
            kept = [t for comp in b["competences"] for t in tasks_for(comp["id"])]
            decision = ("target" if b["number"] in targets else
                        f"keep {', '.join(kept)} as a task, do not target")
        rows.append((f"n° {b['number']} {b['title_fr']}", what, count, decision))
    return pd.DataFrame(rows, columns=["Bloc", "Competences the shops can train (tasks)",
                                       "Covered", "Decision"])


def show_bloc_coverage() -> None:
    """Section 8, step 1: which competences the host's tasks train, bloc by bloc."""
    _display(coverage_table(), "Rule of this course (good practice): target a bloc only if "
             "the host can train most of its competences.")


def tasks_table(blocs_wanted: Iterable[str] | None = None) -> pd.DataFrame:
    wanted = set(blocs_wanted) if blocs_wanted is not None else None
    rows = [(t["id"], t["task"], f"n° {t['bloc']}") for t in case()["host"]["tasks"]
            if wanted is None or t["bloc"] in wanted]
    return pd.DataFrame(rows, columns=["Task", "What the apprentice does", "Bloc"])


def outcomes_table() -> pd.DataFrame:
    rows = [(lo["id"], lo["bloc"], lo["type"],
             f"{lo['outcome']} ({', '.join(lo['tasks'])})", lo["assessed_by"])
            for lo in learning_outcomes()]
    return pd.DataFrame(rows, columns=["Id", "Bloc", "Type", "Outcome (host tasks)",
                                       "Assessed by"])


def show_learning_outcomes() -> None:
    """Section 8, step 2: the learning-outcomes table of the placement."""
    _display(outcomes_table(), "K = knowledge, S = skills, A = responsibility and autonomy.")


def statements_table() -> pd.DataFrame:
    """Exercise 1: the nine statements, without their type."""
    return pd.DataFrame([(s["id"], s["text"]) for s in statements()],
                        columns=["Id", "Statement"])


def show_ksa_statements() -> None:
    _display(statements_table())


def qualifications_table() -> pd.DataFrame:
    """Exercise 2: the seven qualifications, without their level."""
    return pd.DataFrame([(q["id"], q["text"]) for q in qualifications()],
                        columns=["Id", "Qualification"])


def show_qualifications() -> None:
    _display(qualifications_table())


def targeted_table() -> pd.DataFrame:
    """Exercise 3: the targeted blocs, their competences and the tasks the shops offer."""
    rows = []
    for number in targeted_blocs():
        b = bloc(number)
        tasks = [f"{t['id']} {t['task'][0].lower()}{t['task'][1:]}"
                 for t in case()["host"]["tasks"] if t["bloc"] == number]
        rows.append((bloc_label(number), "; ".join(c["fr"] for c in b["competences"]),
                     "; ".join(c["en"] for c in b["competences"]), "; ".join(tasks)))
    return pd.DataFrame(rows, columns=["Bloc", "Competences (French)", "In English",
                                       "Tasks the shops offer"])


def show_targeted_blocs() -> None:
    _display(targeted_table())


def verbs_table() -> pd.DataFrame:
    """Exercise 3: the action verbs and the phrases of autonomy the program accepts."""
    r = rules()
    only = r.get("verb_only_in", {})

    def listed(verbs: list[str]) -> str:
        quoted = {v: names("'" + p + "'" for p in phrases) for v, phrases in only.items()}
        return ", ".join(f"{v} (only in {quoted[v]})" if v in only else v for v in verbs)

    rows = [("Action verbs, English", listed(r["action_verbs_en"])),
            ("Action verbs, French", listed(r["action_verbs_fr"])),
            ("Phrases of autonomy, English", ", ".join(r["autonomy_markers_en"])),
            ("Phrases of autonomy, French", ", ".join(r["autonomy_markers_fr"])),
            ("Lead-ins allowed before the verb", ", ".join(
                f'"{lead}"' for lead in r["lead_ins_removed"]))]
    return pd.DataFrame(rows, columns=["List", "Words the program accepts"])


def show_action_verbs() -> None:
    _display(verbs_table(), "English verbs may also end in -s or -es (greets, processes); "
             "French verbs may be in the infinitive or the third person (accueille, encaisse). "
             "'take' is accepted only in 'take charge of' and 'take responsibility for'; "
             "'prendre' only in 'prendre en charge'.")
