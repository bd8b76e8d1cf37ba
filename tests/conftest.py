"""Shared fixtures: the package's data folder and editable copies of it."""

from __future__ import annotations

import csv
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import jinzhou_edu as jz
from jinzhou_edu.checksums import write_checksums

REPO = Path(__file__).resolve().parent.parent
#: a sitecustomize that refuses every socket connection but loopback
OFFLINE = Path(__file__).resolve().parent / "offline"


def env_with_network() -> dict[str, str]:
    """This environment without the network block, for a subprocess that installs packages.

    Only building an environment (as Binder builds its image) may reach the package
    registry; what runs in it afterwards is tested offline.
    """
    env = dict(os.environ)
    kept = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != str(OFFLINE)]
    if kept:
        env["PYTHONPATH"] = os.pathsep.join(kept)
    else:
        env.pop("PYTHONPATH", None)
    return env


@pytest.fixture(scope="session", autouse=True)
def _offline():
    """The whole suite runs with the network blocked: here and in every subprocess.

    Kernels, graders and commands are subprocesses: they inherit PYTHONPATH, so
    they import ``tests/offline/sitecustomize.py``, which blocks them too.
    """
    previous = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(OFFLINE), previous]))
    sys.path.insert(0, str(OFFLINE))
    import sitecustomize  # noqa: F401  - patches socket in this process too

    yield
    if previous is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = previous


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return jz.data_dir()


class DataCopy:
    """A copy of the data package in a temporary folder, with helpers to break it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def rows(self, table: str) -> tuple[list[str], list[dict[str, str]]]:
        with (self.directory / f"{table}.csv").open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            return list(reader.fieldnames or []), list(reader)

    def write(self, table: str, header: list[str], rows: list[dict[str, str]]) -> None:
        path = self.directory / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        # as a data editor does after an intended change, so only the fault under test shows
        write_checksums(self.directory)

    def edit(self, table: str, key: str, column: str, value: str) -> None:
        """Set one cell, finding the row by its primary key (the first column)."""
        header, rows = self.rows(table)
        for row in rows:
            if row[header[0]] == key:
                row[column] = value
                break
        else:  # pragma: no cover - a mistake in a test
            raise KeyError(key)
        self.write(table, header, rows)


@pytest.fixture
def data_copy(tmp_path: Path, data_dir: Path) -> DataCopy:
    target = tmp_path / "data"
    shutil.copytree(data_dir, target)
    return DataCopy(target)


@pytest.fixture
def problems_in() -> Callable[[Path], list[str]]:
    def run(directory: Path) -> list[str]:
        return [str(problem) for problem in jz.validate(directory).problems]

    return run


@pytest.fixture(autouse=True)
def _close_figures_and_reset_language():
    """Every test starts in English and leaves no figure open."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
    jz.set_language("en")
