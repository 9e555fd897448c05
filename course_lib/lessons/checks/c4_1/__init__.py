"""Checks of the C4.1 validation exercises: sort nine statements into knowledge, skills and
responsibility and autonomy; give the EQF level of seven qualifications; write three learning
outcomes that a program checks against six rules.

Expected values are computed from the Malta case (:mod:`course_lib.lessons.cases.c4_1`): the
type of each statement, the level of each qualification from the French levels table, and, for
the outcomes, the rules, verbs, blocs and phrases the case holds. A wrong answer is compared
with the usual mistakes, so the message says what to change (for the outcomes: which rule each
one breaks), never the answer; what people naturally type (``"s, k, a"``, ``"niveau 4"``,
``"4.0"``, a lead-in such as "The apprentice can", French verbs) is read.

:mod:`.reading` reads what the learner typed (and says what to type when it cannot);
:mod:`.exercises` holds the check functions and their advice. Every name is imported
from here, as the notebook's test cells do.
"""

from .exercises import (
    check_eqf_levels,
    check_ksa_types,
    check_ksa_types_all,
    check_old_levels,
    check_outcome_1,
    check_outcome_2,
    check_outcome_3,
    check_outcomes_table,
)
from .reading import (
    ANSWER_NAMES,
    KSA_EXAMPLE,
    LEVELS_EXAMPLE,
    OUTCOME_FORM,
)

__all__ = [
    "ANSWER_NAMES", "KSA_EXAMPLE", "LEVELS_EXAMPLE", "OUTCOME_FORM", "check_eqf_levels",
    "check_ksa_types", "check_ksa_types_all", "check_old_levels", "check_outcome_1",
    "check_outcome_2", "check_outcome_3", "check_outcomes_table",
]
