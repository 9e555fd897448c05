"""The worked case of C4.1, "Four sales apprentices to Malta": outcomes, levels, blocs.

The facts are in ``data/cases/c4-1-pedagogy.yaml``; everything that can be computed is
computed here, so that the lesson, its tables, its chart and the exercise checks agree: ages
and minors from the birth dates, days of activity and day numbers from the dates, how many
competences of each bloc the host's tasks train and so which blocs to target, the dimension
(K, S or A) of a statement by the lesson's quick test, the EQF level of a qualification from
the French levels table, and what the rules of exercise 3 find in a learning outcome.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from . import load_case

MODULE = "c4-1-pedagogy"


def case() -> Any:
    return load_case(MODULE)


def _day(text: date | str) -> date:
    return text if isinstance(text, date) else date.fromisoformat(text)


def long_date(when: date | str, weekday: bool = False) -> str:
    """``5 October 2026`` (``Monday 5 October 2026`` with the weekday)."""
    when = _day(when)
    text = f"{when.day} {when:%B %Y}"
    return f"{when:%A} {text}" if weekday else text


def names(items: Iterable[str]) -> str:
    """``a, b and c`` (for tables and messages)."""
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# -- dates, ages ---------------------------------------------------------------------------
def departure() -> date:
    return _day(case()["activity"]["outbound_travel"])


def activity_days() -> int:
    """Days of activity, first and last included (5 to 23 October 2026: 19)."""
    a = case()["activity"]
    return (_day(a["activity_end"]) - _day(a["activity_start"])).days + 1


def day_of_stay(when: date | str) -> int:
    """Day number of the activity (day 1 = the first day of activity)."""
    return (_day(when) - _day(case()["activity"]["activity_start"])).days + 1


def step(label_start: str) -> Mapping[str, Any]:
    """The timeline step whose label starts with ``label_start``."""
    for s in case()["timeline"]["steps"]:
        if s["label"].startswith(label_start):
            return s
    raise LookupError(f"no timeline step labelled {label_start!r}")


def midpoint_day() -> int:
    return day_of_stay(step("Mid-point")["date"])


def final_assessment_day() -> int:
    return day_of_stay(step("Final assessment")["date"])


def debrief_delay() -> int:
    """Days from the last day of activity to the debriefing (14)."""
    return (_day(step("Debriefing")["date"]) - _day(case()["activity"]["activity_end"])).days


def project_months() -> int:
    p = case()["project"]
    start, end = _day(p["start"]), _day(p["end"])
    return (end.year - start.year) * 12 + end.month - start.month + 1  # 1st to last day


def age_on(birth: date | str, when: date | str) -> int:
    birth, when = _day(birth), _day(when)
    return when.year - birth.year - ((when.month, when.day) < (birth.month, birth.day))


def ages_at_departure() -> dict[str, int]:
    """First name -> age on the day of departure."""
    return {a["name"]: age_on(a["birth_date"], departure()) for a in case()["apprentices"]}


def minors_at_departure() -> list[str]:
    return [name for name, age in ages_at_departure().items() if age < 18]


# -- blocs and the host's tasks ------------------------------------------------------------
def blocs() -> tuple[Mapping[str, Any], ...]:
    return case()["diploma"]["blocs"]


def bloc(number: str) -> Mapping[str, Any]:
    return next(b for b in blocs() if b["number"] == str(number).upper())


def tasks_for(competence: str) -> list[str]:
    """The ids of the host tasks that train a competence (``"1b"`` -> ``["T1", "T2"]``)."""
    return [t["id"] for t in case()["host"]["tasks"] if t["competence"] == competence]


def coverage() -> dict[str, tuple[int, int]]:
    """Bloc -> (competences at least one host task trains, competences of the bloc)."""
    return {b["number"]: (sum(1 for c in b["competences"] if tasks_for(c["id"])),
                          len(b["competences"])) for b in blocs()}


def targeted_blocs() -> list[str]:
    """The blocs whose competences the host can mostly train (the course's rule): 1 and 3."""
    return [n for n, (covered, total) in coverage().items() if total and 2 * covered > total]


def bloc_label(number: str) -> str:
    b = bloc(number)
    unit = f" ({b['unit']})" if b["unit"] else ""
    return f"n° {b['number']} {b['title_fr']}{unit}"


# -- learning outcomes and the quick test ----------------------------------------------------
def learning_outcomes() -> tuple[Mapping[str, Any], ...]:
    return case()["learning_outcomes_table"]


def outcome(lo_id: str) -> Mapping[str, Any]:
    return next(lo for lo in learning_outcomes() if lo["id"] == lo_id)


def _fold(text: str) -> str:
    """Lower case, straight apostrophes, accents removed letter by letter (same length)."""
    text = unicodedata.normalize("NFC", str(text)).replace("’", "'").replace("‘", "'")
    return "".join(unicodedata.normalize("NFKD", c)[0] for c in text.lower())


def _has(phrase: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(_fold(phrase))}(?!\w)", _fold(text)) is not None


def autonomy_words_in(text: str) -> list[str]:
    """The quick test's words about supervision or responsibility that ``text`` holds."""
    return [w for w in case()["exercise_ksa"]["quick_test"]["autonomy_words"] if _has(w, text)]


def quick_test(text: str) -> str:
    """The dimension of a statement by the lesson's quick test: words about supervision or
    responsibility make an ``A``; a knowledge verb first makes a ``K``; anything else ``S``."""
    if autonomy_words_in(text):
        return "A"
    first = _fold(text).split()[0].strip(".,;:")
    return "K" if first in case()["exercise_ksa"]["quick_test"]["knowledge_verbs"] else "S"


def statements() -> tuple[Mapping[str, Any], ...]:
    return case()["exercise_ksa"]["statements"]


def expected_types() -> list[str]:
    """Exercise 1: the dimension of each statement E1 to E9, in order."""
    return [s["type"] for s in statements()]


# -- levels ----------------------------------------------------------------------------------
def french_levels() -> tuple[Mapping[str, Any], ...]:
    return case()["french_levels"]


def level_of_kind(kind: str) -> int:
    """The French (= EQF) level of a kind of diploma (``"bts"`` -> 5)."""
    for row in french_levels():
        if _fold(kind) in (_fold(k) for k in row["kinds"]):
            return row["level"]
    raise LookupError(f"no level for {kind!r} in the French levels table")


def levels_of_former(numeral: str) -> list[int]:
    """Today's level(s) of a 1969 level (``"V"`` -> [3]; ``"I"`` -> [7, 8])."""
    return [row["level"] for row in french_levels() if row["former_1969"] == numeral]


_ROMAN = {"I": 1, "V": 5, "X": 10}


def roman_value(numeral: str) -> int:
    """The number a Roman numeral writes (``"III"`` -> 3, ``"IV"`` -> 4)."""
    values = [_ROMAN[c] for c in numeral.upper()]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def qualifications() -> tuple[Mapping[str, Any], ...]:
    return case()["exercise_levels"]["qualifications"]


def qualification_level(q: Mapping[str, Any]) -> int:
    if q.get("kind"):
        return level_of_kind(q["kind"])
    found = levels_of_former(q["former_1969"])
    if len(found) != 1:
        raise LookupError(f"{q['id']}: former level {q['former_1969']} is not one level")
    return found[0]


def expected_levels() -> list[int]:
    """Exercise 2: the EQF level of each qualification Q1 to Q7, in order."""
    return [qualification_level(q) for q in qualifications()]


def roman_reading() -> list[int]:
    """Exercise 2's trap: the old documents' numerals read as today's numbers."""
    return [roman_value(q["former_1969"]) if q.get("former_1969") else qualification_level(q)
            for q in qualifications()]


def diploma_level() -> int:
    return level_of_kind(case()["diploma"]["kind"])


# -- exercise 3: the rules a program applies to a learning outcome ---------------------------
def rules() -> Mapping[str, Any]:
    return case()["exercise_outcomes"]


def _verb_forms() -> dict[str, str]:
    """Every accepted spelling (folded) -> the verb's base form as the list writes it."""
    r = rules()
    forms: dict[str, str] = {}
    for verb in r["action_verbs_en"]:
        spellings = [verb, verb + "s", verb + "es"]
        if verb.endswith("ise"):
            spellings += [verb[:-3] + "ize", verb[:-3] + "izes"]
        for s in spellings:
            forms.setdefault(_fold(s), verb)
    for infinitive, third in zip(r["action_verbs_fr"], r["action_verbs_fr_3rd_person"],
                                 strict=True):
        forms.setdefault(_fold(infinitive), infinitive)
        forms.setdefault(_fold(third), infinitive)
    return forms


def _vague_forms() -> dict[str, str]:
    r = rules()
    forms: dict[str, str] = {}
    for verb in r["vague_verbs"]:
        if " " not in verb:
            for s in (verb, verb + "s", verb + "es"):
                forms.setdefault(_fold(s), verb)
    for verb in r["vague_verbs_fr_3rd_person"]:
        forms.setdefault(_fold(verb), verb)
    return forms


_NUMBERING = re.compile(r"^\s*(?:lo\s*\d+\s*[:.)\-]?|\d+\s*[.):\-]|[-•*–])\s*")
_PUNCT = "\"'«»“”‘’.,;:!?()[]"


def _first(text: str) -> str:
    """The first word, without an elided d' or l' glued to it and without punctuation."""
    words = text.split()
    if not words:
        return ""
    word = re.sub(r"^(?:d|l)'(?=\w)", "", words[0])
    return word.strip(_PUNCT)


@dataclass(frozen=True)
class Reading:
    """What the rules of exercise 3 find in one learning outcome."""

    text: str
    words: int
    first_word: str          # as typed (lower case), after numbering and lead-in
    verb: str | None         # the base form of an action verb of the list it starts with
    vague: str | None        # a vague verb it starts with instead (know, understand...)
    ing: str | None          # the base form when it starts with an -ing form ("selling")
    late_verb: str | None    # an action verb a few words later ("Lina will greet...")
    blocs: tuple[str, ...]   # the blocs it names, in order
    autonomy: str | None     # the autonomy phrase it holds
    placeholder: bool        # still holds "..."

    @property
    def targeted(self) -> bool:
        return bool(self.blocs) and all(b in targeted_blocs() for b in self.blocs)

    @property
    def length_ok(self) -> bool:
        return rules()["min_words"] <= self.words <= rules()["max_words"]

    @property
    def broken(self) -> list[int]:
        """The rules of 1 to 3 this outcome breaks."""
        return [n for n, ok in ((1, self.verb is not None), (2, self.targeted),
                                (3, self.length_ok)) if not ok]

    @property
    def verb_key(self) -> str:
        """What rule 6 compares: the verb's base form, or the first word."""
        return self.verb or self.first_word


def named_blocs(text: str) -> tuple[str, ...]:
    """The blocs an outcome names: "bloc 1", "bloc n° 3", "block 2", "U33" (rule 2)."""
    found = []
    for match in re.finditer(rules()["bloc_pattern"], text, flags=re.IGNORECASE):
        found.append(re.sub(r"\s+", "", match.group(1)).upper())
    for unit, number in rules()["unit_aliases"].items():
        if re.search(rf"\b{unit[0]}\s*{unit[1:]}\b", text, flags=re.IGNORECASE):
            found.append(number)
    return tuple(dict.fromkeys(found))


def autonomy_phrase(text: str) -> str | None:
    r = rules()
    for phrase in (*r["autonomy_markers_en"], *r["autonomy_markers_fr"]):
        if _has(phrase, text):
            return phrase
    return None


def read_outcome(text: str) -> Reading:
    """Apply the rules of exercise 3 to one outcome (rules 1 to 3, and what 4 to 6 need)."""
    lowered = re.sub(r"\s+", " ", str(text).replace("’", "'").replace("‘", "'")).strip()
    lowered = _NUMBERING.sub("", lowered.lower(), count=1).strip(_PUNCT + " ")
    leads = sorted((_fold(lead) for lead in rules()["lead_ins_removed"]), key=len, reverse=True)
    stages = [lowered]
    for _ in range(3):
        current = stages[-1]
        lead = next((lead for lead in leads if _fold(current).startswith(lead + " ")), None)
        if lead is None:
            break
        stages.append(current[len(lead) + 1:].strip())
    verbs, vague_forms = _verb_forms(), _vague_forms()
    firsts = [_first(s) for s in stages]
    verb = next((verbs[_fold(w)] for w in reversed(firsts) if _fold(w) in verbs), None)
    vague = None
    if verb is None:
        vague = next((vague_forms[_fold(w)] for w in firsts if _fold(w) in vague_forms), None)
        if vague is None and any(re.match(r"(?:be|is|are) aware\b", _fold(s)) for s in stages):
            vague = "be aware"
    first = firsts[-1]
    ing = late = None
    if verb is None and vague is None:
        stem = _fold(first)[:-3] if _fold(first).endswith("ing") else ""
        for candidate in (stem, stem + "e", stem[:-1]):
            if candidate and candidate in verbs and verbs[candidate] in rules()["action_verbs_en"]:
                ing = verbs[candidate]
                break
        if ing is None:
            later = [_fold(w.strip(_PUNCT)) for w in stages[-1].split()[1:4]]
            late = next((verbs[w] for w in later if w in verbs), None)
    return Reading(
        text=str(text), words=len(str(text).split()), first_word=first, verb=verb,
        vague=vague, ing=ing, late_verb=late, blocs=named_blocs(str(text)),
        autonomy=autonomy_phrase(str(text)),
        placeholder="..." in str(text) or "…" in str(text))


def table_broken(outcomes: Sequence[str]) -> list[int]:
    """The rules of 4 to 6 a table of outcomes breaks."""
    readings = [read_outcome(t) for t in outcomes]
    named = {b for r in readings for b in r.blocs}
    keys = [r.verb_key for r in readings]
    return [n for n, ok in ((4, set(targeted_blocs()) <= named),
                            (5, any(r.autonomy for r in readings)),
                            (6, len(set(keys)) == len(keys))) if not ok]


# -- what the notebook shows -----------------------------------------------------------------
def _display(frame: pd.DataFrame, caption: str | None = None) -> None:
    from IPython.display import Markdown, display

    styler = frame.style.hide(axis="index").set_properties(
        **{"text-align": "left", "white-space": "pre-wrap"})
    styler = styler.set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    display(styler)
    if caption:
        display(Markdown(f"*{caption}*"))


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
        ("Accompanying person", f"{a['accompanying_person']}, CFA trainer, for the whole stay "
                                f"({len(minors_at_departure())} apprentices are minors)"),
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
    rows = [("Action verbs, English", ", ".join(r["action_verbs_en"])),
            ("Action verbs, French", ", ".join(r["action_verbs_fr"])),
            ("Phrases of autonomy, English", ", ".join(r["autonomy_markers_en"])),
            ("Phrases of autonomy, French", ", ".join(r["autonomy_markers_fr"])),
            ("Lead-ins allowed before the verb", ", ".join(
                f'"{lead}"' for lead in r["lead_ins_removed"]))]
    return pd.DataFrame(rows, columns=["List", "Words the program accepts"])


def show_action_verbs() -> None:
    _display(verbs_table(), "English verbs may also end in -s or -es (greets, processes); "
             "French verbs may be in the infinitive or the third person (accueille, encaisse).")
