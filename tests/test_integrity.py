"""The cross-table rules, checked again through the loaders.

The validator checks these rules on the raw CSV text; these tests check them
a second way, on the typed DataFrames that lessons use, so that a fault in
either path shows up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import jinzhou_edu as jz
from jinzhou_edu.data import glossary_term
from jinzhou_edu.validate import LOSS_MEASURES

LOSSES = sorted(LOSS_MEASURES)


def references(data_dir):
    """(table, column, target table, target column, is_list) for every reference."""
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    found = []
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        for key in schema.get("foreignKeys", []):
            target = key["reference"]["resource"] or resource["name"]
            found.append(
                (
                    resource["name"],
                    key["fields"][0],
                    target,
                    key["reference"]["fields"][0],
                    False,
                )
            )
        for field in schema["fields"]:
            if "jinzhou:references" in field:
                ref = field["jinzhou:references"]
                found.append(
                    (
                        resource["name"],
                        field["name"],
                        ref["resource"],
                        ref["field"],
                        True,
                    )
                )
    return found


def test_every_reference_resolves(data_dir):
    refs = references(data_dir)
    assert len(refs) >= 20  # the descriptor declares the links we rely on
    for table, column, target, target_column, is_list in refs:
        valid = set(jz.load(target)[target_column])
        values = jz.load(table)[column]
        items = values.explode() if is_list else values
        missing = set(items.dropna()) - valid
        assert not missing, f"{table}.{column} -> {target}: {sorted(missing)}"


@pytest.mark.parametrize("table", [t for t in jz.tables() if t != "sources"])
def test_every_row_cites_a_source(table):
    frame = jz.load(table)
    column = "evidence_source_ids" if table == "corrections" else "source_ids"
    assert frame[column].map(len).min() >= 1


def test_dates_fall_in_autumn_1948():
    lo = pd.Timestamp("1948-09-01", tz="UTC+08:00")
    hi = pd.Timestamp("1949-01-01", tz="UTC+08:00")
    for table, columns in {
        "events": ["start", "end"],
        "movements": ["start", "end"],
        "phases": ["start", "end"],
        "strongpoints": ["taken_at"],
    }.items():
        frame = jz.load(table)
        if table == "phases":  # context campaigns (Huaihai, Pingjin) run into 1949
            context = frame["parent_id"].isna() & (frame["phase_id"] != "liaoshen")
            assert set(frame.loc[context, "phase_id"]) == {"huaihai", "pingjin"}
            assert (frame.loc[context, "end"] < pd.Timestamp("1950-01-01", tz="UTC+08:00")).all()
            frame = frame[~context]
        for column in columns:
            values = frame[column].dropna()
            assert values.between(lo, hi, inclusive="left").all(), (table, column)
    dates = jz.load("documents")["date"]
    assert dates.between("1948-09-01", "1948-12-31").all()


def test_all_times_are_china_time():
    for table in ("events", "phases", "strongpoints"):
        frame = jz.load(table)
        for column in frame.select_dtypes("datetimetz"):
            offsets = frame[column].dropna().map(lambda t: t.utcoffset())
            assert (offsets == pd.Timedelta(hours=8)).all()


def test_coordinates_lie_in_the_region():
    places = jz.load("places")
    assert places["lat"].between(38, 46).all()
    assert places["lon"].between(118, 127).all()


def test_jinzhou_plan_places_lie_near_the_city():
    places = jz.load("places")
    city = places[places["area"] == "jinzhou"]
    assert city["lat"].between(41.0, 41.2).all()
    assert city["lon"].between(121.0, 121.2).all()


def test_low_is_never_above_high():
    figures = jz.load("figures")
    assert (figures["low"] <= figures["high"]).all()


def test_no_loss_exceeds_the_same_sources_strength():
    figures = jz.load("figures").explode("source_ids")
    strength = (
        figures[figures["measure"] == "strength"]
        .groupby(["source_ids", "side", "scope"], observed=True)["high"]
        .max()
        .rename("strength")
    )
    losses = figures[figures["measure"].isin(LOSSES)].join(
        strength, on=["source_ids", "side", "scope"], how="inner"
    )
    assert len(losses) >= 5  # the rule is exercised, not vacuous
    assert (losses["low"] <= losses["strength"]).all()


def test_hour_level_events_of_the_assault_are_in_order():
    events = jz.load("events")
    day = events["start"].dt.strftime("%m-%d")
    timed = events[day.isin(["10-14", "10-15"]) & events["precision"].isin(["hour", "approx"])]
    assert len(timed) >= 20
    assert timed["start"].is_monotonic_increasing


def test_events_end_after_they_start():
    for table in ("events", "movements", "phases"):
        frame = jz.load(table).dropna(subset=["end"])
        assert (frame["end"] >= frame["start"]).all()


def test_single_source_rows_say_so():
    for table in (
        "events",
        "movements",
        "people",
        "units",
        "strongpoints",
        "documents",
    ):
        frame = jz.load(table)
        single = frame[frame["source_ids"].map(len) == 1]
        assert (single["confidence"] != "high").all(), table
        assert single["note_en"].notna().all(), table


RATED = ("events", "movements", "people", "units", "strongpoints", "documents")


def test_single_source_notes_use_the_words_single_source():
    for table in RATED:
        frame = jz.load(table)
        single = frame[frame["source_ids"].map(len) == 1]
        says = single["note_en"].str.contains(
            r"single[- ]source|one source|only source|sole source", case=False
        )
        assert says.all(), (table, single.loc[~says].iloc[:, 0].tolist())


def test_high_rows_rest_on_two_identified_works_we_read():
    sources = jz.load("sources").set_index("source_id")
    strong = set(
        sources.index[sources["consulted"].isin(["full_text", "excerpts"]) & sources["identified"]]
    )
    assert "es-account-2007" not in strong and "tanner-2015" not in strong
    for table in RATED:
        frame = jz.load(table)
        high = frame[frame["confidence"] == "high"]
        counts = high["source_ids"].map(lambda ids: len(strong.intersection(ids)))
        assert (counts >= 2).all(), (table, high.loc[counts < 2].iloc[:, 0].tolist())


def test_no_row_rests_only_on_unread_works():
    sources = jz.load("sources").set_index("source_id")
    unread = set(sources.index[sources["consulted"].isin(["reviews_or_contents", "not_seen"])])
    assert {"tanner-2015", "lew-2009"} <= unread
    for table in jz.tables():
        if table == "sources":
            continue
        frame = jz.load(table)
        column = "evidence_source_ids" if table == "corrections" else "source_ids"
        alone = frame[column].map(lambda ids: bool(ids) and set(ids) <= unread)
        assert not alone.any(), (table, frame.loc[alone].iloc[:, 0].tolist())


def test_every_source_is_cited():
    cited = set()
    for table in jz.tables():
        frame = jz.load(table)
        for column in ("source_ids", "evidence_source_ids"):
            if column in frame:
                cited.update(frame[column].explode().dropna())
    assert set(jz.load("sources")["source_id"]) <= cited


def test_unit_tree_keeps_sides_apart():
    units = jz.load("units").set_index("unit_id")
    with_parent = units.dropna(subset=["parent_id"])
    parent_side = units.loc[with_parent["parent_id"], "side"].to_numpy()
    assert (with_parent["side"].to_numpy() == parent_side).all()


def test_names_carry_hanzi_and_pinyin():
    hanzi = r"[\u4e00-\u9fff]"
    for table in ("people", "places", "phases"):
        frame = jz.load(table)
        assert frame["name_zh"].str.contains(hanzi).all(), table
        assert not frame["name_pinyin"].str.contains(hanzi).any(), table
        # pinyin is written with tone marks
        assert frame["name_pinyin"].str.contains(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]").all(), table


def test_spanish_titles_for_every_event_and_phase():
    assert jz.load("events")["title_es"].notna().all()
    assert jz.load("phases")["name_es"].notna().all()


LESSON_MASTERS = sorted(
    (Path(__file__).resolve().parent.parent / "instructor" / "lessons").glob("*.ipynb")
)


def _key_terms() -> list[tuple[str, dict]]:
    found = []
    for path in LESSON_MASTERS:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for term in notebook.get("metadata", {}).get("lesson", {}).get("key_terms", []):
            found.append((path.name, term))
    return found


def test_lesson_masters_have_key_terms():
    assert LESSON_MASTERS and _key_terms()


@pytest.mark.parametrize(
    ("lesson", "term"), _key_terms(), ids=[f"{n}:{t.get('en')}" for n, t in _key_terms()]
)
def test_every_key_term_of_a_lesson_resolves_in_the_glossary(lesson, term):
    row = glossary_term(term["en"])
    if "zh" in term:
        assert row["term_zh"] == term["zh"], (lesson, term)
    # a term is defined no later than the first lesson that lists it
    assert int(row["first_lesson"]) <= int(lesson[:2]), (lesson, term)


def test_glossary_covers_the_terms_lessons_5_to_7_need():
    for term in (
        "column",
        "army group",
        "army",
        "division",
        "regiment",
        "field army",
        "blocking battle",
        "bandit-suppression headquarters",
        "general assault",
        "breakthrough",
        "old city",
        "relief force",
        "Military Commission",
        "Kuomintang",
        "Communist Party",
        "People's Liberation Army",
        "martyr",
        "memorial",
        "propaganda",
        "primary source",
        "secondary source",
        "corroboration",
        "historiography",
        "hero",
        "siege",
        "laying down arms",
        "changing sides",
        "Huaihai Campaign",
        "Pingjin Campaign",
    ):
        glossary_term(term)


def test_glossary_pinyin_has_tone_marks_and_spanish_is_given():
    glossary = jz.load("glossary")
    assert glossary["term_pinyin"].str.contains(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]").all()
    assert glossary["term_es"].notna().all()
    assert glossary["first_lesson"].between(0, 7).all()


def test_every_story_has_versions_from_different_works():
    versions = jz.load("story_versions")
    tellers = versions.groupby("story", observed=True)["told_by"].nunique()
    assert len(tellers) >= 3
    assert (tellers >= 2).all(), tellers[tellers < 2]
