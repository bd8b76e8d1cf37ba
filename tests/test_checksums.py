"""datapackage.json records each file's bytes and hash; validate names a changed file."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import jinzhou_edu as jz
from jinzhou_edu.checksums import file_checksum, stale_checksums


def test_every_resource_records_its_bytes_and_hash(data_dir):
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        size, digest = file_checksum(data_dir / resource["path"])
        assert (resource.get("bytes"), resource.get("hash")) == (size, digest), (
            f"{resource['name']}: run `jinzhou-edu checksums` after changing the data"
        )
    assert stale_checksums(data_dir) == []


def test_a_truncated_file_is_named(data_copy):
    path = data_copy.directory / "events.csv"
    text = path.read_bytes()
    path.write_bytes(text[: len(text) // 2].rsplit(b"\n", 1)[0] + b"\n")
    problems = [str(p) for p in jz.validate(data_copy.directory).problems]
    assert any(p.startswith("events: events.csv") and "truncated" in p for p in problems), problems


def test_a_changed_file_of_the_same_size_is_named(data_copy):
    path = data_copy.directory / "places.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Tashan", "Tashon", 1), encoding="utf-8")
    problems = [str(p) for p in jz.validate(data_copy.directory).problems]
    assert any(
        p.startswith("places: places.csv") and "does not match the hash" in p for p in problems
    ), problems


def test_the_checksums_command_records_and_checks(data_copy):
    path = data_copy.directory / "glossary.csv"
    path.write_bytes(path.read_bytes() + b"\n")
    command = [sys.executable, "-m", "jinzhou_edu", "checksums", "--data", str(data_copy.directory)]
    found = subprocess.run([*command, "--check"], capture_output=True, text=True, timeout=120)
    assert found.returncode == 1 and "glossary: glossary.csv" in found.stdout
    written = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert written.returncode == 0 and "glossary" in written.stdout
    assert jz.validate(data_copy.directory).ok


# --- data-entry slips and a damaged descriptor are reported, never raised ---------------


def _descriptor(data_copy):
    path = data_copy.directory / "datapackage.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


def _break_descriptor(data_copy, change):
    path, descriptor = _descriptor(data_copy)
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def _field(descriptor, table, name):
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    return next(f for f in resource["schema"]["fields"] if f["name"] == name)


def _schema(descriptor, table):
    return next(r for r in descriptor["resources"] if r["name"] == table)["schema"]


DESCRIPTOR_FAULTS = {
    "unknown field type": (
        lambda d: _field(d, "events", "start").update(type="timestamp"),
        "unknown type 'timestamp'",
    ),
    "empty primary key": (lambda d: _schema(d, "places").update(primaryKey=[]), "'primaryKey'"),
    "foreign key to a missing field": (
        lambda d: _schema(d, "phases")["foreignKeys"][0]["reference"].update(fields=["nope"]),
        "has no field 'nope'",
    ),
    "resources not a list": (lambda d: d.update(resources={"a": 1}), "'resources'"),
    "a resource that is a list": (lambda d: d["resources"].__setitem__(0, ["x"]), "resource 1"),
    "references to a missing table": (
        lambda d: _field(d, "events", "source_ids")["jinzhou:references"].update(resource="x"),
        "missing table 'x'",
    ),
}


@pytest.mark.parametrize(("change", "expected"), DESCRIPTOR_FAULTS.values(), ids=DESCRIPTOR_FAULTS)
def test_a_damaged_descriptor_is_reported(data_copy, change, expected):
    _break_descriptor(data_copy, change)
    report = jz.validate(data_copy.directory)
    assert not report.ok
    assert any(expected in str(p) for p in report.problems), str(report)
    assert "list indices" not in str(report) and "Traceback" not in str(report)


def test_a_descriptor_not_in_utf8_is_reported(data_copy):
    path = data_copy.directory / "datapackage.json"
    path.write_bytes(path.read_bytes().replace(b"Jinzhou", "Jinzhöu".encode("latin-1"), 1))
    assert "is not UTF-8" in str(jz.validate(data_copy.directory))


SLIPS = {
    "an empty end on a phase": ("phases", "jinzhou", "end", ""),
    "a year-1 date": ("events", "liang-shiying-dies", "start", "0001-01-01T00:00:00+08:00"),
    "a year-9999 date": ("phases", "jinzhou", "end", "9999-12-31T23:00:00+08:00"),
    "a huge cell": ("events", "liang-shiying-dies", "title_en", "x" * 200_000),
}


@pytest.mark.parametrize(("table", "key", "column", "value"), SLIPS.values(), ids=SLIPS)
def test_data_entry_slips_are_reported(data_copy, table, key, column, value):
    data_copy.edit(table, key, column, value)
    report = jz.validate(data_copy.directory)  # never raises
    assert not report.ok or column == "end"
    assert all(str(p) for p in report.problems)


def test_a_table_file_replaced_by_a_folder_is_reported(data_copy):
    path = data_copy.directory / "units.csv"
    path.unlink()
    path.mkdir()
    assert "units.csv is a folder" in str(jz.validate(data_copy.directory))


def test_a_file_given_for_the_data_folder_is_reported(data_copy):
    report = jz.validate(data_copy.directory / "events.csv")
    assert "is a file, not a folder" in str(report)
