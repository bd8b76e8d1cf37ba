"""Which language titles, labels and names are shown in: English, Chinese or Spanish.

Names of places, people, units, phases and events come from the data's own
columns (``name_en``, ``name_zh``, ``name_es`` ...); the words the plots add
(titles, axis labels, legends) come from the label catalog ``labels.json``.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

import pandas as pd

from jinzhou_edu import _args
from jinzhou_edu._errors import UnknownNameError

__all__ = [
    "LANGUAGES",
    "format_date",
    "get_language",
    "label",
    "localized",
    "set_language",
    "short_citation",
]

#: the languages every label and name is available in
LANGUAGES = ("en", "zh", "es")
_state = {"language": "en"}


def _check(lang: str) -> str:
    return _args.choice("language", lang, LANGUAGES, name="lang")  # type: ignore[return-value]


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


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
#: "王树增 (Wang Shuzeng)": a name and, in brackets, its other script
_NAME_PAIR = re.compile(r"\s*,?\s*([^()]+?)\s*\(([^()]*)\)")


def _author_forms(author: str) -> tuple[str, str, bool]:
    """Return the Chinese and Latin forms of a source's first author, and if there are more.

    The sources table writes authors as ``Surname, Given``, ``汉字 (Pinyin)``,
    ``Latin (汉字)`` or several of these; a form it lacks is the other one.
    """
    pairs = _NAME_PAIR.findall(author)
    if not pairs:
        latin = author.split(",")[0].strip()  # "Tanner, Harold M." -> "Tanner"
        return latin, latin, False
    outside, inside = pairs[0]
    chinese, latin = (outside, inside) if _CJK.search(outside) else (inside, outside)
    several = len(pairs) > 1
    for separator in ("、", ", "):
        several |= separator in chinese.strip() or separator in latin.strip()
    chinese = re.split(r"[、\s]", chinese.strip())[0] if "、" in chinese else chinese
    latin = latin.split(", ")[0]
    chinese, latin = (
        re.sub(r"\s*(编者|contributors)$", "", name.strip()) for name in (chinese, latin)
    )
    return chinese or latin, latin or chinese, several


def short_citation(source_id: str, lang: str | None = None) -> str:
    """Name a source the way a reader would: author (or kind of work) and year.

    Built from the ``author``, ``year`` and ``language`` columns of the sources
    table: the first author's surname or name (in Chinese characters for Chinese
    authors when `lang` is ``"zh"``), "et al." for more; a wiki by its language
    ("English Wikipedia"); an anonymous work by its title, or as an account in its
    language if it has none (a title in square brackets is ours, not its own). The
    year is the ``year`` column, else the year in the source's id, else none.

    Examples
    --------
    >>> short_citation("wang-shuzeng-2009"), short_citation("wang-shuzeng-2009", "zh")
    ('Wang Shuzeng 2009', '王树增 2009')
    >>> short_citation("enwiki-jinzhou"), short_citation("tanner-2015", "es")
    ('English Wikipedia', 'Tanner 2015')
    >>> short_citation("es-account-2007"), short_citation("nefa-report-1948-11-08", "zh")
    ('Spanish account 2007', '林彪等 1948')
    """
    from jinzhou_edu.data import load

    lang = resolve(lang)
    sources = load("sources").set_index("source_id")
    if source_id not in sources.index:
        raise UnknownNameError("source", source_id, sources.index)
    source = sources.loc[source_id]
    author = "" if pd.isna(source["author"]) else str(source["author"])
    language = label(f"language.{source['language']}", lang)
    if "Wikipedia" in author:
        return label("cite.wikipedia", lang, language=language)
    year = source["year"]
    if pd.isna(year):
        found = re.search(r"(1[89]|20)\d\d", source_id)
        year = found.group(0) if found else ""
    if not author or re.match(r"(Unknown|Unidentified)\b", author):
        title = source["title"] if lang == "zh" or pd.isna(source["title_en"]) else None
        title = source["title_en"] if title is None else title
        # a title in square brackets is our description of an untitled work
        described = pd.isna(source["title"]) or str(source["title"]).startswith("[")
        name = label("cite.account", lang, language=language) if described else str(title)
    else:
        chinese, latin, several = _author_forms(author)
        name = chinese if lang == "zh" else latin
        if several:
            name = label("cite.et_al", lang, name=name)
    return f"{name} {year}".strip()
