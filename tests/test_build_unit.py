"""``build`` module by module with real nbgrader (generate_assignment on tiny source notebooks
in a tmp course folder) and the real toolkit writer: what is built, what is refused and why,
what is cleaned from source/, and that one module's problem never stops the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course_lib.grading import BuildResult, CourseError, build
from course_lib.grading import toolkit as toolkit_module

REPO = Path(__file__).resolve().parents[1]
C11, C12, C2 = "c1-1-develop", "c1-2-implement", "c2-regulations"
SOLUTION = "x = ...\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION"
STRAY = "(answers from a test run of the source notebook must not be released)"
# The workbooks of course_lib/data/toolkits/<module>.yaml, in the order of their files: list.
WORKBOOKS = {
    C11: ["c1-1-partner-assessment.xlsx", "c1-1-project-checklist.xlsx",
          "c1-1-risk-register.xlsx"],
    C2: ["c2-eligibility-checklist.xlsx", "c2-regime-decision-sheet.xlsx",
         "c2-convention-checklist.xlsx"],
}
# nbgrader's own complaint (not its generic closing lines "There was an error processing
# assignment" and "Please see the above traceback").
NBGRADER_FAILED = "Notebook failed to validate; the nbgrader metadata may be corrupted."


def meta(grade_id, **flags):
    return {"nbgrader": {"grade": False, "solution": False, "locked": False, "task": False,
                         "schema_version": 3, "grade_id": grade_id, **flags}}


def answer_and_test():
    return (new_code_cell(SOLUTION, metadata=meta("a", solution=True)),
            new_code_cell("assert x == 1", metadata=meta("t", grade=True, points=1)))


@pytest.fixture
def course(tmp_path) -> Path:
    shutil.copy(REPO / "nbgrader_config.py", tmp_path)
    return tmp_path


def source(root: Path, mid: str, *cells) -> Path:
    """``source/<mid>/<mid>.ipynb``: an answer cell and its graded test unless ``cells``."""
    folder = root / "source" / mid
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(new_notebook(cells=list(cells or answer_and_test())),
                   folder / f"{mid}.ipynb")
    return folder


def toolkit_notes(mid: str) -> list[str]:
    return [f"toolkit: release/{mid}/toolkit/{name}" for name in WORKBOOKS[mid]]


def built(mid: str, *notes: str) -> BuildResult:
    return BuildResult(mid, True, f"release/{mid}", [*notes, *toolkit_notes(mid)])


def released_sources(root: Path, mid: str) -> list[str]:
    nb = nbformat.read(root / "release" / mid / f"{mid}.ipynb", as_version=4)
    return [cell.source for cell in nb.cells]


# -- what is built -------------------------------------------------------------------------------
def test_without_a_list_every_source_notebook_is_built_in_course_order(course):
    source(course, C2)
    source(course, C11)
    seen = []
    assert build(course, progress=seen.append) == [built(C11), built(C2)]
    assert seen == [C11, C2]
    for mid in (C11, C2):
        assert released_sources(course, mid) == ["x = ...\n", "assert x == 1"]
        assert sorted(p.name for p in (course / "release" / mid / "toolkit").iterdir()) == \
            sorted(WORKBOOKS[mid])


def test_only_the_modules_asked_for_are_built(course):
    source(course, C11)
    source(course, C2)
    assert build(course, iter([C2])) == [built(C2)]
    assert not (course / "release" / C11).exists()


def test_a_build_replaces_the_previous_release(course):
    source(course, C11)
    old = course / "release" / C11 / f"{C11}.ipynb"
    old.parent.mkdir(parents=True)
    nbformat.write(new_notebook(cells=[new_code_cell("an old release")]), old)
    assert build(course, [C11]) == [built(C11)]
    assert released_sources(course, C11) == ["x = ...\n", "assert x == 1"]


def test_no_source_notebook_at_all_is_an_error(course):
    (course / "source").mkdir()
    with pytest.raises(CourseError) as err:
        build(course)
    assert str(err.value) == f"no module notebook found under {course / 'source'}"
    assert not (course / "release").exists()


def test_an_unknown_module_is_an_error_naming_the_known_ones(course):
    source(course, C11)
    with pytest.raises(CourseError) as err:
        build(course, ["c9-nope"])
    assert str(err.value) == (
        "unknown module 'c9-nope'; known modules: c1-1-develop, c1-2-implement, "
        "c2-regulations, c3-intercultural, c4-1-pedagogy, c4-2-recognition, c5-promotion")
    assert not (course / "release").exists()


# -- source/ cleaned before nbgrader copies it ---------------------------------------------------
def test_answers_left_by_a_test_run_are_removed_and_named(course):
    folder = source(course, C11)
    for name in ("answers.json", "answers-old.json", ".answers-x1.tmp", "partners.csv"):
        (folder / name).write_text("{}", encoding="utf-8")
    assert build(course, [C11]) == [built(
        C11,
        f"removed source/{C11}/answers-old.json {STRAY}",
        f"removed source/{C11}/answers.json {STRAY}",
        f"removed source/{C11}/.answers-x1.tmp {STRAY}",
    )]
    assert sorted(p.name for p in folder.iterdir()) == [f"{C11}.ipynb", "partners.csv"]
    assert sorted(p.name for p in (course / "release" / C11).iterdir()) == [
        f"{C11}.ipynb", "partners.csv", "toolkit"]


# -- a module that cannot be built is named, and the next one is built ---------------------------
def test_a_missing_notebook(course):
    source(course, C2)
    assert build(course, [C11, C2]) == [
        BuildResult(C11, False, f"no source notebook {course}/source/{C11}/{C11}.ipynb"),
        built(C2),
    ]


def test_a_notebook_nbgrader_would_reject_is_not_given_to_it(course):
    source(course, C11,
           new_code_cell("assert x == 1", metadata=meta("t", grade=True)),
           new_code_cell("assert x == 2", metadata=meta("t", grade=True, points=1)))
    source(course, C2)
    assert build(course, [C11, C2]) == [
        BuildResult(C11, False, f"{C11}.ipynb, cell 1: a graded cell needs points >= 0, got None"
                                f"; {C11}.ipynb, cell 2: duplicate grade_id 't' (also cell 1)"),
        built(C2),
    ]
    assert not (course / "release" / C11).exists()


def test_nbgrader_failing_gives_its_error_line(course):
    # A graded markdown cell that is not an answer cell: nbgrader's CheckCellMetadata
    # rejects it ("Markdown grade cell 'm' is not marked as a solution cell").
    folder = source(course, C11, *answer_and_test(),
                    new_markdown_cell("Explain your choice.", metadata=meta("m", grade=True,
                                                                            points=1)))
    (folder / "answers.json").write_text("{}", encoding="utf-8")
    source(course, C2)
    assert build(course, [C11, C2]) == [
        BuildResult(C11, False, NBGRADER_FAILED, [f"removed source/{C11}/answers.json {STRAY}"]),
        built(C2),
    ]


def test_a_broken_toolkit(course, monkeypatch):
    # The toolkit definitions are package data; a broken one is put in a copy of that folder.
    toolkits = course / "toolkits"
    toolkits.mkdir()
    shutil.copy(toolkit_module.TOOLKITS / f"{C2}.yaml", toolkits)
    (toolkits / f"{C11}.yaml").write_text("files: a checklist\n", encoding="utf-8")
    monkeypatch.setattr(toolkit_module, "TOOLKITS", toolkits)
    (source(course, C11) / "answers.json").write_text("{}", encoding="utf-8")
    source(course, C2)
    assert build(course, [C11, C2]) == [
        BuildResult(C11, False, f"toolkit: {C11}.yaml: expected a list of files",
                    [f"removed source/{C11}/answers.json {STRAY}"]),
        built(C2),
    ]


def _early_end_cells():
    # nbgrader ends a solution region at any line holding "END SOLUTION", so the key after
    # the early comment would be released
    return (new_code_cell('answer = ...\n### BEGIN SOLUTION\nanswer = "b"\n'
                          "# END SOLUTION of part a; the test compares with this hash\n"
                          'key = "92eb5ffee6ae2fec3ad71c777531578f"\n### END SOLUTION',
                          metadata=meta("a", solution=True)),
            new_code_cell("assert answer", metadata=meta("t", grade=True, points=1)))


def test_a_solution_ended_early_is_refused_before_nbgrader_runs(course):
    # the pre-check reads the markers where nbgrader does: the key is outside the region
    source(course, C11, *_early_end_cells())
    source(course, C2)
    assert build(course, [C11, C2]) == [
        BuildResult(C11, False,
                    f"{C11}.ipynb, cell 1: a hash-like hex string would reach release/; put it "
                    "between ### BEGIN HIDDEN TESTS and ### END HIDDEN TESTS in a graded test "
                    f"cell; {C11}.ipynb, cell 1: ### BEGIN SOLUTION and ### END SOLUTION do "
                    "not pair up"),
        built(C2),
    ]
    assert not (course / "release" / C11).exists()


def test_a_release_that_still_holds_a_solution_is_refused(course, monkeypatch):
    # the last line of defence: were the pre-check to miss it, the release nbgrader wrote is
    # read again and refused
    import importlib

    build_module = importlib.import_module("course_lib.grading.build")  # not the function
    monkeypatch.setattr(build_module, "source_problems", lambda path: [])
    source(course, C11, *_early_end_cells())
    source(course, C2)
    assert build(course, [C11, C2]) == [
        BuildResult(C11, False, f"release holds solutions: ['{C11}.ipynb']", toolkit_notes(C11)),
        built(C2),
    ]
    assert released_sources(course, C11)[0] == (
        'answer = ...\n\nkey = "92eb5ffee6ae2fec3ad71c777531578f"')
