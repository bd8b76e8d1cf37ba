"""What every plot function shares.

The Axes to draw on, argument checks, and a record of what was drawn (for
:func:`jinzhou_edu.alt_text`).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from datetime import datetime

import pandas as pd
from matplotlib.axes import Axes

from jinzhou_edu import _args
from jinzhou_edu._schema import CHINA_TIME

#: what each plot drew, by Axes: read by alt_text
_DRAWN: weakref.WeakKeyDictionary[Axes, dict] = weakref.WeakKeyDictionary()

#: shared parameter descriptions, formatted into every docstring
DOCS = {
    "ax": """ax : matplotlib.axes.Axes, optional
        The Axes to draw on. By default the current Axes (``plt.gca()``) if a
        figure is open, else a new figure sized to what is drawn, laid out by
        matplotlib's constrained layout (as in a fresh notebook cell).""",
    "data": """data : pandas.DataFrame, optional
        The rows to draw: the package's ``{table}`` table (``jz.load("{table}")``)
        by default, or any part of it, e.g. filtered with ``.query(...)`` or
        ``.loc[...]``. It must have the table's columns {columns}; a table
        without them is refused with a message naming the missing ones.""",
    "lang": """lang : {"en", "zh", "es"}, optional
        Language of titles, labels and names. By default the language chosen
        with :func:`jinzhou_edu.set_language` (English unless changed).""",
    "returns": """Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.""",
}


def get_ax(ax: Axes | None, size: tuple[float, float] | None = None) -> Axes:
    """Return `ax`; else the current Axes if a figure is open; else a new one.

    The new figure is `size` inches and laid out by the constrained layout
    engine, so that its titles, labels and legends stay inside it.
    """
    if _args.axes(ax) is not None:
        return ax
    import matplotlib.pyplot as plt

    if size is None or plt.get_fignums():
        current = plt.gca()
        if current.name == "rectilinear":
            return current
        # the current Axes is polar or 3-D: draw in a figure of our own instead
    return plt.figure(figsize=size or (8, 6), layout="constrained").add_subplot()


def table_or_default(data: pd.DataFrame | None, table: str, columns: Iterable[str]) -> pd.DataFrame:
    """Return `data`, or the package's `table` when it is None.

    Raises a ValueError naming the columns `data` lacks, and one for a table with
    no rows, so that a student's filtered table fails with a message, not deep inside.
    """
    from jinzhou_edu.data import load

    if data is None:
        return load(table)
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            f"data must be a pandas DataFrame like jz.load({table!r}), not {type(data).__name__}."
        )
    missing = [column for column in columns if column not in data.columns]
    if missing:
        raise ValueError(
            f"data lacks the column(s) {', '.join(repr(c) for c in missing)} of the "
            f"{table!r} table; pass jz.load({table!r}) or rows of it (filtering keeps the columns)."
        )
    if data.empty:
        raise ValueError("data has no rows: there is nothing to draw (is the filter too strict?).")
    return data


def doc(function, table: str | None = None, columns: Iterable[str] = ()):
    """Fill the shared parameter descriptions into `function`'s docstring.

    `table` and its `columns` complete the description of ``data``.
    """
    import textwrap

    data = ""
    if table is not None:
        names = ", ".join(f"``{column}``" for column in columns)
        data = DOCS["data"].format(table=table, columns=names)
        head, rest = data.split("\n", 1)
        rest = textwrap.fill(
            textwrap.dedent(rest), 84, initial_indent=" " * 8, subsequent_indent=" " * 8
        )
        data = f"{head}\n{rest}"
    function.__doc__ = function.__doc__.format(**{**DOCS, "data": data})
    return function


def record(ax: Axes, **what: object) -> None:
    """Remember what a plot function drew on `ax`."""
    _DRAWN[ax] = what


def drawn(ax: Axes) -> dict:
    """Return what a plot function recorded for `ax`, or raise if none did."""
    if not isinstance(ax, Axes):
        raise TypeError(
            f"alt_text takes the Axes that a jz.plot_* function returns, not {_args._kind(ax)}."
        )
    if ax not in _DRAWN:
        raise ValueError(
            "This Axes was not drawn by a jinzhou_edu plot function, so there is "
            "nothing to describe. Call alt_text on the Axes a plot_* function returned."
        )
    return _DRAWN[ax]


def check_choice(kind: str, value: object, choices: Iterable[str]) -> str:
    """Return `value` if it is one of `choices`, else raise naming the valid ones."""
    return _args.choice(kind, value, choices)  # type: ignore[return-value]


def choices_in(series: pd.Series) -> list[str]:
    """Return the values a column can take: its categories, else the values it holds."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return [str(c) for c in series.cat.categories]
    return sorted({str(v) for v in series.dropna()})


def china_time(value: str | datetime | pd.Timestamp, window=None) -> pd.Timestamp:
    """Read a time given as text, datetime or Timestamp, in China time.

    A naive time is taken to be China time already; one in another zone is
    converted. Numbers, empty text and missing times are refused.
    """
    lo, hi = window or (pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC"))
    return _args.moment(value, "time", "1948-10-14 15:00", (lo, hi), CHINA_TIME)


def side_of_units(unit_ids: list[str], units: pd.DataFrame) -> str | None:
    """Return the side a list of units shares, or None if mixed or empty."""
    sides = {units.at[u, "side"] for u in unit_ids if u in units.index}
    return sides.pop() if len(sides) == 1 else None
