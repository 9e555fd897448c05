"""Quizzes: question banks, the learner's answer store, the practice and validation widgets,
and the feedback messages they show.

What a module notebook types::

    from course_lib.quiz import Practice, ValidationTest
"""

from .answers import AnswerStore, MemoryStore
from .questions import AnswerError, Bank, Question, QuizError, load_bank, parse_number
from .widgets import Practice, ValidationTest

__all__ = [
    "AnswerError", "AnswerStore", "Bank", "MemoryStore", "Practice", "Question", "QuizError",
    "ValidationTest", "load_bank", "parse_number",
]
