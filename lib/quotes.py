"""Direct quotations and who said them, with offsets into the cleaned article text.

Three steps, each a small pure function over one article:

1. :func:`scan_quotes` finds quoted segments with one left-to-right pass per paragraph (line). It handles
   curly and straight double quotes, curly and straight single quotes (a ``’`` followed by a letter is an
   apostrophe, as in "Russia’s" or "work’s been done"), nested quotes (the outer quote wins), and the news
   convention of a quote that runs over several paragraphs: a paragraph that opens a quote and ends without
   closing it continues when the next paragraph starts with an opening mark. Unbalanced marks never raise:
   a stray closing mark is ignored; an unclosed double quote is closed at the end of its paragraph; an unclosed
   single quote is dropped (it is more often a mistyped apostrophe than a quotation).
2. :func:`find_cues` finds speech cues ("said", "told", "according to", ...) in the narration, with the quoted
   words masked out so that "as our president said" inside a quote is never a cue.
3. :func:`attribute` picks the cue that governs each quote (the nearest one in its sentence; the "X added:"
   line before a quote paragraph; or, with no cue, the speaker of the previous quote in the same paragraph)
   and resolves the cue's subject to an actor: a mention, a role description from the actor table
   ("Putin's special envoy"), a pronoun or a definite description ("he", "the Republican") resolved to the
   most recent fitting PERSON. Unknown speakers ("a person familiar with the talks said") stay ``None``.

>>> text = "“It went well,” Dmitriev said. “We will meet again.”"
>>> [text[a:b] for a, b in quote_spans(text)]
['It went well', 'We will meet again.']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from lib.actors.table import ActorTable, as_actor_table
from lib.errors import InputError, require_columns
from lib.text import trie_pattern

__all__ = [
    "CUE_VERBS",
    "FRAGMENT_MAX_WORDS",
    "QUOTE_COLUMNS",
    "Cue",
    "Segment",
    "attribute",
    "find_cues",
    "find_quotes",
    "is_fragment",
    "mask_quotes",
    "quote_spans",
    "quotes_in_text",
    "scan_quotes",
]

FRAGMENT_MAX_WORDS = 3  # an embedded quote this short is a fragment even with a cue and a final period
QUOTE_COLUMNS = ["doc_id", "start", "end", "text", "speaker_actor_id", "cue_verb", "is_fragment"]

# Speech and reporting verbs (general English). "according to" is handled as a cue of its own.
CUE_VERBS = frozenset(
    """
    say says said saying tell tells told telling state stated stating add adds added adding
    claim claims claimed claiming stress stresses stressed stressing note notes noted noting
    insist insists insisted insisting warn warns warned warning believes believed report reports reported
    mention mentions mentioned emphasize emphasizes emphasized emphasise emphasises emphasised
    explain explains explained argue argues argued assert asserts asserted acknowledge acknowledges acknowledged
    admit admits admitted announce announces announced declare declares declared write writes wrote
    remark remarks remarked recall recalls recalled suggest suggests suggested reply replies replied
    respond responds responded confirm confirms confirmed deny denies denied indicate indicates indicated
    vow vows vowed promise promises promised predict predicts predicted observe observes observed
    counter counters countered concede concedes conceded call calls called describe describes described
    discuss discusses discussed tweet tweets tweeted post posts posted accuse accuses accused
    ask asks asked asking pledge pledges pledged quip quips quipped conclude concludes concluded
    demand demands demanded
    """.split()
)
# Forms that are also common nouns or adjectives ("member states", "news reports"): a cue only right after a
# capitalised word or a pronoun ("Bloomberg reports", "he notes").
_AMBIGUOUS_CUES = frozenset(
    "state states claim claims note notes report reports remark remarks post posts call calls counter "
    "counters promise promises tweet tweets warning demand demands ask".split()
)
_DETERMINERS = frozenset("a an the this that these those its their his her our my your".split())
_PERSON_PRONOUNS = frozenset("he she him her".split())
_OTHER_PRONOUNS = frozenset("i we they you it me us them".split())
# Head nouns of descriptions that point back to a person ("the Republican said") ...
_PERSON_NOUNS = frozenset(
    """
    president official envoy negotiator diplomat minister spokesman spokeswoman spokesperson senator leader
    adviser advisor ambassador chief head secretary republican democrat politician lawmaker general commander
    premier chancellor mayor governor representative aide executive ceo director chairman chairwoman
    businessman businesswoman candidate nominee congressman congresswoman man woman
    """.split()
)
# ... and of indefinite or plural sources, which stay unknown ("a person familiar with the talks said").
_UNKNOWN_NOUNS = frozenset(
    """
    person people source sources official officials diplomat diplomats analyst analysts expert experts
    observer observers resident residents witness witnesses critic critics lawmakers aides insider insiders
    spokesperson spokesman spokeswoman someone anyone many others some
    """.split()
)
_INDEFINITE = frozenset("a an one two three several some many other others another".split())
# Description words that fix a side (general knowledge), compared with the actor table's ``side``.
_SIDE_WORDS = {
    "russian": "russia", "kremlin": "russia", "moscow": "russia",
    "ukrainian": "ukraine", "kyiv": "ukraine",
    "american": "united states", "us": "united states", "u.s": "united states", "u.s.": "united states",
    "republican": "united states", "democrat": "united states", "democratic": "united states",
    "european": "europe", "eu": "europe",
}  # fmt: skip
_ORG_NOUN_SIDES = {"agency": "media", "newspaper": "media", "broadcaster": "media", "outlet": "media", "daily": "media"}
_PREPOSITIONS = frozenset("of at from for with in to by on about into over under between among against".split())

_SPACES = re.compile(r"[ \t]*")
_MARKS = re.compile(r"[“”\"‘’']")
_MASK = "\ue000"  # a private-use character: not a word character, so no regex below matches inside a quote
_WORD = re.compile(r"[^\W_]+(?:[.’'\-][^\W_]+)*\.?")


# Lower-case verbs only (a capitalised verb is a heading word), plus "Said"/"Says" and "According to".
_CUE_RE = re.compile(r"\b(?:(?P<acc>[Aa]ccording\s+to)|(?P<verb>" + trie_pattern(CUE_VERBS) + r"|Said|Says))\b")
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s|[”\"]|[’'](?!\w)")
_NEW_CLAUSE = re.compile(r"[,;\u2014\u2013]|\s-\s|\b(?:while|whereas|but)\b")
_CONJUNCTIONS = frozenset("and but then also later further".split())
# Auxiliaries and adverbs that may stand between a subject and its verb ("Trump, during ..., had vowed").
_FILLERS = frozenset(
    "had has have also previously recently even then later once again repeatedly publicly reportedly already "
    "earlier would will could may might never often first".split()
)
# Verbs that can come before their subject ("..., said Dmitriev"); "told X" names the listener instead.
_INVERTIBLE = frozenset(
    "said says added adds wrote writes noted explained continued asked asks replied recalled quipped".split()
)
_SENTENCE_FINAL = re.compile(r"[.!?…][)\]’'\s]*$")
_POSSESSIVE = re.compile(r"^(?:[’']s?)(?![\w])")
_FALLBACK_SENT = re.compile(r"(?<=[.!?…])[”\"’)]*\s+(?=[A-Z“\"‘\ue000])")
_FALLBACK_ABBR = re.compile(r"(?:\b(?:[A-Za-z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|St|Lt|Col|Prof|No)\.)$")
_OPEN_BEFORE = set(" \t([{—–-/“‘\"'")


@dataclass(frozen=True)
class Segment:
    """One quoted stretch inside one paragraph.

    ``start``/``end`` are the quoted words (marks, surrounding spaces and a trailing comma stripped);
    ``open_mark`` is the offset of the opening mark; ``close_mark`` that of the closing mark, or ``None`` when
    the quote runs to the end of the paragraph. Segments of one multi-paragraph quote share ``group``.
    """

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    group: int

    @property
    def outer_end(self) -> int:
        """Offset just after the closing mark (or the end of the quoted words when there is none)."""
        return self.close_mark + 1 if self.close_mark is not None else self.end


@dataclass(frozen=True)
class Cue:
    """A speech cue in the narration: ``verb`` is lower case ("said", "according to")."""

    start: int
    end: int
    verb: str


# --------------------------------------------------------------------------------------------------- scanning


def _opens_straight(text: str, i: int, line_start: int, line_end: int) -> bool:
    prev = text[i - 1] if i > line_start else " "
    nxt = text[i + 1] if i + 1 < line_end else " "
    return (prev in _OPEN_BEFORE or prev.isspace()) and not nxt.isspace()


def _closes_single(text: str, i: int, line_start: int, line_end: int) -> bool:
    prev = text[i - 1] if i > line_start else " "
    nxt = text[i + 1] if i + 1 < line_end else " "
    return not prev.isspace() and not nxt.isalnum()


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
        b -= 1
    return a, b


def scan_quotes(text: str) -> list[Segment]:
    """All quoted segments of ``text`` in order, one linear pass; never raises on unbalanced marks.

    >>> t = "“A,” he said. ‘B’s fine’\\n“C and\\n“D.”"
    >>> [(t[s.start:s.end], s.group) for s in scan_quotes(t)]
    [('A', 0), ('B’s fine', 1), ('C and', 2), ('D.', 2)]
    """
    segments: list[Segment] = []
    group = -1
    continuing = False  # the previous paragraph ended inside a double quote that may continue here
    lines = text.split("\n")
    line_start = 0
    for index, line in enumerate(lines):
        line_end = line_start + len(line)
        kind: str | None = None  # "“", '"', "‘" or "'"
        open_at = depth = 0
        first_mark = line_start + (len(line) - len(line.lstrip()))
        for mark in _MARKS.finditer(text, line_start, line_end):  # jump from quote mark to quote mark
            i, ch = mark.start(), mark.group()
            if kind is None:
                opened = (
                    ch == "“"
                    or (ch == '"' and _opens_straight(text, i, line_start, line_end))
                    or (ch in "‘'" and _opens_straight(text, i, line_start, line_end) and text[i + 1 : i + 2].isalnum())
                )
                if opened:
                    kind, open_at, depth = ch, i, 1
                    if not (continuing and i == first_mark and ch in '“"'):
                        group += 1
                    continuing = False
            elif kind == "“":
                depth += (ch == "“") - (ch == "”")
                if depth == 0:
                    a, b = _trim(text, open_at + 1, i)
                    if a < b:
                        segments.append(Segment(a, b, open_at, i, group))
                    kind = None
            elif (kind == '"' and ch == '"') or (
                kind in "‘'" and ch == ("’" if kind == "‘" else "'") and _closes_single(text, i, line_start, line_end)
            ):
                a, b = _trim(text, open_at + 1, i)
                if a < b:
                    segments.append(Segment(a, b, open_at, i, group))
                kind = None
        continuing = False
        if kind in ("“", '"'):  # unclosed double quote: it ends with the paragraph, and may continue in the next
            a, b = _trim(text, open_at + 1, line_end)
            if a < b:
                segments.append(Segment(a, b, open_at, None, group))
                following = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
                continuing = following[:1] == kind
        line_start = line_end + 1
    return segments


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the quoted words in ``text``, without the quote marks.

    >>> t = 'He ruled it out as "not at all possible".'
    >>> [t[a:b] for a, b in quote_spans(t)]
    ['not at all possible']
    """
    return [(s.start, s.end) for s in scan_quotes(text)]


def mask_quotes(text: str, segments: Sequence[Segment]) -> str:
    """``text`` with everything between quote marks replaced by a private-use character (same length).

    >>> mask_quotes("X said “hi there”.", scan_quotes("X said “hi there”.")) == "X said “" + "\\ue000" * 8 + "”."
    True
    """
    if not segments:
        return text
    parts, pos = [], 0
    for seg in segments:
        inner_end = seg.close_mark if seg.close_mark is not None else _line_end(text, seg.open_mark)
        parts += [text[pos : seg.open_mark + 1], _MASK * (inner_end - seg.open_mark - 1)]
        pos = inner_end
    parts.append(text[pos:])
    return "".join(parts)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


# ------------------------------------------------------------------------------------------------------- cues


def find_cues(masked: str) -> list[Cue]:
    """Speech cues in (masked) narration, in order.

    >>> [c.verb for c in find_cues("Bloomberg reports that member states said, according to him, ...")]
    ['reports', 'said', 'according to']
    """
    cues = []
    for m in _CUE_RE.finditer(masked):
        if m.group("acc"):
            cues.append(Cue(m.start(), m.end(), "according to"))
            continue
        word = m.group("verb")
        low = word.lower()
        prev = _previous_word(masked, m.start())
        if prev is not None and (prev.lower() in _DETERMINERS or prev.lower() == "to"):
            continue  # "the said", "an added layer", "to discuss"
        after_quote = masked[max(0, m.start() - 8) : m.start()].rstrip()[-1:] in ("”", '"', "’", "'")
        if low in _AMBIGUOUS_CUES and not (
            after_quote or (prev and (prev[0].isupper() or prev.lower() in _PERSON_PRONOUNS))
        ):
            continue
        cues.append(Cue(m.start(), m.end(), low))
    return cues


def _previous_word(text: str, pos: int) -> str | None:
    m = re.search(r"([\w.’'\-]+)\s*$", text[max(0, pos - 40) : pos])
    return m.group(1) if m else None


# ------------------------------------------------------------------------------------------------ attribution


@dataclass
class _Doc:
    """Per-article lookup state for attribution (mentions sorted by start, resolved speakers so far)."""

    text: str
    masked: str
    mentions: list[tuple[int, int, str, str, str]]  # start, end, actor_id, actor_type, match_kind
    sides: dict[str, str]
    roles: list[tuple[str, str]]  # (normalised role text, actor_id)
    types: dict[str, str]
    events: list[tuple[int, str]] = field(default_factory=list)  # (offset, actor_id) of resolved PERSON speakers

    def __post_init__(self) -> None:
        self.starts = [m[0] for m in self.mentions]


def _norm(s: str) -> str:
    s = s.replace("’", "'").lower().strip()
    s = re.sub(r"\s+", " ", s)
    return s[4:] if s.startswith("the ") else s


@lru_cache(maxsize=8)
def _normalised_roles(roles: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return sorted(((_norm(r), a) for r, a in roles), key=lambda x: -len(x[0]))


def _eligible(doc: _Doc, mention: tuple[int, int, str, str, str], *, as_subject: bool) -> bool:
    """A mention can name a speaker: outside quotes, not possessive ("Putin’s special envoy"), not a modifier
    ("the Trump administration"), and for subjects not the object of a preposition ("with NBC")."""
    start, end, _actor, actor_type, kind = mention
    if doc.masked[start:end] != doc.text[start:end]:
        return False
    if kind != "role" and _POSSESSIVE.match(doc.text[end : end + 3]):
        return False
    before = doc.text[max(0, start - 40) : start].split()
    prev = before[-1].lower() if before else ""
    if actor_type == "PERSON" and kind != "role" and prev == "the":
        return False
    return not (as_subject and prev in _PREPOSITIONS)


def _mentions_in(doc: _Doc, a: int, b: int) -> list[tuple[int, int, str, str, str]]:
    i = bisect_left(doc.starts, a)
    out = []
    while i < len(doc.mentions) and doc.mentions[i][0] < b:
        if doc.mentions[i][1] <= b:
            out.append(doc.mentions[i])
        i += 1
    return out


def _resolve_person(doc: _Doc, pos: int, *, side: str | None = None) -> str | None:
    """Most recent fitting PERSON before ``pos``: an eligible mention or an already resolved speaker."""
    best_pos, best = -1, None
    i = bisect_right(doc.starts, pos) - 1
    while i >= 0:
        m = doc.mentions[i]
        if m[1] <= pos and m[3] == "PERSON" and _eligible(doc, m, as_subject=False):
            if side is None or doc.sides.get(m[2], "") == side:
                best_pos, best = m[0], m[2]
                break
        i -= 1
    for at, actor in reversed(doc.events):
        if at < pos and at > best_pos and (side is None or doc.sides.get(actor, "") == side):
            best_pos, best = at, actor
            break
    return best


def _resolve_org(doc: _Doc, pos: int, *, side: str) -> str | None:
    i = bisect_right(doc.starts, pos) - 1
    while i >= 0:
        m = doc.mentions[i]
        if m[1] <= pos and m[3] == "ORG" and doc.sides.get(m[2], "") == side and _eligible(doc, m, as_subject=False):
            return m[2]
        i -= 1
    return None


def _role_actor(doc: _Doc, phrase: str) -> str | None:
    """The actor whose role description ends ``phrase`` ("Putin’s special envoy" -> dmitriev)."""
    p = _norm(phrase)
    for role, actor in doc.roles:
        if p == role or p.endswith(" " + role):
            return actor
    return None


_UNKNOWN = "?"  # a speaker phrase that names nobody we know ("a person familiar with the talks")


def _np_candidates(doc: _Doc, a: int, b: int, *, as_subject: bool = True) -> list[tuple[int, int, str | None]]:
    """Speaker candidates in ``masked[a:b]`` as ``(end, priority, actor_or_None)``; ``_UNKNOWN`` for sources
    that cannot be named. Higher priority wins ties on position."""
    out: list[tuple[int, int, str | None]] = []
    for m in _mentions_in(doc, a, b):
        if _eligible(doc, m, as_subject=as_subject) and (
            m[3] in ("PERSON", "ORG") or doc.masked[m[1] : b].strip() == ""
        ):
            out.append((m[1], 3, m[2]))
    words = [(w.start() + a, w.end() + a, w.group()) for w in _WORD.finditer(doc.masked[a:b])]
    for k, (ws, we, w) in enumerate(words):
        low = w.lower().rstrip(".")
        if low in _PERSON_PRONOUNS:
            out.append((we, 1, _resolve_person(doc, ws)))
        elif low in _OTHER_PRONOUNS:
            out.append((we, 1, _UNKNOWN))
        elif low in _PERSON_NOUNS or low in _UNKNOWN_NOUNS or low.rstrip("s") in _ORG_NOUN_SIDES:
            # walk back over the description: "the president’s special envoy", "a person"
            j = k
            while j > 0 and words[j - 1][1] + 2 >= words[j][0] and words[j - 1][2].lower() not in _PREPOSITIONS:
                j -= 1
                if words[j][2].lower() in _DETERMINERS or words[j][2].lower() in _INDEFINITE:
                    break
            first = words[j][2].lower()
            phrase = doc.text[words[j][0] : we]
            role = _role_actor(doc, phrase)
            if role is not None:
                out.append((we, 2, role))
            elif first in _INDEFINITE or (low in _UNKNOWN_NOUNS and low.endswith("s") and first not in _DETERMINERS):
                out.append((we, 2, _UNKNOWN))
            elif first in _DETERMINERS or "’s" in phrase or "'s" in phrase:
                side = next((_SIDE_WORDS[x.lower()] for _, _, x in words[j : k + 1] if x.lower() in _SIDE_WORDS), None)
                if low in _PERSON_NOUNS:
                    out.append((we, 2, _resolve_person(doc, words[j][0], side=side)))
                elif low.rstrip("s") in _ORG_NOUN_SIDES:
                    out.append((we, 2, _resolve_org(doc, words[j][0], side=_ORG_NOUN_SIDES[low.rstrip("s")])))
    return out


def _clause_start(masked: str, lo: int, pos: int) -> int:
    last = lo
    for m in _CLAUSE_BREAK.finditer(masked, lo, pos):
        last = m.end()
    return last


def _speaker_of_cue(doc: _Doc, cue: Cue, lo: int, hi: int, cues: Sequence[Cue] = ()) -> str | None:
    """Resolve the subject of ``cue`` inside the sentence window ``[lo, hi)``; ``cues`` are the article's cues
    (for "X claimed ... and suggested", whose subject is the earlier cue's)."""
    if cue.verb == "according to":
        end = _CLAUSE_BREAK.search(doc.masked, cue.end, hi)
        cands = _np_candidates(doc, cue.end, end.start() if end else hi, as_subject=False)
        cands.sort(key=lambda c: (c[0], -c[1]))
        return _known(cands[0][2]) if cands else None
    start = _clause_start(doc.masked, lo, cue.start)
    cands = _np_candidates(doc, start, cue.start)
    if cands:
        return _known(max(cands, key=lambda c: (c[0], c[1]))[2])
    before = [w.lower() for w in _WORD.findall(doc.masked[start : cue.start])]
    if before and all(w in _CONJUNCTIONS for w in before):  # "... and suggested": the earlier verb's subject
        earlier = [c for c in cues if lo <= c.start and c.end <= start and c.verb != "according to"]
        return _speaker_of_cue(doc, earlier[-1], lo, hi, cues) if earlier else None
    # inversion: "..., said Dmitriev." / "said the Kremlin spokesman"
    end = _CLAUSE_BREAK.search(doc.masked, cue.end, hi)
    after_end = end.start() if end else hi
    if not before and cue.verb in _INVERTIBLE and re.match(r"\s+(?:the\s+)?[A-Z]", doc.masked[cue.end : after_end]):
        cands = _np_candidates(doc, cue.end, after_end)
        if cands:
            return _known(min(cands, key=lambda c: (c[0], -c[1]))[2])
    # wider: the last eligible PERSON/ORG mention before the cue in the sentence ("Bloomberg, citing ..., reports")
    if all(w in _FILLERS for w in before) or before == ["citing"]:
        for m in reversed(_mentions_in(doc, lo, cue.start)):
            if m[3] in ("PERSON", "ORG") and _eligible(doc, m, as_subject=True):
                return m[2]
    return None


def _outer_cue(doc: _Doc, cue: Cue, cues: Sequence[Cue], lo: int) -> Cue:
    """The outermost cue of a chain "He said Moscow insists ... “...”" (no clause break between the cues)."""
    for earlier in reversed([c for c in cues if lo <= c.start < cue.start]):
        if earlier.verb == "according to" or _CLAUSE_BREAK.search(doc.masked, earlier.end, cue.start):
            break
        cue = earlier
    return cue


def _new_subject(doc: _Doc, a: int, b: int) -> str | None:
    """A PERSON/ORG that starts a new clause between a cue and its quote ("..., while Lavrov had “...”")."""
    breaks = list(_NEW_CLAUSE.finditer(doc.masked, a, b))
    if not breaks:
        return None
    for m in _mentions_in(doc, breaks[-1].end(), b):
        if m[3] in ("PERSON", "ORG") and _eligible(doc, m, as_subject=True):
            return m[2]
    return None


def _known(actor: str | None) -> str | None:
    return None if actor == _UNKNOWN else actor


def is_fragment(text: str, segment: Segment, *, cue_verb: str | None) -> bool:
    """A short quote embedded in narration: it does not begin a paragraph or follow ``,`` ``:`` a dash or a
    sentence end, and it has no cue of its own, or no sentence-final punctuation inside, or at most
    ``FRAGMENT_MAX_WORDS`` words (“isolated.”).

    >>> t = "He ruled it out as “not at all possible”."
    >>> is_fragment(t, scan_quotes(t)[0], cue_verb=None)
    True
    """
    i = segment.open_mark
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    embedded = i > 0 and text[i - 1] not in '\n,:—–-.!?”"'
    if not embedded:
        return False
    inner = text[segment.start : segment.close_mark if segment.close_mark is not None else segment.end]
    short = len(_WORD.findall(inner)) < FRAGMENT_MAX_WORDS + 1
    return cue_verb is None or short or not _SENTENCE_FINAL.search(inner)


def _windows(text: str, masked: str, segments: Sequence[Segment], sentence_starts: Iterable[int] | None) -> list[int]:
    """Sorted sentence starts that are not inside a quote, plus every paragraph start."""
    if sentence_starts is None:
        starts = {0}
        for m in _FALLBACK_SENT.finditer(text):
            if not _FALLBACK_ABBR.search(text[max(0, m.start() - 12) : m.start()]):
                starts.add(m.end())
    else:
        starts = set(sentence_starts)
    starts.update(m.end() for m in re.finditer("\n", text))
    for s in segments:  # “Why not?” Lavrov asked. -- a question or exclamation does not end the sentence
        if s.close_mark is not None and text[s.start : s.close_mark].rstrip()[-1:] in ("?", "!"):
            after = _SPACES.match(text, s.outer_end).end()
            starts.discard(after)
    opens = [s.open_mark for s in segments]  # segments are in order and do not overlap
    keep = set()
    for b in starts:
        k = bisect_left(opens, b) - 1
        if k < 0 or not segments[k].open_mark < b < segments[k].outer_end:
            keep.add(b)
    return sorted(keep | {0, len(text) + 1})


def attribute(
    text: str,
    segments: Sequence[Segment],
    *,
    mentions: Sequence[tuple[int, int, str, str, str]] = (),
    sentence_starts: Iterable[int] | None = None,
    sides: dict[str, str] | None = None,
    roles: Sequence[tuple[str, str]] = (),
) -> list[tuple[str | None, str | None]]:
    """``(speaker_actor_id, cue_verb)`` for each segment of ``text``, in order.

    ``mentions`` are ``(start, end, actor_id, actor_type, match_kind)``; ``sides`` maps actor_id to side;
    ``roles`` are ``(role description, actor_id)`` pairs from the actor table.

    >>> t = "“We will talk,” Dmitriev said."
    >>> attribute(t, scan_quotes(t), mentions=[(16, 24, "dmitriev", "PERSON", "surname")])
    [('dmitriev', 'said')]
    """
    masked = mask_quotes(text, segments)
    doc = _Doc(
        text=text,
        masked=masked,
        mentions=sorted(mentions),
        sides={k: v.lower() for k, v in (sides or {}).items()},
        roles=_normalised_roles(tuple(roles)),
        types={m[2]: m[3] for m in mentions},
    )
    cues = find_cues(masked)
    cue_starts = [c.start for c in cues]
    bounds = _windows(text, masked, segments, sentence_starts)
    groups: dict[int, list[int]] = {}
    for k, seg in enumerate(segments):
        groups.setdefault(seg.group, []).append(k)
    result: list[tuple[str | None, str | None]] = [(None, None)] * len(segments)
    previous: tuple[int, str | None] | None = None  # (paragraph start, speaker) of the last group's end
    for members in groups.values():
        first, last = segments[members[0]], segments[members[-1]]
        lo = bounds[bisect_right(bounds, first.open_mark) - 1]
        hi = bounds[bisect_right(bounds, last.outer_end - 1)] - 1
        line_lo = text.rfind("\n", 0, first.open_mark) + 1
        speaker = cue_verb = None
        found = False
        # 1. the line before ends "Dmitriev also added:" and this paragraph opens with the quote
        opens_paragraph = text[line_lo : first.open_mark].strip() == ""
        if opens_paragraph:
            prev_line_end = line_lo - 1
            if prev_line_end > 0 and text[:prev_line_end].rstrip().endswith(":"):
                plo = bounds[bisect_right(bounds, prev_line_end - 1) - 1]
                near = [c for c in cues if plo <= c.start < prev_line_end]
                if near:
                    cue = near[-1]
                    speaker, cue_verb, found = _speaker_of_cue(doc, cue, plo, prev_line_end, cues), cue.verb, True
        # 2. the nearest cue in the quote's sentence, outside any quote
        if not found:
            i, j = bisect_left(cue_starts, lo), bisect_left(cue_starts, hi)
            near = [c for c in cues[i:j] if c.start >= last.outer_end or c.end <= first.open_mark]
            if near:
                cue = min(near, key=lambda c: min(abs(c.start - last.outer_end), abs(first.open_mark - c.end)))
                found = True
                subject = _new_subject(doc, cue.end, first.open_mark) if cue.end <= first.open_mark else None
                if subject is not None:
                    speaker = subject
                else:
                    cue = _outer_cue(doc, cue, cues, lo) if cue.end <= first.open_mark else cue
                    speaker, cue_verb = _speaker_of_cue(doc, cue, lo, hi, cues), cue.verb
        # 2b. a heading or line "Lavrov: “...”" names the speaker before a colon
        if not found:
            head = re.fullmatch(r"\s*(\S.*?)\s*:\s*", masked[line_lo : first.open_mark])
            if head:
                a, b = line_lo + head.start(1), line_lo + head.end(1)
                named = [m for m in _mentions_in(doc, a, b) if (m[0], m[1]) == (a, b) and m[3] in ("PERSON", "ORG")]
                if named:
                    speaker, found = named[0][2], True
        # 3. no cue: a later quote in the same paragraph, or a paragraph that is one whole quote right after a
        #    paragraph with a quote, keeps the previous speaker ("“A,” he said. “B.”")
        if not found and previous is not None and previous[1] is not None:
            closes_paragraph = (
                last.close_mark is not None and text[last.outer_end : _line_end(text, last.outer_end)].strip() == ""
            )
            previous_line = text.rfind("\n", 0, max(line_lo - 1, 0)) + 1 if line_lo > 0 else -1
            if previous[0] == line_lo or (opens_paragraph and closes_paragraph and previous[0] == previous_line):
                speaker = previous[1]
        if speaker is not None and doc.types.get(speaker, "PERSON") == "PERSON":
            insort(doc.events, (first.open_mark, speaker))
        for k in members:
            result[k] = (speaker, cue_verb)
        previous = (text.rfind("\n", 0, last.open_mark) + 1, speaker)
    return result


# ------------------------------------------------------------------------------------------------- the frame


def quotes_in_text(
    text: str,
    *,
    mentions: Sequence[tuple[int, int, str, str, str]] = (),
    sentence_starts: Iterable[int] | None = None,
    sides: dict[str, str] | None = None,
    roles: Sequence[tuple[str, str]] = (),
) -> list[tuple[int, int, str, str | None, str | None, bool]]:
    """Quotes of one article as ``(start, end, text, speaker_actor_id, cue_verb, is_fragment)``.

    >>> quotes_in_text("“Talks went well,” the envoy said.")
    [(1, 16, 'Talks went well', None, 'said', False)]
    """
    segments = scan_quotes(text)
    if not segments:
        return []
    who = attribute(text, segments, mentions=mentions, sentence_starts=sentence_starts, sides=sides, roles=roles)
    return [
        (s.start, s.end, text[s.start : s.end], speaker, cue, is_fragment(text, s, cue_verb=cue))
        for s, (speaker, cue) in zip(segments, who)
    ]


def find_quotes(
    articles: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    actors: ActorTable | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The quotes frame: ``doc_id, start, end, text, speaker_actor_id, cue_verb, is_fragment``.

    ``sentences`` (from ``lib.text.sentence_table``) fixes sentence boundaries, ``mentions`` (from
    ``lib.actors.find_mentions``) and ``actors`` (the ``ActorTable``) name the speakers; each may be ``None``
    (a simple sentence splitter is used; speakers stay ``None`` without mentions or roles).

    >>> arts = pd.DataFrame({"doc_id": ["d1"], "text": ["“We are ready,” she said."]})
    >>> find_quotes(arts)[["text", "cue_verb"]].values.tolist()
    [['We are ready', 'said']]
    """
    for frame, columns, name in (
        (articles, ["doc_id", "text"], "articles"),
        (sentences, ["doc_id", "start"], "sentences"),
        (mentions, ["doc_id", "start", "end", "actor_id", "actor_type", "match_kind"], "mentions"),
    ):
        if frame is not None:
            require_columns(frame, columns, f"find_quotes: `{name}`")
    sides: dict[str, str] = {}
    roles: list[tuple[str, str]] = []
    if actors is not None:
        table = as_actor_table(actors, source="find_quotes: `actors`")
        sides = dict(table.sides)
        roles = [(role, actor_id) for actor_id, parts in table.roles.items() for role in parts]
    by_doc_mentions: dict[str, list[tuple[int, int, str, str, str]]] = {}
    if mentions is not None and len(mentions):
        columns = ["doc_id", "start", "end", "actor_id", "actor_type", "match_kind"]
        for d, s, e, a, t, k in zip(*(mentions[c].tolist() for c in columns)):
            if isinstance(a, str) and a:
                by_doc_mentions.setdefault(d, []).append((int(s), int(e), a, str(t), str(k)))
    by_doc_starts: dict[str, list[int]] | None = None
    if sentences is not None:
        by_doc_starts = {}
        for d, s in zip(sentences["doc_id"].tolist(), sentences["start"].tolist()):
            by_doc_starts.setdefault(d, []).append(int(s))
    rows = []
    for doc_id, text in zip(articles["doc_id"].tolist(), articles["text"].tolist()):
        if not isinstance(text, str):
            raise InputError(f"find_quotes: article {doc_id!r} has no text (got {type(text).__name__}).")
        starts = by_doc_starts.get(doc_id, []) if by_doc_starts is not None else None
        for row in quotes_in_text(
            text, mentions=by_doc_mentions.get(doc_id, ()), sentence_starts=starts, sides=sides, roles=roles
        ):
            rows.append((doc_id, *row))
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    frame["speaker_actor_id"] = pd.Series(list(frame["speaker_actor_id"]), dtype=object, index=frame.index)
    frame["cue_verb"] = pd.Series(list(frame["cue_verb"]), dtype=object, index=frame.index)
    frame["is_fragment"] = frame["is_fragment"].astype(bool)
    return frame
