"""Timelines: phases as bands, events as labelled markers, one row each."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from jinzhou_edu import style
from jinzhou_edu.data import load
from jinzhou_edu.i18n import format_date, label, localized, resolve
from jinzhou_edu.plots._base import DOCS, check_choice, get_ax, record, side_of_units

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


def plot_timeline(
    scope: str = "campaign", *, lang: str | None = None, ax: Axes | None = None
) -> Axes:
    """Draw phases as bands and events as labelled markers, one event per row.

    Each marker's colour and shape give the side of the units involved
    (Communist, Nationalist, or grey when both or none), and its fill gives the
    confidence of the sources: full for high, half for medium, empty for low.
    An event with an end, or known only to the day, is drawn as a bar.

    Parameters
    ----------
    scope : {{"campaign", "jinzhou", "assault"}}, default "campaign"
        ``"campaign"``: 7 September to 2 November, day by day, with the battle of
        Jinzhou shown by its headline events. ``"jinzhou"``: the battle from the
        first fighting north of the city to its fall. ``"assault"``: 14-15
        October hour by hour.
    {lang}
    {ax}

    {returns}

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_timeline("assault", lang="es")
    >>> ax.get_title()
    'El asalto general, 14–15 de octubre de 1948'
    >>> plt.close("all")
    """
    lang = resolve(lang)
    check_choice("scope", scope, SCOPES)
    ax = get_ax(ax)
    events, phases = load("events"), load("phases").set_index("phase_id")
    chosen = _select(scope, events, phases.reset_index()).reset_index(drop=True)
    units = load("units").set_index("unit_id")
    titles = localized(chosen, "title", lang)
    start, end = _local(chosen["start"]), _local(chosen["end"])
    day_long = chosen["precision"] == "day"
    end = end.where(end.notna(), start + pd.to_timedelta(day_long.astype(int), unit="D"))

    band = phases.loc[BAND_PHASES[scope]]
    band_start, band_end = _local(band["start"]), _local(band["end"])
    band_end = band_end.where(band["precision"] != "day", band_end + pd.Timedelta(days=1))
    lo = min(start.min(), band_start.min())
    hi = max(end.max(), band_end.max())
    if scope == "assault":
        lo, hi = pd.Timestamp("1948-10-14 00:00"), pd.Timestamp("1948-10-15 19:00")
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
    n = len(chosen)

    with style.plot_context():
        names = localized(band, "name", lang)
        for i, phase_id in enumerate(band.index):
            ax.axvspan(
                max(band_start[phase_id], lo),
                min(band_end[phase_id], hi),
                color=BAND_COLOURS[i % len(BAND_COLOURS)],
                alpha=0.13,
                linewidth=0,
                zorder=0,
            )
            middle = (
                max(band_start[phase_id], lo)
                + (min(band_end[phase_id], hi) - max(band_start[phase_id], lo)) / 2
            )
            ax.text(
                middle,
                -0.9 - 1.5 * (i % 2),
                names[phase_id].replace(": ", ":\n").replace("：", "：\n"),
                ha="center",
                va="bottom",
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
            right_half = start[row] > lo + (hi - lo) * 0.62
            ax.text(
                start[row] - pad * 0.6 if right_half else max(start[row], end[row]) + pad * 0.6,
                row,
                titles[row],
                ha="right" if right_half else "left",
                va="center",
                **style.font(7),
                zorder=4,
            )
        ax.set_xlim(lo - pad, hi + pad)
        ax.set_ylim(n - 0.3, -4.6 if len(band) > 1 else -3.2)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
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
        style.legend(ax, handles, loc="lower left", size=6.5, alpha=0.9, ncol=2)
    record(
        ax,
        kind="timeline",
        lang=lang,
        scope=scope,
        events=chosen["event_id"].tolist(),
        titles=chosen["title_en"].tolist(),
        starts=chosen["start"].tolist(),
        sides=sides,
        confidence=chosen["confidence"].astype(str).tolist(),
        phases=band["name_en"].tolist(),
    )
    return ax


plot_timeline.__doc__ = plot_timeline.__doc__.format(**DOCS)
