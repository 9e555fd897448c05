"""The worked case of C4.2, "Three apprentice mechanics in Turin": units, grids, decisions.

The facts are in ``data/cases/c4-2-recognition.yaml``; everything that can be computed is
computed here, so that the lesson, its tables, its chart and the exercise checks agree: ages and
minors from the birth dates, the days of activity, each apprentice's grid as a pandas table, the
weighted scores (of the stay and of each unit), the decisions of the learning agreement's two
rules, the latest date of part 2 of the mobility unit, and which checklist items a
learning-agreement draft lacks (by the rules stored in the case).

:mod:`.facts` reads the case and computes, :mod:`.show` builds the tables and the chart
from it (never the reverse); every name is imported from here.

>>> weighted_score("Lucas")  # (20*14 + 10*9 + 25*15 + 15*13 + 10*8 + 20*11) / 100
12.4
>>> units_recognised("Lucas")
['U1', 'U2']
"""

from .facts import (
    COLUMNS,
    MODULE,
    Grid,
    MistypedColumn,
    activity_days,
    add_months,
    age_at_departure,
    age_on,
    applies,
    as_date,
    case,
    checklist,
    checklist_items,
    criteria,
    departure,
    draft,
    example_grid,
    first_name,
    is_minor,
    long_date,
    meets,
    missing_items,
    names,
    not_applicable_items,
    participant,
    per_unit,
    plain_average,
    project_months,
    return_date,
    score_of,
    threshold,
    total_weight,
    turin_grid,
    ufm_part_2_latest,
    unit_of,
    unit_plain_averages,
    unit_scores,
    units,
    units_by_plain_average,
    units_recognised,
    validated,
    weighted_points,
    weighted_score,
)
from .show import (
    case_table,
    checklist_table,
    grid_table,
    show_case,
    show_checklist,
    show_draft,
    show_exercise_grid,
    show_grid,
    show_ines_draft,
    show_sarah_draft,
    show_timeline,
    show_unit_chart,
    timeline_table,
    unit_chart,
)

__all__ = [
    "COLUMNS", "Grid", "MODULE", "MistypedColumn", "activity_days", "add_months",
    "age_at_departure", "age_on", "applies", "as_date", "case", "case_table", "checklist",
    "checklist_items", "checklist_table", "criteria", "departure", "draft", "example_grid",
    "first_name", "grid_table", "is_minor", "long_date", "meets", "missing_items", "names",
    "not_applicable_items", "participant", "per_unit", "plain_average", "project_months",
    "return_date", "score_of", "show_case", "show_checklist", "show_draft", "show_exercise_grid",
    "show_grid", "show_ines_draft", "show_sarah_draft", "show_timeline", "show_unit_chart",
    "threshold", "timeline_table", "total_weight", "turin_grid", "ufm_part_2_latest",
    "unit_chart", "unit_of", "unit_plain_averages", "unit_scores", "units",
    "units_by_plain_average", "units_recognised", "validated", "weighted_points",
    "weighted_score",
]
