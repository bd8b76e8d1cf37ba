"""The order of battle of one side, drawn as a tree."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from jinzhou_edu import _args, style
from jinzhou_edu.i18n import label, localized, resolve
from jinzhou_edu.plots._base import check_choice, doc, get_ax, record, table_or_default
from jinzhou_edu.plots._text_layout import keep_text_layouts

__all__ = ["plot_order_of_battle"]


#: the columns of the units table the tree needs
COLUMNS = ("unit_id", "parent_id", "side", "name_en", "echelon")
#: inches per unit (one row each), and around the rows (title)
ROW_HEIGHT, FRAME_HEIGHT = 0.19, 0.9


def _layout(children: dict[str, list[str]], roots: list[str], max_depth: int | None):
    """Return (depth, row) per unit: one row each, in reading order, children below parents.

    An indented tree, as in a file browser: every label has a row to itself, so no
    two labels can meet at any depth.
    """
    position: dict[str, tuple[int, float]] = {}

    def place(unit: str, depth: int) -> None:
        position[unit] = (depth, float(len(position)))
        if max_depth is None or depth < max_depth:
            for kid in children.get(unit, []):
                place(kid, depth + 1)

    for root in roots:
        place(root, 0)
    return position


def plot_order_of_battle(
    side: str = "communist",
    *,
    root: str | None = None,
    max_depth: int | None = None,
    data: pd.DataFrame | None = None,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw one side's order of battle as a tree, from the high command down.

    Each unit has a row of its own, indented under the unit that commanded it
    and joined to it by a line, so the labels never overlap at any depth; a new
    figure is made as tall as the units need.

    Parameters
    ----------
    side : {{"communist", "nationalist"}}, default "communist"
    root : str, optional
        A ``unit_id`` to draw only that unit and what it commanded, e.g.
        ``"pla.nefa.2col"``.
    max_depth : int, optional
        How many levels below the top to draw.
    {data}
    {lang}
    {ax}

    {returns}

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_order_of_battle("communist", root="pla.nefa.2col")
    >>> len(ax.texts), "15th Regiment" in [text.get_text() for text in ax.texts]
    (8, True)
    >>> plt.close("all")
    """
    lang = resolve(lang)
    _args.axes(ax)
    side = check_choice("side", side, ["communist", "nationalist"])
    root = _args.text(root, "root", "'pla.nefa.2col'", optional=True)
    max_depth = _args.whole(max_depth, "max_depth", minimum=0, optional=True)
    every_unit = table_or_default(data, "units", COLUMNS)
    units = every_unit[every_unit["side"] == side].set_index("unit_id")
    if units.empty:
        raise ValueError(f"data has no {side} units to draw.")
    if root is not None and root not in units.index:
        other = every_unit.loc[every_unit["unit_id"] == root, "side"]
        if len(other):
            raise ValueError(
                f"{root!r} is a {other.iloc[0]} unit, not a {side} one: draw it with "
                f"plot_order_of_battle({str(other.iloc[0])!r}, root={root!r})."
            )
        check_choice(f"{side} unit", root, units.index)
    children: dict[str, list[str]] = {}
    for unit_id, parent in units["parent_id"].items():
        if isinstance(parent, str) and parent in units.index:
            children.setdefault(parent, []).append(unit_id)
    roots = (
        [root]
        if root
        else [
            u
            for u, p in units["parent_id"].items()
            if not isinstance(p, str) or p not in units.index
        ]
    )
    position = _layout(children, roots, max_depth)
    names = localized(units, "name", lang)
    look = style.side_style(side)
    ax = get_ax(ax, size=(8, FRAME_HEIGHT + ROW_HEIGHT * (len(position) + 1)))
    with style.plot_context():
        line = {"color": look["color"], "linewidth": 0.8, "alpha": 0.7}
        for unit, (depth, row) in position.items():
            kids = [position[kid] for kid in children.get(unit, []) if kid in position]
            if kids:
                ax.plot([depth, depth], [row, kids[-1][1]], **line)
                for kid_depth, kid_row in kids:
                    ax.plot([depth, kid_depth], [kid_row, kid_row], **line)
        for unit, (depth, row) in position.items():
            ax.plot([depth], [row], marker=look["marker"], color=look["color"], markersize=4)
            ax.text(
                depth + 0.25,
                row,
                names[unit],
                va="center",
                ha="left",
                **style.font(7),
                zorder=3,
            )
        depth_max = max(d for d, _ in position.values())
        rows = max(r for _, r in position.values())
        ax.set_xlim(-0.3, depth_max + 3)
        ax.set_ylim(rows + 0.6, -0.6)
        ax.set_axis_off()
        ax.set_title(label("oob.title", lang, side=label(f"side.{side}", lang)), **style.font(12))
    record(
        ax,
        kind="order_of_battle",
        lang=lang,
        side=side,
        root=root,
        units=list(position),
        depth=depth_max + 1,
        top=list(roots),
        echelons=sorted({str(units.at[u, "echelon"]) for u in position}),
    )
    keep_text_layouts(ax.figure)
    return ax


doc(plot_order_of_battle, "units", COLUMNS)
