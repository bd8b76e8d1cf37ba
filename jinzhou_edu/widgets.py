"""Interactive explorers for the lessons, built on the plot functions.

Each explorer draws its figure once and, when a control moves, changes only
what moved (which strongpoints are taken, which arrows show) and re-renders the
picture into an image widget, so updates do not flicker. Each also has a static
form (``static=True``) for printed and HTML output: small multiples or a table.

ipywidgets is imported here only, so ``import jinzhou_edu`` stays light.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from jinzhou_edu import _args, style
from jinzhou_edu._png import encode_rgba, figure_png
from jinzhou_edu.data import cite, load
from jinzhou_edu.i18n import format_date, label, localized, resolve
from jinzhou_edu.plots._base import check_choice, china_time
from jinzhou_edu.plots.maps import (
    _DYNAMIC,
    ASSAULT_WINDOW,
    _legend_handles,
    _plan_handles,
    plot_campaign_map,
    plot_city_assault,
    update_campaign_map,
    update_city_assault,
)

__all__ = ["StaticFigure", "explore_assault", "explore_campaign", "explore_people"]

#: the hours the assault slider steps through
ASSAULT_HOURS = pd.date_range(*ASSAULT_WINDOW, freq="1h")
#: the times of the static small multiples
SNAPSHOTS = [
    "1948-10-14 10:00",
    "1948-10-14 13:00",
    "1948-10-14 16:00",
    "1948-10-14 23:00",
    "1948-10-15 14:00",
    "1948-10-15 18:00",
]
CAMPAIGN_STEPS = [None, "liaoshen-1", "liaoshen-2", "liaoshen-3"]
#: CSS pixels per inch of figure on screen; pictures are rendered at twice that,
#: so they are sharp on high-resolution (devicePixelRatio 2) screens too
SCREEN_DPI = 96
#: the explorers' pictures, in inches: at SCREEN_DPI, 900 x 557 CSS pixels, which
#: leave room on a 1366 x 768 laptop screen for the controls and the event list
EXPLORER_SIZE = (9.4, 5.8)
#: the width of the event list beside the picture, in CSS pixels
LIST_WIDTH = 330


class StaticFigure(Figure):
    """A Figure that shows itself as a picture wherever IPython displays it.

    A Figure made without pyplot shows as ``<Figure size ... with 6 Axes>`` in a
    kernel where no plot has run yet (no inline backend is active); this one
    renders its own PNG, at twice the screen's resolution, with its display size.
    """

    def _repr_png_(self) -> tuple[bytes, dict[str, int]]:
        width, height = self.get_size_inches() * SCREEN_DPI
        return figure_png(self, 2 * SCREEN_DPI), {"width": round(width), "height": round(height)}


class _Blitter:
    """Render a figure whose static layers are drawn once.

    The figure is drawn with its changing artists hidden and the result kept;
    each frame restores that background, draws only the changing artists (as
    they are now: hidden ones stay hidden), and encodes the pixels as PNG.
    """

    def __init__(self, figure: Figure, changing: list) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.figure, self.changing = figure, changing
        self.canvas = FigureCanvasAgg(figure)
        shown = [artist.get_visible() for artist in changing]
        # a draw moves a hidden title out of the way of nothing: keep where texts stand
        placed = [getattr(artist, "get_position", lambda: None)() for artist in changing]
        for artist in changing:
            artist.set_visible(False)
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(figure.bbox)
        for artist, visible, position in zip(changing, shown, placed, strict=True):
            artist.set_visible(visible)
            if position is not None:
                artist.set_position(position)

    def png(self) -> bytes:
        self.canvas.restore_region(self.background)
        renderer = self.canvas.get_renderer()
        for artist in sorted(self.changing, key=lambda a: a.get_zorder()):
            artist.draw(renderer)
        return encode_rgba(np.asarray(self.canvas.buffer_rgba()))


def _explorer_figure() -> Figure:
    """Return the figure an explorer draws on: screen-sized, at twice the screen's dpi."""
    return Figure(figsize=EXPLORER_SIZE, dpi=2 * SCREEN_DPI, layout="constrained")


def _fix_layout(figure: Figure) -> None:
    """Lay the figure out once, with everything shown, then keep that layout.

    The blitter draws the background with the changing artists hidden; a layout
    made then would leave no room for the title.
    """
    figure.draw_without_rendering()
    figure.set_layout_engine("none")


def _image(png: bytes):
    """Return an image widget showing a 2x picture at its screen size (sharp anywhere)."""
    import ipywidgets as widgets

    width = round(EXPLORER_SIZE[0] * SCREEN_DPI)
    return widgets.Image(value=png, format="png", layout=widgets.Layout(width=f"{width}px"))


def _slider(options, value, description: str):
    """Return a slider, and its whole value to write beside it (the readout cuts it)."""
    import ipywidgets as widgets

    slider = widgets.SelectionSlider(
        options=options,
        value=value,
        description=description,
        readout=False,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="420px"),
    )
    names = {value: name for name, value in slider.options}
    readout = widgets.HTML(f"<b>{html.escape(names[value])}</b>")

    def write(change) -> None:
        readout.value = f"<b>{html.escape(names[change['new']])}</b>"

    slider.observe(write, names="value")
    return slider, readout


class Explorer:
    """A figure and its controls; displays as the widget box in a notebook.

    The controls stand above the picture, and the details (if any) beside it in a
    box of the picture's height that scrolls, so that all fits a laptop screen.
    """

    def __init__(self, figure: Figure, controls, image, details=None) -> None:
        import ipywidgets as widgets

        self.figure, self.controls, self.image, self.details = (
            figure,
            controls,
            image,
            details,
        )
        body = image
        if details is not None and figure is not None:
            height = round(EXPLORER_SIZE[1] * SCREEN_DPI)
            side = widgets.Box(
                [details],
                layout=widgets.Layout(
                    width=f"{LIST_WIDTH}px", max_height=f"{height}px", overflow="auto"
                ),
            )
            body = widgets.HBox([image, side])
        elif details is not None:
            body = widgets.VBox([image, details])
        self.widget = widgets.VBox([controls, body])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


class AssaultExplorer(Explorer):
    """The city plan with an hour slider and the events of the hour."""

    def __init__(self, lang: str) -> None:
        import ipywidgets as widgets

        self.lang = lang
        self.events = load("events")
        figure = _explorer_figure()
        self.ax = figure.add_subplot()
        start = ASSAULT_HOURS[0]
        plot_city_assault(start, lang=lang, ax=self.ax)
        state = _DYNAMIC[self.ax]
        changing = [state["points"], self.ax.title]
        changing += [artist for *_, artists in state["axes"] for artist in artists]
        _fix_layout(figure)
        self.blitter = _Blitter(figure, changing)
        self.slider, readout = _slider(
            [(format_date(h, lang, long=True, hour=True), h) for h in ASSAULT_HOURS],
            start,
            label("explore.time", lang),
        )
        details = widgets.HTML(self.events_html(start))
        controls = widgets.HBox([self.slider, readout])
        super().__init__(figure, controls, _image(self.blitter.png()), details)
        self.slider.observe(self._on_change, names="value")

    def events_html(self, hour: pd.Timestamp) -> str:
        """Return the events that began in the hour from `hour`, as an HTML list."""
        events = self.events
        timed = events["precision"].isin(["hour", "approx"])
        in_hour = (
            timed & (events["start"] >= hour) & (events["start"] < hour + pd.Timedelta(hours=1))
        )
        chosen = events[in_hour]
        heading = f"<b>{html.escape(label('explore.events_of_hour', self.lang))}</b>"
        if chosen.empty:
            return f"{heading}<p>{html.escape(label('explore.no_events', self.lang))}</p>"
        titles = localized(chosen, "title", self.lang)
        items = "".join(
            f"<li>{start:%H:%M} {html.escape(title)}: {html.escape(description)}</li>"
            for start, title, description in zip(
                chosen["start"], titles, chosen["description_en"], strict=False
            )
        )
        return f"{heading}<ul>{items}</ul>"

    def show(self, hour) -> None:
        """Move to an hour: update the plan, the picture and the event list."""
        stamp = china_time(hour)
        update_city_assault(self.ax, stamp)
        self.image.value = self.blitter.png()
        self.details.value = self.events_html(stamp)

    def _on_change(self, change) -> None:
        self.show(change["new"])


class CampaignExplorer(Explorer):
    """The campaign map with a phase slider."""

    def __init__(self, lang: str) -> None:
        import ipywidgets as widgets

        figure = _explorer_figure()
        self.ax = figure.add_subplot()
        plot_campaign_map(None, lang=lang, ax=self.ax)
        state = _DYNAMIC[self.ax]
        changing = [self.ax.title] + [
            artist for _, artists in state["arrows"] for artist in artists
        ]
        _fix_layout(figure)
        self.blitter = _Blitter(figure, changing)
        phases = localized(load("phases").set_index("phase_id"), "name", lang)
        options = [(label("scope.campaign", lang), "all")] + [
            (phases[p], p) for p in CAMPAIGN_STEPS[1:]
        ]
        self.slider, readout = _slider(options, "all", label("explore.phase", lang))
        controls = widgets.HBox([self.slider, readout])
        super().__init__(figure, controls, _image(self.blitter.png()))
        self.slider.observe(self._on_change, names="value")

    def show(self, phase: str | None) -> None:
        """Show one phase's movements (None or "all" for the whole campaign)."""
        update_campaign_map(self.ax, None if phase in (None, "all") else phase)
        self.image.value = self.blitter.png()

    def _on_change(self, change) -> None:
        self.show(change["new"])


class PeopleExplorer(Explorer):
    """A person chooser and a card about the person."""

    def __init__(self, lang: str) -> None:
        import ipywidgets as widgets

        self.lang = lang
        people = load("people").sort_values(
            ["is_hero", "side", "name_en"], ascending=[False, True, True]
        )
        self.people = people.set_index("person_id")
        names = self.people["name_en"] + " " + self.people["name_zh"]
        self.dropdown = widgets.Dropdown(
            options=list(zip(names, self.people.index, strict=False)),
            description=label("explore.person", lang),
        )
        self.card = widgets.HTML(self.card_html(self.dropdown.value))
        super().__init__(None, self.dropdown, self.card)
        self.dropdown.observe(lambda change: self.show(change["new"]), names="value")

    def card_html(self, person_id: str) -> str:
        """Return an HTML card: names, unit, role, fate, biography, places, sources."""
        check_choice("person", person_id, self.people.index)
        person = self.people.loc[person_id]
        lang = self.lang
        units = load("units").set_index("unit_id")
        unit = (
            "" if pd.isna(person["unit_id"]) else localized(units, "name", lang)[person["unit_id"]]
        )
        unknown = label("explore.unknown", lang)
        born = unknown if pd.isna(person["born"]) else person["born"]
        died = unknown if pd.isna(person["died"]) else person["died"]
        events = load("events")
        mine = events[events["person_ids"].map(lambda ids: person_id in ids)]
        places = localized(load("places").set_index("place_id"), "name", lang)
        where = sorted({places[p] for p in mine["place_id"].dropna()})
        rows = [
            (label("explore.role", lang), person["role_en"]),
            (label("explore.unit", lang), unit),
            (label("explore.life", lang), f"{born}–{died}"),
            (label("explore.fate", lang), person["fate_en"]),
            (label("explore.where", lang), ", ".join(where) or unknown),
        ]
        table = "".join(
            f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(k)}</th>"
            f"<td>{html.escape(str(v))}</td></tr>"
            for k, v in rows
        )
        sources = "".join(
            f"<li>{html.escape(line)}</li>" for line in cite(person["source_ids"]).splitlines()
        )
        hero = f" <i>({html.escape(label('explore.hero', lang))})</i>" if person["is_hero"] else ""
        note = (
            "" if pd.isna(person["note_en"]) else f"<p><i>{html.escape(person['note_en'])}</i></p>"
        )
        return (
            f"<h3>{html.escape(person['name_zh'])} {html.escape(person['name_pinyin'])} · "
            f"{html.escape(person['name_en'])}{hero}</h3><table>{table}</table>"
            f"<p>{html.escape(person['bio_en'])}</p>{note}"
            f"<b>{html.escape(label('explore.sources', lang))}</b><ul>{sources}</ul>"
        )

    def show(self, person_id: str) -> None:
        """Show the card of another person."""
        self.card.value = self.card_html(person_id)


def explore_assault(*, lang: str | None = None, static: bool = False):
    """Step hour by hour through the assault on the city plan.

    A slider from 14 October 09:00 to 15 October 18:00 redraws the plan
    (what had been taken, which attack axes had begun) and lists the events
    that began in that hour.

    Parameters
    ----------
    lang : {"en", "zh", "es"}, optional
    static : bool, default False
        Return small multiples of the plan at six moments, with one legend,
        instead of the interactive explorer, for print (a matplotlib Figure that
        shows as a picture in any notebook).

    Returns
    -------
    Explorer or StaticFigure

    Examples
    --------
    >>> figure = explore_assault(static=True)
    >>> len(figure.axes), figure._repr_png_()[0][1:4]
    (6, b'PNG')
    """
    lang = resolve(lang)
    if _args.flag(static, "static"):
        figure = StaticFigure(figsize=(12, 8), layout="constrained")
        for i, moment in enumerate(SNAPSHOTS):
            ax = figure.add_subplot(2, 3, i + 1)
            plot_city_assault(moment, lang=lang, ax=ax, labels=False)
        figure.legend(
            handles=_plan_handles(lang, numbered=False),
            loc="outside lower center",
            ncol=3,
            prop=style.legend_font(9),
            frameon=False,
        )
        return figure
    return AssaultExplorer(lang)


def explore_campaign(*, lang: str | None = None, static: bool = False):
    """Step through the phases of the campaign on the regional map.

    Parameters
    ----------
    lang : {"en", "zh", "es"}, optional
    static : bool, default False
        Return the three phases side by side, with one legend, instead (a
        matplotlib Figure that shows as a picture in any notebook).

    Returns
    -------
    Explorer or StaticFigure
    """
    lang = resolve(lang)
    if _args.flag(static, "static"):
        figure = StaticFigure(figsize=(16, 6.6), layout="constrained")
        for i, phase in enumerate(CAMPAIGN_STEPS[1:]):
            ax = figure.add_subplot(1, 3, i + 1)
            plot_campaign_map(phase, lang=lang, ax=ax, labels="names")
        figure.legend(
            handles=_legend_handles(lang, ["march", "rail", "sea", "air"]),
            loc="outside lower center",
            ncol=5,
            prop=style.legend_font(9),
            frameon=False,
        )
        return figure
    return CampaignExplorer(lang)


def explore_people(*, lang: str | None = None, static: bool = False):
    """Choose a hero or commander and read about them, with the sources.

    Parameters
    ----------
    lang : {"en", "zh", "es"}, optional
        Language of the labels and place names (biographies are in English).
    static : bool, default False
        Return a table of everyone instead (a DataFrame), for print.

    Returns
    -------
    Explorer or pandas.DataFrame
    """
    lang = resolve(lang)
    if _args.flag(static, "static"):
        people = load("people")
        units = load("units").set_index("unit_id")
        table = people[
            [
                "name_en",
                "name_zh",
                "name_pinyin",
                "side",
                "role_en",
                "born",
                "died",
                "is_hero",
            ]
        ].copy()
        table["unit"] = people["unit_id"].map(localized(units, "name", lang))
        table["fate_en"] = people["fate_en"]
        return table.sort_values(["is_hero", "side"], ascending=[False, True]).reset_index(
            drop=True
        )
    return PeopleExplorer(lang)
