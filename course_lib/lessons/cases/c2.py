"""The worked case of C2: CFA Loire Gourmande (Tours) sends five young people to Porto.

Every figure the lesson, the tables, the charts and the checks use is computed here from
``data/cases/c2-regulations.yaml``: contract durations and the longest stay abroad from the
contracts' dates (Code du travail L6222-42 I), activity days from the mobility dates, the
Erasmus+ duration ranges from the engine (:mod:`course_lib.erasmus.activities`), the CEAM
request dates, and the regime and its consequences from each employer's wish.

>>> longest_mobility_months("2026-09-01", "2027-08-31")  # Inès: 12 months, half decides
6.0
>>> longest_mobility_months("2024-09-01", "2027-08-31")  # Karim: 36 months, one year decides
12.0
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

import pandas as pd

from ...erasmus.activities import ACTIVITIES, KA122_MAX_PARTICIPANTS, activity_for
from ...erasmus.eligibility import duration_range
from . import load_case

MODULE = "c2-regulations"

#: L6222-42 I since 29 December 2023: at most one year abroad (and at most half the contract).
ONE_YEAR_MONTHS = 12
#: Former L6222-42 (2019 to 28 December 2023): at least six months performed in France.
FORMER_MONTHS_IN_FRANCE = 6
#: Recent graduates may go up to 12 months after graduation (Programme Guide, NAs [9]).
RECENT_GRADUATE_MONTHS = 12
#: KA122: one short-term project per field per selection round (Tempus Foundation [9]).
KA122_APPLICATIONS_PER_ROUND = 1
#: CLEISS: ask for the CEAM at least 15 days before departure [10].
CEAM_DAYS_BEFORE = 15

#: Letters of exercise 3 (the lesson's answer options).
PAYS = {"A": "the French employer", "B": "the host structure in Porto, under Portuguese rules",
        "C": "no one pays a wage during the stay", "D": "the CFA"}
COVER = {"A": "French social security", "B": "Portuguese social security",
         "C": "none, private insurance only"}
MISE_A_DISPOSITION, MISE_EN_VEILLE = "mise à disposition", "mise en veille"


def case() -> Any:
    """The case facts (read-only)."""
    return load_case(MODULE)


def as_date(value: date | str) -> date:
    """A date from the case (``"2027-03-01"``) or a ``date``."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def add_months(day: date | str, months: int) -> date:
    """The same day ``months`` later (the last day of the month when it is shorter).

    >>> add_months("2026-07-03", 12), add_months("2027-01-31", 1)
    (datetime.date(2027, 7, 3), datetime.date(2027, 2, 28))
    """
    day = as_date(day)
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- the contract ceiling: L6222-42 I -------------------------------------------------------
def contract_months(start: date | str, end: date | str) -> float:
    """The total duration of a contract in months, first and last day included; a part
    month counts as its share of that month.

    >>> contract_months("2026-09-01", "2027-08-31"), contract_months("2025-09-01", "2027-08-31")
    (12.0, 24.0)
    >>> contract_months("2026-09-01", "2027-02-14")  # 14 of February's 28 days
    5.5
    """
    start, after = as_date(start), as_date(end) + timedelta(days=1)
    if after <= start:
        raise ValueError(f"the contract ends ({end}) before it starts ({start})")
    months = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, months) > after:
        months -= 1
    anchor = add_months(start, months)
    month_length = (add_months(start, months + 1) - anchor).days
    return months + (after - anchor).days / month_length


def longest_mobility_now(total_months: float) -> float:
    """L6222-42 I since 29 December 2023: at most one year and at most half of the
    contract's total duration; the lower ceiling decides.

    >>> [longest_mobility_now(m) for m in (6, 12, 18, 24, 36)]
    [3.0, 6.0, 9.0, 12.0, 12.0]
    """
    return float(min(ONE_YEAR_MONTHS, total_months / 2))


def longest_mobility_before(total_months: float) -> float:
    """The former L6222-42 (2019 to 28 December 2023): at most one year abroad and at least
    six months performed in France, never below zero.

    >>> [longest_mobility_before(m) for m in (6, 12, 18, 24, 36)]
    [0.0, 6.0, 12.0, 12.0, 12.0]
    """
    return float(max(0, min(ONE_YEAR_MONTHS, total_months - FORMER_MONTHS_IN_FRANCE)))


def longest_mobility_months(start: date | str, end: date | str) -> float:
    """The longest mobility abroad a contract allows today, from its start and end dates."""
    return longest_mobility_now(contract_months(start, end))


# -- the people of the case -----------------------------------------------------------------
def participants() -> dict[str, Any]:
    """The five learners by id (lea, noah, karim, ines, manon)."""
    return {p["id"]: p for p in case()["participants"]}


def participant(pid: str) -> Any:
    return participants()[pid]


def is_apprentice(p: Any) -> bool:
    return p["status"] == "apprentice"


def activity_days(start: date | str, end: date | str) -> int:
    """Days of activity from the first to the last day, both included.

    >>> activity_days("2027-01-11", "2027-05-07"), activity_days("2027-03-01", "2027-03-28")
    (117, 28)
    """
    return (as_date(end) - as_date(start)).days + 1


def stay_days(p: Any) -> int:
    return activity_days(p["mobility_start"], p["mobility_end"])


def activity_key(p: Any) -> str:
    """The Erasmus+ activity type of a learner's stay (engine rule: 90 days or more is
    ErasmusPro)."""
    return activity_for("learner", stay_days(p))


def erasmus_range(p: Any) -> tuple[int, int]:
    low_high = duration_range(activity_key(p), bool(p.get("fewer_opportunities", False)))
    assert low_high is not None
    return low_high


def contract_of(p: Any) -> float | None:
    """A participant's contract months, or None for a recent graduate (no contract)."""
    if not is_apprentice(p):
        return None
    return contract_months(p["contract_start"], p["contract_end"])


def ceiling_of(p: Any) -> float | None:
    """The longest mobility a participant's contract allows, or None without a contract."""
    if not is_apprentice(p):
        return None
    return longest_mobility_months(p["contract_start"], p["contract_end"])


def age_on(born: date | str, day: date | str) -> int:
    born, day = as_date(born), as_date(day)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_minor(p: Any) -> bool:
    return age_on(p["born"], p["mobility_start"]) < 18


def recent_graduate_window_end(graduation: date | str) -> date:
    """The last day a recent graduate may start: 12 months after graduation."""
    return add_months(graduation, RECENT_GRADUATE_MONTHS)


def months_after_graduation(p: Any) -> int:
    """The calendar months from graduation to departure, as the lesson counts them (July
    2026 to March 2027: 8)."""
    first, later = as_date(p["graduation_date"]), as_date(p["mobility_start"])
    return (later.year - first.year) * 12 + later.month - first.month


def ceam_request_latest(departure: date | str) -> date:
    """The last day to ask for a CEAM: 15 days before departure (CLEISS)."""
    return as_date(departure) - timedelta(days=CEAM_DAYS_BEFORE)


# -- the regime and what follows (L6222-42 II, Ministère du Travail) -------------------------
def regime_for(employer_keeps_paying: bool) -> str:
    """The employer's wish decides, whatever the duration: keep paying -> mise à
    disposition; not pay -> mise en veille."""
    return MISE_A_DISPOSITION if employer_keeps_paying else MISE_EN_VEILLE


def regime(p: Any) -> str:
    return regime_for(bool(p["employer_keeps_paying"]))


def who_pays(p: Any) -> str:
    """A: the French employer (mise à disposition); under mise en veille, B when the host
    hires and pays the apprentice, otherwise C (no wage during the stay)."""
    if regime(p) == MISE_A_DISPOSITION:
        return "A"
    return "B" if p.get("salaried_in_host_state") else "C"


def social_security(p: Any) -> str:
    """A: French; B: the host state's, only under mise en veille for an apprentice salaried
    there (L6222-42 II 1°)."""
    if regime(p) == MISE_EN_VEILLE and p.get("salaried_in_host_state"):
        return "B"
    return "A"


# -- exercise 1: the six scenarios ----------------------------------------------------------
RULES = ("R1", "R2", "R3", "R4", "R5", "R6")
RULE_OF_KIND = {"participant_status": "R1", "activity_duration": "R2",
                "participant_limit": "R3", "applications_per_round": "R4",
                "project_start": "R5", "contract_ceiling": "R6"}


def assess(scenario: Any) -> tuple[bool, str]:
    """Is a scenario allowed, and which rule decides it? Computed from its facts."""
    kind = scenario["kind"]
    project = case()["erasmus_project"]
    if kind == "contract_ceiling":
        p = participant(scenario["participant"])
        allowed = scenario["stay_months"] <= ceiling_of(p)
    elif kind == "participant_status":
        p = participant(scenario["participant"])
        allowed = is_apprentice(p) or (
            p["status"] == "recent graduate"
            and as_date(p["mobility_start"]) <= recent_graduate_window_end(p["graduation_date"]))
    elif kind == "applications_per_round":
        allowed = (scenario["applications_in_round"] <= KA122_APPLICATIONS_PER_ROUND
                   and not case()["cfa"]["erasmus_accreditation_in_vet"])
    elif kind == "participant_limit":
        allowed = scenario["participants"] <= KA122_MAX_PARTICIPANTS  # accompanying not counted
    elif kind == "activity_duration":
        p = participant(scenario["participant"])
        key = "short_term" if scenario["activity"] == "short-term" else "erasmuspro"
        low, high = duration_range(key, bool(p.get("fewer_opportunities", False)))
        allowed = low <= scenario["days"] <= high
    elif kind == "project_start":
        first, last = (as_date(d) for d in project["allowed_start_window"])
        allowed = first <= as_date(scenario["project_start"]) <= last
    else:
        raise ValueError(f"scenario {scenario['id']}: unknown kind {kind!r}")
    return bool(allowed), RULE_OF_KIND[kind]


def exercise_1_expected() -> tuple[list[bool], list[str]]:
    """``allowed`` and ``rules`` for the scenarios A to F, in order."""
    results = [assess(s) for s in case()["exercise_1_scenarios"]]
    return [a for a, _ in results], [r for _, r in results]


def exercise_2_expected() -> dict[str, float]:
    return {pid: ceiling_of(participant(pid)) for pid in ("ines", "karim")}


EXERCISE_3_PEOPLE = ("lea", "karim", "ines")


def exercise_3_expected() -> dict[str, list[str]]:
    people = [participant(pid) for pid in EXERCISE_3_PEOPLE]
    return {"regimes": [regime(p) for p in people], "who_pays": [who_pays(p) for p in people],
            "social_security": [social_security(p) for p in people]}


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
            "Signatories": ", ".join(p["signatories"]) if apprentice else "—",
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
