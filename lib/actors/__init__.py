"""The actor table, and finding, counting and discovering actor mentions in sentences.

An *actor* is a person, organisation or place that the coverage talks about (``data/actors.csv``: one row per
actor with ``|``-separated aliases, role descriptions and side words). ``load_actors`` reads it into one
validated, immutable :class:`ActorTable` that every function here accepts (a plain frame is validated into one
at the boundary). ``find_mentions`` turns sentences into a tidy ``mentions`` frame (offsets into the article
text); the views count, compare and show them.

Modules: ``table`` (ActorTable, validation, ``with_names``), ``io`` (read a CSV, write a draft table),
``match`` (Matcher, ``find_mentions``), ``views`` (counts, matrix, surface forms, KWIC, co-occurrence),
``resolve`` (names a user types, the focus actor, counting choices), ``discover`` (names not yet in the table),
``names`` and ``auto`` (the automatic table built from a corpus's own names), ``fit`` (how well a table fits),
``notice`` (what a report says about its table; the automatic table beside the reports).

Counting choices (each one changes the numbers; the notebook shows by how much):

* **Names.** Every alias is matched as a whole word, case-sensitively ("US" the country, never "us"); an alias
  that starts in lower case also matches with a capital first letter (sentence start), and aliases of four or
  more characters also match in ALL CAPS (headlines). Straight and curly apostrophes are the same character.
  The canonical ``name`` counts as an alias (a leading "the " is dropped: "the Kremlin" matches as "Kremlin").
* **Longest match wins** among names: "Vladimir Putin" is one mention, "Russian Direct Investment Fund" is RDIF
  and not Russia. A country name used as a modifier ("US officials", "US-Russia talks") is a mention of that
  country; adjectives ("Russian", "Ukrainian") are not, because they are not aliases.
* **Possessives** are left out of the span: in "Putin’s plan" the mention is ``Putin`` (``surface`` is always
  exactly ``text[start:end]``).
* **Surnames.** A one-word alias that is the last word of a longer name of the same person (or a spelling of
  it: "Zelenskyy" for "Volodymyr Zelensky") is a ``surname`` mention; with ``surnames=True`` the last word of
  a person's canonical name is added when no other actor uses it. "The Biden administration" counts as a
  mention of Biden: the name is on the page.
* **Role descriptions** ("the Kremlin spokesman") are a separate layer, matched case-insensitively and only
  with ``roles=True``. They never hide names: "Putin’s special envoy" is a role mention of Dmitriev *and* a
  name mention of Putin. A role next to the same actor's name ("Kremlin spokesman Dmitry Peskov", "Kirill
  Dmitriev, the Russian negotiator") is one mention, the name; the role is dropped.
* **Fuzzy variants** ("Whitkoff", "Trumps"): a capitalised word that is not an alias, is one or two edits
  from a one-word alias of exactly one person or organisation (same first letter, ``rapidfuzz`` ratio at
  least ``FUZZY_THRESHOLD``) and is not near an alias of any other actor. Places are never matched fuzzily
  ("Russian" is one letter from "Russia").
* **Places vs governments.** "Moscow", "Kyiv" and "Washington" are their own ``LOC`` actors (with ``side``
  set), not aliases of Russia, Ukraine and the United States, even when the text uses the capital to mean the
  government: the table records what the text says; group by ``side`` to merge them.
* Pronouns, bylines and removed boilerplate are never counted (bylines and "Read more" lists are removed by
  ``lib.clean`` before sentences are made).

>>> import pandas as pd
>>> actors = ActorTable.from_frame(pd.DataFrame({"actor_id": ["putin"], "name": ["Vladimir Putin"],
...     "type": ["PERSON"], "side": ["Russia"], "aliases": ["Putin"], "roles": ["the Kremlin leader"]}))
>>> sents = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [40],
...     "text": ["Vladimir Putin met us. Putin’s aides wait"]})
>>> find_mentions(sents, actors)[["surface", "match_kind"]].values.tolist()
[['Vladimir Putin', 'alias'], ['Putin', 'surname']]
"""

from __future__ import annotations

from lib.actors.auto import AUTO_MAX_ACTORS, AUTO_MIN_COUNT, auto_actor_table
from lib.actors.discover import PROPOSAL_COLUMNS, discover_actors, proposed_actors
from lib.actors.fit import FIT_TOP, FIT_WARN_BELOW, ActorFit, actor_table_fit
from lib.actors.io import load_actors, write_draft_actor_table
from lib.actors.match import FUZZY_THRESHOLD, MATCH_KINDS, MENTION_COLUMNS, Matcher, build_matcher, find_mentions
from lib.actors.notice import (
    AUTO_TABLE_FILE,
    actor_fit_frame,
    actor_table_note,
    given_actor_table,
    publish_auto_table,
)
from lib.actors.resolve import closest_actor, counting_choices, focus_actor_id, name_index, resolve_actor
from lib.actors.table import (
    ACTOR_COLUMNS,
    ACTOR_TYPES,
    TABLE_COLUMNS,
    ActorTable,
    as_actor_table,
    split_field,
    validate_actors,
    with_names,
)
from lib.actors.views import (
    cooccurrence,
    cooccurrence_graph,
    kwic,
    mention_counts,
    mention_matrix,
    surface_forms,
)
from lib.entities import find_entities

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_TYPES",
    "AUTO_MAX_ACTORS",
    "AUTO_TABLE_FILE",
    "AUTO_MIN_COUNT",
    "FIT_TOP",
    "FIT_WARN_BELOW",
    "FUZZY_THRESHOLD",
    "MATCH_KINDS",
    "MENTION_COLUMNS",
    "PROPOSAL_COLUMNS",
    "TABLE_COLUMNS",
    "ActorFit",
    "ActorTable",
    "actor_table_fit",
    "actor_fit_frame",
    "actor_table_note",
    "given_actor_table",
    "publish_auto_table",
    "Matcher",
    "as_actor_table",
    "auto_actor_table",
    "build_matcher",
    "closest_actor",
    "cooccurrence",
    "cooccurrence_graph",
    "counting_choices",
    "discover_actors",
    "find_entities",
    "find_mentions",
    "focus_actor_id",
    "kwic",
    "load_actors",
    "mention_counts",
    "mention_matrix",
    "name_index",
    "proposed_actors",
    "resolve_actor",
    "split_field",
    "surface_forms",
    "validate_actors",
    "with_names",
    "write_draft_actor_table",
]
