"""Answer keys out of the learner's reach: a learner with the released folder and the installed
package recovers no graded key; the same attack on the trainer's source recovers them all."""

from __future__ import annotations

import ast
import hashlib
import itertools
import json
from pathlib import Path
from typing import Any

import nbformat
import pytest

import course_lib
from course_lib.grading import graded_keys, released_modules
from course_lib.grading.build import released_text
from course_lib.quiz.questions import Question, load_bank

from .conftest import REPO

MODULES = released_modules(REPO)


def candidates(q: Question, key: Any) -> list[Any]:
    """Every answer a learner can try: all options, subsets, orders and matchings; for a
    number, the key itself (a learner cannot know it; the test does, to look for it)."""
    if q.type == "single":
        return list(q.options)
    if q.type == "truefalse":
        return [True, False]
    if q.type == "multiple":
        keys = list(q.options)
        return [sorted(c) for n in range(1, len(keys) + 1)
                for c in itertools.combinations(keys, n)]
    if q.type == "ordering":
        return [list(p) for p in itertools.permutations(q.items)]
    if q.type == "matching":
        return [dict(zip(q.terms, p, strict=True))
                for p in itertools.permutations(q.definitions, len(q.terms))]
    return [key, float(key), round(float(key))]


def spellings(module: str, qid: str, value: Any) -> set[str]:
    """How a key can be written down: as Python or JSON, joined, or hashed with a salt."""
    plain = {repr(value), json.dumps(value)}
    if isinstance(value, list):
        plain.add(",".join(map(str, value)))
    if isinstance(value, dict):
        plain.add(",".join(f"{k}={v}" for k, v in sorted(value.items())))
    if isinstance(value, bool):
        plain.add(str(value).lower())
    if isinstance(value, float):
        plain |= {str(round(value)), f"{value:.2f}"}
    digests = set()
    for text in plain | {str(value)}:
        for salted in (text, f"mobility-course/{module}/{qid}/{text}", f"{module}/{qid}/{text}"):
            for algo in ("md5", "sha1", "sha256", "sha512"):
                full = hashlib.new(algo, salted.encode()).hexdigest()
                digests |= {full, full[:32], full[:16]}
    return plain | digests


def graded_cells(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"
            and c.metadata.get("nbgrader", {}).get("grade")]


def literals(source: str) -> list[Any]:
    return [n.value for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Constant)]


def recovered(module: str, texts: list[str], code: bool = True) -> set[str]:
    """The graded keys found by trying every answer against every string of ``texts``
    (``code``: the texts are Python, whose calls are searched for a key as an argument)."""
    bank = load_bank(module)
    keys = graded_keys(REPO / "source" / module / f"{module}.ipynb")
    found = set()
    blob = "\n".join(texts)
    calls = [ast.dump(n) for t in texts for n in ast.walk(ast.parse(t))
             if isinstance(n, ast.Call)] if code else []
    for q in bank.graded():
        for value in candidates(q, keys[q.id].key):
            if not q.accepts(value, keys[q.id].key):
                continue
            hashed = {s for s in spellings(module, q.id, value) if len(s) >= 16}
            as_code = ast.dump(ast.parse(repr(value), mode="eval").body)
            if any(h in blob for h in hashed) or any(as_code in c for c in calls):
                found.add(q.id)
    return found


@pytest.mark.parametrize("module", MODULES)
def test_the_attack_recovers_every_key_from_the_source(module):
    source = REPO / "source" / module / f"{module}.ipynb"
    bank = load_bank(module)
    assert recovered(module, graded_cells(source)) == {q.id for q in bank.graded()}


@pytest.mark.parametrize("module", MODULES)
def test_a_learner_recovers_no_key_from_the_release(module):
    folder = REPO / "release" / module
    texts = graded_cells(folder / f"{module}.ipynb")
    texts += [p.read_text(encoding="utf-8") for p in folder.rglob("*")
              if p.is_file() and p.suffix in (".json", ".py", ".txt", ".yaml", ".csv")]
    assert recovered(module, [t for t in texts if _parses(t)]) == set()
    # the whole notebook file too: metadata, nbgrader's checksums, outputs
    whole = (folder / f"{module}.ipynb").read_text(encoding="utf-8")
    assert recovered(module, [whole], code=False) == set()
    # and the visible part of each test cell names its question and nothing else
    bank = load_bank(module)
    for cell in graded_cells(folder / f"{module}.ipynb"):
        if ".recorded(" in cell:
            assert set(literals(cell)) <= set(bank.questions), cell


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
        return True
    except SyntaxError:
        return False


def test_the_installed_package_has_no_key_or_hash():
    package = Path(course_lib.__file__).parent
    learner_side = [package / layer for layer in ("quiz", "lessons", "catalogue", "erasmus")]
    for path in (p for folder in learner_side for p in folder.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "hashlib" not in text, f"{path}: a hash function beside the quiz is a key oracle"
    for module in MODULES:
        for q in load_bank(module).graded():
            assert q.answer is None and not q.explanation, q.id


def test_the_source_keys_are_right_answers():
    for module in MODULES:
        bank = load_bank(module)
        keys = graded_keys(REPO / "source" / module / f"{module}.ipynb")
        assert set(keys) == {q.id for q in bank.graded()}
        for qid, key in keys.items():
            assert bank[qid].accepts(key.key, key.key), qid
            assert len(key.why) > 40, f"{qid}: the feedback explains the answer"


def test_released_text_strips_hidden_tests_like_nbgrader():
    cell = ('test.recorded("v1")\n### BEGIN HIDDEN TESTS\ntest.score("v1", "c")\n'
            "### END HIDDEN TESTS")
    assert released_text(cell) == 'test.recorded("v1")'


@pytest.mark.parametrize("begin, end", [
    ("# BEGIN HIDDEN TESTS", "# END HIDDEN TESTS"),
    ("    #BEGIN HIDDEN TESTS (key)", "  ## END HIDDEN TESTS"),
    ("# BEGIN SOLUTION", "#  END SOLUTION here"),
])
def test_released_text_reads_the_markers_where_nbgrader_does(begin, end):
    """nbgrader opens and closes a region at any line holding its delimiter, whatever the
    comment marks around it: what the build's checks read as released is what nbgrader
    releases (its own preprocessors are run on the same cell)."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

    source = f'test.recorded("v1")\n{begin}\ntest.score("v1", "c")\n{end}\nprint("done")'
    solution = "SOLUTION" in begin  # an answer cell; hidden tests sit in a graded test cell
    cell = nbformat.v4.new_code_cell(source, metadata={"nbgrader": {
        "grade": not solution, "solution": solution, "locked": not solution, "points": 1,
        "grade_id": "t", "schema_version": 3}})
    nb = nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": {
        "name": "python3", "language": "python", "display_name": "Python 3"}})
    nb, _ = ClearHiddenTests().preprocess(nb, {})
    nb, _ = ClearSolutions(code_stub={"python": "..."}).preprocess(nb, {})
    nbgrader_lines = [ln for ln in nb.cells[0].source.splitlines() if ln.strip() != "..."]
    assert '"c"' not in released_text(source)
    assert released_text(source).splitlines() == nbgrader_lines


@pytest.mark.parametrize("module", MODULES)
def test_nbgraders_checksums_in_the_release_hash_only_what_the_learner_sees(module):
    """The 32-hex strings in a released notebook are nbgrader's cell checksums (it uses them to
    notice an edited test cell). Each is the checksum of the released cell as it stands, after
    the hidden tests were cleared, so it says nothing of a key."""
    from nbgrader.utils import compute_checksum

    released = nbformat.read(REPO / "release" / module / f"{module}.ipynb", as_version=4)
    source = {c.metadata["nbgrader"]["grade_id"]: c for c in nbformat.read(
        REPO / "source" / module / f"{module}.ipynb", as_version=4).cells
        if "grade_id" in c.metadata.get("nbgrader", {})}
    checked = hidden = 0
    for cell in released.cells:
        meta = cell.metadata.get("nbgrader", {})
        if "checksum" not in meta:
            continue
        checked += 1
        assert meta["checksum"] == compute_checksum(cell), meta["grade_id"]
        if "BEGIN HIDDEN TESTS" in source[meta["grade_id"]].source:
            hidden += 1
            assert meta["checksum"] != compute_checksum(source[meta["grade_id"]])
    assert checked and hidden, "the module has graded cells with hidden tests"


def _spellings_a_learner_could_copy(value: Any) -> set[str]:
    """How an exercise's right value would be written as an example: a number of three
    digits or more, or with decimals (smaller numbers, True and names are too common to mean
    anything), and a date, each the ways the answer cells read them."""
    import datetime

    if isinstance(value, bool):
        return set()
    if isinstance(value, (int, float)):
        if abs(value) < 100 and float(value).is_integer():
            return set()
        number = (str(int(value)) if float(value).is_integer()
                  else f"{value:.2f}".rstrip("0").rstrip("."))
        whole, _, cents = f"{value:.2f}".partition(".")
        french = f"{int(whole):,}".replace(",", " ") + "," + cents
        return {number, number.replace(".", ","), french}
    if isinstance(value, str) and len(value) == 10:
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return set()
        return {value, day.strftime("%d/%m/%Y")}
    return set()


def _example_text(path: Path) -> str:
    """What the released notebook gives as examples: its code cells (scaffolds and their
    comments) and the inline code of its Markdown (`250 €`), where answers are shown to type."""
    import re

    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            parts.append(cell.source)
        else:
            parts.extend(re.findall(r"`([^`\n]+)`", cell.source))
    return "\n".join(parts)


def _exercise_keys(course: Path) -> dict[tuple[str, str], Any]:
    """The values every module's exercises recorded for the perfect learner at grading: the
    exercise keys, by (module, answer name)."""
    from course_lib.quiz.values import read_values

    keys = {}
    for module in MODULES:
        values = read_values(course / "autograded" / "coach-01" / module)
        assert values, f"the perfect learner's exercise values of {module} were recorded"
        keys.update({(module, name): value for name, value in values.items()})
    return keys


def _keys_given_in(text: str, keys: dict[tuple[str, str], Any]) -> set[tuple[str, str, str]]:
    import re

    return {(module, name, spelling) for (module, name), value in keys.items()
            for spelling in _spellings_a_learner_could_copy(value)
            # not part of a longer number (1250, 1 250,00)
            if re.search(rf"(?<![\d.,])(?<!\d ){re.escape(spelling)}(?![\d])", text)}


@pytest.mark.slow
@pytest.mark.parametrize("module", MODULES)
def test_no_exercise_answer_is_given_as_an_example(graded, module):
    """No exercise key of any module (the values a perfect learner's exercises recorded at
    grading) is among the examples this module's released notebook shows."""
    course, _ = graded
    examples = _example_text(REPO / "release" / module / f"{module}.ipynb")
    assert _keys_given_in(examples, _exercise_keys(course)) == set()


@pytest.mark.slow
def test_no_exercise_answer_is_given_by_the_courses_shared_texts(graded):
    """Nor by what every module shows from the library: the header and the validation
    modalities, the checks' messages on how to write a number or a date, the answer-cell
    reader, and the home page's typing examples (a course-wide example date once was the
    C1.1 exercise's key, and its check said it back to any learner who typed a bad date)."""
    from course_lib.lessons import checks, notebook, plain_answers
    from course_lib.lessons.notebook import header_markdown, validation_markdown

    course, _ = graded
    shared = [Path(checks.__file__).with_name("common.py").read_text(encoding="utf-8"),
              Path(notebook.__file__).read_text(encoding="utf-8"),
              Path(plain_answers.__file__).read_text(encoding="utf-8"),
              _example_text(REPO / "notebooks" / "00-welcome.ipynb")]
    for module in MODULES:
        shared += [header_markdown(module), validation_markdown(module)]
    assert _keys_given_in("\n".join(shared), _exercise_keys(course)) == set()
