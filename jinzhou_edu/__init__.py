"""jinzhou-edu: teach the Battle of Jinzhou (1948) with a cited data set.

>>> import jinzhou_edu as jz
>>> "events" in jz.tables()
True
>>> jz.load("events").shape[0] >= 80
True
"""

from jinzhou_edu._errors import UnknownNameError
from jinzhou_edu.data import cite, data_dir, describe, load, sources_for, tables
from jinzhou_edu.validate import validate

__version__ = "0.1.0"

__all__ = [
    "UnknownNameError",
    "__version__",
    "cite",
    "data_dir",
    "describe",
    "load",
    "sources_for",
    "tables",
    "validate",
]
