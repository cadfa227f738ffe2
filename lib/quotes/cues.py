"""Speech cues ("said", "told", "according to", ...) in narration, with the quoted words masked out so that
"as our president said" inside a quote is never a cue, and the subject of a cue (who said it).

>>> [c.verb for c in find_cues("Bloomberg reports that member states said, according to him, ...")]
['reports', 'said', 'according to']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lib.quotes.speakers import WORD, Doc, eligible, known, mentions_in, np_candidates
from lib.quotes.words import AMBIGUOUS_CUES, CONJUNCTIONS, CUE_VERBS, DETERMINERS, FILLERS, INVERTIBLE, PERSON_PRONOUNS
from lib.text import trie_pattern

__all__ = ["Cue", "find_cues", "speaker_of_cue"]

# Lower-case verbs only (a capitalised verb is a heading word), plus "Said"/"Says" and "According to".
_CUE_RE = re.compile(r"\b(?:(?P<acc>[Aa]ccording\s+to)|(?P<verb>" + trie_pattern(CUE_VERBS) + r"|Said|Says))\b")
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s|[”\"]|[’'](?!\w)")
_NEW_CLAUSE = re.compile(r"[,;\u2014\u2013]|\s-\s|\b(?:while|whereas|but)\b")


@dataclass(frozen=True)
class Cue:
    """A speech cue in the narration: ``verb`` is lower case ("said", "according to")."""

    start: int
    end: int
    verb: str


def find_cues(masked: str) -> list[Cue]:
    """Speech cues in (masked) narration, in order.

    A verb form after a determiner or "to" is no cue ("the said", "an added layer", "to discuss"); a form that
    is also a noun ("reports", "states") is one only after a quote, a capitalised word or a pronoun.

    >>> [c.verb for c in find_cues("An added layer, the envoy said; news reports vary.")]
    ['said']
    """
    cues = []
    for m in _CUE_RE.finditer(masked):
        if m.group("acc"):
            cues.append(Cue(m.start(), m.end(), "according to"))
            continue
        low = m.group("verb").lower()
        prev = previous_word(masked, m.start())
        if prev is not None and (prev.lower() in DETERMINERS or prev.lower() == "to"):
            continue
        after_quote = masked[max(0, m.start() - 8) : m.start()].rstrip()[-1:] in ("”", '"', "’", "'")
        if low in AMBIGUOUS_CUES and not (
            after_quote or (prev and (prev[0].isupper() or prev.lower() in PERSON_PRONOUNS))
        ):
            continue
        cues.append(Cue(m.start(), m.end(), low))
    return cues


def previous_word(text: str, pos: int) -> str | None:
    """The word just before ``pos`` (within 40 characters), or None.

    >>> previous_word("the envoy said", 10)
    'envoy'
    """
    m = re.search(r"([\w.’'\-]+)\s*$", text[max(0, pos - 40) : pos])
    return m.group(1) if m else None


def _clause_start(masked: str, lo: int, pos: int) -> int:
    last = lo
    for m in _CLAUSE_BREAK.finditer(masked, lo, pos):
        last = m.end()
    return last


def _according_to(doc: Doc, cue: Cue, hi: int) -> str | None:
    end = _CLAUSE_BREAK.search(doc.masked, cue.end, hi)
    cands = np_candidates(doc, cue.end, end.start() if end else hi, as_subject=False)
    cands.sort(key=lambda c: (c[0], -c[1]))
    return known(cands[0][2]) if cands else None


def speaker_of_cue(doc: Doc, cue: Cue, lo: int, hi: int, cues: Sequence[Cue] = ()) -> str | None:
    """Resolve the subject of ``cue`` inside the sentence window ``[lo, hi)``; ``cues`` are the article's cues
    (for "X claimed ... and suggested", whose subject is the earlier cue's)."""
    if cue.verb == "according to":
        return _according_to(doc, cue, hi)
    start = _clause_start(doc.masked, lo, cue.start)
    cands = np_candidates(doc, start, cue.start)
    if cands:
        return known(max(cands, key=lambda c: (c[0], c[1]))[2])
    before = [w.lower() for w in WORD.findall(doc.masked[start : cue.start])]
    if before and all(w in CONJUNCTIONS for w in before):  # "... and suggested": the earlier verb's subject
        earlier = [c for c in cues if lo <= c.start and c.end <= start and c.verb != "according to"]
        return speaker_of_cue(doc, earlier[-1], lo, hi, cues) if earlier else None
    # inversion: "..., said Smith." / "said the company spokesman"
    end = _CLAUSE_BREAK.search(doc.masked, cue.end, hi)
    after_end = end.start() if end else hi
    if not before and cue.verb in INVERTIBLE and re.match(r"\s+(?:the\s+)?[A-Z]", doc.masked[cue.end : after_end]):
        cands = np_candidates(doc, cue.end, after_end)
        if cands:
            return known(min(cands, key=lambda c: (c[0], -c[1]))[2])
    # wider: the last eligible PERSON/ORG mention before the cue in the sentence ("Bloomberg, citing ..., reports")
    if all(w in FILLERS for w in before) or before == ["citing"]:
        for m in reversed(mentions_in(doc, lo, cue.start)):
            if m[3] in ("PERSON", "ORG") and eligible(doc, m, as_subject=True):
                return m[2]
    return None


def outer_cue(doc: Doc, cue: Cue, cues: Sequence[Cue], lo: int) -> Cue:
    """The outermost cue of a chain "He said Moscow insists ... “...”" (no clause break between the cues)."""
    for earlier in reversed([c for c in cues if lo <= c.start < cue.start]):
        if earlier.verb == "according to" or _CLAUSE_BREAK.search(doc.masked, earlier.end, cue.start):
            break
        cue = earlier
    return cue


def new_subject(doc: Doc, a: int, b: int) -> str | None:
    """A PERSON/ORG that starts a new clause between a cue and its quote ("..., while Lavrov had “...”")."""
    breaks = list(_NEW_CLAUSE.finditer(doc.masked, a, b))
    if not breaks:
        return None
    for m in mentions_in(doc, breaks[-1].end(), b):
        if m[3] in ("PERSON", "ORG") and eligible(doc, m, as_subject=True):
            return m[2]
    return None
