"""The ``jinzhou-edu`` command: validate the data set, open the lessons."""

from __future__ import annotations

import argparse
import importlib.util
import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from jinzhou_edu import _args


def _validate(args: argparse.Namespace) -> int:
    from jinzhou_edu.validate import validate

    report = validate(args.data)
    print(report)
    return 0 if report.ok else 1


def _checksums(args: argparse.Namespace) -> int:
    from jinzhou_edu.checksums import stale_checksums, write_checksums
    from jinzhou_edu.data import data_dir

    directory = _args.folder(args.data, "--data") if args.data else data_dir()
    if args.check:
        stale = stale_checksums(directory)
        for name, message in stale:
            print(f"{name}: {message}")
        if not stale:
            print(f"Every file in {directory} matches its recorded bytes and hash.")
        return 1 if stale else 0
    changed = write_checksums(directory)
    print(
        f"Recorded new checksums for: {', '.join(changed)}."
        if changed
        else "Every checksum was already up to date."
    )
    return 0


def _lab_command(folder: Path, port: int, token: str) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--ServerApp.root_dir={folder}",
        "--ip=127.0.0.1",
        f"--port={port}",
        # never move to another port silently: the address printed must be the one served
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def _lab(args: argparse.Namespace) -> int:
    from jinzhou_edu.exercises import find_masters

    folder = Path(args.folder).resolve()
    if not folder.is_dir():
        print(f"jinzhou-edu lab: no folder {folder}", file=sys.stderr)
        return 2
    masters = find_masters(folder)
    if masters and not args.instructor:
        shown = ", ".join(str(path.relative_to(folder)) for path in masters[:3])
        print(
            f"jinzhou-edu lab: {folder} holds instructor masters with solutions and hidden "
            f"tests ({shown}{', ...' if len(masters) > 3 else ''}), so it was not served: "
            "students must never reach them. Serve the lessons folder (notebooks/), or add "
            "--instructor on a machine that only teachers use.",
            file=sys.stderr,
        )
        return 2
    if importlib.util.find_spec("jupyterlab") is None:
        print(
            "jinzhou-edu lab: JupyterLab is not installed. Install it with\n"
            "    pip install 'jinzhou-edu[lab]'",
            file=sys.stderr,
        )
        return 2
    wanted = args.port or _args.port(os.environ.get("PORT", "8888"), "PORT")
    port = _free_port_from(wanted)
    if port is None:
        print(
            f"jinzhou-edu lab: ports {wanted} to {min(wanted + _PORT_TRIES, 65536) - 1} are all "
            "taken; "
            "choose another with --port or $PORT.",
            file=sys.stderr,
        )
        return 2
    token = os.environ.get("JUPYTER_TOKEN") or secrets.token_hex(16)
    if port != wanted:
        print(f"Port {wanted} is taken, so JupyterLab listens on {port}.")
    print(f"Opening the lessons in {folder}")
    print(f"JupyterLab: http://127.0.0.1:{port}/lab?token={token}")
    print("Stop it with Ctrl-C.", flush=True)
    return _run(_lab_command(folder, port, token))


_PORT_TRIES = 50


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        # as the server binds: a port left in TIME_WAIT is free, one listened on is not
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port_from(port: int) -> int | None:
    """Return the first free port from ``port`` on (as Jupyter would pick), or None."""
    candidates = range(port, min(port + _PORT_TRIES, 65536))
    return next((p for p in candidates if _port_is_free(p)), None)


def _run(command: list[str]) -> int:
    """Run JupyterLab in place of this process where the system allows it.

    On POSIX the command replaces this process, so Ctrl-C and a supervisor's
    SIGTERM reach the server itself; elsewhere it runs as a child.
    """
    if os.name == "posix":
        os.execv(command[0], command)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0


def _lessons_or_explain(command: str, folder: str):
    from jinzhou_edu.links import find_lessons

    lessons = find_lessons(folder)
    if not lessons:
        print(
            f"jinzhou-edu {command}: no lessons (NN-*.ipynb) in {Path(folder).resolve()}; "
            "run it in a checkout of the repository or give --notebooks.",
            file=sys.stderr,
        )
    return lessons


def _link(args: argparse.Namespace) -> int:
    from jinzhou_edu.links import default_repo, hub_link

    lessons = _lessons_or_explain("link", args.notebooks)
    if not lessons:
        return 2
    chosen = [lesson for lesson in lessons if lesson.number == args.lesson]
    if not chosen:
        numbers = ", ".join(str(lesson.number) for lesson in lessons)
        print(f"jinzhou-edu link: no lesson {args.lesson} (lessons: {numbers}).", file=sys.stderr)
        return 2
    repo = args.repo or default_repo()
    print(hub_link(args.hub, chosen[0].file, repo=repo, branch=args.branch))
    return 0


def _links(args: argparse.Namespace) -> int:
    from jinzhou_edu.links import default_repo, links_table

    lessons = _lessons_or_explain("links", args.notebooks)
    if not lessons:
        return 2
    repo = args.repo or default_repo()
    print(links_table(lessons, hub=args.hub, repo=repo, branch=args.branch))
    return 0


def _student(args: argparse.Namespace) -> int:
    from jinzhou_edu import exercises

    if args.master:
        pairs = [(Path(master), None) for master in args.master]
    elif args.masters:
        out = Path(args.out) if args.out else None
        pairs = [
            (master, out / master.name if out else None)
            for master in sorted(Path(args.masters).glob("*.ipynb"))
        ]
    else:
        pairs = [(master, None) for master in exercises.all_masters()]
    missing = [str(master) for master, _ in pairs if not master.is_file()]
    if not pairs or missing:
        where = ", ".join(missing) or args.masters or "instructor/ and instructor/lessons/"
        print(f"jinzhou-edu student: no master notebooks at {where}.", file=sys.stderr)
        return 2
    if args.check:
        stale = [master.name for master, target in pairs if exercises.is_stale(master, target)]
        if stale:
            print(f"Out of date with their masters: {', '.join(stale)}. Run `jinzhou-edu student`.")
            return 1
        print("Every student edition matches its master.")
        return 0
    for master, target in pairs:
        try:
            changed = exercises.build_student_edition(master, target, force=args.force)
        except FileExistsError as error:
            print(f"jinzhou-edu student: {error}", file=sys.stderr)
            return 2
        where = target or exercises.edition_path(master)
        print(f"{'wrote' if changed else 'unchanged'} {where}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from jinzhou_edu import exercises

    master = Path(args.master) if args.master else None
    if master is None:
        masters = exercises.all_masters()
        if len(masters) != 1:
            names = ", ".join(str(m) for m in masters) or "none found"
            print(
                f"jinzhou-edu grade: choose the assignment with --master ({names}).",
                file=sys.stderr,
            )
            return 2
        master = masters[0]
    try:  # where the scores go is checked before any grading starts
        _args.folder(args.submissions, "SUBMISSIONS")
        _args.file(master, "--master")
        out = exercises.check_scores_path(args.out, force=args.force)
        report = exercises.grade_folder(
            args.submissions, master, out=out, force=args.force, time_limit=args.time_limit
        )
    except (OSError, ValueError) as error:
        print(f"jinzhou-edu grade: {error}", file=sys.stderr)
        return 2
    print(report)
    print(f"Scores written to {out}.")
    return 1 if report.failures else 0


def _seconds(text: str) -> float:
    """Read a positive number of seconds (an argparse type)."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text!r}")
    return value


def _port(text: str) -> int:
    """Read a port number from 1 to 65535 (an argparse type)."""
    try:
        return _args.port(text, "--port")
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, naming the command."""

    def error(self, message: str):  # type: ignore[override]
        """Print one line saying what is wrong, and exit 2."""
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the ``jinzhou-edu`` command."""
    parser = _Parser(
        prog="jinzhou-edu",
        description=(
            "Teach the Battle of Jinzhou (1948) with data: validate the data set, open the lessons."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "validate",
        help="check the data package: schemas, keys, references and cross-table rules",
        description=(
            "Check every table against its schema and the rules that tie the "
            "tables together. Exits 1 if anything is wrong."
        ),
    )
    check.add_argument(
        "--data",
        metavar="DIR",
        help=(
            "a folder holding datapackage.json (default: the data set installed with the package)"
        ),
    )
    check.set_defaults(run=_validate)

    checksums = commands.add_parser(
        "checksums",
        help="record the bytes and hash of every table file in datapackage.json",
        description=(
            "Write each table file's size (bytes) and sha256 hash into datapackage.json, so "
            "that `jinzhou-edu validate` names a file changed or truncated later. Run it after "
            "an intended change to the data."
        ),
    )
    checksums.add_argument(
        "--data", metavar="DIR", help="a folder holding datapackage.json (default: the data set)"
    )
    checksums.add_argument(
        "--check", action="store_true", help="only report files that differ (exit 1)"
    )
    checksums.set_defaults(run=_checksums)

    lab = commands.add_parser(
        "lab",
        help="start JupyterLab on the lesson notebooks",
        description="Start JupyterLab on a folder of notebooks and print its address.",
    )
    lab.add_argument(
        "folder",
        nargs="?",
        default="notebooks" if Path("notebooks").is_dir() else ".",
        help="folder to open (default: ./notebooks if it exists, else this folder)",
    )
    lab.add_argument("--port", type=_port, help="port to listen on (default: $PORT or 8888)")
    lab.add_argument(
        "--instructor",
        action="store_true",
        help="also serve a folder that holds instructor masters (never for students)",
    )
    lab.set_defaults(run=_lab)

    from jinzhou_edu.links import DEFAULT_BRANCH, PLACEHOLDER_HUB, PLACEHOLDER_REPO

    def launch_options(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--repo",
            help=(
                "git address students pull (default: this checkout's origin remote, "
                f"else {PLACEHOLDER_REPO})"
            ),
        )
        command.add_argument(
            "--branch", default=DEFAULT_BRANCH, help=f"branch (default: {DEFAULT_BRANCH})"
        )
        command.add_argument(
            "--notebooks",
            default="notebooks",
            metavar="DIR",
            help="where the lessons are (default: ./notebooks)",
        )

    link = commands.add_parser(
        "link",
        help="print the nbgitpuller link that opens a lesson on a JupyterHub",
        description=(
            "Print the link that opens a lesson on any JupyterHub with nbgitpuller: the "
            "first click clones the repository into the student's home, later clicks merge "
            "the latest changes without losing the student's work."
        ),
    )
    link.add_argument("--hub", required=True, metavar="URL", help="the hub's address")
    link.add_argument(
        "--lesson", type=int, default=0, metavar="N", help="lesson number (default: 0)"
    )
    launch_options(link)
    link.set_defaults(run=_link)

    links = commands.add_parser(
        "links",
        help="print a table of every lesson's Binder and JupyterHub links",
        description="Print a Markdown table of every lesson's Binder and nbgitpuller links.",
    )
    links.add_argument(
        "--hub", default=PLACEHOLDER_HUB, metavar="URL", help=f"default: {PLACEHOLDER_HUB}"
    )
    launch_options(links)
    links.set_defaults(run=_links)

    student = commands.add_parser(
        "student",
        help="build the student editions of the exercises from the instructor masters",
        description=(
            "Run Otter Assign on every master (checking that the solutions pass their tests) "
            "and write the student editions: instructor/*.ipynb to notebooks/exercises/, "
            "instructor/lessons/*.ipynb to notebooks/. The same master always gives the "
            "same file."
        ),
    )
    student.add_argument(
        "master", nargs="*", help="masters to build (default: every master of the repository)"
    )
    student.add_argument("--masters", metavar="DIR", help="build every master in this folder")
    student.add_argument("--out", metavar="DIR", help="with --masters: where the editions go")
    student.add_argument(
        "--check", action="store_true", help="only report editions out of date (exit 1)"
    )
    student.add_argument(
        "--force", action="store_true", help="overwrite editions that have outputs"
    )
    student.set_defaults(run=_student)

    grade = commands.add_parser(
        "grade",
        help="grade a folder of submitted notebooks on this machine and write a CSV of scores",
        description=(
            "Grade every notebook in SUBMISSIONS against an assignment's public and hidden tests "
            "(Otter Grader, no Docker). Notebooks that cannot be graded are reported with the "
            "reason; the others are graded. Exits 1 if any could not be graded."
        ),
    )
    grade.add_argument(
        "submissions", metavar="SUBMISSIONS", help="folder of submitted .ipynb files"
    )
    grade.add_argument(
        "--master",
        help="the master of the lesson or exercise handed in (required if there are several)",
    )
    grade.add_argument(
        "--out", default="scores.csv", help="CSV of scores to write (default: scores.csv)"
    )
    grade.add_argument("--force", action="store_true", help="overwrite an existing CSV")
    grade.add_argument(
        "--time-limit",
        type=_seconds,
        default=300,
        metavar="SECONDS",
        help="how long one notebook may take to grade (default: 300)",
    )
    grade.set_defaults(run=_grade)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``jinzhou-edu`` command and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print(f"jinzhou-edu {args.command}: stopped.", file=sys.stderr)
        return 130
    except (OSError, ValueError, TypeError, KeyError, RuntimeError) as error:
        # a bad argument, a missing or broken file: one line, never a traceback
        print(f"jinzhou-edu {args.command}: {_one_line(error)}", file=sys.stderr)
        return 2
    except Exception as error:  # anything else is our fault: say so, in one line
        print(
            f"jinzhou-edu {args.command}: unexpected {type(error).__name__}: {_one_line(error)} "
            "(please report this)",
            file=sys.stderr,
        )
        return 3


def _one_line(error: BaseException) -> str:
    """Return an error's message on one line, shortened if long."""
    text = error.message if hasattr(error, "message") else str(error)
    if isinstance(error, OSError) and error.filename and error.strerror:
        text = f"{error.strerror}: {error.filename}"
    text = " ".join(str(text).split()) or type(error).__name__
    return text if len(text) <= 500 else text[:497] + "..."


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
