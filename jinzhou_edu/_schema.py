"""Read the Frictionless descriptor and parse CSV cells by their Table Schema.

This is the one place that knows how a cell's text becomes a value. The
loaders (``data.py``) and the validator (``validate.py``) both go through it,
so a type is defined once.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

#: China Standard Time as a fixed offset. The tz database's "Asia/Shanghai"
#: zone applies a 1948 summer-time rule (UTC+09:00 until 30 September) that the
#: sources on the campaign do not use, so we keep the plain +08:00 offset.
CHINA_TIME = timezone(timedelta(hours=8), "UTC+08:00")

DESCRIPTOR = "datapackage.json"
REFERENCES_KEY = "jinzhou:references"


@dataclass(frozen=True)
class Field:
    """One column of a table, as its Table Schema describes it."""

    name: str
    type: str
    title: str = ""
    description: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    datetime_format: str | None = None
    delimiter: str = ";"
    #: (table, field) that every value (or list item) must exist in
    references: tuple[str, str] | None = None

    @classmethod
    def from_descriptor(cls, spec: dict[str, Any], foreign: dict[str, tuple[str, str]]) -> Field:
        """Build a Field from a Table Schema field descriptor."""
        constraints = spec.get("constraints", {})
        references = foreign.get(spec["name"])
        if REFERENCES_KEY in spec:
            ref = spec[REFERENCES_KEY]
            references = (ref["resource"], ref["field"])
        return cls(
            name=spec["name"],
            type=spec.get("type", "string"),
            title=spec.get("title", ""),
            description=spec.get("description", ""),
            required=bool(constraints.get("required", False)),
            unique=bool(constraints.get("unique", False)),
            enum=tuple(constraints["enum"]) if "enum" in constraints else None,
            pattern=constraints.get("pattern"),
            minimum=constraints.get("minimum"),
            maximum=constraints.get("maximum"),
            max_length=constraints.get("maxLength"),
            datetime_format=spec.get("format") if spec.get("type") == "datetime" else None,
            delimiter=spec.get("delimiter", ";"),
            references=references,
        )

    def parse(self, text: str) -> Any:
        """Turn a cell's text into a value, or raise ValueError saying why not.

        An empty cell is None (an empty tuple for a list field). Constraints
        other than ``required`` and ``unique`` are checked here.
        """
        if text == "":
            return () if self.type == "list" else None
        value = _PARSERS[self.type](self, text)
        self._check(value)
        return value

    def _check(self, value: Any) -> None:
        if self.enum is not None and value not in self.enum:
            raise ValueError(f"{value!r} is not one of {', '.join(self.enum)}")
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            raise ValueError(f"{value!r} does not match the pattern {self.pattern}")
        if self.max_length is not None and len(value) > self.max_length:
            raise ValueError(f"is {len(value)} characters long; at most {self.max_length} allowed")
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{value} is below the minimum {self.minimum}")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"{value} is above the maximum {self.maximum}")


def _parse_integer(_: Field, text: str) -> int:
    if not re.fullmatch(r"[+-]?\d+", text):
        raise ValueError(f"{text!r} is not a whole number")
    return int(text)


def _parse_number(_: Field, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None


def _parse_boolean(_: Field, text: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError(f"{text!r} is not a boolean (write true or false)")
    return text == "true"


def _parse_datetime(spec: Field, text: str) -> datetime:
    fmt = spec.datetime_format or "%Y-%m-%dT%H:%M:%S%z"
    try:
        value = datetime.strptime(text, fmt)
    except ValueError:
        raise ValueError(f"{text!r} is not a date-time like 1948-10-14T10:00:00+08:00") from None
    if value.utcoffset() != CHINA_TIME.utcoffset(None):
        raise ValueError(f"{text!r} is not in China time (+08:00)")
    return value.astimezone(CHINA_TIME)


def _parse_date(_: Field, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date like 1948-10-17") from None


def _parse_list(spec: Field, text: str) -> tuple[str, ...]:
    items = tuple(item.strip() for item in text.split(spec.delimiter))
    if any(item == "" for item in items):
        raise ValueError(f"{text!r} has an empty item between {spec.delimiter!r}")
    return items


_PARSERS = {
    "string": lambda _, text: text,
    "integer": _parse_integer,
    "number": _parse_number,
    "boolean": _parse_boolean,
    "datetime": _parse_datetime,
    "date": _parse_date,
    "list": _parse_list,
}


@dataclass(frozen=True)
class Table:
    """One resource of the data package: its file and its fields."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: str

    @property
    def field_names(self) -> list[str]:
        """Column names in schema order."""
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        """Return the field called `name`."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


@dataclass(frozen=True)
class Package:
    """The data package found in one directory."""

    directory: Path
    title: str
    tables: dict[str, Table] = field(default_factory=dict)

    @classmethod
    def read(cls, directory: str | Path) -> Package:
        """Read ``datapackage.json`` in `directory`."""
        directory = Path(directory)
        descriptor = json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8"))
        tables = {}
        for resource in descriptor["resources"]:
            name = resource["name"]
            schema = resource["schema"]
            foreign = {}
            for key in schema.get("foreignKeys", []):
                target = key["reference"]["resource"] or name
                foreign[key["fields"][0]] = (target, key["reference"]["fields"][0])
            fields = tuple(Field.from_descriptor(spec, foreign) for spec in schema["fields"])
            tables[name] = Table(
                name=name,
                path=resource["path"],
                title=resource.get("title", name),
                description=resource.get("description", ""),
                fields=fields,
                primary_key=schema["primaryKey"][0],
            )
        return cls(directory=directory, title=descriptor.get("title", ""), tables=tables)

    def read_text_rows(self, table: str) -> tuple[list[str], list[list[str]]]:
        """Return the header and the rows of a table's CSV, as text.

        Blank lines are skipped; rows are returned as they are, so a caller can
        tell a row with too few or too many cells.
        """
        path = self.directory / self.tables[table].path
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            rows = [row for row in reader if row]
        return header, rows
