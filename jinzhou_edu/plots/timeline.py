"""Timelines: phases as bands, events as labelled markers, one row each."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from jinzhou_edu import _args, style
from jinzhou_edu.data import load
from jinzhou_edu.i18n import format_date, label, localized, resolve
from jinzhou_edu.plots._base import (
    check_choice,
    doc,
    get_ax,
    record,
    side_of_units,
    table_or_default,
)
from jinzhou_edu.plots._layout import LabelPlacer
from jinzhou_edu.plots._text_layout import keep_text_layouts

__all__ = ["SCOPES", "plot_timeline"]

SCOPES = ("campaign", "jinzhou", "assault")
#: the Jinzhou events that stand for the battle on the campaign timeline
CAMPAIGN_HEADLINES = [
    "jinzhou-encircled",
    "water-reservoir-battle",
    "bombardment-begins",
    "old-city-cleared",
]
#: the hour-level events shown on the Jinzhou timeline (the rest are on "assault")
JINZHOU_HEADLINES = [
    "bombardment-begins",
    "north-west-breakthrough",
    "central-bank-taken",
    "order-before-dusk",
    "old-city-cleared",
]
BAND_PHASES = {
    "campaign": ["liaoshen-1", "liaoshen-2", "liaoshen-3"],
    "jinzhou": [
        "jinzhou-closing-in",
        "jinzhou-outer",
        "jinzhou-assault",
        "jinzhou-old-city",
    ],
    "assault": ["jinzhou-assault", "jinzhou-old-city"],
}
BAND_COLOURS = [
    style.OKABE_ITO["sky_blue"],
    style.OKABE_ITO["orange"],
    style.OKABE_ITO["bluish_green"],
    style.OKABE_ITO["reddish_purple"],
]
FILL = {"high": "full", "medium": "left", "low": "none"}


def _local(series: pd.Series) -> pd.Series:
    """China time without the zone, for plotting."""
    return series.dt.tz_localize(None)


def _jinzhou_family(phases: pd.DataFrame) -> set[str]:
    family, frontier = {"jinzhou"}, {"jinzhou"}
    while frontier:
        frontier = set(phases.loc[phases["parent_id"].isin(frontier), "phase_id"]) - family
        family |= frontier
    return family


def _select(scope: str, events: pd.DataFrame, phases: pd.DataFrame) -> pd.DataFrame:
    in_jinzhou = events["phase_id"].isin(_jinzhou_family(phases))
    if scope == "campaign":
        keep = ~in_jinzhou | events["event_id"].isin(CAMPAIGN_HEADLINES)
    elif scope == "jinzhou":
        keep = in_jinzhou & (
            (events["precision"] == "day") | events["event_id"].isin(JINZHOU_HEADLINES)
        )
    else:
        start = _local(events["start"])
        keep = start.between(pd.Timestamp("1948-10-14"), pd.Timestamp("1948-10-15 18:00"))
    return events[keep].sort_values("start", kind="stable")


#: the columns of the events table a timeline needs
COLUMNS = (
    "event_id",
    "start",
    "end",
    "precision",
    "phase_id",
    "title_en",
    "unit_ids",
    "confidence",
)
#: inches per event row, and around the rows (title, phase names, dates)
ROW_HEIGHT, FRAME_HEIGHT = 0.2, 2.3
#: the phase names stack in up to this many levels above the first event
PHASE_LEVELS = 3


def _window(scope: str, band_start: pd.Series, band_end: pd.Series) -> tuple:
    """Return the span a scope covers: its phases, and the events it shows by default."""
    if scope == "assault":
        return pd.Timestamp("1948-10-14 00:00"), pd.Timestamp("1948-10-15 19:00")
    default = _local(_select(scope, load("events"), load("phases"))["start"])
    return min(band_start.min(), default.min()), max(band_end.max(), default.max())


def plot_timeline(
    scope: str = "campaign",
    *,
    data: pd.DataFrame | None = None,
    labels: bool = True,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw phases as bands and events as labelled markers, one event per row.

    Each marker's colour and shape give the side of the units involved
    (Communist, Nationalist, or grey when both or none), and its fill gives the
    confidence of the sources: full for high, half for medium, empty for low.
    An event with an end, or known only to the day, is drawn as a bar. Each
    event's title stands beside it, on its own row, so none covers another; a
    new figure is made as tall as the events need.

    Parameters
    ----------
    scope : {{"campaign", "jinzhou", "assault"}}, default "campaign"
        ``"campaign"``: 7 September to 2 November, day by day, with the battle of
        Jinzhou shown by its headline events. ``"jinzhou"``: the battle from the
        first fighting north of the city to its fall. ``"assault"``: 14-15
        October hour by hour.
    {data}
        Given `data`, every row whose start falls in the scope's time span is
        drawn (the scope then chooses only the span, the phases and the title).
    labels : bool, default True
        Write each event's title beside it (turn off for small multiples).
    {lang}
    {ax}

    {returns}

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import jinzhou_edu as jz
    >>> ax = plot_timeline("assault", lang="es")
    >>> ax.get_title()
    'El asalto general, 14–15 de octubre de 1948'
    >>> plt.close("all")
    >>> events = jz.load("events")
    >>> second = events[events["unit_ids"].map(lambda ids: "pla.nefa.2col" in ids)]
    >>> ax = plot_timeline("jinzhou", data=second)
    >>> len(ax.texts) - 4  # one title per event, after the four phase names
    4
    >>> plt.close("all")
    """
    lang = resolve(lang)
    _args.axes(ax)
    scope = check_choice("scope", scope, SCOPES)
    labels = _args.flag(labels, "labels")
    phases = load("phases").set_index("phase_id")
    band = phases.loc[BAND_PHASES[scope]]
    band_start, band_end = _local(band["start"]), _local(band["end"])
    band_end = band_end.where(band["precision"] != "day", band_end + pd.Timedelta(days=1))
    if data is None:
        chosen = _select(scope, load("events"), phases.reset_index())
    else:
        events = table_or_default(data, "events", COLUMNS)
        window = _window(scope, band_start, band_end)
        chosen = events[_local(events["start"]).between(*window)].sort_values(
            "start", kind="stable"
        )
        if chosen.empty:
            raise ValueError(
                f"None of the {len(events)} events in data starts within the {scope!r} "
                f"timeline ({window[0]:%d %b} to {window[1]:%d %b %Y}); try another scope."
            )
    chosen = chosen.reset_index(drop=True)
    n = len(chosen)
    ax = get_ax(ax, size=(10, FRAME_HEIGHT + ROW_HEIGHT * (n + 4.5)))
    units = load("units").set_index("unit_id")
    titles = localized(chosen, "title", lang)
    start, end = _local(chosen["start"]), _local(chosen["end"])
    day_long = chosen["precision"] == "day"
    end = end.where(end.notna(), start + pd.to_timedelta(day_long.astype(int), unit="D"))

    lo = min(start.min(), band_start.min())
    hi = max(end.max(), band_end.max())
    if scope == "assault":
        lo, hi = _window(scope, band_start, band_end)
    with_hour = scope == "assault"
    ticks = pd.date_range(
        lo.normalize(),
        hi,
        freq="6h" if with_hour else ("7D" if scope == "campaign" else "3D"),
    )
    tick_labels = [format_date(tick, lang, hour=with_hour, sep="\n") for tick in ticks]
    # matplotlib date numbers from here on
    start, end = mdates.date2num(start.to_numpy()), mdates.date2num(end.to_numpy())
    band_start = pd.Series(mdates.date2num(band_start.to_numpy()), index=band.index)
    band_end = pd.Series(mdates.date2num(band_end.to_numpy()), index=band.index)
    lo, hi = mdates.date2num(lo), mdates.date2num(hi)
    ticks = mdates.date2num(ticks.to_numpy())
    pad = (hi - lo) * 0.02
    header = 1.5 * PHASE_LEVELS  # rows kept free above the events for the phase names

    with style.plot_context():
        placer = LabelPlacer(ax)
        names = localized(band, "name", lang)
        for i, phase_id in enumerate(band.index):
            left, right = max(band_start[phase_id], lo), min(band_end[phase_id], hi)
            ax.axvspan(
                left,
                right,
                color=BAND_COLOURS[i % len(BAND_COLOURS)],
                alpha=0.13,
                linewidth=0,
                zorder=0,
            )
            placer.label(
                names[phase_id].replace(": ", ":\n").replace("：", "：\n"),
                [
                    (x, -0.7, 0, 21 * level, ha, "bottom")
                    for level in range(PHASE_LEVELS)
                    for x, ha in [
                        (left + (right - left) / 2, "center"),
                        (left, "left"),
                        (right, "right"),
                    ]
                ],
                **style.font(7),
                color="#333333",
                linespacing=1.1,
            )
        sides = []
        for row in range(n):
            event = chosen.iloc[row]
            side = side_of_units(event["unit_ids"], units)
            sides.append(side)
            look = style.side_style(side) if side else {"color": style.NEUTRAL, "marker": "D"}
            if end[row] > start[row]:
                ax.plot(
                    [start[row], end[row]],
                    [row, row],
                    color=look["color"],
                    linewidth=3,
                    alpha=0.45,
                    solid_capstyle="butt",
                    zorder=2,
                )
            ax.plot(
                [start[row]],
                [row],
                marker=look["marker"],
                markersize=6,
                color=look["color"],
                fillstyle=FILL[event["confidence"]],
                markerfacecoloralt="white",
                markeredgewidth=1.1,
                linestyle="",
                zorder=3,
            )
            if labels:
                right_first = start[row] < lo + (hi - lo) * 0.62
                sides_of_row = [
                    (max(start[row], end[row]), row, 6, 0, "left", "center"),
                    (start[row], row, -6, 0, "right", "center"),
                ]
                candidates = sides_of_row if right_first else sides_of_row[::-1]
                placer.label(titles[row], candidates, **style.font(7))
        ax.set_xlim(lo - pad, hi + pad)
        ax.set_ylim(n - 0.4, -header)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.spines["right"].set_visible(False)
        inside = (ticks >= lo - pad) & (ticks <= hi + pad)
        ax.set_xticks(ticks[inside], np.asarray(tick_labels)[inside].tolist(), **style.font(7))
        ax.set_xlabel(
            label("timeline.time" if with_hour else "timeline.date", lang),
            **style.font(8),
        )
        ax.set_title(label(f"timeline.{scope}", lang), **style.font(13))
        handles = []
        for side in ("communist", "nationalist"):
            look = style.side_style(side)
            handles.append(
                Line2D(
                    [],
                    [],
                    marker=look["marker"],
                    color=look["color"],
                    linestyle="",
                    label=label(f"side.{side}", lang),
                )
            )
        handles.append(
            Line2D(
                [],
                [],
                marker="D",
                color=style.NEUTRAL,
                linestyle="",
                label=label("timeline.both_or_none", lang),
            )
        )
        for level in ("high", "medium", "low"):
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    color="#333333",
                    fillstyle=FILL[level],
                    markerfacecoloralt="white",
                    linestyle="",
                    label=label(f"confidence.{level}", lang),
                )
            )
        style.legend(ax, handles, loc="outside", size=7)
    record(
        ax,
        kind="timeline",
        lang=lang,
        scope=scope,
        events=chosen["event_id"].tolist(),
        titles=chosen["title_en"].tolist(),
        local_titles=titles.tolist(),
        starts=chosen["start"].tolist(),
        sides=sides,
        confidence=chosen["confidence"].astype(str).tolist(),
        phases=band["name_en"].tolist(),
        local_phases=names.tolist(),
    )
    keep_text_layouts(ax.figure)
    return ax


doc(plot_timeline, "events", COLUMNS)
