"""Lay each text of a figure out once per look, not at every measurement.

Matplotlib lays a text out (its lines, their sizes, the box around them) every
time something asks for its extent: the layout engine's measuring pass, a
legend's packers (several times per row), the label placement of
:mod:`jinzhou_edu.plots._layout`, and the drawing itself, once more for a saved
picture. Each time it looks the font up again and reads its tables. Our maps
carry a hundred texts and a legend of twenty-odd rows, so a first picture spends
about a third of its time there.

:func:`keep_text_layouts` gives each text of a figure a one-entry memory: the
layout is computed again only when something it depends on changed (the string,
the font, the size, the angle, the alignment, the resolution), so a student who
restyles a label still sees it laid out afresh.
"""

from __future__ import annotations

import functools

from matplotlib.figure import Figure
from matplotlib.text import Text

#: the method of matplotlib's Text that lays a text out (private, hence checked)
_METHOD = "_get_layout"
#: where a text keeps its last look and the layout computed for it
_KEPT = "_jinzhou_kept_layout"


def _look(text: Text, renderer) -> tuple | None:
    """Return everything a text's layout depends on, or None if it is not to be kept."""
    if text.get_wrap() or text.get_usetex():
        return None  # a wrapped text depends on where it stands; TeX is laid out elsewhere
    return (
        type(renderer),
        getattr(renderer, "dpi", None),
        getattr(text.figure, "dpi", None),  # a subfigure has its parent's dpi
        text.get_text(),
        hash(text.get_fontproperties()),
        text.get_rotation(),
        text.get_rotation_mode(),
        text.get_horizontalalignment(),
        text.get_verticalalignment(),
        getattr(text, "_multialignment", None),
        getattr(text, "_linespacing", None),
        text.get_parse_math() if hasattr(text, "get_parse_math") else None,
        # shaping options of newer matplotlib versions
        text.get_fontfeatures() if hasattr(text, "get_fontfeatures") else None,
        text.get_language() if hasattr(text, "get_language") else None,
    )


def _kept_layout(text: Text, renderer, *args, **kwargs):
    """Lay `text` out as matplotlib does, or return the layout kept for its look."""
    compute = getattr(type(text), _METHOD)
    look = _look(text, renderer)
    if look is None or args or kwargs:
        return compute(text, renderer, *args, **kwargs)
    kept = text.__dict__.get(_KEPT)
    if kept is None or kept[0] != look:
        kept = (look, compute(text, renderer))
        setattr(text, _KEPT, kept)
    return kept[1]


def _remember(text: Text) -> None:
    """Give `text` a one-entry memory of its layout (once; later calls do nothing)."""
    if getattr(type(text), _METHOD, None) is None or _METHOD in vars(text):
        return
    # a partial of a module-level function, not a closure: the figure still pickles
    setattr(text, _METHOD, functools.partial(_kept_layout, text))


def keep_text_layouts(figure: Figure) -> None:
    """Let every text now in `figure` keep its layout until its look changes.

    Texts added later (a title a student sets afterwards) are laid out by
    matplotlib as usual. The pictures are the same pixels either way.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure whose texts (titles, labels, legend rows, tick labels made so
        far) keep their layouts. Calling it again is harmless.

    Examples
    --------
    >>> import io
    >>> from matplotlib.figure import Figure
    >>> figure = Figure()
    >>> label = figure.text(0.5, 0.5, "Jinzhou")
    >>> keep_text_layouts(figure)
    >>> figure.savefig(io.BytesIO(), format="png")
    >>> width = label.get_window_extent().width
    >>> label.set_fontsize(20)  # a new look is laid out afresh
    >>> bool(label.get_window_extent().width > width)
    True
    """
    for text in figure.findobj(Text):
        _remember(text)
