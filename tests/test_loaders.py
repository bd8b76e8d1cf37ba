"""Loaders give typed copies; lookups fail with helpful messages."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import jinzhou_edu as jz
from jinzhou_edu import data as data_module


def schema_fields(data_dir, table):
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    return resource["schema"]["fields"]


@pytest.mark.parametrize("table", jz.tables())
def test_dtypes_follow_the_schema(data_dir, table):
    frame = jz.load(table)
    fields = schema_fields(data_dir, table)
    assert list(frame.columns) == [f["name"] for f in fields]
    for field in fields:
        column = frame[field["name"]]
        enum = field.get("constraints", {}).get("enum")
        if enum:
            assert isinstance(column.dtype, pd.CategoricalDtype), field["name"]
            assert list(column.cat.categories) == enum
        elif field["type"] == "string":
            assert isinstance(column.dtype, pd.StringDtype), field["name"]
        elif field["type"] == "integer":
            assert column.dtype == "Int64", field["name"]
        elif field["type"] == "number":
            assert column.dtype == "float64", field["name"]
        elif field["type"] == "boolean":
            assert column.dtype == "boolean", field["name"]
        elif field["type"] == "datetime":
            assert isinstance(column.dtype, pd.DatetimeTZDtype), field["name"]
            assert column.dt.tz.utcoffset(None) == pd.Timedelta(hours=8)
        elif field["type"] == "date":
            assert pd.api.types.is_datetime64_dtype(column), field["name"]
            assert column.dt.tz is None
        elif field["type"] == "list":
            assert column.map(type).eq(list).all(), field["name"]
        else:  # pragma: no cover
            pytest.fail(f"untested type {field['type']}")


def test_empty_cells_are_missing_values():
    people = jz.load("people").set_index("person_id")
    assert pd.isna(people.loc["zhu-wanlin", "born"])
    assert people.loc["liang-shiying", "born"] == 1922
    events = jz.load("events").set_index("event_id")
    assert pd.isna(events.loc["campaign-opens", "end"])
    assert events.loc["campaign-opens", "unit_ids"] == ["pla.nefa", "pla.nefa.11col"]
    assert events.loc["campaign-opens", "person_ids"] == []


def test_times_are_read_as_written():
    events = jz.load("events").set_index("event_id")
    start = events.loc["central-bank-taken", "start"]
    assert start.isoformat() == "1948-10-14T22:00:00+08:00"
    assert start.tz_convert("UTC").hour == 14


def test_confidence_is_ordered():
    confidence = jz.load("events")["confidence"]
    assert confidence.cat.ordered
    assert (confidence >= "medium").sum() > (confidence == "high").sum()


def test_how_we_know_a_source_loads_as_a_category_and_a_flag():
    sources = jz.load("sources").set_index("source_id")
    assert list(sources["consulted"].cat.categories) == [
        "full_text",
        "excerpts",
        "reviews_or_contents",
        "not_seen",
    ]
    assert sources["identified"].dtype == "boolean"
    # the works a lesson can lean on: read, and identified
    strong = sources[sources["consulted"].isin(["full_text", "excerpts"]) & sources["identified"]]
    assert "nefa-report-1948-11-08" in strong.index
    assert "unid-city-fighting-narrative" not in strong.index


def test_editing_a_loaded_table_does_not_change_the_next_load():
    first = jz.load("events")
    first.loc[0, "title_en"] = "scribbled over"
    first.loc[0, "source_ids"].append("not-a-source")
    first["start"] = pd.NaT
    del first["note_en"]
    second = jz.load("events")
    assert second.loc[0, "title_en"] != "scribbled over"
    assert "not-a-source" not in second.loc[0, "source_ids"]
    assert second["start"].notna().all()
    assert len(second) >= 80 and "note_en" in second


def test_tables_are_read_once(monkeypatch):
    jz.load("places")
    calls = []
    original = data_module.Package.read_text_rows
    monkeypatch.setattr(
        data_module.Package,
        "read_text_rows",
        lambda self, table: calls.append(table) or original(self, table),
    )
    jz.load("places")
    jz.load("places")
    assert calls == []


def test_tables_lists_names_in_package_order():
    assert jz.tables()[0] == "sources"
    assert len(jz.tables()) == 15
    assert jz.tables()[-3:] == ["glossary", "memorials", "story_versions"]


def test_describe_without_a_name_summarises_tables():
    summary = jz.describe()
    assert list(summary.index) == jz.tables()
    assert summary.loc["events", "rows"] == len(jz.load("events"))
    assert summary["description"].str.len().min() > 20


def test_describe_documents_every_column():
    doc = jz.describe("figures")
    assert list(doc.index) == list(jz.load("figures").columns)
    assert doc["description"].str.len().min() > 10
    assert doc.loc["measure", "allowed"].startswith("strength")
    assert doc.loc["source_ids", "type"] == "list of sources ids"
    assert doc.loc["source_ids", "refers_to"] == "sources.source_id"
    assert bool(doc.loc["low", "required"])


def test_cite_formats_one_or_many_sources():
    one = jz.cite("wang-shuzeng-2009")
    assert one.startswith("王树增 (Wang Shuzeng) (2009). 解放战争 [The War of Liberation].")
    many = jz.cite("tanner-2015;worthing-2016")
    assert many.splitlines()[1].startswith("Worthing, Peter (2016).")
    assert many.splitlines()[1].endswith("https://www.miwsr.com/2016-060.aspx")
    assert jz.cite(["worthing-2016", "tanner-2015"]).splitlines()[0].startswith("Worthing")


def test_cite_without_a_year_says_nothing_false():
    text = jz.cite("du-yuming-memoir")
    assert "(<NA>)" not in text and "(nan)" not in text
    assert "n.d." in text


def test_sources_for_any_row():
    sources = jz.sources_for("events", "liang-shiying-dies")
    assert sources["source_id"].tolist() == [
        "xinhua-2019-liang-shiying",
        "wang-shuzeng-2009",
        "es-account-2007",
    ]
    assert jz.sources_for("corrections", "quito")["source_id"].tolist() == ["wang-shuzeng-2009"]
    assert jz.sources_for("sources", "tanner-2015")["source_id"].tolist() == ["tanner-2015"]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: jz.load("event"), "No table 'event'. Did you mean 'events'?"),
        (lambda: jz.load("Places"), "Did you mean 'places'?"),
        (lambda: jz.describe("peopel"), "Did you mean 'people'?"),
        (
            lambda: jz.describe("events", "titel_en"),
            "No column 'titel_en' in table 'events'. Did you mean 'title_en'?",
        ),
        (
            lambda: jz.cite("tanner2015"),
            "No source 'tanner2015'. Did you mean 'tanner-2015'?",
        ),
        (
            lambda: jz.sources_for("units", "pla.nefa.2co"),
            "No row 'pla.nefa.2co' in units. Did you mean 'pla.nefa.2col'?",
        ),
        (lambda: jz.sources_for("evnts", "x"), "Did you mean 'events'?"),
    ],
)
def test_mistyped_names_get_the_closest_match(call, expected):
    with pytest.raises(KeyError) as caught:
        call()
    assert expected in str(caught.value)
    assert isinstance(caught.value, jz.UnknownNameError)


def test_errors_list_valid_choices():
    with pytest.raises(KeyError) as caught:
        jz.load("battles")
    message = str(caught.value)
    assert "Valid" in message and "'events'" in message and "'glossary'" in message
    with pytest.raises(KeyError) as caught:
        jz.cite("zzzz")
    assert "Did you mean" not in str(caught.value)  # nothing close: no guess
    assert "Valid (" in str(caught.value)


def test_column_without_table_is_a_clear_error():
    with pytest.raises(ValueError, match="Give a table name"):
        jz.describe(column="start")


def test_glossary_term_finds_a_row_by_any_english_form():
    from jinzhou_edu.data import glossary_term

    row = glossary_term("  COLUMN ")
    assert row["term_id"] == "column" and row["term_zh"] == "纵队"
    assert glossary_term("break out")["term_id"] == glossary_term("Breakout")["term_id"]
    assert glossary_term("Kuomintang")["term_id"] == "nationalist"
    assert glossary_term("bandit suppression headquarters")["term_zh"] == "剿匪总司令部"
    assert isinstance(row["source_ids"], list)


def test_glossary_term_suggests_the_closest_term():
    from jinzhou_edu.data import glossary_term

    with pytest.raises(KeyError) as caught:
        glossary_term("blocking batle")
    assert "Did you mean 'blocking battle'?" in str(caught.value)


def test_new_tables_load_with_their_types():
    memorials = jz.load("memorials").set_index("memorial_id")
    assert memorials["year_opened"].dtype == "Int64"
    assert memorials.loc["liaoshen-memorial-hall", "year_opened"] == 1959
    assert pd.isna(memorials.loc["shiying-street", "year_opened"])
    assert memorials.loc["shiying-street", "person_ids"] == ["liang-shiying"]
    versions = jz.load("story_versions")
    assert isinstance(versions["medium"].dtype, pd.CategoricalDtype)
    assert set(versions["story"]) >= {"liang-shiying", "four-red-flags", "reservoir-battalion"}
