"""What the exercise-check tests share: a check run as under ``nbgrader autograde`` (a failed
check raises with its message, a passed one prints it with a tick, values are recorded in the
notebook's folder), and the messages every check gives the same way."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(autouse=True)
def grading(monkeypatch, tmp_path):
    """As under nbgrader autograde: a failed check raises with its message, a passed one prints
    it, and the recorded values land in a temporary folder."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.chdir(tmp_path)


def fails(check, value) -> str:
    with pytest.raises(AssertionError) as info:
        check(value)
    return str(info.value)


def says(check, value, capsys) -> str:
    """The message of a passed check (printed with a tick while nbgrader runs)."""
    capsys.readouterr()
    check(value)
    out = capsys.readouterr().out
    assert out.startswith("✔ ") and out.endswith("\n") and out.count("\n") == 1, out
    return out[2:-1]


def recorded(tmp_path) -> dict:
    return json.loads((tmp_path / ".course-values.json").read_text(encoding="utf-8"))


def unfilled(name: str, example: str) -> str:
    return (f"`{name}` still holds `...`: replace the three dots with your answer, for example "
            f"`{name} = {example}`, then run the cell again.")


def hidden_frames(check, value, where: str) -> list:
    """``__tracebackhide__`` of each frame the failure went through in a file whose path
    holds ``where`` (a file such as ``lessons/checks/c2.py`` or a package folder)."""
    with pytest.raises(AssertionError) as info:
        check(value)
    hide = []
    tb = info.value.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if where in frame.f_code.co_filename.replace("\\", "/"):
            hide.append(frame.f_locals.get("__tracebackhide__"))
        tb = tb.tb_next
    return hide
