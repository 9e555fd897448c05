"""nbgrader configuration of the mobility coach course (course root = this folder).

Layout: source/<module>/<module>.ipynb -> release/<module>/ (committed), then the trainer's
submitted/, autograded/, feedback/ and gradebook.db, which are never committed.
"""

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = "mobility-coach"

# The release copy keeps the scaffolding written around a solution: the region between
# BEGIN/END SOLUTION is removed without adding "raise NotImplementedError", so a learner
# who runs a blank cell sees the course's own "replace the ... with your answer" message
# instead of a traceback.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "Write your answer here."

# Learners' answers to the widget quizzes live in answers.json beside the notebook; no file
# of that name exists in source/, so autograde keeps the learner's copy (no overwrite).

# A learner who deletes a graded cell gets it back at autograde (nbgrader#1682, #1770).
c.OverwriteCells.add_missing_cells = True

# Per-cell time limit while grading: generous for a cold kernel start, finite so a
# runaway cell cannot block a grading run (nbgrader#427, #915).
c.Execute.timeout = 120
c.Execute.interrupt_on_timeout = True
c.ExecutePreprocessor.timeout = 120
