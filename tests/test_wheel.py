"""The data travel inside the wheel: a fresh install works offline, anywhere."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(REPO),
        ],
        check=True,
        timeout=300,
    )
    (path,) = out.glob("jinzhou_edu-*.whl")
    return path


def test_the_repository_keeps_one_copy_of_each_csv():
    tracked = subprocess.run(
        ["git", "ls-files", "*.csv"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not tracked:  # not a git checkout (e.g. an sdist): look at the files
        tracked = [str(p.relative_to(REPO)) for p in REPO.rglob("*.csv") if ".venv" not in p.parts]
    assert tracked and all(path.startswith("data/") for path in tracked), tracked
    names = [Path(path).name for path in tracked]
    assert len(names) == len(set(names))


@pytest.mark.slow
def test_the_wheel_carries_the_data_once(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    csvs = sorted(n for n in names if n.endswith(".csv"))
    assert csvs == sorted(f"jinzhou_edu/_data/{p.name}" for p in (REPO / "data").glob("*.csv"))
    assert "jinzhou_edu/_data/datapackage.json" in names
    assert "jinzhou_edu/_data/LICENSE" in names


@pytest.mark.slow
def test_a_fresh_install_loads_every_table_offline(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # The dependencies (pandas ...) come from this environment, read-only, so the
    # test needs no network; jinzhou_edu itself comes only from the wheel.
    site = subprocess.run(
        [
            str(python),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--no-index",
            "--no-deps",
            "--quiet",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = textwrap.dedent(
        """
        import jinzhou_edu as jz
        assert "site-packages" in jz.__file__, jz.__file__
        assert "site-packages" in str(jz.data_dir()), jz.data_dir()
        for name in jz.tables():
            assert len(jz.load(name)) > 0, name
        assert jz.validate().ok
        print(len(jz.tables()), "tables", len(jz.load("events")), "events")
        """
    )
    result = subprocess.run(
        [str(python), "-c", script],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "NO_PROXY": "*",
            "http_proxy": "http://127.0.0.1:9",
            "https_proxy": "http://127.0.0.1:9",
        },
    )
    assert result.returncode == 0, result.stderr
    import jinzhou_edu as jz  # the same tables installed as in the repository

    assert result.stdout.startswith(f"{len(jz.tables())} tables")
    cli = subprocess.run(
        [str(venv / "bin" / "jinzhou-edu"), "validate"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert cli.returncode == 0 and "OK" in cli.stdout
