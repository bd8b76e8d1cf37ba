"""The assault explorer's slider in a real browser: from a key press to the new picture.

Starts JupyterLab on 127.0.0.1 with a token, opens a small notebook that shows
``jz.explore_assault()`` in headless Chromium (Debian's ``/usr/bin/chromium``,
driven by Playwright), focuses the slider and presses ArrowRight (then
ArrowLeft) N times. The page records the time of each key press and, with a
MutationObserver, the time the explorer's ``<img>`` gets its new ``src``; each
press waits for its picture before the next. Writes a JSON summary for
``benchmarks/performance.py``.

    python benchmarks/browser_slider.py [--presses 40] [--output out/browser.json]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from chromium import launch  # noqa: E402  (the flags the browser tests use)

CHROMIUM = "/usr/bin/chromium"
NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "explorer",
            "metadata": {},
            "outputs": [],
            "source": "import jinzhou_edu as jz\n\njz.explore_assault()",
        }
    ],
    "metadata": {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        }
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}
#: recorded in the page: key presses and the explorer picture's new sources
OBSERVER = """
() => {
  window.__keys = []; window.__images = [];
  document.addEventListener('keydown', () => window.__keys.push(performance.now()), true);
  const image = document.querySelector('.jp-OutputArea img.widget-image');
  new MutationObserver(() => window.__images.push(performance.now()))
    .observe(image, {attributes: true, attributeFilter: ['src']});
  return true;
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(root: Path, port: int, token: str) -> subprocess.Popen:
    settings = root / ".settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(root / ".settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / ".workspaces"),
    }
    command = [
        str(Path(sys.executable).parent / "jupyter"),
        "lab",
        "--no-browser",
        "--ip",
        "127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    process = subprocess.Popen(
        command,
        cwd=root,
        env=env,
        stdout=(root / "lab.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
            return process
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("JupyterLab did not start; see lab.log")


def measure(port: int, token: str, presses: int) -> list[float]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, CHROMIUM)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"http://127.0.0.1:{port}/lab/tree/explorer.ipynb?token={token}&reset")
        page.wait_for_function("document.title.startsWith('explorer.ipynb')", timeout=120_000)
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000
        )
        # the kernel must be connected, or Shift+Enter only moves to a new cell: run the
        # cell, and run it again if no execution has begun a few seconds later
        for _attempt in range(10):
            page.wait_for_timeout(1000)
            page.click(".jp-Cell .jp-InputArea-editor >> nth=0")
            page.keyboard.press("Shift+Enter")
            try:
                page.wait_for_selector(
                    ".jp-Cell >> nth=0 >> .jp-InputPrompt:not(:text-is('[ ]:'))", timeout=5_000
                )
                break
            except PlaywrightTimeout:
                continue
        page.wait_for_selector(".jp-OutputArea img.widget-image", timeout=120_000)
        page.wait_for_selector(".widget-slider .noUi-handle", timeout=60_000)
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000
        )
        page.evaluate(OBSERVER)
        page.evaluate("document.querySelector('.widget-slider .noUi-handle').focus()")
        latencies = []
        steps = 33  # the hours from 14 October 09:00 to 15 October 18:00, less one
        for i in range(presses):
            key = "ArrowRight" if (i // steps) % 2 == 0 else "ArrowLeft"
            seen = page.evaluate("window.__images.length")
            page.keyboard.press(key)
            page.wait_for_function(f"window.__images.length > {seen}", timeout=10_000)
            pressed = page.evaluate("window.__keys[window.__keys.length - 1]")
            shown = page.evaluate(f"window.__images[{seen}]")
            latencies.append(shown - pressed)
            page.wait_for_timeout(150)  # a student's pace, and the kernel idle again
        browser.close()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--output", type=Path, default=REPO / "out" / "browser.json")
    args = parser.parse_args()
    token = secrets.token_hex(16)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="jz-browser-") as tmp:
        root = Path(tmp)
        (root / "explorer.ipynb").write_text(json.dumps(NOTEBOOK))
        lab = start_lab(root, port, token)
        try:
            latencies = measure(port, token, args.presses)
        finally:
            os.killpg(lab.pid, signal.SIGTERM)
            try:
                lab.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(lab.pid, signal.SIGKILL)
    ordered = sorted(latencies)
    result = {
        "n": len(latencies),
        "median_ms": statistics.median(latencies),
        "p95_ms": ordered[max(0, round(0.95 * len(ordered)) - 1)],
        "min_ms": ordered[0],
        "max_ms": ordered[-1],
        "latencies_ms": latencies,
        "how": (
            "JupyterLab on 127.0.0.1 and headless Chromium (Playwright) on the same machine; "
            "a notebook showing `jz.explore_assault()`, the slider focused, ArrowRight and "
            f"ArrowLeft pressed {len(latencies)} times, one at a time, 150 ms apart after each "
            "picture; a MutationObserver records when the explorer's `<img>` gets its new "
            "`src`, measured from the keydown event in the page "
            "(`benchmarks/browser_slider.py`)."
        ),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1))
    print(
        f"key press to new picture: median {result['median_ms']:.0f} ms, "
        f"95th percentile {result['p95_ms']:.0f} ms, max {result['max_ms']:.0f} ms "
        f"({result['n']} presses)"
    )


if __name__ == "__main__":
    main()
