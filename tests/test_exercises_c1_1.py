"""C1.1 exercise checks: the right answer passes, each usual mistake gets its own advice."""

from __future__ import annotations

import pytest

from course_lib.lessons.checks import c1_1


@pytest.fixture(autouse=True)
def grading(monkeypatch):
    """As under nbgrader autograde: a failed check raises with its message."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")


def fails(check, value) -> str:
    with pytest.raises(AssertionError) as info:
        check(value)
    return str(info.value)


def test_travel():
    c1_1.check_travel(275)  # Lyon-Cork, 1 188 km: band 500-1 999 km, standard
    assert "green-travel rate" in fails(c1_1.check_travel, 320)
    assert "Do not double" in fails(c1_1.check_travel, 550)
    assert "Find the band" in fails(c1_1.check_travel, 360)
    assert "still holds `...`" in fails(c1_1.check_travel, ...)
    assert "should be a number" in fails(c1_1.check_travel, "two hundred")


def test_days_funded():
    c1_1.check_days_funded(21 + 2)
    assert "Add the funded travel days" in fails(c1_1.check_days_funded, 21)
    assert "at most 2 travel days" in fails(c1_1.check_days_funded, 27)


def test_support():
    c1_1.check_support(14 * 66 + 9 * 66 * 0.7)  # 924 + 415.80 = 1 339.80
    c1_1.check_support("1 339,80")  # typed the French way
    assert "drops to 70 %" in fails(c1_1.check_support, 23 * 66)
    assert "Include the 2 funded travel days" in fails(c1_1.check_support,
                                                       14 * 66 + 7 * 66 * 0.7)
    assert "Ireland is in group 1" in fails(c1_1.check_support, 14 * 57 + 9 * 57 * 0.7)
    assert "staff rate" in fails(c1_1.check_support, 14 * 117 + 9 * 117 * 0.7)


def test_project_grant():
    apprentice = 275 + (14 * 66 + 9 * 66 * 0.7) + 350  # 1 964.80
    trainer = 275 + 14 * 117 + 9 * 117 * 0.7  # 2 650.10
    right = 6 * apprentice + trainer + 100  # 14 538.90
    c1_1.check_project_grant(right)
    assert "inclusion support" in fails(c1_1.check_project_grant, right - 100)
    assert "not counted for organisational" in fails(c1_1.check_project_grant, right + 350)
    assert "trainer is funded too" in fails(c1_1.check_project_grant, right - trainer)
    learner_rate_trainer = right - (14 * 117 + 9 * 117 * 0.7) + (14 * 66 + 9 * 66 * 0.7)
    assert "staff rate" in fails(c1_1.check_project_grant, learner_rate_trainer)
    assert "only for the apprentice" in fails(c1_1.check_project_grant, right + 500)
    assert "Not this total" in fails(c1_1.check_project_grant, 1000)


def test_back_planning():
    from datetime import date

    c1_1.check_latest_start(date(2025, 11, 13))  # 19 Feb 2026 - 14 weeks
    c1_1.check_latest_start("2025-11-13")
    assert "Too late" in fails(c1_1.check_latest_start, "2025-11-20")
    assert "Too early" in fails(c1_1.check_latest_start, "2025-11-06")
    assert "after the deadline" in fails(c1_1.check_latest_start, "2026-03-01")
    c1_1.check_latest_start("13/11/2025")  # the French way of writing it is read too
    assert "year-month-day" in fails(c1_1.check_latest_start, "31/02/2026")
    assert "year-month-day" in fails(c1_1.check_latest_start, 13 / 11 / 2025)
    c1_1.check_ready_on_time(False)
    c1_1.check_ready_on_time("faux")
    assert "Compare 1 December 2025" in fails(c1_1.check_ready_on_time, True)
    assert "Compare 1 December 2025" in fails(c1_1.check_ready_on_time, "vrai")
    assert "True or False" in fails(c1_1.check_ready_on_time, "maybe")
