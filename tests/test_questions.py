"""Question banks: loading errors, normalisation, practice checks and key matching."""

import pytest

from course_lib.quiz.questions import (
    AnswerError,
    QuizError,
    load_bank,
    parse_bank,
    parse_number,
)

BANK = """
module: demo
questions:
  s:
    mode: practice
    type: single
    prompt: Which action is the accreditation?
    options: {a: KA120, b: KA122}
    answer: a
    explanation: KA120 is the accreditation.
  m:
    mode: practice
    type: multiple
    prompt: Which are budget lines?
    options: {a: Travel, b: Rent, c: Individual support}
    answer: [a, c]
  o:
    mode: practice
    type: ordering
    prompt: Order
    items: {z: Second, y: First, x: Third}
    answer: [y, z, x]
  t:
    mode: practice
    type: matching
    prompt: Match
    terms: {k1: KA121, k2: KA122}
    definitions: {d1: short-term, d2: accredited}
    answer: {k1: d2, k2: d1}
  n:
    mode: practice
    type: numeric
    prompt: Days?
    answer: 32
    tolerance: 0.5
  g:
    mode: graded
    type: numeric
    prompt: Grant?
    tolerance: 2
  z:
    mode: graded
    type: numeric
    prompt: Rate?
    tolerance: 0
    points: 1
"""


@pytest.fixture()
def bank():
    return parse_bank(BANK, "demo")


def test_practice_feedback_says_what_to_fix(bank):
    assert bank["s"].check("a").correct
    out = bank["m"].check(["a", "b"])
    assert not out.correct
    assert "should not be ticked" in out.message and "missing" in out.message
    assert "1 of 3 steps" in bank["o"].check(["y", "x", "z"]).message
    assert "0 of 2 pairs" in bank["t"].check({"k1": "d1", "k2": "d2"}).message
    assert bank["n"].check("32,4").correct
    assert "too high" in bank["n"].check(33).message


@pytest.mark.parametrize(("typed", "right"), [
    (100, True), (102, True), (98, True), ("101,99", True), (102.5, False), (97.99, False),
    (102.01, False), ("not a number", False), (None, False),
])
def test_numeric_keys_accept_the_tolerance_on_both_sides_exactly(bank, typed, right):
    assert bank["g"].accepts(typed, 100) is right


def test_a_tolerance_of_zero_accepts_a_key_with_cents(bank):
    assert bank["z"].accepts("39,90", 39.9) is True
    assert bank["z"].accepts(39.91, 39.9) is False


@pytest.mark.parametrize(("qid", "typed", "key", "right"), [
    ("s", "a", "a", True), ("s", "b", "a", False), ("s", "z", "a", False),
    ("m", ["c", "a"], ["a", "c"], True), ("m", "a, c", ["a", "c"], True),
    ("m", ["a"], ["a", "c"], False), ("m", ["a", "c", "q"], ["a", "c"], False),
    ("o", ["y", "z", "x"], ["y", "z", "x"], True), ("o", ["z", "y", "x"], ["y", "z", "x"], False),
    ("t", {"k1": "d2", "k2": "d1"}, {"k1": "d2", "k2": "d1"}, True),
    ("t", {"k1": "d1", "k2": "d2"}, {"k1": "d2", "k2": "d1"}, False),
])
def test_keys_match_only_the_right_answer(bank, qid, typed, key, right):
    assert bank[qid].accepts(typed, key) is right


def test_first_wrong_try_gets_a_hint_then_the_explanation(bank):
    first = bank["s"].check("b", attempt=1)
    assert "Hint:" in first.message and "KA120 is the accreditation" not in first.message
    second = bank["s"].check("b", attempt=2)
    assert "KA120 is the accreditation" in second.message


@pytest.mark.parametrize(
    "text, value",
    [("1 516,20 €", 1516.2), ("1,516.20", 1516.2), ("1.516,20", 1516.2), ("32", 32.0),
     ("28 days", 28.0), (" 4\u202f238,4 ", 4238.4)],
)
def test_parse_number_reads_what_learners_type(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1+1", None, True])
def test_parse_number_rejects_with_a_message(text):
    with pytest.raises(AnswerError, match="number"):
        parse_number(text)


@pytest.mark.parametrize(
    "yaml_text, message",
    [
        ("questions: {q: {type: essay, prompt: x}}", "type must be one of"),
        ("questions: {q: {type: single, prompt: x}}", "needs options"),
        ("questions: {q: {type: single, prompt: x, options: {a: 1}, answer: z}}",
         "does not fit"),
        ("questions: {q: {mode: graded, type: truefalse, prompt: x, answer: true}}",
         "must not carry its answer"),
        ("questions: [1, 2]", "top-level 'questions' mapping"),
        ("questions: {q: {type: single, prompt: x, options: {a: 1}, answer: a", "not valid YAML"),
    ],
)
def test_bad_banks_are_named(yaml_text, message):
    with pytest.raises(QuizError, match=message):
        parse_bank(yaml_text, "demo")


def test_unknown_question_lists_the_known_ones(bank):
    with pytest.raises(KeyError, match="its questions are s, m"):
        bank["zz"]


def test_shipped_banks_load_and_graded_keys_are_absent():
    bank = load_bank("c1-1-develop")
    assert len(bank.practice()) >= 6
    assert len(bank.graded()) >= 8
    assert len({q.type for q in bank.practice()}) >= 4
    assert all(q.answer is None and not q.explanation for q in bank.graded())
