"""The order of battle of one side, drawn as a tree."""

from __future__ import annotations

from matplotlib.axes import Axes

from jinzhou_edu import style
from jinzhou_edu.data import load
from jinzhou_edu.i18n import label, localized, resolve
from jinzhou_edu.plots._base import DOCS, check_choice, get_ax, record

__all__ = ["plot_order_of_battle"]


def _layout(children: dict[str, list[str]], roots: list[str], max_depth: int | None):
    """Leaves get one row each; a parent sits level with the middle of its children."""
    position: dict[str, tuple[int, float]] = {}
    next_row = [0]

    def place(unit: str, depth: int) -> float:
        kids = children.get(unit, []) if max_depth is None or depth < max_depth else []
        if not kids:
            row = float(next_row[0])
            next_row[0] += 1
        else:
            rows = [place(kid, depth + 1) for kid in kids]
            row = (rows[0] + rows[-1]) / 2
        position[unit] = (depth, row)
        return row

    for root in roots:
        place(root, 0)
    return position


def plot_order_of_battle(
    side: str = "communist",
    *,
    root: str | None = None,
    max_depth: int | None = None,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw one side's order of battle as a tree, from the high command down.

    Parameters
    ----------
    side : {{"communist", "nationalist"}}, default "communist"
    root : str, optional
        A ``unit_id`` to draw only that unit and what it commanded, e.g.
        ``"pla.nefa.2col"``.
    max_depth : int, optional
        How many levels below the top to draw.
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
    check_choice("side", side, ["communist", "nationalist"])
    units = load("units")
    units = units[units["side"] == side].set_index("unit_id")
    if root is not None:
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
    ax = get_ax(ax)
    with style.plot_context():
        for unit, (depth, row) in position.items():
            for kid in children.get(unit, []):
                if kid in position:
                    kid_depth, kid_row = position[kid]
                    ax.plot(
                        [depth + 0.1, depth + 0.5, depth + 0.5, kid_depth - 0.05],
                        [row, row, kid_row, kid_row],
                        color=look["color"],
                        linewidth=0.8,
                        alpha=0.7,
                    )
        for unit, (depth, row) in position.items():
            ax.plot([depth], [row], marker=look["marker"], color=look["color"], markersize=4)
            parent = bool(children.get(unit)) and (max_depth is None or depth < max_depth)
            # a parent's label sits above its node, clear of the children's rows
            ax.text(
                depth + 0.08,
                row - 0.18 if parent else row,
                names[unit],
                va="bottom" if parent else "center",
                ha="left",
                **style.font(6.5),
                zorder=3,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "linewidth": 0},
            )
        depth_max = max(d for d, _ in position.values())
        rows = max(r for _, r in position.values())
        ax.set_xlim(-0.2, depth_max + 2.6)
        ax.set_ylim(rows + 0.8, -0.8)
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
        top=[units.at[r, "name_en"] for r in roots],
        echelons=sorted({str(units.at[u, "echelon"]) for u in position}),
    )
    return ax


plot_order_of_battle.__doc__ = plot_order_of_battle.__doc__.format(**DOCS)
