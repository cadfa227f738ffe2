"""lib.pipeline on a streamed corpus: the raw stage is written once, workers read it, Annotated keeps a summary."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from lib import paths
from lib.clean import clean_articles
from lib.corpus import load_corpus, loading_notes
from lib.pipeline import annotate


def _roundtrip(frame: pd.DataFrame) -> pd.DataFrame:
    buffer = io.BytesIO()
    frame.reset_index(drop=True).to_parquet(buffer, index=False)
    return pd.read_parquet(buffer)


@pytest.fixture()
def table(tmp_path):
    texts = ["Vladimir Putin met Steve Witkoff in Moscow.", "Zelensky said Ukraine needs guarantees.",
             "Vladimir Putin met Steve Witkoff in Moscow.", "The Kremlin said talks went well."]
    rows = [{"id": f"k{9 - i}", "outlet": ["nytimes.com", "The New York Times"][i % 2], "date": f"2025-03-0{i + 1}",
             "text": text} for i, text in enumerate(texts)]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_the_raw_stage_is_the_loaded_corpus_and_annotated_keeps_only_a_summary(table, tmp_path):
    data = annotate(table, paths.ACTORS, cache_dir=tmp_path / "cache", chunk_size=1, workers=2, stages=None)
    loaded = load_corpus(table)
    assert not hasattr(data, "_raw") and data.chunks == 3 == len(list(data.store("raw").folder.glob("part-*")))
    pd.testing.assert_frame_equal(data.store("raw").read(), _roundtrip(loaded))
    pd.testing.assert_frame_equal(data.articles, _roundtrip(clean_articles(loaded)[0]))
    assert data.load_notes == loaded.attrs and data.skipped == []
    assert loading_notes(data.load_notes)["duplicates"].to_dict("records") == [{"doc_id": "k9",
                                                                              "duplicate_of": "k7"}]


def test_a_warm_run_reads_the_summary_not_the_corpus(table, tmp_path, monkeypatch):
    import lib.stages

    first = annotate(table, cache_dir=tmp_path, stages=("articles",))
    assert first.load_seconds > 0

    def refuse(*args, **kwargs):
        raise AssertionError("the corpus was read again")

    monkeypatch.setattr(lib.stages, "read_chunks", refuse)
    again = annotate(table, cache_dir=tmp_path, stages=("articles",))
    assert again.load_seconds == 0 and again.load_notes == first.load_notes and again.chunks == first.chunks
    pd.testing.assert_frame_equal(again.articles, first.articles)


@pytest.mark.parametrize("damage", ["truncated part", "garbage _SUCCESS", "no summary"])
def test_a_broken_raw_stage_is_read_again(table, tmp_path, damage):
    first = annotate(table, cache_dir=tmp_path, chunk_size=2, stages=("articles",))
    store = first.store("raw")
    if damage == "truncated part":
        store.part(1).write_bytes(store.part(1).read_bytes()[:50])
    elif damage == "garbage _SUCCESS":
        (store.folder / "_SUCCESS").write_text('{"parts": 2, "summ')
    else:
        (store.folder / "_SUCCESS").write_text('{"parts": 2}')
    again = annotate(table, cache_dir=tmp_path, chunk_size=2, stages=("articles",))
    assert again.load_seconds > 0 and again.load_notes == first.load_notes
    pd.testing.assert_frame_equal(again.articles, first.articles)


def test_a_changed_row_changes_the_raw_key(table, tmp_path):
    before = annotate(table, cache_dir=tmp_path).store("raw").folder
    table.write_text(table.read_text(encoding="utf-8").replace("talks went well", "talks failed"), encoding="utf-8")
    assert annotate(table, cache_dir=tmp_path).store("raw").folder != before


def _damage_inside(part) -> None:
    """Overwrite the middle of a Parquet file, footer intact: it passes the completeness check, fails to read."""
    data = bytearray(part.read_bytes())
    data[8:len(data) // 2] = b"A" * (len(data) // 2 - 8)
    part.write_bytes(bytes(data))


@pytest.mark.parametrize("stage", ["raw", "sentences", "collocations"])
def test_a_part_damaged_inside_is_rebuilt_not_fatal(table, tmp_path, stage):
    first = annotate(table, paths.ACTORS, cache_dir=tmp_path, chunk_size=2, stages=None)
    frames = {name: first.frame(name) for name in ("articles", "sentences", "mentions")}
    collocations = first.collocations(min_count=1)
    folder = next(tmp_path.glob(f"{stage}-*")) if stage == "collocations" else first.store(stage).folder
    _damage_inside(folder / "part-00000.parquet")
    reader = {"raw": "articles", "sentences": "mentions"}.get(stage)
    if reader:
        first.store(reader).reset()  # a worker must read the damaged part to build this stage again
    again = annotate(table, paths.ACTORS, cache_dir=tmp_path, chunk_size=2)
    for name in sorted(frames, key=lambda n: n != reader):  # the stage that reads the damaged part first
        pd.testing.assert_frame_equal(again.frame(name), frames[name])
    assert set(again.timings) >= ({reader, stage} - {"raw"} if reader else set())
    assert (again.load_seconds > 0) == (stage == "raw")  # the corpus is read again only for a damaged raw part
    pd.testing.assert_frame_equal(again.collocations(min_count=1), collocations)


def test_progress_shows_reading_and_one_bar_per_stage(table, tmp_path, capsys):
    annotate(table, paths.ACTORS, cache_dir=tmp_path, chunk_size=2, workers=1, progress=True, stages=None)
    shown = capsys.readouterr().err
    for label in ("read corpus", "raw", "articles", "sentences", "mentions", "quotes", "tones", "raw_mentions"):
        assert f"annotate: {label}" in shown, label
    assert "4 articles" in shown and "2/2" in shown  # four read (a duplicate is dropped after), two chunks a stage
