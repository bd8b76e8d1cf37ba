"""Where texts land on a drawn figure: overlaps, texts cut by the edge, label placement.

The checks measure what the renderer draws (``Text.get_window_extent``), so they
hold in every language and font, and they are what the tests assert on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["TextReport", "count_text_problems", "shown_texts"]

#: two extents overlapping by no more than this (in pixels) do not count
TOLERANCE = 1.0


def _texts_of(figure: Figure) -> Iterator[Text]:
    yield from figure.findobj(Text)


def _is_shown(text: Text) -> bool:
    """Whether `text` and every artist it belongs to is visible, and it says something."""
    if not text.get_text().strip() or not text.get_visible():
        return False
    parent = getattr(text, "axes", None)
    return parent is None or parent.get_visible()


def _ticks_shown(figure: Figure) -> set[int]:
    """Ids of the tick labels the axes will draw (those of ticks inside the view)."""
    shown: set[int] = set()
    for ax in figure.axes:
        if not ax.get_visible() or not ax.axison:
            continue
        for axis in (ax.xaxis, ax.yaxis):
            if not axis.get_visible():
                continue
            for tick in axis._update_ticks():  # the ticks draw() draws, clipped to the view
                for label in (tick.label1, tick.label2):
                    if label.get_visible():
                        shown.add(id(label))
    return shown


def shown_texts(figure: Figure) -> list[tuple[Text, Bbox]]:
    """Every text the figure draws, with its extent in display pixels.

    The figure is drawn first. Tick labels count only for ticks inside the view,
    legend texts only when the legend is shown; empty and hidden texts are left out.
    """
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    ticks = _ticks_shown(figure)
    all_tick_labels = {
        id(label)
        for ax in figure.axes
        for axis in (ax.xaxis, ax.yaxis)
        for tick in axis.get_major_ticks() + axis.get_minor_ticks()
        for label in (tick.label1, tick.label2)
    }
    legends = [ax.get_legend() for ax in figure.axes] + list(figure.legends)
    hidden_legend_texts = {
        id(text)
        for legend in legends
        if legend is not None and not legend.get_visible()
        for text in [*legend.get_texts(), legend.get_title()]
    }
    result = []
    seen: set[int] = set()
    for text in _texts_of(figure):
        if id(text) in seen:
            continue
        seen.add(id(text))
        if not _is_shown(text) or id(text) in hidden_legend_texts:
            continue
        if id(text) in all_tick_labels and id(text) not in ticks:
            continue
        if text.axes is not None and not text.axes.get_visible():
            continue
        box = text.get_window_extent(renderer)
        if box.width <= 0 or box.height <= 0:
            continue
        result.append((text, box))
    return result


@dataclass
class TextReport:
    """What :func:`count_text_problems` found."""

    overlaps: list[tuple[str, str]]
    outside: list[str]

    def __str__(self) -> str:
        lines = [f"{len(self.overlaps)} overlapping pairs, {len(self.outside)} outside"]
        lines += [f"  overlap: {a!r} / {b!r}" for a, b in self.overlaps]
        lines += [f"  outside: {t!r}" for t in self.outside]
        return "\n".join(lines)


def _intersect(a: Bbox, b: Bbox, tolerance: float = TOLERANCE) -> bool:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width > tolerance and height > tolerance


def _pairs(boxes: list[tuple[Text, Bbox]]) -> Iterable[tuple[Text, Text]]:
    ordered = sorted(boxes, key=lambda item: item[1].x0)
    for i, (text, box) in enumerate(ordered):
        for other, other_box in ordered[i + 1 :]:
            if other_box.x0 >= box.x1 - TOLERANCE:
                break
            if _intersect(box, other_box):
                yield text, other


def count_text_problems(figure: Figure) -> TextReport:
    """Draw `figure` and report overlapping texts and texts not wholly inside it.

    Two texts overlap when their rendered extents intersect by more than a pixel
    each way.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> figure = Figure(figsize=(3, 2))
    >>> ax = figure.add_subplot()
    >>> ax.set_axis_off()
    >>> _ = ax.text(0.5, 0.5, "one"), ax.text(0.5, 0.5, "two"), ax.text(1.5, 0.5, "far")
    >>> report = count_text_problems(figure)
    >>> report.overlaps, report.outside
    ([('one', 'two')], ['far'])
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not hasattr(figure.canvas, "get_renderer"):
        FigureCanvasAgg(figure)
    boxes = shown_texts(figure)
    edge = figure.bbox
    outside = [
        text.get_text()
        for text, box in boxes
        if box.x0 < edge.x0 - TOLERANCE
        or box.y0 < edge.y0 - TOLERANCE
        or box.x1 > edge.x1 + TOLERANCE
        or box.y1 > edge.y1 + TOLERANCE
    ]
    overlaps = [(a.get_text(), b.get_text()) for a, b in _pairs(boxes)]
    return TextReport(overlaps=overlaps, outside=outside)
