"""The validator catches each kind of fault, and says where it is."""

from __future__ import annotations

import json

import pytest

import jinzhou_edu as jz


def test_a_clean_copy_is_valid(data_copy, problems_in):
    assert problems_in(data_copy.directory) == []


# (table, row key, column, bad value, words the report must contain)
CELL_FAULTS = [
    (
        "events",
        "liang-shiying-dies",
        "place_id",
        "nowhere",
        "'nowhere' is not a place_id in places",
    ),
    (
        "events",
        "liang-shiying-dies",
        "person_ids",
        "liang-shiying;nobody",
        "'nobody' is not a person_id in people",
    ),
    (
        "events",
        "liang-shiying-dies",
        "source_ids",
        "",
        "column 'source_ids': is required but empty",
    ),
    (
        "events",
        "liang-shiying-dies",
        "source_ids",
        "tanner-2015;;xinhua-2019-liang-shiying",
        "has an empty item",
    ),
    ("events", "liang-shiying-dies", "start", "14 Oct 1948", "is not a date-time"),
    (
        "events",
        "liang-shiying-dies",
        "start",
        "1948-10-14T11:20:00+09:00",
        "is not in China time",
    ),
    (
        "events",
        "liang-shiying-dies",
        "confidence",
        "certain",
        "'certain' is not one of low, medium, high",
    ),
    (
        "events",
        "campaign-opens",
        "start",
        "1947-09-12T00:00:00+08:00",
        "outside September-December 1948",
    ),
    (
        "events",
        "campaign-opens",
        "end",
        "1948-09-01T00:00:00+08:00",
        "ends before it starts",
    ),
    (
        "events",
        "yixian-falls",
        "phase_id",
        "heishan",
        "falls outside its phase 'heishan'",
    ),
    (
        "events",
        "central-bank-taken",
        "start",
        "1948-10-14T08:00:00+08:00",
        "before 'provincial-office-taken'",
    ),
    ("places", "tashan", "lat", "52.1", "above the maximum 46"),
    ("places", "tashan", "lon", "east", "is not a number"),
    ("people", "liang-shiying", "is_hero", "yes", "is not a boolean"),
    ("people", "liang-shiying", "born", "1922.5", "is not a whole number"),
    (
        "people",
        "liang-shiying",
        "name_zh",
        "Liang Shiying",
        "has no Chinese characters",
    ),
    (
        "people",
        "liang-shiying",
        "name_pinyin",
        "梁士英",
        "Chinese characters in a pinyin column",
    ),
    (
        "people",
        "fan-hanjie",
        "unit_id",
        "pla.nefa.2col",
        "is nationalist but unit 'pla.nefa.2col' is communist",
    ),
    (
        "units",
        "pla.nefa.2col",
        "parent_id",
        "roc.nesh",
        "its parent 'roc.nesh' is nationalist",
    ),
    ("units", "pla.nefa", "parent_id", "pla.nefa.2col", "loop of parent units"),
    (
        "figures",
        "jinzhou-nat-strength-9col",
        "low",
        "200000",
        "low 200000 is above high 100000",
    ),
    (
        "figures",
        "jinzhou-nat-captured-enwiki",
        "low",
        "200000",
        "larger than the nationalist strength 150000",
    ),
    (
        "strongpoints",
        "central-bank",
        "taken_by",
        "pla.nefa.99col",
        "'pla.nefa.99col' is not a unit_id",
    ),
    ("documents", "cc-1948-10-17", "date", "1948-02-30", "is not a date"),
    (
        "corrections",
        "quito",
        "evidence_source_ids",
        "nonesuch",
        "'nonesuch' is not a source_id in sources",
    ),
    ("corrections", "quito", "mechanism", "gremlins", "'gremlins' is not one of"),
    (
        "phases",
        "jinzhou-old-city",
        "end",
        "1948-10-20T18:00:00+08:00",
        "not within its parent phase 'jinzhou'",
    ),
    (
        "sources",
        "tanner-2015",
        "url",
        "jstor j.ctt16gzn86",
        "does not match the pattern",
    ),
    (
        "sources",
        "tanner-2015",
        "consulted",
        "skimmed",
        "'skimmed' is not one of full_text, excerpts, reviews_or_contents, not_seen",
    ),
    ("sources", "tanner-2015", "identified", "perhaps", "is not a boolean"),
]


@pytest.mark.parametrize(("table", "key", "column", "value", "expected"), CELL_FAULTS)
def test_cell_faults_are_reported(data_copy, problems_in, table, key, column, value, expected):
    data_copy.edit(table, key, column, value)
    problems = problems_in(data_copy.directory)
    assert any(expected in p for p in problems), problems
    # the report points at the table and, for a cell, its column
    assert any(p.startswith(table) and f"'{column}'" in p for p in problems), problems


def test_a_single_source_row_cannot_be_high_confidence(data_copy, problems_in):
    data_copy.edit("events", "water-reservoir-battle", "source_ids", "wang-shuzeng-2009")
    data_copy.edit("events", "water-reservoir-battle", "confidence", "high")
    data_copy.edit("events", "water-reservoir-battle", "note_en", "")
    problems = problems_in(data_copy.directory)
    assert any("cites a single source, so cannot be 'high'" in p for p in problems)
    assert any("no note saying so" in p for p in problems)


# The rules that tie a row's confidence and note to how we know its sources:
# (edits to make as (table, key, column, value), the table and column the report
# must point at, words it must contain)
SOURCE_RULE_FAULTS = {
    "a single-source note must say 'single source'": (
        [("documents", "nefa-1948-10-12", "note_en", "Read in a transcription.")],
        ("documents", "note_en"),
        "cites a single source but has no note saying so",
    ),
    "a work we have not read cannot support a row alone": (
        [("figures", "campaign-nat-strength-tanner", "source_ids", "tanner-2015")],
        ("figures", "source_ids"),
        "rests only on works we have not read (tanner-2015)",
    ),
    # chiang-shenyang-conference is 'high' on Du Yuming's and Liao Yaoxiang's memoirs
    "a work we have not read does not count toward high": (
        [("sources", "liao-yaoxiang-memoir", "consulted", "not_seen")],
        ("events", "confidence"),
        "is 'high' but fewer than two of its sources are identified works we read "
        "(only: du-yuming-memoir)",
    ),
    "the source document and unidentified works do not count toward high": (
        [
            (
                "events",
                "chiang-shenyang-conference",
                "source_ids",
                "du-yuming-memoir;es-account-2007;juezhan-jinzhou",
            )
        ],
        ("events", "confidence"),
        "(only: du-yuming-memoir); unread or unidentified works and the source document "
        "do not count, so it can be at most 'medium'",
    ),
    # central-bank-taken rests on an unidentified book and the source document
    "a weakly sourced row must say so": (
        [("events", "central-bank-taken", "note_en", "Taken at night.")],
        ("events", "note_en"),
        "rests on fewer than two identified works we read, but its note does not say so",
    ),
}


@pytest.mark.parametrize(
    ("edits", "where", "expected"), SOURCE_RULE_FAULTS.values(), ids=SOURCE_RULE_FAULTS
)
def test_source_rule_faults_are_reported(data_copy, problems_in, edits, where, expected):
    assert problems_in(data_copy.directory) == []
    for table, key, column, value in edits:
        data_copy.edit(table, key, column, value)
    table, column = where
    problems = problems_in(data_copy.directory)
    assert any(
        p.startswith(f"{table}, line ") and f"column '{column}'" in p and expected in p
        for p in problems
    ), problems


def test_an_uncited_source_is_reported(data_copy, problems_in):
    header, rows = data_copy.rows("sources")
    rows.append({**rows[0], "source_id": "unused-work-1999"})
    data_copy.write("sources", header, rows)
    assert any(
        "'unused-work-1999' is cited by no row" in p for p in problems_in(data_copy.directory)
    )


def test_a_repeated_id_is_reported(data_copy, problems_in):
    header, rows = data_copy.rows("places")
    rows.append(dict(rows[0]))
    data_copy.write("places", header, rows)
    problems = problems_in(data_copy.directory)
    assert any("repeats line 2" in p for p in problems), problems


def test_a_wrong_header_is_reported(data_copy, problems_in):
    header, rows = data_copy.rows("units")
    renamed = ["unit" if h == "unit_id" else h for h in header]
    for row in rows:
        row["unit"] = row.pop("unit_id")
    data_copy.write("units", renamed, rows)
    problems = problems_in(data_copy.directory)
    assert any("units, line 1: header missing ['unit_id']" in p for p in problems), problems


def test_a_short_row_is_reported(data_copy, problems_in):
    path = data_copy.directory / "documents.csv"
    path.write_text(path.read_text(encoding="utf-8") + "broken-row,1948-10-20\n", encoding="utf-8")
    assert any("has 2 cells; the header has" in p for p in problems_in(data_copy.directory))


def test_a_missing_file_is_reported(data_copy, problems_in):
    (data_copy.directory / "figures.csv").unlink()
    assert any("figures.csv not found" in p for p in problems_in(data_copy.directory))


def test_a_missing_descriptor_is_reported(tmp_path):
    report = jz.validate(tmp_path)
    assert not report.ok
    assert "datapackage.json: file not found" in str(report)


def test_a_broken_descriptor_is_reported(data_copy):
    (data_copy.directory / "datapackage.json").write_text("{ not json", encoding="utf-8")
    report = jz.validate(data_copy.directory)
    assert not report.ok
    assert "cannot be read" in str(report)


def test_the_report_reads_well(data_copy):
    data_copy.edit("events", "liang-shiying-dies", "place_id", "nowhere")
    text = str(jz.validate(data_copy.directory))
    line = next(line for line in text.splitlines() if "nowhere" in line)
    assert line.strip().startswith("- events, line ")
    assert "1 problem(s):" in text
    assert "events            82 rows" in text or "events" in text


def test_the_descriptor_declares_every_list_reference(data_dir):
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            if field["type"] == "list":
                assert "jinzhou:references" in field, (resource["name"], field["name"])


# --- the tables added for lessons 5-7 ---------------------------------------------

NEW_TABLE_FAULTS = {
    "a glossary term cites a work that does not exist": (
        [("glossary", "column", "source_ids", "no-such-work")],
        ("glossary", "source_ids"),
        "'no-such-work' is not a source_id in sources",
    ),
    "a glossary first lesson is 0-7": (
        [("glossary", "column", "first_lesson", "9")],
        ("glossary", "first_lesson"),
        "above the maximum 7",
    ),
    "two glossary rows cannot share an English form": (
        [("glossary", "army", "also_en", "Column")],
        ("glossary", "also_en"),
        "'Column' also finds the term 'column'",
    ),
    "a glossary term needs hanzi": (
        [("glossary", "column", "term_zh", "zongdui")],
        ("glossary", "term_zh"),
        "has no Chinese characters",
    ),
    "a memorial's kind is one of the list": (
        [("memorials", "shiying-street", "kind", "plaque")],
        ("memorials", "kind"),
        "'plaque' is not one of",
    ),
    "a memorial's place resolves": (
        [("memorials", "shiying-street", "place_id", "atlantis")],
        ("memorials", "place_id"),
        "'atlantis' is not a place_id in places",
    ),
    "a memorial's events resolve": (
        [("memorials", "shiying-street", "event_ids", "liang-shiying-dies;no-event")],
        ("memorials", "event_ids"),
        "'no-event' is not a event_id in events",
    ),
    "a single-source memorial cannot be high": (
        [("memorials", "yunfei-road", "confidence", "high")],
        ("memorials", "confidence"),
        "cites a single source, so cannot be 'high'",
    ),
    "a single-source memorial says so": (
        [("memorials", "yunfei-road", "note_en", "A road.")],
        ("memorials", "note_en"),
        "cites a single source but has no note saying so",
    ),
    "a story version is cited to the work that tells it": (
        [("story_versions", "liang-shiying-xinhua-2019", "source_ids", "wang-shuzeng-2009")],
        ("story_versions", "source_ids"),
        "is told by 'xinhua-2019-liang-shiying', which is not among its source_ids",
    ),
    "a story version's teller resolves": (
        [("story_versions", "liang-shiying-xinhua-2019", "told_by", "nobody-2020")],
        ("story_versions", "told_by"),
        "'nobody-2020' is not a source_id in sources",
    ),
    "a story needs two versions": (
        [("story_versions", "ma-yunfei-article", "story", "ma-yunfei-alone")],
        ("story_versions", "story"),
        "the story 'ma-yunfei-alone' has only one version",
    ),
    "a story version's medium is one of the list": (
        [("story_versions", "ma-yunfei-article", "medium", "rumour")],
        ("story_versions", "medium"),
        "'rumour' is not one of",
    ),
    "a version resting on the source document cannot be high": (
        [("story_versions", "four-red-flags-es-2007", "confidence", "high")],
        ("story_versions", "confidence"),
        "cites a single source, so cannot be 'high'",
    ),
    "a context campaign may not run past 1949": (
        [("phases", "huaihai", "end", "1950-01-10T00:00:00+08:00")],
        ("phases", "end"),
        "outside September 1948-December 1949",
    ),
    "a campaign phase inside Liaoshen keeps the 1948 window": (
        [("phases", "liaoshen-3", "end", "1949-01-10T00:00:00+08:00")],
        ("phases", "end"),
        "outside September-December 1948",
    ),
    "a context campaign's figures use its own scope": (
        [("figures", "huaihai-nat-losses-enwiki", "scope", "xuzhou")],
        ("figures", "scope"),
        "'xuzhou' is not one of",
    ),
}


@pytest.mark.parametrize(
    ("edits", "where", "expected"), NEW_TABLE_FAULTS.values(), ids=NEW_TABLE_FAULTS
)
def test_new_table_faults_are_reported(data_copy, problems_in, edits, where, expected):
    test_source_rule_faults_are_reported(data_copy, problems_in, edits, where, expected)
