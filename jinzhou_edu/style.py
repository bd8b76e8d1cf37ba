"""The look of every figure: palette, side styles, the bundled CJK font.

All colours come from the Okabe-Ito palette, which readers with the common forms
of colour blindness can tell apart, and every colour is paired with a marker or a
line style so that a figure also reads in black and white. Each side has one
colour everywhere.

The bundled font (a subset of Noto Sans CJK SC, renamed "Jinzhou Sans SC", SIL
OFL 1.1) is registered with matplotlib the first time a plot is drawn, not at
import, and every text the package draws names it as a fallback (see :func:`font`).
Nothing here changes matplotlib's global settings.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

__all__ = ["OKABE_ITO", "SIDE_STYLES", "font_path", "plot_context", "side_style"]

#: Okabe & Ito (2008), "Color Universal Design"
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: one colour, marker and line style per side, used by every plot
SIDE_STYLES = {
    "communist": {"color": OKABE_ITO["vermillion"], "marker": "o", "linestyle": "-"},
    "nationalist": {"color": OKABE_ITO["blue"], "marker": "s", "linestyle": "--"},
    "civilians": {"color": OKABE_ITO["black"], "marker": "^", "linestyle": ":"},
}

#: fill and line colours of the map and plan
LAND = "#F3EFE6"
SEA = "#DCEBF5"
RAILWAY = "#4D4D4D"
WATER = OKABE_ITO["sky_blue"]
NEUTRAL = "#7F7F7F"

FONT_FAMILY = "Jinzhou Sans SC"


def side_style(side: str) -> dict[str, str]:
    """Return the colour, marker and line style of a side.

    Examples
    --------
    >>> side_style("nationalist")["color"]
    '#0072B2'
    """
    return dict(SIDE_STYLES[side])


def font_path() -> Path:
    """Return the path of the bundled CJK font file.

    Examples
    --------
    >>> font_path().name
    'JinzhouSansSC.otf'
    """
    return Path(str(resources.files("jinzhou_edu") / "fonts" / "JinzhouSansSC.otf"))


@functools.cache
def _register_font() -> str:
    """Add the bundled font to matplotlib's font manager, once."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font_path()))
    return FONT_FAMILY


def font(size: float | None = None, **extra: object) -> dict:
    """Text properties that render Latin, pinyin and Chinese: pass as ``**font()``.

    Matplotlib fixes a text's font when the text is created, so the family list
    is given to every text the package draws (titles, labels, legends, ticks)
    rather than set in global settings.

    Examples
    --------
    >>> font(9)["fontfamily"]
    ['DejaVu Sans', 'Jinzhou Sans SC']
    """
    properties: dict = {"fontfamily": ["DejaVu Sans", _register_font()], **extra}
    if size is not None:
        properties["fontsize"] = size
    return properties


def legend_font(size: float = 7):
    """FontProperties for a legend, with the Chinese fallback."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(family=["DejaVu Sans", _register_font()], size=size)


def legend(
    ax,
    handles: list,
    loc: str = "outside",
    size: float = 7,
    alpha: float = 0.85,
    ncol: int = 1,
    title: str | None = None,
    handler_map: dict | None = None,
):
    """Draw the package's legend box (white, with the CJK font) on `ax`.

    ``loc="outside"`` (the default) puts it beside the Axes, on the right, where
    it can be taken neither for data nor cover any; a layout engine makes room.
    """
    where = {"loc": loc}
    if loc == "outside":
        where = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0}
        alpha = 1.0
    legend = ax.legend(
        handles=handles,
        numpoints=1,
        ncol=ncol,
        prop=legend_font(size),
        frameon=True,
        facecolor="white",
        framealpha=alpha,
        edgecolor="#BBBBBB" if loc == "outside" else "none",
        title=title,
        title_fontproperties=legend_font(size),
        alignment="left",
        handler_map=handler_map,
        **where,
    )
    return legend


@contextlib.contextmanager
def plot_context() -> Iterator[None]:
    """Draw inside this context: the bundled font is registered, colours cycle Okabe-Ito.

    Texts get the CJK fallback from :func:`font` one by one (a font is fixed when
    a text is created, often before this context is entered); this context only
    sets the colour cycle for lines drawn without a colour, and restores
    matplotlib's settings on exit.
    """
    import matplotlib as mpl
    from cycler import cycler

    _register_font()
    with mpl.rc_context({"axes.prop_cycle": cycler(color=list(OKABE_ITO.values())[1:])}):
        yield
