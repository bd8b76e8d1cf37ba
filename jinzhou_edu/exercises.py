"""Exercises: student editions built from instructor masters, and local grading.

Instructor masters (``instructor/*.ipynb``, outside every folder a student
server serves) are written in the Otter Assign format and are the one source
of truth. :func:`build_student_editions` runs Otter Assign on each master,
which also checks that the solutions pass every test, and writes the student
edition to ``notebooks/exercises/``: its first cell carries the public checks
(:mod:`jinzhou_edu.checks`), so it works under any name, and its bytes are the
same on every build. :func:`grade_folder` grades a folder of submitted
notebooks on this machine (no Docker) with the public and hidden tests.

otter-grader is imported only here, and only when a function needs it.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import hashlib
import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from jinzhou_edu import _args, checks
from jinzhou_edu._errors import (
    BuildError,
    CannotWriteError,
    NotAFolderError,
    NotFoundError,
    WouldOverwriteError,
)
from jinzhou_edu.checks import KINDS

__all__ = [
    "GradingReport",
    "all_masters",
    "build_autograder",
    "build_student_edition",
    "build_student_editions",
    "edition_path",
    "find_masters",
    "grade_folder",
    "is_master",
    "is_stale",
    "mistake_feedback",
    "question_namespaces",
    "stale_student_editions",
    "student_checker",
]

#: where instructors keep masters: never inside a folder a student server serves
MASTERS = Path("instructor")
STUDENT_EDITIONS = Path("notebooks/exercises")
LESSON_MASTERS = MASTERS / "lessons"
#: each folder of masters, and the folder its student editions go to
EDITION_FOLDERS = {MASTERS: STUDENT_EDITIONS, LESSON_MASTERS: Path("notebooks")}


def edition_path(master: Path | str) -> Path:
    """Return where the student edition of a master goes.

    Exercises (``instructor/*.ipynb``) go to ``notebooks/exercises/``, lessons
    (``instructor/lessons/*.ipynb``) to ``notebooks/``, each under its own
    name; a master elsewhere gets its edition in ``notebooks/exercises/``.

    Examples
    --------
    >>> edition_path("instructor/lessons/01-northeast-1948.ipynb").as_posix()
    'notebooks/01-northeast-1948.ipynb'
    >>> edition_path("/somewhere/repo/instructor/general-assault.ipynb").as_posix()
    '/somewhere/repo/notebooks/exercises/general-assault.ipynb'
    """
    master = _args.path(master, "master")
    for masters, editions in EDITION_FOLDERS.items():
        depth = len(masters.parts)
        if master.parent.parts[-depth:] == masters.parts:
            return Path(*master.parent.parts[:-depth], *editions.parts, master.name)
    return STUDENT_EDITIONS / master.name


def _assign(master: Path, result: Path) -> Path:
    """Run Otter Assign on a master into `result`; return the folder it wrote."""
    from otter.assign import main as otter_assign

    quiet = io.StringIO()
    logging.getLogger("otter").setLevel(logging.WARNING)
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        try:
            otter_assign(str(master), str(result), no_pdfs=True)
        except Exception as error:
            raise BuildError(
                f"Otter Assign failed on {master}: {error}\n{quiet.getvalue()[-2000:]}"
            ) from error
    return result


def _read_notebook(path: Path, name: str = "notebook") -> dict:
    """Read a notebook's JSON, or raise a ValueError saying why it is not one."""
    path = _args.file(path, name)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not a notebook: it is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{path} is not a notebook: its JSON is broken ({error.msg}).") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list) or not all(isinstance(cell, dict) for cell in cells):
        raise ValueError(f"{path} is not a notebook: it has no list of cells.")
    return notebook


def _masters(masters: Path) -> list[Path]:
    found = sorted(Path(masters).glob("*.ipynb"))
    if not found:
        raise NotFoundError(f"No master notebooks (*.ipynb) in {masters}.")
    return found


def is_master(path: Path | str) -> bool:
    """Tell whether a notebook is an instructor master (it holds solutions or tests)."""
    path = _args.path(path, "path")
    try:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
        sources = ["".join(cell.get("source", "")) for cell in notebook.get("cells", [])]
    except (OSError, UnicodeDecodeError, ValueError, AttributeError, TypeError):
        return False
    return any(
        text.startswith(("# ASSIGNMENT CONFIG", "# BEGIN SOLUTION", "# BEGIN TESTS"))
        for text in sources
    )


def find_masters(folder: Path | str) -> list[Path]:
    """Return the instructor masters anywhere below a folder, in order.

    Hidden folders and virtual environments are not searched (a server does not
    show them).

    Examples
    --------
    >>> find_masters("notebooks")
    []
    """
    folder = _args.folder(folder, "folder")
    found = []
    for path in sorted(Path(folder).rglob("*.ipynb")):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") or part in ("site-packages", "node_modules") for part in parts):
            continue
        if is_master(path):
            found.append(path)
    return found


def _worked_on(path: Path) -> bool:
    """Tell whether a notebook has been run or answered (it has outputs).

    A file that cannot be read as a notebook counts as worked on: it is never
    overwritten without ``force``.
    """
    try:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
        return any(
            cell.get("outputs") or cell.get("execution_count")
            for cell in notebook["cells"]
            if cell["cell_type"] == "code"
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return True


def _check_kind(name: str) -> str:
    for kind in KINDS:
        if name.startswith(f"test_{kind}_"):
            return kind
    raise ValueError(
        f"Public test {name!r} must say what it checks by its name: test_form_... (the form "
        "of the answer), test_mistake_... (a known mistake) or test_answer_... (the answer, "
        "by digest). Hidden tests may have any name."
    )


def _public_checks(test_source: str) -> list[dict[str, str]]:
    """Return the public checks of one question from the test file Otter Assign wrote."""
    tree = ast.parse(test_source)
    checks = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        (decorator,) = node.decorator_list
        options = {kw.arg: ast.literal_eval(kw.value) for kw in decorator.keywords}
        if options.get("hidden"):
            continue
        node.decorator_list = []
        checks.append(
            {
                "kind": _check_kind(node.name),
                "message": options.get("failure_message") or "Not yet.",
                "source": ast.unparse(node),
            }
        )
    checks.sort(key=lambda check: KINDS.index(check["kind"]))  # form, mistakes, answer
    return checks


def _question_titles(master: Path) -> dict[str, str]:
    """Return each question's title ("Question 1") from the prompt that follows its config."""
    import yaml

    titles, current = {}, None
    for cell in json.loads(Path(master).read_text(encoding="utf-8"))["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "raw" and text.startswith("# BEGIN QUESTION"):
            current = yaml.safe_load(text.split("\n", 1)[1])["name"]
            titles[current] = current
        elif current and cell["cell_type"] == "markdown":
            found = re.search(r"\*\*(Question [^*(.]+?)[\s(.*]", text)
            if found:
                titles[current] = found.group(1).strip()
            current = None
    return titles


_SETUP_CELL = """\
# The checks of this exercise. Run this cell first and leave it as it is: it works
# whatever this notebook is called and wherever it is saved. It holds no answers.
from jinzhou_edu.checks import Checker

grader = Checker("{name}", "{packed}")"""


def _stable_id(assignment: str, cell: dict, seen: dict[str, int]) -> str:
    """Return an id for a cell that Otter Assign made, the same on every build."""
    text = cell["cell_type"] + "\0" + "".join(cell["source"])
    seen[text] = seen.get(text, 0) + 1
    key = f"{assignment}\0{text}\0{seen[text]}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


def _student_edition(master: Path, student: Path) -> str:
    """Turn the student edition Otter Assign wrote into ours; return its text.

    The first cell gets the public checks (so the notebook works under any
    name), the test code leaves the metadata, and every cell gets an id that
    does not change from one build to the next.
    """
    import nbformat

    notebook = nbformat.read(student, as_version=4)
    otter = notebook.metadata.get("otter", {})
    name = otter.get("assignment_name") or master.stem
    titles = _question_titles(master)
    questions = {
        question: {"title": titles.get(question, question), "checks": _public_checks(source)}
        for question, source in sorted(
            otter.get("tests", {}).items(), key=lambda item: list(titles).index(item[0])
        )
    }
    packed = checks.pack({"assignment": name, "questions": questions})
    setup = [cell for cell in notebook.cells if "otter.Notebook(" in cell.source]
    if len(setup) != 1:
        raise BuildError(f"Otter Assign wrote no set-up cell for {master.name}.")
    setup[0].source = _SETUP_CELL.format(name=name, packed=packed)
    setup[0].metadata["jupyter"] = {"source_hidden": True}  # students see a folded cell
    cells = notebook.cells
    if len(cells) > 1 and cells[0] is setup[0] and cells[1].cell_type == "markdown":
        cells[0], cells[1] = cells[1], cells[0]  # the title and introduction come first
    notebook.metadata["otter"] = {"assignment_name": name}
    master_ids = {cell.get("id") for cell in nbformat.read(master, as_version=4).cells}
    seen: dict[str, int] = {}
    for cell in notebook.cells:
        if cell.get("id") not in master_ids or cell is setup[0]:
            cell["id"] = _stable_id(name, cell, seen)
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def _build(master: Path) -> str:
    """Run Otter Assign on a master (which runs its tests); return the student edition."""
    with tempfile.TemporaryDirectory() as tmp:
        dist = _assign(master, Path(tmp) / "dist")
        return _student_edition(master, dist / "student" / master.name)


def build_student_edition(
    master: Path | str, target: Path | str | None = None, *, force: bool = False
) -> bool:
    """Build the student edition of one master; return whether the file changed.

    Parameters
    ----------
    master : path
        An instructor master in the Otter Assign format.
    target : path, optional
        Where the edition goes (default: :func:`edition_path`).
    force : bool, default False
        Overwrite an edition even if it has outputs (someone has worked in it).
        Without it such a file is left alone and an error says so.
    """
    master = _args.file(master, "master")
    target = _args.path(target, "target", optional=True) or edition_path(master)
    force = _args.flag(force, "force")
    if target.is_dir():
        raise NotAFolderError(f"target {str(target)!r} is a folder; give the edition's file name.")
    if target.exists() and _worked_on(target) and not force:
        raise WouldOverwriteError(
            f"{target} has outputs (or is not a notebook we can read), so someone may have "
            "worked in it; it was not "
            "overwritten. Move it away, or run again with --force."
        )
    _read_notebook(master, "master")
    text = _build(master)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return True


def build_student_editions(
    masters: Path | str = MASTERS, out: Path | str = STUDENT_EDITIONS, *, force: bool = False
) -> list[Path]:
    """Build the student edition of every master in a folder.

    The same master always gives the same bytes, so rebuilding changes nothing
    that did not change in the master.

    Parameters
    ----------
    masters : path, default ``instructor``
        Folder of instructor masters in the Otter Assign format.
    out : path, default ``notebooks/exercises``
        Where the student editions go.
    force : bool, default False
        Overwrite a student edition even if it has outputs.

    Returns
    -------
    list of Path
        The student editions written (those that changed).
    """
    masters = _args.folder(masters, "masters")
    out = _args.path(out, "out")
    force = _args.flag(force, "force")
    return [
        Path(out) / master.name
        for master in _masters(Path(masters))
        if build_student_edition(master, Path(out) / master.name, force=force)
    ]


def is_stale(master: Path | str, target: Path | str | None = None) -> bool:
    """Tell whether a master's student edition is missing or differs from a fresh build."""
    master = _args.file(master, "master")
    target = _args.path(target, "target", optional=True) or edition_path(master)
    if target.is_dir():
        raise NotAFolderError(f"target {str(target)!r} is a folder; give the edition's file name.")
    return not target.exists() or target.read_text(encoding="utf-8") != _build(Path(master))


def stale_student_editions(
    masters: Path | str = MASTERS, out: Path | str = STUDENT_EDITIONS
) -> list[str]:
    """Return the names of student editions that are missing or differ from their master."""
    masters = _args.folder(masters, "masters")
    out = _args.path(out, "out")
    return [
        master.name
        for master in _masters(Path(masters))
        if is_stale(master, Path(out) / master.name)
    ]


def all_masters(root: Path | str = ".") -> list[Path]:
    """Return every master of the exercises and lessons below a repository root, in order."""
    root = _args.path(root, "root")
    found = []
    for masters in EDITION_FOLDERS:
        found += sorted((Path(root) / masters).glob("*.ipynb"))
    return found


def build_autograder(master: Path | str, workdir: Path | str) -> Path:
    """Build the autograder zip of a master in `workdir`; return its path."""
    master = _args.file(master, "master")
    workdir = _args.folder(workdir, "workdir")
    dist = _assign(Path(master), Path(workdir) / "dist")
    (zip_path,) = (dist / "autograder").glob("*-autograder_*.zip")
    return zip_path


def _questions(master: Path) -> tuple[list[str], dict[str, float]]:
    """Return the autograded questions of a master, and the manual ones with points."""
    import yaml

    notebook = _read_notebook(Path(master), "master")
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


#: how long one submission may take to grade, by default (seconds)
TIME_LIMIT = 300
#: a submission file larger than this is not graded (it holds huge outputs)
MAX_SUBMISSION_BYTES = 200 * 1024 * 1024
#: how much of a failed grading run's own output the report quotes
_TAIL = 300


def check_scores_path(out: Path | str, *, force: bool = False) -> Path:
    """Check that a CSV of scores can be written at `out`, before any grading starts.

    Raises a ValueError (or its subclasses) saying what is wrong: the folder does
    not exist, `out` is a folder, the file exists (without `force`), or it cannot
    be written.
    """
    out = _args.path(out, "--out")
    assert out is not None
    if out.is_dir():
        raise NotAFolderError(
            f"--out {str(out)!r} is a folder; give a file name such as scores.csv."
        )
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise NotAFolderError(
            f"The folder {str(parent)!r} for --out does not exist; create it first."
        )
    if out.exists() and not force:
        raise WouldOverwriteError(f"{out} exists; choose another --out or add --force.")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise CannotWriteError(f"{out} cannot be written here; choose another --out.")
    return out


def _grade_in_child(notebook: Path, autograder: Path, result: Path, log: Path, limit: float):
    """Grade one submission in a child process with a time limit; return its results or why not.

    The child's own output goes to a file, not into memory. On the time limit the
    child and every process it started (the notebook's kernel) are stopped.
    """
    command = [sys.executable, "-m", "jinzhou_edu.exercises", str(notebook), str(autograder)]
    command.append(str(result))
    posix = os.name == "posix"
    with log.open("wb") as output:
        child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=posix,
        )
        try:
            child.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                if posix:
                    os.killpg(child.pid, signal.SIGKILL)
                else:  # pragma: no cover - Windows
                    child.kill()
            child.wait()
            return None, f"it ran longer than the time limit of {limit:g} s (an endless loop?)"
    if child.returncode != 0 or not result.is_file():
        with log.open("rb") as output:
            output.seek(max(0, log.stat().st_size - _TAIL))
            tail = output.read().decode("utf-8", "replace").strip().splitlines()
        return None, f"grading stopped ({tail[-1] if tail else f'exit {child.returncode}'})"
    return json.loads(result.read_text(encoding="utf-8")), None


def _grade_one(notebook: str, autograder: str, result: str) -> None:
    """Grade one submission (run in a child process) and write its results as JSON."""
    from otter.api import grade_submission

    with contextlib.redirect_stderr(io.StringIO()):
        results = grade_submission(notebook, autograder, quiet=True)
    error = results.catastrophic_error
    found = {
        "catastrophic": None if error is None else str(error)[:_TAIL],
        "scores": {name: results.get_score(name) for name in results.results},
        "total": results.total,
        "possible": results.possible,
    }
    Path(result).write_text(json.dumps(found), encoding="utf-8")


def _why_not_a_notebook(notebook: Path) -> str | None:
    """Return why a submitted file is not a notebook that can be graded, or None."""
    try:
        if notebook.stat().st_size > MAX_SUBMISSION_BYTES:
            return f"it is larger than {MAX_SUBMISSION_BYTES // 2**20} MB (huge outputs?)"
        content = json.loads(notebook.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        return f"JSONDecodeError: {error}"
    except UnicodeDecodeError:
        return "it is not a text file (not UTF-8)"
    except OSError as error:
        return f"it cannot be read ({type(error).__name__})"
    if not isinstance(content, dict) or not isinstance(content.get("cells"), list):
        return "it is not a notebook (no cells)"
    return None


def grade_folder(
    submissions: Path | str,
    master: Path | str,
    *,
    out: Path | str | None = None,
    force: bool = False,
    time_limit: float = TIME_LIMIT,
) -> GradingReport:
    """Grade every notebook in a folder against one master's tests, on this machine.

    Each submission runs top to bottom in a fresh kernel with the master's public
    and hidden tests (Otter Grader without Docker), in a process of its own with a
    time limit. A notebook that cannot be graded (not a notebook, broken JSON, a
    crash before grading, an endless loop) is reported with the reason; the others
    are still graded. With `out`, where the scores go is checked before grading
    starts, and each student's row is written as soon as it is graded, so that
    nothing graded is lost if the run stops.

    Parameters
    ----------
    submissions : path
        A folder of ``.ipynb`` files, one per student (the file name, without
        ``.ipynb``, is used as the student's name).
    master : path
        The instructor master of the assignment.
    out : path, optional
        A CSV file to write the scores to, row by row.
    force : bool, default False
        Overwrite `out` if it exists.
    time_limit : float, default 300
        Seconds one submission may take to grade.

    Returns
    -------
    GradingReport
        ``scores`` has one row per graded student: a column per autograded
        question, then ``total`` and ``possible``.
    """
    submissions = _args.folder(submissions, "submissions")
    master = _args.file(master, "master")
    force = _args.flag(force, "force")
    if isinstance(time_limit, bool) or not isinstance(time_limit, int | float):
        raise TypeError(f"time_limit must be a number of seconds, not {time_limit!r}.")
    if not 0 < time_limit < float("inf"):
        raise ValueError(f"time_limit must be a positive number of seconds, not {time_limit!r}.")
    if out is not None:
        out = check_scores_path(out, force=bool(force))
    notebooks = sorted(submissions.glob("*.ipynb"))
    if not notebooks:
        raise NotFoundError(f"No submitted notebooks (*.ipynb) in {submissions}.")
    questions, manual = _questions(master)
    columns = ["student", *questions, "total", "possible"]
    rows, failures = [], []
    with contextlib.ExitStack() as stack:
        writer = None
        if out is not None:
            handle = stack.enter_context(Path(out).open("w", encoding="utf-8", newline=""))
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            handle.flush()
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        autograder = build_autograder(master, tmp)
        for number, notebook in enumerate(notebooks):
            reason = _why_not_a_notebook(notebook)
            results = None
            if reason is None:
                results, reason = _grade_in_child(
                    notebook,
                    autograder,
                    tmp / f"result-{number}.json",
                    tmp / f"log-{number}.txt",
                    time_limit,
                )
            if reason is None and results["catastrophic"] is not None:
                reason = f"the notebook crashed: {results['catastrophic']}"
            if reason is not None:
                failures.append((notebook.name, reason))
                continue
            missing = [q for q in questions if q not in results["scores"]]
            if missing:
                failures.append((notebook.name, f"no result for {', '.join(missing)}"))
                continue
            row = {"student": notebook.stem}
            row.update({q: round(results["scores"][q], 2) for q in questions})
            row.update(total=round(results["total"], 2), possible=results["possible"])
            rows.append(row)
            if writer is not None:
                writer.writerow(row)
                handle.flush()
    scores = pd.DataFrame(rows, columns=columns)
    return GradingReport(scores=scores, failures=failures, manual=manual)


def question_namespaces(edition: Path | str) -> dict[str, dict]:
    """Return, for each checked question, the variables a student has when checking it.

    The edition's own code cells run in order (not the answer cells, not the
    checks; printed output is discarded and figures are closed), and the
    variables are copied at each question's check cell.
    """
    import matplotlib.pyplot as plt

    namespace: dict = {}
    found: dict[str, dict] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in json.loads(Path(edition).read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] != "code":
                continue
            check = re.search(r'grader\.check\("(\w+)"\)', text)
            if check:
                found[check.group(1)] = dict(namespace)
            elif "otter_answer_cell" not in cell.get("metadata", {}).get("tags", []):
                exec(text, namespace)  # the edition's own code
                plt.close("all")
    return found


def mistake_feedback(master: Path | str, edition: Path | str | None = None) -> pd.DataFrame:
    """Return what a student sees for each typical wrong answer kept beside a master.

    The wrong answers live in ``MASTER.mistakes.yml`` (question, ``why``,
    ``answer`` code, the ``feedback`` expected). Each answer runs with the
    variables a student has at that question (:func:`question_namespaces`) and
    is checked by the edition's public checks.

    Parameters
    ----------
    master : path
        The instructor master.
    edition : path, optional
        Its student edition (default: ``notebooks/exercises/`` and the master's name).

    Returns
    -------
    DataFrame
        One row per wrong answer: ``question``, ``why``, ``status`` (of the
        check), ``shown`` (the text the student sees) and ``expected`` (the
        words the feedback should contain).
    """
    import yaml

    master = _args.file(master, "master")
    edition = _args.path(edition, "edition", optional=True) or edition_path(master)
    grader = student_checker(edition)
    wrong_answers = _args.file(master.with_suffix(".mistakes.yml"), "the typical wrong answers")
    mistakes = yaml.safe_load(wrong_answers.read_text(encoding="utf-8"))
    before = question_namespaces(edition)
    rows = []
    for question, entry in mistakes.items():
        for mistake in entry["mistakes"]:
            namespace = dict(before[question])
            with contextlib.redirect_stdout(io.StringIO()):
                exec(mistake["answer"], namespace)
            result = grader.check(question, namespace)
            rows.append(
                {
                    "question": question,
                    "why": mistake["why"],
                    "status": result.status,
                    "shown": str(result),
                    "expected": mistake["feedback"],
                }
            )
    return pd.DataFrame(rows)


def student_checker(edition: Path | str) -> checks.Checker:
    """Return the checker that a student edition's first cell creates."""
    for cell in _read_notebook(edition, "edition")["cells"]:
        found = re.search(r'Checker\("([^"]+)", "([^"]+)"\)', "".join(cell["source"]))
        if found:
            return checks.Checker(*found.groups())
    raise ValueError(f"{edition} has no set-up cell with the exercise's checks.")


if __name__ == "__main__":  # grading one submission in a child process (see grade_folder)
    _grade_one(*sys.argv[1:4])
