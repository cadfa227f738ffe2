"""Whole-corpus steps that notebooks pay for are cached stages: the cached result is the direct computation's,
a second call reads it (the step is not run again), and a changed parameter is a new stage."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import actors as act
from lib import paths
from lib.errors import InputError
from lib.pipeline import annotate


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return annotate(paths.CORPUS, paths.ACTORS, paths.TOPICS, cache_dir=tmp_path_factory.mktemp("cache"), workers=1)


def test_proposed_actors_is_discover_actors_and_is_read_back(data, monkeypatch):
    direct = act.discover_actors(data.sentences, data.actors, types=act.ACTOR_TYPES, min_count=1)
    first = act.proposed_actors(data, types=act.ACTOR_TYPES, min_count=1)
    assert len(first) > 0
    pd.testing.assert_frame_equal(first, direct, check_dtype=False)

    def fail(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr("lib.actors.discover.discover_actors", fail)
    pd.testing.assert_frame_equal(act.proposed_actors(data, types=act.ACTOR_TYPES, min_count=1), first)
    with pytest.raises(AssertionError, match="computed again"):
        act.proposed_actors(data, types=act.ACTOR_TYPES, min_count=2)  # another parameter: another stage


def test_proposed_actors_rejects_an_unknown_type_before_any_work(data):
    with pytest.raises(InputError, match="PEOPLE"):
        act.proposed_actors(data, types=("PEOPLE",))
