"""Map layers and projection for the campaign map and the city plan.

Both maps are drawn in longitude and latitude with the aspect ratio set so that
a kilometre east-west looks as long as a kilometre north-south at the map's
middle latitude (an equirectangular projection, good enough at these scales).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrow, Polygon, Rectangle

from jinzhou_edu import style
from jinzhou_edu.data import geo_layer
from jinzhou_edu.i18n import label

#: west, east, south, north of the campaign map (degrees)
REGION = (118.8, 126.3, 39.2, 44.5)
#: west, east, south, north of the Jinzhou plan (degrees)
CITY = (121.085, 121.17, 41.087, 41.149)
KM_PER_DEGREE_LAT = 111.2


def km_per_degree_lon(lat: float) -> float:
    """Kilometres in one degree of longitude at a latitude.

    Examples
    --------
    >>> round(km_per_degree_lon(41.1), 1)
    83.8
    """
    return KM_PER_DEGREE_LAT * math.cos(math.radians(lat))


def frame(ax: Axes, extent: tuple[float, float, float, float]) -> None:
    """Set the map's extent and a true-to-scale aspect; hide the axis frame."""
    west, east, south, north = extent
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color(style.NEUTRAL)
        spine.set_linewidth(0.6)


def draw_land(ax: Axes) -> None:
    """Paint the sea as the background and the land on top of it."""
    ax.set_facecolor(style.SEA)
    for feature in geo_layer("coastline")["features"]:
        ring = np.asarray(feature["geometry"]["coordinates"][0])
        ax.add_patch(
            Polygon(
                ring,
                closed=True,
                facecolor=style.LAND,
                edgecolor="#9C9483",
                linewidth=0.5,
                zorder=0.5,
            )
        )


def draw_railway(ax: Axes, lons, lats, width: float = 2.2) -> None:
    """Draw a railway line as a dark line with white dashes (the map convention)."""
    ax.plot(
        lons,
        lats,
        color=style.RAILWAY,
        linewidth=width,
        solid_capstyle="butt",
        zorder=1.5,
    )
    ax.plot(
        lons,
        lats,
        color="white",
        linewidth=width * 0.45,
        linestyle=(0, (3, 3)),
        zorder=1.6,
    )


def draw_scale_bar(ax: Axes, km: float, lang: str | None = None, loc=(0.05, 0.05)) -> None:
    """Draw a scale bar `km` long near the lower left corner of a map."""
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    lat = south + (north - south) * loc[1]
    x0 = west + (east - west) * loc[0]
    length = km / km_per_degree_lon(lat)
    height = (north - south) * 0.008
    for i in range(2):
        ax.add_patch(
            Rectangle(
                (x0 + i * length / 2, lat),
                length / 2,
                height,
                facecolor="black" if i == 0 else "white",
                edgecolor="black",
                linewidth=0.6,
                zorder=5,
            )
        )
    text = {**style.font(7), "ha": "center", "va": "bottom", "zorder": 5}
    ax.text(x0, lat + height * 1.6, "0", **text)
    ax.text(x0 + length, lat + height * 1.6, f"{km:g} {label('map.km', lang)}", **text)


def draw_north_arrow(ax: Axes, lang: str | None = None, loc=(0.94, 0.86)) -> None:
    """Draw a north arrow near the upper right corner of a map."""
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    x = west + (east - west) * loc[0]
    y = south + (north - south) * loc[1]
    dy = (north - south) * 0.07
    ax.add_patch(
        FancyArrow(
            x,
            y,
            0,
            dy,
            width=(east - west) * 0.004,
            head_width=(east - west) * 0.02,
            head_length=dy * 0.4,
            length_includes_head=True,
            color="black",
            zorder=5,
        )
    )
    ax.text(
        x,
        y + dy * 1.08,
        label("map.north", lang),
        ha="center",
        va="bottom",
        **style.font(9),
        zorder=5,
    )
