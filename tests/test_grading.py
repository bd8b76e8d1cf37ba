"""Grading loses nothing: it checks where it writes first, writes as it goes, and survives
submissions that are corrupt, empty, raise, loop forever or print huge output."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import nbformat
import pytest
from test_exercises import MASTER, answered

from jinzhou_edu import exercises

MASTER_WITH_QUESTIONS = {
    "cells": [
        {"cell_type": "raw", "metadata": {}, "source": "# BEGIN QUESTION\nname: q1"},
        {"cell_type": "raw", "metadata": {}, "source": "# BEGIN QUESTION\nname: q2"},
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """A folder of three submissions, with Otter replaced by a stand-in."""
    master = tmp_path / "master.ipynb"
    master.write_text(json.dumps(MASTER_WITH_QUESTIONS), encoding="utf-8")
    submissions = tmp_path / "subs"
    submissions.mkdir()
    for name in ("ann", "ben", "cat"):
        (submissions / f"{name}.ipynb").write_text('{"cells": []}', encoding="utf-8")
    monkeypatch.setattr(exercises, "build_autograder", lambda master, workdir: Path("ag.zip"))
    return master, submissions


def test_each_row_is_written_as_soon_as_it_is_graded(tiny, tmp_path, monkeypatch):
    master, submissions = tiny
    out = tmp_path / "scores.csv"
    seen = []

    def grade(notebook, autograder, result, log, limit):
        if seen:  # the run stops on the second notebook (a power cut, Ctrl-C)
            raise KeyboardInterrupt
        seen.append(notebook.name)
        return {"catastrophic": None, "scores": {"q1": 1, "q2": 0}, "total": 1, "possible": 2}, None

    monkeypatch.setattr(exercises, "_grade_in_child", grade)
    with pytest.raises(KeyboardInterrupt):
        exercises.grade_folder(submissions, master, out=out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows == [{"student": "ann", "q1": "1", "q2": "0", "total": "1", "possible": "2"}]


def test_one_failure_does_not_cost_the_others_their_scores(tiny, tmp_path, monkeypatch):
    master, submissions = tiny
    (submissions / "dan.ipynb").write_text("", encoding="utf-8")  # an empty file
    outcomes = {
        "ann.ipynb": (None, "it ran longer than the time limit of 1 s (an endless loop?)"),
        "ben.ipynb": ({"catastrophic": "boom", "scores": {}, "total": 0, "possible": 2}, None),
        "cat.ipynb": (
            {"catastrophic": None, "scores": {"q1": 1, "q2": 1}, "total": 2, "possible": 2},
            None,
        ),
    }
    monkeypatch.setattr(exercises, "_grade_in_child", lambda nb, *rest: outcomes[nb.name])
    report = exercises.grade_folder(submissions, master, out=tmp_path / "s.csv", time_limit=1)
    assert report.scores["student"].tolist() == ["cat"]
    reasons = dict(report.failures)
    assert set(reasons) == {"ann.ipynb", "ben.ipynb", "dan.ipynb"}
    assert "time limit" in reasons["ann.ipynb"] and "boom" in reasons["ben.ipynb"]
    assert "JSONDecodeError" in reasons["dan.ipynb"]
    assert all(name in str(report) for name in reasons)


@pytest.mark.parametrize("limit", [0, -1, float("inf"), float("nan"), "300", True])
def test_a_bad_time_limit_is_refused_before_grading(tiny, limit):
    master, submissions = tiny
    with pytest.raises((TypeError, ValueError), match="time_limit"):
        exercises.grade_folder(submissions, master, time_limit=limit)


def test_existing_scores_are_not_overwritten(tiny, tmp_path):
    master, submissions = tiny
    out = tmp_path / "scores.csv"
    out.write_text("student,total\nann,3\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="exists"):
        exercises.grade_folder(submissions, master, out=out)
    assert out.read_text(encoding="utf-8") == "student,total\nann,3\n"


def test_an_edited_or_unreadable_notebook_is_not_overwritten(tmp_path):
    target = tmp_path / "03-general-assault.ipynb"
    target.write_text("{ a student's notebook, damaged", encoding="utf-8")
    with pytest.raises(FileExistsError, match="was not overwritten"):
        exercises.build_student_edition(MASTER, target)
    assert target.read_text(encoding="utf-8") == "{ a student's notebook, damaged"


def _with_first_cell(source: str) -> nbformat.NotebookNode:
    notebook = answered(MASTER)
    notebook.cells.insert(1, nbformat.v4.new_code_cell(source))
    return notebook


@pytest.mark.slow
def test_real_submissions_that_loop_raise_or_print_too_much(tmp_path):
    submissions = tmp_path / "subs"
    submissions.mkdir()
    nbformat.write(_with_first_cell("while True:\n    pass"), submissions / "loops.ipynb")
    nbformat.write(_with_first_cell("raise RuntimeError('oops')"), submissions / "raises.ipynb")
    nbformat.write(_with_first_cell("print('x' * 5_000_000)"), submissions / "prints.ipynb")
    (submissions / "empty.ipynb").write_bytes(b"")
    out = tmp_path / "scores.csv"
    report = exercises.grade_folder(submissions, MASTER, out=out, time_limit=60)
    reasons = dict(report.failures)
    assert set(reasons) == {"loops.ipynb", "empty.ipynb"}, reasons
    assert "time limit" in reasons["loops.ipynb"]
    graded = report.scores.set_index("student")
    assert set(graded.index) == {"raises", "prints"}
    assert graded.loc["prints", "total"] == graded.loc["prints", "possible"] > 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
