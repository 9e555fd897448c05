"""The `mobility-course` command as a trainer types it: help, errors, the grading cycle."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course_lib.catalogue import module

from .conftest import copy_course

EXE = str(Path(sys.executable).parent / "mobility-course")
COMMANDS = ["build", "lab", "serve", "demo-cohort", "grade", "feedback", "budget"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([EXE, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help(command):
    done = run(*([command] if command else []), "--help")
    assert done.returncode == 0
    assert "Usage: mobility-course" in done.stdout
    if command is None:
        for name in COMMANDS:
            assert name in done.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["no-such-command"], "No such command"),
        (["demo-cohort"], "Missing option '--learners'"),
        (["demo-cohort", "--learners", "zero"], "'zero' is not a valid integer"),
        (["demo-cohort", "--learners", "0"], "0 is not in the range"),
        (["serve", "--port", "99999"], "99999 is not in the range"),
        (["build", "c9-unknown"], "unknown module 'c9-unknown'"),
    ],
)
def test_wrong_arguments_get_one_line_and_non_zero_exit(args, message, tmp_path):
    course = copy_course(tmp_path / "course")
    done = run(*args, cwd=course)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert message in lines[0] and lines[0].startswith("mobility-course: error:")
    assert "Traceback" not in done.stderr


def test_outside_a_course_folder(tmp_path):
    done = run("grade", cwd=tmp_path)
    assert done.returncode == 2
    assert "no course here" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def one_error_line(done: subprocess.CompletedProcess, status: int, message: str) -> None:
    assert done.returncode == status, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith("mobility-course: error: "), done.stderr
    assert message in lines[0], lines[0]


def test_before_anything_is_graded_each_command_says_what_to_run(tmp_path):
    course = copy_course(tmp_path / "course")
    one_error_line(run("grade", cwd=course), 2, "nothing to grade: ")
    one_error_line(run("feedback", cwd=course), 2,
                   "nothing graded yet: run `mobility-course grade` first")
    one_error_line(run("report", cwd=course), 1,
                   "no graded submission yet: run `mobility-course grade` first")
    one_error_line(run("certificate", cwd=course), 1,
                   "no graded submission yet: run `mobility-course grade` first")
    assert not (course / "feedback").exists() and not (course / "certificates").exists()


def test_grading_a_module_that_was_never_built(tmp_path):
    course = copy_course(tmp_path / "course")
    shutil.rmtree(course / "release")
    submitted = course / "submitted" / "ana" / "c2-regulations"
    submitted.mkdir(parents=True)
    shutil.copy2(course / "source" / "c2-regulations" / "c2-regulations.ipynb", submitted)
    one_error_line(run("grade", cwd=course), 2,
                   "c2-regulations not built: run `mobility-course build` first")
    assert not (course / "gradebook.db").exists(), "nothing was graded or registered"


def test_building_a_declared_module_without_its_source(tmp_path):
    course = copy_course(tmp_path / "course")
    shutil.rmtree(course / "source" / "c3-intercultural")
    done = run("build", "c3-intercultural", cwd=course)
    assert done.returncode == 1
    assert "c3-intercultural: no source notebook" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_trainer_cycle_from_the_command_line(tmp_path):
    course = copy_course(tmp_path / "course")
    for folder in ("source", "release"):  # one module keeps this test short
        for other in (course / folder).iterdir():
            if other.name != "c1-1-develop":
                shutil.rmtree(other)
    top = module("c1-1-develop").autograded_points
    full = f"{top:g} / {module('c1-1-develop').points:g} ✔"
    assert run("build", cwd=course).returncode == 0
    done = run("demo-cohort", "--learners", "2", "--seed", "3", cwd=course)
    assert done.returncode == 0, done.stderr
    assert "coach-01: perfect" in done.stdout and "coach-02: partial" in done.stdout
    assert (course / "submitted" / "coach-01" / "c1-1-develop" / "answers.json").exists()
    done = run("grade", cwd=course)
    assert done.returncode == 0, done.stderr
    assert "coach-01" in done.stdout and full in done.stdout
    row = next(line for line in done.stdout.splitlines() if "coach-02" in line)
    assert f"/ {module('c1-1-develop').points:g}" in row and full not in row
    # a broken submission arrives: it is named, the others keep their scores, nothing regraded
    broken = course / "submitted" / "coach-09" / "c1-1-develop"
    broken.mkdir(parents=True)
    (broken / "c1-1-develop.ipynb").write_text("{ not a notebook", encoding="utf-8")
    done = run("grade", cwd=course)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "not graded coach-09 / c1-1-develop: c1-1-develop.ipynb is not a readable notebook "
        "(NotJSONError)"]
    assert full in done.stdout
    assert "nbgrader" in (course / "nbgrader.log").read_text()  # its messages went there
    done = run("feedback", cwd=course)
    assert done.returncode == 0, done.stderr
    assert (course / "feedback" / "coach-02" / "c1-1-develop" / "c1-1-develop.html").exists()
