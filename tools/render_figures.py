"""Render every figure of the package in each language to PNG, for review.

    python tools/render_figures.py [--out out/figures] [--lang en zh es]

The files go to a folder git ignores (out/); nothing here is committed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

import jinzhou_edu as jz

FIGURES = {
    "campaign-map": ((9, 8), lambda lang, ax: jz.plot_campaign_map(lang=lang, ax=ax)),
    "campaign-map-phase-1": (
        (9, 8),
        lambda lang, ax: jz.plot_campaign_map("liaoshen-1", lang=lang, ax=ax),
    ),
    "campaign-map-phase-2": (
        (9, 8),
        lambda lang, ax: jz.plot_campaign_map("liaoshen-2", lang=lang, ax=ax),
    ),
    "city-assault-14-oct-16h": (
        (9, 8.5),
        lambda lang, ax: jz.plot_city_assault("1948-10-14 16:00", lang=lang, ax=ax),
    ),
    "city-assault-15-oct-18h": (
        (9, 8.5),
        lambda lang, ax: jz.plot_city_assault("1948-10-15 18:00", lang=lang, ax=ax),
    ),
    "timeline-campaign": (
        (12, 11),
        lambda lang, ax: jz.plot_timeline("campaign", lang=lang, ax=ax),
    ),
    "timeline-jinzhou": ((12, 8), lambda lang, ax: jz.plot_timeline("jinzhou", lang=lang, ax=ax)),
    "timeline-assault": ((12, 10), lambda lang, ax: jz.plot_timeline("assault", lang=lang, ax=ax)),
    "figures-jinzhou-guns": (
        (9, 3.5),
        lambda lang, ax: jz.plot_figures("jinzhou", "guns", lang=lang, ax=ax),
    ),
    "figures-campaign-losses": (
        (9, 3.5),
        lambda lang, ax: jz.plot_figures("campaign", "losses_total", lang=lang, ax=ax),
    ),
    "figures-changchun-civilian-deaths": (
        (9, 3.5),
        lambda lang, ax: jz.plot_figures("changchun", "deaths", lang=lang, ax=ax),
    ),
    "order-of-battle-communist": (
        (11, 14),
        lambda lang, ax: jz.plot_order_of_battle("communist", lang=lang, ax=ax),
    ),
    "order-of-battle-nationalist": (
        (11, 9),
        lambda lang, ax: jz.plot_order_of_battle("nationalist", lang=lang, ax=ax),
    ),
}


def main() -> None:
    """Write every figure in every language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out/figures"))
    parser.add_argument("--lang", nargs="+", default=["en", "zh", "es"])
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for lang in args.lang:
        for name, (size, draw) in FIGURES.items():
            fig, ax = plt.subplots(figsize=size)
            draw(lang, ax)
            fig.tight_layout()
            path = args.out / f"{name}-{lang}.png"
            fig.savefig(path, dpi=110)
            plt.close(fig)
            print(path)
        for name, make in {
            "explore-assault-static": lambda lang: jz.explore_assault(lang=lang, static=True),
            "explore-campaign-static": lambda lang: jz.explore_campaign(lang=lang, static=True),
        }.items():
            path = args.out / f"{name}-{lang}.png"
            make(lang).savefig(path, dpi=80)
            print(path)


if __name__ == "__main__":
    main()
