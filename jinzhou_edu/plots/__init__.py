"""Plot functions: DataFrames in, Axes out. Each takes ``ax=None`` and ``lang=None``."""

from jinzhou_edu.plots.alt_text import alt_text
from jinzhou_edu.plots.claims import plot_figures
from jinzhou_edu.plots.maps import plot_campaign_map, plot_city_assault
from jinzhou_edu.plots.order_of_battle import plot_order_of_battle
from jinzhou_edu.plots.timeline import plot_timeline

__all__ = [
    "alt_text",
    "plot_campaign_map",
    "plot_city_assault",
    "plot_figures",
    "plot_order_of_battle",
    "plot_timeline",
]
