"""How the browser tests and the slider benchmark start Debian's chromium.

One place for the flags, so that the benchmark measures the browser the tests drive.
"""

from __future__ import annotations

#: flags that keep chromium off the network and working as root in a container
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def launch(playwright, executable: str):
    """Start headless chromium at `executable` with Playwright, with the flags above."""
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
