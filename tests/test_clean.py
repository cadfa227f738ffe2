"""lib.clean: boilerplate rules on news-like text we wrote, metadata lifted, nothing lost silently."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.clean import AUDIT_COLUMNS, clean_articles, clean_text, fix_unicode, normalize_whitespace


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Zelenskyâ€™s office", "Zelensky’s office"),  # mojibake repaired
        ("“curly” stays", "“curly” stays"),  # curly quotes are kept
        ("Cafe\u0301", "Café"),  # NFC
    ],
)
def test_fix_unicode(raw, expected):
    assert fix_unicode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("  Kyiv\t\tsaid \u00a0 so  ", "Kyiv said so"),
        ("zero\u200bwidth", "zerowidth"),
    ],
)
def test_normalize_whitespace(raw, expected):
    assert normalize_whitespace(raw) == expected


def test_normalize_whitespace_turns_every_run_into_one_space():
    import random
    import re

    rng = random.Random(4)
    pool = ["a", "b", " ", "  ", "\t", "\u00a0", "\u2009", "\u3000", "\n", "\r\n", "\u200b", "."]
    for _ in range(2000):
        raw = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        spaced = re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ",
                        re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", raw.replace("\r\n", "\n")))
        assert normalize_whitespace(raw) == "\n".join(line.strip() for line in spaced.split("\n"))


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Monday, March 3, 2025", "date_line"),
        ("12 February 2025", "date_line"),
        ("Published: Jan. 9, 2025 at 10:42 a.m. EST", "date_line"),
        ("2025-04-05", "date_line"),
        ("By Anna Petrova", "byline"),
        ("By Anna Petrova and John McNeil", "byline"),
        ("By Anna Petrova, Reuters", "byline"),
        ("Home > World > Europe", "breadcrumb"),
        ("Read more:", "related_links"),
        ("RELATED ARTICLES", "related_links"),
        ("Related stories", "related_links"),
        ("Most Popular", "page_chrome"),
        ("Share this article", "page_chrome"),
        ("Subscribe to our newsletter for daily updates", "page_chrome"),
        ("Advertisement", "page_chrome"),
        ("© 2025 Example Media. All rights reserved.", "page_chrome"),
    ],
)
def test_boilerplate_lines_are_removed_and_audited(line, rule):
    text, removed, _ = clean_text(f"Talks opened in Geneva on Monday.\n{line}\nBoth sides spoke.")
    assert text == "Talks opened in Geneva on Monday.\nBoth sides spoke."
    assert removed == [(2, line, rule)]


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the week, the talks had stalled.",  # starts with "By", but is prose
        "Talks resumed on Monday, March 3, 2025, in Riyadh.",  # a date inside a sentence
        "Russia about sanctions",  # a sub-heading is content
        "- a dash that starts a normal line",  # a list item not after a link-list header
        "Share prices fell sharply after the announcement.",
        "Most popular among voters was the ceasefire plan.",
    ],
)
def test_prose_is_kept(line):
    text, removed, _ = clean_text(f"Talks opened in Geneva.\n{line}\nBoth sides spoke.")
    assert line in text.split("\n")
    assert removed == []


def test_breadcrumb_glued_to_title_and_metadata_lines():
    raw = (
        "Saturday, April 5, 2025\n"
        'HomeWorldEuropeEnvoy sees "progress" in Geneva talks\n\n'
        "Envoy sees “progress” in Geneva talks\n\n"
        "The envoy met officials on Friday.\n"
        "By Maria Lopez\n"
    )
    text, removed, meta = clean_text(raw)
    assert text == "Envoy sees “progress” in Geneva talks\nThe envoy met officials on Friday."
    assert [rule for _, _, rule in removed] == ["date_line", "breadcrumb", "byline"]
    assert meta == {"date": "2025-04-05", "author": "Maria Lopez", "title": "Envoy sees “progress” in Geneva talks"}


def test_repeated_title_and_link_list():
    raw = "Ceasefire talks stall\nCeasefire talks stall\nThe talks stalled.\nRead also\n- One\n- Two\nEnd."
    text, removed, _ = clean_text(raw)
    assert text == "Ceasefire talks stall\nThe talks stalled.\nEnd."
    assert [(n, rule) for n, _, rule in removed] == [
        (2, "repeated_title"), (4, "related_links"), (5, "related_links"), (6, "related_links")]


def test_no_title_when_first_line_is_a_sentence():
    _, _, meta = clean_text("Russia said on Monday it would talk.\nMore text.")
    assert meta["title"] == ""


def test_every_removed_line_is_in_the_audit_and_nothing_else_is_lost():
    raw = "Title of story here\nBy A Writer\nPara one.\nRead more:\n- x\n- y\nMost Popular\nPara two."
    text, removed, _ = clean_text(raw)
    kept, gone = text.split("\n"), [line for _, line, _ in removed]
    assert sorted(kept + gone) == sorted(line for line in raw.split("\n") if line)


def test_clean_articles_keeps_sidecar_metadata_and_input(bundled_articles):
    frame = pd.DataFrame([{"doc_id": "d1", "title": "Sidecar title", "date": "", "author": "", "outlet": "",
                           "text": "Short headline here\nBy Jo Bloggs\nBody text.\n"}])
    before = frame.copy()
    cleaned, audit = clean_articles(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert cleaned.loc[0, "title"] == "Sidecar title"  # sidecar wins
    assert cleaned.loc[0, "author"] == "Jo Bloggs"  # blank field filled from the byline
    assert list(audit.columns) == AUDIT_COLUMNS
    assert audit.to_dict("records") == [{"doc_id": "d1", "line_no": 2, "line": "By Jo Bloggs", "rule": "byline"}]


def test_bundled_corpus_boilerplate(bundled_articles):
    articles, audit = bundled_articles
    by_doc = audit.groupby("doc_id")["rule"].apply(list).to_dict()
    assert by_doc == {
        "000_da2076b450a66fac": ["related_links"] * 4,
        "001_1a873a9b7cb4f533": ["date_line", "breadcrumb", "related_links", "page_chrome"],
        "002_219828e929a4978d": ["byline"],
    }
    texts = dict(zip(articles["doc_id"], articles["text"]))
    assert "Read more" not in texts["000_da2076b450a66fac"]
    assert texts["001_1a873a9b7cb4f533"].startswith("Top Russian official Dmitriev sees “positive dynamic”")
    assert "Most Popular" not in texts["001_1a873a9b7cb4f533"]
    assert all("\n\n" not in t for t in texts.values())
