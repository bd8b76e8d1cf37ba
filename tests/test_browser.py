"""Every lesson in a real browser: JupyterLab driven by Playwright in Debian's chromium.

For each student lesson: open it with a clean workspace, Run All, wait for the
kernel to be idle, then check that no cell shows an error, every figure and
explorer rendered as a picture, no widget says "model not found", and no dialog
opened. On the assault lesson the time slider is moved with the keyboard and
the picture must change. Screenshots go to ``out/screenshots/`` (git ignores it),
with the time each lesson took in ``out/screenshots/times.json``.

Playwright's own browser download cannot work here: the test drives the
``chromium`` of Debian's package. Without it the test skips, saying why, except
in CI (``CI=true``), where ``.ci/run`` installs it and a skip would be a failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from chromium import launch
from conftest import REPO

from jinzhou_edu import cli

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SCREENSHOTS = REPO / "out" / "screenshots"
TOKEN = "browser-test-token"
#: what the lessons must never show
BROKEN_WIDGET = ("model not found", "Error displaying widget", "Failed to load model")
TIMES: dict[str, float] = {}


def chromium_or_skip() -> str:
    """Return Debian's chromium; skip without it (fail in CI, where it must be there)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    reason = None
    if found is None:
        reason = "no chromium (Debian: apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "playwright is not installed (pip install -e '.[test]')"
    if reason is None:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"the browser tests must run in CI: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lab_settings(folder: Path) -> Path:
    """JupyterLab settings as on Binder, plus every cell kept in the page (no windowing)."""
    overrides = json.loads((REPO / "binder" / "overrides.json").read_text(encoding="utf-8"))
    overrides["@jupyterlab/notebook-extension:tracker"] = {"windowingMode": "none"}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "overrides.json").write_text(json.dumps(overrides), encoding="utf-8")
    return folder


def wait_for_server(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"no answer from {url} within {seconds:.0f} s")


def stop_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def kernel_of(base: str, path: str, token: str) -> dict | None:
    """Return the kernel of the server's session for ``path`` (None until it has one)."""
    request = urllib.request.Request(
        f"{base}/api/sessions", headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        sessions = json.loads(response.read())
    for session in sessions:
        if session["path"].endswith(path) and session.get("kernel"):
            return session["kernel"]
    return None


def open_notebook(page, url: str, name: str, *, api: str, token: str) -> None:
    """Open a notebook with a clean workspace and wait until its kernel is up and idle.

    The page shows "idle" before the kernel exists; Run All then asks which kernel
    to start (a dialog), so the server's own session is waited for too.
    """
    page.goto(url, wait_until="domcontentloaded")
    # the title shows the tab's name cut after 12 characters ("00-start-her… - JupyterLab")
    page.wait_for_function(
        "name => document.title.startsWith(name)", arg=name[:10], timeout=300_000
    )
    deadline = time.monotonic() + 300
    while kernel_of(api, name, token) is None:
        assert time.monotonic() < deadline, f"no kernel started for {name}"
        time.sleep(0.5)
    page.wait_for_function(
        """() => {
            const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
            const bar = document.querySelector('.jp-StatusBar-Widget, #jp-main-statusbar');
            return indicator && indicator.dataset.status === 'idle'
                && bar && /Idle/.test(document.querySelector('#jp-main-statusbar').textContent);
        }""",
        timeout=300_000,
        polling=250,
    )


def run_all(page) -> None:
    """Run All Cells from the Run menu and wait until every cell has run."""
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    # exactly: "Restart Kernel and Run All Cells…" holds the same words
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
            // a folded cell (the checks) shows no prompt: the others must all be numbered
            const shown = prompts.map(p => p.textContent.trim()).filter(t => t !== '');
            return shown.length > 0
                && shown.every(t => /\\[\\d+\\]/.test(t))
                && indicator && indicator.dataset.status === 'idle';
        }""",
        timeout=600_000,
        polling=500,
    )


#: what each code cell shows, read from the page (cells in notebook order)
READ_CELLS = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')].map(cell => ({
    prompt: (cell.querySelector('.jp-InputPrompt') || {}).textContent || '',
    errors: [...cell.querySelectorAll(
        ".jp-OutputArea-output[data-mime-type*='error'], .jp-RenderedText[data-mime-type*='error']"
    )].map(e => e.textContent.slice(0, 500)),
    stderr: [...cell.querySelectorAll(
        ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']"
    )].map(e => e.textContent.slice(0, 500)),
    text: (cell.querySelector('.jp-OutputArea') || {}).textContent || '',
    figures: [...cell.querySelectorAll('figure.jinzhou-figure')].map(f => {
        const img = f.querySelector('img');
        return !!img && img.complete && img.naturalWidth > 0;
    }),
    images: [...cell.querySelectorAll('.jp-OutputArea img')].map(
        img => img.complete && img.naturalWidth > 0),
    widgets: cell.querySelectorAll('.jp-OutputArea .jupyter-widgets').length,
    widgetImages: [...cell.querySelectorAll('.jp-OutputArea .jupyter-widgets img')].map(
        img => img.complete && img.naturalWidth > 0),
    checks: cell.querySelectorAll('.jinzhou-check').length,
}))"""


def code_sources(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def problems_in(cells: list[dict], sources: list[str]) -> list[str]:
    """Name every cell that shows an error, a missing picture or a broken widget."""
    assert len(cells) == len(sources), (len(cells), len(sources))
    found = []
    for number, (cell, source) in enumerate(zip(cells, sources, strict=True)):
        where = f"code cell {number} ({source.strip().splitlines()[0][:50]!r})"
        if cell["errors"]:
            found.append(f"{where}: error {cell['errors'][0]!r}")
        if any(word in cell["text"] for word in BROKEN_WIDGET):
            found.append(f"{where}: a widget did not render: {cell['text'][:200]!r}")
        if not all(cell["images"]):
            found.append(f"{where}: an image did not load")
        if "jz.show(" in source and not (cell["figures"] and all(cell["figures"])):
            found.append(f"{where}: no figure rendered ({cell['figures']})")
        explorer = "explore_" in source and "static=True" not in source
        if explorer and not (cell["widgets"] and cell["widgetImages"]):
            found.append(f"{where}: the explorer shows no picture")
        if "grader.check(" in source and cell["checks"] == 0:
            found.append(f"{where}: no check box")
    return found


@pytest.fixture(scope="module")
def chromium() -> str:
    return chromium_or_skip()


@pytest.fixture(scope="module")
def lab(chromium, tmp_path_factory):
    """`jinzhou-edu lab`'s JupyterLab on a copy of the lessons; yields its base URL."""
    root = tmp_path_factory.mktemp("browser")
    lessons = root / "notebooks"
    shutil.copytree(REPO / "notebooks", lessons)
    port = free_port()
    command = [
        *cli._lab_command(lessons, port, TOKEN),
        f"--LabApp.app_settings_dir={lab_settings(root / 'settings')}",
        f"--LabApp.workspaces_dir={root / 'workspaces'}",
        f"--LabApp.user_settings_dir={root / 'user-settings'}",
    ]
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(root / "config"),
        "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
    }
    env.pop("MPLBACKEND", None)  # as in a classroom: the kernel's inline backend
    log = (root / "lab.log").open("wb")
    server = subprocess.Popen(
        command, cwd=lessons, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(f"{base}/api/status?token={TOKEN}", server)
        yield base
    finally:
        stop_group(server)
        log.close()


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        yield browser
        browser.close()


def write_times() -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "times.json").write_text(json.dumps(TIMES, indent=1) + "\n")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_the_lesson_runs_in_jupyterlab_in_a_real_browser(browser, lab, lesson):
    started = time.monotonic()
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message) or dialog.dismiss())
    try:
        url = f"{lab}/lab/tree/{lesson.name}?token={TOKEN}&reset"
        open_notebook(page, url, lesson.name, api=lab, token=TOKEN)
        run_all(page)
        cells = page.evaluate(READ_CELLS)
        problems = problems_in(cells, code_sources(lesson))
        if lesson.name.startswith("03-"):
            problems += move_the_time_slider(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{lesson.stem}.png")
        problems += [f"dialog: {text}" for text in page.locator(".jp-Dialog").all_inner_texts()]
        problems += [f"browser dialog: {text}" for text in dialogs]
        assert problems == []
    finally:
        TIMES[lesson.stem] = round(time.monotonic() - started, 1)
        write_times()
        context.close()


def move_the_time_slider(page) -> list[str]:
    """Move the assault explorer's slider with the keyboard; the picture must change."""
    explorer = page.locator(".jp-OutputArea .jupyter-widgets", has=page.locator(".widget-slider"))
    explorer = explorer.first
    picture = explorer.locator("img").first
    readout = explorer.locator(".widget-readout").first
    before, hour = picture.get_attribute("src"), readout.inner_text()
    handle = explorer.locator(".widget-slider [role='slider'], .widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    page.keyboard.press("ArrowRight")
    try:
        page.wait_for_function(
            "([img, src]) => img.getAttribute('src') !== src",
            arg=[picture.element_handle(), before],
            timeout=30_000,
        )
    except Exception:
        return [f"the picture did not change when the slider moved (readout {hour!r})"]
    if readout.inner_text() == hour:
        return [f"the slider's readout stayed at {hour!r}"]
    # the page scrolls inside JupyterLab, so the explorer gets a picture of its own
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    explorer.screenshot(path=SCREENSHOTS / "03-general-assault-explorer.png")
    return []
