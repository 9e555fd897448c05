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


@pytest.fixture()
def shown(monkeypatch):
    """Every message box a check shows in JupyterLab, as (kind, text)."""
    from course_lib.quiz import feedback

    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(feedback, "show", lambda kind, message: boxes.append((kind, message)))
    return boxes


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


def test_recorded_never_gives_a_verdict(bank, tmp_path, monkeypatch, shown):
    test = quiz.ValidationTest("demo", folder=tmp_path)
    test.answer("v1", "a")
    test.recorded("v1")  # interactive: "recorded", never right or wrong
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    test.recorded("v1")  # validate: answered is enough
    assert shown == [("ok", "Question 1 (1 point). Answer recorded. It is scored when your "
                            "trainer grades the module.")] * 2


def test_score_shows_the_answer_the_key_and_why(bank, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    test = quiz.ValidationTest("demo", folder=tmp_path)
    test.answer("v1", "a")
    with pytest.raises(AssertionError) as failed:
        test.score("v1", "b", why="B is the only one.")
    assert str(failed.value).splitlines() == [
        "Question 1 (1 point). Not the expected answer.", "Your answer: a) A",
        "Right answer: b) B", "Why: B is the only one."]
    test.answer("v1", "b")
    test.score("v1", "b", why="B is the only one.")
    out = capsys.readouterr().out
    assert "Correct." in out and "Right answer: b) B" in out and "Why: B is the only one." in out


def test_score_without_an_answer_fails(bank, tmp_path, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    test = quiz.ValidationTest("demo", folder=tmp_path)
    with pytest.raises(AssertionError, match="Your answer: no answer"):
        test.score("v1", "b")


@pytest.mark.parametrize(("typed", "right"), [
    ("1 516,20", False), ("1966.6", True), ("1964.6", True), ("1966.61", False),
    ("1 966,55 €", True), ("1964.59", False), (1965.6, True),
])
def test_numeric_keys_accept_the_tolerance_exactly(bank, tmp_path, monkeypatch, typed, right):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    test = quiz.ValidationTest("demo", folder=tmp_path)
    test.answer("v3", typed)
    if right:
        test.score("v3", 1965.6)
    else:
        with pytest.raises(AssertionError, match="Not the expected answer"):
            test.score("v3", 1965.6)


def test_unanswered_fails_under_nbgrader_only(bank, tmp_path, monkeypatch, shown):
    test = quiz.ValidationTest("demo", folder=tmp_path)
    test.recorded("v2")  # interactive: a message, never a traceback
    assert shown == [("problem", "Question 2 (1 point). No answer yet: answer it in the "
                                 "question above.")]
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(AssertionError, match="No answer yet"):
        test.recorded("v2")


def test_incomplete_ordering_is_kept_but_not_accepted(bank, tmp_path, monkeypatch):
    test = quiz.ValidationTest("demo", folder=tmp_path)
    test.ask("v2")
    test._inputs["v2"].drops[0].value = "y"
    assert test.store.get("v2") == ["y", None, None]
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(AssertionError, match="incomplete"):
        test.recorded("v2")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    test.recorded("v2")  # while grading, the hidden test gives the verdict
    with pytest.raises(AssertionError, match="unreadable"):
        test.score("v2", ["y", "x", "z"])


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
    from course_lib.quiz import feedback

    shown = []
    monkeypatch.setattr(feedback, "show", lambda kind, message: shown.append(message))
    second.recorded("v1")  # silent in the web app: no verdict, no "fill in" message
    second.score("v1", "b")
    assert shown == []


def test_unknown_and_bad_answers_in_file_keep_the_others(bank, tmp_path, monkeypatch):
    (tmp_path / "answers.json").write_text(json.dumps(
        {"module": "demo", "answers": {"v1": "b", "v99": "a", "v2": "nonsense"}}))
    test = quiz.ValidationTest("demo", folder=tmp_path)
    assert test.store.get("v1") == "b"
    test.ask("v2")  # a value that no longer fits leaves the widget empty, no error
    assert test._inputs["v2"].drops[0].value is None
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(AssertionError, match="incomplete or unreadable"):
        test.recorded("v2")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="unreadable"):
        test.score("v2", ["x", "y", "z"])
    test.score("v1", "b")
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
    button.click()  # a first wrong try: a hint back to the lesson, not the explanation
    assert "Not quite" in result.value and "Hint:" in result.value
    assert "KA120 is the accreditation" not in result.value
    button.click()  # a second wrong try: the explanation
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
