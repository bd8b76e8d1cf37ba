"""Where texts land on a drawn figure: overlaps, texts cut by the edge, label placement.

The checks measure what the renderer draws (``Text.get_window_extent``), so they
hold in every language and font, and they are what the tests assert on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["LabelPlacer", "TextReport", "around", "count_text_problems", "shown_texts"]

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


def wrap(text: str, lang: str, width: int = 32) -> str:
    """Break `text` into lines of about `width` characters (half as many in Chinese).

    Examples
    --------
    >>> print(wrap("19th Division (7th Column), 14 Oct 15:00", "en", 28))
    19th Division (7th Column),
    14 Oct 15:00
    """
    import textwrap

    width = width // 2 if lang == "zh" else width
    return "\n".join(textwrap.wrap(text, width, break_long_words=lang == "zh")) or text


# --- placing labels where nothing else is -------------------------------------------

#: (anchor x, anchor y in data units, offset x, offset y in points, ha, va)
Candidate = tuple[float, float, float, float, str, str]
_HA = {"left": 0.0, "center": 0.5, "right": 1.0}
_VA = {"bottom": 0.0, "center": 0.5, "baseline": 0.0, "center_baseline": 0.5, "top": 1.0}


def around(x: float, y: float, distances: Iterable[float] = (5, 10)) -> list[Candidate]:
    """Candidate places for a label of the point (x, y): right, left, above, below, diagonals.

    `distances` are the gaps between the point and the label, in points, tried in order.
    """
    candidates: list[Candidate] = []
    for r in distances:
        d = r * 0.75
        candidates += [
            (x, y, r, 0, "left", "center"),
            (x, y, -r, 0, "right", "center"),
            (x, y, d, d, "left", "bottom"),
            (x, y, -d, d, "right", "bottom"),
            (x, y, d, -d, "left", "top"),
            (x, y, -d, -d, "right", "top"),
            (x, y, 0, r, "center", "bottom"),
            (x, y, 0, -r, "center", "top"),
        ]
    return candidates


def _area(a: Bbox, b: Bbox) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width * height if width > 0 and height > 0 else 0.0


def _outside_area(box: Bbox, bounds: Bbox) -> float:
    return box.width * box.height - _area(box, bounds)


class LabelPlacer(Artist):
    """Moves labels, each to the first of its candidate places where it hits nothing.

    It is added to an Axes and drawn before every text there (lowest z-order), so
    the labels are placed for the figure's final size, layout and dpi, whenever it
    is drawn. A label avoids the labels placed before it, the other texts and the
    legend of the Axes, and the points given as obstacles (markers), and stays
    inside the Axes (or the figure, with ``bounds="figure"``); among free places it
    prefers one that crosses no line given to avoid (arrows). A label that fits
    nowhere is tried smaller (down to 72 %), then goes where it overlaps least.
    """

    def __init__(self, ax, *, bounds: str = "axes", margin: float = 1.5) -> None:
        super().__init__()
        self.bounds, self.margin = bounds, margin
        self.items: list[tuple[Text, list[Candidate]]] = []
        self._sizes: dict[int, float] = {}  # each label's own font size
        self._on_lines: set[int] = set()
        self._leaders: dict[int, tuple] = {}  # label -> (its leader line, from how far)
        self.points: list[tuple[float, float, float]] = []
        self.lines: list = []  # (x, y) arrays of lines a label had better not cross
        self.set_zorder(-100)
        self.set_in_layout(False)
        ax.add_artist(self)
        self.ax = ax

    def label(
        self,
        text: str,
        candidates: list[Candidate],
        *,
        on_lines: bool = False,
        leader: float | None = None,
        **properties,
    ) -> Text:
        """Write `text`, to be placed at the first of `candidates` where it hits nothing.

        With `on_lines`, the label may sit on the lines to avoid (an arrow's number).
        With `leader`, a label placed more than `leader` points from its point is
        joined to it by a thin line, so that it is clear which point it names.
        """
        x, y, dx, dy, ha, va = candidates[0]
        annotation = self.ax.annotate(
            text,
            (x, y),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            **properties,
        )
        annotation.set_in_layout(False)
        self.items.append((annotation, candidates))
        if on_lines:
            self._on_lines.add(id(annotation))
        if leader is not None:
            (line,) = self.ax.plot(
                [], [], color="#555555", linewidth=0.6, zorder=annotation.get_zorder() - 0.5
            )
            self._leaders[id(annotation)] = (line, leader)
        return annotation

    def avoid_line(self, xs, ys) -> None:
        """Keep labels off a line (an arrow, a road) where they can: a preference, not a rule."""
        self.lines.append(np.column_stack([xs, ys]))

    def avoid(self, x: float, y: float, radius: float = 4.0) -> None:
        """Keep labels off the point (x, y), a marker of `radius` points."""
        self.points.append((x, y, radius))

    def _box(self, size: tuple[float, float], candidate: Candidate, scale: float) -> Bbox:
        x, y, dx, dy, ha, va = candidate
        px, py = self.ax.transData.transform((x, y))
        width, height = size
        x0 = px + dx * scale - _HA[ha] * width
        y0 = py + dy * scale - _VA[va] * height
        return Bbox.from_bounds(x0, y0, width, height)

    @staticmethod
    def _size(text: Text, renderer, margin: float) -> tuple[float, float]:
        """Return the width and height of `text` in pixels, with a margin, even if hidden."""
        shown = text.get_visible()
        text.set_visible(True)
        text.xyann = (0, 0)
        text.set_ha("left")
        text.set_va("bottom")
        extent = Text.get_window_extent(text, renderer)
        text.set_visible(shown)
        return extent.width + 2 * margin, extent.height + 2 * margin

    def _fixed(self, renderer) -> list[Bbox]:
        managed = {id(text) for text, _ in self.items}
        boxes = [
            text.get_window_extent(renderer)
            for text in self.ax.texts
            if id(text) not in managed and text.get_visible() and text.get_text().strip()
        ]
        legend = self.ax.get_legend()
        if legend is not None and legend.get_visible():
            boxes.append(legend.get_window_extent(renderer))
        scale = renderer.points_to_pixels(1.0)
        for x, y, radius in self.points:
            px, py = self.ax.transData.transform((x, y))
            r = radius * scale
            boxes.append(Bbox.from_extents(px - r, py - r, px + r, py + r))
        return boxes

    def _key(self, renderer, edge: Bbox, taken: list[Bbox]) -> tuple:
        """Return what the placement depends on: the same key means the same places."""
        return (
            renderer.points_to_pixels(1.0),
            tuple(edge.bounds),
            self.ax.transData.get_matrix().tobytes(),
            tuple(tuple(box.bounds) for box in taken),
            tuple(
                (id(text), text.get_text(), text.get_visible(), len(candidates))
                for text, candidates in self.items
            ),
            len(self.lines),
            len(self.points),
        )

    def draw(self, renderer) -> None:
        """Place every label (hidden ones too, so a label keeps its place when shown).

        A figure is often drawn twice in a row with nothing changed (a layout pass,
        then the picture): the places found the first time are kept then.
        """
        if not self.items:
            return
        scale = renderer.points_to_pixels(1.0)
        edge = self.ax.bbox if self.bounds == "axes" else self.ax.figure.bbox
        edge = Bbox.from_extents(edge.x0 + 1, edge.y0 + 1, edge.x1 - 1, edge.y1 - 1)
        taken = self._fixed(renderer)
        key = self._key(renderer, edge, taken)
        if key == getattr(self, "_placed", None):
            self.stale = False
            return
        margin = self.margin * scale
        lines = [Path(self.ax.transData.transform(line)) for line in self.lines]
        # the extents of what is taken, one row each: x0, y0, x1, y1
        boxes = np.empty((len(taken) + len(self.items), 4))
        for row, box in enumerate(taken):
            boxes[row] = box.x0, box.y0, box.x1, box.y1
        count = len(taken)
        ex0, ey0, ex1, ey1 = edge.x0, edge.y0, edge.x1, edge.y1
        for text, candidates in self.items:
            text.set_fontsize(self._sizes.setdefault(id(text), text.get_fontsize()))
            anchors = self.ax.transData.transform([(c[0], c[1]) for c in candidates])
            offsets = np.array(
                [(c[2], c[3], _HA[c[4]], _VA[c[5]]) for c in candidates], dtype=float
            )
            crosses = id(text) not in self._on_lines
            best, best_cost = None, (float("inf"),)
            for shrink in (1.0, 0.85, 0.72):  # smaller only where no place is free
                text.set_fontsize(self._sizes[id(text)] * shrink)
                size = self._size(text, renderer, margin)
                width, height = size
                # the same arithmetic as Bbox.from_bounds and _area, for every candidate
                x0 = anchors[:, 0] + offsets[:, 0] * scale - offsets[:, 2] * width
                y0 = anchors[:, 1] + offsets[:, 1] * scale - offsets[:, 3] * height
                x1, y1 = x0 + width, y0 + height
                w = np.minimum(x1, ex1) - np.maximum(x0, ex0)
                h = np.minimum(y1, ey1) - np.maximum(y0, ey0)
                inside = np.where((w > 0) & (h > 0), w * h, 0.0)
                cost = (x1 - x0) * (y1 - y0) - inside
                if count:
                    other = boxes[:count]
                    w = np.minimum(x1[:, None], other[:, 2]) - np.maximum(x0[:, None], other[:, 0])
                    h = np.minimum(y1[:, None], other[:, 3]) - np.maximum(y0[:, None], other[:, 1])
                    overlap = np.where((w > 0) & (h > 0), w * h, 0.0)
                    cost = cost + np.cumsum(overlap, axis=1)[:, -1]  # summed in order
                for i, candidate in enumerate(candidates):
                    if cost[i] > best_cost[0]:
                        continue  # cannot beat the best: its crossings do not matter
                    box = Bbox([[x0[i], y0[i]], [x1[i], y1[i]]])
                    this = (
                        float(cost[i]),
                        sum(line.intersects_bbox(box, filled=False) for line in lines)
                        if crosses
                        else 0,
                    )
                    if this < best_cost:
                        best, best_cost, best_size = (candidate, shrink), this, size
                    if this == (0, 0):
                        break
                if best_cost[0] == 0:
                    break
            (x, y, dx, dy, ha, va), shrink = best
            text.set_fontsize(self._sizes[id(text)] * shrink)
            text.xy = (x, y)
            text.xyann = (dx, dy)
            text.set_ha(ha)
            text.set_va(va)
            box = self._box(best_size, best[0], scale)
            boxes[count] = box.x0, box.y0, box.x1, box.y1
            count += 1
            if id(text) in self._leaders:
                self._lead(text, box, (x, y), np.hypot(dx, dy), margin)
        self._placed = key
        self.stale = False

    def _lead(self, text: Text, box: Bbox, point: tuple, distance: float, margin: float) -> None:
        """Draw the leader line of a label placed far from its point, or hide it."""
        line, far = self._leaders[id(text)]
        line.set_visible(text.get_visible() and distance > far)
        if distance > far:
            px, py = self.ax.transData.transform(point)
            inner = box.padded(-margin)
            end = (np.clip(px, inner.x0, inner.x1), np.clip(py, inner.y0, inner.y1))
            ends = self.ax.transData.inverted().transform([(px, py), end])
            line.set_data(ends[:, 0], ends[:, 1])
