"""Check the data package: its schemas, keys, and the rules that tie tables together.

:func:`validate` reads every table as text, parses each cell through the same
schema code the loaders use, and returns a :class:`Report` listing every
problem with the file, line and column it is on. ``jinzhou-edu validate``
prints that report and exits non-zero when there is a problem.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from jinzhou_edu import _args
from jinzhou_edu._schema import _PARSERS, CHINA_TIME, DESCRIPTOR, REFERENCES_KEY, Package
from jinzhou_edu.checksums import stale_checksums

__all__ = ["Problem", "Report", "validate"]

#: the window every event, phase and strongpoint date must fall in
WINDOW = (
    datetime(1948, 9, 1, tzinfo=CHINA_TIME),
    datetime(1949, 1, 1, tzinfo=CHINA_TIME),
)
#: the wider window for context campaigns (phases with no parent, such as Huaihai)
CONTEXT_WINDOW = (WINDOW[0], datetime(1950, 1, 1, tzinfo=CHINA_TIME))
#: the days of the general assault, on which hour-level events must be in order
ASSAULT_DAYS = (date(1948, 10, 14), date(1948, 10, 15))
LOSS_MEASURES = {
    "killed",
    "wounded",
    "killed_and_wounded",
    "captured",
    "surrendered",
    "casualties",
    "losses_total",
}
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

Row = dict[str, Any]  # parsed values by column, plus "_line": the CSV line number


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, and where it is."""

    table: str
    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = f"{self.table}"
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass
class Report:
    """What :func:`validate` found."""

    directory: Path
    problems: list[Problem] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def __str__(self) -> str:
        lines = [f"Data package: {self.directory}"]
        for table, count in self.row_counts.items():
            lines.append(f"  {table:<14} {count:>4} rows")
        if self.ok:
            lines.append("OK: schemas, keys, references and cross-table rules all hold.")
        else:
            lines.append(f"{len(self.problems)} problem(s):")
            lines.extend(f"  - {problem}" for problem in self.problems)
        return "\n".join(lines)


def validate(directory: str | Path | None = None) -> Report:
    """Validate a data package and return a report of every problem found.

    Parameters
    ----------
    directory : str or Path, optional
        A folder holding ``datapackage.json`` and its CSV files. Defaults to
        the data set shipped with the package.

    Returns
    -------
    Report
        ``report.ok`` is True when nothing is wrong; ``str(report)`` is a
        readable summary with one line per problem.

    Examples
    --------
    >>> report = validate()
    >>> report.ok
    True
    >>> report.row_counts["sources"] >= 20
    True
    """
    if directory is None:
        from jinzhou_edu.data import data_dir

        directory = data_dir()
    directory = _args.path(directory, "directory")
    report = Report(directory=directory)
    descriptor, problems = _read_descriptor(directory)
    if descriptor is None or problems:
        report.problems.extend(problems)
        return report
    package = Package.read(directory)
    report.problems.extend(
        Problem(name, message) for name, message in stale_checksums(directory, descriptor)
    )

    parsed: dict[str, list[Row]] = {}
    for name in package.tables:
        rows = _parse_table(package, name, report.problems)
        if rows is not None:
            parsed[name] = rows
            report.row_counts[name] = len(rows)
    report.problems.extend(_check_references(package, parsed))
    if len(parsed) == len(package.tables):
        for rule in RULES:
            try:
                report.problems.extend(rule(parsed))
            except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
                # a value the rules cannot compare; the problems found so far say why
                report.problems.append(
                    Problem(
                        "datapackage",
                        f"the check {rule.__name__.replace('_', ' ')!r} could not be completed "
                        "because of the problems above; fix them and validate again",
                    )
                )
    return report


def _read_descriptor(directory: Path) -> tuple[dict | None, list[Problem]]:
    """Read ``datapackage.json`` and check its structure; return it and what is wrong."""
    where = DESCRIPTOR
    if not directory.is_dir():
        what = "is a file, not a folder" if directory.exists() else "does not exist"
        return None, [Problem(where, f"the data folder {str(directory)!r} {what}")]
    try:
        descriptor = json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(where, "file not found")]
    except IsADirectoryError:
        return None, [Problem(where, "is a folder, not a file")]
    except UnicodeDecodeError as error:
        return None, [Problem(where, f"is not UTF-8 (byte {error.start} cannot be read)")]
    except json.JSONDecodeError as error:
        return None, [Problem(where, f"cannot be read as JSON: {error.msg}", error.lineno)]
    except (OSError, RecursionError) as error:
        return None, [Problem(where, f"cannot be read: {type(error).__name__}")]
    problems = list(_descriptor_problems(descriptor))
    return descriptor, problems


def _is_text(value: object) -> bool:
    return isinstance(value, str) and value != ""


def _descriptor_problems(descriptor: object) -> Iterator[Problem]:
    """Yield what is wrong in the structure of a descriptor, before any table is read."""
    where = DESCRIPTOR
    if not isinstance(descriptor, dict):
        yield Problem(where, "must hold a JSON object with a 'resources' list")
        return
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        yield Problem(where, "'resources' must be a non-empty list of tables")
        return
    fields_of: dict[str, set[str]] = {}
    for number, resource in enumerate(resources, start=1):
        label = f"resource {number}"
        if not isinstance(resource, dict):
            yield Problem(where, f"{label} must be an object with name, path and schema")
            continue
        name = resource.get("name")
        if not _is_text(name):
            yield Problem(where, f"{label} has no 'name'")
            continue
        if name in fields_of:
            yield Problem(where, f"the resource name {name!r} is used twice")
        if not _is_text(resource.get("path")):
            yield Problem(name, "has no 'path' to its file (a string)")
        elif "\0" in resource["path"] or Path(resource["path"]).is_absolute():
            yield Problem(name, f"'path' {resource['path']!r} must be relative to the data folder")
        for key, kind in (("bytes", int), ("hash", str)):
            if key in resource and not isinstance(resource[key], kind):
                yield Problem(name, f"'{key}' must be a {kind.__name__}")
        schema = resource.get("schema")
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            yield Problem(name, "has no 'schema' with a list of 'fields'")
            continue
        names: set[str] = set()
        for position, spec in enumerate(schema["fields"], start=1):
            if not isinstance(spec, dict) or not _is_text(spec.get("name")):
                yield Problem(name, f"field {position} has no 'name'")
                continue
            yield from _field_problems(name, spec)
            names.add(spec["name"])
        fields_of[name] = names
        key = schema.get("primaryKey")
        if not isinstance(key, list) or not key or not all(isinstance(k, str) for k in key):
            yield Problem(name, "'primaryKey' must be a non-empty list of field names")
        elif key[0] not in names:
            yield Problem(name, f"'primaryKey' names {key[0]!r}, which is not a field")
    for resource in resources:
        if not isinstance(resource, dict) or resource.get("name") not in fields_of:
            continue
        name, schema = resource["name"], resource["schema"]
        foreign = schema.get("foreignKeys", [])
        if not isinstance(foreign, list):
            yield Problem(name, "'foreignKeys' must be a list")
            continue
        targets = []
        for key in foreign:
            try:
                (source,) = key["fields"]
                reference = key["reference"]
                (target_field,) = reference["fields"]
                targets.append((source, reference["resource"] or name, target_field))
            except (TypeError, KeyError, ValueError):
                yield Problem(
                    name, "a foreign key must have one field and a reference to one field"
                )
        for spec in schema["fields"]:
            if isinstance(spec, dict) and REFERENCES_KEY in spec:
                reference = spec[REFERENCES_KEY]
                if not isinstance(reference, dict) or not all(
                    _is_text(reference.get(k)) for k in ("resource", "field")
                ):
                    yield Problem(name, f"{REFERENCES_KEY!r} must name a resource and a field")
                    continue
                targets.append((spec["name"], reference["resource"], reference["field"]))
        for source, target, target_field in targets:
            if not isinstance(source, str) or source not in fields_of[name]:
                yield Problem(name, f"a foreign key starts from {source!r}, which is not a field")
            elif not isinstance(target, str) or target not in fields_of:
                yield Problem(name, f"the field {source!r} refers to a missing table {target!r}")
            elif not isinstance(target_field, str) or target_field not in fields_of[target]:
                yield Problem(
                    name,
                    f"the field {source!r} refers to {target}.{target_field}, "
                    f"but {target!r} has no field {target_field!r}",
                )


def _field_problems(table: str, spec: dict) -> Iterator[Problem]:
    """Yield what is wrong in one field descriptor: its type and constraints."""
    field_name = spec["name"]
    kind = spec.get("type", "string")
    if kind not in _PARSERS:
        known = ", ".join(sorted(_PARSERS))
        yield Problem(table, f"the field {field_name!r} has the unknown type {kind!r} ({known})")
    for key in ("delimiter", "format"):
        if key in spec and not _is_text(spec[key]):
            yield Problem(table, f"the field {field_name!r} has an empty or non-text {key!r}")
    constraints = spec.get("constraints", {})
    if not isinstance(constraints, dict):
        yield Problem(table, f"the field {field_name!r} has 'constraints' that are not an object")
        return
    enum = constraints.get("enum")
    if enum is not None and (not isinstance(enum, list) or not all(_is_text(v) for v in enum)):
        yield Problem(table, f"the field {field_name!r} has an 'enum' that is not a list of text")
    if "pattern" in constraints:
        try:
            re.compile(constraints["pattern"])
        except (re.error, TypeError):
            yield Problem(table, f"the field {field_name!r} has a 'pattern' that is not a regex")
    for key in ("minimum", "maximum", "maxLength"):
        value = constraints.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            yield Problem(table, f"the field {field_name!r} has a {key!r} that is not a number")


def _parse_table(package: Package, name: str, problems: list[Problem]) -> list[Row] | None:
    table = package.tables[name]
    try:
        header, text_rows = package.read_text_rows(name)
    except FileNotFoundError:
        problems.append(Problem(name, f"file {table.path} not found"))
        return None
    except IsADirectoryError:
        problems.append(Problem(name, f"{table.path} is a folder, not a CSV file"))
        return None
    except UnicodeDecodeError as error:
        problems.append(Problem(name, f"{table.path} is not UTF-8 (byte {error.start})"))
        return None
    except csv.Error as error:
        problems.append(Problem(name, f"{table.path} cannot be read as CSV: {error}"))
        return None
    except OSError as error:
        problems.append(Problem(name, f"{table.path} cannot be read ({type(error).__name__})"))
        return None
    if header != table.field_names:
        missing = [f for f in table.field_names if f not in header]
        extra = [f for f in header if f not in table.field_names]
        detail = []
        if missing:
            detail.append(f"missing {missing}")
        if extra:
            detail.append(f"not in the schema {extra}")
        if not detail:
            detail.append(f"in the wrong order; the schema has {table.field_names}")
        problems.append(Problem(name, "header " + "; ".join(detail), line=1))
        return None
    rows: list[Row] = []
    seen: dict[str, dict[Any, int]] = defaultdict(dict)
    for line, cells in enumerate(text_rows, start=2):
        if len(cells) != len(header):
            problems.append(
                Problem(name, f"has {len(cells)} cells; the header has {len(header)}", line)
            )
            continue
        row: Row = {"_line": line}
        for spec, text in zip(table.fields, cells, strict=True):
            if text != text.strip():
                problems.append(Problem(name, "has spaces at its start or end", line, spec.name))
            try:
                value = spec.parse(text)
            except ValueError as error:
                problems.append(Problem(name, str(error), line, spec.name))
                value = () if spec.type == "list" else None
            except (TypeError, OverflowError, re.error):
                problems.append(
                    Problem(name, f"{text[:40]!r} breaks the schema's constraints", line, spec.name)
                )
                value = () if spec.type == "list" else None
            if spec.required and text == "":
                problems.append(Problem(name, "is required but empty", line, spec.name))
            if (spec.unique or spec.name == table.primary_key) and value is not None:
                if value in seen[spec.name]:
                    first = seen[spec.name][value]
                    problems.append(
                        Problem(name, f"{value!r} repeats line {first}", line, spec.name)
                    )
                else:
                    seen[spec.name][value] = line
            row[spec.name] = value
        rows.append(row)
    return rows


def _check_references(package: Package, parsed: dict[str, list[Row]]) -> Iterator[Problem]:
    for name, rows in parsed.items():
        for spec in package.tables[name].fields:
            if spec.references is None:
                continue
            target, target_field = spec.references
            if target not in parsed:
                continue
            valid = {row[target_field] for row in parsed[target]}
            for row in rows:
                value = row[spec.name]
                items = value if spec.type == "list" else (value,)
                for item in items:
                    if item is not None and item not in valid:
                        yield Problem(
                            name,
                            f"{item!r} is not a {target_field} in {target}",
                            row["_line"],
                            spec.name,
                        )


# --- cross-table rules ------------------------------------------------------------
# Each rule takes the parsed tables and yields problems. Values that failed to
# parse are None, so rules skip them rather than report the same fault twice.

Rule = Callable[[dict[str, list[Row]]], Iterator[Problem]]
RULES: list[Rule] = []


def rule(function: Rule) -> Rule:
    """Register a cross-table rule."""
    RULES.append(function)
    return function


def _span(row: Row, start: str = "start", end: str = "end") -> tuple[datetime, datetime] | None:
    """Return the interval a row covers; a day-precision end covers its day."""
    lo, hi = row.get(start), row.get(end) or row.get(start)
    if lo is None or hi is None:
        return None
    if row.get("precision") == "day":
        try:
            hi = hi + timedelta(days=1)
        except OverflowError:  # the last day there is; reported as outside the window
            return None
    return lo, hi


def _when(moment: datetime | None) -> str:
    return "?" if moment is None else f"{moment:%Y-%m-%d %H:%M}"


def _midnight(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def _outside(inner: Row, outer: Row) -> str | None:
    """Return which end of `inner` ("start" or "end") lies outside `outer`, if any."""
    inner_span, outer_span = _span(inner), _span(outer)
    if inner_span is None or outer_span is None:
        return None
    (lo, hi), (outer_lo, outer_hi) = inner_span, outer_span
    if inner.get("precision") == "day":  # compare whole days
        outer_lo = _midnight(outer_lo)
        if outer_hi != _midnight(outer_hi):
            outer_hi = _midnight(outer_hi) + timedelta(days=1)
    if lo < outer_lo:
        return "start"
    if hi > outer_hi:
        return "end"
    return None


def _loops(table: str, rows: dict[str, Row], key: str) -> Iterator[Problem]:
    """Report rows whose chain of parent_id leads back into a loop."""
    for row in rows.values():
        seen, current = set(), row
        while current is not None and current.get("parent_id"):
            if current[key] in seen:
                yield Problem(
                    table,
                    f"is part of a loop of parent {table}",
                    row["_line"],
                    "parent_id",
                )
                break
            seen.add(current[key])
            current = rows.get(current["parent_id"])


@rule
def dates_in_window(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that event, phase and strongpoint dates fall in September-December 1948.

    Top-level campaigns other than Liaoshen (context rows such as Huaihai) may run
    until the end of 1949.
    """
    lo, hi = WINDOW
    for name, columns in (
        ("events", ("start", "end")),
        ("movements", ("start", "end")),
        ("phases", ("start", "end")),
        ("strongpoints", ("taken_at",)),
    ):
        for row in tables[name]:
            context = (
                name == "phases" and not row.get("parent_id") and row.get("level") == "campaign"
            )
            row_lo, row_hi = CONTEXT_WINDOW if context else WINDOW
            for column in columns:
                value = row.get(column)
                if value is not None and not row_lo <= value < row_hi:
                    span = "September 1948-December 1949" if context else "September-December 1948"
                    yield Problem(
                        name,
                        f"{value.isoformat()} is outside {span}",
                        row["_line"],
                        column,
                    )
    for row in tables["documents"]:
        value = row.get("date")
        if value is not None and not lo.date() <= value < hi.date():
            yield Problem(
                "documents",
                f"{value} is outside September-December 1948",
                row["_line"],
                "date",
            )


@rule
def ends_after_starts(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that no event or phase ends before it starts."""
    for name in ("events", "movements", "phases"):
        for row in tables[name]:
            if row.get("start") and row.get("end") and row["end"] < row["start"]:
                yield Problem(name, "ends before it starts", row["_line"], "end")


@rule
def phases_nest(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that a phase lies within its parent and the phase tree has no loop."""
    phases = {row["phase_id"]: row for row in tables["phases"]}
    for row in tables["phases"]:
        parent = phases.get(row.get("parent_id"))
        outside = _outside(row, parent) if parent is not None else None
        if outside is not None:
            yield Problem(
                "phases",
                f"is not within its parent phase {parent['phase_id']!r}",
                row["_line"],
                outside,
            )
    yield from _loops("phases", phases, "phase_id")


@rule
def events_within_phase(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that events and movements lie within the phase they are filed under."""
    phases = {row["phase_id"]: row for row in tables["phases"]}
    for name in ("events", "movements"):
        for row in tables[name]:
            phase = phases.get(row.get("phase_id"))
            if phase is not None and _outside(row, phase) is not None:
                yield Problem(
                    name,
                    f"falls outside its phase {phase['phase_id']!r} "
                    f"({_when(phase.get('start'))} to {_when(phase.get('end'))})",
                    row["_line"],
                    "phase_id",
                )


@rule
def assault_hours_in_order(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that hour-level events of 14-15 October are listed in time order."""
    previous: Row | None = None
    for row in tables["events"]:
        start = row.get("start")
        if start is None or row.get("precision") not in ("hour", "approx"):
            continue
        if start.date() not in ASSAULT_DAYS:
            continue
        if previous is not None and start < previous["start"]:
            yield Problem(
                "events",
                f"starts at {start:%d %b %H:%M}, before {previous['event_id']!r} "
                f"({previous['start']:%d %b %H:%M}) listed above it",
                row["_line"],
                "start",
            )
        previous = row


@rule
def figure_ranges(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check low <= high, and that no loss figure exceeds its source's strength."""
    strength: dict[tuple, int] = {}
    for row in tables["figures"]:
        if row.get("low") is not None and row.get("high") is not None and row["low"] > row["high"]:
            yield Problem(
                "figures",
                f"low {row['low']} is above high {row['high']}",
                row["_line"],
                "low",
            )
        if row.get("measure") == "strength" and row.get("high") is not None:
            for source_id in row["source_ids"]:
                key = (source_id, row["side"], row["scope"])
                strength[key] = max(strength.get(key, 0), row["high"])
    for row in tables["figures"]:
        if row.get("measure") not in LOSS_MEASURES or row.get("low") is None:
            continue
        for source_id in row["source_ids"]:
            limit = strength.get((source_id, row["side"], row["scope"]))
            if limit is not None and row["low"] > limit:
                yield Problem(
                    "figures",
                    f"{row['measure']} {row['low']} is larger than the "
                    f"{row['side']} strength "
                    f"{limit} that {source_id!r} gives for {row['scope']!r}",
                    row["_line"],
                    "low",
                )


#: how we know a work (sources.consulted): only these count as read
READ = ("full_text", "excerpts")
#: phrases by which a note says that a row rests on one source
_SAYS_SINGLE = re.compile(r"single[- ]source|one source|only source|sole source", re.IGNORECASE)
#: phrases by which a note says that a row's sources are weak (one of the above, or these)
_SAYS_WEAK = re.compile(
    _SAYS_SINGLE.pattern + r"|source document|unidentified|one identified|one independent",
    re.IGNORECASE,
)


def _cited(row: Row) -> tuple[str, ...]:
    """Return the source ids a row cites (corrections cite theirs as evidence)."""
    return tuple(row.get("source_ids") or row.get("evidence_source_ids") or ())


def _standing(tables: dict[str, list[Row]]) -> dict[str, tuple[bool, bool]]:
    """Map each source id to (we read it, it is an identified work)."""
    return {
        row["source_id"]: (row.get("consulted") in READ, bool(row.get("identified")))
        for row in tables["sources"]
    }


def _independent(cited: tuple[str, ...], standing: dict[str, tuple[bool, bool]]) -> list[str]:
    """Return the cited works that count toward 'high': identified works we read."""
    return [s for s in dict.fromkeys(cited) if standing.get(s, (False, False)) == (True, True)]


def _rated_rows(tables: dict[str, list[Row]]) -> Iterator[tuple[str, Row]]:
    """Yield (table, row) for every row that carries a confidence rating."""
    for name, rows in tables.items():
        if rows and "confidence" in rows[0]:
            for row in rows:
                yield name, row


@rule
def unread_works_support_nothing_alone(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that every row cites at least one work we have read (in full or in excerpts)."""
    standing = _standing(tables)
    for name, rows in tables.items():
        if name == "sources":
            continue
        for row in rows:
            cited = [s for s in _cited(row) if s in standing]
            if cited and not any(standing[s][0] for s in cited):
                column = "evidence_source_ids" if "evidence_source_ids" in row else "source_ids"
                yield Problem(
                    name,
                    f"rests only on works we have not read ({', '.join(cited)}); "
                    "cite a work we consulted",
                    row["_line"],
                    column,
                )


@rule
def high_needs_two_independent_sources(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that a 'high' row cites two identified works we read, not counting the rest."""
    standing = _standing(tables)
    for name, row in _rated_rows(tables):
        if row.get("confidence") != "high":
            continue
        cited = _cited(row)
        if len(cited) == 1:
            yield Problem(
                name,
                "cites a single source, so cannot be 'high' confidence",
                row["_line"],
                "confidence",
            )
            continue
        independent = _independent(cited, standing)
        if len(independent) < 2:
            found = ", ".join(independent) or "none"
            yield Problem(
                name,
                "is 'high' but fewer than two of its sources are identified works we read "
                f"(only: {found}); unread or unidentified works and the source document "
                "do not count, so it can be at most 'medium'",
                row["_line"],
                "confidence",
            )


@rule
def weak_sourcing_is_noted(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that a row resting on one source, or on weak sources, says so in its note."""
    standing = _standing(tables)
    for name, row in _rated_rows(tables):
        if "note_en" not in row:
            continue
        cited = _cited(row)
        note = row.get("note_en") or ""
        if len(cited) == 1:
            if not _SAYS_SINGLE.search(note):
                yield Problem(
                    name,
                    "cites a single source but has no note saying so "
                    "(write 'single source' in note_en)",
                    row["_line"],
                    "note_en",
                )
        elif len(_independent(cited, standing)) < 2 and not _SAYS_WEAK.search(note):
            yield Problem(
                name,
                "rests on fewer than two identified works we read, but its note does not say "
                "so (name the 'single source', the 'source document' or the 'unidentified' "
                "works in note_en)",
                row["_line"],
                "note_en",
            )


@rule
def units_form_a_tree(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that units sit under parents and commanders of their side, loop-free."""
    units = {row["unit_id"]: row for row in tables["units"]}
    people = {row["person_id"]: row for row in tables["people"]}
    for row in tables["units"]:
        parent = units.get(row.get("parent_id"))
        if parent is not None and parent["side"] != row["side"]:
            yield Problem(
                "units",
                f"is {row['side']} but its parent {parent['unit_id']!r} is {parent['side']}",
                row["_line"],
                "parent_id",
            )
        commander = people.get(row.get("commander_id"))
        if commander is not None and commander["side"] != row["side"]:
            yield Problem(
                "units",
                f"is {row['side']} but its commander is {commander['side']}",
                row["_line"],
                "commander_id",
            )
    yield from _loops("units", units, "unit_id")
    for row in tables["people"]:
        unit = units.get(row.get("unit_id"))
        if unit is not None and unit["side"] != row["side"]:
            yield Problem(
                "people",
                f"is {row['side']} but unit {unit['unit_id']!r} is {unit['side']}",
                row["_line"],
                "unit_id",
            )


@rule
def every_source_is_cited(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that every work in the sources table is cited by at least one row."""
    cited = set()
    for rows in tables.values():
        for row in rows:
            cited.update(row.get("source_ids") or ())
            cited.update(row.get("evidence_source_ids") or ())
    for row in tables["sources"]:
        if row["source_id"] not in cited:
            yield Problem(
                "sources",
                f"{row['source_id']!r} is cited by no row",
                row["_line"],
                "source_id",
            )


@rule
def names_in_their_scripts(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that Chinese columns hold hanzi and pinyin columns hold none."""
    for name, rows in tables.items():
        for row in rows:
            for column, value in row.items():
                if not isinstance(value, str) or not value:
                    continue
                if column.endswith("_zh") and not _CJK.search(value):
                    yield Problem(
                        name,
                        f"{value!r} has no Chinese characters",
                        row["_line"],
                        column,
                    )
                if column.endswith("_pinyin") and _CJK.search(value):
                    yield Problem(
                        name,
                        f"{value!r} has Chinese characters in a pinyin column",
                        row["_line"],
                        column,
                    )


def _english_key(term: str) -> str:
    """Return the form in which English glossary terms are compared."""
    return " ".join(term.casefold().replace("-", " ").split())


@rule
def glossary_terms_are_unambiguous(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    """Check that no English term or other form finds two glossary rows."""
    seen: dict[str, str] = {}
    for row in tables.get("glossary", ()):
        forms = [("term_en", row.get("term_en"))]
        forms += [("also_en", form) for form in (row.get("also_en") or "").split(";")]
        for column, form in forms:
            if not form:
                continue
            key = _english_key(form)
            other = seen.get(key)
            if other is not None and other != row["term_id"]:
                yield Problem(
                    "glossary",
                    f"{form!r} also finds the term {other!r}; English forms must be unique",
                    row["_line"],
                    column,
                )
            seen[key] = row["term_id"]


@rule
def stories_have_versions_told_by_their_sources(
    tables: dict[str, list[Row]],
) -> Iterator[Problem]:
    """Check that each story has two versions or more, each cited to the work that tells it."""
    rows = tables.get("story_versions", ())
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        if row.get("story"):
            counts[row["story"]] += 1
        told_by = row.get("told_by")
        if told_by and told_by not in (row.get("source_ids") or ()):
            yield Problem(
                "story_versions",
                f"is told by {told_by!r}, which is not among its source_ids",
                row["_line"],
                "source_ids",
            )
    for row in rows:
        if row.get("story") and counts[row["story"]] < 2:
            yield Problem(
                "story_versions",
                f"the story {row['story']!r} has only one version; a story needs two or more "
                "to be compared",
                row["_line"],
                "story",
            )
