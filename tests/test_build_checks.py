"""A source notebook nbgrader would reject is named, with the reason, before nbgrader runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from course_lib.grading import source_problems

from .conftest import copy_course


def meta(grade_id=None, **flags):
    m = {"grade": False, "solution": False, "locked": False, "task": False,
         "schema_version": 3, **flags}
    if grade_id is not None:
        m["grade_id"] = grade_id
    return {"nbgrader": m}


def write(tmp_path: Path, *cells) -> Path:
    path = tmp_path / "nb.ipynb"
    nbformat.write(new_notebook(cells=list(cells)), path)
    return path


def test_a_good_notebook_has_no_problem(tmp_path):
    path = write(tmp_path,
                 new_code_cell("x = ...\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION",
                               metadata=meta("a", solution=True)),
                 new_code_cell("assert x == 1", metadata=meta("t", grade=True, points=1)))
    assert source_problems(path) == []


@pytest.mark.parametrize(
    "cells, reason",
    [
        ([new_code_cell("1", metadata=meta("t", grade=True, points=1)),
          new_code_cell("2", metadata=meta("t", grade=True, points=1))],
         "cell 2: duplicate grade_id 't' (also cell 1)"),
        ([new_code_cell("1", metadata=meta(None, grade=True, points=1))], "missing grade_id"),
        ([new_code_cell("1", metadata=meta("t", grade=True))], "needs points"),
        ([new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION"),
          new_code_cell("1", metadata=meta("t", grade=True, points=1))],
         "solution markers in a cell that is not an answer cell"),
        ([new_code_cell("print(1)")], "no graded cell"),
        ([new_code_cell('test.score("v1", "c")', metadata=meta("t", grade=True, points=1))],
         "cell 1: a graded key (test.score) would reach release/"),
        ([new_code_cell('test.grade("v1", "664c4475523be91c0172d6b33a05641e")',
                        metadata=meta("t", grade=True, points=1))],
         "a hash-like hex string would reach release/"),
        ([new_code_cell('test.ask("v1")\ntest.answer("v1", "c")',
                        metadata=meta("a", solution=True)),
          new_code_cell("1", metadata=meta("t", grade=True, points=1))],
         "cell 1: a quiz answer (test.answer) would reach release/"),
        ([new_code_cell("### BEGIN HIDDEN TESTS\nkey = 1\n### END HIDDEN TESTS"),
          new_code_cell("1", metadata=meta("t", grade=True, points=1))],
         "cell 1: hidden tests in a cell that is not a graded test cell"),
        ([new_code_cell("### BEGIN HIDDEN TESTS\nkey = 1",
                        metadata=meta("t", grade=True, points=1))], "do not pair up"),
    ],
)
def test_problems_are_named(tmp_path, cells, reason):
    problems = source_problems(write(tmp_path, *cells))
    assert any(reason in p for p in problems), problems


def test_a_key_in_hidden_tests_or_a_solution_is_fine(tmp_path):
    path = write(tmp_path,
                 new_code_cell('test.ask("v1")\n### BEGIN SOLUTION\ntest.answer("v1", "c")\n'
                               "### END SOLUTION", metadata=meta("a", solution=True)),
                 new_code_cell('test.recorded("v1")\n### BEGIN HIDDEN TESTS\n'
                               'test.score("v1", "c", why="C.")\n### END HIDDEN TESTS',
                               metadata=meta("t", grade=True, points=1)))
    assert source_problems(path) == []


def test_not_a_notebook(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_text("{ not json", encoding="utf-8")
    assert "not a readable notebook" in source_problems(path)[0]


@pytest.mark.slow
def test_build_names_the_broken_module(tmp_path):
    course = copy_course(tmp_path / "course")
    nb_path = course / "source" / "c1-1-develop" / "c1-1-develop.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    graded[1].metadata["nbgrader"]["grade_id"] = graded[0].metadata["nbgrader"]["grade_id"]
    nbformat.write(nb, nb_path)
    shutil.rmtree(course / "release")
    exe = Path(sys.executable).parent / "mobility-course"
    done = subprocess.run([str(exe), "build"], cwd=course, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1
    assert "c1-1-develop" in done.stderr and "duplicate grade_id 'test-v1'" in done.stderr
    assert not (course / "release" / "c1-1-develop").exists()
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_build_refuses_a_key_that_would_reach_the_release(tmp_path):
    course = copy_course(tmp_path / "course")
    nb_path = course / "source" / "c1-1-develop" / "c1-1-develop.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    test_cell = next(c for c in nb.cells if "HIDDEN TESTS" in c.source)
    test_cell.source = "\n".join(line for line in test_cell.source.splitlines()
                                 if "HIDDEN TESTS" not in line)  # the key left in the open
    nbformat.write(nb, nb_path)
    shutil.rmtree(course / "release")
    exe = Path(sys.executable).parent / "mobility-course"
    done = subprocess.run([str(exe), "build"], cwd=course, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1
    assert "a graded key (test.score) would reach release/" in done.stderr
    assert not (course / "release" / "c1-1-develop").exists()
