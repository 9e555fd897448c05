"""The answers file: saved at once, restored, and robust to hand edits."""

import json

from course_lib.quiz.answers import AnswerStore


def test_answers_survive_a_new_store(tmp_path):
    store = AnswerStore(tmp_path, "c1-1-develop")
    store.record("v1", "b")
    store.record("v2", ["a", "c"])
    again = AnswerStore(tmp_path, "c1-1-develop")
    assert again.get("v1") == "b" and again.get("v2") == ["a", "c"]
    assert again.problems == []
    data = json.loads((tmp_path / "answers.json").read_text())
    assert data["module"] == "c1-1-develop"


def test_a_broken_line_loses_only_that_answer(tmp_path):
    store = AnswerStore(tmp_path, "m")
    store.record("v1", "b")
    store.record("v2", "c")
    store.record("v3", 12.5)
    path = tmp_path / "answers.json"
    path.write_text(path.read_text().replace('"v2": "c"', '"v2": c oops'))
    again = AnswerStore(tmp_path, "m")
    assert again.get("v1") == "b" and again.get("v3") == 12.5
    assert again.get("v2") is None
    assert "damaged" in again.problems[0] and "2 answer(s) were recovered" in again.problems[0]
    backups = list(tmp_path.glob("answers.broken-*.json"))
    assert len(backups) == 1 and "oops" in backups[0].read_text()
    again.record("v2", "a")  # the file is whole again, with the salvaged answers
    assert AnswerStore(tmp_path, "m").answers == {"v1": "b", "v3": 12.5, "v2": "a"}


def test_a_file_that_is_not_answers_is_reported(tmp_path):
    (tmp_path / "answers.json").write_text("[1, 2, 3]")
    store = AnswerStore(tmp_path, "m")
    assert store.answers == {} and "does not hold answers" in store.problems[0]


def test_write_is_atomic_no_temp_left(tmp_path):
    store = AnswerStore(tmp_path, "m")
    for i in range(5):
        store.record(f"v{i}", i)
    assert [p.name for p in tmp_path.iterdir()] == ["answers.json"]
