"""lib.corpus on corpora as users have them: nested folders, table formats, odd bytes, links, broken files."""

from __future__ import annotations

import io
import json
import os
import random
import time
import zipfile

import pandas as pd
import pytest

from lib.corpus import check_corpus, load_corpus, loading_notes, normalise_outlets, parse_dates
from lib.corpus.walk import Entry
from lib.errors import InputError

TEXTS = [
    "The Chancellor set out a budget on Wednesday. Markets rose.",
    "The striker scored twice as the league leaders won again.",
    "Flooding closed roads across the county after a night of rain.",
    "The council voted to build four hundred new homes by 2027.",
]


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def table_bytes(kind: str) -> bytes:
    frame = pd.DataFrame({"ID": ["a1", "a2"], "source": ["thehuffingtonpost", "The Huffington Post"],
                          "date": ["2020-01-02T23:30:00-05:00", "3 March 2019"], "text": TEXTS[:2],
                          "leaning": ["left", "left"]})
    if kind == "tsv":
        return frame.to_csv(sep="\t", index=False).encode()
    if kind == "json":
        return json.dumps(frame.to_dict("records")).encode()
    if kind == "jsonl":
        return "\n".join(json.dumps(r) for r in frame.to_dict("records")).encode()
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["tsv", "json", "jsonl", "parquet"])
def test_tables_with_usual_column_names_keep_every_column(tmp_path, kind):
    articles = load_corpus(write(tmp_path, f"news.{kind}", table_bytes(kind)))
    assert list(articles["doc_id"]) == ["a1", "a2"]
    assert list(articles["outlet"]) == ["The Huffington Post"] * 2  # two spellings, one outlet
    assert list(articles["date"]) == ["2020-01-02", "2019-03-03"]  # local day, time zone dropped
    assert list(articles["leaning"]) == ["left", "left"]  # an extra column is kept as metadata
    assert articles.attrs["outlets"] == [("The Huffington Post", "The Huffington Post", 1),
                                         ("thehuffingtonpost", "The Huffington Post", 1)]


def test_zip_of_a_nested_folder_and_a_table(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("politics/001.txt", TEXTS[0])
        zf.writestr("sport/001.txt", TEXTS[1])
        zf.writestr("more.csv", f"id,body\nx9,{TEXTS[2]}\n")
        zf.writestr("__MACOSX/._001.txt", b"\x00\x05")
    articles = load_corpus(write(tmp_path, "news.zip", buffer.getvalue()))
    assert list(articles["doc_id"]) == ["politics/001", "sport/001", "x9"]
    assert list(articles["section"]) == ["politics", "sport", ""]
    assert check_corpus(tmp_path / "news.zip") == {"kind": "zip", "articles": 3, "skipped": 0}


def test_zip_of_one_folder_names_articles_below_it(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("bbc/politics/001.txt", TEXTS[0])
        zf.writestr("bbc/sport/001.txt", TEXTS[1])
    articles = load_corpus(write(tmp_path, "bbc.zip", buffer.getvalue()))
    assert list(articles["doc_id"]) == ["politics/001", "sport/001"]
    assert list(articles["section"]) == ["politics", "sport"]


def test_nested_folder_with_repeated_stems_latin1_and_a_duplicate(tmp_path):
    write(tmp_path, "politics/001.txt", TEXTS[0])
    write(tmp_path, "business/001.txt", TEXTS[0] + "\n")  # the same text again: kept once, listed
    write(tmp_path, "sport/001.txt", "Le club de Genève a gagné à domicile.".encode("latin-1"))
    articles = load_corpus(tmp_path)
    assert list(articles["doc_id"]) == ["business/001", "sport/001"]
    assert list(articles["section"]) == ["business", "sport"]
    assert articles.loc[1, "text"] == "Le club de Genève a gagné à domicile."
    assert articles.attrs["duplicates"] == [("politics/001", "business/001")]
    assert loading_notes(articles.attrs)["duplicates"].to_dict("records") == [
        {"doc_id": "politics/001", "duplicate_of": "business/001"}]


def link_outside(d):
    outside = write(d.parent, f"{d.name}_secret.txt", "A private file outside the corpus.")
    os.symlink(outside, d / "leak.txt")
    return "leak.txt", "outside the corpus folder"


def link_dangling(d):
    os.symlink(d / "gone.txt", d / "dangling.txt")
    return "dangling.txt", "dangling"


def link_loop(d):
    (d / "sub").mkdir()
    os.symlink(d, d / "sub" / "back")
    return "sub/back", "loop"


def link_self(d):
    os.symlink(d / "self.txt", d / "self.txt")
    return "self.txt", "loop"


@pytest.mark.parametrize("make_link", [link_outside, link_dangling, link_loop, link_self])
def test_symlinks_never_leave_the_corpus_and_are_listed(tmp_path, make_link):
    corpus = tmp_path / "corpus"
    write(corpus, "good.txt", TEXTS[0])
    os.symlink(corpus / "good.txt", corpus / "alias.txt")  # inside the corpus: followed (then a duplicate)
    name, reason = make_link(corpus)
    articles = load_corpus(corpus, errors="skip")
    assert list(articles["doc_id"]) == ["alias"]
    assert articles.attrs["duplicates"] == [("good", "alias")]
    assert any(f == name and reason in r for f, r in articles.attrs["skipped"]), articles.attrs["skipped"]
    assert "private" not in " ".join(articles["text"])
    with pytest.raises(InputError, match=reason):
        load_corpus(corpus)


def test_any_os_error_on_one_file_is_a_skipped_file(tmp_path, monkeypatch):
    write(tmp_path, "good.txt", TEXTS[0])
    write(tmp_path, "locked.txt", TEXTS[1])
    real_read = Entry.read

    def read(self):  # tests run as root, where chmod 000 does not stop reading
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Entry, "read", read)
    articles = load_corpus(tmp_path, errors="skip")
    assert list(articles["doc_id"]) == ["good"]
    assert articles.attrs["skipped"] == [("locked.txt", "cannot be read: Permission denied")]
    with pytest.raises(InputError, match="locked.txt cannot be read: Permission denied"):
        load_corpus(tmp_path)


def test_random_high_bytes_are_gibberish_not_an_article(tmp_path):
    rng = random.Random(0)
    write(tmp_path, "good.txt", TEXTS[0])
    write(tmp_path, "noise.txt", bytes(rng.randrange(128, 256) for _ in range(100_000)))
    articles = load_corpus(tmp_path, errors="skip")
    assert list(articles["doc_id"]) == ["good"]
    assert articles.attrs["skipped"][0][0] == "noise.txt"
    assert "random characters" in articles.attrs["skipped"][0][1]


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ("", ""),  # only the footer has a year: no date is invented
        ('<meta property="article:published_time" content="2024-05-03T10:00:00+02:00">', "2024-05-03"),
    ],
)
def test_html_dates_come_from_metadata_not_the_copyright_footer(tmp_path, head, date):
    body = " ".join(["Negotiators met in Washington on Wednesday to discuss the harbour plan."] * 6)
    page = (f"<html><head><title>Harbour plan</title>{head}</head><body><article><h1>Harbour plan</h1>"
            f"<p>{body}</p></article><footer>© 2025 Example News. All rights reserved.</footer></body></html>")
    write(tmp_path, "page.html", page)
    assert load_corpus(tmp_path).loc[0, "date"] == date


def test_malformed_csv_row_is_named_by_its_line(tmp_path):
    csv_text = 'id,text\n1,"A quoted text\nover two lines"\n2,one,two\n'
    with pytest.raises(InputError, match="line 4 has 3 fields where the header has 2"):
        load_corpus(write(tmp_path, "news.csv", csv_text))


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing", "not found.*a corpus is a folder of .txt/.html files"),
        (lambda d: write(d, "news.xlsx", b"PK"), "Cannot read news.xlsx: a corpus is a folder"),
        (lambda d: write(d, "news.json", '{"text": "one record"}'), "JSON list of records"),
        (lambda d: write(d, "news.zip", b"not a zip"), "not a readable zip"),
        (lambda d: write(d, "news.tsv", "id\tbody\n1\tText\n"), None),
        (lambda d: write(d, "news.csv", "id,words\n1,Text\n"), "no text column"),
        (lambda d: write(d, "notes/readme.md", "notes").parent.parent, "No articles found"),
    ],
)
def test_check_corpus_is_quick_and_says_what_is_accepted(tmp_path, setup, message):
    target = setup(tmp_path)
    start = time.perf_counter()
    if message is None:
        assert check_corpus(target)["articles"] == 1
    else:
        with pytest.raises(InputError, match=message):
            check_corpus(target)
    assert time.perf_counter() - start < 3


def test_check_corpus_uses_the_column_mapping(tmp_path):
    target = write(tmp_path, "news.csv", "key,story\nk1,Text\n")
    assert check_corpus(target, columns="text=story")["articles"] == 1
    with pytest.raises(InputError, match="no column 'body'"):
        check_corpus(target, columns="text=body")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["The Guardian", "Guardian", "guardian"], ["The Guardian"] * 3),
        (["www.foxnews.com", "https://foxnews.com/politics", "Fox  News"], ["Fox  News"] * 3),
        (["BBC News", "bbc.co.uk", ""], ["BBC News", "bbc.co.uk", ""]),  # different keys stay apart
        (["USA TODAY", "usatoday.com", "USA Today"], ["USA Today"] * 3),
    ],
)
def test_outlet_spellings_are_merged(names, expected):
    assert normalise_outlets(names)[0] == expected


def test_dates_are_days_and_failures_are_counted(tmp_path):
    days, failed = parse_dates(["2016-01-01", "Tue, 05 Jan 2016 10:00:00 GMT", "2016-13-45", "", "yesterday"])
    assert days == ["2016-01-01", "2016-01-05", "", "", ""]
    assert failed == ["2016-13-45", "yesterday"]
    csv_text = f"id,date,text\n1,yesterday,{TEXTS[0]}\n2,2020-02-03,{TEXTS[1]}\n"
    articles = load_corpus(write(tmp_path, "c.csv", csv_text))
    assert articles.attrs["unparsed_dates"] == [("1", "yesterday")]


def executed_text(path) -> str:
    """Every text output of an executed notebook, as one string."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    parts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def test_notebook_00_shows_what_the_loader_did_on_a_nested_folder_and_a_synonym_tsv(tmp_path):
    from lib import paths, report

    nested = tmp_path / "nested"
    write(nested, "politics/001.txt", TEXTS[0])
    write(nested, "sport/001.txt", TEXTS[1])
    write(nested, "sport/002.txt", TEXTS[1])  # duplicate text
    write(nested, "local/001.txt", "Le conseil a voté à Genève pour quatre cents logements.".encode("latin-1"))
    rows = ["ID\tsource\tdate\ttext"] + [f"n{i}\t{o}\t2020-01-0{i + 1}\t{t}" for i, (o, t) in
                                         enumerate(zip(["thehuffingtonpost", "The Huffington Post", "Reuters"], TEXTS))]
    tsv = write(tmp_path, "news.tsv", "\n".join(rows) + "\n")
    notebook = paths.NOTEBOOKS / "00_corpus_overview.ipynb"
    for corpus, expected in [(nested, ["sport/002", "sport/001", "local/001", "cp1252"]),
                             (tsv, ["thehuffingtonpost", "The Huffington Post", "n2", "Reuters"])]:
        out = tmp_path / f"out_{corpus.name}"
        result = report.run_all([notebook], {notebook: {"corpus": str(corpus)}}, out, jobs=1, progress=False)[0]
        assert result.status == "ok", result.error
        overview = executed_text(out / "00_corpus_overview.ipynb")
        assert all(value in overview for value in expected), overview
