"""The lesson anatomy check: a complete lesson passes, each missing part is named."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jinzhou_edu.lessons import (
    MAX_READING_GRADE,
    check_lesson,
    narrative_text,
    reading_grade,
)

FRONT_MATTER = {
    "number": 9,
    "title": "A test lesson",
    "question": "Why did the town fall so fast?",
    "objectives": ["Put the events in order.", "Weigh two accounts."],
    "periods": 1,
    "prerequisites": ["00-start-here"],
    "concepts": ["evidence", "perspectives"],
    "key_terms": [{"en": "column", "zh": "纵队", "pinyin": "zòngduì"}],
    "documents": ["nefa-1948-10-13"],
    "perspectives": ["the field army's telegrams", "a Nationalist memoir"],
    "questions": {"q1_a": "data", "q2_b": "chronology", "q3_c": "source criticism"},
    "teacher": {
        "plan": [[5, "Question on the board"], [25, "Narrative and figures"], [15, "Document"]],
        "discussion": [{"prompt": "Why so fast?", "good_answers": "Mention the relief forces."}],
        "misconceptions": ["The town fell because its walls were weak."],
    },
}


def md(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(text: str) -> dict:
    return {
        "cell_type": "code",
        "metadata": {},
        "source": text,
        "outputs": [],
        "execution_count": None,
    }


def raw(text: str) -> dict:
    return {"cell_type": "raw", "metadata": {}, "source": text}


def question(name: str, manual: bool = False) -> list[dict]:
    config = f"# BEGIN QUESTION\nname: {name}\npoints: 1\n" + ("manual: true\n" if manual else "")
    return [raw(config), md(f"**Question.** Answer {name}."), raw("# END QUESTION")]


def complete_lesson() -> dict:
    first = (
        "# Lesson 9: A test lesson\n\n**Why did the town fall so fast?**\n\n"
        "- Put the events in order.\n- Weigh two accounts.\n\nKey terms: column (纵队 zòngduì)"
    )
    cells = [
        md(first),
        md(
            "The army came to the town in the autumn. The guns fired for an hour. "
            "Then the men went in."
        ),
        code("ax = jz.plot_timeline('assault')\njz.show(ax)"),
        code("ax = jz.plot_city_assault(time='1948-10-14T16:00+08:00')\njz.show(ax)"),
        md(
            "## Document\n\nRead `nefa-1948-10-13`.\n\nSourcing: who sent it?\n\n"
            "Contextualisation: what was going on?\n\nCorroboration: what do others say?"
        ),
        *question("q1_a"),
        *question("q2_b"),
        *question("q3_c"),
        raw("# BEGIN QUESTION\nname: q4_written\nmanual: true\npoints: 3"),
        md("**Question 4.** Write a paragraph."),
        raw("# BEGIN SOLUTION"),
        md("Rubric: 3 points for a claim with evidence from two sources."),
        raw("# END SOLUTION"),
        raw("# END QUESTION"),
        md("## Going further\n\nRead the other telegram."),
        md("## Sources"),
        code("print(jz.cite('tanner-2015'))"),
    ]
    return {
        "cells": cells,
        "metadata": {"lesson": FRONT_MATTER},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write(tmp_path: Path, notebook: dict) -> Path:
    path = tmp_path / "09-test.ipynb"
    path.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    return path


def problems(tmp_path: Path, notebook: dict) -> list[str]:
    return [str(problem) for problem in check_lesson(write(tmp_path, notebook))]


def test_a_complete_lesson_has_no_problem(tmp_path):
    assert problems(tmp_path, complete_lesson()) == []


def broken(change) -> dict:
    notebook = copy.deepcopy(complete_lesson())
    change(notebook)
    return notebook


def drop_cells(containing: str):
    def change(notebook):
        notebook["cells"] = [c for c in notebook["cells"] if containing not in c["source"]]

    return change


def set_meta(key, value):
    def change(notebook):
        notebook["metadata"]["lesson"][key] = value

    return change


def add_markdown(text):
    def change(notebook):
        notebook["cells"].insert(1, md(text))

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda nb: nb["metadata"].pop("lesson"), "front matter: the notebook has no metadata"),
        (set_meta("objectives", []), "front matter: 'objectives' is missing"),
        (set_meta("periods", 3), "'periods' must be 1 or 2"),
        (set_meta("concepts", ["heroism"]), "unknown concepts ['heroism']"),
        (set_meta("key_terms", [{"en": "column", "zh": "", "pinyin": "x"}]), "has no hanzi"),
        (set_meta("perspectives", ["one"]), "perspectives: name at least two"),
        (set_meta("teacher", {"plan": [[45, "x"]]}), "'teacher' lacks discussion, misconceptions"),
        (
            lambda nb: nb["metadata"]["lesson"]["teacher"]["plan"].append([10, "more"]),
            "the plan takes 55 min, not 45",
        ),
        (set_meta("documents", ["no-such-document"]), "no document 'no-such-document'"),
        (set_meta("title", "Another title"), "first cell: does not show 'Another title'"),
        (drop_cells("plot_city_assault"), "figures: 1 figure(s); at least two needed"),
        (
            lambda nb: nb["cells"].insert(2, code("jz.plot_figures('jinzhou')")),
            "figures: a figure is drawn without jz.show",
        ),
        (drop_cells("Corroboration"), "document activity: no corroboration questions"),
        (drop_cells("name: q3_c"), "questions: 2 autograded; 3 needed"),
        (
            set_meta("questions", {"q1_a": "data", "q2_b": "data", "q3_c": "data"}),
            "no autograded chronology or number",
        ),
        (drop_cells("Rubric"), "the written question has no rubric"),
        (drop_cells("Going further"), "no 'Going further' section"),
        (drop_cells("jz.cite"), "no 'Sources' section"),
        (add_markdown("The enemy fled the town."), "'enemy' outside a quotation"),
        (add_markdown("The town's liberation came at dusk."), "'liberation' outside a quotation"),
        (
            add_markdown(
                "Notwithstanding considerable organisational difficulties, the administrative "
                "reconfiguration of intercommunicating operational formations necessitated "
                "extraordinarily comprehensive documentation, standardisation and "
                "institutionalisation of interdepartmental responsibilities."
            ),
            "reading level: grade",
        ),
    ],
)
def test_each_missing_part_is_named(tmp_path, change, expected):
    found = problems(tmp_path, broken(change))
    assert any(expected in problem for problem in found), found
    assert all(problem.startswith("09-test: ") for problem in found)


def test_quoted_and_attributed_words_are_allowed(tmp_path):
    notebook = broken(
        add_markdown(
            'Xinhua called it the "liberation" of the city.\n\n> "The enemy is finished." '
            "(a telegram)"
        )
    )
    assert problems(tmp_path, notebook) == []


def test_the_narrative_leaves_out_headings_quotes_tables_and_code():
    notebook = {
        "cells": [
            md("# Title\n\nThe guns fired.\n\n> A quoted line.\n\n| a | b |\n|---|---|"),
            md("```python\nx = 1\n```\n\n- The town *fell*, see [the map](x.png)."),
        ]
    }
    assert narrative_text(notebook) == "The guns fired.\n\nThe town fell, see the map."


def test_reading_grade_tells_easy_from_hard_prose():
    easy = "The men ran. The guns were loud. The town fell at night."
    hard = (
        "Notwithstanding considerable organisational difficulties, the reconfiguration of "
        "intercommunicating formations necessitated extraordinarily comprehensive documentation."
    )
    assert reading_grade(easy) < MAX_READING_GRADE < reading_grade(hard)


# --- the lessons of the series ------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
LESSON_MASTERS = sorted((REPO / "instructor" / "lessons").glob("*.ipynb"))
START_HERE = REPO / "notebooks" / "00-start-here.ipynb"


def metadata(master: Path) -> dict:
    return json.loads(master.read_text(encoding="utf-8"))["metadata"]["lesson"]


def test_the_series_has_its_lessons_in_order():
    numbers = [metadata(master)["number"] for master in LESSON_MASTERS]
    assert numbers[:4] == [1, 2, 3, 4]
    assert numbers == list(range(1, len(numbers) + 1))
    for master in LESSON_MASTERS:
        assert master.name.startswith(f"{metadata(master)['number']:02d}-")
        assert (REPO / "notebooks" / master.name).exists(), master.name


@pytest.mark.parametrize("master", LESSON_MASTERS, ids=lambda p: p.stem)
def test_every_lesson_has_the_whole_anatomy(master):
    assert [str(problem) for problem in check_lesson(master)] == []


def test_start_here_links_every_lesson_and_nothing_that_does_not_exist():
    text = "\n".join(
        "".join(cell["source"])
        for cell in json.loads(START_HERE.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "markdown"
    )
    links = dict(re.findall(r"\[\d+\. ([^\]]+)\]\(([\w-]+\.ipynb)\)", text))
    linked = {target: title for title, target in links.items()}
    assert set(linked) == {master.name for master in LESSON_MASTERS}
    for master in LESSON_MASTERS:
        assert linked[master.name] == metadata(master)["title"]


def test_the_teacher_guide_is_generated_from_the_masters():
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "teacher_guide.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    guide = (REPO / "docs" / "teacher-guide.md").read_text(encoding="utf-8")
    for master in LESSON_MASTERS:
        assert f"## Lesson {metadata(master)['number']}: {metadata(master)['title']}" in guide
    assert "Teaching a civil war from the winners' sources" in guide
