"""Whole-corpus steps that notebooks pay for are cached stages: the cached result is the direct computation's,
a second call reads it (the step is not run again), and a changed parameter is a new stage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib import actors as act
from lib import paths
from lib import topics as tp
from lib.errors import InputError
from lib.pipeline import annotate


def _fail(*args, **kwargs):
    raise AssertionError("computed again")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return annotate(paths.CORPUS, paths.ACTORS, paths.TOPICS, cache_dir=tmp_path_factory.mktemp("cache"), workers=1)


def test_proposed_actors_is_discover_actors_and_is_read_back(data, monkeypatch):
    direct = act.discover_actors(data.sentences, data.actors, types=act.ACTOR_TYPES, min_count=1)
    first = act.proposed_actors(data, types=act.ACTOR_TYPES, min_count=1)
    assert len(first) > 0
    pd.testing.assert_frame_equal(first, direct, check_dtype=False)

    monkeypatch.setattr("lib.actors.discover.discover_actors", _fail)
    pd.testing.assert_frame_equal(act.proposed_actors(data, types=act.ACTOR_TYPES, min_count=1), first)
    with pytest.raises(AssertionError, match="computed again"):
        act.proposed_actors(data, types=act.ACTOR_TYPES, min_count=2)  # another parameter: another stage


def test_proposed_actors_rejects_an_unknown_type_before_any_work(data):
    with pytest.raises(InputError, match="PEOPLE"):
        act.proposed_actors(data, types=("PEOPLE",))


def test_distinctive_terms_are_cached_and_equal_the_direct_ones(data, monkeypatch):
    direct = tp.distinctive_terms(data.sentences, by="doc_id", top=5)
    first = tp.cached_distinctive_terms(data, by="doc_id", top=5)
    pd.testing.assert_frame_equal(first, direct, check_dtype=False)
    monkeypatch.setattr("lib.topics.cached.distinctive_terms", _fail)
    pd.testing.assert_frame_equal(tp.cached_distinctive_terms(data, by="doc_id", top=5), first)


def test_the_topic_model_is_cached_and_equals_the_direct_one(data, monkeypatch):
    direct = tp.unsupervised_topics(data.sentences, k=3, seed=1, top=6)
    first = tp.cached_unsupervised_topics(data, k=3, seed=1, top=6)
    pd.testing.assert_frame_equal(first.words, direct.words, check_dtype=False)
    pd.testing.assert_frame_equal(first.doc_topics, direct.doc_topics, check_dtype=False)
    assert (first.k, first.method, first.documents, first.vocabulary) == (3, "nmf", direct.documents,
                                                                           direct.vocabulary)
    monkeypatch.setattr("lib.topics.cached.unsupervised_topics", _fail)
    again = tp.cached_unsupervised_topics(data, k=3, seed=1, top=6)
    pd.testing.assert_frame_equal(again.doc_topics, first.doc_topics)
    with pytest.raises(AssertionError, match="computed again"):
        tp.cached_unsupervised_topics(data, k=3, seed=2, top=6)


def test_a_cached_step_that_cannot_run_says_why_every_time(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text("Only one article talks about tariffs and trade.\n", encoding="utf-8")
    one = annotate(folder, cache_dir=tmp_path / "cache", workers=1)
    for _ in range(2):  # nothing half-written is left behind to be read the second time
        with pytest.raises(InputError, match="at least 2"):
            tp.cached_distinctive_terms(one, by="doc_id")


def test_the_explorer_word_index_is_cached_and_equals_a_fresh_one(data, monkeypatch):
    from lib.explore import ExplorerData
    from lib.explore.concordance import WordIndex

    fresh = WordIndex.build(data.sentences)
    first = ExplorerData.from_annotated(data).index
    assert first.vocabulary == fresh.vocabulary and len(fresh.vocabulary) > 100
    assert np.array_equal(first.offsets, fresh.offsets) and np.array_equal(first.rows, fresh.rows)
    monkeypatch.setattr(WordIndex, "build", _fail)
    again = WordIndex.cached(data)
    assert again.vocabulary == fresh.vocabulary and list(again.sentences_for("talks")) == list(
        fresh.sentences_for("talks"))
