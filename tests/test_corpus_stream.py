"""lib.corpus.read_chunks: the corpus in chunks, end to end the frame load_corpus gives, for every format."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest

from lib import paths
from lib.corpus import load_corpus, read_chunks
from lib.corpus.walk import Entry
from lib.errors import InputError

TEXTS = [
    "The Chancellor set out a budget on Wednesday. Markets rose.",
    "The striker scored twice as the league leaders won again.",
    "Flooding closed roads across the county after a night of rain.",
    "The council voted to build four hundred new homes by 2027.",
    "Le club de Genève a gagné à domicile.",
]
# ids out of order, a duplicate text far from its first copy, outlet spellings, good and bad dates, extras
RECORDS = [
    {"ID": f"n{(7 * i) % 11:02d}", "source": ["thehuffingtonpost", "The Huffington Post", "Reuters", ""][i % 4],
     "date": ["2020-01-02T23:30:00-05:00", "3 March 2019", "yesterday", ""][i % 3], "text": TEXTS[i % 5] + f" ({i})",
     "leaning": ["left", "right"][i % 2]}
    for i in range(11)
]
RECORDS[9]["text"] = "  " + RECORDS[1]["text"] + "\n"  # the same text again (blanks around it), kept once
RECORDS[4]["extra_only_here"] = "x"  # a column only one record has (JSON formats)


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def table_bytes(kind: str) -> bytes:
    if kind == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS).encode("utf-8")
    if kind == "json":
        return json.dumps(RECORDS).encode("utf-8")
    frame = pd.DataFrame(RECORDS).drop(columns="extra_only_here")
    if kind in ("csv", "tsv"):
        return frame.to_csv(sep="\t" if kind == "tsv" else ",", index=False).encode("cp1252")
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def folder_corpus(tmp_path):
    root = tmp_path / "nested"
    for i, text in enumerate(TEXTS):
        write(root, f"{['politics', 'sport', 'business'][i % 3]}/{i:03d}.txt", text)
    write(root, "sport/900.txt", TEXTS[0] + "\n")  # duplicate of politics/000, read later, sorted earlier
    write(root, "z/page.html", "<html><head><title>Harbour plan</title></head><body><article><p>"
          + " ".join(["Negotiators met in Washington on Wednesday to discuss the harbour plan."] * 5)
          + "</p></article></body></html>")
    write(root, "business/notes.bin", b"\x00\x01")  # skipped, listed
    write(tmp_path, "nested.csv", "doc_id,outlet,leaning\npolitics/000,bbc.co.uk,centre\nsport/001,,left\n")
    return root


def zip_corpus(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("politics/001.txt", TEXTS[0])
        zf.writestr("sport/001.txt", TEXTS[1])
        zf.writestr("more.jsonl", table_bytes("jsonl"))
        zf.writestr("rows.csv", "id,body\nx9,Rain again.\nx8,\n")  # an empty text row: skipped, listed
        zf.writestr("table.parquet", table_bytes("parquet").replace(b"n0", b"p0"))  # other ids, same length
    return write(tmp_path, "news.zip", buffer.getvalue())


CORPORA = {
    **{kind: (lambda tmp, kind=kind: write(tmp, f"news.{kind}", table_bytes(kind)))
       for kind in ("jsonl", "json", "csv", "tsv", "parquet")},
    "folder": folder_corpus,
    "zip": zip_corpus,
}


def streamed(path, chunk_size, **options):
    with read_chunks(path, chunk_size=chunk_size, **options) as chunks:
        frames = list(chunks)
        assert len(frames) == len(chunks)
        assert all(len(f) == chunk_size for f in frames[:-1]) and 0 < len(frames[-1]) <= chunk_size
        return pd.concat(frames, ignore_index=True), chunks.summary


@pytest.mark.parametrize("kind", sorted(CORPORA))
@pytest.mark.parametrize("chunk_size", [1, 3, 1000])
def test_chunks_end_to_end_are_the_loaded_frame(tmp_path, kind, chunk_size):
    path = CORPORA[kind](tmp_path)
    loaded = load_corpus(path, errors="skip")
    frame, summary = streamed(path, chunk_size, errors="skip")
    pd.testing.assert_frame_equal(frame, loaded)
    assert summary.attrs() == loaded.attrs
    assert summary.articles == len(loaded) and summary.columns == list(loaded.columns)


def test_duplicates_across_chunks_outlets_and_dates_are_decided_for_the_whole_corpus(tmp_path):
    frame, summary = streamed(CORPORA["jsonl"](tmp_path), 2)
    assert summary.duplicates == [("n08", "n07")]  # n08 (record 9) repeats n07 (record 1), three chunks apart
    assert "n08" not in set(frame["doc_id"]) and frame["doc_id"].is_monotonic_increasing
    assert set(frame["outlet"]) == {"The Huffington Post", "Reuters", ""}
    assert ("n01", "yesterday") in summary.unparsed_dates
    assert frame.loc[frame["doc_id"] == "n06", "extra_only_here"].item() == "x"


def test_a_sidecar_and_skipped_files_are_kept(tmp_path):
    frame, summary = streamed(folder_corpus(tmp_path), 2, errors="skip")
    assert frame.set_index("doc_id").loc["politics/000", ["outlet", "leaning"]].tolist() == ["bbc.co.uk", "centre"]
    assert summary.skipped[0][0] == "business/notes.bin"
    assert summary.duplicates == [("sport/900", "politics/000")]


def test_the_bundled_corpus_streams_to_the_same_frame():
    frame, summary = streamed(paths.CORPUS, 2)
    pd.testing.assert_frame_equal(frame, load_corpus(paths.CORPUS))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bad.jsonl", '{"text": "ok"}\n{"text": \n', "line 2 is not valid JSON"),
        ("bad.csv", 'id,text\n1,"A quoted text\nover two lines"\n2,one,two\n', "line 4 has 3 fields"),
        ("bad.parquet", b"PAR1 not really", "not a readable Parquet file"),
        ("empty.csv", "id,text\n", "has no rows"),
        ("bin.jsonl", b"\x00\x01\x02" * 10, "looks binary"),
        ("blank.jsonl", '{"text": "ok"}\n{"text": " "}\n', "row 2 has an empty text"),
        ("list.json", '{"text": "one record"}', "JSON list of records"),
        ("comma.json", "[{\"text\": \"a\"},]", "line 1 is not valid JSON"),
        ("shape.json", "[{\"text\": \"a\"}, 3]", "record 2 is not a JSON object"),
    ],
)
def test_broken_tables_get_the_loaders_error(tmp_path, name, data, message):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError, match=message) as loaded:
        load_corpus(path)
    with pytest.raises(InputError, match=message) as streamed_error:
        read_chunks(path)
    assert str(streamed_error.value) == str(loaded.value)


def test_a_large_table_is_never_read_whole(tmp_path, monkeypatch):
    path = write(tmp_path, "news.jsonl", table_bytes("jsonl"))

    def refuse(self):
        raise AssertionError(f"{self.name} read whole")

    monkeypatch.setattr(Entry, "read", refuse)
    frame, _ = streamed(path, 4)
    assert len(frame) == 10


def test_encodings_are_found_as_the_loader_finds_them(tmp_path):
    cases = {"bom.csv": b"\xef\xbb\xbfid,text\n1,caf\xc3\xa9\n", "cp.csv": b"id,text\n1,caf\xe9\n",
             "u16.jsonl": '{"text": "café"}\n'.encode("utf-16")}
    for name, data in cases.items():
        path = write(tmp_path, name, data)
        frame, _ = streamed(path, 1)
        pd.testing.assert_frame_equal(frame, load_corpus(path))
        assert frame.loc[0, "text"] == "café"


def test_zip_members_are_unpacked_when_needed_not_held(tmp_path):
    from lib.corpus.load import _entries

    entries, _ = _entries(zip_corpus(tmp_path), "zip", max_file_mb=20, lazy=True)
    assert entries and all(e.data is None and e.member for e in entries)
    assert {e.name: e.size() for e in entries}["politics/001.txt"] == len(TEXTS[0])


def test_a_json_list_is_read_record_by_record(tmp_path, monkeypatch):
    import lib.corpus.records

    monkeypatch.setattr(lib.corpus.records, "BLOCK", 7)  # records cut across many reads
    path = write(tmp_path, "news.json", json.dumps(RECORDS, indent=2, ensure_ascii=False))
    loaded = load_corpus(path)
    monkeypatch.setattr(Entry, "read", lambda self: (_ for _ in ()).throw(AssertionError("read whole")))
    frame, _ = streamed(path, 3)
    pd.testing.assert_frame_equal(frame, loaded)


@pytest.mark.parametrize("window", [1, 4, 10_000])
def test_windows_of_parked_rows_give_the_same_chunks(tmp_path, monkeypatch, window):
    import lib.corpus.stream

    monkeypatch.setattr(lib.corpus.stream, "WINDOW", window)
    path = CORPORA["jsonl"](tmp_path)
    frame, _ = streamed(path, 3)
    pd.testing.assert_frame_equal(frame, load_corpus(path))
