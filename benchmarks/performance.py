"""Every performance target of the package, measured as a ratio against a baseline.

Each target is timed against a baseline measured in the same run: the two are
run alternately (target, baseline, target, ...), each in a fresh process or
kernel, several times, and the ratio of each pair is reported as a median with
its min and max. The results go to ``docs/performance.md`` with a description of
the machine. Run it with ``make benchmark``; ``--quick`` runs fewer repetitions.

    python benchmarks/performance.py [--runs 7] [--lesson-runs 3] [--quick]
        [--only import,figures,lessons,slider,wheel] [--browser FILE.json]

The browser's slider latency is measured by ``benchmarks/browser_slider.py``
(run by ``make benchmark`` before this script); pass its JSON with ``--browser``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "performance.md"

IMPORT_TARGET = "import jinzhou_edu"
IMPORT_BASELINE = "import pandas, matplotlib.pyplot"

#: a fresh process that imports the package and saves one plot function's default figure
FIGURE_TARGET = """
import io, matplotlib
matplotlib.use("Agg")
import jinzhou_edu as jz
ax = jz.{function}()
ax.figure.savefig(io.BytesIO(), format="png")
"""
#: ... and one that saves a bare matplotlib figure
FIGURE_BASELINE = """
import io, matplotlib
matplotlib.use("Agg")
import pandas
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.plot([1, 2, 3], [1, 3, 2])
fig.savefig(io.BytesIO(), format="png")
"""
PLOT_FUNCTIONS = [
    "plot_campaign_map",
    "plot_city_assault",
    "plot_timeline",
    "plot_figures",
    "plot_order_of_battle",
]

#: the last cell run in every lesson: the kernel's peak resident memory
PEAK_CELL = (
    "import resource, sys\n"
    "_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "print('PEAK_KIB', _peak * (1 if sys.platform != 'darwin' else 1 / 1024))"
)
EMPTY_LESSON = "import pandas as pd\nimport matplotlib.pyplot as plt"

TARGETS = {
    "import": 1.10,
    "figure": 1.5,
    "lessons": 1.5,
    "browser_median_ms": 100,
    "browser_p95_ms": 200,
    "peak_mb": 250,
    "wheel_mb": 3.0,
}


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def timed_process(code: str) -> float:
    """Wall-clock seconds of a fresh interpreter running `code`, from start to exit."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def paired(target: str, baseline: str, runs: int) -> dict:
    """Run target and baseline alternately `runs` times; return times and pair ratios."""
    timed_process(baseline)  # warm the file cache once; not counted
    timed_process(target)
    targets, baselines = [], []
    for i in range(runs):
        if i % 2:  # alternate which goes first in a pair
            baselines.append(timed_process(baseline))
            targets.append(timed_process(target))
        else:
            targets.append(timed_process(target))
            baselines.append(timed_process(baseline))
    ratios = [t / b for t, b in zip(targets, baselines, strict=True)]
    return {
        "ratio": summary(ratios),
        "target_s": summary(targets),
        "baseline_s": summary(baselines),
        "runs": runs,
    }


def bench_import(runs: int) -> dict:
    return paired(IMPORT_TARGET, IMPORT_BASELINE, runs)


def bench_figures(runs: int) -> dict:
    return {
        function: paired(FIGURE_TARGET.format(function=function), FIGURE_BASELINE, runs)
        for function in PLOT_FUNCTIONS
    }


def run_notebook(path: Path | None, workdir: Path) -> tuple[float, float]:
    """Execute a notebook (or the empty lesson) in a fresh kernel; return seconds and peak MiB.

    The time runs from starting the kernel to the last cell's end, as a student's
    "Restart and run all" does.
    """
    import nbformat
    from nbclient import NotebookClient

    if path is None:
        notebook = nbformat.v4.new_notebook()
        notebook.cells.append(nbformat.v4.new_code_cell(EMPTY_LESSON))
    else:
        notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PEAK_CELL))
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    text = "".join(out.get("text", "") for out in notebook.cells[-1].outputs)
    peak_kib = float(text.split("PEAK_KIB", 1)[1].split()[0])
    return seconds, peak_kib / 1024


def bench_lessons(runs: int) -> dict:
    """Each lesson against the empty lesson, alternately; the series against as many empties."""
    lessons = sorted((REPO / "notebooks").glob("[0-9]*.ipynb"))
    per_lesson: dict[str, dict] = {}
    series_ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        run_notebook(None, workdir)  # warm up (file cache, first kernel spec lookup)
        rounds = []
        for r in range(runs):
            lesson_times, empty_times = {}, []
            for lesson in lessons:
                if r % 2:
                    empty_times.append(run_notebook(None, workdir)[0])
                    seconds, peak = run_notebook(lesson, workdir)
                else:
                    seconds, peak = run_notebook(lesson, workdir)
                    empty_times.append(run_notebook(None, workdir)[0])
                lesson_times[lesson.stem] = (seconds, peak, empty_times[-1])
            rounds.append(lesson_times)
            series_ratios.append(sum(s for s, _, _ in lesson_times.values()) / sum(empty_times))
        for lesson in lessons:
            rows = [round_[lesson.stem] for round_ in rounds]
            per_lesson[lesson.stem] = {
                "ratio": summary([s / e for s, _, e in rows]),
                "target_s": summary([s for s, _, _ in rows]),
                "baseline_s": summary([e for _, _, e in rows]),
                "peak_mib": max(p for _, p, _ in rows),
            }
        empty_peak = run_notebook(None, workdir)[1]
    return {
        "series": {"ratio": summary(series_ratios), "runs": runs, "lessons": len(lessons)},
        "lessons": per_lesson,
        "empty_peak_mib": empty_peak,
    }


def bench_slider(rounds: int) -> dict:
    """The time of one explorer step in the kernel (no browser): update, render, encode."""
    code = f"""
import json, statistics, time
import matplotlib
matplotlib.use("Agg")
import jinzhou_edu as jz
out = {{}}
def steps(control, values):
    timings = []
    for _ in range({rounds}):
        for value in values:
            start = time.perf_counter()
            control.value = value
            timings.append((time.perf_counter() - start) * 1000)
    return timings
t0 = time.perf_counter()
a = jz.explore_assault()
out["explore_assault: build"] = [(time.perf_counter() - t0) * 1000]
hours = [v for _, v in a.slider.options]
out["explore_assault: step"] = steps(a.slider, hours[1:] + hours[:1])
t0 = time.perf_counter()
c = jz.explore_campaign()
out["explore_campaign: build"] = [(time.perf_counter() - t0) * 1000]
phases = [v for _, v in c.slider.options]
out["explore_campaign: step"] = steps(c.slider, phases[1:] + phases[:1])
p = jz.explore_people()
out["explore_people: step"] = steps(p.dropdown, [v for _, v in p.dropdown.options])
print(json.dumps(out))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    timings = json.loads(result.stdout.strip().splitlines()[-1])
    return {
        name: {
            "median_ms": statistics.median(values),
            "p95_ms": sorted(values)[max(0, round(0.95 * len(values)) - 1)],
            "max_ms": max(values),
            "n": len(values),
        }
        for name, values in timings.items()
    }


def bench_wheel() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "--wheel-dir",
                tmp,
                str(REPO),
            ],
            check=True,
            capture_output=True,
        )
        (wheel,) = Path(tmp).glob("*.whl")
        names = zipfile.ZipFile(wheel).infolist()
        return {
            "name": wheel.name,
            "mb": wheel.stat().st_size / 1e6,
            "font_kb": sum(i.compress_size for i in names if i.filename.endswith(".otf")) / 1e3,
            "data_kb": sum(i.compress_size for i in names if "/_data/" in i.filename) / 1e3,
        }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GB memory"
    except (OSError, ValueError, IndexError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.1f} at the start"
    import matplotlib
    import pandas

    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs{memory}{load}; "
        f"Python {platform.python_version()}, pandas {pandas.__version__}, "
        f"matplotlib {matplotlib.__version__}"
    )


def met(value: float, limit: float) -> str:
    return "met" if value <= limit else "**not met**"


def fmt_ratio(s: dict) -> str:
    return f"{s['median']:.2f}× ({s['min']:.2f}–{s['max']:.2f})"


def fmt_s(s: dict) -> str:
    return f"{s['median']:.2f} s"


def report(results: dict, args) -> str:
    lines = [
        "# Performance",
        "",
        "Written by `make benchmark` (`benchmarks/performance.py`); do not edit by hand.",
        "Every figure is a ratio against a baseline measured in the same run: target and",
        "baseline run alternately, each in a fresh process or kernel; the table gives the",
        "median ratio of the pairs with the smallest and largest in brackets.",
        "",
        f"Measured {results['date']} on: {results['machine']}.",
        "The machine is shared, so single runs are noisy; compare ratios, not seconds.",
        "",
    ]
    rows = []
    if "import" in results:
        r = results["import"]
        rows.append(
            (
                f"import: `{IMPORT_TARGET}` / `{IMPORT_BASELINE}` "
                f"(fresh process, {r['runs']} pairs)",
                fmt_ratio(r["ratio"]),
                f"{fmt_s(r['target_s'])} / {fmt_s(r['baseline_s'])}",
                f"≤ {TARGETS['import']:.2f}×",
                met(r["ratio"]["median"], TARGETS["import"]),
            )
        )
    if "figures" in results:
        for function, r in results["figures"].items():
            rows.append(
                (
                    f"first figure: `jz.{function}()` to PNG / bare figure ({r['runs']} pairs)",
                    fmt_ratio(r["ratio"]),
                    f"{fmt_s(r['target_s'])} / {fmt_s(r['baseline_s'])}",
                    f"≤ {TARGETS['figure']:.1f}×",
                    met(r["ratio"]["median"], TARGETS["figure"]),
                )
            )
    if "lessons" in results:
        r = results["lessons"]
        series = r["series"]
        rows.append(
            (
                f"lessons: the series of {series['lessons']} / as many empty kernels "
                f"({series['runs']} rounds)",
                fmt_ratio(series["ratio"]),
                "",
                f"≤ {TARGETS['lessons']:.1f}×",
                met(series["ratio"]["median"], TARGETS["lessons"]),
            )
        )
        heaviest = max(r["lessons"].items(), key=lambda item: item[1]["peak_mib"])
        rows.append(
            (
                f"memory: peak RSS of the kernel after the heaviest lesson ({heaviest[0]})",
                f"{heaviest[1]['peak_mib'] * 1.048576:.0f} MB",
                f"empty kernel {r['empty_peak_mib'] * 1.048576:.0f} MB",
                f"≤ {TARGETS['peak_mb']} MB",
                met(heaviest[1]["peak_mib"] * 1.048576, TARGETS["peak_mb"]),
            )
        )
    if "browser" in results:
        b = results["browser"]
        rows.append(
            (
                f"explorer in the browser: key press to new image, median ({b['n']} presses)",
                f"{b['median_ms']:.0f} ms",
                f"min {b['min_ms']:.0f} ms, max {b['max_ms']:.0f} ms",
                f"≤ {TARGETS['browser_median_ms']} ms",
                met(b["median_ms"], TARGETS["browser_median_ms"]),
            )
        )
        rows.append(
            (
                "explorer in the browser: key press to new image, 95th percentile",
                f"{b['p95_ms']:.0f} ms",
                "",
                f"≤ {TARGETS['browser_p95_ms']} ms",
                met(b["p95_ms"], TARGETS["browser_p95_ms"]),
            )
        )
    if "wheel" in results:
        w = results["wheel"]
        rows.append(
            (
                "wheel size, with data and font",
                f"{w['mb']:.2f} MB",
                f"data {w['data_kb']:.0f} kB, font {w['font_kb']:.0f} kB compressed",
                f"≤ {TARGETS['wheel_mb']:.0f} MB",
                met(w["mb"], TARGETS["wheel_mb"]),
            )
        )
    lines += [
        "## Targets",
        "",
        "| measure | ratio or value: median (min–max) | target / baseline (medians) | target | |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    if "lessons" in results:
        lines += [
            "",
            "## Each lesson in a fresh kernel",
            "",
            "Against an empty notebook that imports pandas and matplotlib, run alternately.",
            "",
            "| lesson | ratio: median (min–max) | lesson / empty (medians) | kernel peak RSS |",
            "| --- | --- | --- | --- |",
        ]
        for name, r in results["lessons"]["lessons"].items():
            lines.append(
                f"| {name} | {fmt_ratio(r['ratio'])} | {fmt_s(r['target_s'])} / "
                f"{fmt_s(r['baseline_s'])} | {r['peak_mib'] * 1.048576:.0f} MB |"
            )
    if "slider" in results:
        lines += [
            "",
            "## Explorers in the kernel (no browser)",
            "",
            "One step: the control's callback updates the figure, renders it and encodes",
            "the PNG (what the kernel does before the picture travels to the browser).",
            "",
            "| step | median | 95th percentile | max | n |",
            "| --- | --- | --- | --- | --- |",
        ]
        for name, s in results["slider"].items():
            lines.append(
                f"| {name} | {s['median_ms']:.1f} ms | {s['p95_ms']:.1f} ms | "
                f"{s['max_ms']:.1f} ms | {s['n']} |"
            )
    if "browser" in results:
        b = results["browser"]
        lines += [
            "",
            "## The assault explorer in a real browser",
            "",
            f"{b['how']}",
            "",
            f"Key press to new image: median {b['median_ms']:.0f} ms, 95th percentile "
            f"{b['p95_ms']:.0f} ms, min {b['min_ms']:.0f} ms, max {b['max_ms']:.0f} ms "
            f"over {b['n']} presses.",
        ]
    lines += [
        "",
        "## How to run",
        "",
        "`make benchmark` runs all of the above (about 6 minutes on 2 quiet cores, longer",
        "when the machine is busy) and rewrites this file. The class on a real JupyterHub",
        "is separate: `make benchmark-class` (see `docs/deploy-hub.md`).",
        "",
    ]
    notes = Path(__file__).with_name("performance-notes.md")
    if notes.is_file():  # the closing note, written by hand: what is met, what is not, why
        lines += [notes.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="pairs per process benchmark")
    parser.add_argument("--lesson-runs", type=int, default=3, help="rounds of the lesson series")
    parser.add_argument("--quick", action="store_true", help="3 pairs, 1 lesson round")
    parser.add_argument("--only", default="import,figures,lessons,slider,wheel")
    parser.add_argument("--browser", type=Path, help="JSON written by browser_slider.py")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--output", type=Path, default=OUT)
    parser.add_argument("--from-json", type=Path, help="only rewrite the report from saved results")
    args = parser.parse_args()
    if args.from_json:
        args.output.write_text(report(json.loads(args.from_json.read_text()), args))
        return
    if args.quick:
        args.runs, args.lesson_runs = 3, 1
    only = set(args.only.split(","))
    results: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
    }
    steps = {
        "import": lambda: bench_import(args.runs),
        "figures": lambda: bench_figures(args.runs),
        "lessons": lambda: bench_lessons(args.lesson_runs),
        "slider": lambda: bench_slider(3),
        "wheel": bench_wheel,
    }
    for name, step in steps.items():
        if name in only:
            start = time.perf_counter()
            results[name] = step()
            print(f"{name}: done in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if args.browser and args.browser.is_file():
        results["browser"] = json.loads(args.browser.read_text())
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    text = report(results, args)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
