"""Quiz questions: the bank format, answer normalisation, practice checks and key matching.

A module's bank is ``course_lib/data/quizzes/<module>.yaml``. Practice questions carry
their answer and an explanation; graded questions (the validation test) carry neither:
their key and explanation live only in the trainer's source notebook, in an nbgrader hidden
test, so they reach a learner's kernel only while the trainer grades.

Six types: ``single``, ``multiple``, ``truefalse``, ``numeric``, ``ordering``, ``matching``.

>>> q = Question.from_dict("c1-1-develop", "x", {
...     "mode": "practice", "type": "numeric", "prompt": "Days?", "answer": 32,
...     "tolerance": 0, "unit": "days", "explanation": "28 + 4."})
>>> q.normalize("32,0")
32.0
>>> q.check(32).correct
True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from ..data import DATA_DIR

BANKS = DATA_DIR / "quizzes"
TYPES = ("single", "multiple", "truefalse", "numeric", "ordering", "matching")


class QuizError(ValueError):
    """A question bank that cannot be used, with the reason."""


class AnswerError(ValueError):
    """An answer that does not fit its question, with what to do instead."""


@dataclass(frozen=True)
class Outcome:
    """The result of checking one practice answer."""

    correct: bool
    message: str


@dataclass(frozen=True)
class Question:
    """One question of a bank."""

    module: str
    id: str
    mode: str
    type: str
    prompt: str
    options: dict[str, str] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)
    terms: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    answer: Any = None
    explanation: str = ""
    hint: str = ""
    unit: str = ""
    tolerance: float = 0.0
    points: float = 0.0
    objective: int | None = None
    source: str = ""

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, module: str, qid: str, raw: dict[str, Any]) -> Question:
        """Build and check one question; errors name the question and the field."""
        where = f"question {qid!r} of {module}"
        if not isinstance(raw, dict):
            raise QuizError(f"{where}: expected a mapping of fields, got {type(raw).__name__}")
        qtype = raw.get("type")
        if qtype not in TYPES:
            raise QuizError(f"{where}: type must be one of {', '.join(TYPES)}, got {qtype!r}")
        mode = raw.get("mode", "practice")
        if mode not in ("practice", "graded"):
            raise QuizError(f"{where}: mode must be practice or graded, got {mode!r}")
        if not str(raw.get("prompt", "")).strip():
            raise QuizError(f"{where}: the prompt is empty")

        def mapping(name: str) -> dict[str, str]:
            value = raw.get(name) or {}
            if not isinstance(value, dict):
                raise QuizError(f"{where}: {name} must be a mapping id -> text")
            return {str(k): str(v) for k, v in value.items()}

        q = cls(
            module=module,
            id=qid,
            mode=mode,
            type=qtype,
            prompt=str(raw["prompt"]).strip(),
            options=mapping("options"),
            items=mapping("items"),
            terms=mapping("terms"),
            definitions=mapping("definitions"),
            answer=raw.get("answer"),
            explanation=str(raw.get("explanation", "")).strip(),
            hint=str(raw.get("hint", "")).strip(),
            unit=str(raw.get("unit", "")),
            tolerance=float(raw.get("tolerance", 0) or 0),
            points=float(raw.get("points", 1 if mode == "graded" else 0)),
            objective=int(raw["objective"]) if raw.get("objective") is not None else None,
            source=str(raw.get("source", "")),
        )
        needs = {"single": "options", "multiple": "options", "ordering": "items",
                 "matching": "terms"}
        if qtype in needs and not getattr(q, needs[qtype]):
            raise QuizError(f"{where}: a {qtype} question needs {needs[qtype]}")
        if qtype == "matching" and not q.definitions:
            raise QuizError(f"{where}: a matching question needs definitions")
        if mode == "graded" and ("answer" in raw or "explanation" in raw):
            raise QuizError(
                f"{where}: a graded question must not carry its answer or explanation in the "
                "bank (learners can read it); put the key in the source notebook"
            )
        if mode == "practice":
            if q.answer is None:
                raise QuizError(f"{where}: a practice question needs an answer")
            try:
                q.normalize(q.answer)
            except AnswerError as exc:
                raise QuizError(f"{where}: its answer does not fit the question: {exc}") from None
        return q

    @property
    def is_graded(self) -> bool:
        return self.mode == "graded"

    # -- answers -------------------------------------------------------------------------
    def normalize(self, value: Any) -> Any:
        """The answer in its canonical Python form, or ``AnswerError`` saying what to fix."""
        t = self.type
        if t == "single":
            key = str(value).strip() if value is not None else ""
            if key not in self.options:
                raise AnswerError(
                    f"{key!r} is not one of the options ({', '.join(self.options)})"
                )
            return key
        if t == "multiple":
            if isinstance(value, str):
                value = [v for v in re.split(r"[,\s]+", value) if v]
            if not isinstance(value, (list, tuple, set)):
                raise AnswerError("give a list of option letters, for example ['a', 'c']")
            keys = sorted({str(v).strip() for v in value})
            bad = [k for k in keys if k not in self.options]
            if bad:
                raise AnswerError(
                    f"{', '.join(bad)} not among the options ({', '.join(self.options)})"
                )
            return keys
        if t == "truefalse":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("true", "vrai", "yes", "oui"):
                return True
            if text in ("false", "faux", "no", "non"):
                return False
            raise AnswerError("answer True or False")
        if t == "numeric":
            return parse_number(value)
        if t == "ordering":
            if not isinstance(value, (list, tuple)):
                raise AnswerError("give the steps as a list, first step first")
            keys = [str(v) for v in value]
            if sorted(keys) != sorted(self.items):
                raise AnswerError("place every step exactly once")
            return keys
        if t == "matching":
            if not isinstance(value, dict):
                raise AnswerError("give a mapping term -> definition")
            pairs = {str(k): str(v) for k, v in value.items()}
            if set(pairs) != set(self.terms):
                raise AnswerError("match every term once")
            bad = [v for v in pairs.values() if v not in self.definitions]
            if bad:
                raise AnswerError(f"unknown definition {bad[0]!r}")
            return dict(sorted(pairs.items()))
        raise AnswerError(f"unknown question type {t!r}")  # pragma: no cover

    def accepts(self, value: Any, key: Any) -> bool:
        """True when ``value`` is right for ``key``: numbers within the tolerance (both
        edges included), everything else equal once normalised.

        >>> q = Question("m", "n", "graded", "numeric", "Amount?", tolerance=1)
        >>> q.accepts("1 966,60 €", 1965.6), q.accepts(1966.61, 1965.6)
        (True, False)
        """
        try:
            given = self.normalize(value)
        except AnswerError:
            return False
        expected = self.normalize(key)
        if self.type == "numeric":
            return abs(given - expected) <= self.tolerance + 1e-9 * max(1.0, abs(expected))
        return given == expected

    # -- practice feedback ---------------------------------------------------------------
    def check(self, value: Any, attempt: int = 2) -> Outcome:
        """Check a practice answer: after a first wrong try, what to fix and a hint back to
        the lesson; after a second try or a right answer, the explanation."""
        if self.is_graded:
            raise QuizError(f"question {self.id} is graded: it is scored by nbgrader")
        try:
            given = self.normalize(value)
        except AnswerError as exc:
            return Outcome(False, f"Not yet: {exc}.")
        key = self.normalize(self.answer)
        if self.accepts(given, key):
            return Outcome(True, f"Correct. {self.explanation}".strip())
        fix = self._what_to_fix(given, key)
        if attempt <= 1:
            hint = self.hint or "Read the section above again, then try once more."
            return Outcome(False, f"Not quite. {fix} Hint: {hint}".replace("  ", " "))
        return Outcome(False, f"Not quite. {fix} {self.explanation}".replace("  ", " "))

    def _what_to_fix(self, given: Any, key: Any) -> str:
        if self.type == "multiple":
            missing, extra = set(key) - set(given), set(given) - set(key)
            parts = []
            if extra:
                parts.append(f"{len(extra)} of your choices should not be ticked")
            if missing:
                parts.append(f"{len(missing)} correct choice(s) are missing")
            return "; ".join(parts).capitalize() + "."
        if self.type == "ordering":
            right = sum(a == b for a, b in zip(given, key, strict=False))
            return f"{right} of {len(key)} steps are in the right place."
        if self.type == "matching":
            right = sum(given[t] == key[t] for t in key)
            return f"{right} of {len(key)} pairs are right."
        if self.type == "numeric":
            return "Your figure is too high." if given > key else "Your figure is too low."
        return ""


def parse_number(value: Any) -> float:
    """Read a number as a learner types it: ``1 516,20`` or ``1516.2`` or ``"1,516.20 €"``.

    >>> parse_number("1 516,20 €")
    1516.2
    >>> parse_number("1,516.20")
    1516.2
    >>> parse_number("12.071"), parse_number("1.234.567"), parse_number("1.516,20")
    (12.071, 1234567.0, 1516.2)
    """
    if isinstance(value, bool):
        raise AnswerError("type a number, for example 1516.20")
    if isinstance(value, (int, float)):
        if math.isnan(value) or math.isinf(value):
            raise AnswerError("type a finite number")
        return float(value)
    text = str(value if value is not None else "").strip()
    text = re.sub(r"[€\s\u00a0\u202f]|EUR|eur|days?|jours?|km", "", text)
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+,\d+|-?\d{1,3}(\.\d{3}){2,}", text):
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise AnswerError(
            f"{str(value).strip()!r} is not a number: type digits only, for example 1516.20"
        ) from None
    if math.isnan(number) or math.isinf(number):
        raise AnswerError("type a finite number")
    return number


@dataclass(frozen=True)
class Bank:
    """All questions of one module."""

    module: str
    questions: dict[str, Question]

    def __getitem__(self, qid: str) -> Question:
        try:
            return self.questions[qid]
        except KeyError:
            raise KeyError(
                f"{self.module} has no question {qid!r}; its questions are "
                f"{', '.join(self.questions)}"
            ) from None

    def __contains__(self, qid: object) -> bool:
        return qid in self.questions

    def practice(self) -> list[Question]:
        return [q for q in self.questions.values() if not q.is_graded]

    def graded(self) -> list[Question]:
        return [q for q in self.questions.values() if q.is_graded]


def parse_bank(text: str, module: str) -> Bank:
    """Parse a bank's YAML text; every problem names the question and the field."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise QuizError(f"quiz bank of {module} is not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), dict):
        raise QuizError(f"quiz bank of {module}: expected a top-level 'questions' mapping")
    if raw.get("module", module) != module:
        raise QuizError(f"quiz bank of {module} declares module {raw.get('module')!r}")
    questions = {
        str(qid): Question.from_dict(module, str(qid), q) for qid, q in raw["questions"].items()
    }
    return Bank(module, questions)


@cache
def load_bank(module: str) -> Bank:
    """The question bank of a module, from ``course_lib/data/quizzes/<module>.yaml``."""
    path = BANKS / f"{module}.yaml"
    if not path.exists():
        raise QuizError(f"no quiz bank for module {module!r} (looked for {path.name})")
    return parse_bank(path.read_text(encoding="utf-8"), module)
