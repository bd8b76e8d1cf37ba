"""The data package as a whole: valid by the Frictionless standard and by our rules,
and holding what the lessons need."""

from __future__ import annotations

import frictionless
import pytest

import jinzhou_edu as jz

MINIMUM_ROWS = {
    "sources": 20,
    "phases": 7,
    "events": 80,
    "movements": 25,
    "places": 35,
    "railways": 4,
    "people": 30,
    "units": 40,
    "figures": 25,
    "strongpoints": 15,
    "documents": 8,
    "corrections": 12,
    "glossary": 40,
    "memorials": 8,
    "story_versions": 9,
}


def test_frictionless_finds_the_package_valid(data_dir):
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    errors = [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors]
    assert report.valid, "\n".join(errors[:20])


def test_our_validator_finds_no_problem():
    report = jz.validate()
    assert report.ok, str(report)


def test_every_table_is_described_and_loadable():
    assert jz.tables() == list(MINIMUM_ROWS)


@pytest.mark.parametrize(("table", "minimum"), MINIMUM_ROWS.items())
def test_tables_have_enough_rows(table, minimum):
    assert len(jz.load(table)) >= minimum


def test_at_least_25_events_on_14_and_15_october():
    days = jz.load("events")["start"].dt.strftime("%Y-%m-%d")
    assert days.isin(["1948-10-14", "1948-10-15"]).sum() >= 25


def test_events_run_from_the_first_telegram_to_the_end_of_the_campaign():
    start = jz.load("events")["start"].dt.strftime("%Y-%m-%d")
    assert start.min() == "1948-09-07"
    assert start.max() == "1948-11-02"


def test_sources_include_the_source_document_and_tanner():
    sources = jz.load("sources").set_index("source_id")
    assert sources.loc["es-account-2007", "language"] == "es"
    assert sources.loc["tanner-2015", "author"] == "Tanner, Harold M."
    assert sources.loc["tanner-2015", "year"] == 2015
    assert set(sources["kind"]) == {"primary", "secondary", "reference"}


def test_sources_say_how_we_know_each_work():
    sources = jz.load("sources").set_index("source_id")
    assert sources["consulted"].notna().all()
    # Tanner is known from reviews and its contents only; the source document was read
    # in full but is no identified work
    assert sources.loc["tanner-2015", "consulted"] == "reviews_or_contents"
    assert sources.loc["es-account-2007", "consulted"] == "full_text"
    assert not sources.loc["es-account-2007", "identified"]
    assert sources.loc["nefa-report-1948-11-08", "identified"]


def test_sources_give_urls_only_as_addresses():
    urls = jz.load("sources")["url"].dropna()
    assert urls.str.match(r"^https?://\S+$").all()


def test_the_battle_and_its_four_phases():
    phases = jz.load("phases").set_index("phase_id")
    assert phases.loc["liaoshen", "start"].strftime("%Y-%m-%d") == "1948-09-12"
    assert phases.loc["liaoshen", "end"].strftime("%Y-%m-%d") == "1948-11-02"
    battle = phases[phases["parent_id"] == "jinzhou"].sort_values("sequence")
    assert battle["name_en"].tolist() == [
        "Closing in",
        "The outer strongpoints",
        "The general assault",
        "The old city",
    ]
    assert phases.loc["jinzhou-assault", "start"].strftime("%d %H:%M") == "14 10:00"


@pytest.mark.parametrize(
    "person_id",
    ["liang-shiying", "zhu-wanlin", "ma-yunfei", "zhao-xingyuan", "dong-laifu"],
)
def test_the_heroes_are_there(person_id):
    people = jz.load("people").set_index("person_id")
    assert people.loc[person_id, "is_hero"]
    assert people.loc[person_id, "side"] == "communist"


def test_the_four_red_flags_are_told_with_their_doubts():
    events = jz.load("events").set_index("event_id")
    flags = events.loc["four-red-flags"]
    assert {"zhu-wanlin", "zhao-hongquan", "li-yumin"} <= set(flags["person_ids"])
    people = jz.load("people").set_index("person_id")
    # the two names found only in the Spanish source document are marked as such
    for name in ("zhao-hongquan", "li-yumin"):
        assert people.loc[name, "source_ids"] == ["es-account-2007"]
        assert people.loc[name, "confidence"] == "low"
        assert "Single source" in people.loc[name, "note_en"]


def test_commanders_of_both_sides():
    people = jz.load("people")
    assert (people["side"] == "communist").sum() >= 10
    assert (people["side"] == "nationalist").sum() >= 10


@pytest.mark.parametrize(
    "place_id",
    [
        "shanhaiguan",
        "changchun",
        "shenyang",
        "tashan",
        "old-city",
        "south-gate",
        "north-gate",
        "east-gate",
        "west-gate",
        "jinzhou-station",
        "railway-embankment-nw",
        "water-reservoir",
        "xiaoling-river",
        "guta-pagoda",
        "central-bank",
    ],
)
def test_places_the_lessons_need(place_id):
    assert place_id in set(jz.load("places")["place_id"])


def test_order_of_battle_covers_both_sides_down_to_regiments():
    units = jz.load("units")
    for side in ("communist", "nationalist"):
        echelons = set(units.loc[units["side"] == side, "echelon"])
        assert {"army_group", "division"} <= echelons
    assert "regiment" in set(units.loc[units["side"] == "communist", "echelon"])


def test_figures_keep_disagreeing_claims_side_by_side():
    figures = jz.load("figures")
    guns = figures[(figures["scope"] == "jinzhou") & (figures["measure"] == "guns")]
    assert set(guns["high"]) >= {600, 900}
    assert guns["source_ids"].map(tuple).nunique() == len(guns)


def test_corrections_decode_the_garbled_dates():
    corrections = jz.load("corrections").set_index("correction_id")
    assert corrections.loc["assault-date-june", "mechanism"] == "month_mistranslated"
    assert "14 October 1948" in corrections.loc["assault-date-june", "correct_en"]
    assert corrections.loc["telegram-5438-07", "mechanism"] == "digit_token"
    assert "17 October 1948" in corrections.loc["telegram-5438-07", "correct_en"]
    assert len(set(corrections["mechanism"])) >= 5
