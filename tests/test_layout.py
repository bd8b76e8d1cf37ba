"""No text covers another or leaves the figure: every figure, every language, default size.

Measured with the renderer's own text extents (``count_text_problems``) on the
figure a plot function makes when called as a teacher would in a fresh notebook
cell: no Axes given, no figure open.
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

import jinzhou_edu as jz
from jinzhou_edu.plots._layout import count_text_problems

FIGURES = {
    "timeline_campaign": lambda lang: jz.plot_timeline("campaign", lang=lang),
    "timeline_jinzhou": lambda lang: jz.plot_timeline("jinzhou", lang=lang),
    "timeline_assault": lambda lang: jz.plot_timeline("assault", lang=lang),
    "city_assault_start": lambda lang: jz.plot_city_assault("1948-10-14 09:00", lang=lang),
    "city_assault_16h": lambda lang: jz.plot_city_assault("1948-10-14 16:00", lang=lang),
    "city_assault_end": lambda lang: jz.plot_city_assault(lang=lang),
    "campaign_map": lambda lang: jz.plot_campaign_map(lang=lang),
    "campaign_map_phase_1": lambda lang: jz.plot_campaign_map("liaoshen-1", lang=lang),
    "campaign_map_phase_2": lambda lang: jz.plot_campaign_map("liaoshen-2", lang=lang),
    "campaign_map_phase_3": lambda lang: jz.plot_campaign_map("liaoshen-3", lang=lang),
    "figures_jinzhou_guns": lambda lang: jz.plot_figures("jinzhou", "guns", lang=lang),
    "figures_jinzhou_strength": lambda lang: jz.plot_figures("jinzhou", "strength", lang=lang),
    "figures_campaign_losses": lambda lang: jz.plot_figures("campaign", "losses_total", lang=lang),
    "figures_changchun_deaths": lambda lang: jz.plot_figures("changchun", "deaths", lang=lang),
    "order_of_battle_communist": lambda lang: jz.plot_order_of_battle("communist", lang=lang),
    "order_of_battle_nationalist": lambda lang: jz.plot_order_of_battle("nationalist", lang=lang),
    "explore_assault_static": lambda lang: jz.explore_assault(lang=lang, static=True),
    "explore_campaign_static": lambda lang: jz.explore_campaign(lang=lang, static=True),
}
LANGUAGES = ["en", "zh", "es"]


def figure_of(drawn) -> Figure:
    return drawn if isinstance(drawn, Figure) else drawn.figure


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", FIGURES)
def test_no_text_overlaps_another_or_leaves_the_figure(name, lang):
    plt.close("all")
    report = count_text_problems(figure_of(FIGURES[name](lang)))
    assert not report.overlaps and not report.outside, str(report)


@pytest.mark.parametrize("name", ["timeline_campaign", "city_assault_16h", "campaign_map"])
def test_a_plain_savefig_keeps_the_layout(name):
    plt.close("all")
    figure = figure_of(FIGURES[name]("zh"))
    figure.savefig(io.BytesIO(), format="png", dpi=150)
    report = count_text_problems(figure)
    assert not report.overlaps and not report.outside, str(report)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_explorers_pictures_are_clear_too(lang):
    assault = jz.explore_assault(lang=lang)
    assault.slider.value = pd.Timestamp("1948-10-14 16:00", tz="UTC+08:00")
    for explorer in (assault, jz.explore_campaign(lang=lang)):
        report = count_text_problems(explorer.figure)
        assert not report.overlaps and not report.outside, str(report)


def test_a_new_figure_is_sized_to_its_content():
    plt.close("all")
    campaign = jz.plot_timeline("campaign").figure
    plt.close("all")
    assault = jz.plot_timeline("assault", data=jz.load("events").head(40)).figure
    assert campaign.get_figheight() > assault.get_figheight()
    assert campaign.get_layout_engine() is not None


def test_the_counter_sees_overlaps_and_texts_cut_by_the_edge():
    figure = Figure(figsize=(3, 2))
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.text(0.2, 0.5, "the same place")
    ax.text(0.2, 0.5, "the same place, again")
    ax.text(0.9, 0.9, "a long text that runs off the right edge")
    ax.text(0.2, 0.1, "")  # empty texts do not count
    report = count_text_problems(figure)
    assert report.overlaps == [("the same place", "the same place, again")]
    assert report.outside == ["a long text that runs off the right edge"]
