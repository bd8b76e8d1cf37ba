"""Errors that name what was wrong and what is valid."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

_SHOW_AT_MOST = 12


def closest(name: str, choices: Iterable[str]) -> str | None:
    """Return the choice closest to `name`, or None when nothing is close.

    Examples
    --------
    >>> closest("evnts", ["events", "people", "places"])
    'events'
    >>> closest("zzz", ["events", "people"]) is None
    True
    """
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    if name.lower() in lowered:
        return lowered[name.lower()]
    match = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


class UnknownNameError(KeyError, ValueError):
    """A table, column, id or other choice that does not exist.

    It is both a KeyError and a ValueError, so either ``except`` catches it. Its
    message reads as a sentence: what was asked for, the closest valid name, and
    the valid names (or the first of them, when there are many).
    """

    def __init__(self, kind: str, name: object, choices: Iterable[str], where: str = "") -> None:
        choices = sorted(choices)
        self.kind, self.name, self.choices = kind, name, choices
        message = f"No {kind} {name!r}{where}."
        match = closest(str(name), choices)
        if match is not None:
            message += f" Did you mean {match!r}?"
        if len(choices) <= _SHOW_AT_MOST:
            message += " Valid: " + ", ".join(repr(c) for c in choices) + "."
        else:
            shown = ", ".join(repr(c) for c in choices[:_SHOW_AT_MOST])
            message += f" Valid ({len(choices)}): {shown}, ..."
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


class NotFoundError(FileNotFoundError, ValueError):
    """A file or folder that is missing, or is a file where a folder is expected (or back).

    It is both a FileNotFoundError and a ValueError, so either ``except`` catches it.
    """


class NotAFolderError(NotADirectoryError, NotFoundError):
    """A folder that is missing, or a file where a folder is expected."""


class BuildError(RuntimeError, ValueError):
    """A master notebook that Otter Assign cannot build (broken, or its solutions fail)."""


class WouldOverwriteError(FileExistsError, ValueError):
    """A file that is not overwritten: a student's work, or scores already written."""


class CannotWriteError(PermissionError, ValueError):
    """A place where a file cannot be written."""
