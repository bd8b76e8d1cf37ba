"""How long one step of each explorer's slider takes (target: under 100 ms median).

A step is what happens when a student moves the slider: the callback updates
the figure, re-renders it to PNG and refreshes the image (and, for the assault,
the list of events). Run it with `make benchmark`.

    python benchmarks/slider_step.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import jinzhou_edu as jz


def time_steps(slider, values, rounds: int) -> list[float]:
    """Set the slider to each value in turn; return each step's time in ms."""
    timings = []
    for _ in range(rounds):
        for value in values:
            start = time.perf_counter()
            slider.value = value
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    results = {}
    assault = jz.explore_assault()
    hours = [value for _, value in assault.slider.options]
    results["explore_assault (hour slider)"] = time_steps(
        assault.slider, hours[1:] + hours[:1], rounds
    )
    campaign = jz.explore_campaign()
    phases = [value for _, value in campaign.slider.options]
    results["explore_campaign (phase slider)"] = time_steps(
        campaign.slider, phases[1:] + phases[:1], rounds
    )
    people = jz.explore_people()
    results["explore_people (dropdown)"] = time_steps(
        people.dropdown, [value for _, value in people.dropdown.options], rounds
    )
    print(f"Slider steps, {rounds} passes over every position:")
    for name, timings in results.items():
        print(
            f"  {name:<34} median {statistics.median(timings):6.1f} ms   "
            f"max {max(timings):6.1f} ms   ({len(timings)} steps)"
        )


if __name__ == "__main__":
    main()
