"""The worked case of C3, "Four apprentices to Galway": levels, language support, emails.

The facts are in ``data/cases/c3-intercultural.yaml``; everything that can be computed is
computed here, so that the lesson, its tables, its chart and the exercise checks agree:
ages and minors from the birth dates, days and hours from the dates, the linguistic support
from the call-2021 rates, who meets a level requirement, and which checklist elements an email
holds (by the detection rules stored in the case).

:mod:`.facts` reads the case and computes, :mod:`.show` builds the tables and the chart
from it (never the reverse); every name is imported from here.
"""

from .facts import (
    MODULE,
    RATES_YEAR,
    activity_days,
    age_on,
    ages_at_departure,
    at_least,
    breaks_rules,
    case,
    checklist,
    day_of_stay,
    departure,
    descriptor_levels,
    draft_email,
    element_ids,
    elements_by_part,
    elements_in,
    email_parts,
    email_text,
    first_email,
    front_desk_ok,
    front_desk_rule,
    levels,
    linguistic_support,
    linguistic_support_of,
    long_date,
    minors_at_departure,
    missing_elements,
    names,
    paragraphs_to_fix,
    rank,
    where_found,
    word_count,
    workshop_dates,
    workshop_hours,
)
from .show import (
    adjustment_chart,
    checklist_table,
    descriptors_table,
    first_email_table,
    galway_facts,
    language_plan_table,
    lesson_table,
    self_assessment_table,
    show_adjustment_curve,
    show_cefr_levels,
    show_checklist_names,
    show_culture_shock_signs,
    show_descriptors,
    show_draft_email,
    show_email_checklist,
    show_first_email,
    show_galway_case,
    show_ines_case,
    show_language_plan,
    show_ols_or_grant,
    show_self_assessment,
    show_vocabulary,
)

__all__ = [
    "MODULE", "RATES_YEAR", "activity_days", "adjustment_chart", "age_on", "ages_at_departure",
    "at_least", "breaks_rules", "case", "checklist", "checklist_table", "day_of_stay",
    "departure", "descriptor_levels", "descriptors_table", "draft_email", "element_ids",
    "elements_by_part", "elements_in", "email_parts", "email_text", "first_email",
    "first_email_table", "front_desk_ok", "front_desk_rule", "galway_facts",
    "language_plan_table", "lesson_table", "levels", "linguistic_support",
    "linguistic_support_of", "long_date", "minors_at_departure", "missing_elements", "names",
    "paragraphs_to_fix", "rank", "self_assessment_table", "show_adjustment_curve",
    "show_cefr_levels", "show_checklist_names", "show_culture_shock_signs", "show_descriptors",
    "show_draft_email", "show_email_checklist", "show_first_email", "show_galway_case",
    "show_ines_case", "show_language_plan", "show_ols_or_grant", "show_self_assessment",
    "show_vocabulary", "where_found", "word_count", "workshop_dates", "workshop_hours",
]
