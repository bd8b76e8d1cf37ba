"""The jinzhou-edu command."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from jinzhou_edu import cli


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jinzhou_edu", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_validate_passes_on_the_shipped_data():
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: schemas, keys, references and cross-table rules all hold." in result.stdout
    assert "events" in result.stdout and "rows" in result.stdout


def test_the_console_script_is_installed():
    script = Path(sys.executable).parent / "jinzhou-edu"
    result = subprocess.run([str(script), "validate"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_validate_fails_on_a_broken_copy(data_copy):
    data_copy.edit("events", "yixian-falls", "place_id", "atlantis")
    data_copy.edit("figures", "jinzhou-nat-strength-9col", "low", "many")
    result = run_cli("validate", "--data", str(data_copy.directory))
    assert result.returncode == 1
    assert "2 problem(s):" in result.stdout
    assert "'atlantis' is not a place_id in places" in result.stdout
    assert "column 'low': 'many' is not a whole number" in result.stdout


def test_validate_fails_on_a_folder_without_a_package(tmp_path):
    result = run_cli("validate", "--data", str(tmp_path))
    assert result.returncode == 1
    assert "datapackage.json: file not found" in result.stdout


def test_no_command_prints_usage():
    result = run_cli()
    assert result.returncode == 2
    assert "usage: jinzhou-edu" in result.stderr
    assert "validate" in result.stderr and "lab" in result.stderr


def test_lab_refuses_a_missing_folder(tmp_path, capsys):
    assert cli.main(["lab", str(tmp_path / "nowhere")]) == 2
    assert "no folder" in capsys.readouterr().err


def test_lab_explains_how_to_install_jupyterlab(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(cli.importlib.util, "find_spec", lambda name: None)
    assert cli.main(["lab", str(tmp_path)]) == 2
    assert "pip install 'jinzhou-edu[lab]'" in capsys.readouterr().err


def test_lab_honours_port_and_prints_the_address(monkeypatch, tmp_path, capsys):
    launched = []
    monkeypatch.setattr(cli, "_run", lambda command: launched.append(command) or 0)
    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("JUPYTER_TOKEN", "abc")
    assert cli.main(["lab", str(tmp_path)]) == 0
    command = launched[0]
    assert "--port=9123" in command
    assert f"--ServerApp.root_dir={tmp_path.resolve()}" in command
    assert "--IdentityProvider.token=abc" in command
    assert ("--allow-root" in command) == (os.geteuid() == 0)
    assert "http://127.0.0.1:9123/lab?token=abc" in capsys.readouterr().out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_lab_really_starts(tmp_path):
    """`jinzhou-edu lab` starts a server that answers (as root too, as in CI)."""
    port, token = free_port(), "test-token"
    env = {
        **os.environ,
        "JUPYTER_TOKEN": token,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
    }
    (tmp_path / "lessons").mkdir()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jinzhou_edu",
            "lab",
            str(tmp_path / "lessons"),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/api/status?token={token}"
                with urllib.request.urlopen(url, timeout=2) as response:
                    status = response.status
                    break
            except OSError:
                time.sleep(0.5)
        assert status == 200, f"server did not answer; exit code {server.poll()}"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert f"http://127.0.0.1:{port}/lab?token={token}" in output


def test_importing_the_package_stays_light():
    code = (
        "import sys, jinzhou_edu\n"
        "heavy = ('matplotlib', 'ipywidgets', 'frictionless')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
