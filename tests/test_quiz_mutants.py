"""Quiz questions, the answers file and recorded exercise values, pinned to exact results.

Every expected value below is written by hand from the rule it checks: the bank fields a
question keeps, the messages a learner reads, the tolerance edges, the exact layout of
``answers.json`` and of ``.course-values.json``.
"""

from __future__ import annotations

import json
import locale
import os
import pathlib
import re
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from course_lib.quiz import answers as answers_module
from course_lib.quiz import values
from course_lib.quiz.answers import AnswerStore, MemoryStore
from course_lib.quiz.questions import (
    AnswerError,
    Bank,
    Outcome,
    Question,
    QuizError,
    load_bank,
    parse_bank,
    parse_number,
)
from course_lib.quiz.values import VALUES_FILE, plain, read_values, record_value


def single(**extra) -> Question:
    return Question("demo", "s", "practice", "single", "Which is the accreditation?",
                    options={"a": "KA120", "b": "KA122"}, answer="a", **extra)


def quiz_error(raw, qid: str = "q") -> str:
    with pytest.raises(QuizError) as caught:
        Question.from_dict("demo", qid, raw)
    return str(caught.value)


def answer_error(question: Question, value) -> str:
    with pytest.raises(AnswerError) as caught:
        question.normalize(value)
    return str(caught.value)


# -- loading one question ----------------------------------------------------------------
def test_every_field_of_a_question_is_read_from_the_bank():
    q = Question.from_dict("demo", "q1", {
        "mode": "practice", "type": "single", "prompt": "  Which action?  ",
        "options": {"a": "KA120", 2: 122}, "items": {"x": "Step"}, "terms": {"t": "KA1"},
        "definitions": {"d": "Mobility"}, "answer": "a", "explanation": "  KA120.  ",
        "hint": "  See 1.2.  ", "unit": "EUR", "tolerance": 0.5, "points": 3,
        "objective": "2", "source": "guide p. 4",
    })
    assert q == Question(
        module="demo", id="q1", mode="practice", type="single", prompt="Which action?",
        options={"a": "KA120", "2": "122"}, items={"x": "Step"}, terms={"t": "KA1"},
        definitions={"d": "Mobility"}, answer="a", explanation="KA120.", hint="See 1.2.",
        unit="EUR", tolerance=0.5, points=3.0, objective=2, source="guide p. 4",
    )


def test_a_minimal_practice_question_gets_the_defaults():
    q = Question.from_dict("demo", "n", {"type": "numeric", "prompt": "Days?", "answer": 32})
    assert q == Question("demo", "n", "practice", "numeric", "Days?", answer=32)
    assert (q.explanation, q.hint, q.unit, q.source) == ("", "", "", "")
    assert (q.tolerance, q.points, q.objective) == (0.0, 0.0, None)
    assert not q.is_graded


def test_a_graded_question_is_worth_one_point_unless_the_bank_says_otherwise():
    g = Question.from_dict("demo", "g", {"mode": "graded", "type": "numeric", "prompt": "Grant?",
                                         "tolerance": None})
    assert g == Question("demo", "g", "graded", "numeric", "Grant?", points=1.0)
    assert g.is_graded
    two = Question.from_dict("demo", "g", {"mode": "graded", "type": "truefalse",
                                           "prompt": "Sure?", "points": 2})
    assert two.points == 2.0


def test_a_valid_matching_question_loads():
    q = Question.from_dict("demo", "t", {
        "type": "matching", "prompt": "Match", "terms": {"k1": "KA121"},
        "definitions": {"d1": "accredited"}, "answer": {"k1": "d1"}})
    assert (q.terms, q.definitions, q.answer) == ({"k1": "KA121"}, {"d1": "accredited"},
                                                  {"k1": "d1"})


@pytest.mark.parametrize(("raw", "message"), [
    (["a"], "question 'q' of demo: expected a mapping of fields, got list"),
    ({"type": "essay", "prompt": "x"},
     "question 'q' of demo: type must be one of single, multiple, truefalse, numeric, "
     "ordering, matching, got 'essay'"),
    ({"prompt": "x"}, "question 'q' of demo: type must be one of single, multiple, truefalse, "
                      "numeric, ordering, matching, got None"),
    ({"type": "numeric", "mode": "exam", "prompt": "x", "answer": 1},
     "question 'q' of demo: mode must be practice or graded, got 'exam'"),
    ({"type": "numeric", "prompt": "   ", "answer": 1},
     "question 'q' of demo: the prompt is empty"),
    ({"type": "numeric", "answer": 1}, "question 'q' of demo: the prompt is empty"),
    ({"type": "single", "prompt": "x", "options": ["a", "b"], "answer": "a"},
     "question 'q' of demo: options must be a mapping id -> text"),
    ({"type": "single", "prompt": "x", "answer": "a"},
     "question 'q' of demo: a single question needs options"),
    ({"type": "multiple", "prompt": "x", "answer": ["a"]},
     "question 'q' of demo: a multiple question needs options"),
    ({"type": "ordering", "prompt": "x", "answer": ["a"]},
     "question 'q' of demo: a ordering question needs items"),
    ({"type": "matching", "prompt": "x", "definitions": {"d": "D"}, "answer": {"t": "d"}},
     "question 'q' of demo: a matching question needs terms"),
    ({"type": "matching", "prompt": "x", "terms": {"t": "T"}, "answer": {"t": "d"}},
     "question 'q' of demo: a matching question needs definitions"),
    ({"type": "numeric", "prompt": "x"},
     "question 'q' of demo: a practice question needs an answer"),
    ({"type": "single", "prompt": "x", "options": {"a": "A", "b": "B"}, "answer": "z"},
     "question 'q' of demo: its answer does not fit the question: "
     "'z' is not one of the options (a, b)"),
])
def test_a_bad_question_is_refused_with_its_name_and_field(raw, message):
    assert quiz_error(raw) == message


@pytest.mark.parametrize("key", ["answer", "explanation"])
def test_a_graded_question_may_carry_neither_answer_nor_explanation(key):
    raw = {"mode": "graded", "type": "truefalse", "prompt": "x", key: "true"}
    assert quiz_error(raw) == (
        "question 'q' of demo: a graded question must not carry its answer or explanation in "
        "the bank (learners can read it); put the key in the source notebook"
    )


# -- loading a bank ----------------------------------------------------------------------
def test_a_bank_keeps_every_question_under_its_id():
    bank = parse_bank("questions:\n  1: {type: truefalse, prompt: 'Sure?', answer: true}\n"
                      "  g: {mode: graded, type: numeric, prompt: 'Grant?'}\n", "demo")
    assert bank == Bank("demo", {
        "1": Question("demo", "1", "practice", "truefalse", "Sure?", answer=True),
        "g": Question("demo", "g", "graded", "numeric", "Grant?", points=1.0),
    })
    assert [q.id for q in bank.practice()] == ["1"]
    assert [q.id for q in bank.graded()] == ["g"]
    assert "g" in bank and "zz" not in bank
    assert bank["g"].prompt == "Grant?"


def test_a_bank_that_names_its_own_module_loads():
    bank = parse_bank("module: demo\nquestions: {}\n", "demo")
    assert bank == Bank("demo", {})


@pytest.mark.parametrize(("text", "message"), [
    ("module: other\nquestions: {}\n", "quiz bank of demo declares module 'other'"),
    ("- 1\n- 2\n", "quiz bank of demo: expected a top-level 'questions' mapping"),
    ("questions: [1, 2]\n", "quiz bank of demo: expected a top-level 'questions' mapping"),
    ("module: demo\n", "quiz bank of demo: expected a top-level 'questions' mapping"),
])
def test_a_bad_bank_is_refused_with_the_reason(text, message):
    with pytest.raises(QuizError) as caught:
        parse_bank(text, "demo")
    assert str(caught.value) == message


def test_a_bank_that_is_not_yaml_says_so():
    with pytest.raises(QuizError) as caught:
        parse_bank("questions: {q: [", "demo")
    assert str(caught.value).startswith("quiz bank of demo is not valid YAML: ")


def test_an_unknown_question_id_lists_the_known_ones():
    bank = Bank("demo", {"s": single(), "n": Question("demo", "n", "graded", "numeric", "?")})
    with pytest.raises(KeyError) as caught:
        bank["zz"]
    assert caught.value.args[0] == "demo has no question 'zz'; its questions are s, n"


def test_a_module_without_a_bank_is_named():
    with pytest.raises(QuizError) as caught:
        load_bank("no-such-module")
    assert str(caught.value) == (
        "no quiz bank for module 'no-such-module' (looked for no-such-module.yaml)")


# -- normalising answers -----------------------------------------------------------------
def test_single_answers_are_option_ids():
    q = single()
    assert q.normalize("  b ") == "b"
    assert answer_error(q, "z") == "'z' is not one of the options (a, b)"
    assert answer_error(q, None) == "'' is not one of the options (a, b)"


def test_multiple_answers_are_sorted_option_ids():
    q = Question("demo", "m", "practice", "multiple", "?",
                 options={"a": "A", "b": "B", "c": "C"})
    assert q.normalize("c, a") == ["a", "c"]
    assert q.normalize("c a,,b") == ["a", "b", "c"]
    assert q.normalize(("c", " a ", "c")) == ["a", "c"]
    assert q.normalize({"b"}) == ["b"]
    assert answer_error(q, 5) == "give a list of option letters, for example ['a', 'c']"
    assert answer_error(q, ["a", "z", "q"]) == "q, z not among the options (a, b, c)"


@pytest.mark.parametrize(("typed", "value"), [
    (True, True), (False, False), ("true", True), (" Vrai ", True), ("YES", True), ("oui", True),
    ("false", False), ("FAUX", False), ("no", False), ("Non ", False),
])
def test_true_false_answers_read_english_and_french_words(typed, value):
    q = Question("demo", "t", "practice", "truefalse", "?")
    assert q.normalize(typed) is value


def test_true_false_answers_refuse_other_words():
    q = Question("demo", "t", "practice", "truefalse", "?")
    assert answer_error(q, "maybe") == "answer True or False"


def test_numeric_answers_are_parsed_numbers():
    q = Question("demo", "n", "practice", "numeric", "?")
    assert q.normalize("1 516,20 €") == 1516.2
    assert answer_error(q, None) == (
        "'None' is not a number: type digits only, for example 1516.20")


def test_ordering_answers_are_lists_of_every_step_once():
    q = Question("demo", "o", "practice", "ordering", "?", items={"1": "A", "2": "B", "3": "C"})
    assert q.normalize((3, 1, 2)) == ["3", "1", "2"]
    assert answer_error(q, "312") == "give the steps as a list, first step first"
    assert answer_error(q, ["1", "1", "2"]) == "place every step exactly once"


def test_matching_answers_are_every_term_with_a_known_definition():
    q = Question("demo", "t", "practice", "matching", "?", terms={"1": "A", "2": "B"},
                 definitions={"7": "X", "8": "Y", "9": "Z"})
    assert q.normalize({2: 7, 1: 8}) == {"1": "8", "2": "7"}
    assert answer_error(q, "1-8") == "give a mapping term -> definition"
    assert answer_error(q, {"1": "8"}) == "match every term once"
    assert answer_error(q, {"1": "5", "2": "6"}) == "unknown definition '5'"


def test_an_unknown_question_type_is_named():
    q = Question("demo", "e", "practice", "essay", "?")
    assert answer_error(q, "text") == "unknown question type 'essay'"


# -- accepting with tolerance ------------------------------------------------------------
def numeric(tolerance: float = 0.0) -> Question:
    return Question("demo", "n", "graded", "numeric", "Amount?", tolerance=tolerance)


@pytest.mark.parametrize(("typed", "key", "tolerance", "right"), [
    (1e-9, 0, 0, True),  # the float slack (one billionth, at least 1e-9) is itself included
    (1.5e-9, 0, 0, False),
    (2.5e-9, 2, 0, False),
    (1_000_000.0005, 1_000_000, 0, True),  # the slack grows with the key
    (1_000_000.002, 1_000_000, 0, False),
    (100.5, 100, 0, False),
    (-100, 100, 0, False),
    (0.1 + 0.2, 0.3, 0, True),
    (101, 100, 1, True),
    (99, 100, 1, True),
    (101.01, 100, 1, False),
])
def test_numeric_keys_accept_the_tolerance_plus_a_float_slack(typed, key, tolerance, right):
    assert numeric(tolerance).accepts(typed, key) is right


def test_non_numeric_keys_need_the_same_normalised_answer():
    q = single()
    assert q.accepts(" a", "a") is True
    assert q.accepts("b", "a") is False
    assert q.accepts("z", "a") is False


def test_a_key_that_does_not_fit_its_question_is_an_error_not_a_silent_mismatch():
    with pytest.raises(AnswerError):
        single().accepts("a", "z")


# -- practice feedback -------------------------------------------------------------------
def test_a_graded_question_gives_no_practice_feedback():
    with pytest.raises(QuizError) as caught:
        numeric().check(3)
    assert str(caught.value) == "question n is graded: it is scored by nbgrader"


def test_an_answer_that_does_not_fit_says_what_to_type():
    assert single().check("z") == Outcome(False, "Not yet: 'z' is not one of the options (a, b).")


def test_a_right_answer_gets_the_explanation():
    assert single(explanation="KA120 is the accreditation.").check(" a") == Outcome(
        True, "Correct. KA120 is the accreditation.")
    assert single().check("a") == Outcome(True, "Correct.")


def test_a_first_wrong_try_gets_the_hint_or_a_pointer_to_the_lesson():
    q = single(explanation="KA120 is the accreditation.", hint="Read section 1.")
    assert q.check("b", attempt=1) == Outcome(False, "Not quite. Hint: Read section 1.")
    assert single().check("b", attempt=1) == Outcome(
        False, "Not quite. Hint: Read the section above again, then try once more.")
    assert single().check("b", attempt=0) == Outcome(
        False, "Not quite. Hint: Read the section above again, then try once more.")


def test_a_second_wrong_try_gets_the_explanation():
    q = single(explanation="KA120 is the accreditation.", hint="Read section 1.")
    assert q.check("b", attempt=2) == Outcome(False, "Not quite. KA120 is the accreditation.")
    assert q.check("b") == Outcome(False, "Not quite. KA120 is the accreditation.")
    assert single().check("b") == Outcome(False, "Not quite. ")


def test_a_wrong_choice_of_options_counts_the_extra_and_missing_ticks():
    q = Question("demo", "m", "practice", "multiple", "?",
                 options={"a": "A", "b": "B", "c": "C", "d": "D"}, answer=["a", "c"],
                 explanation="A and C.")
    assert q.check(["a", "b"]) == Outcome(
        False, "Not quite. 1 of your choices should not be ticked; "
               "1 correct choice(s) are missing. A and C.")
    assert q.check(["a", "b", "c", "d"]) == Outcome(
        False, "Not quite. 2 of your choices should not be ticked. A and C.")
    assert q.check(["c"], attempt=1) == Outcome(
        False, "Not quite. 1 correct choice(s) are missing. Hint: "
               "Read the section above again, then try once more.")


def test_a_wrong_order_or_matching_counts_what_is_right():
    o = Question("demo", "o", "practice", "ordering", "?", items={"x": "X", "y": "Y", "z": "Z"},
                 answer=["y", "z", "x"])
    assert o.check(["y", "x", "z"]) == Outcome(False, "Not quite. 1 of 3 steps are in the right "
                                                      "place. ")
    t = Question("demo", "t", "practice", "matching", "?", terms={"k1": "A", "k2": "B"},
                 definitions={"d1": "X", "d2": "Y"}, answer={"k1": "d2", "k2": "d1"})
    assert t.check({"k1": "d2", "k2": "d2"}) == Outcome(False, "Not quite. 1 of 2 pairs are "
                                                               "right. ")


def test_a_wrong_figure_says_whether_it_is_too_high_or_too_low():
    q = Question("demo", "n", "practice", "numeric", "?", answer=32, explanation="28 + 4.")
    assert q.check(33) == Outcome(False, "Not quite. Your figure is too high. 28 + 4.")
    assert q.check("31") == Outcome(False, "Not quite. Your figure is too low. 28 + 4.")


def test_a_wrong_true_false_answer_gets_no_count():
    q = Question("demo", "t", "practice", "truefalse", "?", answer=True, explanation="It is.")
    assert q.check("faux") == Outcome(False, "Not quite. It is.")


# -- reading numbers as learners type them -----------------------------------------------
@pytest.mark.parametrize(("typed", "number"), [
    (7, 7.0), (2.5, 2.5), ("12", 12.0), ("-1 234,5", -1234.5), ("12 EUR", 12.0),
    ("12 eur", 12.0), ("3 jours", 3.0), ("1 jour", 1.0), ("1 day", 1.0), ("5 km", 5.0),
    ("1,234,567.5", 1234567.5), ("1,500", 1500.0), ("1,5", 1.5), ("12,5", 12.5),
    ("1.234.567", 1234567.0), ("1.234,5", 1234.5), ("12.071", 12.071), ("1\u00a0000", 1000.0),
    ("1 516,20 €", 1516.2), ("1,516.20", 1516.2), ("1.516,20", 1516.2),
])
def test_numbers_are_read_in_english_and_french_notation(typed, number):
    result = parse_number(typed)
    assert result == number and type(result) is float


@pytest.mark.parametrize(("typed", "message"), [
    (True, "type a number, for example 1516.20"),
    (float("nan"), "type a finite number"),
    (float("inf"), "type a finite number"),
    (float("-inf"), "type a finite number"),
    ("nan", "type a finite number"),
    ("-inf", "type a finite number"),
    ("  abc ", "'abc' is not a number: type digits only, for example 1516.20"),
    (None, "'None' is not a number: type digits only, for example 1516.20"),
])
def test_what_is_not_a_finite_number_is_refused_with_a_message(typed, message):
    with pytest.raises(AnswerError) as caught:
        parse_number(typed)
    assert str(caught.value) == message


# -- the answer stores -------------------------------------------------------------------
def test_the_memory_store_keeps_answers_in_the_kernel_only():
    store = MemoryStore("m")
    assert (store.persistent, store.module, store.problems) == (False, "m", [])
    store.record("v1", "b")
    store.record("v2", 3)
    store.forget("v2")
    store.forget("never-answered")
    assert store.get("v1") == "b" and store.get("v2") is None
    assert store.answers == {"v1": "b"}


SAVED = re.compile(r'  "saved": "(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00)",\n')


def saved_file(path: Path) -> tuple[str, datetime]:
    """The file's text with its timestamp blanked, and that timestamp."""
    text = path.read_text(encoding="utf-8")
    match = SAVED.search(text)
    assert match, text
    return text.replace(match[1], "<saved>"), datetime.fromisoformat(match[1])


def test_the_answers_file_has_one_answer_per_line_and_a_utc_timestamp(tmp_path):
    store = AnswerStore(tmp_path, "m")
    assert store.persistent is True
    store.record("v1", "b")
    store.record("v2", ["a", "c"])
    store.record("city", "Málaga")
    text, saved = saved_file(tmp_path / "answers.json")
    assert text == (
        '{\n  "module": "m",\n  "saved": "<saved>",\n  "answers": {\n'
        '    "v1": "b",\n    "v2": ["a", "c"],\n    "city": "Málaga"\n  }\n}\n'
    )
    assert abs(datetime.now(timezone.utc) - saved) < timedelta(minutes=1)


def test_forgetting_every_answer_leaves_an_empty_mapping(tmp_path):
    store = AnswerStore(tmp_path, "m")
    store.record("v1", "b")
    store.forget("v1")
    store.forget("never-answered")
    text, _ = saved_file(tmp_path / "answers.json")
    assert text == '{\n  "module": "m",\n  "saved": "<saved>",\n  "answers": {\n  }\n}\n'
    assert AnswerStore(tmp_path, "m").answers == {}


def test_the_store_creates_missing_folders(tmp_path):
    store = AnswerStore(tmp_path / "a" / "b", "m")
    store.record("v1", 1)
    assert AnswerStore(tmp_path / "a" / "b", "m").answers == {"v1": 1}


def test_the_default_store_is_answers_json_in_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "answers.json").write_text(
        '{"module": "c1-1-develop", "answers": {"v1": "a"}}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    store = AnswerStore()
    assert store.path == Path("answers.json")
    assert (store.module, store.answers, store.problems) == ("", {"v1": "a"}, [])
    store.record("v2", "b")
    data = json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))
    assert (data["module"], data["answers"]) == ("", {"v1": "a", "v2": "b"})


def test_each_answer_is_written_to_a_hidden_temporary_file_beside_it_then_renamed(
        tmp_path, monkeypatch):
    moves = []
    real_replace = os.replace

    def spy(src, dst):
        moves.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(answers_module.os, "replace", spy)
    AnswerStore(tmp_path, "m").record("v1", "b")
    [(src, dst)] = moves
    assert dst == tmp_path / "answers.json"
    assert src.parent == tmp_path
    assert src.name.startswith(".answers-") and src.name.endswith(".tmp")


def test_a_failed_save_leaves_the_previous_file_and_no_temporary_file(tmp_path, monkeypatch):
    store = AnswerStore(tmp_path, "m")
    store.record("v1", "b")
    before = (tmp_path / "answers.json").read_text(encoding="utf-8")

    def disk_full(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(answers_module.os, "replace", disk_full)
    with pytest.raises(OSError, match="disk full"):
        store.record("v2", "c")
    assert [p.name for p in tmp_path.iterdir()] == ["answers.json"]
    assert (tmp_path / "answers.json").read_text(encoding="utf-8") == before


# -- reading the answers file back -------------------------------------------------------
def write(tmp_path: Path, text: str) -> None:
    (tmp_path / "answers.json").write_text(text, encoding="utf-8")


def test_a_file_without_answers_key_has_no_answers_and_no_problem(tmp_path):
    write(tmp_path, '{"module": "m"}')
    store = AnswerStore(tmp_path, "m")
    assert (store.answers, store.problems) == ({}, [])


def test_answers_of_another_module_are_kept_with_a_warning(tmp_path):
    write(tmp_path, '{"module": "other", "answers": {"v1": "a"}}')
    store = AnswerStore(tmp_path, "m")
    assert store.answers == {"v1": "a"}
    assert store.problems == ["answers.json belongs to module 'other', not 'm'; "
                              "its answers are kept"]


def test_a_file_that_names_no_module_is_trusted(tmp_path):
    write(tmp_path, '{"answers": {"v1": "a"}}')
    store = AnswerStore(tmp_path, "m")
    assert (store.answers, store.problems) == ({"v1": "a"}, [])


@pytest.mark.parametrize(("text", "problem"), [
    ("[1, 2]", "answers.json does not hold answers (it was edited by hand?)"),
    ('{"answers": [1]}', "answers.json: 'answers' is not a mapping (it was edited by hand?)"),
])
def test_a_file_that_is_not_an_answers_file_is_reported(tmp_path, text, problem):
    write(tmp_path, text)
    store = AnswerStore(tmp_path, "m")
    assert (store.answers, store.problems) == ({}, [problem])


def test_an_unreadable_file_is_reported_and_a_new_one_started(tmp_path):
    (tmp_path / "answers.json").write_bytes(b'{"answers": {"v1": "\xff"}}')
    store = AnswerStore(tmp_path, "m")
    assert store.answers == {}
    [problem] = store.problems
    assert problem.startswith("answers.json could not be read (")
    assert problem.endswith("); new answers start a new file")


DAMAGED = (
    '{\n'                       # 1
    '  "module": "m",\n'        # 2
    '  "saved": "x",\n'         # 3
    '  "answers": {\n'          # 4
    '    "v1": "b",\n'          # 5
    '    "v2": c oops,\n'       # 6  the value does not read
    '\n'                        # 7  blank: skipped
    '    v5 = 3\n'              # 8  not an answer line
    '    "v3": 12.5,\n'         # 9
    '    {\n'                   # 10 bracket lines are skipped
    '    },\n'                  # 11
    '    "v4": [1, 2]\n'        # 12
    '  }\n'                     # 13
    '}\n'                       # 14
)
BACKUP = re.compile(r"answers\.broken-(\d{8}T\d{6})\.json")


@pytest.fixture()
def far_from_utc():
    """The machine's clock in UTC+14, so a local time cannot pass for UTC."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "XXX-14"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_damaged_file_keeps_every_line_that_reads_and_names_the_others(tmp_path, far_from_utc):
    write(tmp_path, DAMAGED)
    store = AnswerStore(tmp_path, "m")
    assert store.answers == {"v1": "b", "v3": 12.5, "v4": [1, 2]}
    [backup] = [p for p in tmp_path.iterdir() if p.name != "answers.json"]
    stamp = BACKUP.fullmatch(backup.name)
    assert stamp, backup.name
    made = datetime.strptime(stamp[1], "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)
    assert abs(datetime.now(timezone.utc) - made) < timedelta(minutes=1)
    assert backup.read_text(encoding="utf-8") == DAMAGED
    assert store.problems == [
        "answers.json was damaged at line(s) 6, 8 (Expecting value); 3 answer(s) were "
        f"recovered and kept; the damaged file was kept as {backup.name}. "
        "Answer the affected question(s) again."
    ]


def test_a_cut_off_file_names_the_line_where_it_stops(tmp_path):
    write(tmp_path, '{\n  "answers": {\n    "v1": "b"\n  }\n')
    store = AnswerStore(tmp_path, "m")
    assert store.answers == {"v1": "b"}
    [backup] = [p for p in tmp_path.iterdir() if p.name != "answers.json"]
    assert store.problems == [
        "answers.json was damaged at line 5 (Expecting ',' delimiter); 1 answer(s) were "
        f"recovered and kept; the damaged file was kept as {backup.name}. "
        "Answer the affected question(s) again."
    ]


def test_a_damaged_file_that_cannot_be_backed_up_still_gives_its_answers(tmp_path, monkeypatch):
    write(tmp_path, '{\n  "answers": {\n    "v1": "b"\n  }\n')
    real_write_text = pathlib.Path.write_text

    def refuse_backups(self, *args, **kwargs):
        if self.name.startswith("answers.broken-"):
            raise OSError("read-only folder")
        return real_write_text(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "write_text", refuse_backups)
    store = AnswerStore(tmp_path, "m")
    assert store.answers == {"v1": "b"}
    assert store.problems == [
        "answers.json was damaged at line 5 (Expecting ',' delimiter); 1 answer(s) were "
        "recovered and kept. Answer the affected question(s) again."
    ]


# -- answers with accents on a computer whose locale is not UTF-8 (Windows, a C locale) ----
@pytest.fixture()
def ascii_locale():
    """Files opened without an explicit encoding would be ASCII here."""
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    yield
    locale.setlocale(locale.LC_CTYPE, before)


def test_accented_answers_are_saved_and_read_as_utf8_whatever_the_locale(tmp_path, ascii_locale):
    AnswerStore(tmp_path, "m").record("city", "Málaga")
    assert '"city": "Málaga"' in (tmp_path / "answers.json").read_bytes().decode("utf-8")
    again = AnswerStore(tmp_path, "m")
    assert (again.answers, again.problems) == ({"city": "Málaga"}, [])


def test_a_damaged_file_with_accents_is_backed_up_as_it_was(tmp_path, ascii_locale):
    damaged = '{\n  "answers": {\n    "city": "Zürich"\n  }\n'
    (tmp_path / "answers.json").write_bytes(damaged.encode("utf-8"))
    store = AnswerStore(tmp_path, "m")
    assert store.answers == {"city": "Zürich"}
    [backup] = tmp_path.glob("answers.broken-*.json")
    assert backup.read_bytes().decode("utf-8") == damaged


def test_accented_values_are_recorded_and_read_as_utf8_whatever_the_locale(
        tmp_path, monkeypatch, ascii_locale):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    record_value("ville", "Liège", tmp_path)
    record_value("pays", "België", tmp_path)
    raw = (tmp_path / VALUES_FILE).read_bytes().decode("utf-8")
    assert raw == '{"ville": "Liège", "pays": "België"}'
    assert read_values(tmp_path) == {"ville": "Liège", "pays": "België"}


# -- exercise values as plain data -------------------------------------------------------
@pytest.mark.parametrize(("value", "data"), [
    (None, None), (..., None), (True, True), (7, 7), ("Liège", "Liège"), (2.5, 2.5),
    (float("nan"), None), (float("inf"), None), (float("-inf"), None),
    (date(2025, 11, 13), "2025-11-13"), (datetime(2025, 11, 13, 9, 30), "2025-11-13"),
    ((1, "a"), [1, "a"]), ({3, 1, 2}, [1, 2, 3]), (frozenset({"b", 10, "a"}), ["a", "b", 10]),
    ({1: "a", "k": [2]}, {"1": "a", "k": [2]}),
    (object(), {"unsupported": "object"}), (b"x", {"unsupported": "bytes"}),
])
def test_values_become_plain_json_data(value, data):
    assert plain(value) == data
    if data is None:
        assert plain(value) is None


def test_numpy_scalars_become_python_numbers():
    assert plain(np.int64(7)) == 7 and type(plain(np.int64(7))) is int
    assert plain(np.float64(2.5)) == 2.5 and type(plain(np.float64(2.5))) is float
    assert plain(np.float64("nan")) is None
    assert plain(np.bool_(True)) is True
    assert plain(np.array(5)) == 5
    assert plain(np.array([1, 2])) == {"unsupported": "ndarray"}
    assert plain([np.int64(1), np.float64(0.5)]) == [1, 0.5]


def test_an_object_that_only_claims_to_be_a_scalar_is_unsupported():
    class Claims:
        ndim = 0

    class AlsoClaims:
        ndim = 0

        def item(self):
            return 1

    assert plain(Claims()) == {"unsupported": "Claims"}
    assert plain(AlsoClaims()) == {"unsupported": "AlsoClaims"}


def test_nesting_stops_after_three_levels():
    assert plain([[[[1]]]]) == [[[{"unsupported": "list"}]]]
    assert plain([[[1]]]) == [[[1]]]
    assert plain({"a": {"b": {"c": {"d": 1}}}}) == {"a": {"b": {"c": {"unsupported": "dict"}}}}
    assert plain({"a": {"b": {"c": 1}}}) == {"a": {"b": {"c": 1}}}
    deep_set = {frozenset({frozenset({frozenset({1})})})}
    assert plain(deep_set) == [[[{"unsupported": "frozenset"}]]]
    assert plain({frozenset({frozenset({1})})}) == [[[1]]]
    assert plain([[(1,)]], depth=1) == [[{"unsupported": "tuple"}]]


def test_a_numpy_value_holding_a_list_obeys_the_same_depth_limit():
    holder = np.empty((), dtype=object)
    holder[()] = [1]
    assert plain([[[holder]]]) == [[[{"unsupported": "list"}]]]
    assert plain([[holder]]) == [[[1]]]


def test_long_lists_and_mappings_keep_their_first_200_entries():
    assert plain(list(range(250))) == list(range(200))
    assert plain({i: i for i in range(250)}) == {str(i): i for i in range(200)}


@pytest.fixture()
def autograding(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")


def test_values_are_recorded_while_nbgrader_autogrades(tmp_path, autograding):
    record_value("ville", "Liège", tmp_path)
    record_value(3, {"days": [1, 2]}, tmp_path)
    record_value("ville", "Namur", tmp_path)
    assert (tmp_path / VALUES_FILE).read_text(encoding="utf-8") == (
        '{"ville": "Namur", "3": {"days": [1, 2]}}')
    assert read_values(tmp_path) == {"ville": "Namur", "3": {"days": [1, 2]}}


def test_values_go_beside_the_notebook_by_default(tmp_path, autograding, monkeypatch):
    monkeypatch.chdir(tmp_path)
    record_value("x", 1)
    assert json.loads((tmp_path / VALUES_FILE).read_text(encoding="utf-8")) == {"x": 1}


@pytest.mark.parametrize("step", [None, "validate"])
def test_no_value_is_recorded_outside_autograde(tmp_path, monkeypatch, step):
    if step is None:
        monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    else:
        monkeypatch.setenv("NBGRADER_EXECUTION", step)
    record_value("x", 1, tmp_path)
    assert not (tmp_path / VALUES_FILE).exists()


def test_no_value_is_recorded_while_the_trainer_rechecks(tmp_path, autograding, monkeypatch):
    monkeypatch.setattr(values, "RECORDING", False)
    record_value("x", 1, tmp_path)
    assert not (tmp_path / VALUES_FILE).exists()


def test_a_values_file_that_is_not_a_mapping_is_started_again(tmp_path, autograding):
    (tmp_path / VALUES_FILE).write_text("[1, 2]", encoding="utf-8")
    record_value("x", 1, tmp_path)
    assert (tmp_path / VALUES_FILE).read_text(encoding="utf-8") == '{"x": 1}'


def test_a_broken_values_file_is_left_alone(tmp_path, autograding):
    (tmp_path / VALUES_FILE).write_text("{oops", encoding="utf-8")
    record_value("x", 1, tmp_path)
    assert (tmp_path / VALUES_FILE).read_text(encoding="utf-8") == "{oops"
    assert read_values(tmp_path) == {}


@pytest.mark.parametrize(("content", "read"), [
    (None, {}), ("[1, 2]", {}), ("{oops", {}), ('{"x": 1, "ville": "Liège"}',
                                               {"x": 1, "ville": "Liège"}),
])
def test_read_values_returns_the_recorded_mapping_or_nothing(tmp_path, content, read):
    if content is not None:
        (tmp_path / VALUES_FILE).write_text(content, encoding="utf-8")
    assert read_values(tmp_path) == read
