"""Answer cells read what people naturally type: ``275 €``, ``1 339,80``, ``faux``,
``13/11/2025``; every line that is Python stays Python."""

from __future__ import annotations

import IPython
import pytest

from course_lib.lessons import plain_answers
from course_lib.lessons.plain_answers import _transform, accept_plain_answers, quote_plain_answers


@pytest.mark.parametrize(("cell", "read_as"), [
    # words for true and false, in English and French, any case
    ("ready = faux", "ready = 'faux'"),
    ("ready = Vrai", "ready = 'Vrai'"),
    ("ok = NON", "ok = 'NON'"),
    ("ok = yes", "ok = 'yes'"),
    # French dates, which Python would divide
    ("start = 13/11/2025", "start = '13/11/2025'"),
    ("start = 1.2.2026", "start = '1.2.2026'"),
    # decimal commas, which Python would read as a tuple
    ("support = 1339,80", "support = '1339,80'"),
    ("support = 1 339,80 €", "support = '1 339,80 €'"),
    ("refund = -12,5", "refund = '-12,5'"),
    # text that is not Python at all
    ("travel = 275 €", "travel = '275 €'"),
    ("travel = 275 €  # my answer", "travel = '275 €'"),
    ("partners = host mentor, tutor", "partners = 'host mentor, tutor'"),
])
def test_a_plain_answer_line_is_read_as_its_text(cell, read_as):
    assert quote_plain_answers(cell) == read_as


@pytest.mark.parametrize("cell", [
    "ready = True",
    "ready = False",
    "days = ...",
    "total = 14 * 66 + 9 * 46",
    "x = [1, 2]",
    "x = y = 3",  # a chained assignment: Python, though ``y = 3`` alone is no expression
    "name = 'faux'",
    "if ok:\n    ready = faux",
    "if ok:\n\tready = faux",
    "print(1)",
    "",
])
def test_python_lines_are_left_alone(cell):
    assert quote_plain_answers(cell) == cell


def test_only_the_plain_lines_of_a_cell_change():
    cell = "travel = 275 €\ntotal = 2 * travel\nready = oui"
    assert quote_plain_answers(cell) == "travel = '275 €'\ntotal = 2 * travel\nready = 'oui'"


def test_a_statement_spread_over_lines_is_left_to_python():
    cell = "d = dict(\nready = faux\n)\nok = non"
    assert quote_plain_answers(cell) == "d = dict(\nready = faux\n)\nok = 'non'"
    cell = "items = [\n    1,\n]\nok = non"
    assert quote_plain_answers(cell) == "items = [\n    1,\n]\nok = 'non'"


def test_an_unclosed_bracket_of_plain_text_is_left_to_python():
    cell = "items = [275 €,\n  300 €]\nok = non"
    assert quote_plain_answers(cell) == "items = [275 €,\n  300 €]\nok = 'non'"


def test_brackets_in_strings_and_comments_do_not_count():
    cell = "label = '(' + \"[\"\nok = non"
    assert quote_plain_answers(cell) == "label = '(' + \"[\"\nok = 'non'"
    cell = "total = 2 * 3  # see (above\nok = non"
    assert quote_plain_answers(cell) == "total = 2 * 3  # see (above\nok = 'non'"
    cell = "total = 1  # see (a # b\nok = non"
    assert quote_plain_answers(cell) == "total = 1  # see (a # b\nok = 'non'"


def test_capital_letters_are_not_brackets():
    cell = "XS = [\n    1,\n]\nok = non"
    assert quote_plain_answers(cell) == "XS = [\n    1,\n]\nok = 'non'"
    cell = "d = dict(X,\nready = faux\n)"
    assert quote_plain_answers(cell) == cell


# -- the IPython input transformer -------------------------------------------------------
def test_the_transformer_rewrites_a_cell_line_by_line():
    lines = ["travel = 275 €\n", "total = 2 * travel\n"]
    assert _transform(lines) == ["travel = '275 €'\n", "total = 2 * travel\n"]
    assert _transform(["ready = faux"]) == ["ready = 'faux'\n"]


@pytest.mark.parametrize("lines", [
    ["total = 2 * 3"],
    ["total = 2 * 3\n", "\n"],
    ["total = X\n", "\n"],
    ["x = 1  \n", "\n"],
])
def test_the_transformer_gives_back_a_python_cell_untouched(lines):
    assert _transform(list(lines)) == lines


class Shell:
    def __init__(self) -> None:
        self.input_transformers_post: list = []


def test_the_transformer_is_registered_once_per_kernel(monkeypatch):
    shell = Shell()
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    accept_plain_answers()
    accept_plain_answers()
    assert shell.input_transformers_post == [plain_answers._transform]


def test_outside_ipython_nothing_is_registered(monkeypatch):
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    assert accept_plain_answers() is None
