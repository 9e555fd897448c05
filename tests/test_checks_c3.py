"""C3 exercise checks, message by message: what a learner reads for the right answer and for
each usual mistake (the whole sentence, not a fragment), how answers are read, and the value
each check records for the trainer's grade.

The figures, by hand from the Galway case: descriptors D1 to D6 are B1, A1, C1, A2, C2, B2.
Spoken interaction: Inès A1, Noah B1, Yanis B1, Léa A2, so "at least B1" is Noah and Yanis
(listening gives Noah and Yanis too, reading Noah and Léa, spoken production Noah, writing Léa).
Julien's draft: P1 sender; P2 Erasmus+ frame and participants; P3 dates and tasks; P4 the
apprentices' personal data (the paragraph to fix); P5 frame, costs and paperwork; P6 the
signature. It lacks the language level, the tutor and the next step.
"""

from __future__ import annotations

import pytest

from course_lib.lessons.checks import c3

from .checking import fails, grading, hidden_frames, recorded, says, unfilled  # noqa: F401

# -- exercise 1, step 1: the CEFR levels ------------------------------------------------------
LEVELS = ["B1", "A1", "C1", "A2", "C2", "B2"]
LEVELS_EXAMPLE = '["A1", "A1", "A1", "A1", "A1", "A1"]'


def swapped(i: int, j: int) -> list[str]:
    given = list(LEVELS)
    given[i], given[j] = given[j], given[i]
    return given


@pytest.mark.parametrize("typed", [LEVELS, tuple(LEVELS), "b1, a1, c1, a2, c2, b2",
                                   "B 1 A 1 C 1 A 2 C 2 B 2", "b1/a1/c1/a2/c2/b2",
                                   ["b 1", "A1", "c1", "'A2'", "C2", "B2"]])
def test_cefr_levels_right(typed, capsys):
    assert says(c3.check_cefr_levels, typed, capsys) == (
        "Right: D1 B1, D2 A1, D3 C1, D4 A2, D5 C2, D6 B2.")


@pytest.mark.parametrize(("typed", "message"), [
    (swapped(1, 3), "D2 and D4 are swapped. The lower of the two needs the other person to talk "
                    "slowly and to help."),
    (swapped(0, 5), "D1 and D6 are swapped. 'Familiar matters' and 'travelling' belong to the "
                    "lower of the two independent levels."),
    (swapped(5, 2), "D3 and D6 are swapped. 'Recognise implicit meaning' and speaking 'without "
                    "much obvious searching' describe the higher of the two."),
    (swapped(2, 4), "D3 and D5 are swapped. 'Virtually everything heard or read' is the top of "
                    "the scale."),
    (swapped(0, 1), "D1 and D2 are swapped. Compare what the person can do in each one."),
    (["A1", "A2", "C1", "B1", "C2", "B2"],
     "3 of 6 are right (D1 is too low; D2 is too high; D4 is too high). Compare each descriptor "
     "with the table of levels in section 1: what can the person do, and with how much help?"),
    (["A1", "A2", "B1", "B2", "C1", "C2"],
     "You typed the levels from A1 to C2. The descriptors are shuffled: give the level of D1, "
     "then of D2, and so on."),
    (["B1", "B1", "C1", "A2", "C2", "B2"], "Each level is used exactly once: you typed 'B1' 2 "
                                           "times."),
    (["A1"] * 6, "Each level is used exactly once: you typed 'A1' 6 times."),
    (LEVELS[:5], 'Type 6 level codes, one per descriptor, in the order D1 to D6, for example '
                 '["A2", "B1", ...]; you typed 5.'),
    ([*LEVELS, "A1"], 'Type 6 level codes, one per descriptor, in the order D1 to D6, for '
                      'example ["A2", "B1", ...]; you typed 7.'),
    (["B1", "Independent user"], 'Type level codes such as "B1", not group names.'),
    (["X1", "D2"], "'X1' is not a CEFR level: use A1, A2, B1, B2, C1 or C2."),
    (1, f"`cefr_levels` should be a list in square brackets, for example `cefr_levels = "
        f"{LEVELS_EXAMPLE}`, not 1."),
    (..., unfilled("cefr_levels", LEVELS_EXAMPLE)),
    (None, unfilled("cefr_levels", LEVELS_EXAMPLE)),
])
def test_cefr_levels_each_mistake_has_its_sentence(typed, message):
    assert fails(c3.check_cefr_levels, typed) == message


# -- exercise 1, step 2: the front desk -------------------------------------------------------
FRONT_RIGHT = ('Right: Noah and Yanis have at least B1 in spoken interaction; "at least B1" '
               "includes B1.")


@pytest.mark.parametrize("typed", [["Noah", "Yanis"], "yanis and noah", "Noah et Yanis",
                                   "Lefèvre & Benali", ["Noah  Lefèvre", "yanis"], {"Noah Lefevre",
                                                        "Yanis"}, ("Noah", "Noah", "Yanis")])
def test_front_desk_right(typed, capsys):
    assert says(c3.check_front_desk, typed, capsys) == FRONT_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    (["Noah", "Léa"], "You used the reading column. The front desk needs spoken interaction: "
                      "use that column."),
    (["Lea"], "You used the writing column. The front desk needs spoken interaction: use that "
              "column."),
    (["Noah"], "You used the spoken production column. Talking with guests is spoken "
               "*interaction*: use that column."),
    ([], "'At least B1' includes B1 itself."),
    (["Noah", "Yanis", "Inès"], "Check the spoken interaction level of each name you typed: one "
                                "of them is below B1."),
    (["Noah", "Yanis", "Inès", "Léa"], "Check the spoken interaction level of each name you "
                                       "typed: some of them are below B1."),
    (["Yanis"], "One more apprentice meets the requirement: read the spoken interaction column "
                "again."),
    (["Bob"], "'Bob' is not one of the 4 apprentices: Inès, Noah, Yanis and Léa. Type their "
              "first names in quotes."),
    (1, '`front_desk_ok` should be a list in square brackets, for example `front_desk_ok = '
        '["Inès", "Léa"]`, not 1.'),
    (..., unfilled("front_desk_ok", '["Inès", "Léa"]')),
])
def test_front_desk_each_mistake_has_its_sentence(typed, message):
    assert fails(c3.check_front_desk, typed) == message


def test_front_desk_records_a_set_as_a_sorted_list(tmp_path, capsys):
    c3.check_front_desk({"Yanis", "Noah"})
    assert recorded(tmp_path) == {"front_desk_ok": ["Noah", "Yanis"]}


# -- exercise 2, step 1: what the draft lacks -------------------------------------------------
MISSING_EXAMPLE = '["dates", "signature"]'


@pytest.mark.parametrize("typed", [["language_level", "tutor", "next_step"],
                                   "Next step; language level, tutor", ("tutor", "language-level",
                                                                        "NEXT STEP"),
                                   ["tutor", "language_level", '""', "", "next_step"]])
def test_missing_elements_right(typed, capsys):
    assert says(c3.check_missing_elements, typed, capsys) == (
        "Right: the draft lacks the apprentices' language level (CEFR), a request for one named "
        "tutor in the company and a concrete next step and a date to reply.")


@pytest.mark.parametrize(("typed", "message"), [
    (["language_level", "tutor"], "Still missing: 1 element. Read the last paragraph (P6) "
                                  "again: does it say what happens next, and by when?"),
    (["language_level", "next_step"], "Still missing: 1 element. Check each line of the "
                                      "checklist against the draft."),
    (["tutor"], "Still missing: 2 elements. Check each line of the checklist against the "
                "draft."),
    ([], "Still missing: 3 elements. Check each line of the checklist against the draft."),
    (["tutor", "sender"], "'sender' is in the draft: read paragraph P1 again."),
    (["signature", "dates"], "'signature' is in the draft: read paragraph P6 again."),
    (["sender", "erasmus_frame", "participants", "dates", "tasks", "language_level", "tutor",
      "costs_and_pay", "paperwork", "next_step", "signature"],
     "List only the elements that are missing from the draft, not the whole checklist."),
    (["tutor", "language_level", "next_step", "XX"], "'XX' is not a name of the checklist: "
     "type names from the 'Name to type' column, for example \"dates\"."),
    (["tutor", "zzz"], "'zzz' is not a name of the checklist: type names from the 'Name to "
                       "type' column, for example \"dates\"."),
    (2, f"`missing_elements` should be a list in square brackets, for example "
        f"`missing_elements = {MISSING_EXAMPLE}`, not 2."),
    (..., unfilled("missing_elements", MISSING_EXAMPLE)),
])
def test_missing_elements_each_mistake_has_its_sentence(typed, message):
    assert fails(c3.check_missing_elements, typed) == message


# -- exercise 2, step 2: the paragraph to fix -------------------------------------------------
PARAGRAPH_RIGHT = (
    "Right: P4 holds personal data of the apprentices: names, dates of birth, health details. "
    "The host does not need them to say yes (GDPR art. 5(1)(c), data minimisation); send them "
    "later, only to the person who needs them.")
P2 = ("P2 tells the host who would come, including that one apprentice is under 18: the host "
      "needs to know that. Look for information the host does not need before saying yes.")


@pytest.mark.parametrize("typed", ["P4", "p4", " Paragraph 4 ", "paragraphe 4", "4", 4, 4.0,
                                   ["P4"], "P04", "«P4»", "'P4'", "[P4]"])
def test_paragraph_to_fix_right(typed, capsys):
    assert says(c3.check_paragraph_to_fix, typed, capsys) == PARAGRAPH_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    ("P2", P2), (2, P2),
    ("P1", "P1 holds what the host needs (Sender). Look for personal information about the "
           "apprentices."),
    ("P3", "P3 holds what the host needs (Dates, Tasks). Look for personal information about "
           "the apprentices."),
    ("P5", "P5 holds what the host needs (Erasmus+ frame, Costs and pay, Paperwork). Look for "
           "personal information about the apprentices."),
    ("P6", "P6 is the signature: the host needs the contact details. Look for personal "
           "information about the apprentices."),
    ("P7", "The draft has paragraphs P1 to P6."), ("P0", "The draft has paragraphs P1 to P6."),
    (4.5, 'Type a paragraph label such as "P2", not 4.5.'),
    ("the fourth", "Type a paragraph label such as \"P2\", not 'the fourth'."),
    (["P1", "P4"], 'Type one paragraph label only, for example "P2".'),
    ([], 'Type one paragraph label only, for example "P2".'),
    (True, '`paragraph_to_fix` should be a paragraph label in quotes, for example "P2", not '
           'True.'),
    ({"p": 4}, "`paragraph_to_fix` should be a paragraph label in quotes, for example \"P2\", "
               "not {'p': 4}."),
    (..., unfilled("paragraph_to_fix", '"P2"')),
    (None, unfilled("paragraph_to_fix", '"P2"')),
])
def test_paragraph_to_fix_each_mistake_has_its_sentence(typed, message):
    assert fails(c3.check_paragraph_to_fix, typed) == message


def test_c3_checks_record_what_they_were_given(tmp_path):
    for check, value in ((c3.check_cefr_levels, {"B1", "A1"}), (c3.check_front_desk, {2, 10}),
                         (c3.check_missing_elements, ("tutor",)),
                         (c3.check_paragraph_to_fix, "P2")):
        with pytest.raises(AssertionError):
            check(value)
    assert recorded(tmp_path) == {"cefr_levels": ["A1", "B1"], "front_desk_ok": ["10", "2"],
                                  "missing_elements": ["tutor"],
                                  "paragraph_to_fix": "P2"}


@pytest.mark.parametrize(("check", "value"), [
    (c3.check_cefr_levels, ...), (c3.check_cefr_levels, ["A1"] * 6),
    (c3.check_front_desk, ...), (c3.check_front_desk, ["Yanis"]),
    (c3.check_missing_elements, ...), (c3.check_missing_elements, ["tutor"]),
    (c3.check_paragraph_to_fix, ...), (c3.check_paragraph_to_fix, "P2"),
])
def test_c3_frames_are_hidden_from_the_traceback(check, value):
    hide = hidden_frames(check, value, "lessons/checks/c3.py")
    assert hide and all(h is True for h in hide), hide


@pytest.mark.parametrize(("part", "place"), [
    ("subject", "the subject line"), ("greeting", "the greeting"),
    ("signature", "the signature"), ("P2", "paragraph P2")])
def test_missing_elements_names_where_a_present_element_is(monkeypatch, part, place):
    """Where the rules find an element: a paragraph, or the subject, greeting or signature of
    an email whose parts are named so."""
    from course_lib.lessons.cases import c3 as case

    monkeypatch.setattr(case, "where_found", lambda email: {"dates": part})
    assert fails(c3.check_missing_elements, ["dates", "tutor"]) == (
        f"'dates' is in the draft: read {place} again.")
