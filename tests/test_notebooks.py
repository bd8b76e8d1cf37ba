"""Notebooks are stored clean and run top to bottom in a fresh kernel."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from conftest import REPO
from nbclient import NotebookClient

from jinzhou_edu import exercises

NOTEBOOKS = sorted((REPO / "notebooks").rglob("*.ipynb"))
#: student editions are run top to bottom by tests/test_exercises.py (unanswered and with
#: wrong answers); here run the notebooks that have no master
WITHOUT_MASTER = sorted(
    set(NOTEBOOKS)
    - {REPO / exercises.edition_path(m.relative_to(REPO)) for m in exercises.all_masters(REPO)}
)


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path: Path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_reads_data_only_through_the_package(path: Path):
    sources = "\n".join(
        "".join(cell["source"])
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "code"
    )
    assert not re.search(r"read_csv|\.csv\b|open\(", sources)


def test_every_student_edition_is_run_elsewhere_and_start_here_here():
    assert [path.name for path in WITHOUT_MASTER] == ["00-start-here.ipynb"]


@pytest.mark.slow
@pytest.mark.parametrize("path", WITHOUT_MASTER, ids=lambda p: p.name)
def test_runs_top_to_bottom(path: Path, tmp_path: Path):
    # run a copy, so that nothing the notebook writes (e.g. Otter's log) lands in the repo
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    notebook = nbformat.read(copy, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert not errors
