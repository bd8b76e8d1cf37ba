"""The key figures compared pixel by pixel with reviewed baselines (pytest-mpl).

Regenerate the baselines after a deliberate change, look at every one, and commit
them:

    MPLBACKEND=Agg .venv/bin/python -m pytest tests/test_images.py \\
        --mpl-generate-path=tests/baseline
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import jinzhou_edu as jz

compare = pytest.mark.mpl_image_compare(tolerance=3, savefig_kwargs={"dpi": 60})


@compare
def test_campaign_map_phase_1_en():
    fig, ax = plt.subplots(figsize=(8, 7))
    jz.plot_campaign_map("liaoshen-1", lang="en", ax=ax)
    return fig


@compare
def test_campaign_map_zh():
    fig, ax = plt.subplots(figsize=(8, 7))
    jz.plot_campaign_map(lang="zh", ax=ax)
    return fig


@compare
def test_city_assault_en():
    fig, ax = plt.subplots(figsize=(7.5, 7))
    jz.plot_city_assault("1948-10-14 16:00", lang="en", ax=ax)
    return fig


@compare
def test_city_assault_zh():
    fig, ax = plt.subplots(figsize=(7.5, 7))
    jz.plot_city_assault("1948-10-15 15:00", lang="zh", ax=ax)
    return fig


@compare
def test_timeline_assault_en():
    fig, ax = plt.subplots(figsize=(10, 8))
    jz.plot_timeline("assault", lang="en", ax=ax)
    fig.tight_layout()
    return fig


@compare
def test_figures_guns_es():
    fig, ax = plt.subplots(figsize=(7, 3))
    jz.plot_figures("jinzhou", "guns", lang="es", ax=ax)
    fig.tight_layout()
    return fig
