"""Spelling groups of discovered surnames (lib.actors.discover): one rapidfuzz call per first letter gives the
groups of the loop over every pair of words."""

from __future__ import annotations

import random

import pytest
from rapidfuzz.distance import Levenshtein

from lib.actors.discover import FUZZY_MIN_LEN, _spelling_groups


def groups_by_every_pair(words: list[str]) -> dict[str, str]:
    """The reference: every pair compared in order, joined when close."""
    parent = {w: w for w in words}

    def root(w):
        while parent[w] != w:
            w = parent[w]
        return w

    for i, a in enumerate(words):
        for b in words[i + 1:]:
            limit = 1 if min(len(a), len(b)) < 8 else 2
            if a[:1] == b[:1] and min(len(a), len(b)) >= FUZZY_MIN_LEN and Levenshtein.distance(a, b) <= limit:
                parent[root(b)] = root(a)
    return {w: root(w) for w in words}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_spelling_groups_are_those_of_every_pair(seed):
    rng = random.Random(seed)
    stems = ["zelensky", "smith", "johnson", "ab", "navalny", "kowalczyk", "oneill", "o", ""]
    words = set(stems)
    for _ in range(400):  # variants one to three edits from a stem, so some join and some do not
        w = list(rng.choice(stems))
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(len(w) + 1)
            w[k:k + rng.randint(0, 1)] = rng.choice("aeiouyklmnst")
        words.add("".join(w))
    words = sorted(words)
    got = _spelling_groups(words)
    assert got == groups_by_every_pair(words)
    assert len(set(got.values())) < len(words)  # some words were joined: the comparison could fail
