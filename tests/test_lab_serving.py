"""What a student's JupyterLab serves: the lessons, and no solution or hidden test."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO

from jinzhou_edu import exercises
from jinzhou_edu.exercises import find_masters

pytestmark = pytest.mark.slow

MASTERS = exercises.all_masters(REPO)
TOKEN = "test-token-not-secret"


def secrets_of(master: Path) -> list[str]:
    """Texts that only a master holds: solution lines, hidden tests, model answers."""
    found = ["# BEGIN SOLUTION", "# END SOLUTION", "# BEGIN TESTS", "hidden: true", "hidden=True"]
    for cell in json.loads(master.read_text(encoding="utf-8"))["cells"]:
        text = "".join(cell["source"])
        found += [
            line.split("# SOLUTION")[0].strip()
            for line in text.splitlines()
            if line.rstrip().endswith("# SOLUTION")
        ]
        if "hidden: true" in text:
            found.append(re.search(r"def (\w+)", text).group(1))
        if cell["cell_type"] == "markdown" and text.startswith("A strong answer"):
            found.append(text[:60])
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(base: str, path: str) -> tuple[int, bytes]:
    url = f"{base}{path}{'&' if '?' in path else '?'}token={TOKEN}"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`jinzhou-edu lab` as `make lab` starts it, on a free port; yields its base URL."""
    port = free_port()
    config = tmp_path_factory.mktemp("jupyter-config")
    env = {**os.environ, "JUPYTER_TOKEN": TOKEN, "JUPYTER_CONFIG_DIR": str(config)}
    server = subprocess.Popen(
        [sys.executable, "-m", "jinzhou_edu", "lab", "notebooks", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if server.poll() is not None:
                pytest.fail(f"jinzhou-edu lab exited: {server.stdout.read().decode()[-2000:]}")
            try:
                if get(base, "/api/status")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 90 s")
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def crawl(base: str, path: str = "") -> dict[str, str]:
    """Return the text of every file the server's contents API lists, by path."""
    status, body = get(base, "/api/contents/" + urllib.parse.quote(path))
    assert status == 200, path
    model = json.loads(body)
    if model["type"] == "directory":
        found = {}
        for entry in model["content"]:
            found.update(crawl(base, entry["path"]))
        return found
    status, body = get(base, "/files/" + urllib.parse.quote(path))
    assert status == 200, path
    return {path: body.decode("utf-8", errors="replace")}


def test_make_lab_serves_the_lessons_folder_only():
    dry_run = subprocess.run(
        ["make", "-n", "lab"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"jinzhou-edu lab notebooks\s*$", dry_run, flags=re.MULTILINE), dry_run
    assert find_masters(REPO / "notebooks") == []


def test_what_the_lab_serves_holds_no_solution_and_no_hidden_test(lab):
    served = crawl(lab)
    assert "00-start-here.ipynb" in served and "03-general-assault.ipynb" in served
    secrets = [secret for master in MASTERS for secret in secrets_of(master)]
    assert len(secrets) > 10
    for path, text in served.items():
        for secret in secrets:
            assert secret not in text, (path, secret)


@pytest.mark.parametrize(
    "path",
    [
        "/api/contents/../instructor/lessons/03-general-assault.ipynb",
        "/api/contents/%2E%2E/instructor/lessons/03-general-assault.ipynb",
        "/files/..%2Finstructor/lessons/03-general-assault.ipynb",
        "/files/%2E%2E/instructor/lessons/03-general-assault.mistakes.yml",
    ],
)
def test_the_masters_cannot_be_reached_by_a_path_out_of_the_folder(lab, path):
    status, body = get(lab, path)
    assert status != 200 or b"BEGIN SOLUTION" not in body


def test_the_lab_refuses_a_folder_holding_masters():
    result = subprocess.run(
        [sys.executable, "-m", "jinzhou_edu", "lab", str(REPO), "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "instructor masters with solutions" in result.stderr
    assert "instructor/lessons/" in result.stderr
    assert "Traceback" not in result.stderr
