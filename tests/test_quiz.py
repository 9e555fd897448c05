"""Quiz widgets in every place a notebook runs: JupyterLab, nbgrader, Voila."""

import json

import pytest

from course_lib.quiz import widgets as quiz
from course_lib.quiz.questions import parse_bank

BANK = """
module: demo
questions:
  p1:
    type: single
    prompt: Which action is the accreditation?
    options: {a: KA120, b: KA122}
    answer: a
    explanation: KA120 is the accreditation.
  v1:
    mode: graded
    type: single
    prompt: Pick b
    options: {a: A, b: B, c: C}
    hint: Read section 1.
  v2:
    mode: graded
    type: ordering
    prompt: Order
    items: {x: X, y: Y, z: Z}
  v3:
    mode: graded
    type: numeric
    prompt: Amount?
    unit: EUR
    tolerance: 1
"""


@pytest.fixture()
def bank(monkeypatch):
    parsed = parse_bank(BANK, "demo")
    monkeypatch.setattr(quiz, "load_bank", lambda module: parsed)
    for var in ("NBGRADER_EXECUTION", "VOILA_PREHEAT", "SERVER_SOFTWARE"):
        monkeypatch.delenv(var, raising=False)
    return parsed


def test_a_click_is_saved_at_once_and_restored(bank, tmp_path):
    test = quiz.ValidationTest("demo", folder=tmp_path)
    test.ask("v1")
    test._inputs["v1"].widget.value = "b"  # what a click on "B" does
    saved = json.loads((tmp_path / "answers.json").read_text())
    assert saved["answers"] == {"v1": "b"}
    again = quiz.ValidationTest("demo", folder=tmp_path)  # kernel restarted, cell re-run
    again.ask("v1")
    assert again._inputs["v1"].widget.value == "b"


def test_numeric_typing_is_parsed_or_refused_with_a_message(bank, tmp_path):
    test = quiz.ValidationTest("demo", folder=tmp_path)
    test.ask("v3")
    box = test._inputs["v3"]
    box.widget_text.value = "1 516,20"
    assert test.store.get("v3") == pytest.approx(1516.2)
    box.widget_text.value = "twelve"
    assert test.store.get("v3") == pytest.approx(1516.2)  # the last good answer is kept


def test_grade_scores_only_during_autograde(bank, tmp_path, monkeypatch, capsys):
    q = bank["v1"]
    hashes = q.hashes_for("b")
    test = quiz.ValidationTest("demo", folder=tmp_path)
    test.answer("v1", "a")
    test.grade("v1", *hashes)  # interactive: no exception, no verdict
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    test.grade("v1", *hashes)  # validate: answered is enough
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="not the expected answer. Read section 1"):
        test.grade("v1", *hashes)
    test.answer("v1", "b")
    test.grade("v1", *hashes)
    assert "Correct" in capsys.readouterr().out


def test_unanswered_fails_under_nbgrader_only(bank, tmp_path, monkeypatch):
    test = quiz.ValidationTest("demo", folder=tmp_path)
    test.grade("v2", "x")  # interactive: a message, never a traceback
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(AssertionError, match="No answer yet"):
        test.grade("v2", "x")


def test_incomplete_ordering_is_kept_but_not_accepted(bank, tmp_path, monkeypatch):
    test = quiz.ValidationTest("demo", folder=tmp_path)
    test.ask("v2")
    test._inputs["v2"].drops[0].value = "y"
    assert test.store.get("v2") == ["y", None, None]
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="incomplete"):
        test.grade("v2", *bank["v2"].hashes_for(["y", "x", "z"]))


def test_no_widget_under_nbgrader(bank, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    test = quiz.ValidationTest("demo", folder=tmp_path)
    test.answer("v1", "c")
    test.ask("v1")
    quiz.Practice("demo").ask("p1")
    out = capsys.readouterr().out
    assert "Recorded answer: c) C" in out and "practice question" in out
    assert test._inputs == {}


def test_voila_visitors_share_nothing(bank, tmp_path, monkeypatch):
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.chdir(tmp_path)
    first = quiz.ValidationTest("demo")
    first.ask("v1")
    first._inputs["v1"].widget.value = "a"
    second = quiz.ValidationTest("demo")
    assert second.store.get("v1") is None
    assert not (tmp_path / "answers.json").exists()
    second.grade("v1", "whatever")  # silent in the web app


def test_unknown_and_bad_answers_in_file_keep_the_others(bank, tmp_path, monkeypatch):
    (tmp_path / "answers.json").write_text(json.dumps(
        {"module": "demo", "answers": {"v1": "b", "v99": "a", "v2": "nonsense"}}))
    test = quiz.ValidationTest("demo", folder=tmp_path)
    assert test.store.get("v1") == "b"
    test.ask("v2")  # a value that no longer fits leaves the widget empty, no error
    assert test._inputs["v2"].drops[0].value is None
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="incomplete or unreadable"):
        test.grade("v2", "x")
    test.grade("v1", *bank["v1"].hashes_for("b"))
    test.answer("v1", "b")  # writing again keeps the unknown entry untouched
    assert json.loads((tmp_path / "answers.json").read_text())["answers"]["v99"] == "a"


def test_practice_check_button_gives_feedback(bank):
    import ipywidgets as w

    shown = []
    quiz_display = quiz.Practice("demo")
    import IPython.display

    orig = IPython.display.display
    IPython.display.display = lambda obj, *a, **k: shown.append(obj)
    try:
        quiz_display.ask("p1")
    finally:
        IPython.display.display = orig
    box = shown[0]
    radio = box.children[1]
    button = next(c for c in box.children if isinstance(c, w.Button))
    result = box.children[-1]
    button.click()
    assert "Choose or type an answer first" in result.value
    radio.value = "b"
    button.click()
    assert "Not quite" in result.value and "KA120 is the accreditation" in result.value
    radio.value = "a"
    button.click()
    assert "Correct" in result.value


def test_exercise_checks_in_voila_say_once_where_to_work(monkeypatch, capsys):
    from course_lib.lessons.checks.c1_1 import check_days_funded, check_travel
    from course_lib.quiz import feedback

    shown = []
    monkeypatch.setattr(feedback, "show", lambda kind, message: shown.append((kind, message)))
    monkeypatch.setattr(feedback, "_voila_noted", False)
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    check_travel(...)
    check_days_funded(...)
    assert shown == [("info", "The exercises are done in JupyterLab, where you can type your "
                              "answers; this web app shows them for reading.")]


def test_practice_numbers_stay_put_when_a_cell_is_run_again(bank, monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")  # text output, easy to read
    practice = quiz.Practice("demo")
    practice.ask("p1")
    practice.ask("p1")
    assert capsys.readouterr().out.count("Practice 1.") == 2
