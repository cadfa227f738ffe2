"""The automatic actor table on a small news-like corpus we wrote: typing, merging, limits, and the CSV format."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.actors import load_actors
from lib.actors.auto import auto_actor_table

TEXTS = [
    "LONDON, December 3 — December Microsoft shares rose after Microsoft said profits grew.",
    "Prime Minister Tony Blair said on Monday that the plan would work.",
    "Mr Blair told reporters that Blair's critics were wrong.",
    "Blair later met Gordon Brown in London.",
    "Tony Blair and Gordon Brown spoke about Christmas spending.",
    "Mr Brown said Christmas sales were weak, and Brown's aides agreed.",
    "Chelsea fans cheered as Chelsea beat Arsenal; the Chelsea manager was pleased.",
    "Oil firm Yukos said Yukos shares would be suspended; Yukos shares fell.",
    "The Tory leader attacked Labour, and Tory MPs applauded.",
    "Christmas shoppers in London spent less, Microsoft said.",
    "Tony Blare, as one paper spelt it, met Microsoft and Yukos officials in London.",
    "Tony Blair said the Tory plan would fail.",
    "Blair and Brown met in London; Microsoft staff waited outside.",
    "Chelsea fans and Yukos shareholders were unhappy, Blair said.",
]


@pytest.fixture(scope="module")
def table():
    sentences = pd.DataFrame({"doc_id": [f"d{i // 3}" for i in range(len(TEXTS))], "text": TEXTS})
    return auto_actor_table(sentences, min_count=3)


def _actor(table, alias: str) -> str | None:
    for actor_id, aliases in table.aliases.items():
        if alias in aliases or table.names[actor_id] == alias:
            return actor_id
    return None


def test_one_actor_per_person_with_surname_possessive_title_and_misspelling(table):
    blair = _actor(table, "Tony Blair")
    assert blair is not None and table.types[blair] == "PERSON"
    assert _actor(table, "Blair") == blair
    assert _actor(table, "Tony Blare") in (blair, None)  # a rare misspelling joins him or is left out
    persons = [a for a, t in table.types.items() if t == "PERSON"]
    assert sum("blair" in table.names[a].lower() for a in persons) == 1
    assert _actor(table, "Brown") == _actor(table, "Gordon Brown")


@pytest.mark.parametrize("name", ["Christmas", "December Microsoft", "December"])
def test_holidays_months_and_datelines_are_not_actors(table, name):
    assert _actor(table, name) is None


@pytest.mark.parametrize("name", ["Chelsea", "Yukos", "Tory", "Microsoft"])
def test_clubs_companies_and_parties_are_not_people(table, name):
    actor = _actor(table, name)
    assert actor is not None and table.types[actor] == "ORG"


def test_min_count_and_max_actors(table):
    sentences = pd.DataFrame({"doc_id": ["d"] * len(TEXTS), "text": TEXTS})
    assert len(auto_actor_table(sentences, min_count=3, max_actors=2)) == 2
    counts_high = auto_actor_table(sentences, min_count=50)
    assert len(counts_high) == 0


def test_table_round_trips_through_the_csv_format(table, tmp_path):
    path = tmp_path / "actors.csv"
    table.frame.to_csv(path, index=False)
    assert load_actors(path).names == table.names


def test_fit_warns_when_a_given_table_misses_the_frequent_names(table):
    from lib.actors import actor_table_fit, load_actors
    from lib.paths import ACTORS

    bad = actor_table_fit(load_actors(ACTORS), table, source="data/actors.csv")
    assert bad.share < 0.25 and "-p actors auto" in bad.warning and "data/actors.csv" in bad.warning
    good = actor_table_fit(table, table)
    assert good.share == 1.0 and good.warning == ""


@pytest.fixture(scope="module")
def foreign_corpus(tmp_path_factory):
    """A folder corpus that is not the bundled one (two sections, news-like sentences from TEXTS)."""
    root = tmp_path_factory.mktemp("news")
    for k in range(0, len(TEXTS), 3):
        folder = root / ("politics" if k % 2 else "business")
        folder.mkdir(exist_ok=True)
        (folder / f"{k:03d}.txt").write_text(" ".join(TEXTS[k:k + 3]) + "\n", encoding="utf-8")
    return root


def test_annotate_auto_builds_the_table_once_from_a_foreign_corpus(foreign_corpus, tmp_path):
    from lib.actors import AUTO_TABLE_FILE, actor_table_note
    from lib.pipeline import annotate

    data = annotate(foreign_corpus, "auto", cache_dir=tmp_path / "cache", workers=1, auto_actors={"min_count": 3})
    assert data.actors_auto and data.actors_path.is_file()
    assert set(data.mentions["actor_id"]) <= set(data.actors.ids) and "blair" in set(data.mentions["actor_id"])
    note = actor_table_note(data, folder=tmp_path / "out")
    assert (tmp_path / "out" / AUTO_TABLE_FILE).is_file() and f"-p actors {tmp_path / 'out'}" in note
    assert f"{len(data.actors)} actors" in note
    again = annotate(foreign_corpus, "auto", cache_dir=tmp_path / "cache", workers=1, auto_actors={"min_count": 3})
    assert again.actors_path == data.actors_path and again.keys["mentions"] == data.keys["mentions"]


def test_auto_on_the_bundled_corpus_is_the_bundled_table(tmp_path):
    from lib.actors import actor_table_note
    from lib.paths import ACTORS, CORPUS
    from lib.pipeline import annotate

    data = annotate(CORPUS, "auto", cache_dir=tmp_path, workers=1)
    assert not data.actors_auto and data.actors_path == ACTORS
    assert actor_table_note(data) == ""  # the bundled table fits the bundled corpus


def test_a_given_table_that_does_not_fit_gets_the_warning(foreign_corpus, tmp_path):
    from lib.actors import actor_table_note
    from lib.paths import ACTORS
    from lib.pipeline import annotate

    data = annotate(foreign_corpus, ACTORS, cache_dir=tmp_path, workers=1, auto_actors={"min_count": 3})
    note = actor_table_note(data)
    assert "fits this corpus badly" in note and "-p actors auto" in note



# ---------------------------------------------------------------- a corpus of our own, as users have it
@pytest.fixture(scope="module")
def own_corpora(tmp_path_factory):
    """The flood story of tests/foreign_corpus.py twice: a nested folder (repeated stems, a Latin-1 file, a
    duplicate) and a TSV export with synonym columns; both annotated with ``actors="auto"``."""
    from foreign_corpus import write_folder, write_tsv

    from lib.pipeline import annotate

    root = tmp_path_factory.mktemp("own")
    cache = root / "cache"
    folder = annotate(write_folder(root / "floods"), "auto", cache_dir=cache, workers=1, errors="skip")
    tsv = annotate(write_tsv(root / "floods.tsv"), "auto", cache_dir=cache, workers=1, errors="skip")
    return folder, tsv


def test_the_own_corpus_loads_as_users_have_it(own_corpora):
    folder, tsv = own_corpora
    ids = set(folder.articles["doc_id"])
    assert {"news/001", "politics/001", "business/001"} <= ids  # repeated stems: one id per path
    assert "news/copy_of_001" not in ids and folder.load_notes["duplicates"]  # kept once, listed
    latin = folder.articles.set_index("doc_id").loc["politics/001"]
    assert "£40m" in latin["text"] and latin["encoding"] != "utf-8"
    assert tsv.articles["doc_id"].iloc[0] == "story-000" and tsv.articles["outlet"].str.len().gt(0).all()


@pytest.mark.parametrize("which", [0, 1], ids=["nested folder", "tsv"])
def test_the_own_corpus_gets_its_actors_typed_and_no_person_split(own_corpora, which):
    from foreign_corpus import ORGS, PEOPLE, PLACES

    data = own_corpora[which]
    table = data.actors
    assert data.actors_auto
    expected = {**{n: "PERSON" for n in PEOPLE}, **{n: "ORG" for n in ORGS}, **{n: "LOC" for n in PLACES}}
    for name, kind in expected.items():
        actor = _actor(table, name)
        assert actor is not None and table.types[actor] == kind, (name, actor)
    for full, surname in PEOPLE.items():  # "Whitfield", "Ms Whitfield", "Whitfield's": one actor
        assert _actor(table, surname.title()) == _actor(table, full)
        assert sum(surname in table.names[a].lower() or surname in a for a in table.ids) == 1, table.names
    people = {table.names[a] for a, t in table.types.items() if t == "PERSON"}
    assert people == set(PEOPLE)  # nobody else is a person (no place, agency or month)
    counted = set(data.mentions["actor_id"])
    assert {_actor(table, n) for n in PEOPLE} <= counted


def test_given_table_is_loaded_now_and_auto_later():
    from lib.actors import given_actor_table
    from lib.errors import InputError
    from lib.paths import ACTORS

    assert given_actor_table("auto", corpus="~/news") is None
    assert given_actor_table("AUTO", corpus="data/corpus").names == load_actors(ACTORS).names
    with pytest.raises(InputError, match="not found"):
        given_actor_table("no_such_table.csv", corpus="~/news")


def test_publishing_the_automatic_table_never_loses_an_edited_copy(tmp_path):
    from lib.actors import AUTO_TABLE_FILE, publish_auto_table
    from lib.paths import ACTORS

    target = publish_auto_table(ACTORS, tmp_path)
    assert target == tmp_path / AUTO_TABLE_FILE and target.read_bytes() == ACTORS.read_bytes()
    target.write_text(target.read_text() + "mine,My Actor,PERSON,,Mine,,\n")  # the user edits it in place
    edited = target.read_bytes()
    publish_auto_table(ACTORS, tmp_path)
    kept = [p for p in tmp_path.glob("actors_auto.*.csv")]
    assert target.read_bytes() == ACTORS.read_bytes() and len(kept) == 1 and kept[0].read_bytes() == edited
    publish_auto_table(ACTORS, tmp_path)  # the same table again: nothing renamed
    assert len(list(tmp_path.glob("actors_auto.*.csv"))) == 1


def test_an_empty_automatic_table_says_so_and_names_what_it_saw(tmp_path):
    from lib.actors import actor_fit_frame, actor_table_note
    from lib.pipeline import annotate

    corpus = tmp_path / "one"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Mayor Jane Holt opened the fair. Holt said the weather was kind.\n")
    data = annotate(corpus, "auto", cache_dir=tmp_path / "cache", workers=1)
    assert len(data.actors) == 0 and data.mentions.empty
    note = actor_table_note(data, folder=tmp_path / "out")
    assert note.startswith("No actors were found") and "-p actors FILE" in note and "Jane Holt" in note
    assert (tmp_path / "out" / "actors_auto.csv").is_file()
    row = actor_fit_frame(data).iloc[0]
    assert bool(row["automatic"]) and row["actors"] == 0 and row["warning"] == ""


def test_a_badly_fitting_table_has_its_warning_in_the_fit_row(foreign_corpus, tmp_path):
    from lib.actors import actor_fit_frame
    from lib.paths import ACTORS
    from lib.pipeline import annotate

    data = annotate(foreign_corpus, ACTORS, cache_dir=tmp_path, workers=1, auto_actors={"min_count": 3})
    row = actor_fit_frame(data).iloc[0]
    assert not row["automatic"] and row["share"] < 0.25 and "fits this corpus badly" in row["warning"]
