"""lib.corpus: every input shape a user may bring, and every way it can be wrong."""

from __future__ import annotations

import hashlib
import json

import pytest

from lib import paths
from lib.corpus import COLUMNS, corpus_checksum, decode_bytes, load_corpus
from lib.errors import InputError

ARTICLE = "Kyiv said talks would resume.\nThe Kremlin’s spokesman declined to comment.\n"


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_bundled_corpus_loads_with_metadata_and_checksums():
    articles = load_corpus(paths.CORPUS)
    assert list(articles.columns) == COLUMNS
    assert len(articles) == 5
    assert list(articles["doc_id"]) == sorted(p.stem for p in paths.CORPUS.glob("*.txt"))
    first = articles.iloc[0]
    assert first["raw_sha256"] == hashlib.sha256((paths.CORPUS / f"{first['doc_id']}.txt").read_bytes()).hexdigest()
    assert set(articles["encoding"]) == {"utf-8"}
    assert len(corpus_checksum(articles)) == 64


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        ("Zelensky’s plan".encode(), "utf-8", "Zelensky’s plan"),
        (b"\xef\xbb\xbf" + "Zelensky’s plan".encode(), "utf-8-sig", "Zelensky’s plan"),
        ("Zelensky’s plan".encode("cp1252"), "cp1252", "Zelensky’s plan"),
        ("Moskva, Genève".encode("latin-1"), "cp1252", "Moskva, Genève"),
        ("Kyiv talks".encode("utf-16"), "utf-16", "Kyiv talks"),
        (b"caf\xe9 \x81", "latin-1", "café \x81"),
    ],
)
def test_decode_detects_encoding(data, encoding, expected):
    assert decode_bytes(data) == (expected, encoding)


def test_folder_recurses_and_names_sections(tmp_path):
    write(tmp_path, "europe/a1.txt", ARTICLE)
    write(tmp_path, "usa/b2.txt", ("Washington: " + ARTICLE).encode("cp1252"))
    write(tmp_path, "notes.md", "not an article")
    articles = load_corpus(tmp_path)
    assert list(articles["doc_id"]) == ["europe/a1", "usa/b2"]  # doc_id: the path without extension
    assert list(articles["section"]) == ["europe", "usa"]
    assert list(articles["encoding"]) == ["utf-8", "cp1252"]
    assert articles.loc[1, "text"].startswith("Washington: Kyiv said")


def test_order_is_deterministic(tmp_path):
    for name in ["c.txt", "a.txt", "b.txt"]:
        write(tmp_path, name, f"{name}: {ARTICLE}")
    assert list(load_corpus(tmp_path)["doc_id"]) == ["a", "b", "c"]


def test_sidecar_metadata_is_merged(tmp_path):
    corpus = tmp_path / "news"
    write(corpus, "a1.txt", ARTICLE)
    write(tmp_path, "news.csv", "doc_id,title,outlet\na1,Talks resume,Example Post\n")
    row = load_corpus(corpus).iloc[0]
    assert (row["title"], row["outlet"], row["author"]) == ("Talks resume", "Example Post", "")


def test_csv_and_jsonl_corpora(tmp_path):
    write(tmp_path, "c.csv", 'doc_id,text,outlet\nx1,"Putin spoke, Kyiv listened.",Daily\n')
    lines = [json.dumps({"text": "Talks in Riyadh.", "date": "2025-03-01"}), "", json.dumps({"text": "More."})]
    write(tmp_path, "c.jsonl", "\n".join(lines))
    csv = load_corpus(tmp_path / "c.csv")
    assert (csv.loc[0, "doc_id"], csv.loc[0, "outlet"]) == ("x1", "Daily")
    jsonl = load_corpus(tmp_path / "c.jsonl")
    assert list(jsonl["doc_id"]) == ["c_0", "c_1"]
    assert jsonl.loc[0, "date"] == "2025-03-01"


def test_html_page_main_text_is_extracted(tmp_path):
    body = " ".join(["Negotiators met in Washington on Wednesday to discuss a ceasefire."] * 6)
    page = (f"<html><head><title>Talks resume</title></head><body><nav>Home World Europe</nav>"
            f"<article><h1>Talks resume</h1><p>{body}</p><p>{body}</p></article>"
            f"<footer>Subscribe to our newsletter</footer></body></html>")
    write(tmp_path, "page.html", page)
    row = load_corpus(tmp_path).iloc[0]
    assert "Negotiators met in Washington" in row["text"]
    assert "<p>" not in row["text"] and "Subscribe" not in row["text"]
    assert row["title"] == "Talks resume"
    assert row["encoding"] == "utf-8+html"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing", "not found"),
        (lambda d: d, "No articles found"),
        (lambda d: write(d, "empty.txt", b""), "empty"),
        (lambda d: write(d, "blank.txt", "  \n\n "), "no text"),
        (lambda d: write(d, "image.txt", bytes(range(256)) * 4), "binary"),
        (lambda d: write(d, "t.csv", "doc_id,words\n1,Hello\n"), "no text column: expected one of text, body"),
        (lambda d: write(d, "t.jsonl", '{"text": "ok"}\n{broken\n'), "line 2 is not valid JSON"),
        (lambda d: write(d, "t.csv", 'text\n""\n'), "empty text"),
        (lambda d: write(d, "data.xlsx", b"PK"), "a corpus is a folder"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path, setup, message):
    target = setup(tmp_path)
    with pytest.raises(InputError, match=message):
        load_corpus(target)


def test_huge_file_is_refused_with_the_limit(tmp_path):
    big = write(tmp_path, "big.txt", b"word " * (10 * 1024 * 1024))  # 50 MB
    with pytest.raises(InputError, match=r"50\.0 MB, over the 20 MB limit"):
        load_corpus(tmp_path)
    assert big.stat().st_size == 50 * 1024 * 1024  # untouched


def test_skip_mode_keeps_going_and_lists_what_it_left_out(tmp_path):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "bad.txt", b"\x00\x01\x02" * 100)
    articles = load_corpus(tmp_path, errors="skip")
    assert list(articles["doc_id"]) == ["good"]
    assert articles.attrs["skipped"][0][0] == "bad.txt"
    assert "binary" in articles.attrs["skipped"][0][1]


def test_duplicate_doc_ids_are_refused(tmp_path):
    write(tmp_path, "a/x.txt", ARTICLE)
    write(tmp_path, "a/x.html", "<html><body><p>" + " ".join([ARTICLE] * 5) + "</p></body></html>")
    with pytest.raises(InputError, match="Duplicate doc_id 'a/x'"):
        load_corpus(tmp_path)


def test_sidecar_with_unknown_doc_ids_is_refused(tmp_path):
    corpus = tmp_path / "news"
    write(corpus, "a1.txt", ARTICLE)
    write(tmp_path, "news.csv", "doc_id,title\na1,T\nzz9,Ghost\n")
    with pytest.raises(InputError, match="zz9"):
        load_corpus(corpus)


def test_raw_files_are_never_modified(tmp_path):
    files = [write(tmp_path, "a.txt", "\ufeffBy Jane Roe\r\nKyiv said.\r\n"), write(tmp_path, "b.txt", b"caf\xe9")]
    before = {f: f.read_bytes() for f in files}
    from lib.clean import clean_articles

    clean_articles(load_corpus(tmp_path))
    assert {f: f.read_bytes() for f in files} == before


def test_explicit_column_mapping(tmp_path):
    write(tmp_path, "c.csv", 'key,body,paper\nk1,"Talks in Riyadh resumed.",Daily\n')
    row = load_corpus(tmp_path / "c.csv", columns="doc_id=key, text:body,outlet=paper").iloc[0]
    assert (row["doc_id"], row["text"], row["outlet"]) == ("k1", "Talks in Riyadh resumed.", "Daily")
    with pytest.raises(InputError, match="no column 'words'"):
        load_corpus(tmp_path / "c.csv", columns="text=words")
    with pytest.raises(InputError, match="field=column pairs"):
        load_corpus(tmp_path / "c.csv", columns="body")
