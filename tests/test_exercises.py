"""Exercises: editions built from masters, feedback that teaches, grading that works offline."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import REPO
from nbclient import NotebookClient

from jinzhou_edu import exercises

MASTER_PATHS = exercises.all_masters(REPO)  # exercises, then lessons
#: the master whose grading is tested end to end (it has every kind of question)
MASTER = REPO / "instructor" / "lessons" / "03-general-assault.ipynb"

pytestmark = pytest.mark.slow

#: what a student must never see in a check's output
LEAKS = re.compile(r"assert|Traceback|Error at line|Error\b|test_\w+|q\d_\w+ - \d|@test_case")


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def mistakes_of(master: Path) -> dict:
    return yaml.safe_load(master.with_suffix(".mistakes.yml").read_text(encoding="utf-8"))


def edition_of(master: Path) -> Path:
    return REPO / exercises.edition_path(master.relative_to(REPO))


def solutions_of(master: Path) -> dict[str, str]:
    """Map the id of each answer cell to the master's solution, markers removed."""
    return {
        cell["id"]: re.sub(r"\s*# SOLUTION$", "", source(cell), flags=re.MULTILINE)
        for cell in cells(master)
        if cell["cell_type"] == "code" and "# SOLUTION" in source(cell)
    }


def answered(master: Path, answers: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """The student edition with answer cells filled: solutions, or `answers` by question."""
    notebook = nbformat.read(edition_of(master), as_version=4)
    solutions = solutions_of(master)
    question_of_cell = {}
    question = None
    for cell in notebook.cells:
        found = re.search(r'grader\.check\("(\w+)"\)', cell.source)
        if "otter_answer_cell" in cell.metadata.get("tags", []):
            question_of_cell[cell.id] = None
        if found:
            question = found.group(1)
            for cell_id, known in question_of_cell.items():
                if known is None:
                    question_of_cell[cell_id] = question
    for cell in notebook.cells:
        if cell.id in question_of_cell:
            question = question_of_cell[cell.id]
            if answers is None:
                cell.source = solutions.get(cell.id, cell.source)
            elif question in answers:
                cell.source = answers[question]
    return notebook


def execute(notebook: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    """Save a notebook at `path`, run it top to bottom in a fresh kernel, return it run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": path.parent}}
    )
    client.execute()
    nbformat.write(notebook, path)
    return notebook


def check_outputs(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """Return the text each ``grader.check`` cell showed, by question."""
    shown = {}
    for cell in notebook.cells:
        found = re.search(r'grader\.check\("(\w+)"\)', cell.source)
        if found and cell.cell_type == "code":
            shown[found.group(1)] = "\n".join(
                output.get("text", "") + "".join(output.get("data", {}).values())
                if output.output_type != "error"
                else "ERROR " + output.ename
                for output in cell.outputs
            )
    return shown


def errors(notebook: nbformat.NotebookNode) -> list[str]:
    return [
        f"{output.ename}: {output.evalue}"
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]


# --- building -----------------------------------------------------------------------------


def test_there_are_masters_and_each_has_an_edition_and_mistakes():
    assert MASTER_PATHS
    for master in MASTER_PATHS:
        assert edition_of(master).exists(), master.name
        assert master.with_suffix(".mistakes.yml").exists(), master.name


@pytest.mark.parametrize("master", MASTER_PATHS, ids=lambda p: p.stem)
def test_building_twice_gives_the_committed_edition_byte_for_byte(master, tmp_path):
    first, second = tmp_path / "first" / master.name, tmp_path / "second" / master.name
    assert exercises.build_student_edition(master, first)
    assert exercises.build_student_edition(master, second)
    assert first.read_bytes() == second.read_bytes() == edition_of(master).read_bytes()


def test_the_student_command_checks_an_edition_against_its_master():
    result = subprocess.run(
        [sys.executable, "-m", "jinzhou_edu", "student", "--check", str(MASTER)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Every student edition matches its master." in result.stdout


def test_a_changed_master_makes_its_edition_stale(tmp_path):
    notebook = json.loads(MASTER.read_text(encoding="utf-8"))
    notebook["cells"][1]["source"] = "# A changed introduction"
    changed = tmp_path / MASTER.name
    changed.write_text(json.dumps(notebook), encoding="utf-8")
    assert exercises.is_stale(changed, edition_of(MASTER))


def test_a_public_test_must_say_what_kind_of_check_it_is(tmp_path):
    text = MASTER.read_text(encoding="utf-8")
    name = re.search(r"def test_form_(\w+)\(", text).group(1)
    (tmp_path / MASTER.name).write_text(text.replace(f"test_form_{name}", f"test_{name}"))
    with pytest.raises(ValueError, match=f"'test_{name}' must say what it checks"):
        exercises.build_student_edition(tmp_path / MASTER.name, tmp_path / "out.ipynb")


def test_student_command_keeps_work_done_in_an_edition(tmp_path):
    out = tmp_path / "exercises"
    out.mkdir()
    worked = json.loads(edition_of(MASTER).read_text(encoding="utf-8"))
    code = next(cell for cell in worked["cells"][1:] if cell["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "my work"}]
    code["execution_count"] = 1
    (out / MASTER.name).write_text(json.dumps(worked), encoding="utf-8")
    with pytest.raises(FileExistsError, match="has outputs"):
        exercises.build_student_edition(MASTER, out / MASTER.name)
    assert "my work" in (out / MASTER.name).read_text(encoding="utf-8")


# --- what students receive ----------------------------------------------------------------


@pytest.mark.parametrize("master", MASTER_PATHS, ids=lambda p: p.stem)
def test_student_edition_has_no_solution_and_no_hidden_test(master):
    edition = edition_of(master)
    checks = json.dumps(exercises.student_checker(edition)._questions)
    text = edition.read_text(encoding="utf-8") + checks
    solution_lines = [
        line.split("# SOLUTION")[0].strip()
        for cell in cells(master)
        for line in source(cell).splitlines()
        if line.rstrip().endswith("# SOLUTION")
    ]
    assert solution_lines
    for line in solution_lines:
        assert line not in text, line
    hidden = [
        cell
        for cell in cells(master)
        if cell["cell_type"] == "code" and "hidden: true" in source(cell)
    ]
    assert hidden
    for cell in hidden:
        name = re.search(r"def (\w+)", source(cell)).group(1)
        body = source(cell).split("def ", 1)[1].split("\n", 1)[1].strip().splitlines()[0]
        assert name not in text, name
        assert body.strip() not in text, body
    for cell in cells(master):  # model answers of the questions marked by hand
        if cell["cell_type"] == "markdown" and source(cell).startswith("A strong answer"):
            assert source(cell)[:60] not in text
    assert "otter.Notebook" not in text and '"tests"' not in text


@pytest.mark.parametrize("master", MASTER_PATHS, ids=lambda p: p.stem)
def test_every_autograded_question_has_a_check_cell_and_real_checks(master):
    questions, _ = exercises._questions(master)
    checker = exercises.student_checker(edition_of(master))
    assert checker.questions == questions
    text = "\n".join(source(cell) for cell in cells(edition_of(master)))
    for question in questions:
        assert text.count(f'grader.check("{question}")') == 1
        kinds = [check["kind"] for check in checker._questions[question]["checks"]]
        assert kinds == sorted(kinds, key=["form", "mistake", "answer"].index)
        assert "form" in kinds


@pytest.mark.parametrize("master", MASTER_PATHS, ids=lambda p: p.stem)
def test_the_solutions_pass_every_public_check_as_right(master):
    namespace = exercises._setup_namespace(edition_of(master))
    for solution in solutions_of(master).values():
        exec(solution, namespace)
    checker = exercises.student_checker(edition_of(master))
    for question in checker.questions:
        result = checker.check(question, namespace)
        assert result.status == "right", (question, str(result))


@pytest.mark.parametrize("master", MASTER_PATHS, ids=lambda p: p.stem)
def test_every_wrong_answer_fixture_fails_with_its_helpful_message(master):
    feedback = exercises.mistake_feedback(master, edition_of(master))
    assert len(feedback) >= 3 * len(exercises._questions(master)[0])
    secrets = {q: entry["never_shown"] for q, entry in mistakes_of(master).items()}
    for row in feedback.itertuples():
        assert row.status == "not-yet", row
        assert row.expected in row.shown, row
        assert not LEAKS.search(row.shown), row
        for secret in secrets[row.question]:
            assert secret not in row.shown, (secret, row)


@pytest.mark.parametrize("master", MASTER_PATHS, ids=lambda p: p.stem)
def test_every_autograded_question_has_typical_wrong_answers(master):
    questions, _ = exercises._questions(master)
    mistakes = mistakes_of(master)
    assert sorted(mistakes) == sorted(questions)
    for question in questions:
        assert len(mistakes[question]["mistakes"]) >= 3, question
        assert mistakes[question]["never_shown"], question


@pytest.mark.parametrize("master", MASTER_PATHS, ids=lambda p: p.stem)
def test_an_unanswered_edition_runs_and_says_only_not_answered_yet(master, tmp_path):
    notebook = execute(nbformat.read(edition_of(master), as_version=4), tmp_path / master.name)
    assert errors(notebook) == []
    shown = check_outputs(notebook)
    assert shown
    for question, text in shown.items():
        assert "not answered yet" in text, (question, text)
        assert text.count("not answered yet") == 2, text  # the plain and the HTML form, once
        assert "Nearly" not in text and "not yet." not in text
        assert not LEAKS.search(text), text


@pytest.mark.parametrize("master", MASTER_PATHS, ids=lambda p: p.stem)
def test_a_wrong_answer_notebook_runs_and_shows_only_our_words(master, tmp_path):
    answers = {
        question: entry["mistakes"][-1]["answer"] for question, entry in mistakes_of(master).items()
    }
    notebook = execute(answered(master, answers), tmp_path / "bob.ipynb")
    assert errors(notebook) == []
    for question, text in check_outputs(notebook).items():
        assert "not yet." in text, (question, text)
        assert not LEAKS.search(text), text
        for secret in mistakes_of(master)[question]["never_shown"]:
            assert secret not in text, (secret, text)


# --- renamed copies and grading -----------------------------------------------------------


@pytest.fixture(scope="module")
def submissions(tmp_path_factory) -> Path:
    """Solutions under the edition's name and renamed, a wrong one, an empty one, a corrupt one."""
    folder = tmp_path_factory.mktemp("submissions")
    ran = tmp_path_factory.mktemp("ran")
    original = execute(answered(MASTER), ran / MASTER.name)
    # a renamed copy, saved in another folder as a student on a hub would
    renamed = execute(answered(MASTER), ran / "class-7b" / "alice-chen.ipynb")
    for notebook, name in [(original, "original-solution"), (renamed, "alice-chen")]:
        assert errors(notebook) == []
        assert all(text.count("right.") for text in check_outputs(notebook).values())
        nbformat.write(notebook, folder / f"{name}.ipynb")
    wrong = {
        question: entry["mistakes"][-1]["answer"] for question, entry in mistakes_of(MASTER).items()
    }
    nbformat.write(answered(MASTER, wrong), folder / "bob-wrong.ipynb")
    shutil.copyfile(edition_of(MASTER), folder / "carol-empty.ipynb")
    (folder / "dave-corrupt.ipynb").write_text('{"cells": [ not json', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def report(submissions):
    return exercises.grade_folder(submissions, MASTER)


def test_a_renamed_copy_grades_the_same_as_the_original(report):
    scores = report.scores.set_index("student")
    assert scores.loc["alice-chen"].equals(scores.loc["original-solution"])
    assert scores.loc["alice-chen", "total"] == scores.loc["alice-chen", "possible"] > 0


def test_wrong_answers_score_nothing_for_the_wrong_questions(report):
    bob = report.scores.set_index("student").loc["bob-wrong"]
    assert bob["total"] == 0 < bob["possible"]


def test_no_answers_score_zero(report):
    carol = report.scores.set_index("student").loc["carol-empty"]
    assert carol["total"] == 0


def test_a_corrupt_notebook_is_reported_and_the_rest_graded(report):
    assert set(report.scores["student"]) == {
        "alice-chen",
        "original-solution",
        "bob-wrong",
        "carol-empty",
    }
    ((name, reason),) = report.failures
    assert name == "dave-corrupt.ipynb" and "JSONDecodeError" in reason
    assert "Could not grade 1 notebook(s):" in str(report)
    _, manual = exercises._questions(MASTER)
    assert manual and all(
        f"{name} ({points:g} points)" in str(report) for name, points in manual.items()
    )


def run_grade(submissions: Path, out: Path, env: dict | None = None):
    command = [sys.executable, "-m", "jinzhou_edu", "grade", str(submissions)]
    command += ["--master", str(MASTER), "--out", str(out)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


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
    autograded, _ = exercises._questions(MASTER)
    assert header == ",".join(["student", *autograded, "total", "possible"])
    assert len(rows) == 4
    again = run_grade(submissions, out)
    assert again.returncode == 2 and "exists" in again.stderr


def test_grade_rejects_a_missing_folder(tmp_path):
    with pytest.raises(NotADirectoryError, match="No folder"):
        exercises.grade_folder(tmp_path / "nowhere", MASTER)
    with pytest.raises(FileNotFoundError, match="No submitted notebooks"):
        exercises.grade_folder(tmp_path, MASTER)


def test_the_teachers_guide_shows_the_feedback_students_really_get():
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "feedback_table.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    guide = (REPO / "docs" / "exercises.md").read_text(encoding="utf-8")
    assert "Never hand out, upload or share anything from `instructor/`" in guide
