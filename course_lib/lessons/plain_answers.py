"""Answer cells accept what people naturally type: ``412 €``, ``1 339,80``, ``faux``,
``05/07/2024``.

An answer line ``name = <text>`` whose text is not Python (``412 €``, ``1 339,80``), is a
plain word for true or false (``false``, ``faux``), or is a French date (``05/07/2024``,
which Python would divide) is read as the text itself, in quotes. The exercise check then
reads the text and says what to change if it still does not fit. Lines that are Python are
left alone, so ``14 * 66 + 9 * 46`` is computed as before.

>>> quote_plain_answers("travel = 412 €\\ntotal = 2 * travel")
"travel = '412 €'\\ntotal = 2 * travel"
>>> quote_plain_answers("ready = faux")
"ready = 'faux'"
>>> quote_plain_answers("start = 05/07/2024")
"start = '05/07/2024'"
>>> quote_plain_answers("support = 1339,80")
"support = '1339,80'"
>>> quote_plain_answers("x = [1, 2]")
'x = [1, 2]'
"""

from __future__ import annotations

import re

_ANSWER = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<text>[^=].*?)\s*(?:#.*)?$")
_WORDS = re.compile(r"(?i)^(true|false|vrai|faux|oui|non|yes|no)$")
_FRENCH_DATE = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{4}$")
_DECIMAL_COMMA = re.compile(r"^-?\d[\d\s\u00a0\u202f]*,\d+\s*€?$")


def _is_python(text: str) -> bool:
    try:
        compile(text, "<answer>", "eval")
    except SyntaxError:
        return False
    return True


_STRINGS = re.compile(r"'[^']*'|\"[^\"]*\"")


def _depth(line: str) -> int:
    """Brackets this line opens minus those it closes (strings and comments aside)."""
    code = _STRINGS.sub("", line).split("#", 1)[0]
    return sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")


def quote_plain_answers(cell: str) -> str:
    """The cell with each plain-text answer line put in quotes (see the module docstring).

    Only whole one-line answers are read as text; a statement spread over several lines
    (a list, a call) is left to Python.

    >>> quote_plain_answers("outcomes = [\\n    'a',\\n    'b',\\n]")
    "outcomes = [\\n    'a',\\n    'b',\\n]"
    """
    whole_cell_is_python = _is_python_block(cell)
    out, depth = [], 0
    for line in cell.split("\n"):
        match = _ANSWER.match(line)
        if depth == 0 and match and not line.startswith((" ", "\t")):
            text = match["text"]
            plain = _WORDS.match(text) or _FRENCH_DATE.match(text) or _DECIMAL_COMMA.match(text)
            broken = (not whole_cell_is_python and _depth(text) == 0
                      and not _is_python(text))
            if text not in ("True", "False", "...") and (plain or broken):
                line = f"{match['name']} = {text!r}"
        depth = max(0, depth + _depth(line))
        out.append(line)
    return "\n".join(out)


def _is_python_block(cell: str) -> bool:
    try:
        compile(cell, "<cell>", "exec")
    except SyntaxError:
        return False
    return True


def _transform(lines: list[str]) -> list[str]:
    cell = "".join(lines)
    new = quote_plain_answers(cell.rstrip("\n"))
    if new == cell.rstrip("\n"):
        return lines
    return [line + "\n" for line in new.split("\n")]


def accept_plain_answers() -> None:
    """Register the transformer in this kernel (JupyterLab and nbgrader alike, so a learner's
    ``412 €`` is graded as 412)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    if _transform not in shell.input_transformers_post:
        shell.input_transformers_post.append(_transform)
