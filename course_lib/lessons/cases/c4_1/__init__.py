"""The worked case of C4.1, "Four sales apprentices to Malta": outcomes, levels, blocs.

The facts are in ``data/cases/c4-1-pedagogy.yaml``; everything that can be computed is
computed here, so that the lesson, its tables, its chart and the exercise checks agree: ages
and minors from the birth dates, days of activity and day numbers from the dates, how many
competences of each bloc the host's tasks train and so which blocs to target, the dimension
(K, S or A) of a statement by the lesson's quick test, the EQF level of a qualification from
the French levels table, and what the rules of exercise 3 find in a learning outcome.

:mod:`.facts` reads the case and computes, :mod:`.outcomes` holds the rules of exercise 3,
and :mod:`.show` builds the tables and the chart from both (never the reverse); every name
is imported from here.
"""

from .facts import (
    MODULE,
    activity_days,
    age_on,
    ages_at_departure,
    autonomy_words_in,
    bloc,
    bloc_label,
    blocs,
    case,
    coverage,
    day_of_stay,
    debrief_delay,
    departure,
    diploma_level,
    expected_levels,
    expected_types,
    final_assessment_day,
    french_levels,
    learning_outcomes,
    level_of_kind,
    levels_of_former,
    long_date,
    midpoint_day,
    minors_at_departure,
    names,
    outcome,
    project_months,
    qualification_level,
    qualifications,
    quick_test,
    roman_reading,
    roman_value,
    statements,
    step,
    targeted_blocs,
    tasks_for,
)
from .outcomes import (
    Reading,
    autonomy_phrase,
    named_blocs,
    read_outcome,
    rules,
    table_broken,
)
from .show import (
    blocs_table,
    coverage_table,
    cycle_chart,
    dimensions_table,
    eqf_descriptors_table,
    french_levels_table,
    malta_facts,
    outcomes_table,
    qualifications_table,
    show_action_verbs,
    show_bloc_coverage,
    show_blocs,
    show_cycle_chart,
    show_dimensions,
    show_eqf_descriptors,
    show_french_levels,
    show_ksa_statements,
    show_learning_outcomes,
    show_malta_case,
    show_qualifications,
    show_targeted_blocs,
    statements_table,
    targeted_table,
    tasks_table,
    verbs_table,
)

__all__ = [
    "MODULE", "Reading", "activity_days", "age_on", "ages_at_departure", "autonomy_phrase",
    "autonomy_words_in", "bloc", "bloc_label", "blocs", "blocs_table", "case", "coverage",
    "coverage_table", "cycle_chart", "day_of_stay", "debrief_delay", "departure",
    "dimensions_table", "diploma_level", "eqf_descriptors_table", "expected_levels",
    "expected_types", "final_assessment_day", "french_levels", "french_levels_table",
    "learning_outcomes", "level_of_kind", "levels_of_former", "long_date", "malta_facts",
    "midpoint_day", "minors_at_departure", "named_blocs", "names", "outcome", "outcomes_table",
    "project_months", "qualification_level", "qualifications", "qualifications_table",
    "quick_test", "read_outcome", "roman_reading", "roman_value", "rules", "show_action_verbs",
    "show_bloc_coverage", "show_blocs", "show_cycle_chart", "show_dimensions",
    "show_eqf_descriptors", "show_french_levels", "show_ksa_statements", "show_learning_outcomes",
    "show_malta_case", "show_qualifications", "show_targeted_blocs", "statements",
    "statements_table", "step", "table_broken", "targeted_blocs", "targeted_table", "tasks_for",
    "tasks_table", "verbs_table",
]
