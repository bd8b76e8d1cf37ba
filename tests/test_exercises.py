"""Exercises: masters build student editions, solutions pass, grading works offline."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from jinzhou_edu import exercises

MASTERS = REPO / "notebooks" / "instructor"
EDITIONS = REPO / "notebooks" / "exercises"
MASTER = MASTERS / "general-assault.ipynb"

pytestmark = pytest.mark.slow


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def run_grade(submissions: Path, out: Path, env: dict | None = None):
    command = [sys.executable, "-m", "jinzhou_edu", "grade", str(submissions)]
    command += ["--master", str(MASTER), "--out", str(out)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def submissions(tmp_path_factory) -> Path:
    """A solution, a wrong submission, an empty one and a corrupt file."""
    folder = tmp_path_factory.mktemp("submissions")
    work = tmp_path_factory.mktemp("assign")
    dist = exercises._assign(MASTER, work / "dist")
    shutil.copyfile(dist / "autograder" / MASTER.name, folder / "alice-solution.ipynb")
    student = json.loads((EDITIONS / MASTER.name).read_text(encoding="utf-8"))
    (folder / "carol-empty.ipynb").write_text(json.dumps(student), encoding="utf-8")
    answers = {
        "hours = ...": "hours = 31.0",
        "order = ...": "order = ['bombardment-begins', 'north-east-breakthrough', "
        "'liang-shiying-dies', 'last-conference', 'central-bank-taken']",
        "source = ...": "source = 'tanner-2015'",
        "corrected_date = ...": "corrected_date = '1948-06-07'",
    }
    for cell in student["cells"]:
        text = source(cell)
        for blank, answer in answers.items():
            text = text.replace(blank, answer)
        cell["source"] = text
    (folder / "bob-wrong.ipynb").write_text(json.dumps(student), encoding="utf-8")
    (folder / "dave-corrupt.ipynb").write_text('{"cells": [ not json', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def report(submissions):
    return exercises.grade_folder(submissions, MASTER)


def test_student_editions_match_their_masters():
    assert exercises.stale_student_editions(MASTERS, EDITIONS) == []


def test_a_changed_master_makes_its_edition_stale(tmp_path):
    masters = tmp_path / "instructor"
    masters.mkdir()
    notebook = json.loads(MASTER.read_text(encoding="utf-8"))
    notebook["cells"][1]["source"] = "# A changed introduction"
    (masters / MASTER.name).write_text(json.dumps(notebook), encoding="utf-8")
    assert exercises.stale_student_editions(masters, EDITIONS) == [MASTER.name]


def test_the_example_assignment_has_six_questions_of_every_kind():
    questions, manual = exercises._questions(MASTER)
    assert len(questions) + len(manual) >= 6
    assert manual == {"q6_reflection": 3}


def test_student_edition_has_no_solution_and_no_hidden_test():
    text = (EDITIONS / MASTER.name).read_text(encoding="utf-8")
    solution_lines = [
        line.split("# SOLUTION")[0].strip()
        for cell in cells(MASTER)
        for line in source(cell).splitlines()
        if line.rstrip().endswith("# SOLUTION")
    ]
    assert len(solution_lines) >= 6
    for line in solution_lines:
        assert line not in text, line
    hidden = [
        re.search(r"def (\w+)", source(cell)).group(1)
        for cell in cells(MASTER)
        if cell["cell_type"] == "code" and "hidden: true" in source(cell)
    ]
    assert len(hidden) >= 4
    for name in hidden:
        assert name not in text, name
    model_answer = "A strong answer notices"
    assert model_answer in MASTER.read_text(encoding="utf-8")
    assert model_answer not in text


def test_student_edition_has_checks_with_hints():
    text = "\n".join(source(cell) for cell in cells(EDITIONS / MASTER.name))
    tests = json.loads((EDITIONS / MASTER.name).read_text(encoding="utf-8"))["metadata"]["otter"]
    assert 'grader = otter.Notebook("general-assault.ipynb")' in text
    assert text.count('grader.check("') == 5  # one per autograded question
    assert all("failure_message" in body for body in tests["tests"].values())
    assert "Timedelta" in tests["tests"]["q1_duration"]


def test_the_solutions_pass_every_test(report):
    alice = report.scores.set_index("student").loc["alice-solution"]
    assert alice["total"] == alice["possible"] == 10


def test_wrong_answers_score_less_than_full(report):
    bob = report.scores.set_index("student").loc["bob-wrong"]
    assert 0 < bob["total"] < bob["possible"]
    assert bob["q3_distance"] == 0  # left unanswered


def test_no_answers_score_zero(report):
    carol = report.scores.set_index("student").loc["carol-empty"]
    assert carol["total"] == 0


def test_a_corrupt_notebook_is_reported_and_the_rest_graded(report):
    assert set(report.scores["student"]) == {"alice-solution", "bob-wrong", "carol-empty"}
    ((name, reason),) = report.failures
    assert name == "dave-corrupt.ipynb" and "JSONDecodeError" in reason
    assert "Could not grade 1 notebook(s):" in str(report)
    assert "q6_reflection (3 points)" in str(report)


def test_grade_command_writes_a_csv_offline(submissions, tmp_path):
    out = tmp_path / "scores.csv"
    offline = {
        **os.environ,
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
    }
    result = run_grade(submissions, out, env=offline)
    assert result.returncode == 1, result.stderr  # one notebook could not be graded
    assert "dave-corrupt.ipynb" in result.stdout
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert (
        header == "student,q1_duration,q2_chronology,q3_distance,q4_source,q5_garble,total,possible"
    )
    assert len(rows) == 3
    again = run_grade(submissions, out)
    assert again.returncode == 2 and "exists" in again.stderr


def test_student_command_keeps_work_done_in_an_edition(tmp_path):
    out = tmp_path / "exercises"
    out.mkdir()
    worked = json.loads((EDITIONS / MASTER.name).read_text(encoding="utf-8"))
    worked["cells"][2]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "my work"}]
    worked["cells"][2]["execution_count"] = 1
    (out / MASTER.name).write_text(json.dumps(worked), encoding="utf-8")
    with pytest.raises(FileExistsError, match="has outputs"):
        exercises.build_student_editions(MASTERS, out)
    assert "my work" in (out / MASTER.name).read_text(encoding="utf-8")


def test_grade_rejects_a_missing_folder(tmp_path):
    with pytest.raises(NotADirectoryError, match="No folder"):
        exercises.grade_folder(tmp_path / "nowhere", MASTER)
    with pytest.raises(FileNotFoundError, match="No submitted notebooks"):
        exercises.grade_folder(tmp_path, MASTER)
