"""lib.paths: project locations and which topic lexicon "auto" means."""

from __future__ import annotations

import pytest

from lib import paths


@pytest.mark.parametrize(
    ("topics", "corpus", "expected"),
    [
        ("auto", "data/corpus", paths.TOPICS),
        ("auto", paths.CORPUS, paths.TOPICS),
        ("AUTO", "data/corpus/", paths.TOPICS),
        ("auto", "/srv/news/uk_politics.tsv", paths.TOPICS_GENERAL),
        ("auto", "data", paths.TOPICS_GENERAL),
        ("data/topics.csv", "/srv/news", paths.TOPICS),
        ("mine.csv", "data/corpus", paths.ROOT / "mine.csv"),
    ],
)
def test_auto_topics_means_the_story_lexicon_only_for_the_bundled_corpus(topics, corpus, expected):
    assert paths.topic_lexicon(topics, corpus=corpus) == expected


def test_general_lexicon_covers_the_usual_beats_with_descriptions():
    from lib.topics import load_topics, topic_descriptions

    table = load_topics(paths.TOPICS_GENERAL)
    names = set(table["topic"])
    beats = {"politics_government", "economy", "business_finance", "crime_justice", "health", "environment_climate",
             "energy", "immigration", "defence_security", "international_affairs", "science_technology",
             "education", "culture_entertainment", "sport"}
    assert beats <= names
    descriptions = topic_descriptions(table)
    assert len(descriptions) == len(names)
    assert descriptions["description"].str.len().min() > 40
