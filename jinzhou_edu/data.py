"""Load the data set's tables as typed pandas DataFrames, and cite their sources.

Nothing else in the package reads the data files. Tables are read once and
cached; every call hands out a fresh copy, so editing a loaded table never
changes what the next :func:`load` returns.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import pandas as pd

from jinzhou_edu import _args
from jinzhou_edu._errors import UnknownNameError
from jinzhou_edu._schema import CHINA_TIME, DESCRIPTOR, Field, Package, Table

__all__ = [
    "cite",
    "data_dir",
    "describe",
    "geo_layer",
    "glossary_term",
    "load",
    "sources_for",
    "tables",
]

#: enums whose values have a natural order
_ORDERED_ENUMS = {"confidence"}


def data_dir() -> Path:
    """Return the folder that holds the data package.

    An installed wheel carries the data inside the package; a checkout of the
    repository (or an editable install) reads the top-level ``data/`` folder.

    Examples
    --------
    >>> (data_dir() / "datapackage.json").is_file()
    True
    """
    packaged = resources.files("jinzhou_edu") / "_data"
    if packaged.is_dir() and (packaged / DESCRIPTOR).is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / "data"
    if (checkout / DESCRIPTOR).is_file():
        return checkout
    raise FileNotFoundError(
        "The jinzhou-edu data package is missing: looked in "
        f"{packaged} and {checkout}. Reinstall the package."
    )


@functools.cache
def _package() -> Package:
    return Package.read(data_dir())


def _table_spec(name: str) -> Table:
    package = _package()
    name = _args.choice("table", name, package.tables, name="the table name")
    return package.tables[name]


def tables() -> list[str]:
    """Return the names of the tables in the data set.

    Examples
    --------
    >>> tables()[:3]
    ['sources', 'phases', 'events']
    >>> "people" in tables()
    True
    """
    return list(_package().tables)


def _column(spec: Field, values: list) -> pd.Series:
    """Build one typed column from parsed values."""
    if spec.enum is not None:
        dtype = pd.CategoricalDtype(list(spec.enum), ordered=spec.name in _ORDERED_ENUMS)
        return pd.Series(values, dtype=object).astype(dtype)
    if spec.type == "string":
        return pd.Series(values, dtype="string")
    if spec.type == "integer":
        return pd.Series(values, dtype="Int64")
    if spec.type == "number":
        return pd.Series([float("nan") if v is None else v for v in values], dtype=float)
    if spec.type == "boolean":
        return pd.Series(values, dtype="boolean")
    if spec.type == "datetime":
        series = pd.to_datetime(pd.Series(values, dtype=object), utc=True)
        return series.dt.tz_convert(CHINA_TIME)
    if spec.type == "date":
        return pd.to_datetime(pd.Series(values, dtype=object))
    if spec.type == "list":
        return pd.Series(values, dtype=object)  # tuples; made lists on the way out
    raise TypeError(f"Unsupported field type {spec.type!r} for {spec.name!r}")


@functools.cache
def _load_cached(name: str) -> pd.DataFrame:
    spec = _table_spec(name)
    package = _package()
    header, rows = package.read_text_rows(name)
    if header != spec.field_names:
        raise ValueError(
            f"{spec.path} has columns {header}, but its schema lists "
            f"{spec.field_names}. Run `jinzhou-edu validate` for a full report."
        )
    columns = {}
    for position, field_spec in enumerate(spec.fields):
        values = []
        for number, row in enumerate(rows, start=2):
            try:
                values.append(field_spec.parse(row[position]))
            except (ValueError, IndexError) as error:
                raise ValueError(
                    f"{spec.path}, line {number}, column {field_spec.name!r}: {error}. "
                    "Run `jinzhou-edu validate` for a full report."
                ) from None
        columns[field_spec.name] = _column(field_spec, values)
    return pd.DataFrame(columns)


def load(name: str) -> pd.DataFrame:
    """Load a table as a DataFrame with the dtypes its schema gives.

    Parameters
    ----------
    name : str
        A table name, one of :func:`tables`.

    Returns
    -------
    pandas.DataFrame
        One row per record, in the order of the CSV. Text columns are
        ``string``, enumerations ``category`` (``confidence`` is ordered low <
        medium < high), whole numbers nullable ``Int64``, flags ``boolean``,
        times ``datetime64`` in China time (UTC+08:00), dates ``datetime64``
        without a time zone, and list fields (``source_ids``, ``unit_ids`` ...)
        hold Python lists of ids. The frame is yours: changing it does not
        change what the next call returns.

    Raises
    ------
    KeyError
        If there is no table called `name`; the message names the closest one.

    Examples
    --------
    >>> events = load("events")
    >>> str(events["start"].dt.tz)
    'UTC+08:00'
    >>> events["confidence"].cat.categories.tolist()
    ['low', 'medium', 'high']
    >>> isinstance(events.loc[0, "source_ids"], list)
    True
    >>> load("event")
    Traceback (most recent call last):
    ...
    jinzhou_edu._errors.UnknownNameError: No table 'event'. Did you mean 'events'? ...
    """
    spec = _table_spec(name)
    frame = _load_cached(spec.name).copy(deep=True)
    for field_spec in spec.fields:
        if field_spec.type == "list":
            frame[field_spec.name] = pd.Series(
                [list(items) for items in frame[field_spec.name]],
                index=frame.index,
                dtype=object,
            )
    return frame


def describe(name: str | None = None, column: str | None = None) -> pd.DataFrame:
    """Document the tables, or the columns of one table.

    Parameters
    ----------
    name : str, optional
        A table name. Without it, one row per table: its title, row count and
        description.
    column : str, optional
        Limit the answer to one column of `name`.

    Returns
    -------
    pandas.DataFrame
        For a table: one row per column, indexed by column name, with its
        ``type``, whether it is ``required``, its ``description``, the
        ``allowed`` values of an enumeration, and the table a field
        ``refers_to``.

    Examples
    --------
    >>> describe("events").loc["precision", "allowed"]
    'day, hour, approx'
    >>> describe("events", "place_id").loc["place_id", "refers_to"]
    'places.place_id'
    >>> describe().loc["events", "title"]
    'Events'
    """
    if name is None:
        if column is not None:
            _args.text(column, "column", "'start'")
            raise ValueError("Give a table name with column=, e.g. describe('events', 'start').")
        return pd.DataFrame(
            [
                {
                    "table": spec.name,
                    "title": spec.title,
                    "rows": len(_load_cached(spec.name)),
                    "description": spec.description,
                }
                for spec in _package().tables.values()
            ]
        ).set_index("table")
    spec = _table_spec(name)
    fields = spec.fields
    if column is not None:
        column = _args.text(column, "column", repr(spec.field_names[0]))
        if column not in spec.field_names:
            raise UnknownNameError("column", column, spec.field_names, f" in table {name!r}")
        fields = (spec.field(column),)
    return pd.DataFrame(
        [
            {
                "column": f.name,
                "type": f"list of {f.references[0]} ids"
                if f.type == "list" and f.references
                else f.type,
                "required": f.required,
                "description": f.description,
                "allowed": ", ".join(f.enum) if f.enum else "",
                "refers_to": ".".join(f.references) if f.references else "",
            }
            for f in fields
        ]
    ).set_index("column")


def _split_ids(source_ids: str | Iterable[str]) -> list[str]:
    given = _args.text_list(source_ids, "source_ids", "'tanner-2015'")
    ids = [part.strip() for text in given for part in text.split(";") if part.strip()]
    if not ids:
        raise ValueError("No source id given; pass one such as 'tanner-2015', or a list of them.")
    return ids


def _format_citation(row: pd.Series) -> str:
    year = "n.d." if pd.isna(row["year"]) else row["year"]
    parts = [f"{row['author']} ({year}). {row['title']}"]
    if not pd.isna(row["title_en"]):
        parts[0] += f" [{row['title_en']}]"
    text = parts[0] + "."
    if not pd.isna(row["publisher"]):
        text += f" {row['publisher']}."
    if not pd.isna(row["url"]):
        text += f" {row['url']}"
    return text


def cite(source_ids: str | Iterable[str]) -> str:
    """Format citations for one or more sources.

    Parameters
    ----------
    source_ids : str or iterable of str
        A source id, several ids separated by ``;`` (as in the tables'
        ``source_ids`` columns), or a list of ids.

    Returns
    -------
    str
        One citation per line, in the order given.

    Raises
    ------
    KeyError
        For an id that is not in the sources table, naming the closest one.

    Examples
    --------
    >>> cite("tanner-2015").startswith("Tanner, Harold M. (2015). Where Chiang")
    True
    >>> try:
    ...     cite("tanner2015")
    ... except KeyError as error:
    ...     print(error)  # doctest: +ELLIPSIS
    No source 'tanner2015'. Did you mean 'tanner-2015'? ...
    """
    sources = _load_cached("sources").set_index("source_id")
    lines = []
    for source_id in _split_ids(source_ids):
        if source_id not in sources.index:
            raise UnknownNameError("source", source_id, sources.index)
        lines.append(_format_citation(sources.loc[source_id]))
    return "\n".join(lines)


def sources_for(table: str, row_id: str) -> pd.DataFrame:
    """Return the sources cited by one row of a table.

    Parameters
    ----------
    table : str
        A table name, e.g. ``"events"``.
    row_id : str
        The row's id (its primary key, e.g. an ``event_id``).

    Returns
    -------
    pandas.DataFrame
        Rows of the ``sources`` table, in the order the row cites them.

    Examples
    --------
    >>> cited = sources_for("people", "liang-shiying")
    >>> cited["source_id"].iloc[0]
    'xinhua-2019-liang-shiying'
    >>> try:
    ...     sources_for("people", "liang-shiyin")
    ... except KeyError as error:
    ...     print(error)  # doctest: +ELLIPSIS
    No row 'liang-shiyin' in people. Did you mean 'liang-shiying'? ...
    """
    spec = _table_spec(table)
    table = spec.name
    frame = _load_cached(table)
    key = spec.primary_key
    row_id = _args.text(row_id, "row_id", repr(str(frame[key].iloc[0])))
    matches = frame.index[frame[key] == row_id]
    if len(matches) == 0:
        raise UnknownNameError("row", row_id, frame[key].tolist(), f" in {table}")
    cited_field = "evidence_source_ids" if table == "corrections" else "source_ids"
    cited = [row_id] if table == "sources" else list(frame.loc[matches[0], cited_field])
    sources = load("sources").set_index("source_id", drop=False)
    return sources.loc[cited].reset_index(drop=True)


@functools.cache
def _geo_layers() -> dict[str, dict]:
    folder = data_dir() / "geo"
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.geojson"))
    }


def geo_layer(name: str) -> dict:
    """Return a map layer (a GeoJSON FeatureCollection) from ``data/geo``.

    Parameters
    ----------
    name : str
        ``"coastline"`` (Natural Earth land, clipped to the region) or
        ``"jinzhou_plan"`` (the schematic city plan).

    Examples
    --------
    >>> layer = geo_layer("jinzhou_plan")
    >>> sorted({f["properties"]["kind"] for f in layer["features"]})
    ['railway', 'river', 'wall']
    """
    layers = _geo_layers()
    name = _args.choice("map layer", name, layers, name="the layer name")
    return copy.deepcopy(layers[name])


def _english_key(term: str) -> str:
    """Return the form in which English glossary terms are compared (as the validator does)."""
    return " ".join(str(term).casefold().replace("-", " ").split())


def glossary_term(term: str) -> pd.Series:
    """Find a glossary row by its English term, case-insensitively.

    The term may be the row's ``term_en`` or one of its other English forms
    (``also_en``); case, hyphens and extra spaces do not matter. Lessons use it
    to link a key term to its definition.

    Parameters
    ----------
    term : str
        An English term, e.g. ``"Column"`` or ``"break out"``.

    Returns
    -------
    pandas.Series
        The glossary row (``term_id``, ``term_en``, ``term_zh``, ``term_pinyin``,
        ``term_es``, ``definition_en``, ``first_lesson``, ``source_ids``, ...).

    Raises
    ------
    UnknownNameError
        If no row has the term; the message suggests the closest term.

    Examples
    --------
    >>> row = glossary_term("Column")
    >>> row["term_zh"], row["term_pinyin"], int(row["first_lesson"])
    ('纵队', 'zòngduì', 1)
    >>> glossary_term("break out")["term_en"]
    'breakout'
    >>> glossary_term("colum")
    Traceback (most recent call last):
    ...
    jinzhou_edu._errors.UnknownNameError: No glossary term 'colum'. Did you mean 'column'? ...
    """
    term = _args.text(term, "term", "'Column'")
    glossary = load("glossary")
    index: dict[str, int] = {}
    for position, row in enumerate(glossary.itertuples(index=False)):
        others = row.also_en.split(";") if isinstance(row.also_en, str) else []
        for form in [row.term_en, *others]:
            index.setdefault(_english_key(form), position)
    position = index.get(_english_key(term))
    if position is None:
        raise UnknownNameError("glossary term", term, glossary["term_en"].tolist())
    return glossary.iloc[position]
