"""A class on a JupyterHub: the generated nbgitpuller link, end to end, with real parts.

The test starts JupyterHub (configurable-http-proxy from npm, the local process
spawner, the dummy authenticator) with nbgitpuller in the single-user
environment, all on 127.0.0.1, pulling from a bare clone of this repository.
A student logs in, follows the link from ``jinzhou-edu link``, and the lesson
opens and runs in JupyterLab (in Debian's chromium). Then the lesson changes
upstream while the student has edited their copy; the student follows the link
again, and nbgitpuller merges: the upstream change arrives and nothing the
student wrote is lost.

configurable-http-proxy is installed by ``make test`` into ``.hub/`` (git
ignores it). Without it or chromium the test skips, except with ``CI=true``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from chromium import launch
from conftest import REPO
from test_browser import (
    READ_CELLS,
    SCREENSHOTS,
    chromium_or_skip,
    code_sources,
    free_port,
    lab_settings,
    open_notebook,
    problems_in,
    run_all,
    stop_group,
    wait_for_server,
)

from jinzhou_edu.links import hub_link

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PROXY = REPO / ".hub" / "node_modules" / ".bin" / "configurable-http-proxy"
SERVICE_TOKEN = "hub-test-service-token-not-secret"
STUDENT, PASSWORD = "student", "not-a-secret"
LESSON = "00-start-here.ipynb"
OTHER = "01-northeast-1948.ipynb"
TIMES: dict[str, float] = {}


def proxy_or_skip() -> Path:
    if PROXY.exists():
        return PROXY
    reason = f"no configurable-http-proxy at {PROXY} (make test installs it with npm)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"the hub test must run in CI: {reason}")
    pytest.skip(reason)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Teacher", "-c", "user.email=teacher@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def api(base: str, method: str, path: str, token: str = SERVICE_TOKEN, body=None):
    request = urllib.request.Request(
        f"{base}/hub/api{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read()
    return json.loads(text) if text else None


def upstream(tmp: Path) -> tuple[Path, Path]:
    """A bare clone of this repository (the hub's source) and a teacher's working clone."""
    bare, work = tmp / "jinzhou-edu.git", tmp / "teacher"
    git("clone", "--bare", "--quiet", str(REPO), str(bare), cwd=tmp)
    git("clone", "--quiet", str(bare), str(work), cwd=tmp)
    # the lessons as they are in this checkout (uncommitted work included), as "main"
    for path in (REPO / "notebooks").glob("*.ipynb"):
        shutil.copy2(path, work / "notebooks" / path.name)
    git("checkout", "--quiet", "-B", "main", cwd=work)
    git("add", "notebooks", cwd=work)
    git("commit", "--quiet", "--allow-empty", "-m", "lessons as tested", cwd=work)
    git("push", "--quiet", "--force", "origin", "main", cwd=work)
    return bare, work


def hub_config(tmp: Path, ports: dict[str, int], proxy: Path) -> Path:
    settings = lab_settings(tmp / "lab-settings")
    singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
    config = tmp / "jupyterhub_config.py"
    config.write_text(
        f"""
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {ports["hub"]}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {ports["api"]}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{ports["proxy_api"]}"
c.ConfigurableHTTPProxy.command = [{str(proxy)!r}]
c.JupyterHub.db_url = "sqlite:///{tmp / "hub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(tmp / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(tmp / "hub.pid")!r}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(tmp / "homes" / "{username}")!r}
c.Spawner.cmd = [{str(singleuser)!r}]
c.Spawner.args = [
    "--allow-root",
    "--LabApp.app_settings_dir={settings}",
    "--LabApp.workspaces_dir={tmp / "workspaces"}",
]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {{"JUPYTER_CONFIG_DIR": {str(tmp / "user-config")!r}}}
c.JupyterHub.services = [{{"name": "test", "api_token": {SERVICE_TOKEN!r}}}]
c.JupyterHub.load_roles = [
    {{
        "name": "test",
        "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"],
        "services": ["test"],
    }}
]
""",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    chromium = chromium_or_skip()
    proxy = proxy_or_skip()
    tmp = tmp_path_factory.mktemp("hub")
    bare, work = upstream(tmp)
    ports = {name: free_port() for name in ("hub", "api", "proxy_api")}
    config = hub_config(tmp, ports, proxy)
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    log = (tmp / "hub.log").open("wb")
    started = time.monotonic()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(config)],
        cwd=tmp,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{ports['hub']}"
    try:
        wait_for_server(f"{base}/hub/api/", process)
        TIMES["hub up"] = round(time.monotonic() - started, 1)
        yield {"base": base, "bare": bare, "work": work, "tmp": tmp, "chromium": chromium}
    finally:
        with contextlib.suppress(OSError):
            api(base, "DELETE", f"/users/{STUDENT}/server")
        stop_group(process)
        log.close()


def as_nbformat(notebook: dict) -> str:
    """The text JupyterLab and nbformat write (so that diffs stay small)."""
    return json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def follow(page, link: str, base: str, token: str) -> None:
    open_notebook(page, link, LESSON, api=f"{base}/user/{STUDENT}", token=token)


def test_a_student_follows_the_link_the_lesson_runs_and_an_update_keeps_their_work(hub):
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    base, bare, work = hub["base"], hub["bare"], hub["work"]
    link = hub_link(base, LESSON, repo=f"file://{bare}", branch="main")
    copy = hub["tmp"] / "homes" / STUDENT / "jinzhou-edu" / "notebooks"
    with sync_playwright() as playwright:
        browser = launch(playwright, hub["chromium"])
        page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        try:
            # the student logs in, then follows the link the teacher gave
            page.goto(f"{base}/hub/login")
            page.fill("input[name='username']", STUDENT)
            page.fill("input[name='password']", PASSWORD)
            page.click("input[type='submit'], button[type='submit']")
            page.wait_for_load_state()
            token = api(base, "POST", f"/users/{STUDENT}/tokens", body={"note": "t"})["token"]
            follow(page, link, base, token)
            assert (copy / LESSON).exists(), "nbgitpuller did not clone the lesson"
            run_all(page)
            problems = problems_in(page.evaluate(READ_CELLS), code_sources(copy / LESSON))
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / "hub-00-start-here.png", full_page=True)
            assert problems == []
            TIMES["first visit (log in, pull, open, run)"] = round(time.monotonic() - started, 1)
            # the student saves (outputs and all) and closes the tab
            page.keyboard.press("Control+s")
            deadline = time.monotonic() + 120
            while '"execution_count": 1,' not in (copy / LESSON).read_text(encoding="utf-8"):
                assert time.monotonic() < deadline, "the lesson was not saved"
                time.sleep(0.5)
            time.sleep(2)
            page.goto("about:blank")

            # the student writes in their copy: an answer in the lesson, and a file of notes
            notebook = json.loads((copy / LESSON).read_text(encoding="utf-8"))
            cell = next(c for c in notebook["cells"] if c["cell_type"] == "code")
            cell["source"] = "# my answer: two events had low confidence\n" + "".join(
                cell["source"]
            )
            (copy / LESSON).write_text(as_nbformat(notebook), encoding="utf-8")
            (copy / "my-notes.md").write_text("Notes nobody else has.\n", encoding="utf-8")
            (copy / OTHER).unlink()  # and deletes a lesson by mistake

            # meanwhile the teacher changes two lessons upstream
            for name in (LESSON, OTHER):
                lesson = json.loads((work / "notebooks" / name).read_text(encoding="utf-8"))
                lesson["cells"].append(
                    {
                        "cell_type": "markdown",
                        "id": "teacher-update",
                        "metadata": {},
                        "source": "Updated by the teacher.",
                    }
                )
                (work / "notebooks" / name).write_text(as_nbformat(lesson), encoding="utf-8")
            git("commit", "--quiet", "-am", "lessons updated", cwd=work)
            git("push", "--quiet", "origin", "main", cwd=work)

            # the student follows the same link again
            again = time.monotonic()
            follow(page, link, base, token)
            TIMES["second visit (merge, open)"] = round(time.monotonic() - again, 1)
            page.screenshot(path=SCREENSHOTS / "hub-after-update.png", full_page=True)
        finally:
            browser.close()

    mine = (copy / LESSON).read_text(encoding="utf-8")
    assert "# my answer: two events had low confidence" in mine  # their edit kept
    assert "Updated by the teacher." in mine  # and the teacher's change merged in
    json.loads(mine)  # still a notebook
    assert (copy / "my-notes.md").read_text() == "Notes nobody else has.\n"
    assert "Updated by the teacher." in (copy / OTHER).read_text(encoding="utf-8")  # restored
    TIMES["whole test"] = round(time.monotonic() - started, 1)
    (SCREENSHOTS / "hub-times.json").write_text(json.dumps(TIMES, indent=1) + "\n")
