"""Texts keep their layout: the same pixels, far fewer layouts, afresh when restyled."""

from __future__ import annotations

import io
import pickle

import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Text

import jinzhou_edu as jz
from jinzhou_edu.plots import _text_layout

PLOTS = {
    "campaign_map": lambda: jz.plot_campaign_map(),
    "city_assault": lambda: jz.plot_city_assault("1948-10-14 16:00"),
    "timeline": lambda: jz.plot_timeline("campaign"),
    "figures": lambda: jz.plot_figures("jinzhou", "guns"),
    "order_of_battle": lambda: jz.plot_order_of_battle("nationalist"),
}


def png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=60)
    return buffer.getvalue()


@pytest.fixture
def count_layouts(monkeypatch):
    """Count the layouts matplotlib itself computes."""
    counted = {"n": 0}
    original = Text._get_layout

    def counting(self, *args, **kwargs):
        counted["n"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Text, "_get_layout", counting)
    return counted


def forget(figure) -> None:
    for text in figure.findobj(Text):
        vars(text).pop(_text_layout._METHOD, None)
        vars(text).pop(_text_layout._KEPT, None)


@pytest.mark.parametrize("name", PLOTS)
def test_kept_layouts_draw_the_same_pixels_with_fewer_layouts(name, count_layouts):
    plt.close("all")
    kept = PLOTS[name]().figure
    texts = len(kept.findobj(Text))
    count_layouts["n"] = 0
    kept_png = png(kept)
    kept_layouts = count_layouts["n"]

    plt.close("all")
    plain = PLOTS[name]().figure
    forget(plain)
    count_layouts["n"] = 0
    plain_png = png(plain)
    plain_layouts = count_layouts["n"]
    plt.close("all")

    assert kept_png == plain_png
    # once per text (ticks are made while drawing), where matplotlib alone needs several
    assert kept_layouts <= 1.3 * texts + 40
    assert kept_layouts < plain_layouts / 2


def test_a_restyled_text_is_laid_out_afresh():
    plt.close("all")
    ax = jz.plot_campaign_map()
    png(ax.figure)
    title = ax.title
    width = title.get_window_extent().width
    title.set_fontsize(title.get_fontsize() * 2)
    doubled = title.get_window_extent()
    assert doubled.width > 1.5 * width
    title.set_text("Jinzhou")
    assert title.get_window_extent().width < doubled.width / 3
    plt.close("all")


def test_a_figure_with_kept_layouts_still_pickles():
    plt.close("all")
    figure = jz.plot_city_assault("1948-10-14 16:00").figure
    png(figure)
    copy = pickle.loads(pickle.dumps(figure))
    assert png(copy).startswith(b"\x89PNG")
    assert copy.axes[0].title.get_text() == figure.axes[0].title.get_text()
    plt.close("all")
