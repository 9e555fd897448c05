"""Question banks: loading errors, normalisation, practice checks and hashed keys."""

import pytest

from course_lib.quiz.questions import (
    AnswerError,
    QuizError,
    answer_hash,
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
    step: 1
    tolerance: 2
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


def test_numeric_hashes_accept_the_tolerance_only(bank):
    q = bank["g"]
    hashes = q.hashes_for(100)
    assert len(hashes) == 5  # 98, 99, 100, 101, 102
    assert q.matches(101.6, hashes) is True  # rounds to 102
    assert q.matches(97.4, hashes) is False
    assert q.matches("not a number", hashes) is False


def test_hash_is_salted_by_module_and_question():
    assert answer_hash("m1", "v1", "a") != answer_hash("m2", "v1", "a")
    assert answer_hash("m1", "v1", "a") != answer_hash("m1", "v2", "a")


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
