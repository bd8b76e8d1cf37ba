"""Thousands of wrong inputs, as students type them, against every public function and command.

The only exceptions allowed are ValueError, TypeError and KeyError (and the
package's subclasses of them), each with a message; the command line answers
with one line and a non-zero exit, never a traceback; a failed call changes no
state (the language, the open figures). ``JZ_FUZZ_EXAMPLES`` sets how many
examples each parameter gets (``make fuzz`` runs many more).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import random
import shutil
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jinzhou_edu as jz
from jinzhou_edu import cli, exercises, lessons
from jinzhou_edu.checks import Checker, pack

EXAMPLES = int(os.environ.get("JZ_FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ALLOWED = (ValueError, TypeError, KeyError)

# --- what students type ----------------------------------------------------------------

VALID = {
    "lang": ["en", "zh", "es"],
    "table": jz.tables(),
    "scope": ["campaign", "jinzhou", "assault", "tashan", "changchun"],
    "measure": ["strength", "guns", "casualties", "deaths"],
    "side": ["communist", "nationalist", "civilians"],
    "phase": jz.load("phases")["phase_id"].tolist(),
    "unit": jz.load("units")["unit_id"].tolist(),
    "source": jz.load("sources")["source_id"].tolist(),
    "term": jz.load("glossary")["term_en"].tolist(),
    "layer": ["coastline", "jinzhou_plan"],
    "time": ["1948-10-14 15:00", "1948-10-15 09:00", "1948-10-14T07:00:00Z"],
    "column": ["start", "event_id", "place_id"],
    "person": jz.load("people")["person_id"].tolist(),
}


def near_miss(word: str, rng: random.Random) -> str:
    """A typo of `word`: a letter dropped, doubled or changed, the case or a separator."""
    if not word:
        return "x"
    i = rng.randrange(len(word))
    return rng.choice(
        [
            word[:i] + word[i + 1 :],
            word[:i] + word[i] + word[i:],
            word[:i] + "x" + word[i + 1 :],
            word.upper(),
            word.replace("-", "_"),
            f" {word} ",
            word + "s",
        ]
    )


def ids(kind: str) -> st.SearchStrategy:
    valid = st.sampled_from(VALID[kind])
    misses = st.builds(near_miss, valid, st.randoms(use_true_random=False))
    return st.one_of(valid, misses, valid.map(np.str_), valid.map(lambda v: np.array(v)))


SCALARS = st.one_of(
    st.none(),
    st.just(pd.NA),
    st.just(pd.NaT),
    st.just(float("nan")),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.just(""),
    st.just("x" * 100_000),
    st.binary(max_size=10),
    st.just(np.int64(3)),
    st.just(np.float64("nan")),
    st.just(np.bool_(True)),
    st.just(np.datetime64("NaT")),
    st.just(np.datetime64("1948-10-14T15:00")),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.datetimes(timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=-5))])),
    st.dates(),
    st.just(pd.Timestamp("1948-10-14 15:00", tz="America/New_York")),
    st.just(pd.Timestamp.max),
    st.just(object()),
    st.just(Path("nowhere")),
    st.sampled_from(["en", "zh", "es", "fr", "EN", "中文", "español", "zh-CN"]),
)
CONTAINERS = st.one_of(
    st.lists(st.text(max_size=8), max_size=3),
    st.lists(st.text(max_size=8), max_size=3).map(tuple),
    st.lists(st.text(max_size=8), min_size=1, max_size=3).map(np.array),
    st.lists(st.text(max_size=8), min_size=1, max_size=3).map(pd.Series),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.just(pd.DataFrame()),
    st.just(pd.DataFrame({"x": [1]})),
    st.sets(st.integers(), max_size=2),
)


def junk(kind: str | None = None) -> st.SearchStrategy:
    parts = [SCALARS, CONTAINERS]
    if kind is not None:
        parts.insert(0, ids(kind))
    return st.one_of(*parts)


def axes_like() -> st.SearchStrategy:
    def make(kind: str):
        if kind == "array":
            return plt.subplots(2)[1]
        if kind == "polar":
            return plt.figure().add_subplot(projection="polar")
        if kind == "3d":
            return plt.figure().add_subplot(projection="3d")
        if kind == "removed":
            ax = plt.figure().add_subplot()
            ax.remove()
            return ax
        if kind == "figure":
            return plt.figure()
        return plt.figure().add_subplot()

    return st.one_of(
        st.sampled_from(["array", "polar", "3d", "removed", "figure", "good"]).map(make), SCALARS
    )


def expect_clean_failure(function, *args, **kwargs):
    """Call; allow a return or an allowed exception with a message, and no state change."""
    language = jz.get_language()
    figures = set(plt.get_fignums())
    try:
        function(*args, **kwargs)
    except ALLOWED as error:
        assert str(error).strip(), f"{type(error).__name__} without a message"
        assert jz.get_language() == language, "a failed call changed the language"
        assert set(plt.get_fignums()) <= figures, "a failed call left a figure open"
        return False
    finally:
        plt.close("all")
    return True


# --- every public function and parameter ------------------------------------------------

PLOTS = {
    "plot_campaign_map": {
        "phase": junk("phase"),
        "labels": junk(),
        "show_movements": junk(),
        "data": junk(),
        "lang": junk("lang"),
        "ax": axes_like(),
    },
    "plot_city_assault": {
        "time": junk("time"),
        "labels": junk(),
        "data": junk(),
        "lang": junk("lang"),
        "ax": axes_like(),
    },
    "plot_timeline": {
        "scope": junk("scope"),
        "labels": junk(),
        "data": junk(),
        "lang": junk("lang"),
        "ax": axes_like(),
    },
    "plot_figures": {
        "scope": junk("scope"),
        "measure": junk("measure"),
        "side": junk("side"),
        "data": junk(),
        "lang": junk("lang"),
        "ax": axes_like(),
    },
    "plot_order_of_battle": {
        "side": junk("side"),
        "root": junk("unit"),
        "max_depth": junk(),
        "data": junk(),
        "lang": junk("lang"),
        "ax": axes_like(),
    },
}
#: the defaults the other parameters keep while one is fuzzed (fast to draw)
BASE = {
    "plot_campaign_map": {"phase": "liaoshen-1", "labels": False},
    "plot_city_assault": {"labels": False},
    "plot_timeline": {"scope": "assault", "labels": False},
    "plot_figures": {"scope": "jinzhou", "measure": "guns"},
    "plot_order_of_battle": {"root": "pla.nefa.2col"},
}
FUNCTIONS = {
    "set_language": {"lang": junk("lang")},
    "load": {"name": junk("table")},
    "describe": {"name": junk("table"), "column": junk("column")},
    "cite": {"source_ids": junk("source")},
    "sources_for": {"table": junk("table"), "row_id": junk("person")},
    "geo_layer": {"name": junk("layer")},
    "glossary_term": {"term": junk("term")},
    "validate": {"directory": junk()},
    "alt_text": {"ax": axes_like()},
    "show": {"ax": axes_like(), "description": junk(), "lang": junk("lang")},
    "explore_assault": {"lang": junk("lang"), "static": junk()},
    "explore_campaign": {"lang": junk("lang"), "static": junk()},
    "explore_people": {"lang": junk("lang"), "static": junk()},
}
BASE.update(
    {
        "describe": {"name": "events"},
        "sources_for": {"table": "people", "row_id": "liang-shiying"},
        "show": {"ax": None},
        "explore_assault": {"static": True},
        "explore_campaign": {"static": True},
        "explore_people": {"static": True},
    }
)
#: no real drawing for show's and the explorers' other parameters (they are slow)
SLOW_WHEN_VALID = {"explore_assault", "explore_campaign"}

CASES = [
    (name, parameter, strategy)
    for table in (PLOTS, FUNCTIONS)
    for name, parameters in table.items()
    for parameter, strategy in parameters.items()
]


@pytest.mark.parametrize(
    ("name", "parameter", "strategy"), CASES, ids=[f"{n}-{p}" for n, p, _ in CASES]
)
def test_bad_arguments_get_our_errors(name, parameter, strategy):
    function = getattr(jz, name)
    examples = max(3, EXAMPLES // 4) if name in SLOW_WHEN_VALID else EXAMPLES

    @settings(FUZZ, max_examples=examples)
    @given(value=strategy)
    def run(value):
        kwargs = dict(BASE.get(name, {}))
        kwargs[parameter] = value
        if name == "show" and parameter != "ax":
            kwargs["ax"] = jz.plot_figures("jinzhou", "guns")
        if name == "alt_text" or (name == "show" and parameter == "ax"):
            expect_clean_failure(function, kwargs.pop(parameter))
        else:
            expect_clean_failure(function, **kwargs)
        jz.set_language("en")

    run()


def test_a_failed_set_language_keeps_the_language():
    jz.set_language("zh")
    for bad in (np.array("es"), pd.Series(["es"]), pd.NA, ["es"], b"es", None):
        with pytest.raises((TypeError, ValueError)):
            jz.set_language(bad)
        assert jz.get_language() == "zh" and type(jz.get_language()) is str
    jz.set_language(np.str_("es"))
    assert type(jz.get_language()) is str and jz.get_language() == "es"


def test_a_real_phase_the_map_cannot_draw_is_not_called_unknown():
    with pytest.raises(ValueError, match="exists") as error:
        jz.plot_campaign_map("jinzhou")
    assert "No phase" not in str(error.value)


def test_a_unit_of_the_other_side_is_named_as_such():
    nationalist = jz.load("units").query("side == 'nationalist'")["unit_id"].iloc[0]
    with pytest.raises(ValueError, match="is a nationalist unit"):
        jz.plot_order_of_battle("communist", root=nationalist)


@pytest.mark.parametrize("time", ["", None, pd.NaT, 5, 1.5e17, np.datetime64("NaT")])
def test_an_empty_missing_or_numeric_time_is_refused_in_words(time):
    if time is None:  # None is the default: the end of the battle
        jz.plot_city_assault(time=None, labels=False)
        return
    with pytest.raises((TypeError, ValueError), match="time"):
        jz.plot_city_assault(time=time)


def test_a_time_in_another_zone_is_converted():
    ax = jz.plot_city_assault(pd.Timestamp("1948-10-14 07:00", tz="UTC"), labels=False)
    assert "15:00" in ax.get_title()


# --- the student-facing checks never raise --------------------------------------------

CHECKER = Checker(
    "demo",
    pack(
        {
            "assignment": "demo",
            "questions": {
                "q1": {
                    "title": "Question 1",
                    "checks": [
                        {
                            "kind": "answer",
                            "message": "Look again.",
                            "source": "def test_answer_q1(q1):\n    assert q1 == 1948",
                        }
                    ],
                }
            },
        }
    ),
)


@FUZZ
@given(question=junk(), answer=st.one_of(SCALARS, CONTAINERS), variables=st.booleans())
def test_checker_never_raises_on_a_students_answer(question, answer, variables):
    given_variables = {"q1": answer} if variables else answer
    result = CHECKER.check(question, given_variables)
    assert str(result)
    result = CHECKER.check("q1", {"q1": answer})
    assert result.status in ("right", "not-yet", "form-ok", "unanswered")


# --- exercises and lessons: paths of every kind ----------------------------------------

PATH_FUNCTIONS = {
    "grade_folder": (exercises.grade_folder, ("submissions", "master")),
    "build_student_edition": (exercises.build_student_edition, ("master", "target")),
    "build_student_editions": (exercises.build_student_editions, ("masters", "out")),
    "is_stale": (exercises.is_stale, ("master", "target")),
    "edition_path": (exercises.edition_path, ("master",)),
    "find_masters": (exercises.find_masters, ("folder",)),
    "is_master": (exercises.is_master, ("path",)),
    "mistake_feedback": (exercises.mistake_feedback, ("master", "edition")),
    "student_checker": (exercises.student_checker, ("edition",)),
    "stale_student_editions": (exercises.stale_student_editions, ("masters", "out")),
    "all_masters": (exercises.all_masters, ("root",)),
    "build_autograder": (exercises.build_autograder, ("master", "workdir")),
    "check_lesson": (lessons.check_lesson, ("master",)),
}
PATH_CASES = [(name, p) for name, (_, params) in PATH_FUNCTIONS.items() for p in params]


def path_junk(folder: Path) -> st.SearchStrategy:
    """Paths of every wrong kind: missing, a file for a folder, a folder for a file, corrupt."""
    (folder / "a-folder").mkdir(exist_ok=True)
    (folder / "not-json.ipynb").write_text("{ not json", encoding="utf-8")
    (folder / "empty.ipynb").write_text("", encoding="utf-8")
    (folder / "list.ipynb").write_text("[1, 2]", encoding="utf-8")
    (folder / "binary.ipynb").write_bytes(b"\xff\xfe\x00")
    named = ["a-folder", "not-json.ipynb", "empty.ipynb", "list.ipynb", "binary.ipynb", "nowhere"]
    return st.one_of(
        st.sampled_from([folder / name for name in named]),
        st.sampled_from([str(folder / name) for name in named]),
        SCALARS.filter(lambda v: not isinstance(v, str | Path)),
        CONTAINERS,
        st.just(""),
    )


@pytest.mark.parametrize(("name", "parameter"), PATH_CASES, ids=[f"{n}-{p}" for n, p in PATH_CASES])
def test_bad_paths_get_our_errors(name, parameter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing here to overwrite, no masters to find
    function, parameters = PATH_FUNCTIONS[name]
    valid = {"submissions": tmp_path / "a-folder", "master": tmp_path / "not-json.ipynb"}

    @settings(FUZZ)
    @given(value=path_junk(tmp_path))
    def run(value):
        kwargs = {p: valid.get(p, tmp_path / "a-folder") for p in parameters}
        kwargs[parameter] = value
        expect_clean_failure(function, **kwargs)

    run()


# --- the command line: one line, never a traceback -------------------------------------

TOKENS = st.one_of(
    st.sampled_from(
        [
            "--port",
            "--data",
            "--master",
            "--out",
            "--force",
            "--check",
            "--time-limit",
            "--instructor",
            "--masters",
            "abc",
            "-1",
            "0",
            "70000",
            "8888",
            "nan",
            "",
            "missing/scores.csv",
            "a-file.txt",
            "a-folder",
            "not-json.ipynb",
        ]
    ),
    st.text(max_size=12),
)


@FUZZ
@given(
    command=st.sampled_from(["validate", "lab", "grade", "student", "checksums", "nope", ""]),
    tokens=st.lists(TOKENS, max_size=5),
    port=st.one_of(st.none(), st.sampled_from(["abc", "70000", "0", "-5", "", "8888", "٣"])),
)
def test_the_command_line_answers_in_one_line(command, tokens, port, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-folder").mkdir(exist_ok=True)
    (tmp_path / "a-file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "not-json.ipynb").write_text("{", encoding="utf-8")
    monkeypatch.setattr(cli, "_run", lambda command: 0)  # never start a server
    if port is None:
        monkeypatch.delenv("PORT", raising=False)
    else:
        monkeypatch.setenv("PORT", port)
    argv = [command, *tokens] if command else tokens
    if command == "checksums":
        argv = [command, "--data", str(tmp_path / "a-folder"), *tokens]
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = cli.main(argv)
        except SystemExit as exit:
            code = exit.code
    assert isinstance(code, int)
    assert "Traceback" not in err.getvalue()
    if code not in (0, 1) and command in ("validate", "grade", "checksums", "student"):
        assert err.getvalue().strip(), argv
    if command == "lab" and port in ("abc", "70000", "0", "-5", "", "٣") and "--port" not in tokens:
        assert code != 0


def test_port_out_of_range_does_not_start_a_server(tmp_path, monkeypatch, capsys):
    started = []
    monkeypatch.setattr(cli, "_run", lambda command: started.append(command) or 0)
    for argv, env in [(["--port", "70000"], None), ([], "70000"), ([], "abc")]:
        if env is None:
            monkeypatch.delenv("PORT", raising=False)
        else:
            monkeypatch.setenv("PORT", env)
        try:
            code = cli.main(["lab", str(tmp_path), *argv])
        except SystemExit as exit:
            code = exit.code
        assert code == 2
    assert started == []
    err = capsys.readouterr().err
    assert "Traceback" not in err and "from 1 to 65535" in err


def test_grade_checks_where_it_will_write_before_grading(tmp_path, monkeypatch, capsys):
    graded = []
    monkeypatch.setattr(exercises, "build_autograder", lambda *a: graded.append(a))
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "a.ipynb").write_text("{}", encoding="utf-8")
    master = tmp_path / "master.ipynb"
    master.write_text('{"cells": []}', encoding="utf-8")
    for out in (tmp_path / "no-such-folder" / "scores.csv", tmp_path / "subs"):
        code = cli.main(
            ["grade", str(tmp_path / "subs"), "--master", str(master), "--out", str(out)]
        )
        assert code == 2
    assert graded == []
    err = capsys.readouterr().err
    assert "does not exist" in err and "is a folder" in err


# --- corrupted copies of the data package ---------------------------------------------


def _mutate(value, rng: random.Random, junk_values: list):
    """Replace, delete or retype one place in a JSON document."""
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = rng.choice(list(value))
        action = rng.random()
        if action < 0.2:
            del value[key]
        elif action < 0.4:
            value[key] = rng.choice(junk_values)
        else:
            value[key] = _mutate(value[key], rng, junk_values)
        return value
    if isinstance(value, list) and value and rng.random() < 0.8:
        i = rng.randrange(len(value))
        action = rng.random()
        if action < 0.2:
            value.pop(i)
        elif action < 0.4:
            value[i] = rng.choice(junk_values)
        else:
            value[i] = _mutate(value[i], rng, junk_values)
        return value
    return rng.choice(junk_values)


JSON_JUNK = [None, "", "x", 0, -1, 1.5, True, [], {}, ["x"], {"x": 1}, "timestamp", "9999"]


@FUZZ
@given(seed=st.integers(0, 2**32), how=st.sampled_from(["descriptor", "csv-bytes", "csv-cell"]))
def test_validate_reports_a_corrupted_package_and_never_raises(data_dir, seed, how):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        if how == "descriptor":
            path = copy / "datapackage.json"
            descriptor = json.loads(path.read_text(encoding="utf-8"))
            for _ in range(rng.randint(1, 3)):
                descriptor = _mutate(descriptor, rng, JSON_JUNK)
            path.write_text(json.dumps(descriptor), encoding="utf-8")
        else:
            path = rng.choice(sorted(copy.glob("*.csv")))
            data = original = path.read_bytes()
            if how == "csv-bytes":
                cut = rng.randrange(len(data))
                data = data[:cut] + rng.choice([b"", b"\xff", b'"', b",,", b"\n\n", b"\x00"])
            else:
                lines = data.split(b"\n")
                i = rng.randrange(1, max(2, len(lines) - 1))
                cells = lines[i].split(b",")
                j = rng.randrange(len(cells))
                cells[j] = rng.choice(
                    [
                        b"",
                        b"0001-01-01T00:00:00+08:00",
                        b"9999-12-31",
                        b"x" * 200_000,
                        b"-1",
                        b"nan",
                    ]
                )
                lines[i] = b",".join(cells)
                data = b"\n".join(lines)
            path.write_bytes(data)
        report = jz.validate(copy)
        text = str(report)
        assert all(str(problem).strip() for problem in report.problems)
        assert "list indices" not in text and "object has no attribute" not in text
        if how != "descriptor" and data != original:
            assert not report.ok  # at least its checksum names the changed file
