"""Every plot function, in every language: draws without warnings, returns its Axes."""

from __future__ import annotations

import io
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

import jinzhou_edu as jz

PLOTS = {
    "campaign_map": lambda **kw: jz.plot_campaign_map("liaoshen-1", **kw),
    "campaign_map_all": lambda **kw: jz.plot_campaign_map(**kw),
    "city_assault": lambda **kw: jz.plot_city_assault("1948-10-14 16:00", **kw),
    "timeline_campaign": lambda **kw: jz.plot_timeline("campaign", **kw),
    "timeline_jinzhou": lambda **kw: jz.plot_timeline("jinzhou", **kw),
    "timeline_assault": lambda **kw: jz.plot_timeline("assault", **kw),
    "figures": lambda **kw: jz.plot_figures("jinzhou", "guns", **kw),
    "figures_civilians": lambda **kw: jz.plot_figures("changchun", "deaths", **kw),
    "order_of_battle": lambda **kw: jz.plot_order_of_battle("nationalist", **kw),
}
LANGUAGES = ["en", "zh", "es"]


def render(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=50)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PLOTS)
def test_renders_without_warnings_and_returns_its_axes(name, lang):
    fig, ax = plt.subplots()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a UserWarning
        returned = PLOTS[name](lang=lang, ax=ax)
        png = render(fig)
    assert returned is ax
    assert png.startswith(b"\x89PNG")
    assert ax.get_title()


@pytest.mark.parametrize("name", PLOTS)
def test_honours_the_given_axes(name):
    _fig, (left, right) = plt.subplots(1, 2)
    plt.sca(left)
    returned = PLOTS[name](ax=right)
    assert returned is right
    assert not left.lines and not left.texts and not left.patches
    assert right.get_title()


@pytest.mark.parametrize("name", PLOTS)
def test_draws_on_the_current_axes_by_default(name):
    _fig, ax = plt.subplots()
    assert PLOTS[name]() is ax


def test_chinese_titles_need_the_cjk_font():
    ax = jz.plot_timeline("assault", lang="zh")
    assert ax.get_title() == "总攻（1948年10月14日至15日）"
    assert "Jinzhou Sans SC" in ax.title.get_fontfamily()


def test_set_language_is_the_default():
    jz.set_language("es")
    assert jz.plot_figures("jinzhou", "guns").get_title().startswith("Cañones, Jinzhou")
    jz.set_language("zh")
    assert jz.plot_campaign_map().get_title().startswith("辽沈战役")


def test_plots_leave_global_settings_alone(monkeypatch):
    before = dict(mpl.rcParams)
    monkeypatch.setattr(
        plt, "show", lambda *a, **k: pytest.fail("a plot function called plt.show()")
    )
    for draw in PLOTS.values():
        plt.figure()
        draw()
    after = dict(mpl.rcParams)
    changed = {k for k in before if before[k] != after[k] and k != "backend"}
    assert not changed


def test_one_colour_per_side_everywhere():
    communist = jz.plot_figures("campaign", "strength", side="communist").lines[0].get_color()
    ax = jz.plot_campaign_map("liaoshen-1")
    colours = {line.get_color() for line in ax.lines}
    assert communist == "#D55E00"
    assert {"#D55E00", "#0072B2"} <= colours


def test_city_plan_shows_what_was_taken_by_then():
    early = jz.plot_city_assault("1948-10-14 09:00")
    late = jz.plot_city_assault("1948-10-15 18:00", ax=plt.figure().gca())
    from jinzhou_edu.plots._base import drawn

    assert "central-bank" in drawn(early)["held"]
    assert "central-bank" in drawn(late)["taken"]
    assert not drawn(late)["held"]
    assert len(drawn(late)["axes"]) > len(drawn(early)["axes"])


def test_city_plan_says_it_is_schematic():
    ax = jz.plot_city_assault()
    assert any("Schematic plan" in text.get_text() for text in ax.texts)


def test_campaign_map_phase_filters_movements():
    from jinzhou_edu.plots._base import drawn

    everything = drawn(jz.plot_campaign_map())["movements"]
    third = drawn(jz.plot_campaign_map("liaoshen-3", ax=plt.figure().gca()))["movements"]
    assert 0 < len(third) < len(everything)
    assert {m[0] for m in third} == {
        "first-column-to-shenyang",
        "twelfth-column-to-shenyang",
        "ninth-column-to-yingkou",
    }


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: jz.plot_campaign_map("liaoshen-4"), ValueError, "Did you mean 'liaoshen-3'?"),
        (
            lambda: jz.plot_city_assault("1948-10-16 10:00"),
            ValueError,
            "from 14 Oct 1948 09:00 to 15 Oct 1948 18:00",
        ),
        (
            lambda: jz.plot_city_assault("yesterday at noon"),
            ValueError,
            "write it like '1948-10-14 15:00'",
        ),
        (lambda: jz.plot_timeline("battle"), ValueError, "Valid: 'assault', 'campaign', 'jinzhou'"),
        (
            lambda: jz.plot_timeline("campaign", lang="fr"),
            ValueError,
            "No language 'fr'. Valid: 'en', 'es', 'zh'.",
        ),
        (lambda: jz.set_language("cn"), ValueError, "No language 'cn'"),
        (lambda: jz.plot_figures("jinzhou", "gunz"), ValueError, "Did you mean 'guns'?"),
        (
            lambda: jz.plot_figures("tashan", "tanks"),
            ValueError,
            "Measures with claims for 'tashan': casualties",
        ),
        (lambda: jz.plot_order_of_battle("kmt"), ValueError, "Valid: 'communist', 'nationalist'"),
        (
            lambda: jz.plot_order_of_battle("communist", root="pla.nefa.2co"),
            ValueError,
            "Did you mean 'pla.nefa.2col'?",
        ),
    ],
)
def test_bad_arguments_name_the_valid_choices(call, error, words):
    with pytest.raises(error) as caught:
        call()
    assert words in str(caught.value)
