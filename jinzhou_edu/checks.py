r"""Instant feedback for students: ``grader.check("q1")`` in a student edition.

A student edition's first cell creates a :class:`Checker` from the public checks
of its exercise, packed into the cell itself by ``jinzhou-edu student``. So the
notebook needs nothing but this package: it works renamed, moved to another
folder, downloaded, or opened on a hub, and no test file travels with it.

A check never shows test code, a traceback or a test's name: only the message
the instructor wrote for the first check that fails, or "not answered yet"
when an answer is still ``...``. The public checks hold no answers: where a
check must compare a value it compares a digest of the normalised answer
(:func:`digest`), and a check that only looks at the form of an answer says
so when it passes. Hidden tests, which decide the grade, are never in a
student edition.

Checks are Python functions whose parameters name the notebook variables they
read. Their names say what kind of check they are:

``test_form_*``
    the answer has the right form (a number, a list of the five ids...);
``test_mistake_*``
    the answer is not a known mistake (its message explains the mistake);
``test_answer_*``
    the answer itself is right (a digest comparison).

Examples
--------
>>> spec = {
...     "assignment": "demo",
...     "questions": {
...         "q1": {
...             "title": "Question 1",
...             "checks": [
...                 {
...                     "kind": "form",
...                     "message": "x should be a whole number.",
...                     "source": "def test_form_int(x):\n    assert isinstance(x, int)",
...                 },
...                 {
...                     "kind": "answer",
...                     "message": "Not yet: count again.",
...                     "source": (
...                         "def test_answer_x(x):\n"
...                         "    from jinzhou_edu.checks import digest\n"
...                         f"    assert digest(x, 'q1') == {digest(3, 'q1')!r}"
...                     ),
...                 },
...             ],
...         }
...     },
... }
>>> grader = Checker("demo", pack(spec))
>>> x = ...
>>> print(grader.check("q1", {"x": x}))
Question 1: not answered yet. Give `x` a value in the cell above, run it, then check again.
>>> print(grader.check("q1", {"x": 2.5}))
Question 1: not yet. x should be a whole number.
>>> print(grader.check("q1", {"x": 4}))
Question 1: not yet. Not yet: count again.
>>> print(grader.check("q1", {"x": 3}))
Question 1: right.
"""

from __future__ import annotations

import base64
import hashlib
import html
import inspect
import json
import math
import numbers
import sys
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinzhou_edu._errors import closest

__all__ = ["CheckReport", "CheckResult", "Checker", "digest", "pack", "unpack"]

#: check kinds, in the order their checks run
KINDS = ("form", "mistake", "answer")

_SALT = "jinzhou-edu"


def _normalised(value: Any) -> str:
    """Return the text a value is digested as (see :func:`digest`)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            return repr(number)
        return str(int(number)) if number.is_integer() else repr(round(number, 6))
    if isinstance(value, str):
        return value.strip().casefold()
    if isinstance(value, (list, tuple)):
        return "[" + "|".join(_normalised(item) for item in value) + "]"
    raise TypeError(f"cannot digest a {type(value).__name__}")


def digest(value: Any, question: str) -> str:
    """Return a short digest of an answer, to compare without showing it.

    Text is stripped and case-folded; numbers that are whole compare equal
    whatever their type (``32``, ``32.0``, ``numpy.int64(32)``); lists and
    tuples are digested item by item, in order. Round a measured value before
    digesting it (``digest(round(hours, 1), "q1")``).

    Parameters
    ----------
    value : str, number, or list or tuple of them
        The answer.
    question : str
        The question's name; the same answer digests differently in another
        question.

    Returns
    -------
    str
        Sixteen hexadecimal digits.

    Raises
    ------
    TypeError
        If the value is of another type (a check treats that as a wrong answer).

    Examples
    --------
    >>> digest(32, "q1") == digest(32.0, "q1")
    True
    >>> digest("Tanner-2015 ", "q4") == digest("tanner-2015", "q4")
    True
    >>> len(digest(["a", "b"], "q2"))
    16
    """
    text = f"{_SALT}:{question}:{_normalised(value)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def pack(spec: Mapping[str, Any]) -> str:
    """Pack an exercise's public checks into one line of text.

    The same checks always give the same text, so rebuilt student editions are
    byte-identical.

    Examples
    --------
    >>> unpack(pack({"assignment": "demo", "questions": {}}))["assignment"]
    'demo'
    """
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")


def unpack(packed: str) -> dict[str, Any]:
    """Return the checks that :func:`pack` packed.

    Raises
    ------
    ValueError
        If the text is not packed checks (for example, the cell was edited).
    """
    try:
        spec = json.loads(zlib.decompress(base64.b64decode(packed, validate=True)))
    except (ValueError, zlib.error, TypeError) as error:
        raise ValueError(
            "The checks in the first cell of this notebook are damaged. Download a fresh copy "
            "of the exercise, or ask your teacher for one."
        ) from error
    if not isinstance(spec, dict) or not isinstance(spec.get("questions"), dict):
        raise ValueError("The first cell of this notebook does not hold an exercise's checks.")
    return spec


@dataclass(frozen=True)
class CheckResult:
    """What a check tells the student; shown as a coloured box in JupyterLab.

    Attributes
    ----------
    question : str
        The question's title (e.g. "Question 1").
    status : {"right", "form-ok", "not-yet", "unanswered", "unknown"}
        ``right``: every public check passed, including one on the answer itself;
        ``form-ok``: the form is right, the value is checked at grading;
        ``not-yet``: a check failed; ``unanswered``: an answer is still ``...``;
        ``unknown``: no such question in this exercise.
    message : str
        The sentence shown after the title.
    """

    question: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        """True when the public checks passed (``right`` or ``form-ok``)."""
        return self.status in ("right", "form-ok")

    def __str__(self) -> str:
        return f"{self.question}: {self.message}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        colours = {
            "right": ("#e6f4ea", "#1e7b34", "✔"),
            "form-ok": ("#e8f0fe", "#1a56b0", "✔"),
            "not-yet": ("#fdf1e6", "#a6550e", "✘"),
            "unanswered": ("#f1f3f4", "#4d5156", "…"),
            "unknown": ("#fdf1e6", "#a6550e", "?"),
        }
        background, colour, mark = colours[self.status]
        return (
            f'<div class="jinzhou-check jinzhou-check-{self.status}" style="background:'
            f"{background};border-left:4px solid {colour};padding:0.4em 0.8em;"
            f'color:#202124"><strong style="color:{colour}">{mark} '
            f"{html.escape(self.question)}:</strong> {html.escape(self.message)}</div>"
        )


class CheckReport(list):
    """The results of :meth:`Checker.check_all`, shown one line per question."""

    def __str__(self) -> str:
        return "\n".join(str(result) for result in self)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return "".join(result._repr_html_() for result in self)


_RIGHT = "right."
_FORM_OK = (
    "the form of your answer is right. The answer itself is checked when your teacher grades."
)


def _unanswered(name: str) -> str:
    return f"not answered yet. Give `{name}` a value in the cell above, run it, then check again."


class Checker:
    """The public checks of one exercise, run on the notebook's variables.

    Parameters
    ----------
    assignment : str
        The exercise's name (``general-assault``).
    packed : str
        Its public checks, as :func:`pack` packed them.

    Examples
    --------
    >>> grader = Checker("demo", pack({"assignment": "demo", "questions": {}}))
    >>> grader.questions
    []
    """

    def __init__(self, assignment: str, packed: str) -> None:
        spec = unpack(packed)
        if spec.get("assignment") != assignment:
            raise ValueError(
                f"The checks in the first cell belong to {spec.get('assignment')!r}, not to "
                f"{assignment!r}. Download a fresh copy of the exercise."
            )
        self.assignment = assignment
        self._questions: dict[str, dict[str, Any]] = spec["questions"]
        self._compiled: dict[str, list[tuple[str, Any, str]]] = {}

    @property
    def questions(self) -> list[str]:
        """The names of the questions that have checks, in order."""
        return list(self._questions)

    def _checks(self, question: str) -> list[tuple[str, Any, str]]:
        """Return (kind, function, message) for each check of a question, compiled once."""
        if question not in self._compiled:
            compiled = []
            for check in self._questions[question]["checks"]:
                namespace: dict[str, Any] = {}
                exec(check["source"], namespace)  # our own checks, built from the master
                (function,) = (v for k, v in namespace.items() if k.startswith("test_"))
                compiled.append((check["kind"], function, check["message"]))
            self._compiled[question] = compiled
        return self._compiled[question]

    def check(self, question: str, variables: Mapping[str, Any] | None = None) -> CheckResult:
        """Check the answer to one question and say what is wrong, in words.

        Parameters
        ----------
        question : str
            The question's name, as in the cell (``"q1_duration"``).
        variables : mapping, optional
            Where to find the answers (default: the notebook's variables).

        Returns
        -------
        CheckResult
            Shows as a message in the notebook; ``.passed`` tells the result.
        """
        if variables is None:
            variables = sys._getframe(1).f_globals
        try:
            return self._check(question, variables)
        except Exception:  # a check must never raise on a student's notebook
            return CheckResult(
                _shown(question),
                "unknown",
                "this check could not run. Run the notebook's first cell again, then check "
                "again; if this stays, ask your teacher.",
            )

    def _check(self, question: Any, variables: Any) -> CheckResult:
        """Check one question (see :meth:`check`); may raise on a broken notebook."""
        if not isinstance(question, str):
            valid = ", ".join(repr(q) for q in self._questions)
            return CheckResult(
                _shown(question),
                "unknown",
                "give the question's name in quotes, e.g. "
                f"grader.check({next(iter(self._questions), 'q1')!r}). Its questions: {valid}.",
            )
        if not isinstance(variables, Mapping):
            variables = getattr(variables, "__dict__", {})
        if question not in self._questions:
            match = closest(str(question), self._questions)
            hint = f" Did you mean {match!r}?" if match else ""
            valid = ", ".join(repr(q) for q in self._questions)
            return CheckResult(
                str(question),
                "unknown",
                f"this exercise has no such question.{hint} Its questions: {valid}.",
            )
        title = self._questions[question].get("title", question)
        strict = False
        for kind, function, message in self._checks(question):
            names = list(inspect.signature(function).parameters)
            for name in names:
                if variables.get(name, ...) is ...:
                    return CheckResult(title, "unanswered", _unanswered(name))
            try:
                function(*(variables[name] for name in names))
            except Exception:  # any failure is the student's answer, told in our words
                return CheckResult(title, "not-yet", f"not yet. {message}")
            strict = strict or kind == "answer"
        return CheckResult(title, "right" if strict else "form-ok", _RIGHT if strict else _FORM_OK)

    def check_all(self, variables: Mapping[str, Any] | None = None) -> CheckReport:
        """Check every question; return one result per question, in order."""
        if variables is None:
            variables = sys._getframe(1).f_globals
        return CheckReport(self.check(question, variables) for question in self._questions)

    def __repr__(self) -> str:
        return f"<checks for {self.assignment!r}: {len(self._questions)} questions>"


def _shown(value: Any) -> str:
    """Name a question for a message, whatever was given."""
    try:
        text = value if isinstance(value, str) else repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    text = " ".join(str(text).split())
    return text if len(text) <= 60 else text[:57] + "..."
