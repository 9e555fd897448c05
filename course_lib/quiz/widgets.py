"""Widget quizzes: practice questions with instant feedback, and a graded validation test.

In a notebook::

    from course_lib.quiz import Practice, ValidationTest
    practice = Practice("c1-1-develop")
    practice.ask("p-format")          # instant feedback, unlimited tries, never graded

    test = ValidationTest("c1-1-develop")
    test.ask("v1")                    # the choice is saved in answers.json at once
    test.recorded("v1")               # the visible part of the nbgrader test cell
    test.score("v1", "c", why="...")  # its hidden part: the key, only in source/ and at grading

Under nbgrader no widget is built: the question and the saved answer are printed, so
headless execution never waits for a front end.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import feedback, runtime
from .answers import AnswerStore, MemoryStore
from .questions import AnswerError, Question, load_bank, parse_number


def _markdown(text: str) -> str:
    try:
        import mistune

        return mistune.html(text)
    except Exception:  # pragma: no cover - mistune ships with nbconvert
        return f"<p>{html.escape(text)}</p>"


# Long option texts must wrap: ipywidgets gives each radio label a fixed height, so
# wrapped lines would overlap the next option.
_CSS = """<style>
.mc-quiz .widget-radio-box label { height: auto !important; line-height: 1.35;
  white-space: normal; margin: 2px 0 6px 0; display: flex; flex-direction: row-reverse;
  justify-content: flex-end; align-items: flex-start; gap: 6px; }
.mc-quiz .widget-radio-box input { margin-top: 3px; flex-shrink: 0; }
.mc-quiz .widget-dropdown select { white-space: normal; }
.mc-quiz .mc-question p { margin: 4px 0; }
</style>"""


def _prompt_html(q: Question, label: str) -> str:
    unit = f" <em>(answer in {html.escape(q.unit)})</em>" if q.type == "numeric" and q.unit else ""
    how = {
        "multiple": " <em>Select all that apply.</em>",
        "ordering": " <em>Choose the step that comes at each position.</em>",
        "matching": " <em>Choose the matching definition for each term.</em>",
    }.get(q.type, "")
    return (
        f'{_CSS}<div class="mc-question"><strong>{html.escape(label)}</strong> '
        f"{_markdown(q.prompt)}{unit}{how}</div>"
    )


class _Input:
    """The widget for one question, with a raw getter and setter (no scoring here)."""

    def __init__(self, q: Question, on_change: Callable[[], None] | None = None) -> None:
        import ipywidgets as w

        self.q = q
        self.parts: list[Any] = []
        full = w.Layout(width="auto")
        if q.type in ("single", "truefalse"):
            options = (
                [(f"{key}) {text}", key) for key, text in q.options.items()]
                if q.type == "single"
                else [("True", True), ("False", False)]
            )
            self.widget = w.RadioButtons(options=options, value=None, layout=full)
            self.parts = [self.widget]
        elif q.type == "multiple":
            self.boxes = {key: w.Checkbox(value=False, indent=False,
                                          layout=w.Layout(width="28px")) for key in q.options}
            self.widget = w.VBox(
                [w.HBox([self.boxes[k], w.HTML(html.escape(f"{k}) {t}"))])
                 for k, t in q.options.items()]
            )
            self.parts = list(self.boxes.values())
        elif q.type == "numeric":
            self.widget_text = w.Text(placeholder="type a number, e.g. 1516.20",
                                      continuous_update=False, layout=w.Layout(width="220px"))
            self.widget = w.HBox([self.widget_text, w.Label(q.unit)])
            self.parts = [self.widget_text]
        elif q.type == "ordering":
            choices = [(text, key) for key, text in q.items.items()]
            self.drops = [
                w.Dropdown(options=choices, value=None, description=f"Step {i}",
                           layout=w.Layout(width="95%"))
                for i in range(1, len(q.items) + 1)
            ]
            self.widget = w.VBox(self.drops)
            self.parts = self.drops
        else:  # matching
            choices = [(text, key) for key, text in q.definitions.items()]
            self.drops_by_term = {
                key: w.Dropdown(options=choices, value=None, layout=w.Layout(width="95%"))
                for key in q.terms
            }
            self.widget = w.VBox(
                [
                    w.VBox([w.HTML(f"<strong>{html.escape(q.terms[k])}</strong>"), d])
                    for k, d in self.drops_by_term.items()
                ]
            )
            self.parts = list(self.drops_by_term.values())
        if on_change is not None:
            for part in self.parts:
                part.observe(lambda _change: on_change(), names="value")

    def get(self) -> Any:
        """The raw answer as shown (``None`` when nothing is chosen yet)."""
        q = self.q
        if q.type in ("single", "truefalse"):
            return self.widget.value
        if q.type == "multiple":
            chosen = [k for k, box in self.boxes.items() if box.value]
            return chosen or None
        if q.type == "numeric":
            return self.widget_text.value.strip() or None
        if q.type == "ordering":
            values = [d.value for d in self.drops]
            return None if all(v is None for v in values) else values
        values = {k: d.value for k, d in self.drops_by_term.items()}
        return None if all(v is None for v in values.values()) else values

    def set(self, value: Any) -> None:
        """Show a saved answer again; values that no longer fit are skipped."""
        q = self.q
        try:
            if value is None:
                return
            if q.type == "single" and value in q.options:
                self.widget.value = value
            elif q.type == "truefalse" and isinstance(value, bool):
                self.widget.value = value
            elif q.type == "multiple" and isinstance(value, list):
                for k, box in self.boxes.items():
                    box.value = k in value
            elif q.type == "numeric":
                self.widget_text.value = str(value)
            elif q.type == "ordering" and isinstance(value, list):
                for drop, v in zip(self.drops, value, strict=False):
                    drop.value = v if v in q.items else None
            elif q.type == "matching" and isinstance(value, dict):
                for k, drop in self.drops_by_term.items():
                    v = value.get(k)
                    drop.value = v if v in q.definitions else None
        except Exception:  # a hand-edited value must never stop the notebook
            return

    def disable(self) -> None:
        for part in self.parts:
            part.disabled = True


def _describe(q: Question, value: Any) -> str:
    """A saved answer in words (used where no widget is shown)."""
    if value is None:
        return "no answer yet"
    if q.type == "single":
        return f"{value}) {q.options.get(value, '?')}"
    if q.type == "multiple":
        return "; ".join(f"{v}) {q.options.get(v, '?')}" for v in value)
    if q.type == "ordering":
        return " → ".join(q.items.get(v, "?") if v else "?" for v in value)
    if q.type == "matching":
        return "; ".join(f"{q.terms.get(t, t)} = {q.definitions.get(d, '?')}"
                         for t, d in value.items())
    if q.type == "numeric" and isinstance(value, (int, float)):
        return f"{value:g} {q.unit}".strip()
    return str(value)


class Practice:
    """Practice questions of a module: instant feedback with an explanation, never graded."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.bank = load_bank(module)

    def ask(self, qid: str) -> None:
        """Show one practice question with a Check button."""
        q = self.bank[qid]
        if q.is_graded:
            raise ValueError(f"{qid} is a graded question: use ValidationTest.ask")
        label = f"Practice {[x.id for x in self.bank.practice()].index(qid) + 1}."
        if runtime.is_grading():
            print(f"{label} {q.prompt} (practice question, shown in JupyterLab)")
            return
        import ipywidgets as w
        from IPython.display import display

        result = w.HTML()
        tries = [0]
        answer = _Input(q)
        button = w.Button(description="Check my answer", button_style="primary",
                          icon="check",
                          layout=w.Layout(width="auto", align_self="flex-start"))

        def check(_button: Any) -> None:
            raw = answer.get()
            if raw is None:
                result.value = feedback.box_html("info", "Choose or type an answer first.")
                return
            if q.type == "ordering" and None in raw:
                result.value = feedback.box_html("info", "Choose a step for every position.")
                return
            if q.type == "matching" and None in raw.values():
                result.value = feedback.box_html("info", "Choose a definition for every term.")
                return
            tries[0] += 1
            outcome = q.check(raw, attempt=tries[0])
            result.value = feedback.box_html("ok" if outcome.correct else "problem",
                                             outcome.message)

        button.on_click(check)
        display(w.VBox([w.HTML(_prompt_html(q, label)), answer.widget, button, result],
                       layout=w.Layout(border="1px solid #ddd", padding="8px", margin="8px 0"))
                .add_class("mc-practice").add_class("mc-quiz"))


class ValidationTest:
    """A module's graded test: answers saved at once, restored on re-run, scored by nbgrader."""

    def __init__(self, module: str, folder: str | Path | None = None) -> None:
        self.module = module
        self.bank = load_bank(module)
        if runtime.in_voila():
            self.store: MemoryStore = MemoryStore(module)
        else:
            self.store = AnswerStore(Path(folder) if folder else Path.cwd(), module)
        self._inputs: dict[str, _Input] = {}
        unknown = [k for k in self.store.answers if k not in self.bank]
        for message in self.store.problems:
            feedback.show("problem", message)
        if unknown:
            feedback.show(
                "problem",
                f"answers.json has answers to {', '.join(unknown)}, which are not questions of "
                f"this module: they are ignored (and kept in the file). Your other answers are "
                "safe.",
            )
        if runtime.in_voila():
            feedback.info(
                "Validation test preview: answers given in this web app are neither saved nor "
                "scored. Take the test in JupyterLab."
            )

    def _label(self, q: Question) -> str:
        number = [x.id for x in self.bank.graded()].index(q.id) + 1
        points = f"{q.points:g} point{'s' if q.points != 1 else ''}"
        objective = f", objective {q.objective}" if q.objective else ""
        return f"Question {number} ({points}{objective})."

    def _graded(self, qid: str) -> Question:
        q = self.bank[qid]
        if not q.is_graded:
            raise ValueError(f"{qid} is a practice question: use Practice.ask")
        return q

    def ask(self, qid: str) -> None:
        """Show one graded question; every choice is saved immediately."""
        q = self._graded(qid)
        saved = self.store.get(qid)
        if runtime.is_grading():
            print(f"{self._label(q)} {q.prompt}\nRecorded answer: {_describe(q, saved)}")
            return
        import ipywidgets as w
        from IPython.display import display

        status = w.HTML()

        def save() -> None:
            raw = answer.get()
            if raw is None:
                self.store.forget(qid)
                status.value = ""
                return
            if q.type == "numeric":
                try:
                    raw = parse_number(raw)
                except AnswerError as exc:
                    status.value = feedback.box_html("problem", f"Not saved: {exc}.")
                    return
            try:
                self.store.record(qid, raw)
            except OSError as exc:
                status.value = feedback.box_html(
                    "problem", f"Your answer could not be saved ({exc}). Tell your trainer."
                )
                return
            where = "saved" if self.store.persistent else "noted (not saved in this preview)"
            incomplete = (q.type == "ordering" and None in raw) or (
                q.type == "matching" and None in raw.values()
            )
            note = " — complete every line" if incomplete else ""
            status.value = feedback.box_html("ok", f"Answer {where}{note}.")

        answer = _Input(q)
        answer.set(saved)
        if saved is not None:
            status.value = feedback.box_html("ok", "Your saved answer is shown.")
        for part in answer.parts:
            part.observe(lambda _change: save(), names="value")
        self._inputs[qid] = answer
        display(w.VBox([w.HTML(_prompt_html(q, self._label(q))), answer.widget, status],
                       layout=w.Layout(border="1px solid #bbb", padding="8px", margin="8px 0"))
                .add_class("mc-graded").add_class("mc-quiz"))

    def answer(self, qid: str, value: Any) -> None:
        """Record an answer from code (the same store the widget writes to)."""
        q = self._graded(qid)
        try:
            value = q.normalize(value)
        except AnswerError as exc:
            feedback.problem(f"Question {qid}: {exc}.")
            return
        self.store.record(qid, value)

    def recorded(self, qid: str) -> None:
        """The visible test of one question: is an answer recorded? (never right or wrong)."""
        __tracebackhide__ = True  # IPython hides this frame: the learner reads the message
        q = self._graded(qid)
        if runtime.in_voila() or runtime.is_autograding():
            return  # while the trainer grades, the hidden test that follows gives the verdict
        label = self._label(q)
        saved = self.store.get(qid)
        if saved is None:
            feedback.problem(f"{label} No answer yet: answer it in the question above.")
            return
        try:
            q.normalize(saved)
        except AnswerError as exc:
            feedback.problem(f"{label} Your answer is incomplete or unreadable: {exc}. "
                             "Answer it again above.")
            return
        feedback.passed(f"{label} Answer recorded. It is scored when your trainer grades "
                        "the module.")

    def score(self, qid: str, key: Any, why: str = "") -> None:
        """The hidden test of one question, with its key: the learner's answer, the right
        answer and why, then a failure when they differ.

        It lives between nbgrader's hidden-test markers, so only the trainer's source
        notebook and the gradebook hold it; the learner reads it in the feedback.
        """
        __tracebackhide__ = True  # IPython hides this frame: the learner reads the message
        q = self._graded(qid)
        if runtime.in_voila():
            return
        saved = self.store.get(qid)
        right = q.accepts(saved, key) if saved is not None else False
        try:
            given = _describe(q, q.normalize(saved)) if saved is not None else "no answer"
        except AnswerError:
            given = f"{saved!r} (unreadable)"
        lines = [f"{self._label(q)} {'Correct' if right else 'Not the expected answer'}.",
                 f"Your answer: {given}", f"Right answer: {_describe(q, q.normalize(key))}"]
        if why:
            lines.append(f"Why: {why}")
        if not right:
            raise AssertionError("\n".join(lines))
        print("\n".join(lines))

    def summary(self) -> None:
        """Which questions still need an answer."""
        missing = [self._label(q).split(" (")[0]
                   for q in self.bank.graded() if self.store.get(q.id) is None]
        if missing:
            feedback.show("problem", f"Still to answer: {', '.join(missing)}.")
        else:
            feedback.show("ok", "Every question of the test has an answer.")
