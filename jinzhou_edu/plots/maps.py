"""The campaign map and the schematic plan of Jinzhou under assault."""

from __future__ import annotations

import weakref
from datetime import datetime

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, Polygon
from matplotlib.text import Text

from jinzhou_edu import _args, geo, style
from jinzhou_edu.data import geo_layer, load
from jinzhou_edu.i18n import format_date, label, localized, resolve
from jinzhou_edu.plots._base import (
    check_choice,
    china_time,
    doc,
    get_ax,
    record,
    table_or_default,
)
from jinzhou_edu.plots._layout import LabelPlacer, around, wrap
from jinzhou_edu.plots._text_layout import keep_text_layouts

__all__ = [
    "ASSAULT_WINDOW",
    "plot_campaign_map",
    "plot_city_assault",
    "update_campaign_map",
    "update_city_assault",
]

#: the times the city plan can show: the assault and the old-city battle
ASSAULT_WINDOW = (
    pd.Timestamp("1948-10-14 09:00", tz="UTC+08:00"),
    pd.Timestamp("1948-10-15 18:00", tz="UTC+08:00"),
)
#: artists of a drawn map or plan that a slider changes, by Axes (for fast updates)
_DYNAMIC: weakref.WeakKeyDictionary[Axes, dict] = weakref.WeakKeyDictionary()
KIND_LINESTYLE = {
    "march": "-",
    "rail": (0, (6, 2)),
    "sea": (0, (1, 2)),
    "air": (0, (5, 2, 1, 2)),
    "assault": "-",
}
#: the columns of the movements table the campaign map needs
MOVEMENT_COLUMNS = (
    "movement_id",
    "phase_id",
    "unit_id",
    "start",
    "kind",
    "from_place_id",
    "via_place_ids",
    "to_place_id",
)
#: the columns of the strongpoints table the city plan needs
STRONGPOINT_COLUMNS = ("strongpoint_id", "name_en", "place_id", "taken_at", "precision")
#: the old city's walls and gates on the plan
WALL_FILL, WALL_EDGE = "#E5DDCB", "#6B5B3E"
#: size of a new figure: the map, and the legend beside it (inches)
MAP_SIZE, PLAN_SIZE = (10.5, 7.4), (10.5, 7.6)


def _name_places(
    placer: LabelPlacer, xs, ys, names, size: float, background: str, radius: float = 3.5
) -> None:
    """Name each point (a marker of `radius` points) where its name hits nothing else."""
    for x, y in zip(xs, ys, strict=True):
        placer.avoid(x, y, radius)
    for x, y, name in zip(xs, ys, names, strict=True):
        placer.label(
            name,
            around(x, y, (radius + 2, radius + 7, radius + 13)),
            leader=radius + 4,
            **style.font(size),
            zorder=7,
            bbox={"boxstyle": "round,pad=0.1", "facecolor": background, "alpha": 0.75, "lw": 0},
        )


def _number_arrow(placer: LabelPlacer, number: int, points, side: str):
    """Write an arrow's number on its last leg, where it is in view and hits nothing."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    (west, east), (south, north) = placer.ax.get_xlim(), placer.ax.get_ylim()
    candidates = []
    for t in (0.5, 0.35, 0.65, 0.2, 0.8):
        x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        if west < x < east and south < y < north:
            candidates.append((x, y, 0, 0, "center", "center"))
    x, y = candidates[0][:2] if candidates else (x1, y1)
    colour = style.side_style(side)["color"]
    return placer.label(
        str(number),
        [*candidates, *around(x, y, (5, 10))],
        on_lines=True,
        **style.font(6.5, fontfamily="DejaVu Sans"),  # digits only: the CJK face has no bold
        color=colour,
        fontweight="bold",
        zorder=8,
        bbox={"boxstyle": "circle,pad=0.15", "facecolor": "white", "edgecolor": colour, "lw": 1},
    )


class NumberKey(Line2D):
    """A legend entry keying an arrow's number to what it shows: drawn as the number."""

    def __init__(self, number: int, side: str, text: str) -> None:
        super().__init__([], [], color=style.side_style(side)["color"], label=text)
        self.number = number


class _NumberKeyHandler(HandlerBase):
    """Draw a NumberKey in a legend as the arrow's circled number on the map."""

    def create_artists(self, legend, handle, xdescent, ydescent, width, height, fontsize, trans):
        colour = handle.get_color()
        number = Text(
            width / 2 - xdescent,
            height / 2 - ydescent,
            str(handle.number),
            ha="center",
            va="center",
            color=colour,
            fontweight="bold",
            transform=trans,
            **style.font(fontsize * 0.9, fontfamily="DejaVu Sans"),
            bbox={"boxstyle": "circle,pad=0.15", "facecolor": "white", "edgecolor": colour},
        )
        return [number]


#: pass to a legend (``handler_map=``) that holds NumberKey entries
NUMBER_KEYS = {NumberKey: _NumberKeyHandler()}


def _number_handle(number: int, side: str, text: str, lang: str) -> NumberKey:
    """Return a legend entry keying an arrow's number to what it shows (wrapped)."""
    return NumberKey(number, side, wrap(text, lang))


def _map_title(phase: str | None, lang: str) -> str:
    if phase is None:
        return label("map.title", lang)
    return localized(load("phases").set_index("phase_id"), "name", lang)[phase]


def _set_title(ax: Axes, title: str, lang: str) -> None:
    """Title a map, on two lines if long: a map is narrower than its figure."""
    ax.set_title(wrap(title, lang, 48), **style.font(13))


def _keep_out_of_layout(ax: Axes) -> None:
    """Let texts drawn on the map not shrink it in a layout (the legend beside it counts).

    A map keeps its aspect, so it is narrower than the room a layout gives it: it
    stands at the left of that room, next to its legend.
    """
    for artist in ax.texts:
        artist.set_in_layout(False)
    if ax.get_legend() is not None:
        ax.set_anchor("W")


def _campaign_phases() -> list[str]:
    """Return the phases the campaign map draws: those of the Liaoshen campaign.

    The context campaigns (Huaihai, Pingjin) lie outside the map's region.
    """
    phases = load("phases")
    family = _phase_family("liaoshen") - {"jinzhou"}
    return phases.loc[phases["phase_id"].isin(family), "phase_id"].tolist()


def _check_phase(phase: object) -> str | None:
    """Return a phase the campaign map can draw (or None), else raise saying why not."""
    phase = _args.text(phase, "phase", "'liaoshen-1'", optional=True)
    if phase is None:
        return None
    drawn = _campaign_phases()
    if phase not in drawn and phase in set(load("phases")["phase_id"]):
        raise ValueError(
            f"The phase {phase!r} exists, but the campaign map does not draw it on its own "
            "(it is a battle inside a phase, or a campaign outside the map's region): "
            "use plot_timeline or plot_city_assault for the battle of Jinzhou, or one "
            f"of the map's phases: {', '.join(repr(p) for p in drawn)}."
        )
    return check_choice("phase", phase, drawn)


def _phase_family(phase_id: str) -> set[str]:
    """Return a phase and every phase nested in it."""
    phases = load("phases")
    family, frontier = {phase_id}, {phase_id}
    while frontier:
        children = set(phases.loc[phases["parent_id"].isin(frontier), "phase_id"])
        frontier = children - family
        family |= children
    return family


def _arrow(ax, points, side, kind, zorder=4, width=1.8, alpha=0.95, head=16):
    """Draw an arrow along (lon, lat) points, styled by side and kind; return its artists."""
    colour = style.side_style(side)["color"]
    path_x, path_y = zip(*points, strict=False)
    (line,) = ax.plot(
        (*path_x[:-1], path_x[-1]),
        path_y,
        color=colour,
        linewidth=width,
        linestyle=KIND_LINESTYLE[kind],
        zorder=zorder,
        alpha=alpha,
        solid_capstyle="round",
    )
    head = FancyArrowPatch(
        points[-2],
        points[-1],
        arrowstyle="-|>,head_length=0.6,head_width=0.35",
        mutation_scale=head,
        color=colour,
        linewidth=0,
        zorder=zorder + 0.1,
        alpha=alpha,
        shrinkA=0,
        shrinkB=2,
    )
    # add_artist, not add_patch: the map's extent is fixed, and measuring the curved
    # head for the data limits is a large part of drawing an arrow
    ax.add_artist(head)
    start = ax.scatter(
        [path_x[0]],
        [path_y[0]],
        s=18,
        marker=style.side_style(side)["marker"],
        color=colour,
        zorder=zorder + 0.2,
        linewidths=0,
    )
    return [line, head, start]


def plot_campaign_map(
    phase: str | None = None,
    *,
    data: pd.DataFrame | None = None,
    labels: bool | str = True,
    lang: str | None = None,
    ax: Axes | None = None,
    show_movements: bool = True,
) -> Axes:
    """Draw the region from Shanhaiguan to Changchun, with the moves of a phase.

    Land and sea (Natural Earth), the railways, the towns, and for a phase the
    movements of the main forces as arrows: colour and start marker by side
    (Communist or Nationalist), line style by kind (on foot, rail, sea, air).
    Each arrow carries a number, and the legend beside the map says which unit
    made that move; every town is named where its name covers nothing else.
    A scale bar and a north arrow complete it.

    Parameters
    ----------
    phase : str, optional
        A ``phase_id`` from the phases table (e.g. ``"liaoshen-1"``); its
        movements and those of the phases nested in it are drawn. Without it,
        the whole campaign's movements are drawn.
    {data}
    labels : bool or "names", default True
        Name the towns, number the arrows and draw the legend. ``"names"`` names
        the towns only (for small multiples with a shared legend); False draws
        no text but the title, scale and notes.
    {lang}
    {ax}
    show_movements : bool, default True
        Draw the movement arrows.

    {returns}

    Raises
    ------
    ValueError
        For an unknown phase; the message lists the valid ones.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import jinzhou_edu as jz
    >>> ax = plot_campaign_map("liaoshen-1", lang="zh")
    >>> ax.get_title()
    '第一阶段：攻克锦州'
    >>> plt.close("all")
    >>> moves = jz.load("movements")
    >>> ax = plot_campaign_map(data=moves[moves["kind"] == "rail"])
    >>> [text.get_text() for text in ax.get_legend().get_texts()][-1]
    '3rd Column, 12 Sep'
    >>> plt.close("all")
    """
    lang = resolve(lang)
    _args.axes(ax)
    phase = _check_phase(phase)
    labels = _args.flag(labels, "labels", also=("names",))
    show_movements = _args.flag(show_movements, "show_movements")
    moves = table_or_default(data, "movements", MOVEMENT_COLUMNS)
    ax = get_ax(ax, size=MAP_SIZE)
    with style.plot_context():
        geo.frame(ax, geo.REGION)
        geo.draw_land(ax)
        places = load("places").set_index("place_id")
        names = localized(places, "name", lang)
        for _, railway in load("railways").iterrows():
            stops = places.loc[railway["place_ids"]]
            geo.draw_railway(ax, stops["lon"], stops["lat"])
        region = places[places["area"] == "region"]
        schematic = region["precision"] == "schematic"
        ax.scatter(
            region.loc[~schematic, "lon"],
            region.loc[~schematic, "lat"],
            s=16,
            color="black",
            zorder=6,
        )
        ax.scatter(
            region.loc[schematic, "lon"],
            region.loc[schematic, "lat"],
            s=18,
            facecolor="white",
            edgecolor="black",
            linewidth=0.8,
            zorder=6,
        )
        ax.text(
            121.35,
            39.95,
            label("map.sea", lang),
            **style.font(9),
            style="italic",
            color="#4A6A85",
            ha="center",
            zorder=2,
        )
        geo.draw_scale_bar(ax, 100, lang)
        geo.draw_north_arrow(ax, lang, loc=(0.95, 0.07))
        ax.text(
            0.99,
            0.01,
            label("map.source_note", lang),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            **style.font(6),
            color="#555555",
            zorder=8,
        )
        placer = LabelPlacer(ax)
        if labels:
            _name_places(placer, region["lon"], region["lat"], names[region.index], 7.5, style.LAND)

        moves = moves[moves["kind"] != "assault"].sort_values("start", kind="stable")
        if phase is not None:
            moves = moves[moves["phase_id"].isin(_phase_family(phase))]
        units = load("units").set_index("unit_id")
        unit_names = localized(units, "name", lang)
        drawn_moves, arrows, keys = [], [], []
        if show_movements:
            for number, (_, move) in enumerate(moves.iterrows(), start=1):
                route = [
                    move["from_place_id"],
                    *move["via_place_ids"],
                    move["to_place_id"],
                ]
                points = list(zip(places.loc[route, "lon"], places.loc[route, "lat"], strict=False))
                side = units.at[move["unit_id"], "side"]
                artists = _arrow(ax, points, side, move["kind"])
                placer.avoid_line(*zip(*points, strict=True))
                if labels is True:
                    artists.append(_number_arrow(placer, number, points, side))
                    text = label(
                        "map.move_key",
                        lang,
                        unit=unit_names[move["unit_id"]],
                        when=format_date(move["start"], lang),
                    )
                    keys.append(_number_handle(number, side, text, lang))
                arrows.append((move["phase_id"], artists))
                drawn_moves.append(
                    (
                        move["movement_id"],
                        side,
                        move["kind"],
                        move["from_place_id"],
                        move["to_place_id"],
                        move["unit_id"],
                    )
                )

        kinds = [k for k in ("march", "rail", "sea", "air") if k in {m[2] for m in drawn_moves}]
        if labels is True:
            style.legend(ax, _legend_handles(lang, kinds) + keys, size=7, handler_map=NUMBER_KEYS)
        _set_title(ax, _map_title(phase, lang), lang)
    _keep_out_of_layout(ax)
    _DYNAMIC[ax] = {
        "arrows": arrows,
        "moves": drawn_moves,
        "lang": lang,
        "places": len(region),
        "phase_of": dict(zip(moves["movement_id"], moves["phase_id"], strict=False)),
    }
    _record_map(ax, phase, drawn_moves)
    keep_text_layouts(ax.figure)
    return ax


def _record_map(ax: Axes, phase: str | None, moves: list) -> None:
    phases = load("phases").set_index("phase_id")
    record(
        ax,
        kind="campaign_map",
        lang=_DYNAMIC[ax]["lang"],
        phase=phase,
        phase_name=None if phase is None else phases.at[phase, "name_en"],
        start=None if phase is None else phases.at[phase, "start"],
        end=None if phase is None else phases.at[phase, "end"],
        movements=moves,
        places=_DYNAMIC[ax]["places"],
    )


def update_campaign_map(ax: Axes, phase: str | None) -> Axes:
    """Show another phase on a map drawn by :func:`plot_campaign_map` with ``phase=None``.

    Only the movement arrows' visibility and the title change, so a slider can
    move fast.
    """
    phase = _check_phase(phase)
    state = _DYNAMIC[ax]
    family = None if phase is None else _phase_family(phase)
    for move_phase, artists in state["arrows"]:
        for artist in artists:
            artist.set_visible(family is None or move_phase in family)
    _set_title(ax, _map_title(phase, state["lang"]), state["lang"])
    shown = [m for m in state["moves"] if family is None or state["phase_of"][m[0]] in family]
    _record_map(ax, phase, shown)
    return ax


def _legend_handles(lang, kinds):
    handles = []
    for side in ("communist", "nationalist"):
        s = style.side_style(side)
        handles.append(
            Line2D(
                [],
                [],
                color=s["color"],
                marker=s["marker"],
                linewidth=2,
                label=label(f"side.{side}", lang),
            )
        )
    for kind in kinds:
        handles.append(
            Line2D(
                [],
                [],
                color="#333333",
                linewidth=1.6,
                linestyle=KIND_LINESTYLE[kind],
                label=label(f"kind.{kind}", lang),
            )
        )
    handles.append(
        Line2D([], [], color=style.RAILWAY, linewidth=2.2, label=label("map.railway", lang))
    )
    handles.append(
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=5,
            color="black",
            label=label("map.place", lang),
        )
    )
    handles.append(
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=5,
            markerfacecolor="white",
            markeredgecolor="black",
            label=label("map.approx_place", lang),
        )
    )
    return handles


# --- the city plan -----------------------------------------------------------------


def _taken_by(strongpoints: pd.DataFrame, time: pd.Timestamp) -> np.ndarray:
    """Which strongpoints had fallen by `time` (a day-precision capture counts at day's end)."""
    taken_at = strongpoints["taken_at"].copy()
    whole_day = strongpoints["precision"] == "day"
    taken_at[whole_day] = taken_at[whole_day] + pd.Timedelta(hours=23, minutes=59)
    return (taken_at <= time).to_numpy()


def _check_time(time) -> pd.Timestamp:
    if time is None:
        return ASSAULT_WINDOW[1]
    return china_time(time, ASSAULT_WINDOW)


def _plan_layers(ax: Axes) -> None:
    """Draw the old city's walls, the rivers and the railway of the schematic plan."""
    for feature in geo_layer("jinzhou_plan")["features"]:
        coords = np.asarray(
            feature["geometry"]["coordinates"][0]
            if feature["geometry"]["type"] == "Polygon"
            else feature["geometry"]["coordinates"]
        )
        kind = feature["properties"]["kind"]
        if kind == "wall":
            ax.add_patch(
                Polygon(
                    coords,
                    closed=True,
                    facecolor=WALL_FILL,
                    edgecolor=WALL_EDGE,
                    linewidth=2.5,
                    zorder=1,
                )
            )
        elif kind == "river":
            ax.plot(
                coords[:, 0],
                coords[:, 1],
                color=style.WATER,
                linewidth=3,
                zorder=0.8,
                solid_capstyle="round",
            )
        else:
            geo.draw_railway(ax, coords[:, 0], coords[:, 1], width=2.4)


def _in_frame(frame: pd.DataFrame, extent) -> pd.Series:
    west, east, south, north = extent
    return frame["lon"].between(west, east) & frame["lat"].between(south, north)


def _plan_handles(lang: str, numbered: bool = True) -> list:
    held, taken = style.side_style("nationalist"), style.side_style("communist")
    marker = {"marker": "o", "linestyle": "", "markersize": 8}
    return [
        Line2D(
            [],
            [],
            **marker,
            markerfacecolor=taken["color"],
            markeredgecolor=taken["color"],
            label=label("city.taken", lang),
        ),
        Line2D(
            [],
            [],
            **marker,
            markerfacecolor="white",
            markeredgecolor=held["color"],
            label=label("city.held", lang),
        ),
        Line2D(
            [],
            [],
            color=taken["color"],
            marker=taken["marker"],
            markersize=5,
            linewidth=2.6,
            label=label("city.axis_key" if numbered else "kind.assault", lang),
        ),
        Line2D(
            [],
            [],
            marker="s",
            linestyle="",
            markersize=6,
            color=WALL_EDGE,
            label=label("city.gate", lang),
        ),
        Patch(facecolor=WALL_FILL, edgecolor=WALL_EDGE, label=label("city.old_city", lang)),
        Line2D([], [], color=style.RAILWAY, linewidth=2.2, label=label("map.railway", lang)),
        Line2D([], [], color=style.WATER, linewidth=3, label=label("city.rivers", lang)),
    ]


def plot_city_assault(
    time: str | datetime | pd.Timestamp | None = None,
    *,
    data: pd.DataFrame | None = None,
    labels: bool = True,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the schematic plan of Jinzhou and what had been taken by a given time.

    The old city's walls and gates, the rivers, the railway and the station, the
    strongpoints (filled when taken by `time`, hollow while still held, each
    named), and the attack axes of the columns that had begun by then, each
    numbered and keyed to its unit in the legend beside the plan. The plan is
    schematic, and says so on the figure.

    Parameters
    ----------
    time : str, datetime or Timestamp, optional
        A moment between 14 October 1948 09:00 and 15 October 1948 18:00,
        China time (e.g. ``"1948-10-14 15:00"``). By default the end of the
        battle.
    {data}
    labels : bool, default True
        Name the strongpoints, number the attack axes and draw the legend (turn
        off for small multiples).
    {lang}
    {ax}

    {returns}

    Raises
    ------
    ValueError
        For a time outside the battle or one that cannot be read.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import jinzhou_edu as jz
    >>> ax = plot_city_assault("1948-10-14 15:00")
    >>> ax.get_title()
    'Jinzhou, 14 October 1948, 15:00'
    >>> plt.close("all")
    >>> strongpoints = jz.load("strongpoints")
    >>> gates = strongpoints[strongpoints["strongpoint_id"].str.endswith("gate")]
    >>> ax = plot_city_assault(data=gates, lang="es")
    >>> sorted(text.get_text() for text in ax.texts if "Puerta" in text.get_text())
    ['Puerta Este', 'Puerta Norte', 'Puerta Sur']
    >>> plt.close("all")
    """
    lang = resolve(lang)
    _args.axes(ax)
    stamp = _check_time(time)
    labels = _args.flag(labels, "labels")
    strongpoints = table_or_default(data, "strongpoints", STRONGPOINT_COLUMNS)
    ax = get_ax(ax, size=PLAN_SIZE)
    with style.plot_context():
        geo.frame(ax, geo.CITY)
        ax.set_facecolor(style.LAND)
        places = load("places").set_index("place_id")
        _plan_layers(ax)
        gates = places[places["kind"] == "gate"]
        ax.scatter(gates["lon"], gates["lat"], marker="s", s=30, color=WALL_EDGE, zorder=2)

        strongpoints = strongpoints.merge(
            places[["lon", "lat"]], left_on="place_id", right_index=True
        )
        strongpoints = strongpoints[_in_frame(strongpoints, geo.CITY)].reset_index(drop=True)
        points = ax.scatter(
            strongpoints["lon"],
            strongpoints["lat"],
            s=70,
            marker="o",
            zorder=6,
            linewidths=1.6,
        )
        ax.text(
            0.01,
            0.01,
            label("city.schematic", lang),
            transform=ax.transAxes,
            **style.font(7),
            style="italic",
            va="bottom",
            zorder=8,
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": "#FFF6D5",
                "edgecolor": style.OKABE_ITO["orange"],
            },
        )
        geo.draw_scale_bar(ax, 1, lang, loc=(0.78, 0.05))
        geo.draw_north_arrow(ax, lang, loc=(0.05, 0.86))
        placer = LabelPlacer(ax)
        if labels:
            _name_places(
                placer,
                strongpoints["lon"],
                strongpoints["lat"],
                localized(strongpoints, "name", lang),
                6.5,
                "white",
                radius=5.5,
            )
            for x, y in zip(gates["lon"], gates["lat"], strict=True):
                placer.avoid(x, y, 3)

        moves = load("movements")
        moves = moves[moves["kind"] == "assault"].sort_values("start", kind="stable")
        unit_names = localized(load("units").set_index("unit_id"), "name", lang)
        axes_artists, keys = [], []
        for number, (_, move) in enumerate(moves.iterrows(), start=1):
            route = [move["from_place_id"], *move["via_place_ids"], move["to_place_id"]]
            route_points = list(
                zip(places.loc[route, "lon"], places.loc[route, "lat"], strict=False)
            )
            artists = _arrow(
                ax, route_points, "communist", "assault", zorder=4, width=2.6, alpha=0.8, head=20
            )
            placer.avoid_line(*zip(*route_points, strict=True))
            if labels:
                artists.append(_number_arrow(placer, number, route_points, "communist"))
                text = label(
                    "map.move_key",
                    lang,
                    unit=unit_names[move["unit_id"]],
                    when=format_date(move["start"], lang, hour=True),
                )
                keys.append(_number_handle(number, "communist", text, lang))
            axes_artists.append((move["start"], move["movement_id"], move["unit_id"], artists))
        key_rows = []
        if labels:
            legend = style.legend(ax, _plan_handles(lang) + keys, size=7, handler_map=NUMBER_KEYS)
            # the keys of the attack axes: greyed until their attack has begun
            rows = zip(
                legend.legend_handles[-len(keys) :], legend.get_texts()[-len(keys) :], strict=True
            )
            key_rows = [(start, row) for (start, *_), row in zip(axes_artists, rows, strict=True)]
    _keep_out_of_layout(ax)
    _DYNAMIC[ax] = {
        "points": points,
        "strongpoints": strongpoints,
        "axes": axes_artists,
        "key_rows": key_rows if keys else [],
        "lang": lang,
    }
    update_city_assault(ax, stamp)
    keep_text_layouts(ax.figure)
    return ax


def update_city_assault(ax: Axes, time) -> Axes:
    """Show another moment on a plan drawn by :func:`plot_city_assault`.

    Only what changes with time is touched (the strongpoints' fill, which attack
    axes are shown, the title), so a slider can move fast.
    """
    stamp = _check_time(time)
    state = _DYNAMIC[ax]
    strongpoints, lang = state["strongpoints"], state["lang"]
    is_taken = _taken_by(strongpoints, stamp)
    taken_colour, held_colour = (
        style.side_style("communist")["color"],
        style.side_style("nationalist")["color"],
    )
    state["points"].set_facecolors([taken_colour if t else "white" for t in is_taken])
    state["points"].set_edgecolors([taken_colour if t else held_colour for t in is_taken])
    shown = []
    for start, movement_id, unit_id, artists in state["axes"]:
        visible = start <= stamp
        for artist in artists:
            artist.set_visible(visible)
        if visible:
            shown.append((movement_id, unit_id))
    for start, artists in state["key_rows"]:
        for artist in artists:
            artist.set_alpha(1.0 if start <= stamp else 0.3)
    _set_title(
        ax, label("city.title", lang, time=format_date(stamp, lang, long=True, hour=True)), lang
    )
    record(
        ax,
        kind="city_assault",
        lang=lang,
        time=stamp,
        taken=strongpoints.loc[is_taken, "strongpoint_id"].tolist(),
        held=strongpoints.loc[~is_taken, "strongpoint_id"].tolist(),
        axes=shown,
    )
    return ax


doc(plot_campaign_map, "movements", MOVEMENT_COLUMNS)
doc(plot_city_assault, "strongpoints", STRONGPOINT_COLUMNS)
