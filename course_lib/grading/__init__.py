"""The trainer's nbgrader cycle: build the release, simulate a cohort, grade, give feedback.

Everything goes through nbgrader's own Python API (``NbGraderAPI``) on the course root.
:mod:`.course` locates the course and calls nbgrader; :mod:`.build`, :mod:`.cohort` and
:mod:`.autograde` are the steps. Reports and certificates will join them here.
"""

from .autograde import GradeReport, already_graded, generate_feedback, grade, submissions
from .build import BuildResult, build, source_problems
from .cohort import (
    ALL_PROFILES,
    PROFILES,
    GradedKey,
    answer_cells,
    demo_cohort,
    graded_keys,
    simulate_submission,
)
from .course import (
    CourseError,
    course_root,
    nbgrader_api,
    quiet_stderr,
    released_modules,
    source_modules,
    tools_on_path,
)

__all__ = [
    "ALL_PROFILES", "PROFILES", "BuildResult", "CourseError", "GradeReport", "GradedKey",
    "already_graded", "answer_cells", "build", "course_root", "demo_cohort",
    "generate_feedback", "grade", "graded_keys", "nbgrader_api", "quiet_stderr",
    "released_modules", "simulate_submission", "source_modules", "source_problems",
    "submissions", "tools_on_path",
]
