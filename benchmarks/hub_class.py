"""A class on a real JupyterHub: K students open the general-assault lesson at once.

Starts a real JupyterHub (configurable-http-proxy, DummyAuthenticator,
SimpleLocalProcessSpawner) on free 127.0.0.1 ports, then for K students at once:
each gets a user and a token, starts a server, pulls the lessons with
nbgitpuller from a bare clone of this repository, starts a kernel through the
hub, and runs every code cell of ``notebooks/03-general-assault.ipynb`` over the
kernel's websocket. It reports per K the completion time per student (median,
95th percentile, max), failures, the peak memory per student server (the
single-user server and its kernel) and the machine's total, and writes the
capacity section of ``docs/deploy-hub.md``.

Every student has a time limit, and the whole run stops by itself: a student
who runs out of time counts as a failure. Servers are deleted through the hub's
API, then the hub's process group is ended.

    python benchmarks/hub_class.py [--classes 5,10,20,30] [--timeout 900]

Needs ``jupyterhub`` and ``nbgitpuller`` in the venv and ``configurable-http-proxy``
in ``.hub-tools/`` (``make benchmark-class`` installs them).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
LESSON = "notebooks/03-general-assault.ipynb"
PROXY = REPO / ".hub-tools" / "node_modules" / ".bin" / "configurable-http-proxy"
OUT = REPO / "docs" / "deploy-hub.md"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CONFIG = """
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {public}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.db_url = "sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{state}/cookie_secret"
c.JupyterHub.pid_file = "{state}/hub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = "class"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{state}/home/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {timeout}
c.Spawner.http_timeout = {timeout}
# Kernels talk to their server over IPC, not TCP. Over TCP every single-user server
# picks its kernels' ports itself, by binding port 0 and letting go, and servers that
# start kernels at the same moment on one host can pick the same port (the kernel then
# dies with "Address already in use"); on Kubernetes every pod has its own ports, so
# only a one-machine hub like this one meets the race. An IPC socket is a file named
# after its kernel in the runtime directory, whose path must stay under 108 bytes:
# hence a short one per student.
c.Spawner.environment = {{
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "JUPYTER_RUNTIME_DIR": lambda spawner: f"{runtime}/{{spawner.user.name}}",
}}
c.JupyterHub.concurrent_spawn_limit = 200
c.JupyterHub.active_server_limit = 0
c.JupyterHub.services = [{{"name": "class-benchmark", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [
    {{
        "name": "class-benchmark",
        "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users"],
        "services": ["class-benchmark"],
    }}
]
c.JupyterHub.log_level = "WARN"
"""


class Hub:
    """A JupyterHub in its own process group, driven by a service token."""

    def __init__(self, state: Path, timeout: int) -> None:
        self.state = state
        self.token = secrets.token_hex(24)
        self.public, self.hub, self.proxy_api = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.public}"
        (state / "home").mkdir(parents=True, exist_ok=True)
        # the students' runtime directories, where a short path is needed (see CONFIG)
        self.runtime = Path(tempfile.mkdtemp(prefix="jzrt-"))
        args = ["--KernelManager.transport=ipc"]  # see the configuration's comment
        if os.geteuid() == 0:
            args.append("--allow-root")
        (state / "jupyterhub_config.py").write_text(
            CONFIG.format(
                public=self.public,
                hub=self.hub,
                proxy_api=self.proxy_api,
                proxy=str(PROXY),
                state=state,
                singleuser=str(BIN / "jupyterhub-singleuser"),
                args=args,
                timeout=timeout,
                token=self.token,
                runtime=self.runtime,
            )
        )
        self.log = (state / "hub.log").open("w")
        env = {**os.environ, "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(24)}
        env["PATH"] = f"{BIN}:{env.get('PATH', '')}"
        self.process = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(state / "jupyterhub_config.py")],
            cwd=state,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )

    async def api(self, client, method: str, path: str, body=None, token=None, raise_error=True):
        from tornado.httpclient import HTTPRequest

        request = HTTPRequest(
            f"{self.url}/hub/api{path}",
            method=method,
            headers={"Authorization": f"token {token or self.token}"},
            body=None if body is None and method in ("GET", "DELETE") else json.dumps(body or {}),
            allow_nonstandard_methods=True,
            request_timeout=120,
        )
        response = await client.fetch(request, raise_error=raise_error)
        return json.loads(response.body) if response.body else None

    async def wait_ready(self, client, limit: float = 120) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited; see {self.state / 'hub.log'}")
            with contextlib.suppress(Exception):
                await self.api(client, "GET", "/")
                return
            await asyncio.sleep(0.5)
        raise TimeoutError("the hub did not answer in time")

    async def stop(self, client, users: list[str]) -> None:
        for name in users:  # servers first, through the API, so no server is left behind
            with contextlib.suppress(Exception):
                await self.api(client, "DELETE", f"/users/{name}/server", raise_error=False)
        deadline = time.monotonic() + 60
        while users and time.monotonic() < deadline:
            with contextlib.suppress(Exception):
                listed = await self.api(client, "GET", "/users")
                if not any(u["servers"] for u in listed):
                    break
            await asyncio.sleep(1)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()
        shutil.rmtree(self.runtime, ignore_errors=True)


class MemorySampler(threading.Thread):
    """Samples, twice a second, the memory of every student's server and of the whole machine."""

    def __init__(self, hub_pid: int) -> None:
        super().__init__(daemon=True)
        self.hub_pid = hub_pid
        self.per_user: dict[str, float] = {}
        self.total_peak = 0.0  # all processes of the hub: hub, proxy, servers, kernels (MB)
        self.used_start = psutil.virtual_memory().used / 1e6
        self.used_peak = self.used_start
        self.stopping = threading.Event()

    def sample(self) -> None:
        try:
            hub = psutil.Process(self.hub_pid)
            tree = [hub, *hub.children(recursive=True)]
        except psutil.Error:
            return
        total = 0.0
        users: dict[str, float] = {}
        for process in tree:
            try:
                rss = process.memory_info().rss / 1e6
                total += rss
                cmd = " ".join(process.cmdline())
                if "jupyterhub-singleuser" in cmd:
                    user = process.environ().get("JUPYTERHUB_USER", "?")
                    users[user] = users.get(user, 0.0) + rss
                    for child in process.children(recursive=True):
                        users[user] += child.memory_info().rss / 1e6
            except psutil.Error:
                continue
        for user, rss in users.items():
            self.per_user[user] = max(self.per_user.get(user, 0.0), rss)
        self.total_peak = max(self.total_peak, total)
        self.used_peak = max(self.used_peak, psutil.virtual_memory().used / 1e6)

    def run(self) -> None:
        while not self.stopping.is_set():
            self.sample()
            self.stopping.wait(0.5)


def code_cells(path: Path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


def message(code: str, session: str) -> dict:
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "username": "student",
            "session": session,
            "msg_type": "execute_request",
            "version": "5.3",
            "date": "",
        },
        "parent_header": {},
        "metadata": {},
        "content": {
            "code": code,
            "silent": False,
            "store_history": True,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        },
        "channel": "shell",
        "buffers": [],
    }


async def run_cells(hub: Hub, name: str, token: str, kernel_id: str, cells: list[str]) -> None:
    """Run each cell over the kernel's websocket; raise on an error or a missing reply."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    session = uuid.uuid4().hex
    url = f"ws://127.0.0.1:{hub.public}/user/{name}/api/kernels/{kernel_id}/channels"
    request = HTTPRequest(
        f"{url}?session_id={session}",
        headers={"Authorization": f"token {token}"},
        request_timeout=120,
    )
    connection = await websocket_connect(request, max_message_size=256 * 1024 * 1024)
    try:
        for number, code in enumerate(cells, start=1):
            sent = message(code, session)
            await connection.write_message(json.dumps(sent))
            replied = idle = False
            while not (replied and idle):
                raw = await connection.read_message()
                if raw is None:
                    raise RuntimeError(f"the kernel's websocket closed at cell {number}")
                if isinstance(raw, bytes):
                    continue  # binary frames carry widget buffers: not needed here
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != sent["header"]["msg_id"]:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "execute_reply":
                    replied = True
                    if msg["content"]["status"] != "ok":
                        content = msg["content"]
                        raise RuntimeError(
                            f"cell {number}: {content.get('ename')}: {content.get('evalue')}"
                        )
                elif kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
    finally:
        connection.close()


async def student(hub: Hub, client, name: str, cells: list[str], origin: str, branch: str):
    """One student, from login to the lesson's last cell; return the seconds and the steps."""
    from tornado.httpclient import HTTPRequest

    steps: dict[str, float] = {}
    start = last = time.monotonic()

    def step(what: str) -> None:
        nonlocal last
        now = time.monotonic()
        steps[what] = now - last
        last = now

    await hub.api(client, "POST", f"/users/{name}")
    token = (await hub.api(client, "POST", f"/users/{name}/tokens", {"note": "class"}))["token"]
    step("log in")
    await hub.api(client, "POST", f"/users/{name}/server")
    while True:
        user = await hub.api(client, "GET", f"/users/{name}")
        server = user["servers"].get("")
        if server and server.get("ready"):
            break
        if not server:
            raise RuntimeError("the server stopped while starting")
        await asyncio.sleep(0.5)
    step("start server")
    user_url = f"{hub.url}/user/{name}"
    headers = {"Authorization": f"token {token}"}
    pull = f"{user_url}/git-pull/api?repo={origin}&branch={branch}&targetpath=jinzhou-edu"
    response = await client.fetch(HTTPRequest(pull, headers=headers, request_timeout=600))
    lines = response.body.decode().splitlines()
    events = [json.loads(line[5:]) for line in lines if line.startswith("data:")]
    if not events or events[-1].get("phase") != "finished":
        raise RuntimeError(f"nbgitpuller did not finish: {events[-1:]}")
    step("pull lessons")
    folder = str(Path("jinzhou-edu") / LESSON).rsplit("/", 1)[0]
    kernel = json.loads(
        (
            await client.fetch(
                HTTPRequest(
                    f"{user_url}/api/kernels",
                    method="POST",
                    headers=headers,
                    body=json.dumps({"name": "python3", "path": folder}),
                    request_timeout=300,
                )
            )
        ).body
    )
    step("start kernel")
    await run_cells(hub, name, token, kernel["id"], cells)
    step("run lesson")
    return time.monotonic() - start, steps


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered)) - 1))]


async def one_class(k: int, timeout: int, origin: str, branch: str, workdir: Path) -> dict:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=4 * k + 10)
    client = AsyncHTTPClient()
    state = workdir / f"class-{k}"
    state.mkdir()
    hub = Hub(state, timeout)
    names = [f"student{i:02d}" for i in range(1, k + 1)]
    cells = code_cells(REPO / LESSON)
    result: dict = {"k": k}
    sampler = None
    try:
        await hub.wait_ready(client)
        sampler = MemorySampler(hub.process.pid)
        sampler.start()
        began = time.monotonic()

        async def bounded(name: str):
            try:
                return await asyncio.wait_for(
                    student(hub, client, name, cells, origin, branch), timeout
                )
            except Exception as error:  # every failure is counted and reported
                return error

        outcomes = await asyncio.gather(*(bounded(n) for n in names))
        result["wall_s"] = time.monotonic() - began
        times = [o[0] for o in outcomes if isinstance(o, tuple)]
        failures = [
            f"{n}: {type(o).__name__}: {o}"[:300]
            for n, o in zip(names, outcomes, strict=True)
            if not isinstance(o, tuple)
        ]
        result["failures"] = failures
        result["completed"] = len(times)
        if times:
            result["median_s"] = statistics.median(times)
            result["p95_s"] = percentile(times, 0.95)
            result["max_s"] = max(times)
            step_names = list(next(o for o in outcomes if isinstance(o, tuple))[1])
            result["steps_median_s"] = {
                s: statistics.median(o[1][s] for o in outcomes if isinstance(o, tuple))
                for s in step_names
            }
    finally:
        if sampler is not None:
            sampler.sample()
            sampler.stopping.set()
            sampler.join()
            per_user = list(sampler.per_user.values())
            result["server_peak_mb"] = {
                "median": statistics.median(per_user) if per_user else 0,
                "max": max(per_user) if per_user else 0,
            }
            result["hub_total_peak_mb"] = sampler.total_peak
            result["machine_used_peak_mb"] = sampler.used_peak
            result["machine_used_start_mb"] = sampler.used_start
        await hub.stop(client, names)
        client.close()
        log = (state / "hub.log").read_text(errors="replace")
        result["kernel_port_races"] = log.count("Address already in use")
    return result


def capacity_section(results: list[dict], machine: str, date: str) -> str:
    cores = os.cpu_count() or 1
    lines = [
        "## Capacity: measured",
        "",
        "<!-- written by `make benchmark-class` (benchmarks/hub_class.py); do not edit by hand -->",
        "",
        f"Measured {date} on {machine}. A real JupyterHub (configurable-http-proxy, local",
        "process spawner) on this one machine; K students at once each get a user and a",
        "token through the hub's API (no browser), start a server, pull the lessons with",
        "nbgitpuller, start a kernel through the hub and run every code cell of",
        f"`{LESSON}` over the kernel's websocket. A student's time runs from the",
        "first request to the last cell's reply. Memory is resident memory (RSS) sampled",
        "twice a second: per student, the single-user server and its kernel; the hub's",
        "total adds the hub and the proxy. Kernels talk to their servers over IPC",
        "(`--KernelManager.transport=ipc`, with a short runtime directory per student): over",
        "TCP, servers that start kernels at the same moment on one machine can pick the same",
        'port, and an earlier run lost a student\'s kernel that way (see "One machine" above).',
        "",
        "| K students | completed | failures | time per student: median / 95th pct / max "
        "| until the last finished | server peak per student: median / max | hub total peak "
        "| machine memory in use: start / peak |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        if "skipped" in r:
            lines.append(f"| {r['k']} | not run: {r['skipped']} | | | | | | |")
            continue
        if "median_s" in r:
            times = f"{r['median_s']:.0f} / {r['p95_s']:.0f} / {r['max_s']:.0f} s"
        else:
            times = "—"
        lines.append(
            f"| {r['k']} | {r.get('completed', 0)} | {len(r.get('failures', []))} | {times} "
            f"| {r.get('wall_s', 0):.0f} s | {r['server_peak_mb']['median']:.0f} / "
            f"{r['server_peak_mb']['max']:.0f} MB | {r['hub_total_peak_mb']:.0f} MB "
            f"| {r['machine_used_start_mb'] / 1000:.1f} / "
            f"{r['machine_used_peak_mb'] / 1000:.1f} GB |"
        )
    results = [r for r in results if "skipped" not in r]
    steps = [r for r in results if "steps_median_s" in r]
    if steps:
        names = list(steps[0]["steps_median_s"])
        lines += [
            "",
            "Where a student's time goes (medians, seconds):",
            "",
            "| K | " + " | ".join(names) + " |",
            "| --- | " + " | ".join("---" for _ in names) + " |",
        ]
        for r in steps:
            lines.append(
                f"| {r['k']} | " + " | ".join(f"{r['steps_median_s'][n]:.1f}" for n in names) + " |"
            )
    if len(steps) > 1:
        lo, hi = steps[0], steps[-1]
        grow = {n: (lo["steps_median_s"][n], hi["steps_median_s"][n]) for n in names}
        lines += [
            "",
            f"From K={lo['k']} to K={hi['k']}, starting a server grew from "
            f"{grow['start server'][0]:.0f} s to {grow['start server'][1]:.0f} s and running "
            f"the lesson from {grow['run lesson'][0]:.0f} s to {grow['run lesson'][1]:.0f} s; "
            "logging in, pulling and starting a kernel stay small. Both large steps are CPU "
            "work shared by every student on the same cores: a single-user server imports "
            "Jupyter Server and its extensions (a few CPU-seconds each), and the lesson's "
            "kernel imports pandas and matplotlib and draws its figures and the explorer. "
            "With K students starting at once on a few cores, each gets about cores/K of a "
            "core, so time grows with K once K is larger than the cores; the hub and the "
            "proxy themselves stay fast (logging in takes a few seconds at most). The "
            "machine is shared with other jobs, whose load changed between the runs (see "
            "memory in use at the start), so compare the growth, not single numbers.",
        ]
    failures = [(r["k"], f) for r in results for f in r.get("failures", [])]
    if failures:
        lines += ["", "Failures:", ""] + [f"- K={k}: `{f}`" for k, f in failures[:20]]
    races = [(r["k"], r["kernel_port_races"]) for r in results if r.get("kernel_port_races")]
    if races:
        lines += [
            "",
            "The hub's log shows kernels that could not bind a port another kernel had just "
            "taken (`ZMQError: Address already in use`): "
            + ", ".join(f"{n} such errors in the log at K={k}" for k, n in races)
            + ". Every single-user server picks its kernels' ports itself, so servers "
            "starting kernels at the same moment on one host can pick the same one; the "
            "kernel dies and its student's websocket closes.",
        ]
    ok = [r for r in results if r.get("completed")]
    if ok:
        single = min(ok, key=lambda r: r["k"])
        per_student_mb = max(r["server_peak_mb"]["max"] for r in ok)
        # a class is served well while a student waits at most twice as long as in the
        # smallest class measured; students per core is the largest such K over the cores
        served = [r for r in ok if r["median_s"] <= 2 * single["median_s"]]
        best = max(served, key=lambda r: r["k"])
        lines += ["", "### Students per core and per GB", ""]
        lines += [
            "| K | time per student against K = " + str(single["k"]) + " | students per core "
            "at this K | students per GB (server + kernel peak) |",
            "| --- | --- | --- | --- |",
        ]
        for r in ok:
            slowdown = r["median_s"] / single["median_s"]
            lines.append(
                f"| {r['k']} | {slowdown:.1f}× | {r['k'] / cores:.1f} | "
                f"{1000 / r['server_peak_mb']['max']:.1f} |"
            )
        lines += [
            "",
            f"**Capacity:** up to {best['k'] / cores:.0f} students per CPU core (K = {best['k']} "
            f"on {cores} cores kept each student within 2× the time of a class of "
            f"{single['k']}), and {1000 / per_student_mb:.1f} students per GB of memory "
            f"({per_student_mb:.0f} MB each at peak). So a machine with less than "
            f"{best['k'] / cores * per_student_mb / 1000:.1f} GB of memory per core runs out of "
            "memory before it runs out of CPU; with more, CPU (the slider and the lesson's "
            "figures) is the limit.",
        ]
        lines += [
            "",
            "### Kubernetes requests and limits that follow",
            "",
            f"Each student's server peaked at {per_student_mb:.0f} MB (the heaviest of all runs).",
            "",
            "```yaml",
            "singleuser:",
            "  memory:",
            f"    guarantee: {int(-(-per_student_mb * 1.1 // 64) * 64)}M"
            "   # the measured peak + 10 %",
            f"    limit: {int(-(-per_student_mb * 1.6 // 64) * 64)}M"
            "   # room for a second lesson kernel",
            "  cpu:",
            "    guarantee: 0.05   # a student waiting or reading uses almost none",
            "    limit: 1          # one lesson's kernel uses one core while it runs",
            "```",
        ]
    lines.append("")
    return "\n".join(lines)


def write_section(section: str) -> None:
    """Replace the capacity section of docs/deploy-hub.md (or create the file with it)."""
    if OUT.exists():
        text = OUT.read_text(encoding="utf-8")
        head, marker, rest = text.partition("## Capacity: measured")
        if marker:
            tail = rest.split("\n## ", 1)
            after = "\n## " + tail[1] if len(tail) > 1 else ""
            OUT.write_text(head + section.rstrip() + "\n" + after, encoding="utf-8")
            return
        OUT.write_text(text.rstrip() + "\n\n" + section, encoding="utf-8")
        return
    OUT.write_text(section, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", default="5,10,20,30", help="class sizes K, comma-separated")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per student")
    parser.add_argument("--json", type=Path, help="also write raw results here")
    parser.add_argument(
        "--student-mb", type=float, default=400, help="memory a student is assumed to need"
    )
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/deploy-hub.md")
    parser.add_argument("--from-json", type=Path, help="only write the section from saved results")
    args = parser.parse_args()
    if not PROXY.exists():
        sys.exit(f"{PROXY} is missing: run `make benchmark-class` (it installs it).")
    sizes = [int(k) for k in args.classes.split(",")]
    results = []
    if args.from_json:
        saved = json.loads(args.from_json.read_text())
        section = capacity_section(saved["results"], saved["machine"], saved["date"])
        if not args.no_write:
            write_section(section)
        print(section)
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from performance import machine

    described = machine()  # before the classes run: its load average is the machine's own
    began_at = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    with tempfile.TemporaryDirectory(prefix="jz-class-") as tmp:
        workdir = Path(tmp)
        origin = workdir / "jinzhou-edu.git"
        branch = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--abbrev-ref", "HEAD"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        subprocess.run(
            ["git", "clone", "--quiet", "--bare", "--branch", branch, str(REPO), str(origin)],
            check=True,
        )
        per_student_mb = args.student_mb
        for k in sizes:
            # never push the shared machine into swapping or the OOM killer: a class that
            # would not fit in the memory now free is reported as not run
            free_mb = psutil.virtual_memory().available / 1e6
            if k * per_student_mb * 1.3 > free_mb:
                results.append(
                    {
                        "k": k,
                        "skipped": f"needs ~{k * per_student_mb:.0f} MB, {free_mb:.0f} MB free",
                    }
                )
                print(f"K={k}: skipped, {results[-1]['skipped']}", file=sys.stderr, flush=True)
                continue
            began = time.monotonic()
            result = asyncio.run(one_class(k, args.timeout, f"file://{origin}", branch, workdir))
            results.append(result)
            if result.get("server_peak_mb", {}).get("max"):
                per_student_mb = max(per_student_mb, result["server_peak_mb"]["max"])
            print(json.dumps(result), flush=True)
            print(f"K={k}: {time.monotonic() - began:.0f} s", file=sys.stderr, flush=True)
            shutil.rmtree(workdir / f"class-{k}" / "home", ignore_errors=True)
    date = f"{began_at}–{time.strftime('%H:%M', time.gmtime())} UTC"
    if args.json:
        args.json.write_text(json.dumps({"machine": described, "date": date, "results": results}))
    section = capacity_section(results, described, date)
    if not args.no_write:
        write_section(section)
    print(section)


if __name__ == "__main__":
    main()
