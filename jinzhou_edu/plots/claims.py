"""What each source claims: numbers side by side, so disagreements show."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from jinzhou_edu import _args, style
from jinzhou_edu.i18n import label, resolve, short_citation
from jinzhou_edu.plots._base import check_choice, choices_in, doc, get_ax, record, table_or_default
from jinzhou_edu.plots._layout import wrap
from jinzhou_edu.plots._text_layout import keep_text_layouts

#: the columns of the figures table the chart needs
COLUMNS = ("scope", "measure", "side", "low", "high", "source_ids", "as_stated")

__all__ = ["plot_figures"]


def plot_figures(
    scope: str = "jinzhou",
    measure: str = "strength",
    *,
    side: str | None = None,
    data: pd.DataFrame | None = None,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw every source's claim for one number side by side.

    One row per claim, labelled with a short citation of its source (author or
    work and year, see :func:`jinzhou_edu.i18n.short_citation`); a single figure
    is a marker, a range a bar between its low and high. Colour and marker give
    the side the number is about, as the legend beside the chart says.

    Parameters
    ----------
    scope : str, default "jinzhou"
        What the numbers cover: ``"campaign"``, ``"jinzhou"``,
        ``"jinzhou_old_city"``, ``"tashan"``, ``"liaoxi"``, ``"changchun"``,
        ``"shenyang"`` ...
    measure : str, default "strength"
        What is counted: ``"strength"``, ``"guns"``, ``"casualties"``,
        ``"captured"``, ``"deaths"`` ... (see ``jz.describe("figures", "measure")``).
    side : {{"communist", "nationalist", "civilians"}}, optional
        Only the claims about one side.
    {data}
    {lang}
    {ax}

    {returns}

    Raises
    ------
    ValueError
        For an unknown scope, measure or side, or a combination with no claim
        (the message lists what there is).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_figures("jinzhou", "guns")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Wang Shuzeng 2009', 'English Wikipedia', 'Spanish account 2007']
    >>> plt.close("all")
    >>> import jinzhou_edu as jz
    >>> figures = jz.load("figures")
    >>> chinese = figures[figures["source_ids"].map(lambda ids: "wang-shuzeng-2009" in ids)]
    >>> ax = plot_figures("jinzhou", "guns", data=chinese, lang="zh")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['王树增 2009']
    >>> plt.close("all")
    """
    lang = resolve(lang)
    _args.axes(ax)
    figures = table_or_default(data, "figures", COLUMNS)
    scope = check_choice("scope", scope, choices_in(figures["scope"]))
    measure = check_choice("measure", measure, choices_in(figures["measure"]))
    if side is not None:
        side = check_choice("side", side, choices_in(figures["side"]))
    chosen = figures[(figures["scope"] == scope) & (figures["measure"] == measure)]
    if side is not None:
        chosen = chosen[chosen["side"] == side]
    if chosen.empty:
        available = sorted(figures.loc[figures["scope"] == scope, "measure"].astype(str).unique())
        raise ValueError(
            f"No claim of {measure!r} for scope {scope!r}"
            + (f" and side {side!r}" if side else "")
            + f". Measures with claims for {scope!r}: {', '.join(available)}."
        )
    chosen = chosen.reset_index(drop=True)
    ax = get_ax(ax, size=(9, 1.9 + 0.42 * len(chosen)))
    rows = np.arange(len(chosen))
    with style.plot_context():
        for row, claim in chosen.iterrows():
            look = style.side_style(str(claim["side"]))
            if claim["high"] > claim["low"]:
                ax.plot(
                    [claim["low"], claim["high"]],
                    [row, row],
                    color=look["color"],
                    linewidth=6,
                    alpha=0.45,
                    solid_capstyle="butt",
                )
            ax.plot(
                [claim["low"]],
                [row],
                marker=look["marker"],
                color=look["color"],
                markersize=8,
                linestyle="",
            )
            text = (
                f"{claim['low']:,}"
                if claim["high"] == claim["low"]
                else f"{claim['low']:,}–{claim['high']:,}"
            )
            if isinstance(claim["as_stated"], str):
                text += f"  ({claim['as_stated']})"
            ax.annotate(
                text,
                (claim["high"], row),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                **style.font(7.5),
            )
        top = chosen["high"].max()
        ax.set_xlim(0, top * 1.45)
        ax.set_ylim(len(chosen) - 0.5, -0.5)
        citations = chosen["source_ids"].map(
            lambda ids: wrap("; ".join(short_citation(i, lang) for i in ids), lang, 30)
        )
        ax.set_yticks(rows, citations.tolist(), **style.font(8))
        ax.set_xlabel(label("figures.axis", lang), **style.font(8))
        ax.xaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
        for tick in ax.get_xticklabels():
            tick.set_fontfamily(style.font()["fontfamily"])
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_title(
            label(
                "figures.title",
                lang,
                measure=label(f"measure.{measure}", lang),
                scope=label(f"scope.{scope}", lang),
            ),
            **style.font(12),
        )
        sides = [
            s
            for s in ("communist", "nationalist", "civilians")
            if s in set(chosen["side"].astype(str))
        ]
        handles = [
            Line2D(
                [],
                [],
                marker=style.side_style(s)["marker"],
                color=style.side_style(s)["color"],
                linestyle="",
                label=label(f"side.{s}", lang),
            )
            for s in sides
        ]
        style.legend(ax, handles, size=7, title=label("figures.legend", lang))
    record(
        ax,
        kind="figures",
        lang=lang,
        scope=scope,
        measure=measure,
        claims=[
            (tuple(c["source_ids"]), str(c["side"]), int(c["low"]), int(c["high"]))
            for _, c in chosen.iterrows()
        ],
    )
    keep_text_layouts(ax.figure)
    return ax


doc(plot_figures, "figures", COLUMNS)
