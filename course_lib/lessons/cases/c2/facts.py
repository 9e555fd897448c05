"""The facts of the Porto case (C2) and the rules computed from them: contract
durations and the longest stay abroad (Code du travail L6222-42 I), activity days, the Erasmus+
duration ranges, the CEAM request dates, the regime and its consequences, and the expected
answers of the three exercises.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from ....erasmus.activities import KA122_MAX_PARTICIPANTS, activity_for
from ....erasmus.eligibility import duration_range
from .. import load_case

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


def time_after_graduation(p: Any) -> tuple[int, int]:
    """The time elapsed from graduation to departure, in whole months then days.

    >>> time_after_graduation({"graduation_date": "2026-07-03", "mobility_start": "2027-03-01"})
    (7, 26)
    """
    first, later = as_date(p["graduation_date"]), as_date(p["mobility_start"])
    months = (later.year - first.year) * 12 + later.month - first.month
    if add_months(first, months) > later:
        months -= 1
    return months, (later - add_months(first, months)).days


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
