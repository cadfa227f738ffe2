"""Compare coverage across groups of articles: by period (day … year, or ``auto``) and by any metadata column.

One grouping (:func:`article_groups`) feeds every measure: attention (:func:`attention`), tone per actor
(:func:`tone_by_group`, through :func:`lib.sentiment.tone_summary`), topic share (:func:`topic_share`) and share
of voice (:func:`voice_by_group`); two groups are compared with intervals (:func:`tone_difference`,
:func:`share_difference`) and keyness (:func:`keyness`, log-likelihood G²). :func:`comparisons_possible`
says which comparisons a corpus allows, and why not.

>>> import pandas as pd
>>> arts = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2020-01-05", "2020-02-01"], "text": ["x y", "z"]})
>>> article_groups(arts, period="auto").attrs["period"]
'month'

(``auto`` wants about ten articles per period; with two articles it takes the coarsest unit that still gives
two periods.)
"""

from lib.compare.differences import g2_p_value, keyness, share_difference, term_counts, tone_difference
from lib.compare.groups import (
    MISSING,
    PERIODS,
    article_groups,
    choose_period,
    comparisons_possible,
    membership,
    parse_dates,
    period_labels,
)
from lib.compare.measures import (
    attention,
    cell_evidence,
    group_sizes,
    tone_by_group,
    top_items,
    topic_share,
    voice_by_group,
)
from lib.compare.sources import evidence, term_table, word_table
from lib.compare.stats import bonferroni, bootstrap_difference, newcombe, wilson, z_value

__all__ = [
    "MISSING", "PERIODS", "article_groups", "attention", "bonferroni", "bootstrap_difference", "cell_evidence",
    "choose_period",
    "comparisons_possible", "evidence", "g2_p_value", "group_sizes", "keyness", "membership", "newcombe",
    "parse_dates", "period_labels", "share_difference", "term_counts", "term_table", "tone_by_group",
    "tone_difference", "top_items", "topic_share", "voice_by_group", "wilson", "word_table", "z_value",
]
