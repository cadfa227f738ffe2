"""Topics: code sentences with a topic lexicon, count topics, find distinctive terms, explore topic models.

The lexicon is an editable table (``data/topics.csv``, one row per term: ``topic, term, description``; see
:mod:`lib.topics.lexicon` for the term syntax). Modules:

- :mod:`.lexicon`: read and validate the table, turn terms into patterns;
- :mod:`.coding`: code sentences (one compiled pattern per table; topics never compete), evidence sentences;
- :mod:`.frequency`: topic frequency per article, group or overall, and topics per actor;
- :mod:`.keyness`: distinctive terms (log-likelihood, tf-idf) and collocations over content words;
- :mod:`.models`: exploratory NMF/LDA topic models and how they line up with the lexicon topics;
- :mod:`.cached`: distinctive terms and the topic model of a whole annotated corpus as cached stages.

Typical use::

    topics = load_topics("data/topics.csv")
    hits = code_sentences(sentences, topics)
    freq = topic_frequency(hits, sentences, topics=topics)
"""

from lib.topics.cached import cached_distinctive_terms, cached_unsupervised_topics
from lib.topics.coding import HIT_COLUMNS, TopicMatcher, code_sentences, compile_topics, topic_evidence
from lib.topics.frequency import NORMALISATIONS, actor_topic, count_words, frequency_column, topic_frequency
from lib.topics.keyness import (
    KEYNESS_METHODS,
    NEWS_STOPWORDS,
    collocations,
    content_words,
    default_stopwords,
    distinctive_terms,
    log_likelihood,
)
from lib.topics.lexicon import (
    TOPIC_COLUMNS,
    load_topics,
    term_pattern,
    topic_descriptions,
    topic_names,
    validate_topics,
)
from lib.topics.models import TOPIC_MODELS, UnsupervisedTopics, lexicon_vs_unsupervised, unsupervised_topics

__all__ = [
    "HIT_COLUMNS",
    "KEYNESS_METHODS",
    "NEWS_STOPWORDS",
    "NORMALISATIONS",
    "TOPIC_COLUMNS",
    "TOPIC_MODELS",
    "TopicMatcher",
    "UnsupervisedTopics",
    "actor_topic",
    "cached_distinctive_terms",
    "cached_unsupervised_topics",
    "code_sentences",
    "collocations",
    "compile_topics",
    "content_words",
    "count_words",
    "default_stopwords",
    "distinctive_terms",
    "frequency_column",
    "lexicon_vs_unsupervised",
    "load_topics",
    "log_likelihood",
    "term_pattern",
    "topic_descriptions",
    "topic_evidence",
    "topic_frequency",
    "topic_names",
    "unsupervised_topics",
    "validate_topics",
]
