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
    assert first.store("mentions").complete()
    again = annotate(small_corpus, actors=paths.ACTORS)
    assert again.store("mentions").folder == first.store("mentions").folder
    pd.testing.assert_frame_equal(again.mentions, mentions)
    table = tmp_path / "actors.csv"
    table.write_text(paths.ACTORS.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert annotate(small_corpus, actors=table).store("mentions").folder != first.store("mentions").folder


def test_a_changed_raw_file_changes_the_key(small_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")
    before = annotate(small_corpus).store("articles").folder
    (small_corpus / "a.txt").write_text("Different text about Kyiv.\n")
    assert annotate(small_corpus).store("articles").folder != before


def test_no_column_mapping_is_one_key_whether_empty_or_none(small_corpus, tmp_path):
    # the runner annotates with columns=None, notebooks ask with their parameter's default "": one cache
    keys = [annotate(small_corpus, cache_dir=tmp_path, columns=c).keys for c in (None, "", {})]
    assert keys[0] == keys[1] == keys[2]


def test_steps_that_need_a_table_say_so(small_corpus):
    data = annotate(small_corpus, cache=False)
    with pytest.raises(InputError, match="needs the actors table"):
        _ = data.mentions


# ---------------------------------------------------------------- chunks, keys, corrupt files, lock, Dask
FRAMES = ("articles", "audit", "sentences", "mentions", "quotes", "tones", "topic_hits", "raw_mentions")


def _frames(data):
    return {name: data.frame(name) for name in FRAMES}


def _assert_same(left, right):
    for name in FRAMES:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    data = annotate(paths.CORPUS, paths.ACTORS, paths.TOPICS, cache_dir=tmp_path_factory.mktemp("whole"),
                    workers=1, stages=None)
    return _frames(data)


def test_chunks_in_a_process_pool_give_the_frames_of_one_pass(whole, tmp_path):
    data = annotate(paths.CORPUS, paths.ACTORS, paths.TOPICS, cache_dir=tmp_path, workers=2, chunk_size=2,
                    stages=None)
    assert data.chunks == 3 and len(list(data.store("sentences").folder.glob("part-*.parquet"))) == 3
    _assert_same(_frames(data), whole)
    assert len(whole["mentions"]) > 50 and len(whole["raw_mentions"]) >= len(whole["mentions"]) - 20


def test_a_new_topic_table_rebuilds_topic_hits_only(tmp_path):
    first = annotate(paths.CORPUS, paths.ACTORS, paths.TOPICS, cache_dir=tmp_path, workers=1, stages=None)
    assert set(first.timings) >= {"sentences", "mentions", "topic_hits"}
    topics = tmp_path / "topics.csv"
    topics.write_text(paths.TOPICS.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = annotate(paths.CORPUS, paths.ACTORS, topics, cache_dir=tmp_path, workers=1, stages=None)
    assert set(second.timings) == {"topic_hits"}
    assert second.store("mentions").folder == first.store("mentions").folder


def test_a_truncated_or_missing_cache_file_is_rebuilt(whole, tmp_path):
    annotate(paths.CORPUS, paths.ACTORS, paths.TOPICS, cache_dir=tmp_path, workers=1, stages=None)
    data = annotate(paths.CORPUS, paths.ACTORS, paths.TOPICS, cache_dir=tmp_path, workers=1)
    part = data.store("mentions").part(0)
    part.write_bytes(part.read_bytes()[:100])  # truncated
    (data.store("tones").folder / "_SUCCESS").unlink()  # interrupted before it finished
    again = annotate(paths.CORPUS, paths.ACTORS, paths.TOPICS, cache_dir=tmp_path, workers=1, stages=None)
    assert set(again.timings) == {"mentions", "tones"}  # only the broken stages; quotes stay cached
    _assert_same(_frames(again), whole)


def _annotate_in_child(cache_dir, queue):
    data = annotate(paths.CORPUS, paths.ACTORS, paths.TOPICS, cache_dir=cache_dir, workers=1, stages=None)
    queue.put(sorted(data.timings))


def test_two_processes_on_a_cold_cache_build_once(tmp_path):
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    children = [ctx.Process(target=_annotate_in_child, args=(tmp_path, queue)) for _ in range(2)]
    for child in children:
        child.start()
    built = sorted([queue.get(timeout=300), queue.get(timeout=300)], key=len)
    for child in children:
        child.join()
    assert built[0] == [] and "sentences" in built[1]  # the second waited on the lock, then only read


def test_whole_corpus_steps_are_cached_by_their_parameters(tmp_path):
    from lib.reuse import similar_sentences

    data = annotate(paths.CORPUS, paths.ACTORS, paths.TOPICS, cache_dir=tmp_path, workers=1)
    shared = data.shared_passages(threshold=0.2, top=10)
    pd.testing.assert_frame_equal(shared, similar_sentences(data.sentences, threshold=0.2, top=10),
                                  check_dtype=False)
    assert len(list(tmp_path.glob("shared_passages-*"))) == 1
    data.shared_passages(threshold=0.2, top=10)
    data.shared_passages(threshold=0.3, top=10)
    assert len(list(tmp_path.glob("shared_passages-*"))) == 2


def test_a_dask_cluster_writes_the_same_frames(whole, tmp_path):
    pytest.importorskip("distributed")
    data = annotate(paths.CORPUS, paths.ACTORS, paths.TOPICS, cache_dir=tmp_path, workers=2, chunk_size=2,
                    scheduler="local", stages=None)
    _assert_same(_frames(data), whole)
