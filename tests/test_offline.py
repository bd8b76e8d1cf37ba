"""The suite runs offline: every connection but loopback is refused, here and in subprocesses."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

PROBE = """
import socket
for address in [("192.0.2.1", 80), ("8.8.8.8", 53), ("pypi.org", 443)]:
    try:
        socket.create_connection(address, timeout=5)
    except ConnectionRefusedError as error:
        assert "network blocked" in str(error), error
    except OSError as error:
        # a name that cannot be resolved offline is blocked before we see it
        assert address[0] == "pypi.org", error
    else:
        raise SystemExit(f"connected to {address}")
print("blocked")
"""


def test_a_connection_outside_loopback_is_refused_here():
    with pytest.raises(ConnectionRefusedError, match="network blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=5)


def test_a_connection_outside_loopback_is_refused_in_a_subprocess():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "blocked" in result.stdout, result.stderr


def test_loopback_still_works():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
