"""The key figures compared pixel by pixel with reviewed baselines (pytest-mpl).

Each is drawn as a teacher would in a fresh notebook cell (no Axes given), so the
baselines also check each figure's own size and layout. Regenerate the baselines
after a deliberate change, look at every one, and commit them:

    MPLBACKEND=Agg .venv/bin/python -m pytest tests/test_images.py \\
        --mpl-generate-path=tests/baseline
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import jinzhou_edu as jz

compare = pytest.mark.mpl_image_compare(tolerance=3, savefig_kwargs={"dpi": 60})


def fresh(draw):
    """Draw in a fresh 'cell' (no figure open) and return the figure made."""
    plt.close("all")
    return draw().figure


@compare
def test_campaign_map_phase_1_en():
    return fresh(lambda: jz.plot_campaign_map("liaoshen-1", lang="en"))


@compare
def test_campaign_map_zh():
    return fresh(lambda: jz.plot_campaign_map(lang="zh"))


@compare
def test_city_assault_en():
    return fresh(lambda: jz.plot_city_assault("1948-10-14 16:00", lang="en"))


@compare
def test_city_assault_zh():
    return fresh(lambda: jz.plot_city_assault("1948-10-15 15:00", lang="zh"))


@compare
def test_timeline_assault_en():
    return fresh(lambda: jz.plot_timeline("assault", lang="en"))


@compare
def test_timeline_campaign_zh():
    return fresh(lambda: jz.plot_timeline("campaign", lang="zh"))


@compare
def test_figures_guns_es():
    return fresh(lambda: jz.plot_figures("jinzhou", "guns", lang="es"))


@compare
def test_order_of_battle_nationalist_zh():
    return fresh(lambda: jz.plot_order_of_battle("nationalist", lang="zh"))
