"""Exercises: student editions built from instructor masters, and local grading.

Instructor masters (``notebooks/instructor/*.ipynb``) are written in the Otter
Assign format and are the one source of truth. :func:`build_student_editions`
runs Otter Assign on each master, which also checks that the solutions pass
every test, and copies the student edition to ``notebooks/exercises/``.
:func:`grade_folder` grades a folder of submitted notebooks on this machine
(no Docker) and returns a score for every student and question.

otter-grader is imported only here, and only when a function needs it.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = [
    "GradingReport",
    "build_autograder",
    "build_student_editions",
    "grade_folder",
    "stale_student_editions",
]

MASTERS = Path("notebooks/instructor")
STUDENT_EDITIONS = Path("notebooks/exercises")


def _assign(master: Path, result: Path) -> Path:
    """Run Otter Assign on a master into `result`; return the folder it wrote."""
    from otter.assign import main as otter_assign

    quiet = io.StringIO()
    logging.getLogger("otter").setLevel(logging.WARNING)
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        try:
            otter_assign(str(master), str(result), no_pdfs=True)
        except Exception as error:
            raise RuntimeError(
                f"Otter Assign failed on {master}: {error}\n{quiet.getvalue()[-2000:]}"
            ) from error
    return result


def _masters(masters: Path) -> list[Path]:
    found = sorted(Path(masters).glob("*.ipynb"))
    if not found:
        raise FileNotFoundError(f"No master notebooks (*.ipynb) in {masters}.")
    return found


def _normalized(path: Path) -> dict:
    """Return what matters in a notebook: its cells' types and text, and its tests."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    return {
        "cells": [(cell["cell_type"], "".join(cell["source"])) for cell in notebook["cells"]],
        "otter": notebook.get("metadata", {}).get("otter"),
    }


def _worked_on(path: Path) -> bool:
    """Tell whether a notebook has been run or answered (it has outputs)."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    return any(
        cell.get("outputs") or cell.get("execution_count")
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
    )


def build_student_editions(
    masters: Path | str = MASTERS, out: Path | str = STUDENT_EDITIONS, *, force: bool = False
) -> list[Path]:
    """Build the student edition of every master notebook.

    Parameters
    ----------
    masters : path, default ``notebooks/instructor``
        Folder of instructor masters in the Otter Assign format.
    out : path, default ``notebooks/exercises``
        Where the student editions go.
    force : bool, default False
        Overwrite a student edition even if it has outputs (someone has worked
        in it). Without it such a file is left alone and an error says so.

    Returns
    -------
    list of Path
        The student editions written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for master in _masters(Path(masters)):
        target = out / master.name
        if target.exists() and _worked_on(target) and not force:
            raise FileExistsError(
                f"{target} has outputs, so someone may have worked in it; it was not "
                "overwritten. Move it away, or run again with --force."
            )
        with tempfile.TemporaryDirectory() as tmp:
            dist = _assign(master, Path(tmp) / "dist")
            shutil.copyfile(dist / "student" / master.name, target)
        written.append(target)
    return written


def stale_student_editions(
    masters: Path | str = MASTERS, out: Path | str = STUDENT_EDITIONS
) -> list[str]:
    """Return the names of student editions that are missing or differ from their master."""
    stale = []
    for master in _masters(Path(masters)):
        committed = Path(out) / master.name
        with tempfile.TemporaryDirectory() as tmp:
            dist = _assign(master, Path(tmp) / "dist")
            fresh = dist / "student" / master.name
            if not committed.exists() or _normalized(committed) != _normalized(fresh):
                stale.append(master.name)
    return stale


def build_autograder(master: Path | str, workdir: Path | str) -> Path:
    """Build the autograder zip of a master in `workdir`; return its path."""
    dist = _assign(Path(master), Path(workdir) / "dist")
    (zip_path,) = (dist / "autograder").glob("*-autograder_*.zip")
    return zip_path


def _questions(master: Path) -> tuple[list[str], dict[str, float]]:
    """Return the autograded questions of a master, and the manual ones with points."""
    import yaml

    notebook = json.loads(Path(master).read_text(encoding="utf-8"))
    auto, manual = [], {}
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "raw" and text.startswith("# BEGIN QUESTION"):
            config = yaml.safe_load(text.split("\n", 1)[1])
            if config.get("manual"):
                manual[config["name"]] = config.get("points", 0)
            else:
                auto.append(config["name"])
    return auto, manual


@dataclass
class GradingReport:
    """Scores of a folder of submissions, and the notebooks that could not be graded."""

    scores: pd.DataFrame
    failures: list[tuple[str, str]] = field(default_factory=list)
    manual: dict[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        lines = [f"Graded {len(self.scores)} notebook(s)."]
        if self.manual:
            marked = ", ".join(
                f"{name} ({points:g} points)" for name, points in self.manual.items()
            )
            lines.append(f"Marked by hand, not in the scores: {marked}.")
        if self.failures:
            lines.append(f"Could not grade {len(self.failures)} notebook(s):")
            lines.extend(f"  - {name}: {reason}" for name, reason in self.failures)
        return "\n".join(lines)


def grade_folder(submissions: Path | str, master: Path | str) -> GradingReport:
    """Grade every notebook in a folder against one master's tests, on this machine.

    Each submission runs top to bottom in a fresh kernel with the master's public
    and hidden tests (Otter Grader without Docker). A notebook that cannot be
    graded (not a notebook, broken JSON, a crash before grading) is reported with
    the reason; the others are still graded.

    Parameters
    ----------
    submissions : path
        A folder of ``.ipynb`` files, one per student (the file name, without
        ``.ipynb``, is used as the student's name).
    master : path
        The instructor master of the assignment.

    Returns
    -------
    GradingReport
        ``scores`` has one row per graded student: a column per autograded
        question, then ``total`` and ``possible``.
    """
    from otter.api import grade_submission

    submissions, master = Path(submissions), Path(master)
    if not submissions.is_dir():
        raise NotADirectoryError(f"No folder {submissions}.")
    notebooks = sorted(submissions.glob("*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"No submitted notebooks (*.ipynb) in {submissions}.")
    questions, manual = _questions(master)
    rows, failures = [], []
    with tempfile.TemporaryDirectory() as tmp:
        autograder = build_autograder(master, tmp)
        for notebook in notebooks:
            try:
                json.loads(notebook.read_text(encoding="utf-8"))
                with contextlib.redirect_stderr(io.StringIO()):
                    results = grade_submission(str(notebook), str(autograder), quiet=True)
            except Exception as error:  # report it, and grade the rest
                failures.append((notebook.name, f"{type(error).__name__}: {error}"))
                continue
            if results.catastrophic_error is not None:
                failures.append(
                    (notebook.name, f"the notebook crashed: {results.catastrophic_error}")
                )
                continue
            row = {"student": notebook.stem}
            row.update({q: round(results.get_score(q), 2) for q in questions})
            row.update(total=round(results.total, 2), possible=results.possible)
            rows.append(row)
    scores = pd.DataFrame(rows, columns=["student", *questions, "total", "possible"])
    return GradingReport(scores=scores, failures=failures, manual=manual)
