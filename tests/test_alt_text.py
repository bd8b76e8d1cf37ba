"""alt_text describes each figure from the data it drew, in the figure's language."""

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
    text = jz.alt_text(jz.plot_timeline("assault"))
    assert text.startswith("Timeline of the general assault on Jinzhou, 14-15 October 1948:")
    assert "'Liang Shiying destroys the bunker'" not in text  # only the first and last are named
    assert "The first is 'Assault troops move up'" in text


def test_figures_give_each_claim_with_a_readable_citation():
    text = jz.alt_text(jz.plot_figures("jinzhou", "guns"))
    assert "3 claims from 3 sources, ranging from 600 to 900" in text
    assert "Spanish account 2007: 600 (Communist forces)" in text
    assert "es-account-2007" not in text


def test_order_of_battle():
    text = jz.alt_text(jz.plot_order_of_battle("communist", root="pla.nefa.2col"))
    assert text.startswith(
        "Tree of the communist order of battle: 8 units in 4 levels, from 2nd Column"
    )


@pytest.mark.parametrize(
    ("draw", "words"),
    [
        (
            lambda: jz.plot_campaign_map("liaoshen-1", lang="zh"),
            ["中国东北地图", "第三纵队经铁路从四平到义县"],
        ),
        (
            lambda: jz.plot_city_assault("1948-10-14 23:00", lang="zh"),
            ["锦州示意图", "中央银行大楼"],
        ),
        (lambda: jz.plot_timeline("assault", lang="zh"), ["锦州总攻", "突击部队进入阵地"]),
        (lambda: jz.plot_figures("jinzhou", "guns", lang="zh"), ["王树增 2009：900（共产党军队）"]),
        (lambda: jz.plot_order_of_battle("nationalist", lang="zh"), ["国民党军队战斗序列"]),
        (
            lambda: jz.plot_campaign_map("liaoshen-1", lang="es"),
            ["Mapa del noreste de China", "por ferrocarril de Siping a Yixian"],
        ),
        (
            lambda: jz.plot_city_assault("1948-10-14 23:00", lang="es"),
            ["Plano esquemático de Jinzhou", "Banco Central"],
        ),
        (
            lambda: jz.plot_timeline("campaign", lang="es"),
            ["Línea de tiempo sobre la campaña de Liaoshen"],
        ),
        (
            lambda: jz.plot_figures("jinzhou", "guns", lang="es"),
            ["Relato en español 2007: 600 (Fuerzas comunistas)"],
        ),
        (
            lambda: jz.plot_order_of_battle("nationalist", lang="es"),
            ["Árbol del orden de batalla de las fuerzas nacionalistas"],
        ),
    ],
)
def test_alt_text_is_in_the_figures_language(draw, words):
    text = jz.alt_text(draw())
    for word in words:
        assert word in text
    for english in ("Map of", "Schematic plan", "Timeline of", "Chart of", "Tree of"):
        assert english not in text


def test_an_axes_not_drawn_by_the_package():
    _fig, ax = plt.subplots()
    ax.plot([1, 2])
    with pytest.raises(ValueError, match="not drawn by a jinzhou_edu plot function"):
        jz.alt_text(ax)
