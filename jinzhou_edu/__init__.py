"""jinzhou-edu: teach the Battle of Jinzhou (1948) with a cited data set.

Importing the package is light: matplotlib is imported the first time a plot
function is used, and ipywidgets the first time an explorer is.

>>> import jinzhou_edu as jz
>>> "events" in jz.tables()
True
>>> jz.load("events").shape[0] >= 80
True
"""

import importlib

from jinzhou_edu._errors import UnknownNameError
from jinzhou_edu.data import (
    cite,
    data_dir,
    describe,
    geo_layer,
    glossary_term,
    load,
    sources_for,
    tables,
)
from jinzhou_edu.i18n import get_language, set_language
from jinzhou_edu.validate import validate

__version__ = "0.1.0"

#: public names imported on first use, with the module that defines them
_LAZY = {
    "plot_campaign_map": "jinzhou_edu.plots",
    "plot_city_assault": "jinzhou_edu.plots",
    "plot_timeline": "jinzhou_edu.plots",
    "plot_figures": "jinzhou_edu.plots",
    "plot_order_of_battle": "jinzhou_edu.plots",
    "alt_text": "jinzhou_edu.plots",
    "show": "jinzhou_edu.display",
    "explore_assault": "jinzhou_edu.widgets",
    "explore_campaign": "jinzhou_edu.widgets",
    "explore_people": "jinzhou_edu.widgets",
}

__all__ = [
    "UnknownNameError",
    "__version__",
    "cite",
    "data_dir",
    "describe",
    "geo_layer",
    "get_language",
    "glossary_term",
    "load",
    "set_language",
    "sources_for",
    "tables",
    "validate",
    *_LAZY,
]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'jinzhou_edu' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
