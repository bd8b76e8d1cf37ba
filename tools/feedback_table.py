"""Write, into docs/exercises.md, what each typical wrong answer of each master is told.

    python tools/feedback_table.py          # rewrite the table in docs/exercises.md
    python tools/feedback_table.py --check  # exit 1 if the table is out of date

The table sits between the markers ``<!-- feedback-table:start -->`` and
``<!-- feedback-table:end -->``; everything else in the file is left as it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jinzhou_edu import exercises

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "exercises.md"
START, END = "<!-- feedback-table:start -->", "<!-- feedback-table:end -->"


def table() -> str:
    """Return the Markdown tables, one per master, of wrong answers and their feedback."""
    parts = []
    for master in exercises.all_masters(REPO):
        edition = REPO / exercises.edition_path(master.relative_to(REPO))
        feedback = exercises.mistake_feedback(master, edition)
        parts.append(f"**{master.stem}**\n")
        parts.append("| question | the student... | the check says |")
        parts.append("| --- | --- | --- |")
        for row in feedback.itertuples():
            shown = row.shown.replace("|", "\\|")
            parts.append(f"| `{row.question}` | {row.why} | {shown} |")
        parts.append("")
    return "\n".join(parts)


def updated(text: str) -> str:
    """Return the document with the table between the markers replaced."""
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{table()}{END}{tail}"


def main() -> int:
    """Rewrite or check the table; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report an outdated table")
    args = parser.parse_args()
    text = DOC.read_text(encoding="utf-8")
    new = updated(text)
    if args.check:
        if new != text:
            print(f"{DOC} is out of date: run python tools/feedback_table.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
