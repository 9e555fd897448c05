"""Submissions that try to break or fool the grading, each a learner of the test cohort.

Each one is the released notebook with one cell added after the set-up cell (what a learner
can do), or a damaged file. ``EXPECTED`` says what a fair grading does with it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

STAMP = "2026-01-06 10:00:00.000000 UTC"

CELLS = {
    # runs forever: the cell is stopped at the timeout, the rest is graded
    "coach-loop": "while True:\n    pass",
    # ends its own kernel
    "coach-exit": "import os\nos._exit(3)",
    # asks for more memory than its kernel may have
    "coach-memory": "hog = bytearray(64 * 2**30)",
    # prints megabytes
    "coach-print": "for _ in range(200_000):\n    print('spam ' * 20)",
    # replaces the course's checks and quiz class in its own kernel
    "coach-tamper": (
        "import course_lib.lessons.checks.c1_1 as checks\n"
        "for name in dir(checks):\n"
        "    if name.startswith('check_'):\n"
        "        setattr(checks, name, lambda *a, **k: None)\n"
        "import course_lib.quiz.widgets as widgets\n"
        "widgets.ValidationTest.score = lambda self, *a, **k: print('Correct.')\n"
        "widgets.ValidationTest.recorded = lambda self, *a, **k: None\n"
        "class Yes:\n"
        "    def __eq__(self, other):\n"
        "        return True\n"
        "travel_per_person = days_funded = Yes()"
    ),
    # reads the hidden keys from the notebook being graded and writes them as its answers
    "coach-keys": (
        "import ast, json, pathlib\n"
        "from course_lib.quiz.answers import AnswerStore\n"
        "store = AnswerStore('.', 'c1-1-develop')\n"
        "nb = json.loads(pathlib.Path('c1-1-develop.ipynb').read_text())\n"
        "for cell in nb['cells']:\n"
        "    src = cell['source'] if isinstance(cell['source'], str) else ''.join(cell['source'])\n"
        "    if 'score(' not in src:\n"
        "        continue\n"
        "    for node in ast.walk(ast.parse(src)):\n"
        "        if isinstance(node, ast.Call) and getattr(node.func, 'attr', '') == 'score':\n"
        "            store.record(ast.literal_eval(node.args[0]), ast.literal_eval(node.args[1]))"
    ),
    # writes into another learner's submission and into the gradebook's folder
    "coach-outside": (
        "import pathlib\n"
        "root = pathlib.Path.cwd().parents[2]\n"
        "(root / 'submitted' / 'coach-01' / 'c1-1-develop' / 'answers.json').write_text('{}')\n"
        "(root / 'outside.txt').write_text('was here')"
    ),
}


def write_hostile_submissions(root: Path, module: str) -> None:
    release = root / "release" / module
    for learner, code in CELLS.items():
        folder = root / "submitted" / learner / module
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(release, folder)
        nb_path = folder / f"{module}.ipynb"
        nb = nbformat.read(nb_path, as_version=4)
        setup = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
        nb.cells.insert(setup + 1, new_code_cell(code))
        nbformat.write(nb, nb_path)
        (folder / "timestamp.txt").write_text(STAMP, encoding="utf-8")
    # damaged files: an empty notebook file, a notebook that is not one, broken answers
    for learner, text in (("coach-empty", ""), ("coach-notjson", "<html>not a notebook")):
        folder = root / "submitted" / learner / module
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{module}.ipynb").write_text(text, encoding="utf-8")
        (folder / "timestamp.txt").write_text(STAMP, encoding="utf-8")
    folder = root / "submitted" / "coach-badanswers" / module
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(root / "submitted" / "coach-01" / module, folder)
    (folder / "answers.json").write_text('{"module": "' + module + '", "answers": '
                                         + json.dumps(["not", "a", "mapping"]) + "}",
                                         encoding="utf-8")
