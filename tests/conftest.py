"""Shared fixtures: the bundled corpus, cleaned once per test session."""

from __future__ import annotations

import pytest

from lib import paths


@pytest.fixture(scope="session")
def bundled_articles():
    from lib.clean import clean_articles
    from lib.corpus import load_corpus

    articles, audit = clean_articles(load_corpus(paths.CORPUS))
    return articles, audit


@pytest.fixture(scope="session")
def bundled_sentences(bundled_articles):
    from lib.text import sentence_table

    return sentence_table(bundled_articles[0])
