"""From runs to entities: trim each run, split off nationality and titles, label it, then make the labels of
one text agree ("one sense per text") and join "Denver, Colorado".

>>> find_entities("Officials in Kyiv met NATO envoys.")
[(13, 17, 'LOC'), (22, 26, 'ORG')]
"""

from __future__ import annotations

from lib.entities.labels import label, looks_common
from lib.entities.lexicon import Lexicon, default_lexicon
from lib.entities.runs import runs
from lib.entities.tokens import PLURAL_ACRONYM_RE, Token, heading_tokens, initial_flags, is_name_token, tokens
from lib.errors import InputError

__all__ = ["LABELS", "find_entities"]

LABELS = ("PERSON", "ORG", "LOC", "MISC")
Found = tuple[int, int, str, bool]  # start, end, label, strong evidence
_GUESS_ORDER = ("ORG", "LOC", "PERSON", "MISC")
_POSSESSIVE_MARKS = ("'s", "’s", "'", "’")


def find_entities(text: str, *, lexicon: Lexicon | None = None) -> list[tuple[int, int, str]]:
    """Find person, organisation, place and other (MISC: nationalities, events) names in English text.

    Returns sorted, non-overlapping ``(start, end, label)`` spans with ``label`` in ``LABELS``;
    ``text[start:end]`` is the name, without titles ("President"), "the" or a possessive "'s". ``lexicon``
    defaults to the shipped word lists (:func:`lib.entities.default_lexicon`).

    Example:
        >>> find_entities("Russian President Vladimir Putin met U.S. envoy Steve Witkoff in Moscow.")
        [(0, 7, 'MISC'), (18, 32, 'PERSON'), (37, 41, 'LOC'), (48, 61, 'PERSON'), (65, 71, 'LOC')]
    """
    if not isinstance(text, str):
        raise InputError(f"find_entities expects a str, got {type(text).__name__}.")
    if not text or not any(c.isupper() for c in text):
        return []
    lex = default_lexicon() if lexicon is None else lexicon
    toks = tokens(text)
    heading = heading_tokens(text, toks, lex.function_words)
    initial = [flag or k in heading for k, flag in enumerate(initial_flags(text, toks))]
    # capitalised words away from a sentence start: "Trump" in "... Melania Trump" makes "Trump's" a name
    seen = {tok for k, (_, _, tok) in enumerate(toks) if not initial[k] and is_name_token(tok, lex)}
    found: list[Found] = []
    for run in runs(text, toks, lex, heading, seen):
        found.extend(_resolve_run(run, toks, initial, seen, lex))
    return _merge_places(text, _harmonise(text, found), lex)


def _title_prefix(lower: list[str], lex: Lexicon) -> int:
    """How many leading words form a title ("former deputy prime minister"); 0 when there is no title noun."""
    p = 0
    while p < len(lower) and (lower[p] in lex.title_words or (lower[p].endswith("s") and lower[p][:-1] in lex.titles)):
        p += 1
    return p if any(w in lex.titles or w[:-1] in lex.titles for w in lower[:p]) else 0


def _drops_first(run: list[int], toks: list[Token], initial: list[bool], seen: set[str], lex: Lexicon) -> bool:
    """Whether the run's first word is a function word, or an ordinary word capitalised by its position."""
    first = toks[run[0]][2]
    low = first.lower().rstrip(".")
    if low in lex.function_words:
        return True
    rest = [toks[k][2].lower() for k in run[1:]]
    if rest and (rest[-1] in lex.org_heads or rest[-1] in lex.loc_heads or low in lex.name_particles):
        return False
    if not initial[run[0]] or low in lex.titles or first in seen:
        return False
    possessed = run[0] + 1 < len(toks) and toks[run[0] + 1][2] in _POSSESSIVE_MARKS
    if possessed:
        return low in lex.common
    return looks_common(first, lex, strict=bool(rest)) or (low in lex.title_words and not _title_prefix(rest, lex))


def _trim(run: list[int], toks: list[Token], initial: list[bool], seen: set[str], lex: Lexicon) -> list[int]:
    """Drop leading function words and sentence-initial ordinary words, then non-name tokens at either end."""
    while run:
        joined = " ".join(toks[k][2].lower() for k in run)
        if joined in lex.places or joined in lex.orgs or not _drops_first(run, toks, initial, seen, lex):
            break
        run = run[1:]
        while run and not is_name_token(toks[run[0]][2], lex):
            run = run[1:]
    while run and not is_name_token(toks[run[-1]][2], lex):
        run = run[:-1]
    return run


def _nationality(lower: list[str], lex: Lexicon) -> tuple[str | None, int]:
    """A nationality or country in front of a title or a name ("Russian President ...", "U.S. envoy"):
    (its label or None, how many words it has)."""
    lead = 2 if len(lower) > 2 and lower[0] in lex.compass | {"new"} and lower[1] in lex.demonyms else 1
    rest = lower[lead:]
    if not rest or lower[-1] in lex.org_heads or lower[-1] in lex.loc_heads:
        return None, lead
    prefix = " ".join(lower[:lead])
    kind = "MISC" if prefix.split()[-1] in lex.demonyms else (
        "LOC" if prefix in lex.country_codes or prefix in lex.regions else None)
    if kind and (rest[0] in lex.first_names or _title_prefix(rest, lex) or (
            kind == "MISC" and len(rest) > 1 and not any(w in lex.lexical for w in rest))):
        return kind, lead
    return None, lead


def _resolve_run(run: list[int], toks: list[Token], initial: list[bool], seen: set[str], lex: Lexicon
                 ) -> list[Found]:
    """Trim one run (sentence-initial words, titles, nationality), then label what is left."""
    out: list[Found] = []
    run = _trim(run, toks, initial, seen, lex)
    if not run:
        return out
    lower = [toks[k][2].lower().rstrip(".") for k in run]
    kind, lead = _nationality(lower, lex)
    if kind:
        out.append((toks[run[0]][0], toks[run[lead - 1]][1], kind, True))
        run, lower = run[lead:], lower[lead:]
    after_title = False
    if lower[-1] not in lex.org_heads:  # titles: "Foreign Minister Sergei Lavrov" -> "Sergei Lavrov"
        p = _title_prefix(lower, lex)
        if p == len(lower) or all(w in lex.title_words for w in lower):
            return out
        if p:
            run, lower, after_title = run[p:], lower[p:], True
    words = [toks[k][2] for k in run]
    if _not_a_name(lower, words, after_title, lex):
        return out
    prev = toks[run[0] - 1][2].lower() if run[0] > 0 else ""
    nxt = toks[run[-1] + 1][2].lower() if run[-1] + 1 < len(toks) else ""
    found, sure = label(words, after_title=after_title, prev=prev, nxt=nxt, lex=lex)
    if found:
        out.append((toks[run[0]][0], toks[run[-1]][1], found, sure))
    return out


def _not_a_name(lower: list[str], words: list[str], after_title: bool, lex: Lexicon) -> bool:
    """Months, days, the pronoun "I", plural acronyms ("MPs"), ordinary words alone in mid-sentence."""
    if all(w in lex.months_days for w in lower) or lower == ["i"] or (len(lower) == 1 and lower[0] in lex.not_names):
        return True
    return len(words) == 1 and not after_title and (
        (lower[0] in lex.common and lower[0] not in lex.orgs) or bool(PLURAL_ACRONYM_RE.match(words[0]))
    )


def _merge_places(text: str, spans: list[tuple[int, int, str]], lex: Lexicon) -> list[tuple[int, int, str]]:
    """Join "Denver, Colorado" (a town, a comma, a state or country) into one place; not "Brazil, India"."""
    out: list[tuple[int, int, str]] = []
    merged = False
    for span in spans:
        if out and not merged and out[-1][2] == "LOC" and span[2] == "LOC" and text[out[-1][1] : span[0]] == ", " \
                and text[span[0] : span[1]].lower() in lex.regions \
                and text[out[-1][0] : out[-1][1]].lower() not in lex.regions:
            out[-1] = (out[-1][0], span[1], "LOC")
            merged = True
        else:
            out.append(span)
            merged = False
    return out


def _harmonise(text: str, found: list[Found]) -> list[tuple[int, int, str]]:
    """One sense per text: a guessed label yields to a confident label of the same name elsewhere.

    A one-word name that is the last word of a confident PERSON ("Donald Trump") is a PERSON too.
    """
    strong: dict[str, str] = {}
    surnames: set[str] = set()
    guesses: dict[str, list[str]] = {}
    for a, b, lab, sure in found:
        if sure and lab:
            strong.setdefault(text[a:b], lab)
            if lab == "PERSON" and " " in text[a:b]:
                surnames.add(text[a:b].rsplit(" ", 1)[1])
        if not sure:
            guesses.setdefault(text[a:b], []).append(lab)
    out = []
    for a, b, lab, sure in found:
        surface = text[a:b]
        if not sure:
            if surface in surnames:
                lab = "PERSON"
            elif surface in strong:
                lab = strong[surface]
            elif len(set(guesses[surface])) > 1:  # several guesses: the most frequent, a non-person on a tie
                votes = guesses[surface]
                lab = max(_GUESS_ORDER, key=lambda x: (votes.count(x), x != "PERSON"))
        out.append((a, b, lab))
    return out
