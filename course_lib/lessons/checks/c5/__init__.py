"""Checks of the C5 validation exercises: the satisfaction survey (exercise 1) and the
mobility action's indicators (exercise 2), in the "Retour d'Europe" case.

Expected values are computed with pandas from the case (:mod:`course_lib.lessons.cases.c5`):
the survey's means and shares, the weak questions, the apprentices who went, the destinations
and the mobility rate, compared with the reference figures of the case. A wrong answer is
compared with the usual mistakes (the example's column, another question, a sum, a share
between 0 and 1, the cancelled apprentice, the trainers...), so the message says what to
change, not the answer. What people type is read: ``4,4``, ``"88 %"``, a pandas result
(``numpy`` number, a Series of one value), ``faux``, ``"q3, q4"``; the value each check is
given is recorded as plain data so that the trainer's verdict is the same.
"""


from .indicators import (
    check_above_national,
    check_destinations,
    check_mobile_apprentices,
    check_mobility_rate,
    check_reaches_eu_target,
)
from .reading import ANSWER_NAMES, plain
from .survey import check_mean_overall, check_share_satisfied_tasks, check_weak_questions

__all__ = [
    "ANSWER_NAMES", "check_above_national", "check_destinations", "check_mean_overall",
    "check_mobile_apprentices", "check_mobility_rate", "check_reaches_eu_target",
    "check_share_satisfied_tasks", "check_weak_questions", "plain",
]
