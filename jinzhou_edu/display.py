"""Show a figure in a notebook with its description, for every reader.

:func:`show` is how lessons show a figure: a sharp picture, its alt text in
the output's metadata for screen readers, and the same description written
under it, where every student can read it.
"""

from __future__ import annotations

import base64
import html

from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["FigureWithDescription", "show"]

_LABELS = {
    "en": "Description of the figure",
    "zh": "图的说明",
    "es": "Descripción de la figura",
}


class FigureWithDescription:
    """A figure rendered to PNG, with its description; shows itself in a notebook.

    Parameters
    ----------
    png : bytes
        The picture, drawn at twice the resolution it is shown at.
    width : int
        The width to show it at, in CSS pixels.
    description : str
        The alt text.
    lang : {"en", "zh", "es"}
        The language of the description's heading.
    """

    def __init__(self, png: bytes, width: int, description: str, lang: str = "en") -> None:
        self.png, self.width, self.description, self.lang = png, width, description, lang

    def _repr_mimebundle_(self, include=None, exclude=None):
        label = _LABELS.get(self.lang, _LABELS["en"])
        encoded = base64.b64encode(self.png).decode("ascii")
        alt = html.escape(self.description, quote=True)
        page = (
            f'<figure class="jinzhou-figure" style="margin:0">'
            f'<img src="data:image/png;base64,{encoded}" alt="{alt}" '
            f'style="width:{self.width}px;max-width:100%;height:auto">'
            f'<figcaption style="font-size:0.9em;color:#3c4043;max-width:{self.width}px">'
            f"<strong>{html.escape(label)}:</strong> {html.escape(self.description)}"
            "</figcaption></figure>"
        )
        data = {
            "image/png": encoded,
            "text/html": page,
            "text/plain": f"{label}: {self.description}",
        }
        metadata = {"image/png": {"width": self.width, "alt": self.description}}
        return data, metadata

    def __repr__(self) -> str:
        return f"{_LABELS.get(self.lang, _LABELS['en'])}: {self.description}"


def show(ax: Axes, *, description: str | None = None, lang: str | None = None):
    """Show a figure drawn by a plot function, with its description beneath it.

    The picture is drawn at twice the screen's resolution (sharp on any
    screen), the description goes into the output's metadata for screen
    readers and is written under the picture, and the figure is closed so
    that the notebook does not show it a second time.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        An Axes returned by a ``jz.plot_*`` function.
    description : str, optional
        The alt text (default: :func:`jinzhou_edu.alt_text` of `ax`, in the
        figure's language).
    lang : {"en", "zh", "es"}, optional
        The language of the heading "Description of the figure" (default: the
        language set with :func:`jinzhou_edu.set_language`).

    Returns
    -------
    FigureWithDescription
        Shows itself as the picture and its description.

    Examples
    --------
    >>> import jinzhou_edu as jz
    >>> shown = jz.show(jz.plot_figures("jinzhou", "guns"))
    >>> shown.png.startswith(b"PNG", 1), shown.description[:24]
    (True, 'Chart of the claims for ')
    """
    import matplotlib.pyplot as plt

    from jinzhou_edu import _args
    from jinzhou_edu._png import figure_png
    from jinzhou_edu.i18n import resolve
    from jinzhou_edu.plots import alt_text

    if not isinstance(ax, Axes):
        raise TypeError(
            f"show() takes the Axes that a jz.plot_* function returns, not {type(ax).__name__}."
        )
    description = _args.text(description, "description", "'A map of ...'", optional=True)
    lang = resolve(lang)
    figure: Figure = ax.figure
    if description is None:
        description = alt_text(ax)
    dpi = figure.dpi
    png = figure_png(figure, 2 * dpi)
    width = round(figure.get_figwidth() * dpi)
    plt.close(figure)
    return FigureWithDescription(png, width, description, lang)
