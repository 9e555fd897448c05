"""The worked case of C1.2, "Atelier bois à Porto": one departure from selection to closing.

The facts are in ``data/cases/c1-2-implement.yaml``. Everything that can be computed is
computed here: ages on the departure day, the grant (budget engine, call-2021 table), the
departure plan's latest dates, slack and critical path (planning engine), spending totals
and differences, and the documents missing from each participant's file. The lesson, its
tables and charts and the exercise checks all read these functions.

:mod:`.facts` reads the case and computes, :mod:`.show` builds the tables and charts from
it (never the reverse); every name is imported from here.
"""

from .facts import (
    CATEGORIES,
    CATEGORY_ALIASES,
    CATEGORY_LABELS,
    MODULE,
    MONTHS,
    OVERSPEND_TOLERANCE,
    activity_days,
    age_at_departure,
    age_on,
    apprentices,
    case,
    category_named,
    computation,
    critical_tasks,
    departure,
    departure_plan,
    departure_schedule,
    distance_km,
    document_names,
    document_rules,
    euros,
    files,
    first_name,
    fold,
    funded_days,
    grant,
    grant_by_category,
    individual_support_of,
    is_minor,
    line_amount,
    long_date,
    missing_documents,
    mobilities,
    nights_abroad,
    overspend_amount,
    overspent_categories,
    person,
    rates,
    return_date,
    spending_by_category,
    spending_vs_grant,
    tier_split,
    unsigned_by,
    verdict,
)
from .show import (
    SPENDING_CHART_LOCKED,
    backplan_chart,
    checklist_table,
    employer_file_note,
    exercise_2_is_right,
    file_facts,
    grant_table,
    overview_table,
    plan_table,
    show_backplan_chart,
    show_case_overview,
    show_crisis_levels,
    show_document_checklist,
    show_files_to_check,
    show_grant_table,
    show_plan_tasks,
    show_spending_chart,
    show_spending_lines,
    show_worked_files,
    spending_chart,
    spending_table,
)

__all__ = [
    "CATEGORIES", "CATEGORY_ALIASES", "CATEGORY_LABELS", "MODULE", "MONTHS",
    "OVERSPEND_TOLERANCE", "SPENDING_CHART_LOCKED", "activity_days", "age_at_departure",
    "age_on", "apprentices", "backplan_chart", "case", "category_named", "checklist_table",
    "computation", "employer_file_note", "exercise_2_is_right", "overspend_amount",
    "critical_tasks", "departure", "departure_plan", "departure_schedule", "distance_km",
    "document_names", "document_rules", "euros", "file_facts", "files", "first_name", "fold",
    "funded_days", "grant", "grant_by_category", "grant_table", "individual_support_of",
    "is_minor", "line_amount", "long_date", "missing_documents", "mobilities", "nights_abroad",
    "overspent_categories", "overview_table", "person", "plan_table", "rates", "return_date",
    "show_backplan_chart", "show_case_overview", "show_crisis_levels", "show_document_checklist",
    "show_files_to_check", "show_grant_table", "show_plan_tasks", "show_spending_chart",
    "show_spending_lines", "show_worked_files", "spending_by_category", "spending_chart",
    "spending_table", "spending_vs_grant", "tier_split", "unsigned_by", "verdict",
]
