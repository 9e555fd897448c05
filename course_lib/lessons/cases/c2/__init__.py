"""The worked case of C2: CFA Loire Gourmande (Tours) sends five young people to Porto.

Every figure the lesson, the tables, the charts and the checks use is computed here from
``data/cases/c2-regulations.yaml``: contract durations and the longest stay abroad from the
contracts' dates (Code du travail L6222-42 I), activity days from the mobility dates, the
Erasmus+ duration ranges from the engine (:mod:`course_lib.erasmus.activities`), the CEAM
request dates, and the regime and its consequences from each employer's wish.

:mod:`.facts` reads the case and computes, :mod:`.show` builds the tables and charts from
it (never the reverse); every name is imported from here.

>>> longest_mobility_months("2026-09-01", "2027-08-31")  # Inès: 12 months, half decides
6.0
>>> longest_mobility_months("2024-09-01", "2027-08-31")  # Karim: 36 months, one year decides
12.0
"""

from .facts import (
    CEAM_DAYS_BEFORE,
    COVER,
    EXERCISE_3_PEOPLE,
    FORMER_MONTHS_IN_FRANCE,
    KA122_APPLICATIONS_PER_ROUND,
    MISE_A_DISPOSITION,
    MISE_EN_VEILLE,
    MODULE,
    ONE_YEAR_MONTHS,
    PAYS,
    RECENT_GRADUATE_MONTHS,
    RULE_OF_KIND,
    RULES,
    activity_days,
    activity_key,
    add_months,
    age_on,
    as_date,
    assess,
    case,
    ceam_request_latest,
    ceiling_of,
    contract_months,
    contract_of,
    erasmus_range,
    exercise_1_expected,
    exercise_2_expected,
    exercise_3_expected,
    is_apprentice,
    is_minor,
    longest_mobility_before,
    longest_mobility_months,
    longest_mobility_now,
    participant,
    participants,
    recent_graduate_window_end,
    regime,
    regime_for,
    social_security,
    stay_days,
    time_after_graduation,
    who_pays,
)
from .show import (
    coach_file_table,
    contracts_table,
    duration_chart,
    duration_table,
    participants_table,
    scenarios_table,
    show_case,
    show_coach_file,
    show_contracts,
    show_duration_chart,
    show_duration_table,
    show_scenarios,
    show_timeline,
    timeline_chart,
)

__all__ = [
    "CEAM_DAYS_BEFORE", "COVER", "EXERCISE_3_PEOPLE", "FORMER_MONTHS_IN_FRANCE",
    "KA122_APPLICATIONS_PER_ROUND", "MISE_A_DISPOSITION", "MISE_EN_VEILLE", "MODULE",
    "ONE_YEAR_MONTHS", "PAYS", "RECENT_GRADUATE_MONTHS", "RULES", "RULE_OF_KIND", "activity_days",
    "activity_key", "add_months", "age_on", "as_date", "assess", "case", "ceam_request_latest",
    "ceiling_of", "coach_file_table", "contract_months", "contract_of", "contracts_table",
    "duration_chart", "duration_table", "erasmus_range", "exercise_1_expected",
    "exercise_2_expected", "exercise_3_expected", "is_apprentice", "is_minor",
    "longest_mobility_before", "longest_mobility_months", "longest_mobility_now",
    "participant", "participants", "participants_table",
    "recent_graduate_window_end", "regime", "regime_for", "scenarios_table", "show_case",
    "show_coach_file", "show_contracts", "show_duration_chart", "show_duration_table",
    "show_scenarios", "show_timeline", "social_security", "stay_days", "time_after_graduation",
    "timeline_chart", "who_pays",
]
