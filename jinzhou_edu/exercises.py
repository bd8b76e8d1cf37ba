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
import hashlib
import io
import json
import logging
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from jinzhou_edu import checks
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
    master = Path(master)
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
            raise RuntimeError(
                f"Otter Assign failed on {master}: {error}\n{quiet.getvalue()[-2000:]}"
            ) from error
    return result


def _masters(masters: Path) -> list[Path]:
    found = sorted(Path(masters).glob("*.ipynb"))
    if not found:
        raise FileNotFoundError(f"No master notebooks (*.ipynb) in {masters}.")
    return found


def is_master(path: Path | str) -> bool:
    """Tell whether a notebook is an instructor master (it holds solutions or tests)."""
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
    found = []
    for path in sorted(Path(folder).rglob("*.ipynb")):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") or part in ("site-packages", "node_modules") for part in parts):
            continue
        if is_master(path):
            found.append(path)
    return found


def _worked_on(path: Path) -> bool:
    """Tell whether a notebook has been run or answered (it has outputs)."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    return any(
        cell.get("outputs") or cell.get("execution_count")
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
    )


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
        raise RuntimeError(f"Otter Assign wrote no set-up cell for {master.name}.")
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
    master = Path(master)
    target = Path(target) if target else edition_path(master)
    if target.exists() and _worked_on(target) and not force:
        raise FileExistsError(
            f"{target} has outputs, so someone may have worked in it; it was not "
            "overwritten. Move it away, or run again with --force."
        )
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
    return [
        Path(out) / master.name
        for master in _masters(Path(masters))
        if build_student_edition(master, Path(out) / master.name, force=force)
    ]


def is_stale(master: Path | str, target: Path | str | None = None) -> bool:
    """Tell whether a master's student edition is missing or differs from a fresh build."""
    target = Path(target) if target else edition_path(master)
    return not target.exists() or target.read_text(encoding="utf-8") != _build(Path(master))


def stale_student_editions(
    masters: Path | str = MASTERS, out: Path | str = STUDENT_EDITIONS
) -> list[str]:
    """Return the names of student editions that are missing or differ from their master."""
    return [
        master.name
        for master in _masters(Path(masters))
        if is_stale(master, Path(out) / master.name)
    ]


def all_masters(root: Path | str = ".") -> list[Path]:
    """Return every master of the exercises and lessons below a repository root, in order."""
    found = []
    for masters in EDITION_FOLDERS:
        found += sorted((Path(root) / masters).glob("*.ipynb"))
    return found


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

    master = Path(master)
    edition = Path(edition) if edition else edition_path(master)
    grader = student_checker(edition)
    mistakes = yaml.safe_load(master.with_suffix(".mistakes.yml").read_text(encoding="utf-8"))
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
    for cell in json.loads(Path(edition).read_text(encoding="utf-8"))["cells"]:
        found = re.search(r'Checker\("([^"]+)", "([^"]+)"\)', "".join(cell["source"]))
        if found:
            return checks.Checker(*found.groups())
    raise ValueError(f"{edition} has no set-up cell with the exercise's checks.")
