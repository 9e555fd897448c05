"""Where a learner's graded quiz answers live: ``answers.json`` in the module's folder.

The file sits beside the notebook, so ``nbgrader submit`` and ``collect`` carry it and
``autograde`` finds it in the working directory of the test cells. No file of that name
exists in ``source/``, so autograde never overwrites it with a master copy.

The file is written atomically after every answer, one answer per line, so a hand edit
that breaks one line loses nothing else: unreadable lines are reported and the other
answers are kept.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> store = AnswerStore(folder, "c1-1-develop")
>>> store.record("v1", "b")
>>> AnswerStore(folder, "c1-1-develop").get("v1")
'b'
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

FILENAME = "answers.json"
_LINE = re.compile(r'^\s*"(?P<qid>[^"]+)"\s*:\s*(?P<value>.+?)\s*,?\s*$')


class MemoryStore:
    """Answers kept in the kernel only (the Voila app: nothing shared between visitors)."""

    persistent = False

    def __init__(self, module: str) -> None:
        self.module = module
        self.answers: dict[str, Any] = {}
        self.problems: list[str] = []

    def get(self, qid: str) -> Any:
        return self.answers.get(qid)

    def record(self, qid: str, value: Any) -> None:
        self.answers[qid] = value

    def forget(self, qid: str) -> None:
        self.answers.pop(qid, None)


class AnswerStore(MemoryStore):
    """Answers persisted in ``<folder>/answers.json`` as soon as they are given."""

    persistent = True

    def __init__(self, folder: str | os.PathLike[str] = ".", module: str = "") -> None:
        super().__init__(module)
        self.path = Path(folder) / FILENAME
        self.answers, self.problems = self._read()

    # -- reading ---------------------------------------------------------------------------
    def _read(self) -> tuple[dict[str, Any], list[str]]:
        if not self.path.exists():
            return {}, []
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return {}, [f"{FILENAME} could not be read ({exc}); new answers start a new file"]
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return self._salvage(text, exc)
        if not isinstance(data, dict):
            return {}, [f"{FILENAME} does not hold answers (it was edited by hand?)"]
        answers = data.get("answers", {})
        if not isinstance(answers, dict):
            return {}, [f"{FILENAME}: 'answers' is not a mapping (it was edited by hand?)"]
        problems = []
        if self.module and data.get("module") not in (None, self.module):
            problems.append(
                f"{FILENAME} belongs to module {data.get('module')!r}, not {self.module!r}; "
                "its answers are kept"
            )
        return dict(answers), problems

    def _salvage(self, text: str, exc: json.JSONDecodeError) -> tuple[dict[str, Any], list[str]]:
        """Keep every answer line that still reads, and say which line broke."""
        answers: dict[str, Any] = {}
        lost = []
        in_answers = False
        for number, line in enumerate(text.splitlines(), start=1):
            if '"answers"' in line:
                in_answers = True
                continue
            if not in_answers:
                continue
            m = _LINE.match(line)
            if not m:
                if line.strip() not in ("", "{", "}", "},"):
                    lost.append(number)
                continue
            try:
                answers[m["qid"]] = json.loads(m["value"])
            except json.JSONDecodeError:
                lost.append(number)
        backup = self.path.with_name(
            f"answers.broken-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}.json"
        )
        try:
            backup.write_text(text, encoding="utf-8")
            kept_as = f"; the damaged file was kept as {backup.name}"
        except OSError:
            kept_as = ""
        where = f"line(s) {', '.join(map(str, lost))}" if lost else f"line {exc.lineno}"
        return answers, [
            f"{FILENAME} was damaged at {where} ({exc.msg}); {len(answers)} answer(s) were "
            f"recovered and kept{kept_as}. Answer the affected question(s) again."
        ]

    # -- writing ---------------------------------------------------------------------------
    def record(self, qid: str, value: Any) -> None:
        """Save one answer now (atomic write: a crash never leaves half a file)."""
        self.answers[qid] = value
        self._write()

    def forget(self, qid: str) -> None:
        self.answers.pop(qid, None)
        self._write()

    def _write(self) -> None:
        lines = ",\n".join(
            f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
            for k, v in self.answers.items()
        )
        body = (
            "{\n"
            f'  "module": {json.dumps(self.module)},\n'
            f'  "saved": "{datetime.now(timezone.utc).isoformat(timespec="seconds")}",\n'
            '  "answers": {\n' + lines + ("\n" if lines else "") + "  }\n}\n"
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".answers-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(body)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
