"""How long the data take to load, and how much memory they use.

Each measurement that must start cold runs in a fresh interpreter; the script
reports medians over several runs (`make benchmark` measures import time against
pandas and matplotlib in benchmarks/performance.py; this script adds the loads).

    python benchmarks/load_tables.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

COLD = """
import json, resource, time
t0 = time.perf_counter()
import jinzhou_edu as jz
t1 = time.perf_counter()
for name in jz.tables():
    jz.load(name)
t2 = time.perf_counter()
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = {"import_s": t1 - t0, "first_load_all_s": t2 - t1, "peak_mib": peak_kib / 1024}
print(json.dumps(result))
"""

BASELINE = """
import json, resource, time
t0 = time.perf_counter()
import pandas
t1 = time.perf_counter()
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"import_s": t1 - t0, "peak_mib": peak_kib / 1024}))
"""


def cold_runs(code: str, runs: int) -> dict[str, float]:
    results = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def warm_load_ms(runs: int) -> float:
    import jinzhou_edu as jz

    for name in jz.tables():
        jz.load(name)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        for name in jz.tables():
            jz.load(name)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    baseline = cold_runs(BASELINE, runs)
    cold = cold_runs(COLD, runs)
    warm = warm_load_ms(runs * 3)
    print(f"Medians of {runs} cold runs (fresh interpreter each), Python {sys.version.split()[0]}")
    print(
        f"  import pandas alone (baseline)    {baseline['import_s']:6.2f} s  "
        f"{baseline['peak_mib']:6.0f} MiB peak"
    )
    print(f"  import jinzhou_edu                {cold['import_s']:6.2f} s")
    print(f"  first load of all the tables       {cold['first_load_all_s']:6.2f} s")
    print(f"  peak memory after loading all     {cold['peak_mib']:13.0f} MiB")
    print(f"  load all the tables again (cached) {warm:6.1f} ms (median of {runs * 3})")


if __name__ == "__main__":
    main()
