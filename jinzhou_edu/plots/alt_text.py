"""Describe a figure in words, from the data it drew, for screen readers and lessons."""

from __future__ import annotations

from matplotlib.axes import Axes

from jinzhou_edu.data import load
from jinzhou_edu.plots._base import drawn

__all__ = ["alt_text"]

KIND_WORDS = {
    "march": "on foot or by road",
    "rail": "by rail",
    "sea": "by sea",
    "air": "by air",
}


def _list(items: list[str], limit: int = 6) -> str:
    if len(items) > limit:
        items = [*items[:limit], f"{len(items) - limit} more"]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _day(stamp) -> str:
    return f"{stamp.day} {stamp:%B %Y}"


def alt_text(ax: Axes) -> str:
    """Describe what a figure drawn by a jinzhou_edu plot function shows.

    The description is built from the data drawn: what the figure shows, where
    and when, and the main values. It is in English, whatever the language of
    the figure, and is meant for screen readers and for the lessons' alt text.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The Axes a ``plot_*`` function returned.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the Axes was not drawn by a jinzhou_edu plot function.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from jinzhou_edu.plots.claims import plot_figures
    >>> print(alt_text(plot_figures("jinzhou", "guns")))  # doctest: +ELLIPSIS
    Chart of the claims for guns at Jinzhou: 3 claims from 3 sources, ranging from 600 to 900...
    >>> plt.close("all")
    """
    what = drawn(ax)
    return _DESCRIBE[what["kind"]](what)


def _campaign_map(what: dict) -> str:
    units = load("units").set_index("unit_id")
    places = load("places").set_index("place_id")
    scope = (
        f"during {what['phase_name']} ({_day(what['start'])} to {_day(what['end'])})"
        if what["phase"]
        else "over the whole campaign, 12 September to 2 November 1948"
    )
    text = (
        f"Map of north-east China from Shanhaiguan to Changchun {scope}. It shows land and sea, "
        f"the railways, and {what['places']} towns and places, with Jinzhou on the coastal "
        "corridor "
        "between the hills and Liaodong Bay."
    )
    moves = what["movements"]
    if moves:
        for side in ("communist", "nationalist"):
            mine = [m for m in moves if m[1] == side]
            if mine:
                described = [
                    f"{units.at[m[5], 'name_en']} {KIND_WORDS[m[2]]} from "
                    f"{places.at[m[3], 'name_en']} to {places.at[m[4], 'name_en']}"
                    for m in mine
                ]
                text += f" {side.capitalize()} movements ({len(mine)}): {_list(described, 4)}."
    else:
        text += " No movements are drawn."
    return text


def _city_assault(what: dict) -> str:
    strongpoints = load("strongpoints").set_index("strongpoint_id")
    units = load("units").set_index("unit_id")
    taken = [strongpoints.at[s, "name_en"] for s in what["taken"]]
    held = [strongpoints.at[s, "name_en"] for s in what["held"]]
    when = f"{what['time'].day} October 1948 at {what['time']:%H:%M}"
    text = (
        f"Schematic plan of Jinzhou on {when}, China time: the walled old city in the south-west, "
        "the Xiaoling River to its west and south, and the railway across the north of the city. "
        f"By then {len(taken)} of {len(taken) + len(held)} strongpoints had been taken"
    )
    text += f" ({_list(taken, len(taken))})." if taken else "."
    if held:
        text += f" Still held by the defenders: {_list(held, len(held))}."
    if what["axes"]:
        text += (
            f" Attack axes shown: {_list([units.at[u, 'name_en'] for _, u in what['axes']], 8)}."
        )
    return text + " Positions are estimates, not a survey."


def _timeline(what: dict) -> str:
    names = {
        "campaign": "the Liaoshen Campaign",
        "jinzhou": "the Battle of Jinzhou",
        "assault": "the general assault on Jinzhou, 14-15 October 1948",
    }
    n = len(what["events"])
    first, last = what["starts"][0], what["starts"][-1]
    span = (
        f"from {first:%d %B} to {last:%d %B %Y}"
        if what["scope"] != "assault"
        else f"from {first:%d %B %H:%M} to {last:%d %B %H:%M}"
    )
    low = sum(c == "low" for c in what["confidence"])
    text = (
        f"Timeline of {names[what['scope']]}: {n} events {span}, over the phases "
        f"{_list(what['phases'])}. The first is '{what['titles'][0]}' "
        f"and the last '{what['titles'][-1]}'."
    )
    counts = {side: what["sides"].count(side) for side in ("communist", "nationalist")}
    text += (
        f" {counts['communist']} events involve Communist units and "
        f"{counts['nationalist']} Nationalist "
        f"units; {low} {'rests' if low == 1 else 'rest'} on low-confidence sources."
    )
    return text


def _figures(what: dict) -> str:
    claims = what["claims"]
    values = [c[2] for c in claims] + [c[3] for c in claims]
    sources = sorted({c[0] for c in claims})
    scope = {
        "campaign": "in the whole campaign",
        "jinzhou_old_city": "in Jinzhou's old city",
    }.get(what["scope"], f"at {what['scope'].replace('_', ' ').title()}")
    text = (
        f"Chart of the claims for {what['measure'].replace('_', ' ')} {scope}: "
        f"{len(claims)} claims from "
        f"{len(sources)} sources, ranging from {min(values):,} to {max(values):,}."
    )
    parts = [
        f"{c[0]}: {c[2]:,}" + (f" to {c[3]:,}" if c[3] != c[2] else "") + f" ({c[1]})"
        for c in claims
    ]
    return text + " " + "; ".join(parts) + "."


def _order_of_battle(what: dict) -> str:
    return (
        f"Tree of the {what['side']} order of battle: {len(what['units'])} units "
        f"in {what['depth']} levels, "
        f"from {_list(what['top'])} at the top down to the "
        f"{_list([e.replace('_', ' ') for e in what['echelons']], 12)} levels."
    )


_DESCRIBE = {
    "campaign_map": _campaign_map,
    "city_assault": _city_assault,
    "timeline": _timeline,
    "figures": _figures,
    "order_of_battle": _order_of_battle,
}
