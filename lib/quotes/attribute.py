"""Attribution: who said each quote. One function per strategy, tried in order (:data:`STRATEGIES`); the first
that applies decides, even when the speaker it finds is unknown ("a person familiar with the talks said").

1. :func:`colon_line_before` -- the line before ends "Dmitriev also added:" and this paragraph opens with the quote;
2. :func:`cue_in_sentence` -- the nearest speech cue in the quote's sentence, outside any quote;
3. :func:`heading_colon` -- a heading or line "Lavrov: “...”" names the speaker before a colon;
4. :func:`previous_speaker` -- no cue: a later quote in the same paragraph, or a paragraph that is one whole
   quote right after a paragraph with a quote, keeps the previous speaker ("“A,” he said. “B.”").

>>> from lib.quotes.scan import scan_quotes
>>> t = "“We will talk,” Dmitriev said."
>>> attribute(t, scan_quotes(t), mentions=[(16, 24, "dmitriev", "PERSON", "surname")])
[('dmitriev', 'said')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from lib.quotes.cues import Cue, find_cues, new_subject, outer_cue, speaker_of_cue
from lib.quotes.scan import Segment, mask_quotes, paragraph_end
from lib.quotes.speakers import Doc, Mention, Speakers, mentions_in
from lib.quotes.words import SPLIT_ABBREVIATIONS

__all__ = ["STRATEGIES", "attribute"]

Attribution = tuple[str | None, str | None]  # (speaker_actor_id, cue_verb)

_SPACES = re.compile(r"[ \t]*")
_FALLBACK_SENT = re.compile(r"(?<=[.!?…])[”\"’)]*\s+(?=[A-Z“\"‘\ue000])")
_FALLBACK_ABBR = re.compile(r"(?:\b(?:[A-Za-z]\.)+|\b(?:" + "|".join(SPLIT_ABBREVIATIONS) + r")\.)$")


@dataclass
class Quote:
    """One quote (all segments of one multi-paragraph group) in its article, with what strategies look at."""

    doc: Doc
    cues: list[Cue]
    cue_starts: list[int]
    first: Segment
    last: Segment
    lo: int  # start of the sentence window holding the quote
    hi: int  # end of that window
    line_lo: int  # start of the paragraph where the quote opens
    opens_paragraph: bool
    previous: tuple[int, str | None] | None  # (paragraph start, speaker) of the previous quote


def colon_line_before(q: Quote, bounds: Sequence[int]) -> Attribution | None:
    """The line before ends "Dmitriev also added:" and this paragraph opens with the quote."""
    prev_line_end = q.line_lo - 1
    if not q.opens_paragraph or prev_line_end <= 0 or not q.doc.text[:prev_line_end].rstrip().endswith(":"):
        return None
    plo = bounds[bisect_right(bounds, prev_line_end - 1) - 1]
    near = [c for c in q.cues if plo <= c.start < prev_line_end]
    if not near:
        return None
    return speaker_of_cue(q.doc, near[-1], plo, prev_line_end, q.cues), near[-1].verb


def cue_in_sentence(q: Quote, bounds: Sequence[int]) -> Attribution | None:
    """The nearest cue in the quote's sentence, outside any quote; a new subject between a cue and its quote
    ("..., while Lavrov had “...”") wins over the cue's own subject."""
    i, j = bisect_left(q.cue_starts, q.lo), bisect_left(q.cue_starts, q.hi)
    near = [c for c in q.cues[i:j] if c.start >= q.last.outer_end or c.end <= q.first.open_mark]
    if not near:
        return None
    cue = min(near, key=lambda c: min(abs(c.start - q.last.outer_end), abs(q.first.open_mark - c.end)))
    before_quote = cue.end <= q.first.open_mark
    subject = new_subject(q.doc, cue.end, q.first.open_mark) if before_quote else None
    if subject is not None:
        return subject, None
    cue = outer_cue(q.doc, cue, q.cues, q.lo) if before_quote else cue
    return speaker_of_cue(q.doc, cue, q.lo, q.hi, q.cues), cue.verb


def heading_colon(q: Quote, bounds: Sequence[int]) -> Attribution | None:
    """A heading or line "Lavrov: “...”" names the speaker before a colon."""
    head = re.fullmatch(r"\s*(\S.*?)\s*:\s*", q.doc.masked[q.line_lo : q.first.open_mark])
    if not head:
        return None
    a, b = q.line_lo + head.start(1), q.line_lo + head.end(1)
    named = [m for m in mentions_in(q.doc, a, b) if (m[0], m[1]) == (a, b) and m[3] in ("PERSON", "ORG")]
    return (named[0][2], None) if named else None


def previous_speaker(q: Quote, bounds: Sequence[int]) -> Attribution | None:
    """No cue: a later quote in the same paragraph, or a paragraph that is one whole quote right after a
    paragraph with a quote, keeps the previous speaker."""
    if q.previous is None or q.previous[1] is None:
        return None
    text, last = q.doc.text, q.last
    rest = text[last.outer_end : paragraph_end(text, last.outer_end)]
    closes_paragraph = last.close_mark is not None and not rest.strip()
    previous_line = text.rfind("\n", 0, max(q.line_lo - 1, 0)) + 1 if q.line_lo > 0 else -1
    if q.previous[0] == q.line_lo or (q.opens_paragraph and closes_paragraph and q.previous[0] == previous_line):
        return q.previous[1], None
    return None


Strategy = Callable[[Quote, Sequence[int]], "Attribution | None"]
STRATEGIES: tuple[Strategy, ...] = (colon_line_before, cue_in_sentence, heading_colon, previous_speaker)


def _windows(text: str, segments: Sequence[Segment], sentence_starts: Iterable[int] | None) -> list[int]:
    """Sorted sentence starts that are not inside a quote, plus every paragraph start."""
    if sentence_starts is None:
        starts = {0}
        for m in _FALLBACK_SENT.finditer(text):
            if not _FALLBACK_ABBR.search(text[max(0, m.start() - 12) : m.start()]):
                starts.add(m.end())
    else:
        starts = set(sentence_starts)
    starts.update(m.end() for m in re.finditer("\n", text))
    for s in segments:  # “Why not?” Smith asked. -- a question or exclamation does not end the sentence
        if s.close_mark is not None and text[s.start : s.close_mark].rstrip()[-1:] in ("?", "!"):
            starts.discard(_SPACES.match(text, s.outer_end).end())
    opens = [s.open_mark for s in segments]  # segments are in order and do not overlap
    keep = set()
    for b in starts:
        k = bisect_left(opens, b) - 1
        if k < 0 or not segments[k].open_mark < b < segments[k].outer_end:
            keep.add(b)
    return sorted(keep | {0, len(text) + 1})


def _quote(doc: Doc, cues: list[Cue], cue_starts: list[int], members: list[Segment], bounds: Sequence[int],
           previous: tuple[int, str | None] | None) -> Quote:
    first, last = members[0], members[-1]
    line_lo = doc.text.rfind("\n", 0, first.open_mark) + 1
    return Quote(doc, cues, cue_starts, first, last,
                 lo=bounds[bisect_right(bounds, first.open_mark) - 1],
                 hi=bounds[bisect_right(bounds, last.outer_end - 1)] - 1, line_lo=line_lo,
                 opens_paragraph=doc.text[line_lo : first.open_mark].strip() == "", previous=previous)


def attribute(
    text: str,
    segments: Sequence[Segment],
    *,
    mentions: Sequence[Mention] = (),
    sentence_starts: Iterable[int] | None = None,
    sides: Mapping[str, str] | None = None,
    roles: Sequence[tuple[str, str]] = (),
    side_words: Mapping[str, str] | None = None,
    speakers: Speakers | None = None,
) -> list[Attribution]:
    """``(speaker_actor_id, cue_verb)`` for each segment of ``text``, in order.

    ``mentions`` are ``(start, end, actor_id, actor_type, match_kind)``. What the actor table knows comes as
    ``speakers`` (``Speakers.from_actors(table)``, built once), or as plain ``sides`` (actor_id -> side),
    ``roles`` ((role description, actor_id) pairs) and ``side_words`` (word -> side: "the Russian official").
    """
    speakers = speakers or Speakers.build(sides=sides, roles=roles, side_words=side_words)
    masked = mask_quotes(text, segments)
    doc = Doc(text=text, masked=masked, mentions=sorted(mentions), speakers=speakers,
              types={m[2]: m[3] for m in mentions})
    cues = find_cues(masked)
    cue_starts = [c.start for c in cues]
    bounds = _windows(text, segments, sentence_starts)
    groups: dict[int, list[int]] = {}
    for k, seg in enumerate(segments):
        groups.setdefault(seg.group, []).append(k)
    result: list[Attribution] = [(None, None)] * len(segments)
    previous: tuple[int, str | None] | None = None
    for members in groups.values():
        quote = _quote(doc, cues, cue_starts, [segments[k] for k in members], bounds, previous)
        tried = (strategy(quote, bounds) for strategy in STRATEGIES)
        speaker, cue_verb = next((found for found in tried if found is not None), (None, None))
        if speaker is not None and doc.types.get(speaker, "PERSON") == "PERSON":
            insort(doc.events, (quote.first.open_mark, speaker))
        for k in members:
            result[k] = (speaker, cue_verb)
        previous = (text.rfind("\n", 0, quote.last.open_mark) + 1, speaker)
    return result
