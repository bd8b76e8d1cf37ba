"""The explorers react to their controls, and have static forms."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

import jinzhou_edu as jz


def test_assault_slider_redraws_the_plan_and_lists_the_hour():
    explorer = jz.explore_assault()
    first = bytes(explorer.image.value)
    assert first.startswith(b"\x89PNG")
    assert "Signal flares" in explorer.details.value  # 09:00-10:00
    explorer.slider.value = pd.Timestamp("1948-10-14 10:00", tz="UTC+08:00")
    assert bytes(explorer.image.value) != first
    assert "The bombardment begins" in explorer.details.value
    assert "four red flags" in explorer.details.value
    explorer.slider.value = pd.Timestamp("1948-10-15 05:00", tz="UTC+08:00")
    assert "No recorded event in this hour." in explorer.details.value


def test_assault_slider_runs_the_whole_battle():
    explorer = jz.explore_assault(lang="zh")
    options = [value for _, value in explorer.slider.options]
    assert options[0].strftime("%d %H:%M") == "14 09:00"
    assert options[-1].strftime("%d %H:%M") == "15 18:00"
    explorer.slider.value = options[-1]
    assert "攻克锦州" in explorer.details.value or "没有记录" in explorer.details.value
    from jinzhou_edu.plots._base import drawn

    assert not drawn(explorer.ax)["held"]


def test_campaign_slider_changes_the_map():
    explorer = jz.explore_campaign()
    everything = bytes(explorer.image.value)
    explorer.slider.value = "liaoshen-3"
    assert bytes(explorer.image.value) != everything
    assert explorer.ax.get_title() == "Phase 3: Shenyang and Yingkou"
    from jinzhou_edu.plots._base import drawn

    assert len(drawn(explorer.ax)["movements"]) == 3


def test_people_card_names_sources():
    explorer = jz.explore_people(lang="es")
    first = explorer.dropdown.value
    assert jz.load("people").set_index("person_id").loc[first, "is_hero"]  # heroes first
    explorer.dropdown.value = "fan-hanjie"
    card = explorer.card.value
    assert "范汉杰 Fàn Hànjié" in card
    assert "Cargo" in card  # Spanish labels
    assert "Wang Shuzeng" in card  # its sources, cited
    with pytest.raises(ValueError, match="Did you mean 'fan-hanjie'"):
        explorer.card_html("fan-hanjei")


def test_static_forms_for_print():
    assault = jz.explore_assault(static=True)
    campaign = jz.explore_campaign(static=True, lang="zh")
    people = jz.explore_people(static=True)
    assert isinstance(assault, Figure) and len(assault.axes) == 6
    assert isinstance(campaign, Figure) and len(campaign.axes) == 3
    assert len(people) == len(jz.load("people")) and people.loc[0, "is_hero"]


def test_explorers_reject_unknown_languages():
    with pytest.raises(ValueError, match="No language 'de'"):
        jz.explore_people(lang="de")
