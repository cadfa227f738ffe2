"""lib.actors: the actor table, mention matching rules, counts, views, suggestions and discovery."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from lib import paths
from lib.actors import (
    ACTOR_COLUMNS,
    MENTION_COLUMNS,
    PROPOSAL_COLUMNS,
    closest_actor,
    cooccurrence,
    cooccurrence_graph,
    counting_choices,
    discover_actors,
    find_mentions,
    kwic,
    load_actors,
    mention_counts,
    mention_matrix,
    resolve_actor,
    surface_forms,
    validate_actors,
    write_draft_actor_table,
)
from lib.errors import InputError
from lib.text import trie_pattern

HEADER = ",".join(ACTOR_COLUMNS)

# A small table written for these tests (not the bundled one), so rules are tested independently of its content.
TABLE = pd.DataFrame(
    [
        ("putin", "Vladimir Putin", "PERSON", "Russia", "Vladimir Putin|Putin|President Vladimir Putin",
         "the Kremlin leader"),
        ("witkoff", "Steve Witkoff", "PERSON", "United States", "Steve Witkoff|Witkoff", "Trump's envoy"),
        ("trump", "Donald Trump", "PERSON", "United States", "Donald Trump|Trump", "the Republican"),
        ("zelensky", "Volodymyr Zelensky", "PERSON", "Ukraine", "Volodymyr Zelensky|Zelensky|Zelenskyy", ""),
        ("peskov", "Dmitry Peskov", "PERSON", "Russia", "Dmitry Peskov", "Kremlin spokesman"),
        ("kremlin", "the Kremlin", "ORG", "Russia", "Kremlin", ""),
        ("rdif", "Russian Direct Investment Fund", "ORG", "Russia", "Russian Direct Investment Fund|RDIF", ""),
        ("russia", "Russia", "LOC", "Russia", "Russia", ""),
        ("united_states", "United States", "LOC", "United States", "United States|US|U.S.", ""),
        ("the_west", "the West", "LOC", "", "the West", ""),
    ],
    columns=ACTOR_COLUMNS,
)


def sentences_of(*texts: str, base: int = 0) -> pd.DataFrame:
    """One document whose sentences start at ``base`` and are 1 character apart."""
    rows, start = [], base
    for i, text in enumerate(texts):
        rows.append(("doc", i, start, start + len(text), text))
        start += len(text) + 1
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "text"])


def found(text: str, **options) -> list[tuple[str, str, str]]:
    m = find_mentions(sentences_of(text), TABLE, **options)
    return list(zip(m["surface"], m["actor_id"], m["match_kind"]))


# --------------------------------------------------------------------------------------------- load_actors


def test_bundled_table_loads_and_covers_the_corpus_actors():
    table = load_actors(paths.ACTORS).frame
    assert list(table.columns[:6]) == ACTOR_COLUMNS
    assert table["actor_id"].is_unique
    assert set(table["type"]) == {"PERSON", "ORG", "LOC"}
    expected = {"dmitriev", "witkoff", "trump", "putin", "zelensky", "lavrov", "grushko", "peskov", "graham",
                "mullin", "miroshnik", "fogel", "biden", "kremlin", "nato", "white_house", "rdif", "eu",
                "fox_news", "cnn", "nbc_news", "bloomberg", "izvestia", "caliber_az", "state_department",
                "treasury_department", "russian_foreign_ministry", "russian_defence_ministry", "un", "russia",
                "ukraine", "united_states", "moscow", "kyiv", "washington"}
    assert expected <= set(table["actor_id"])
    aliases = {a for cell in table["aliases"] for a in cell.split("|")}
    assert not {"Russian", "Ukrainian", "American", "us"} & aliases  # adjectives and "us" are not aliases


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, r"not found"),
        ("", r"is empty"),
        ("  \n\n", r"is empty"),
        ("id,name,type,aliases\nputin,Putin,PERSON,Putin\n", r"line 1: bad header.*actor_id"),
        (f"{HEADER}\nputin,Putin,PERSON,,Putin,\n,Trump,PERSON,,Trump,\n", r"line 3: missing actor_id"),
        (f"{HEADER}\nputin,Putin,PERSON,,Putin,\nputin,Trump,PERSON,,Trump,\n", r"line 3.*duplicate.*line 2"),
        (f"{HEADER}\nputin,Putin,PERSON,,Putin||Vladimir Putin,\n", r"line 2.*'putin'.*empty alias"),
        (f"{HEADER}\nputin,Putin,PERSON,,Putin|,\n", r"line 2.*empty alias"),
        (f"{HEADER}\nputin,Vladimir Putin,PERSON,,Putin,\nkremlin,Kremlin,ORG,,Kremlin|Putin,\n",
         r"line 3.*'kremlin'.*'Putin'.*'putin' \(line 2\)"),
        (f"{HEADER}\nputin,Putin,PERSON,,Putin,the leader\ntrump,Trump,PERSON,,Trump,The Leader\n",
         r"line 3.*role 'the leader'.*'putin'"),
        (f"{HEADER}\nputin,Putin,PER,,Putin,\n", r"line 2.*bad type 'PER'"),
        (f"{HEADER}\nPutin Vladimir,Putin,PERSON,,Putin,\n", r"line 2.*lower snake case"),
        (f"{HEADER}\nputin,,PERSON,,Putin,\n", r"line 2.*missing name"),
        (f"{HEADER}\nputin,Putin,PERSON,,Putin,,extra\n", r"line 2: 7 cells"),
    ],
)
def test_load_actors_rejects_bad_tables(tmp_path, content, message):
    path = tmp_path / "actors.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        load_actors(path)
    assert str(path) in str(err.value)


def test_load_actors_accepts_header_only_bom_lowercase_types_and_missing_optional_columns(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("\ufeffactor_id,name,type,aliases\nnato,NATO,org,NATO\n", encoding="utf-8")
    table = load_actors(path).frame
    assert table.loc[0, "type"] == "ORG" and table.loc[0, "side"] == "" and table.loc[0, "roles"] == ""
    (tmp_path / "b.csv").write_text(HEADER + "\n", encoding="utf-8")
    assert load_actors(tmp_path / "b.csv").frame.empty


# ------------------------------------------------------------------------------------------- find_mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vladimir Putin met Steve Witkoff.", [("Vladimir Putin", "putin", "alias"),
                                               ("Steve Witkoff", "witkoff", "alias")]),
        ("President Vladimir Putin spoke.", [("President Vladimir Putin", "putin", "alias")]),  # longest wins
        ("Putin’s aides and Putin's critics met Putin.", [("Putin", "putin", "surname")] * 3),  # possessives
        ("The US told us nothing, and neither did Us Weekly.", [("US", "united_states", "alias")]),
        ("Putinism is not Trumpism, said Putin.", [("Putin", "putin", "surname")]),  # whole words only
        ("The Russian Direct Investment Fund is Russia's fund.",
         [("Russian Direct Investment Fund", "rdif", "alias"), ("Russia", "russia", "alias")]),
        ("Russian and Ukrainian officials met Russians.", []),  # adjectives/demonyms are not countries
        ("US-Russia talks went on in the U.S.", [("US", "united_states", "alias"), ("Russia", "russia", "alias"),
                                                  ("U.S.", "united_states", "alias")]),
        ("PUTIN REJECTS PLAN", [("PUTIN", "putin", "surname")]),  # headline capitals
        ("The West responded.", [("The West", "the_west", "alias")]),  # sentence-initial capital
        ("Zelenskyy and Zelensky are one man.", [("Zelenskyy", "zelensky", "surname"),
                                                  ("Zelensky", "zelensky", "surname")]),
        ("Whitkoff arrived.", [("Whitkoff", "witkoff", "fuzzy")]),
        ("Putin and Zelensky ready, Trumps says", [("Putin", "putin", "surname"), ("Zelensky", "zelensky", "surname"),
                                                   ("Trumps", "trump", "fuzzy")]),
        ("Trumpet players and Witness statements", []),  # not close enough to any alias
        ("The Kremlin spokesman said no.", [("Kremlin", "kremlin", "alias"),
                                            ("Kremlin spokesman", "peskov", "role")]),
        ("Kremlin spokesman Dmitry Peskov said no.", [("Kremlin", "kremlin", "alias"),  # apposition: one Peskov
                                                      ("Dmitry Peskov", "peskov", "alias")]),
        ("Trump’s envoy arrived.", [("Trump", "trump", "surname"), ("Trump’s envoy", "witkoff", "role")]),
        ("The Republican, Donald Trump, spoke.", [("Donald Trump", "trump", "alias")]),
        ("the kremlin leader", [("the kremlin leader", "putin", "role")]),  # names are case-sensitive, roles not
        ("THE KREMLIN LEADER", [("THE KREMLIN LEADER", "putin", "role"), ("KREMLIN", "kremlin", "alias")]),
    ],
)
def test_find_mentions_rules(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("base", [0, 17, 1000])
def test_offsets_point_into_the_article(base):
    texts = ["Heading about Putin", "Whitkoff met the Kremlin leader in the US.", "No names here."]
    article = " " * base + "\n".join(texts)
    sents = sentences_of(*texts, base=base)
    m = find_mentions(sents, TABLE)
    assert list(m.columns) == MENTION_COLUMNS
    assert len(m) == 5
    for row in m.itertuples():
        assert article[row.start:row.end] == row.surface
        sent = sents.loc[sents["sent_id"] == row.sent_id].iloc[0]
        assert sent.start <= row.start < row.end <= sent.end
    assert m["start"].is_monotonic_increasing


@pytest.mark.parametrize(
    ("text", "option", "without"),
    [
        ("The Republican met Putin.", {"roles": False}, [("Putin", "putin", "surname")]),
        ("Whitkoff met Putin.", {"fuzzy": False}, [("Putin", "putin", "surname")]),
    ],
)
def test_options_only_remove_their_own_layer(text, option, without):
    everything = found(text)
    assert found(text, **option) == without
    assert set(without) < set(everything)


@pytest.mark.parametrize(
    ("table_rows", "text", "expected"),
    [
        ([("ivanov", "Pyotr Ivanov", "Ivanov")], "Ivanovv said", [("Ivanovv", "ivanov", "fuzzy")]),
        # close to two actors: never merged into either
        ([("ivanov", "Pyotr Ivanov", "Ivanov"), ("ivanova", "Olga Ivanova", "Ivanova")], "Ivanovv said", []),
        ([("ivanov", "Pyotr Ivanov", "Ivanov"), ("ivanova", "Olga Ivanova", "Ivanova")], "Ivanova said",
         [("Ivanova", "ivanova", "surname")]),
        ([("smith", "Anna Smith", "Smith")], "Smythe said", []),  # two edits on a short name: too far
    ],
)
def test_fuzzy_is_conservative(table_rows, text, expected):
    table = pd.DataFrame([(i, n, "PERSON", "", a, "") for i, n, a in table_rows], columns=ACTOR_COLUMNS)
    m = find_mentions(sentences_of(text), table)
    assert list(zip(m["surface"], m["actor_id"], m["match_kind"])) == expected


def test_places_are_never_fuzzy():
    assert found("Russiaa and Rusia") == []


def test_surname_is_derived_from_the_canonical_name_unless_shared():
    table = pd.DataFrame([("graham", "Lindsey Graham", "PERSON", "", "", ""),
                          ("a_lee", "Anna Lee", "PERSON", "", "", ""), ("b_lee", "Bo Lee", "PERSON", "", "", "")],
                         columns=ACTOR_COLUMNS)
    m = find_mentions(sentences_of("Graham and Lee met Lindsey Graham."), table)
    assert list(zip(m["surface"], m["match_kind"])) == [("Graham", "surname"), ("Lindsey Graham", "alias")]
    assert find_mentions(sentences_of("Graham"), table, surnames=False).empty


def test_empty_table_and_empty_sentences_give_empty_frames():
    none = find_mentions(sentences_of("Putin met Trump."), TABLE.iloc[0:0])
    assert list(none.columns) == MENTION_COLUMNS and none.empty
    assert find_mentions(sentences_of(), TABLE).empty
    with pytest.raises(InputError, match="sentences frame lacks"):
        find_mentions(pd.DataFrame({"text": ["Putin"]}), TABLE)


@pytest.mark.parametrize("seed", range(5))
def test_trie_pattern_matches_like_a_longest_first_alternation(seed):
    import random

    rng = random.Random(seed)
    words = sorted({"".join(rng.choice("abc ") for _ in range(rng.randint(1, 6))).strip() or "a"
                    for _ in range(40)})
    text = "".join(rng.choice("abc  ") for _ in range(400))
    flat = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?!\w)")
    trie = re.compile(r"(?<!\w)(?:" + trie_pattern(words).replace(r"\s+", " ") + r")(?!\w)")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


# --------------------------------------------------------------------------- the bundled corpus, hand-counted

# Person mentions per article, counted by hand by reading the cleaned texts (without the "Read more" list,
# the breadcrumb copy of the 001 title, the 002 byline). Name mentions: full name, surname, name with title,
# possessive, misspelling ("Whitkoff", "Trumps"), and "the Trump/Biden administration". Not counted:
# pronouns, "the president" (ambiguous here), "our president". Role descriptions ("the Russian negotiator",
# "Putin's special envoy", "the Republican", "the Ukrainian president", "the Russian leader", "a senior
# Russian diplomat", "Russian ambassador" ...) are added in the second number, except when they stand next to
# the name ("Kremlin spokesman Dmitry Peskov", "the Russian negotiator Kirill Dmitriev").
HAND_COUNTS = {  # (doc_id, actor_id): (names, names + roles)
    ("000_da2076b450a66fac", "dmitriev"): (6, 6),
    ("000_da2076b450a66fac", "putin"): (6, 7),  # + "the Russian leader"
    ("000_da2076b450a66fac", "trump"): (6, 6),  # "Trump’s bid" in the removed "Read more" list not counted
    ("000_da2076b450a66fac", "witkoff"): (2, 2),
    ("000_da2076b450a66fac", "lavrov"): (1, 1),
    ("000_da2076b450a66fac", "zelensky"): (2, 2),
    ("001_1a873a9b7cb4f533", "dmitriev"): (13, 19),  # + negotiator, RDIF head, 2 x special envoy, presidential
    ("001_1a873a9b7cb4f533", "witkoff"): (2, 2),  # incl. "Whitkoff"                 # special envoy, Kremlin official
    ("001_1a873a9b7cb4f533", "putin"): (9, 9),
    ("001_1a873a9b7cb4f533", "trump"): (13, 15),  # incl. "Trumps"; + 2 x "the Republican"
    ("001_1a873a9b7cb4f533", "biden"): (1, 1),
    ("001_1a873a9b7cb4f533", "graham"): (1, 1),
    ("001_1a873a9b7cb4f533", "mullin"): (1, 1),
    ("001_1a873a9b7cb4f533", "zelensky"): (6, 8),  # + 2 x "the Ukrainian president"
    ("001_1a873a9b7cb4f533", "miroshnik"): (2, 3),  # + headline "Russian ambassador says"
    ("002_219828e929a4978d", "dmitriev"): (9, 10),  # + headline "Senior Russian negotiator"
    ("002_219828e929a4978d", "trump"): (11, 11),
    ("002_219828e929a4978d", "witkoff"): (2, 2),
    ("002_219828e929a4978d", "putin"): (6, 7),  # + "the Russian president"
    ("002_219828e929a4978d", "fogel"): (1, 1),
    ("002_219828e929a4978d", "biden"): (3, 3),
    ("002_219828e929a4978d", "zelensky"): (1, 1),
    ("003_20af89f1751d7671", "grushko"): (2, 3),  # + "a senior Russian diplomat"
    ("003_20af89f1751d7671", "trump"): (3, 3),
    ("003_20af89f1751d7671", "putin"): (6, 6),
    ("003_20af89f1751d7671", "zelensky"): (1, 1),
    ("003_20af89f1751d7671", "witkoff"): (1, 1),
    ("004_34ea7ae64c1b966a", "grushko"): (3, 4),  # + "a senior Russian diplomat"
    ("004_34ea7ae64c1b966a", "zelensky"): (2, 2),
    ("004_34ea7ae64c1b966a", "peskov"): (1, 1),
    ("004_34ea7ae64c1b966a", "trump"): (1, 1),
    ("004_34ea7ae64c1b966a", "lavrov"): (1, 1),
}


@pytest.fixture(scope="module")
def bundled_mentions(bundled_sentences):
    return find_mentions(bundled_sentences, load_actors(paths.ACTORS))


def test_person_mentions_match_the_hand_count(bundled_mentions):
    persons = bundled_mentions[bundled_mentions["actor_type"].eq("PERSON")]
    counts = mention_counts(persons, by_article=True)
    got = {(r.doc_id, r.actor_id): (r.mentions, r.mentions_with_roles) for r in counts.itertuples()}
    assert got == HAND_COUNTS


def test_bundled_mentions_are_consistent_with_the_text(bundled_articles, bundled_mentions):
    texts = dict(zip(bundled_articles[0]["doc_id"], bundled_articles[0]["text"]))
    assert all(texts[d][a:b] == s for d, a, b, s in zip(bundled_mentions["doc_id"], bundled_mentions["start"],
                                                          bundled_mentions["end"], bundled_mentions["surface"]))
    fuzzy = bundled_mentions[bundled_mentions["match_kind"].eq("fuzzy")]
    assert sorted(zip(fuzzy["surface"], fuzzy["actor_id"])) == [("Trumps", "trump"), ("Whitkoff", "witkoff")]
    # the byline author is metadata, not an actor
    assert not bundled_mentions["surface"].str.contains("Hasanova").any()


# ------------------------------------------------------------------------------------------ counts and views


MENTIONS = find_mentions(
    sentences_of("Putin met Witkoff and Trump.", "The Kremlin leader thanked Trump.", "Zelensky waited."), TABLE)


def test_mention_counts_with_and_without_roles():
    counts = mention_counts(MENTIONS, TABLE).set_index("actor_id")
    assert counts.loc["putin", ["mentions", "role_mentions", "mentions_with_roles"]].tolist() == [1, 1, 2]
    assert counts.loc["trump", "mentions_with_roles"] == 2
    assert counts.loc["putin", "name"] == "Vladimir Putin"
    assert counts["mentions_with_roles"].is_monotonic_decreasing
    per_doc = mention_counts(MENTIONS, by_article=True)
    assert per_doc["mentions_with_roles"].sum() == len(MENTIONS)
    assert mention_counts(MENTIONS.iloc[0:0]).empty


def test_mention_matrix_and_surface_forms():
    matrix = mention_matrix(MENTIONS, doc_ids=["doc", "other"])
    assert matrix.loc["putin", "doc"] == 2 and matrix.loc["putin", "other"] == 0
    assert mention_matrix(MENTIONS, roles=False).loc["putin", "doc"] == 1
    forms = surface_forms(MENTIONS)
    assert set(forms.loc[forms["actor_id"].eq("putin"), "surface"]) == {"Putin", "The Kremlin leader"}
    assert forms["count"].sum() == len(MENTIONS)


def test_kwic_lines_show_context_from_the_article():
    article = "Putin met Witkoff and Trump. The Kremlin leader thanked Trump. Zelensky waited."
    lines = kwic(MENTIONS, pd.DataFrame({"doc_id": ["doc"], "text": [article]}), "trump", width=10)
    assert lines["match"].tolist() == ["Trump", "Trump"]
    assert lines["left"].tolist() == [article[s - 10:s] for s in lines["start"]]
    assert lines["right"].tolist() == [article[e:e + 10] for e in lines["end"]]
    assert lines.loc[0, "left"] == "tkoff and " and lines.loc[0, "right"].startswith(".")
    assert kwic(MENTIONS, pd.DataFrame({"doc_id": ["doc"], "text": [article]}), "putin", roles=False).shape[0] == 1
    with pytest.raises(InputError):
        kwic(MENTIONS, pd.DataFrame({"doc_id": ["doc"], "text": [article]}), "putin", width=-1)


def test_cooccurrence_edges_and_graph():
    edges = cooccurrence(MENTIONS)
    pairs = {(s, t): w for s, t, w in edges.itertuples(index=False)}
    assert pairs == {("putin", "trump"): 2, ("putin", "witkoff"): 1, ("trump", "witkoff"): 1,
                     ("kremlin", "putin"): 1, ("kremlin", "trump"): 1}
    no_roles = {(s, t): w for s, t, w in cooccurrence(MENTIONS, roles=False).itertuples(index=False)}
    assert no_roles[("putin", "trump")] == 1 and ("kremlin", "putin") not in no_roles
    assert cooccurrence(MENTIONS, unit="article", min_weight=1)["weight"].eq(1).all()
    graph = cooccurrence_graph(edges, actors=TABLE, counts=mention_counts(MENTIONS))
    assert graph["putin"]["trump"]["weight"] == 2
    assert graph.nodes["putin"]["name"] == "Vladimir Putin" and graph.nodes["putin"]["mentions"] == 2
    assert "zelensky" in graph.nodes and "russia" not in graph.nodes  # counted actors stay, absent ones go
    with pytest.raises(InputError):
        cooccurrence(MENTIONS, unit="paragraph")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Puttin", "putin"), ("vladimir putin", "putin"), ("Zelenskiy", "zelensky"), ("kremlin", "kremlin"),
     ("Witkof", "witkoff"), ("qqqq", None), ("", None)],
)
def test_closest_actor(name, expected):
    assert closest_actor(name, TABLE) == expected


@pytest.mark.parametrize(("name", "expected"), [("putin", "putin"), ("Vladimir Putin", "putin"),
                                                ("ZELENSKYY", "zelensky"), ("the West", "the_west")])
def test_resolve_actor_accepts_ids_names_and_aliases(name, expected):
    assert resolve_actor(name, TABLE) == expected


def test_resolve_actor_suggests_the_closest():
    with pytest.raises(InputError, match=r"Unknown actor 'Puttin'.*Did you mean 'putin'\?"):
        resolve_actor("Puttin", TABLE)


# ------------------------------------------------------------------------------------------------ discovery


def fake_entities(text: str) -> list[tuple[int, int, str]]:
    """Stand-in NER: capitalised runs, labelled PERSON when two words long, else LOC."""
    out = []
    for m in re.finditer(r"[A-Z][\w’']*(?: [A-Z][\w’']*)*", text):
        out.append((m.start(), m.end(), "PERSON" if " " in m.group() else "LOC"))
    return out


def test_discover_actors_groups_variants_and_skips_known_names():
    sents = sentences_of("Marc Fogel met Putin in Riyadh.", "Fogel’s family thanked Fogel.",
                         "Volodymyr Zelenskyy spoke.", "Ceasefire hopes: a ceasefire now.", "Riyadh waited.")
    table = TABLE[TABLE["actor_id"].ne("zelensky")]
    proposals = discover_actors(sents, table, entities=fake_entities)
    assert list(proposals.columns) == PROPOSAL_COLUMNS
    rows = proposals.set_index("name")
    assert rows.loc["Marc Fogel", "count"] == 3 and rows.loc["Marc Fogel", "proposed_id"] == "fogel"
    assert set(rows.loc["Marc Fogel", "variants"].split("|")) == {"Marc Fogel", "Fogel’s", "Fogel"}
    assert rows.loc["Riyadh", "count"] == 2
    assert "Putin" not in rows.index and "Ceasefire" not in rows.index  # known actor; common word
    assert "Volodymyr Zelenskyy" in rows.index  # removed from the table, so proposed
    assert discover_actors(sents, table, min_count=3, entities=fake_entities)["name"].tolist() == ["Marc Fogel"]


def test_discover_actors_on_the_bundled_corpus(bundled_articles):
    articles = bundled_articles[0]
    table = load_actors(paths.ACTORS).frame
    proposals = discover_actors(articles, table[~table["actor_id"].isin(["putin", "zelensky"])])
    known = {a.casefold() for cell in table["aliases"] for a in cell.split("|")} - {
        a.casefold() for a in ("Vladimir Putin", "Putin", "President Putin", "President Vladimir Putin",
                               "Volodymyr Zelensky", "Zelensky", "Volodymyr Zelenskyy", "Zelenskyy")}
    assert not {n.casefold() for n in proposals["name"]} & known
    putin = proposals[proposals["proposed_id"].eq("putin")]
    assert len(putin) == 1 and {"Vladimir Putin", "Putin"} <= set(putin.iloc[0]["variants"].split("|"))
    with pytest.raises(InputError):
        discover_actors(articles, table, types=["PEOPLE"])


def test_write_draft_actor_table_round_trips_and_never_overwrites(tmp_path):
    proposals = discover_actors(sentences_of("Marc Fogel met Anna Smith.", "Fogel’s and Smith’s views."),
                                TABLE, entities=fake_entities)
    path = write_draft_actor_table(proposals, tmp_path / "draft.csv")
    table = load_actors(path)
    assert set(table.ids) == {"fogel", "smith"}
    assert table.aliases["fogel"] == ("Marc Fogel", "Fogel")
    with pytest.raises(InputError, match="already exists"):
        write_draft_actor_table(proposals, path)
    write_draft_actor_table(proposals.iloc[:1], path, overwrite=True)
    assert len(load_actors(path)) == 1


def test_validate_actors_names_the_row_for_in_memory_tables():
    bad = TABLE.assign(type=["PERSON"] * 9 + ["PLACE"])
    with pytest.raises(InputError, match=r"line 11 \(actor 'the_west'\): bad type 'PLACE'"):
        validate_actors(bad)


def test_counting_choices_widen_monotonically_and_boilerplate_adds_mentions(bundled_sentences):
    from lib.corpus import load_corpus
    from lib.text import sentence_table

    table = load_actors(paths.ACTORS)
    cleaned = find_mentions(bundled_sentences, table)
    raw = find_mentions(sentence_table(load_corpus(paths.CORPUS)), table)
    choices = counting_choices(cleaned, raw)
    steps = ["aliases only", "+ surnames", "+ misspellings", "+ role descriptions"]
    assert (choices[steps].diff(axis=1).fillna(0) >= 0).all().all()
    assert choices.loc["dmitriev", "+ role descriptions"] == 35 and choices.loc["dmitriev", "+ surnames"] == 28
    assert choices.loc["trump", "uncleaned text"] > choices.loc["trump", "+ role descriptions"]  # "Read more" list


# ------------------------------------------------------------------------------------------ the ActorTable


def test_actor_table_is_validated_once_and_cannot_change(monkeypatch):
    import lib.actors.table as table_mod
    from lib.actors import ActorTable, as_actor_table, build_matcher

    table = ActorTable.from_frame(TABLE)
    assert as_actor_table(table) is table
    assert table.aliases["putin"] == ("Vladimir Putin", "Putin", "President Vladimir Putin")
    assert table.roles["putin"] == ("the Kremlin leader",) and table.sides["rdif"] == "Russia"
    assert "the_west" not in table.sides  # blank side left out
    with pytest.raises(TypeError):
        table.aliases["putin"] = ()  # read-only mapping
    with pytest.raises(AttributeError):
        table.names = {}  # frozen
    copy = table.frame
    copy.loc[0, "name"] = "changed"  # a copy: the table keeps its value
    assert table.names["putin"] == "Vladimir Putin" and table.frame.loc[0, "name"] == "Vladimir Putin"
    calls = []
    original = table_mod.validate_actors
    monkeypatch.setattr(table_mod, "validate_actors", lambda *a, **k: calls.append(1) or original(*a, **k))
    matcher = build_matcher(table)
    find_mentions(sentences_of("Putin met Whitkoff."), matcher)
    discover_actors(sentences_of("Anna Smith met Putin."), table, entities=fake_entities)
    mention_counts(MENTIONS, table)
    resolve_actor("Putin", table)
    assert calls == []  # a table is never validated again
    discover_actors(sentences_of("Anna Smith met Putin."), TABLE, entities=fake_entities)
    assert calls == [1]  # a frame is validated once at the boundary


def test_as_actor_table_refuses_other_values():
    from lib.actors import as_actor_table

    with pytest.raises(InputError, match="expected an ActorTable.*got list"):
        as_actor_table([("putin", "Putin")])


def test_matcher_is_reused_and_its_options_checked():
    from lib.actors import build_matcher

    matcher = build_matcher(TABLE, surnames=False)
    assert find_mentions(sentences_of("Whitkoff met Putin."), matcher, surnames=False).equals(
        find_mentions(sentences_of("Whitkoff met Putin."), TABLE, surnames=False))
    with pytest.raises(InputError, match="surnames=False"):
        find_mentions(sentences_of("Putin"), matcher)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("russia", "Russia", "LOC", "", "Russia", "", "Russian")], r"side words 'Russian' need a side"),
        ([("russia", "Russia", "LOC", "Russia", "Russia", "", "Russian"),
          ("ukraine", "Ukraine", "LOC", "Ukraine", "Ukraine", "", "russian|Ukrainian")],
         r"line 3.*side word 'russian' also names side 'russia' \(line 2\)"),
    ],
)
def test_side_words_point_at_one_side(rows, message):
    from lib.actors import TABLE_COLUMNS

    with pytest.raises(InputError, match=message):
        validate_actors(pd.DataFrame(rows, columns=TABLE_COLUMNS))


def test_side_words_are_parsed_per_side():
    from lib.actors import TABLE_COLUMNS, ActorTable

    rows = [("russia", "Russia", "LOC", "Russia", "Russia", "", "Russian|Kremlin"),
            ("moscow", "Moscow", "LOC", "Russia", "Moscow", "", "Muscovite|russian"),  # same side: fine
            ("cnn", "CNN", "ORG", "media", "CNN", "", "")]
    table = ActorTable.from_frame(pd.DataFrame(rows, columns=TABLE_COLUMNS))
    assert dict(table.side_words) == {"russian": "Russia", "kremlin": "Russia", "muscovite": "Russia"}


def test_with_names_puts_the_name_after_the_id_and_keeps_unknown_ids():
    from lib.actors import with_names

    frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "actor_id": ["putin", "nobody", None], "n": [1, 2, 3]})
    named = with_names(frame, TABLE)
    assert list(named.columns) == ["doc_id", "actor_id", "name", "n"]
    assert named["name"].tolist()[:2] == ["Vladimir Putin", "nobody"] and pd.isna(named["name"].iloc[2])
    assert "name" not in frame.columns  # input untouched
    edges = pd.DataFrame({"source": ["putin"], "target": ["trump"]})
    assert with_names(edges, TABLE, column="target", name="target_name").columns.tolist() == [
        "source", "target", "target_name"]
    with pytest.raises(InputError, match="no column 'actor_id'"):
        with_names(edges, TABLE)
