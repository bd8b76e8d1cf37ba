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


def png_of(shown: object) -> bytes:
    """The PNG a fresh IPython display would show for `shown` (no backend registered)."""
    import base64

    from IPython.core.formatters import DisplayFormatter

    data, _ = DisplayFormatter().format(shown)
    assert "image/png" in data, sorted(data)
    png = data["image/png"]
    return base64.b64decode(png) if isinstance(png, str) else png


@pytest.mark.parametrize("explore", [jz.explore_assault, jz.explore_campaign])
def test_static_forms_show_as_pictures_in_a_fresh_kernel(explore):
    # DisplayFormatter() is what a kernel has before any pyplot import: no
    # matplotlib formatter is registered on it, so the figure must draw itself
    png = png_of(explore(static=True))
    assert png.startswith(b"\x89PNG")
    assert len(png) > 50_000  # a picture, not a blank


def test_explorer_pictures_are_sharp_and_fit_a_laptop_screen():
    from io import BytesIO

    from PIL import Image

    from jinzhou_edu.widgets import LIST_WIDTH

    explorer = jz.explore_assault()
    shown_width = int(explorer.image.layout.width.removesuffix("px"))
    picture = Image.open(BytesIO(bytes(explorer.image.value)))
    assert picture.width >= 2 * shown_width - 2  # two pixels per CSS pixel
    shown_height = picture.height * shown_width / picture.width
    assert shown_height <= 600  # with the slider above, it fits 768 px
    assert shown_width + LIST_WIDTH <= 1366 - 100  # the list beside it, plus the side bar


@pytest.mark.parametrize("explore", [jz.explore_assault, jz.explore_campaign])
def test_explorer_titles_stay_inside_the_picture(explore):
    explorer = explore(lang="es")
    renderer = explorer.blitter.canvas.get_renderer()
    edge = explorer.figure.bbox
    for value in [value for _, value in explorer.slider.options][::3]:
        explorer.slider.value = value
        box = explorer.ax.title.get_window_extent(renderer)
        assert edge.x0 <= box.x0 and box.x1 <= edge.x1
        assert edge.y0 <= box.y0 and box.y1 <= edge.y1


def test_slider_values_are_written_in_full():
    explorer = jz.explore_campaign()
    assert not explorer.slider.readout  # the slider's own readout cuts long names
    explorer.slider.value = "liaoshen-1"
    assert "Phase 1: sealing the corridor and taking Jinzhou" in explorer.controls.children[1].value


def test_explorers_reject_unknown_languages():
    with pytest.raises(ValueError, match="No language 'de'"):
        jz.explore_people(lang="de")
