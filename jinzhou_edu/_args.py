"""Check the arguments of every public function and command, in one place.

Students type everything wrong. Each public function passes its arguments
through these checks before it reads data or draws anything, so that a bad
argument is answered by a ``TypeError``, ``ValueError`` or ``KeyError`` (or the
package's own subclasses) saying what was wrong and what is valid, and so that
a failed call changes nothing (no language set, no figure opened).

NumPy and pandas scalars that stand for a plain value (``np.str_("es")``,
``np.int64(3)``, ``np.bool_(True)``) are accepted and turned into Python
values; arrays, Series, lists, bytes and missing values (None where it is not
allowed, ``pd.NA``, ``pd.NaT``, NaN) are refused.
"""

from __future__ import annotations

import datetime as _dt
import numbers
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinzhou_edu._errors import NotAFolderError, NotFoundError, UnknownNameError

__all__ = [
    "axes",
    "choice",
    "file",
    "flag",
    "folder",
    "moment",
    "path",
    "port",
    "text",
    "text_list",
    "whole",
]

#: the longest text argument worth reading (an id, a name, a time)
MAX_TEXT = 1000


def _kind(value: object) -> str:
    """Name the type of `value` for a message ("list", "numpy.ndarray", "NAType")."""
    kind = type(value)
    module = kind.__module__.split(".")[0]
    if module in ("builtins", "jinzhou_edu"):
        return kind.__name__
    return f"{module}.{kind.__name__}"


def _shown(value: object, limit: int = 60) -> str:
    """Return a short repr of `value` for a message (long values are cut)."""
    try:
        text = repr(value)
    except Exception:  # a value whose repr fails is still named by its type
        text = f"<{_kind(value)}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_missing(value: object) -> bool:
    """Tell whether `value` is a missing-value scalar (None, pd.NA, pd.NaT, NaN)."""
    if value is None:
        return True
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return isinstance(value, float) and value != value


def text(value: object, name: str, example: str = "", *, optional: bool = False) -> str | None:
    """Return `value` as a plain ``str``, or raise saying what `name` must be.

    Examples
    --------
    >>> text("es", "lang")
    'es'
    >>> text(["es"], "lang", "'en'")
    Traceback (most recent call last):
    ...
    TypeError: lang must be a string such as 'en', not list ['es'].
    """
    if optional and value is None:
        return None
    if isinstance(value, str):
        value = str(value)  # np.str_ and other subclasses become a plain str
        if len(value) > MAX_TEXT:
            raise ValueError(f"{name} is {len(value)} characters long; that cannot be right.")
        return value
    such = f" such as {example}" if example else ""
    missing = " (a missing value)" if _is_missing(value) else ""
    raise TypeError(f"{name} must be a string{such}, not {_kind(value)} {_shown(value)}{missing}.")


def choice(
    kind: str,
    value: object,
    choices: Iterable[str],
    *,
    name: str | None = None,
    optional: bool = False,
) -> str | None:
    """Return `value` if it is one of `choices`; else raise naming the valid ones.

    Examples
    --------
    >>> choice("side", "communist", ["communist", "nationalist"])
    'communist'
    >>> choice("side", "comunist", ["communist", "nationalist"])
    Traceback (most recent call last):
    ...
    jinzhou_edu._errors.UnknownNameError: No side 'comunist'. Did you mean 'communist'? ...
    """
    choices = [str(c) for c in choices]
    example = repr(choices[0]) if choices else ""
    value = text(value, name or kind, example, optional=optional)
    if value is None:
        return None
    if value not in choices:
        raise UnknownNameError(kind, value, choices)
    return value


def text_list(value: object, name: str, example: str = "") -> list[str]:
    """Return a string or a list/tuple of strings as a list of strings."""
    if isinstance(value, str):
        return [str(value)]
    if isinstance(value, list | tuple):
        return [text(item, f"each item of {name}", example) for item in value]  # type: ignore[misc]
    raise TypeError(
        f"{name} must be a string such as {example} or a list of them, "
        f"not {_kind(value)} {_shown(value)}."
    )


def flag(value: object, name: str, *, also: tuple[str, ...] = ()) -> bool | str:
    """Return `value` as a bool (or one of the strings in `also`), else raise."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return bool(value)
    if also and isinstance(value, str) and value in also:
        return str(value)
    extra = "".join(f" or {a!r}" for a in also)
    raise TypeError(f"{name} must be True or False{extra}, not {_kind(value)} {_shown(value)}.")


def whole(
    value: object, name: str, *, minimum: int | None = None, optional: bool = False
) -> int | None:
    """Return `value` as an int (NumPy integers too; not bools or floats), else raise."""
    if optional and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, not {_kind(value)} {_shown(value)}.")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be {minimum} or more, not {value}.")
    return value


def port(value: object, name: str = "port") -> int:
    """Return a TCP port number (1-65535) given as a number or as text (``$PORT``).

    Examples
    --------
    >>> port("9000", "PORT")
    9000
    >>> port("abc", "PORT")
    Traceback (most recent call last):
    ...
    ValueError: PORT must be a port number from 1 to 65535, not 'abc'.
    """
    number: int | None = None
    if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
        number = int(value.strip())
    elif isinstance(value, numbers.Integral) and not isinstance(value, bool):
        number = int(value)
    if number is None or not 1 <= number <= 65535:
        raise ValueError(f"{name} must be a port number from 1 to 65535, not {_shown(value)}.")
    return number


def path(value: object, name: str, *, optional: bool = False) -> Path | None:
    """Return `value` (a str or os.PathLike) as a Path, else raise."""
    if optional and value is None:
        return None
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a path (a string or pathlib.Path), not {_kind(value)} {_shown(value)}."
        )
    if not value.strip():
        raise ValueError(f"{name} is empty; give the path of a file or folder.")
    if "\0" in value or len(value) > 4096:
        raise ValueError(f"{name} is not a usable path: {_shown(value)}.")
    return Path(value)


def folder(value: object, name: str) -> Path:
    """Return `value` as the Path of an existing folder, else raise saying what it is."""
    where = path(value, name)
    assert where is not None
    if where.is_dir():
        return where
    if where.exists():
        raise NotAFolderError(f"{name} {str(where)!r} is a file; a folder is expected here.")
    raise NotAFolderError(f"No folder {str(where)!r} ({name}).")


def file(value: object, name: str) -> Path:
    """Return `value` as the Path of an existing file, else raise saying what it is."""
    where = path(value, name)
    assert where is not None
    if where.is_file():
        return where
    if where.is_dir():
        raise NotFoundError(f"{name} {str(where)!r} is a folder; a file is expected here.")
    raise NotFoundError(f"No file {str(where)!r} ({name}).")


def axes(value: object) -> Any:
    """Return `value` if it is one 2-D matplotlib Axes in a figure (or None), else raise."""
    if value is None:
        return None
    from matplotlib.axes import Axes

    if isinstance(value, Axes):
        if value.name != "rectilinear":
            raise TypeError(
                f"ax is a {value.name!r} Axes; these figures need ordinary flat Axes, "
                "e.g. from plt.subplots()."
            )
        if value.figure is None or value not in value.figure.axes:
            raise ValueError("ax has been removed from its figure; draw on an Axes in a figure.")
        return value
    hint = ""
    if hasattr(value, "__len__") and not isinstance(value, str | bytes):
        hint = " (plt.subplots(n) returns an array of Axes: pass one of them, e.g. ax=axs[0])"
    raise TypeError(
        f"ax must be one matplotlib Axes, e.g. from fig, ax = plt.subplots(), "
        f"not {_kind(value)}{hint}."
    )


def moment(value: object, name: str, example: str, window: tuple[Any, Any], zone: Any) -> Any:
    """Return `value` as a pandas Timestamp in `zone`, inside `window`, else raise.

    Text, ``datetime`` and ``pandas.Timestamp`` are read; a time without a zone is
    taken to be in `zone` already; one with another zone is converted. Numbers,
    empty text and missing times are refused (a number is not a time).
    """
    import numpy as np
    import pandas as pd

    if _is_missing(value):
        raise TypeError(f"{name} is a missing value; give a time such as {example!r}.")
    if isinstance(value, str):
        if not value.strip():
            raise ValueError(f"{name} is empty; give a time such as {example!r}.")
        text(value, name)
    elif not isinstance(value, _dt.datetime | _dt.date | np.datetime64):
        raise TypeError(
            f"{name} must be a time such as {example!r} (text, datetime or pandas.Timestamp), "
            f"not {_kind(value)} {_shown(value)}."
        )
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError, OSError):
        stamp = None
    if stamp is None or stamp is pd.NaT:
        raise ValueError(f"Cannot read {_shown(value)} as a time; write it like {example!r}.")
    try:
        stamp = stamp.tz_localize(zone) if stamp.tzinfo is None else stamp.tz_convert(zone)
    except (ValueError, TypeError, OverflowError) as error:
        raise ValueError(f"{name} {_shown(value)} cannot be read as a time: {error}") from None
    lo, hi = window
    if not lo <= stamp <= hi:
        raise ValueError(
            f"{name} {stamp:%Y-%m-%d %H:%M} is outside the battle for the city: choose a time "
            f"from {lo:%d %b %Y %H:%M} to {hi:%d %b %Y %H:%M} (China time)."
        )
    return stamp
