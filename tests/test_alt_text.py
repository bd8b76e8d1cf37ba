"""alt_text describes each figure from the data it drew."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import jinzhou_edu as jz


def test_campaign_map():
    text = jz.alt_text(jz.plot_campaign_map("liaoshen-1"))
    assert text.startswith("Map of north-east China from Shanhaiguan to Changchun during Phase 1")
    assert "12 September 1948 to 15 October 1948" in text
    assert "3rd Column by rail from Siping to Yixian" in text
    assert "Nationalist movements" in text


def test_city_assault_reports_what_was_taken_and_held():
    text = jz.alt_text(jz.plot_city_assault("1948-10-14 23:00"))
    assert "14 October 1948 at 23:00" in text
    assert "Central Bank building" in text.split("Still held")[0]
    assert "The old walled city" in text.split("Still held")[1]
    assert text.endswith("Positions are estimates, not a survey.")


def test_timeline():
    text = jz.alt_text(jz.plot_timeline("assault", lang="zh"))
    assert text.startswith("Timeline of the general assault on Jinzhou, 14-15 October 1948:")
    assert "'Liang Shiying destroys the bunker'" not in text  # only the first and last are named
    assert "The first is 'Assault troops move up'" in text


def test_figures_give_each_claim():
    text = jz.alt_text(jz.plot_figures("jinzhou", "guns"))
    assert "3 claims from 3 sources, ranging from 600 to 900" in text
    assert "es-account-2007: 600 (communist)" in text


def test_order_of_battle():
    text = jz.alt_text(jz.plot_order_of_battle("communist", root="pla.nefa.2col"))
    assert text.startswith(
        "Tree of the communist order of battle: 8 units in 4 levels, from 2nd Column"
    )


def test_an_axes_not_drawn_by_the_package():
    _fig, ax = plt.subplots()
    ax.plot([1, 2])
    with pytest.raises(ValueError, match="not drawn by a jinzhou_edu plot function"):
        jz.alt_text(ax)
