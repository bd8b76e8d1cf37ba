"""Each lesson gives the same text twice: in fresh kernels, in another time zone and locale."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from conftest import REPO
from nbclient import NotebookClient

LESSONS = sorted((REPO / "notebooks").glob("*.ipynb"))
#: a zone far from China and with an odd offset, a bare locale, another hash seed
ELSEWHERE = {"TZ": "Pacific/Chatham", "LC_ALL": "C", "LANG": "C", "PYTHONHASHSEED": "1"}
HERE = {"TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"}
#: widget model ids are random by design; they are not text a student reads
_MODEL_ID = re.compile(r"model_id='?[0-9a-f]{32}'?|[0-9a-f]{32}")


def text_outputs(path: Path, tmp_path: Path, env: dict[str, str]) -> list[str]:
    """Run a copy of a notebook in a fresh kernel with `env`; return its text outputs in order."""
    folder = tmp_path / env["TZ"].replace("/", "-")
    folder.mkdir()
    copy = folder / path.name
    copy.write_bytes(path.read_bytes())
    notebook = nbformat.read(copy, as_version=4)
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)  # the kernel inherits this process's environment
    try:
        NotebookClient(
            notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": folder}}
        ).execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    texts = []
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                texts.append(f"{number} {output.name}: {output.text}")
            elif output.output_type == "error":
                texts.append(f"{number} error: {output.ename}: {output.evalue}")
            elif "text/plain" in output.get("data", {}):
                texts.append(f"{number} text: {_MODEL_ID.sub('*', output.data['text/plain'])}")
    return texts


@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_a_lesson_gives_the_same_text_twice(path, tmp_path):
    first = text_outputs(path, tmp_path, HERE)
    second = text_outputs(path, tmp_path, ELSEWHERE)
    assert first, f"{path.name} printed nothing to compare"
    assert first == second
