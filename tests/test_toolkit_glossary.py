"""Toolkit files a coach opens without Python; the course glossary; answer cells that read
what people naturally type, in a real kernel."""

from __future__ import annotations

import time

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from course_lib.catalogue import glossary, glossary_markdown, term
from course_lib.grading.toolkit import ToolkitError, ToolkitFile, _file, read_xlsx, write_xlsx


def test_a_toolkit_file_reads_back_as_written(tmp_path):
    tool = ToolkitFile("grid.xlsx", "Partner grid", ("Criterion", "Score"),
                       (("Tutoring", ""), ("Safety, health", "2")), "C1.1 section 3")
    path = write_xlsx(tool, tmp_path)
    assert read_xlsx(path) == ("Partner grid", ["Criterion", "Score"],
                               [["Tutoring", ""], ["Safety, health", "2"]])
    first = path.read_bytes()
    time.sleep(2.1)  # zip entries keep time to 2 s; the document its save time to 1 s
    write_xlsx(tool, tmp_path)
    assert path.read_bytes() == first, "a rebuild writes the same file (release/ is committed)"


@pytest.mark.parametrize(("item", "message"), [
    ({"file": "a.xlsx", "title": "T", "columns": ["A", "B"], "rows": [["x"]], "source": "s"},
     "row 1 has 1 cells for 2 columns"),
    ({"file": "a.csv", "title": "T", "columns": ["A"], "rows": [["x"]], "source": "s"},
     "must be a plain name ending in .xlsx"),
    ({"file": "a.xlsx", "title": "T", "columns": ["A"], "rows": [["x"]]}, "missing source"),
])
def test_a_bad_toolkit_definition_is_named(item, message):
    with pytest.raises(ToolkitError, match=message):
        _file(item, "t.yaml, file 1")


def test_glossary_terms_and_page():
    assert term("national agency").term == "National Agency"
    with pytest.raises(KeyError, match="not in the course glossary"):
        term("flux capacitor")
    page = glossary_markdown()
    assert page.count("\n") == len(glossary()) + 1
    assert f'<a id="{term("CFA").anchor}"></a>**CFA**' in page
    assert all(t.definition and t.source for t in glossary())


def run_cells(*sources: str, grading: bool) -> list[str]:
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    env = {"NBGRADER_EXECUTION": "autograde"} if grading else {}
    import os

    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
    return ["".join(o.get("text", "") + o.get("evalue", "") for o in c.outputs)
            for c in nb.cells]


@pytest.mark.slow
@pytest.mark.parametrize("grading", [False, True])
def test_answer_cells_read_what_people_type_in_a_real_kernel(grading):
    out = run_cells(
        "from course_lib.lessons.plain_answers import accept_plain_answers\n"
        "accept_plain_answers()",
        "travel = 275 €\nsupport = 1 339,80\nready = faux\nstart = 13/11/2025\n"
        "total = 14 * 66 + 9 * 46",
        "print(repr(travel), repr(support), repr(ready), repr(start), total)",
        grading=grading)
    assert out[2].strip() == "'275 €' '1 339,80' 'faux' '13/11/2025' 1338"
