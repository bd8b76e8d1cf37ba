"""The student-side checks: digests, packing, and what a failed check says."""

from __future__ import annotations

import numpy as np
import pytest

from jinzhou_edu.checks import Checker, digest, pack, unpack


def spec(*checks: tuple[str, str, str]) -> dict:
    return {
        "assignment": "demo",
        "questions": {
            "q1": {
                "title": "Question 1",
                "checks": [
                    {"kind": kind, "source": source, "message": message}
                    for kind, source, message in checks
                ],
            }
        },
    }


FORM = ("form", "def test_form_n(n):\n    assert isinstance(n, int)", "n should be a whole number.")
MISTAKE = (
    "mistake",
    "def test_mistake_n(n):\n"
    "    from jinzhou_edu.checks import digest\n"
    f"    assert digest(n, 'q1') != {digest(4, 'q1')!r}",
    "You counted one too many.",
)
ANSWER = (
    "answer",
    "def test_answer_n(n):\n"
    "    from jinzhou_edu.checks import digest\n"
    f"    assert digest(n, 'q1') == {digest(3, 'q1')!r}",
    "Count again.",
)


@pytest.fixture
def grader() -> Checker:
    return Checker("demo", pack(spec(FORM, MISTAKE, ANSWER)))


def test_digest_normalises_numbers_text_and_lists():
    assert digest(32, "q") == digest(32.0, "q") == digest(np.int64(32), "q")
    assert digest(np.float64(31.5), "q") == digest(31.5, "q") != digest(32, "q")
    assert digest(" Tanner-2015", "q") == digest("tanner-2015", "q")
    assert digest(["a", "b"], "q") == digest(("a", "b"), "q") != digest(["b", "a"], "q")
    assert digest(32, "q1") != digest(32, "q2")  # salted by question


def test_digest_refuses_what_it_cannot_normalise():
    with pytest.raises(TypeError, match="cannot digest a dict"):
        digest({"a": 1}, "q")


def test_pack_is_deterministic_and_round_trips():
    packed = pack(spec(FORM, ANSWER))
    assert packed == pack(spec(FORM, ANSWER))
    assert unpack(packed) == spec(FORM, ANSWER)


@pytest.mark.parametrize("damaged", ["", "not base64!", "aGVsbG8="])
def test_damaged_checks_get_a_sentence_not_a_traceback(damaged):
    with pytest.raises(ValueError, match=r"fresh copy|does not hold"):
        Checker("demo", damaged)


def test_checks_of_another_exercise_are_refused():
    with pytest.raises(ValueError, match="belong to 'demo', not to 'other'"):
        Checker("other", pack(spec(FORM)))


def test_unanswered_gets_one_message(grader):
    for variables in ({}, {"n": ...}):
        result = grader.check("q1", variables)
        assert result.status == "unanswered" and not result.passed
        assert str(result) == (
            "Question 1: not answered yet. Give `n` a value in the cell above, run it, "
            "then check again."
        )


@pytest.mark.parametrize(
    ("n", "status", "message"),
    [
        ("3", "not-yet", "n should be a whole number."),
        (4, "not-yet", "You counted one too many."),
        (5, "not-yet", "Count again."),
        (3, "right", "right."),
        (np.int64(3), "not-yet", "n should be a whole number."),
    ],
)
def test_the_first_failing_check_speaks_alone(grader, n, status, message):
    result = grader.check("q1", {"n": n})
    assert result.status == status
    assert str(result) == f"Question 1: {'not yet. ' if status == 'not-yet' else ''}{message}"


def test_a_check_that_raises_is_told_in_our_words():
    crashing = ("form", "def test_form_len(n):\n    assert len(n) == 2", "n should hold two items.")
    result = Checker("demo", pack(spec(crashing))).check("q1", {"n": 7})
    assert str(result) == "Question 1: not yet. n should hold two items."
    assert "TypeError" not in result._repr_html_()


def test_form_checks_alone_never_say_right():
    result = Checker("demo", pack(spec(FORM))).check("q1", {"n": 12})
    assert result.status == "form-ok" and result.passed
    assert "checked when your teacher grades" in str(result)
    assert result.message.startswith("the form of your answer")


def test_an_unknown_question_gets_the_close_match(grader):
    result = grader.check("q_1", {"n": 3})
    assert result.status == "unknown"
    assert "Did you mean 'q1'?" in str(result) and "Its questions: 'q1'." in str(result)


def test_check_reads_the_callers_variables(grader):
    globals()["n"] = 3  # a notebook's variables are the globals of the cell's frame
    try:
        assert grader.check("q1").status == "right"
        assert [r.status for r in grader.check_all()] == ["right"]
    finally:
        del globals()["n"]


def test_html_is_escaped_and_coloured_by_status(grader):
    html = grader.check("q1", {"n": "<b>"})._repr_html_()
    assert "jinzhou-check-not-yet" in html and "<b>" not in html.replace("<strong", "")
