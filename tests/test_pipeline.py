"""lib.pipeline: one annotated corpus, frames built on first use, cached by corpus, tables and code."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import paths
from lib.errors import InputError
from lib.pipeline import annotate


@pytest.fixture()
def small_corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Vladimir Putin met Steve Witkoff in Moscow.\nThe Kremlin said talks went well.\n")
    (folder / "b.txt").write_text("Zelensky said Ukraine needs security guarantees.\nRead more:\n- Another story\n")
    return folder


def test_frames_share_doc_ids_and_offsets(small_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")
    data = annotate(small_corpus, actors=paths.ACTORS, topics=paths.TOPICS)
    texts = dict(zip(data.articles["doc_id"], data.articles["text"]))
    assert list(data.audit["rule"]) == ["related_links", "related_links"]
    for frame in (data.sentences, data.mentions, data.topic_hits):
        assert set(frame["doc_id"]) <= set(texts)
    for row in data.mentions.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.surface
    assert {"putin", "witkoff", "zelensky"} <= set(data.mentions["actor_id"])


def test_cache_is_reused_and_keyed_by_the_tables(small_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")
    first = annotate(small_corpus, actors=paths.ACTORS)
    mentions = first.mentions
    assert (first.cache_dir / "mentions.parquet").is_file()
    again = annotate(small_corpus, actors=paths.ACTORS)
    assert again.cache_dir == first.cache_dir
    pd.testing.assert_frame_equal(again.mentions, mentions)
    table = tmp_path / "actors.csv"
    table.write_text(paths.ACTORS.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert annotate(small_corpus, actors=table).cache_dir != first.cache_dir


def test_a_changed_raw_file_changes_the_key(small_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")
    before = annotate(small_corpus).cache_dir
    (small_corpus / "a.txt").write_text("Different text about Kyiv.\n")
    assert annotate(small_corpus).cache_dir != before


def test_steps_that_need_a_table_say_so(small_corpus):
    data = annotate(small_corpus, cache=False)
    with pytest.raises(InputError, match="needs the actors table"):
        _ = data.mentions
