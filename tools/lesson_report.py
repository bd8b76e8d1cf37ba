"""Print, for each lesson: reading grade, execution time, questions, figures and documents.

    python tools/lesson_report.py            # every lesson, each run in a fresh kernel
    python tools/lesson_report.py --no-run   # without running them (no execution time)

The reading grade is Flesch-Kincaid over the lesson's own prose
(:func:`jinzhou_edu.lessons.narrative_text`); the execution time is the wall-clock
time of the student edition run top to bottom in a fresh kernel, as a student's
Run All would run it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from jinzhou_edu.exercises import _questions, edition_path
from jinzhou_edu.lessons import narrative_text, reading_grade

REPO = Path(__file__).resolve().parent.parent
LESSONS = REPO / "instructor" / "lessons"


def run_seconds(edition: Path) -> float:
    """Run a notebook top to bottom in a fresh kernel; return the seconds it took."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(edition, as_version=4)
    with tempfile.TemporaryDirectory() as folder:
        client = NotebookClient(
            notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": folder}}
        )
        start = time.perf_counter()
        client.execute()
        return time.perf_counter() - start


def report(run: bool = True) -> list[dict]:
    """Return one row of figures per lesson master."""
    rows = []
    for master in sorted(LESSONS.glob("*.ipynb")):
        notebook = json.loads(master.read_text(encoding="utf-8"))
        code = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
        auto, manual = _questions(master)
        edition = REPO / edition_path(master.relative_to(REPO))
        rows.append(
            {
                "lesson": master.stem,
                "reading grade": round(reading_grade(narrative_text(notebook)), 1),
                "run (s)": round(run_seconds(edition), 1) if run else None,
                "autograded": len(auto),
                "by hand": len(manual),
                "figures": sum(bool(re.search(r"\bjz\.(plot|explore)_", c)) for c in code),
                "documents": ", ".join(notebook["metadata"]["lesson"]["documents"]),
            }
        )
    return rows


def main() -> int:
    """Print the report as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-run", action="store_true", help="do not execute the lessons")
    args = parser.parse_args()
    rows = report(run=not args.no_run)
    if not rows:
        print("No lessons in instructor/lessons/.", file=sys.stderr)
        return 1
    header = list(rows[0])
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for row in rows:
        print("| " + " | ".join("" if v is None else str(v) for v in row.values()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
