"""Content standards: what a learner reads is real, complete and matches its declaration."""

from __future__ import annotations

import re

import nbformat
import pytest

from course_lib.catalogue import all_modules, module
from course_lib.grading import released_modules
from course_lib.quiz.questions import load_bank

from .conftest import REPO

PLACEHOLDER = re.compile(r"\b(TODO|FIXME|TBD|XXX)\b|lorem ipsum|placeholder text", re.I)


def learner_files():
    for folder in ("source", "release", "notebooks"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path.suffix in (".ipynb", ".md", ".yaml", ".csv", ".py"):
                yield path
    yield from (REPO / "course_lib" / "data").rglob("*.yaml")


def test_no_placeholder_text_where_learners_read():
    hits = []
    for path in learner_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PLACEHOLDER.search(line):
                hits.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:80]}")
    assert hits == []


def test_the_scan_would_catch_a_placeholder():
    assert PLACEHOLDER.search("Section text: TODO write this")
    assert PLACEHOLDER.search("Lorem ipsum dolor")
    assert not PLACEHOLDER.search("todos les apprentis")


@pytest.mark.parametrize("mid", released_modules(REPO))
def test_module_points_match_its_declaration(mid):
    nb = nbformat.read(REPO / "source" / mid / f"{mid}.ipynb", as_version=4)
    points = sum(c.metadata.get("nbgrader", {}).get("points", 0) for c in nb.cells
                 if c.metadata.get("nbgrader", {}).get("grade"))
    m = module(mid)
    assert points == m.points
    assert 0 < m.pass_mark <= m.points


@pytest.mark.parametrize("mid", released_modules(REPO))
def test_module_notebook_meets_the_content_standard(mid):
    nb = nbformat.read(REPO / "release" / mid / f"{mid}.ipynb", as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    words = len(re.findall(r"[A-Za-zÀ-ÿ'’-]+", prose))
    assert words >= 1500, f"{mid} has {words} words of lesson"
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    opening = re.search(rf'\bstart\(MODULE\)|header\("{mid}"\)', code)  # objectives first
    assert opening and opening.start() < code.index("practice.ask(")
    bank = load_bank(mid)
    asked = set(re.findall(r'practice\.ask\("([^"]+)"\)', code))
    assert asked == {q.id for q in bank.practice()}, "every practice question is asked once"
    graded = set(re.findall(r'test\.ask\("([^"]+)"\)', code))
    assert graded == {q.id for q in bank.graded()}
    assert len(bank.graded()) >= 8 and len(bank.practice()) >= 6
    assert "## Summary" in prose and "## Further resources" in prose
    assert re.search(r"call (year )?20\d\d|20\d\d call|\[V1\]", prose), "figures cite a call"


def test_every_module_is_declared_once():
    ids = [m.id for m in all_modules()]
    assert len(ids) == 7 and len(set(ids)) == 7
    assert ids[0] == "c1-1-develop"


def written(amount: float) -> str:
    """An amount as the lesson writes it: ``11 942.00``."""
    return f"{amount:,.2f}".replace(",", " ")


def test_worked_case_in_the_lesson_matches_the_engine():
    """The Valencia arithmetic written in C1.1 is what the budget engine computes from the case,
    with the printed day-15 amounts of the call-2021 table."""
    from course_lib.lessons.cases.c1_1 import case, cork_budget, valencia_figures

    nb = nbformat.read(REPO / "source" / "c1-1-develop" / "c1-1-develop.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    figures = valencia_figures()
    for name, figure in figures.items():
        assert written(figure) in text, f"{name}: {written(figure)} is not in the lesson"
        assert case()["estimate"][name] == figure, f"{name}: the case file says otherwise"
    assert figures["total"] == 11942.00  # 1 600 + 6 072 + 2 770 + 1 400 + 100
    assert cork_budget().totals["total"] == 14529.00  # 6 x (275 + 1 338 + 350) + 2 651 + 100
    assert "11 931.20" not in text and "14 538.90" not in text  # the 70 %-to-the-cent figures
