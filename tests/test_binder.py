"""Binder: what repo2docker builds from binder/, and the lessons in that environment.

There is no Docker engine here, so the image itself is not built. Instead:
repo2docker writes the Dockerfile (``--no-build``), which checks the Python of
``runtime.txt`` and shows what runs; ``postBuild`` runs in a copy of the
repository; and a fresh virtual environment built from ``requirements.txt``
(as repo2docker installs it: pip, from the top of the repository) runs every lesson.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import REPO, env_with_network

from jinzhou_edu.exercises import find_masters

BINDER = REPO / "binder"
LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def requirements() -> list[str]:
    lines = (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


def copy_of_repo(target: Path) -> Path:
    """Copy the files git knows (as repo2docker sees a clone) to ``target``."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, files):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_binder_pins_a_supported_python():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-3\.(\d+)", runtime)
    assert match, runtime
    assert 10 <= int(match[1]) <= 13  # within requires-python, and with wheels for our pins


def test_binder_requirements_install_this_repository_and_pin_the_rest():
    lines = requirements()
    assert "." in lines or "-e ." in lines, "binder/requirements.txt must install the repository"
    others = [line for line in lines if line not in (".", "-e .")]
    assert {re.split(r"[=<>!~]", line)[0] for line in others} >= {
        "jupyterlab",
        "ipywidgets",
        "pandas",
        "matplotlib",
        "ipykernel",
    }
    for line in others:
        assert re.fullmatch(r"[\w.-]+==[\w.]+", line), f"not pinned: {line}"


def test_nothing_runs_when_a_session_starts():
    # a `start` script would run (and could download) at every launch; settings are
    # installed once, at build time, by postBuild
    assert not (BINDER / "start").exists()
    build = (BINDER / "postBuild").read_text(encoding="utf-8")
    assert not re.search(r"\b(curl|wget|pip|npm|conda|mamba|git)\b", build)
    assert os.access(BINDER / "postBuild", os.X_OK)


def test_the_lab_settings_remove_the_news_popup():
    overrides = json.loads((BINDER / "overrides.json").read_text(encoding="utf-8"))
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}


@pytest.fixture(scope="module")
def dockerfile() -> str:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "repo2docker"),
            "--no-build",
            "--no-run",
            "--debug",
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout + result.stderr


def test_repo2docker_writes_a_dockerfile_from_binder(dockerfile):
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert f"python={runtime.removeprefix('python-')}" in dockerfile
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "./binder/postBuild" in dockerfile
    # the repository is copied in before pip runs, so `.` can be installed
    assert dockerfile.index("COPY --chown=0:0 src/ ") < dockerfile.index(
        'pip install --no-cache-dir -r "binder'
    )
    # kernel and server share one environment, or widgets show "model not found"
    assert "ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" in dockerfile
    assert "pyproject" not in dockerfile


def test_post_build_removes_the_masters_and_installs_the_settings(tmp_path):
    repo = copy_of_repo(tmp_path / "repo")
    assert (repo / "instructor").is_dir()
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=False)
    path = f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}"
    result = subprocess.run(
        ["bash", str(repo / "binder" / "postBuild")],
        cwd=repo,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert not (repo / "instructor").exists()
    assert not (repo / "docs" / "teacher-guide.md").exists()
    assert (repo / "notebooks" / "00-start-here.ipynb").exists()
    installed = env_dir / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(installed.read_text()) == json.loads((BINDER / "overrides.json").read_text())
    # no master left anywhere the server shows
    assert find_masters(repo) == []


def binder_like_env(tmp_path: Path) -> dict[str, str]:
    """This environment, without what a Binder session lacks (no backend set, no user kernels)."""
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    env["JUPYTER_DATA_DIR"] = str(tmp_path / "jupyter-data")
    env["JUPYTER_CONFIG_DIR"] = str(tmp_path / "jupyter-config")
    return env


@pytest.mark.slow
def test_every_lesson_runs_in_a_fresh_environment_from_the_binder_requirements(tmp_path):
    env_dir = tmp_path / "binder-env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"],
        cwd=REPO,  # as repo2docker runs it: `.` is the repository
        capture_output=True,
        text=True,
        timeout=900,
        env=env_with_network(),  # building the image reaches the registry; running it does not
    )
    assert install.returncode == 0, install.stderr[-3000:]
    # only what binder/requirements.txt brought in: no test extra, no otter
    check = subprocess.run(
        [
            str(python),
            "-c",
            "import jinzhou_edu, jupyterlab, ipywidgets; print(jinzhou_edu.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert check.returncode == 0, check.stderr
    assert str(env_dir) in check.stdout  # the installed package, not this checkout
    out = tmp_path / "executed"
    work = tmp_path / "lessons"
    work.mkdir()
    for lesson in LESSONS:
        shutil.copy2(lesson, work / lesson.name)
    result = subprocess.run(
        [
            str(env_dir / "bin" / "jupyter"),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.timeout=300",
            "--ExecutePreprocessor.kernel_name=python3",
            f"--output-dir={out}",
            *[str(work / lesson.name) for lesson in LESSONS],
        ],
        cwd=work,
        env=binder_like_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    for lesson in LESSONS:
        executed = json.loads((out / lesson.name).read_text(encoding="utf-8"))
        errors = [
            output
            for cell in executed["cells"]
            for output in cell.get("outputs", [])
            if output["output_type"] == "error"
        ]
        assert errors == [], lesson.name
