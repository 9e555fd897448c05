"""Edges of ``build`` and its pre-check ``source_problems``: the exact message of each reason a
source notebook is refused (markers without an answer cell, unpaired markers, hidden tests
outside a graded cell, metadata that is not a mapping or has the wrong schema_version, answer,
task and read-only cells without a grade_id), that a check never stops at one bad cell, what
counts as a graded cell (a task cell does, 0 and 0.5 points are fine), which key is seen in the
text nbgrader releases (after END SOLUTION, after END HIDDEN TESTS, a call split over lines),
and, with real nbgrader, what ``build`` refuses after generate_assignment: an answers file in a
sub-folder, a marking scheme left in the notebook's metadata; and that a build under a
non-UTF-8 locale still reads the released notebook as UTF-8."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course_lib.grading import BuildResult, build, source_problems

REPO = Path(__file__).resolve().parents[1]
C11 = "c1-1-develop"
HIDDEN = "put it between ### BEGIN HIDDEN TESTS and ### END HIDDEN TESTS in a graded test cell"
# The workbooks of course_lib/data/toolkits/c1-1-develop.yaml, in the order of its files: list.
TOOLKIT_NOTES = [f"toolkit: release/{C11}/toolkit/{name}" for name in (
    "c1-1-partner-assessment.xlsx", "c1-1-project-checklist.xlsx", "c1-1-risk-register.xlsx")]


def nbg(grade_id=None, **flags):
    """nbgrader cell metadata: schema 3, the flags given set (``grade_id`` when given)."""
    m = {"grade": False, "solution": False, "locked": False, "task": False,
         "schema_version": 3, **flags}
    if grade_id is not None:
        m["grade_id"] = grade_id
    return {"nbgrader": m}


def answer():
    return new_code_cell("x = ...\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION",
                         metadata=nbg("a", solution=True))


def graded_test(grade_id="t", points=1):
    return new_code_cell("assert x == 1", metadata=nbg(grade_id, grade=True, points=points))


def problems(tmp_path, *cells):
    path = tmp_path / "nb.ipynb"
    nbformat.write(new_notebook(cells=list(cells)), path)
    return source_problems(path)


# -- the exact message of each reason ------------------------------------------------------------
def test_a_begin_marker_alone_in_a_plain_cell(tmp_path):
    # Only "### BEGIN SOLUTION", no END: still a solution marker outside an answer cell.
    assert problems(tmp_path, new_code_cell("x = ...\n### BEGIN SOLUTION\nx = 1"),
                    graded_test()) == [
        "nb.ipynb, cell 1: solution markers in a cell that is not an answer cell"]


def test_solution_markers_in_a_graded_test_cell(tmp_path):
    cell = new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\nassert x == 1",
                         metadata=nbg("t", grade=True, points=1))
    assert problems(tmp_path, cell) == [
        "nb.ipynb, cell 1: solution markers in a cell that is not an answer cell"]


def test_an_answer_cell_whose_markers_do_not_pair_up(tmp_path):
    assert problems(tmp_path,
                    new_code_cell("x = ...\n### BEGIN SOLUTION\nx = 1",
                                  metadata=nbg("a", solution=True)),
                    graded_test()) == [
        "nb.ipynb, cell 1: ### BEGIN SOLUTION and ### END SOLUTION do not pair up"]


def test_hidden_tests_outside_a_graded_cell(tmp_path):
    assert problems(tmp_path,
                    new_code_cell("### BEGIN HIDDEN TESTS\nassert x == 1\n### END HIDDEN TESTS"),
                    graded_test()) == [
        "nb.ipynb, cell 1: hidden tests in a cell that is not a graded test cell "
        "(nbgrader would release them)"]


def test_metadata_not_a_mapping_does_not_stop_the_check_of_later_cells(tmp_path):
    assert problems(tmp_path,
                    new_code_cell("print(1)", metadata={"nbgrader": "grade"}),
                    graded_test(points=None)) == [
        "nb.ipynb, cell 1: nbgrader metadata is not a mapping",
        "nb.ipynb, cell 2: a graded cell needs points >= 0, got None"]


def test_a_wrong_schema_version(tmp_path):
    cell = graded_test()
    cell.metadata["nbgrader"]["schema_version"] = 2
    assert problems(tmp_path, answer(), cell) == [
        "nb.ipynb, cell 2: nbgrader schema_version must be 3"]


@pytest.mark.parametrize("cell", [
    new_code_cell("x = ...\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION",
                  metadata=nbg(solution=True)),
    new_markdown_cell("Describe your plan.", metadata=nbg(task=True, points=1)),
    new_code_cell("import course_lib", metadata=nbg(locked=True)),
], ids=["answer", "task", "read-only"])
def test_each_kind_of_nbgrader_cell_needs_a_grade_id(tmp_path, cell):
    assert problems(tmp_path, cell, graded_test()) == ["nb.ipynb, cell 1: missing grade_id"]


def test_a_cell_with_no_nbgrader_role_does_not_stop_the_check(tmp_path):
    # All flags off: not an nbgrader cell; the graded cell after it is still checked.
    plain = new_code_cell("print(1)", metadata=nbg())
    assert problems(tmp_path, plain, graded_test(points=None)) == [
        "nb.ipynb, cell 2: a graded cell needs points >= 0, got None"]


def test_a_task_cell_is_a_graded_cell(tmp_path):
    assert problems(tmp_path, new_markdown_cell("Describe your plan.",
                                                metadata=nbg("plan", task=True, points=2))) == []
    assert problems(tmp_path, new_markdown_cell("Describe your plan.",
                                                metadata=nbg("plan", task=True))) == [
        "nb.ipynb, cell 1: a graded cell needs points >= 0, got None"]


# -- which key is seen in the released text ------------------------------------------------------
def test_a_key_after_the_end_of_a_solution_is_seen(tmp_path):
    cell = new_code_cell('answer = ...\n### BEGIN SOLUTION\nanswer = "b"\n### END SOLUTION\n'
                         'test.answer("q1", answer)', metadata=nbg("a", solution=True))
    assert problems(tmp_path, cell, graded_test()) == [
        f"nb.ipynb, cell 1: a quiz answer (test.answer) would reach release/; {HIDDEN}"]


def test_a_key_after_the_end_of_hidden_tests_is_seen(tmp_path):
    cell = new_code_cell("### BEGIN HIDDEN TESTS\nassert x == 1\n### END HIDDEN TESTS\n"
                         "test.score(x)", metadata=nbg("t", grade=True, points=1))
    assert problems(tmp_path, answer(), cell) == [
        f"nb.ipynb, cell 2: a graded key (test.score) would reach release/; {HIDDEN}"]


def test_a_quiz_answer_split_over_two_lines_is_seen(tmp_path):
    cell = new_code_cell('test.ask("q1")\ntest.answer(\n    "b")', metadata=nbg("a", solution=True))
    assert problems(tmp_path, cell, graded_test()) == [
        f"nb.ipynb, cell 1: a quiz answer (test.answer) would reach release/; {HIDDEN}"]


# -- build with real nbgrader ---------------------------------------------------------------------
@pytest.fixture
def course(tmp_path) -> Path:
    shutil.copy(REPO / "nbgrader_config.py", tmp_path)
    return tmp_path


def source(root: Path, *cells, metadata=None) -> Path:
    folder = root / "source" / C11
    folder.mkdir(parents=True, exist_ok=True)
    nb = new_notebook(cells=list(cells or (answer(), graded_test())))
    nb.metadata.update(metadata or {})
    nbformat.write(nb, folder / f"{C11}.ipynb")
    return folder


def test_zero_and_half_points_are_built(course):
    # nbgrader itself takes 0 and 0.5 points; the pre-check must not refuse them.
    source(course, answer(), graded_test("t1", points=0.5), graded_test("t2", points=0))
    assert build(course, [C11]) == [BuildResult(C11, True, f"release/{C11}", TOOLKIT_NOTES)]


def test_an_answers_file_in_a_sub_folder_is_refused(course):
    # Only answers*.json beside the notebook is removed before nbgrader copies the folder.
    data = source(course) / "data"
    data.mkdir()
    (data / "answers.json").write_text("{}", encoding="utf-8")
    assert build(course, [C11]) == [
        BuildResult(C11, False, "release holds solutions: ['answers.json']", TOOLKIT_NOTES)]
    assert (course / "release" / C11 / "data" / "answers.json").is_file()


def test_a_marking_scheme_left_in_the_notebook_metadata_is_refused(course):
    # nbgrader clears marking schemes from cell sources only; notebook metadata is released.
    source(course, answer(), graded_test(),
           metadata={"trainer": "=== BEGIN MARK SCHEME === full marks for x = 1"})
    assert build(course, [C11]) == [
        BuildResult(C11, False, f"release holds solutions: ['{C11}.ipynb']", TOOLKIT_NOTES)]
    released = nbformat.read(course / "release" / C11 / f"{C11}.ipynb", as_version=4)
    assert released.metadata["trainer"] == "=== BEGIN MARK SCHEME === full marks for x = 1"


def test_a_build_under_an_ascii_locale_reads_accented_notebooks(course):
    # A trainer's shell with a non-UTF-8 locale: the released notebook is still read as UTF-8.
    source(course, new_markdown_cell("Coût éligible : 1 516,20 €"), answer(), graded_test())
    env = {**os.environ, "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    script = ("import sys; from pathlib import Path; from course_lib.grading import build; "
              f"[r] = build(Path(sys.argv[1]), [{C11!r}]); print(r.ok, r.message)")
    done = subprocess.run([sys.executable, "-c", script, str(course)], cwd=REPO, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert (done.returncode, done.stdout) == (0, f"True release/{C11}\n"), done.stderr[-2000:]
