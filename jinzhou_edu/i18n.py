"""Which language titles, labels and names are shown in: English, Chinese or Spanish.

Names of places, people, units, phases and events come from the data's own
columns (``name_en``, ``name_zh``, ``name_es`` ...); the words the plots add
(titles, axis labels, legends) come from the label catalog ``labels.json``.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import pandas as pd

from jinzhou_edu._errors import UnknownNameError

__all__ = ["LANGUAGES", "format_date", "get_language", "label", "localized", "set_language"]

#: the languages every label and name is available in
LANGUAGES = ("en", "zh", "es")
_state = {"language": "en"}


def _check(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UnknownNameError("language", lang, LANGUAGES)
    return lang


def set_language(lang: str) -> None:
    """Choose the language plots use when they are not given ``lang=``.

    Parameters
    ----------
    lang : {"en", "zh", "es"}
        English, Chinese (simplified characters) or Spanish.

    Examples
    --------
    >>> set_language("zh")
    >>> get_language()
    'zh'
    >>> set_language("en")
    >>> set_language("fr")
    Traceback (most recent call last):
    ...
    jinzhou_edu._errors.UnknownNameError: No language 'fr'. Valid: 'en', 'es', 'zh'.
    """
    _state["language"] = _check(lang)


def get_language() -> str:
    """Return the language set by :func:`set_language` (English by default)."""
    return _state["language"]


def resolve(lang: str | None) -> str:
    """Return `lang`, or the current language when it is None; reject others."""
    return get_language() if lang is None else _check(lang)


_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}


def format_date(
    moment: pd.Timestamp,
    lang: str | None = None,
    *,
    long: bool = False,
    hour: bool = False,
    sep: str | None = None,
) -> str:
    """Write a date (and time) the way each language writes it, whatever the system locale.

    Parameters
    ----------
    moment : pandas.Timestamp
    lang : {"en", "zh", "es"}, optional
    long : bool, default False
        The full date with the year ("14 October 1948") rather than the short
        one ("14 Oct").
    hour : bool, default False
        Add the time of day.
    sep : str, optional
        What goes between the date and the time (default ", " for a long English
        or Spanish date, else a space).

    Examples
    --------
    >>> moment = pd.Timestamp("1948-10-14 15:00")
    >>> format_date(moment, "en", long=True, hour=True)
    '14 October 1948, 15:00'
    >>> format_date(moment, "es", hour=True)
    '14 oct 15:00'
    >>> format_date(moment, "zh", long=True)
    '1948年10月14日'
    """
    lang = resolve(lang)
    if lang == "zh":
        day = (
            f"{moment.year}年{moment.month}月{moment.day}日"
            if long
            else f"{moment.month}月{moment.day}日"
        )
    else:
        month = _MONTHS[lang][moment.month - 1]
        if long:
            day = (
                f"{moment.day} de {month} de {moment.year}"
                if lang == "es"
                else f"{moment.day} {month} {moment.year}"
            )
        else:
            day = f"{moment.day} {month[:3]}"
    if not hour:
        return day
    if sep is None:
        sep = ", " if long and lang != "zh" else " "
    return f"{day}{sep}{moment:%H:%M}"


@functools.cache
def _catalog() -> dict[str, dict[str, str]]:
    text = resources.files("jinzhou_edu").joinpath("labels.json").read_text("utf-8")
    return json.loads(text)


def label(key: str, lang: str | None = None, **values: object) -> str:
    """Return the label `key` in a language, with ``{placeholders}`` filled in.

    Examples
    --------
    >>> label("side.communist", "es")
    'Fuerzas comunistas'
    >>> label("oob.title", "zh", side="国民党军队")
    '战斗序列：国民党军队'
    """
    entry = _catalog().get(key)
    if entry is None:
        raise UnknownNameError("label", key, _catalog())
    return entry[resolve(lang)].format(**values)


def localized(frame: pd.DataFrame, stem: str, lang: str | None = None) -> pd.Series:
    """Pick the column ``{stem}_{lang}`` of `frame`, falling back to English.

    Spanish names are given only where they differ from the English, and a
    table may have no Spanish column at all; in both cases the English is used.

    Examples
    --------
    >>> import jinzhou_edu as jz
    >>> places = jz.load("places").set_index("place_id")
    >>> localized(places, "name", "zh")["south-gate"]
    '永安门'
    >>> localized(places, "name", "es")["tashan"]
    'Tashan'
    """
    lang = resolve(lang)
    english = frame[f"{stem}_en"]
    column = f"{stem}_{lang}"
    if lang == "en" or column not in frame:
        return english
    return frame[column].fillna(english)
