"""Block the network in every Python process the tests start (kernels, graders, the CLI).

The tests put this folder on PYTHONPATH, so Python imports this module at start-up.
Every socket connection is refused except to loopback (127.0.0.0/8, ::1) and to
local (AF_UNIX) sockets, which Jupyter kernels and servers use.
"""

from __future__ import annotations

import ipaddress
import socket

_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex


def _allowed(sock: socket.socket, address) -> bool:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return True
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:  # a host name: only loopback names are allowed
        return False


def _refuse(address) -> OSError:
    return ConnectionRefusedError(
        111, f"network blocked by the jinzhou-edu tests: no connection to {address!r}"
    )


def connect(self, address):
    if not _allowed(self, address):
        raise _refuse(address)
    return _connect(self, address)


def connect_ex(self, address):
    if not _allowed(self, address):
        return 111
    return _connect_ex(self, address)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
