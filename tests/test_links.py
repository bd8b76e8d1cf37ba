"""Launch links: nbgitpuller links for a hub, Binder links, and the README's table."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from conftest import REPO

from jinzhou_edu import cli, links

LESSONS = links.find_lessons(REPO / "notebooks")


def query(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


def run_cli(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jinzhou_edu", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_the_lessons_are_found_by_number():
    assert [lesson.number for lesson in LESSONS] == list(range(len(LESSONS)))
    assert LESSONS[0].file == "00-start-here.ipynb"
    assert LESSONS[3].file == "03-general-assault.ipynb"


def test_the_hub_link_asks_nbgitpuller_to_pull_and_open_the_lesson():
    link = links.hub_link(
        "https://hub.school.example/jupyter/",
        "03-general-assault.ipynb",
        repo="https://github.com/school/jinzhou-edu.git",
        branch="autumn",
    )
    parts = urllib.parse.urlsplit(link)
    assert parts.netloc == "hub.school.example"
    assert parts.path == "/jupyter/hub/user-redirect/git-pull"
    assert query(link) == {
        "repo": "https://github.com/school/jinzhou-edu.git",
        "branch": "autumn",
        "targetpath": "jinzhou-edu",
        "urlpath": "lab/tree/jinzhou-edu/notebooks/03-general-assault.ipynb",
    }


def test_the_binder_link_opens_the_lesson_in_jupyterlab():
    link = links.binder_link("03-general-assault.ipynb", repo="https://github.com/school/jz")
    assert link.startswith("https://mybinder.org/v2/gh/school/jz/main?")
    assert query(link) == {"urlpath": "lab/tree/notebooks/03-general-assault.ipynb"}
    other = links.binder_link("00-start-here.ipynb", repo="https://git.school.example/jz.git")
    assert other.startswith("https://mybinder.org/v2/git/https%3A%2F%2Fgit.school.example")


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("git@github.com:school/jinzhou-edu.git", "https://github.com/school/jinzhou-edu"),
        ("https://github.com/school/jinzhou-edu.git", "https://github.com/school/jinzhou-edu"),
        ("https://git.school.example/jz.git", "https://git.school.example/jz.git"),
    ],
)
def test_the_repository_defaults_to_the_origin_remote(tmp_path, remote, expected):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", remote], check=True)
    assert links.default_repo(tmp_path) == expected


def test_the_repository_defaults_to_the_placeholder_outside_a_clone(tmp_path):
    assert links.default_repo(tmp_path) == links.PLACEHOLDER_REPO


def test_link_prints_the_link_of_the_chosen_lesson():
    result = run_cli(
        "link", "--hub", "http://127.0.0.1:8000", "--lesson", "3", "--repo", "file:///srv/jz.git"
    )
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert line == links.hub_link(
        "http://127.0.0.1:8000", "03-general-assault.ipynb", repo="file:///srv/jz.git"
    )


def test_link_without_a_lesson_number_opens_start_here(capsys):
    assert cli.main(["link", "--hub", "https://hub.example.org", "--repo", "x/jz"]) == 0
    assert query(capsys.readouterr().out.strip())["urlpath"].endswith("/00-start-here.ipynb")


def test_link_refuses_an_unknown_lesson(capsys):
    assert cli.main(["link", "--hub", "https://hub.example.org", "--lesson", "42"]) == 2
    err = capsys.readouterr().err
    assert "no lesson 42" in err and "0, 1, 2" in err


def test_link_needs_a_hub():
    result = run_cli("link")
    assert result.returncode == 2
    assert "--hub" in result.stderr


def test_links_outside_a_checkout_says_where_it_looked(tmp_path):
    result = run_cli("links", cwd=tmp_path)
    assert result.returncode == 2
    assert "no lessons" in result.stderr and "Traceback" not in result.stderr


def test_links_prints_one_row_per_lesson_and_the_same_text_every_time():
    args = ("links", "--repo", "https://github.com/school/jz", "--hub", "https://hub.school")
    first, second = run_cli(*args), run_cli(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    rows = first.stdout.splitlines()[2:]
    assert len(rows) == len(LESSONS)
    for row, lesson in zip(rows, LESSONS, strict=True):
        assert row.startswith(f"| {lesson.number}. {lesson.title} |")
        assert links.binder_link(lesson.file, repo="https://github.com/school/jz") in row
        assert (
            links.hub_link("https://hub.school", lesson.file, repo="https://github.com/school/jz")
            in row
        )


def between(text: str, name: str) -> str:
    return text.split(f"<!-- {name}:start -->\n", 1)[1].split(f"\n<!-- {name}:end -->", 1)[0]


def test_the_readme_table_is_the_output_of_links():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    result = run_cli("links", "--repo", links.PLACEHOLDER_REPO, "--hub", links.PLACEHOLDER_HUB)
    assert result.returncode == 0, result.stderr
    assert between(readme, "links") == result.stdout.rstrip("\n"), (
        "README.md's table of links is out of date: paste the output of "
        "`jinzhou-edu links` between its links markers"
    )


def test_the_readme_badge_opens_start_here_in_jupyterlab():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert between(readme, "badge") == links.binder_badge(
        "00-start-here.ipynb", repo=links.PLACEHOLDER_REPO
    )
    assert "urlpath=lab%2Ftree%2Fnotebooks%2F00-start-here.ipynb" in between(readme, "badge")


# `make lab` (`jinzhou-edu lab`) when its port is taken


def test_lab_moves_to_a_free_port_and_prints_it(monkeypatch, tmp_path, capsys):
    launched = []
    monkeypatch.setattr(cli, "_run", lambda command: launched.append(command) or 0)
    monkeypatch.setenv("JUPYTER_TOKEN", "abc")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["lab", str(tmp_path), "--port", str(port)]) == 0
    served = int(next(a for a in launched[0] if a.startswith("--port=")).split("=")[1])
    assert served != port
    assert "--ServerApp.port_retries=0" in launched[0]
    out = capsys.readouterr().out
    assert f"Port {port} is taken" in out
    assert f"http://127.0.0.1:{served}/lab?token=abc" in out


@pytest.mark.slow
def test_lab_prints_the_address_that_serves_when_port_is_taken(tmp_path):
    """Another server holds $PORT: the printed address is JupyterLab's, not the other's."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {
            **os.environ,
            "PORT": str(port),
            "JUPYTER_TOKEN": "t0ken",
            "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
            "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
        }
        (tmp_path / "lessons").mkdir()
        server = subprocess.Popen(
            [sys.executable, "-m", "jinzhou_edu", "lab", str(tmp_path / "lessons")],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            start_new_session=True,
        )
        try:
            lines = []
            while not any("/lab?token=" in line for line in lines):
                line = server.stdout.readline()
                assert line, "".join(lines)
                lines.append(line)
            address = re.search(r"(http://127\.0\.0\.1:(\d+))/lab\?token=t0ken", lines[-1])
            assert address and int(address[2]) != port, lines
            status = None
            deadline = time.monotonic() + 90
            while status is None and time.monotonic() < deadline and server.poll() is None:
                try:
                    url = f"{address[1]}/api/status?token=t0ken"
                    with urllib.request.urlopen(url, timeout=2) as response:
                        status = response.status
                except OSError:
                    time.sleep(0.5)
            assert status == 200, f"no JupyterLab at the printed address; exit {server.poll()}"
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
