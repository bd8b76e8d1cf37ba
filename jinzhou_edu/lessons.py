"""The anatomy every lesson follows, checked by machine.

A lesson is a master notebook in ``instructor/lessons/`` (built into a student
edition in ``notebooks/`` like the exercises) whose metadata ``lesson`` holds
its front matter. :func:`check_lesson` names every part of the anatomy that a
lesson lacks; ``docs/writing-lessons.md`` explains the anatomy to teachers.

The parts, in the order a lesson shows them:

1. front matter (metadata ``lesson``), shown in the first Markdown cell, with
   notes for the teacher guide (a plan, discussion prompts, misconceptions);
2. a narrative in our own words, at a US grade-10 reading level or below,
   with no "enemy", "bandits" or "liberation" in the narrator's voice;
3. at least two figures from the library, each with its alt text shown;
4. a document activity: a document of the time from the ``documents`` table,
   with sourcing, contextualisation and corroboration questions, and at least
   two perspectives;
5. at least three autograded questions (on the data, on a chronology or a
   number, of source criticism) and one written question with a rubric;
6. "Going further", and the sources used, cited with ``jz.cite``.

Examples
--------
>>> sorted(CONCEPTS)[:3]
['cause and consequence', 'continuity and change', 'ethical dimension']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "CONCEPTS",
    "QUESTION_KINDS",
    "LessonProblem",
    "check_lesson",
    "narrative_text",
    "reading_grade",
]

#: historical-thinking concepts a lesson may name
CONCEPTS = frozenset(
    {
        "significance",
        "evidence",
        "continuity and change",
        "cause and consequence",
        "perspectives",
        "ethical dimension",
    }
)

#: what an autograded question asks of students; a lesson needs one of each group
QUESTION_KINDS = {"data": {"data"}, "chronology or number": {"chronology", "number"}}
QUESTION_KINDS["source criticism"] = {"source criticism"}

#: the highest US grade level (Flesch-Kincaid) the narrative may read at
MAX_READING_GRADE = 10.0

_FRONT_MATTER = {
    "number": int,
    "title": str,
    "question": str,
    "objectives": list,
    "periods": int,
    "prerequisites": list,
    "concepts": list,
    "key_terms": list,
    "documents": list,
    "perspectives": list,
    "questions": dict,
    "teacher": dict,
}

#: what the teacher guide needs from each lesson's metadata ``lesson.teacher``
_TEACHER = ("plan", "discussion", "misconceptions")

#: words the narrator never uses in their own voice (quote and attribute them instead)
_LOADED_WORDS = re.compile(r"\b(enem(y|ies)|bandits?|liberat(e|ed|ion|ing))\b", re.IGNORECASE)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class LessonProblem:
    """One part of the anatomy a lesson lacks: which lesson, which part, what is wrong."""

    lesson: str
    part: str
    detail: str

    def __str__(self) -> str:
        return f"{self.lesson}: {self.part}: {self.detail}"


def _cells(notebook: dict, kind: str) -> list[str]:
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == kind]


def _unquoted(markdown: str) -> str:
    """Return Markdown without quotations: block quotes, quoted phrases, code."""
    lines = [line for line in markdown.splitlines() if not line.lstrip().startswith(">")]
    text = "\n".join(lines)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"[\"“«‘'][^\"”»’']*[\"”»’']", " ", text)


def narrative_text(notebook: dict) -> str:
    """Return the lesson's own prose: Markdown without headings, quotes, tables or code.

    This is the text whose reading level is measured.
    """
    paragraphs = []
    for markdown in _cells(notebook, "markdown"):
        for block in re.split(r"\n\s*\n", re.sub(r"```.*?```", "", markdown, flags=re.DOTALL)):
            block = block.strip()
            if not block or block.startswith(("#", "|", ">", "<", "!")):
                continue
            block = re.sub(r"^\s*([-*]|\d+\.)\s+", "", block, flags=re.MULTILINE)
            block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)  # links keep their text
            block = re.sub(r"`[^`]*`", "it", block)
            block = re.sub(r"[*_]", "", block)
            paragraphs.append(" ".join(block.split()))
    return "\n\n".join(paragraphs)


def reading_grade(text: str) -> float:
    """Return the Flesch-Kincaid US grade level of English prose.

    Uses textstat (pinned to a version that counts syllables offline).

    Examples
    --------
    >>> reading_grade("The army crossed the river. The town fell at dawn.") < 6
    True
    """
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def _front_matter(name: str, meta: Any) -> list[LessonProblem]:
    if not isinstance(meta, dict):
        return [LessonProblem(name, "front matter", "the notebook has no metadata 'lesson'")]
    problems = []
    for key, kind in _FRONT_MATTER.items():
        if not isinstance(meta.get(key), kind) or not meta.get(key):
            problems.append(
                LessonProblem(name, "front matter", f"'{key}' is missing or not a {kind.__name__}")
            )
    if problems:
        return problems
    if meta["periods"] not in (1, 2):
        problems.append(LessonProblem(name, "front matter", "'periods' must be 1 or 2"))
    unknown = sorted(set(meta["concepts"]) - CONCEPTS)
    if unknown:
        valid = ", ".join(sorted(CONCEPTS))
        problems.append(
            LessonProblem(name, "front matter", f"unknown concepts {unknown}; valid: {valid}")
        )
    for term in meta["key_terms"]:
        if not (isinstance(term, dict) and term.get("en") and term.get("pinyin")):
            problems.append(LessonProblem(name, "key terms", f"{term!r} needs en, zh and pinyin"))
        elif not _CJK.search(str(term.get("zh", ""))):
            problems.append(LessonProblem(name, "key terms", f"{term['en']!r} has no hanzi"))
    if len(meta["perspectives"]) < 2:
        problems.append(LessonProblem(name, "perspectives", "name at least two perspectives"))
    return problems + _teacher(name, meta)


def _teacher(name: str, meta: dict) -> list[LessonProblem]:
    teacher = meta["teacher"]
    missing = [key for key in _TEACHER if not teacher.get(key)]
    if missing:
        return [LessonProblem(name, "teacher notes", f"'teacher' lacks {', '.join(missing)}")]
    problems = []
    try:
        minutes = sum(int(step[0]) for step in teacher["plan"])
    except (TypeError, ValueError, IndexError):
        return [LessonProblem(name, "teacher notes", "each plan step is [minutes, activity]")]
    if minutes != 45 * meta["periods"]:
        problems.append(
            LessonProblem(
                name, "teacher notes", f"the plan takes {minutes} min, not {45 * meta['periods']}"
            )
        )
    for item in teacher["discussion"]:
        if not (isinstance(item, dict) and item.get("prompt") and item.get("good_answers")):
            problems.append(
                LessonProblem(
                    name, "teacher notes", "each discussion item needs prompt and good_answers"
                )
            )
            break
    return problems


def _first_cell(name: str, notebook: dict, meta: dict) -> list[LessonProblem]:
    first = next(iter(_cells(notebook, "markdown")), "")
    shown = [meta["title"], meta["question"], *meta["objectives"]]
    shown += [term["en"] for term in meta["key_terms"]]
    missing = [text for text in shown if text not in first]
    if missing:
        return [
            LessonProblem(name, "first cell", f"does not show {missing[0]!r} from the front matter")
        ]
    return []


def _figures(name: str, notebook: dict) -> list[LessonProblem]:
    code = _cells(notebook, "code")
    figures = [c for c in code if re.search(r"\bjz\.(plot|explore)_\w+\(", c)]
    if len(figures) < 2:
        return [LessonProblem(name, "figures", f"{len(figures)} figure(s); at least two needed")]
    without = [c for c in figures if "jz.plot_" in c and "jz.show(" not in c]
    if without:
        first_line = without[0].strip().splitlines()[0]
        return [
            LessonProblem(
                name, "figures", f"a figure is drawn without jz.show (its alt text): {first_line}"
            )
        ]
    return []


def _documents(name: str, notebook: dict, meta: dict) -> list[LessonProblem]:
    from jinzhou_edu.data import load

    problems = []
    known = set(load("documents")["document_id"])
    text = "\n".join(_cells(notebook, "code") + _cells(notebook, "markdown"))
    for document in meta["documents"]:
        if document not in known:
            problems.append(LessonProblem(name, "documents", f"no document {document!r}"))
        elif document not in text:
            problems.append(LessonProblem(name, "documents", f"{document!r} is never shown"))
    markdown = "\n".join(_cells(notebook, "markdown")).lower()
    for step in ("sourcing", "contextualisation", "corroboration"):
        if step not in markdown:
            problems.append(LessonProblem(name, "document activity", f"no {step} questions"))
    return problems


def _questions(name: str, master: Path, meta: dict) -> list[LessonProblem]:
    from jinzhou_edu.exercises import _questions as questions_of

    auto, manual = questions_of(master)
    problems = []
    if len(auto) < 3:
        problems.append(LessonProblem(name, "questions", f"{len(auto)} autograded; 3 needed"))
    if not manual:
        problems.append(LessonProblem(name, "questions", "no written question marked by hand"))
    kinds = {meta["questions"].get(question) for question in auto}
    for group, accepted in QUESTION_KINDS.items():
        if not kinds & accepted:
            problems.append(LessonProblem(name, "questions", f"no autograded {group} question"))
    solutions = "\n".join(_cells(json.loads(master.read_text(encoding="utf-8")), "markdown"))
    if manual and "rubric" not in solutions.lower():
        problems.append(LessonProblem(name, "questions", "the written question has no rubric"))
    return problems


def _ending(name: str, notebook: dict) -> list[LessonProblem]:
    problems = []
    headings = [
        line.lstrip("#").strip().lower()
        for markdown in _cells(notebook, "markdown")
        for line in markdown.splitlines()
        if line.startswith("#")
    ]
    if "going further" not in headings:
        problems.append(LessonProblem(name, "going further", "no 'Going further' section"))
    if "sources" not in headings or not any("jz.cite(" in c for c in _cells(notebook, "code")):
        problems.append(LessonProblem(name, "sources", "no 'Sources' section citing with jz.cite"))
    return problems


def _voice(name: str, notebook: dict) -> list[LessonProblem]:
    for markdown in _cells(notebook, "markdown"):
        found = _LOADED_WORDS.search(_unquoted(markdown))
        if found:
            return [
                LessonProblem(
                    name,
                    "narrator's voice",
                    f"{found.group(0)!r} outside a quotation: quote and attribute it",
                )
            ]
    return []


def check_lesson(master: Path | str) -> list[LessonProblem]:
    """Return every part of the lesson anatomy that a lesson master lacks.

    Parameters
    ----------
    master : path
        The lesson's master notebook (Otter Assign format, metadata ``lesson``).

    Returns
    -------
    list of LessonProblem
        Empty when the lesson is complete.
    """
    from jinzhou_edu import _args

    master = _args.file(master, "master")
    name = master.stem
    notebook = json.loads(master.read_text(encoding="utf-8"))
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise ValueError(f"{master} is not a notebook: it has no list of cells.")
    meta = (notebook.get("metadata") or {}).get("lesson")
    problems = _front_matter(name, meta)
    if problems:
        return problems
    problems += _first_cell(name, notebook, meta)
    problems += _figures(name, notebook)
    problems += _documents(name, notebook, meta)
    problems += _questions(name, master, meta)
    problems += _ending(name, notebook)
    problems += _voice(name, notebook)
    grade = reading_grade(narrative_text(notebook))
    if grade > MAX_READING_GRADE:
        problems.append(
            LessonProblem(
                name, "reading level", f"grade {grade:.1f}; at most {MAX_READING_GRADE:g}"
            )
        )
    return problems
