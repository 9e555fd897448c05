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

:mod:`.columns` makes the tables that explain a mistyped column, :mod:`.facts` reads the
case and computes, :mod:`.show` builds the tables and charts (it imports the other two,
never the reverse); every name is imported from here.

>>> mean_score("q5_overall"), satisfied_share("q2_work_tasks")
(4.4, 88.0)
>>> mobile_apprentices(), destination_cities(), round(mobility_rate(), 2)
(25, 5, 2.4)
"""

from .columns import (
    CaseTable,
    ColumnAttributeError,
    ColumnNameError,
    explain_column_errors,
    unknown_column_message,
)
from .facts import (
    APPRENTICE,
    MODULE,
    WENT,
    accompanying_persons,
    activity_days_of,
    answer_counts,
    answers_of,
    apprentices_needed,
    average_activity_days,
    case,
    dash,
    destination_cities,
    destination_countries,
    enrolled,
    group_mean,
    groups,
    long_date,
    mean_score,
    mobile_apprentices,
    mobilities,
    mobility_rate,
    number,
    people_abroad,
    questions,
    reference,
    reference_percent,
    satisfied_from,
    satisfied_share,
    satisfied_shares,
    school_year,
    selected_apprentices,
    share_fewer_opportunities,
    share_of,
    survey,
    weak_questions,
)
from .show import (
    answers_chart,
    audiences_table,
    case_facts,
    groups_table,
    plan_table,
    rates_chart,
    reference_table,
    satisfaction_chart,
    scale_text,
    show_answers_chart,
    show_audiences,
    show_case,
    show_mobilities,
    show_plan,
    show_rates_chart,
    show_reference_figures,
    show_satisfaction_chart,
    show_survey,
    show_survey_questions,
    show_visibility_checklist,
    survey_questions_table,
    visibility_table,
)

__all__ = [
    "APPRENTICE", "CaseTable", "ColumnAttributeError", "ColumnNameError", "MODULE", "WENT",
    "accompanying_persons", "activity_days_of", "answer_counts", "answers_chart", "answers_of",
    "apprentices_needed", "audiences_table", "average_activity_days", "case", "case_facts",
    "dash", "destination_cities", "destination_countries", "enrolled", "explain_column_errors",
    "group_mean", "groups", "groups_table", "long_date", "mean_score", "mobile_apprentices",
    "mobilities", "mobility_rate", "number", "people_abroad", "plan_table", "questions",
    "rates_chart", "reference", "reference_percent", "reference_table", "satisfaction_chart",
    "satisfied_from", "satisfied_share", "satisfied_shares", "scale_text", "school_year",
    "selected_apprentices", "share_fewer_opportunities", "share_of", "show_answers_chart",
    "show_audiences", "show_case", "show_mobilities", "show_plan", "show_rates_chart",
    "show_reference_figures", "show_satisfaction_chart", "show_survey", "show_survey_questions",
    "show_visibility_checklist", "survey", "survey_questions_table", "unknown_column_message",
    "visibility_table", "weak_questions",
]
