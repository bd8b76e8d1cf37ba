"""Every plot function draws the table it is given (``data=``), like seaborn's."""

from __future__ import annotations

import pytest

import jinzhou_edu as jz
from jinzhou_edu.plots._base import drawn


def of_unit(table, unit_id: str):
    return table[table["unit_ids"].map(lambda ids: unit_id in ids)]


def test_timeline_draws_only_the_filtered_events():
    second = of_unit(jz.load("events"), "pla.nefa.2col")
    ax = jz.plot_timeline("jinzhou", data=second)
    shown = drawn(ax)["events"]
    assert shown and set(shown) <= set(second["event_id"])
    everything = drawn(jz.plot_timeline("jinzhou", ax=ax.figure.add_subplot(2, 1, 2)))["events"]
    assert len(shown) < len(everything)


def test_figures_draw_only_the_filtered_claims():
    figures = jz.load("figures")
    wang = figures[figures["source_ids"].map(lambda ids: ids == ["wang-shuzeng-2009"])]
    ax = jz.plot_figures("jinzhou", "guns", data=wang)
    claims = drawn(ax)["claims"]
    assert [claim[0] for claim in claims] == [("wang-shuzeng-2009",)]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Wang Shuzeng 2009"]


def test_campaign_map_draws_only_the_filtered_movements():
    moves = jz.load("movements")
    units = jz.load("units").set_index("unit_id")
    communist = moves[moves["unit_id"].map(units["side"]) == "communist"]
    shown = drawn(jz.plot_campaign_map(data=communist))["movements"]
    assert shown and {m[1] for m in shown} == {"communist"}
    assert {m[0] for m in shown} == set(
        communist.loc[communist["kind"] != "assault", "movement_id"]
    )


def test_city_plan_draws_only_the_filtered_strongpoints():
    strongpoints = jz.load("strongpoints")
    gates = strongpoints[strongpoints["strongpoint_id"].str.endswith("gate")]
    what = drawn(jz.plot_city_assault("1948-10-15 15:30", data=gates))
    assert sorted(what["taken"] + what["held"]) == ["east-gate", "north-gate", "south-gate"]
    assert what["taken"] == ["south-gate", "east-gate"]


def test_order_of_battle_draws_only_the_filtered_units():
    units = jz.load("units")
    divisions = units[units["echelon"].isin(["army_group", "army", "division"])]
    shown = drawn(jz.plot_order_of_battle("nationalist", data=divisions))["units"]
    assert shown and set(shown) <= set(divisions["unit_id"])
    assert len(shown) == (divisions["side"] == "nationalist").sum()


@pytest.mark.parametrize(
    ("draw", "table", "column"),
    [
        (lambda data: jz.plot_timeline(data=data), "events", "unit_ids"),
        (lambda data: jz.plot_figures("jinzhou", "guns", data=data), "figures", "low"),
        (lambda data: jz.plot_campaign_map(data=data), "movements", "to_place_id"),
        (lambda data: jz.plot_city_assault(data=data), "strongpoints", "taken_at"),
        (lambda data: jz.plot_order_of_battle(data=data), "units", "parent_id"),
    ],
)
def test_a_table_without_the_needed_columns_is_refused_by_name(draw, table, column):
    data = jz.load(table).drop(columns=[column])
    with pytest.raises(ValueError, match=f"'{column}'") as caught:
        draw(data)
    assert f"jz.load({table!r})" in str(caught.value)


def test_data_must_be_a_dataframe_with_rows():
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        jz.plot_order_of_battle(data=[{"unit_id": "x"}])
    with pytest.raises(ValueError, match="no rows"):
        jz.plot_figures(data=jz.load("figures").iloc[0:0])
    with pytest.raises(ValueError, match="None of the 1 events"):
        jz.plot_timeline("assault", data=jz.load("events").head(1))


def test_a_timeline_of_chosen_events_keeps_those_the_default_timeline_shows():
    events = jz.load("events")
    chosen = events[events["event_id"].isin(["cmc-orders-jinzhou-first", "campaign-opens"])]
    ax = jz.plot_timeline("campaign", data=chosen)
    shown = " ".join(text.get_text() for text in ax.texts)
    assert "Military Commission orders Jinzhou first" in shown  # 7 September, before the band
