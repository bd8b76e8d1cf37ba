"""Describe a figure in words, from the data it drew, for screen readers and lessons."""

from __future__ import annotations

from matplotlib.axes import Axes

from jinzhou_edu.data import load
from jinzhou_edu.i18n import format_date, label, localized, short_citation
from jinzhou_edu.plots._base import drawn

__all__ = ["alt_text"]


def _list(items: list[str], lang: str, limit: int = 6) -> str:
    """Join names as a sentence does: "a, b, and c" (in Chinese "a、b和c")."""
    if len(items) > limit:
        items = [*items[:limit], label("alt.more", lang, n=len(items) - limit)]
    if lang == "zh":
        return items[0] if len(items) == 1 else "、".join(items[:-1]) + "和" + items[-1]
    word = label("alt.and", lang)
    if len(items) <= 2:
        return f" {word} ".join(items)
    comma = "," if lang == "en" else ""
    return ", ".join(items[:-1]) + f"{comma} {word} " + items[-1]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(stamp, lang: str) -> str:
    return format_date(stamp, lang, long=True)


def alt_text(ax: Axes) -> str:
    """Describe what a figure drawn by a jinzhou_edu plot function shows.

    The description is built from the data drawn: what the figure shows, where
    and when, and the main values. It is in the figure's language (English,
    Chinese or Spanish; names the data lack in a language stay in English), and
    is meant for screen readers and for the lessons' alt text.

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
    >>> print(alt_text(plot_figures("jinzhou", "guns", lang="zh")))  # doctest: +ELLIPSIS
    锦州火炮（门）各说法的图表：3个说法，来自3个来源，从600到900不等。...
    >>> plt.close("all")
    """
    what = drawn(ax)
    text = _DESCRIBE[what["kind"]](what, what["lang"])
    return text.replace("。 ", "。") if what["lang"] == "zh" else text


def _campaign_map(what: dict, lang: str) -> str:
    units = localized(load("units").set_index("unit_id"), "name", lang)
    places = localized(load("places").set_index("place_id"), "name", lang)
    if what["phase"]:
        phase = localized(load("phases").set_index("phase_id"), "name", lang)[what["phase"]]
        scope = label(
            "alt.map.phase",
            lang,
            phase=phase,
            start=_day(what["start"], lang),
            end=_day(what["end"], lang),
        )
    else:
        scope = label("alt.map.campaign", lang)
    text = label("alt.map.intro", lang, scope=scope, places=what["places"])
    moves = what["movements"]
    if not moves:
        return text + " " + label("alt.map.none", lang)
    for side in ("communist", "nationalist"):
        mine = [m for m in moves if m[1] == side]
        if mine:
            described = [
                label(
                    "alt.map.move",
                    lang,
                    unit=units[m[5]],
                    how=label(f"alt.kind.{m[2]}", lang),
                    origin=places[m[3]],
                    goal=places[m[4]],
                )
                for m in mine
            ]
            sentence = label(
                "alt.map.moves",
                lang,
                side=label(f"alt.side.{side}", lang),
                n=len(mine),
                moves=_list(described, lang, 4),
            )
            text += " " + _sentence(sentence)
    return text


def _city_assault(what: dict, lang: str) -> str:
    strongpoints = localized(load("strongpoints").set_index("strongpoint_id"), "name", lang)
    units = localized(load("units").set_index("unit_id"), "name", lang)
    taken = [strongpoints[s] for s in what["taken"]]
    held = [strongpoints[s] for s in what["held"]]
    when = format_date(what["time"], lang, long=True, hour=True)
    if lang == "en":  # "14 October 1948 at 23:00"
        when = f"{what['time'].day} October 1948 at {what['time']:%H:%M}"
    text = label("alt.city.intro", lang, when=when, taken=len(taken), total=len(taken) + len(held))
    if taken:
        text += (
            f" ({_list(taken, lang, len(taken))})"
            if lang != "zh"
            else f"（{_list(taken, lang, len(taken))}）"
        )
    text += "。" if lang == "zh" else "."
    if held:
        text += " " + label("alt.city.held", lang, names=_list(held, lang, len(held)))
    if what["axes"]:
        names = _list([units[u] for _, u in what["axes"]], lang, 8)
        text += " " + label("alt.city.axes", lang, names=names)
    return text + " " + label("alt.city.estimate", lang)


def _timeline(what: dict, lang: str) -> str:
    n = len(what["events"])
    first, last = what["starts"][0], what["starts"][-1]
    hour = what["scope"] == "assault"
    low = sum(c == "low" for c in what["confidence"])
    titles = what["local_titles"]
    text = label(
        "alt.timeline.intro",
        lang,
        what=label(f"alt.timeline.{what['scope']}", lang),
        n=n,
        first=format_date(first, lang, long=True, hour=hour),
        last=format_date(last, lang, long=True, hour=hour),
        phases=_list(what["local_phases"], lang),
        first_title=titles[0],
        last_title=titles[-1],
    )
    counts = {side: what["sides"].count(side) for side in ("communist", "nationalist")}
    return text + " " + label("alt.timeline.sides", lang, low=low, **counts)


def _figures(what: dict, lang: str) -> str:
    claims = what["claims"]
    values = [c[2] for c in claims] + [c[3] for c in claims]
    sources = sorted({s for c in claims for s in c[0]})
    text = label(
        "alt.figures.intro",
        lang,
        measure=label(f"measure.{what['measure']}", lang).lower(),
        scope=label(f"scope.{what['scope']}", lang),
        n=len(claims),
        sources=len(sources),
        low=f"{min(values):,}",
        high=f"{max(values):,}",
    )
    parts = [
        label(
            "alt.figures.claim",
            lang,
            source="; ".join(short_citation(s, lang) for s in c[0]),
            value=f"{c[2]:,}"
            if c[3] == c[2]
            else label("alt.figures.range", lang, low=f"{c[2]:,}", high=f"{c[3]:,}"),
            side=label(f"side.{c[1]}", lang),
        )
        for c in claims
    ]
    end = "。" if lang == "zh" else "."
    return text + " " + ("；" if lang == "zh" else "; ").join(parts) + end


def _order_of_battle(what: dict, lang: str) -> str:
    units = localized(load("units").set_index("unit_id"), "name", lang)
    return label(
        "alt.oob",
        lang,
        side=label(f"alt.side.{what['side']}", lang),
        n=len(what["units"]),
        depth=what["depth"],
        top=_list([units[u] for u in what["top"]], lang),
        echelons=_list([e.replace("_", " ") for e in what["echelons"]], lang, 12),
    )


_DESCRIBE = {
    "campaign_map": _campaign_map,
    "city_assault": _city_assault,
    "timeline": _timeline,
    "figures": _figures,
    "order_of_battle": _order_of_battle,
}
