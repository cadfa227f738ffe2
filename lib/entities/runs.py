"""Runs: maximal sequences of name tokens, the candidates the label rules look at.

Name tokens separated by single spaces form a run; connectors that occur inside names bridge two parts:
particles ("Charles de Gaulle"), "the" before an epithet or a nationality ("Alexander the Great"), "of",
"for", "and" and "&" inside an organisation or place name ("Bank of England", "Department of Health and Human
Services", "AT & T"), and a possessive inside an organisation's name ("People's Republic of China").

>>> from lib.entities.lexicon import default_lexicon
>>> from lib.entities.tokens import tokens
>>> t = "She joined the Bank of England after Russia and Ukraine talked."
>>> [" ".join(tokens(t)[k][2] for k in run) for run in runs(t, tokens(t), default_lexicon(), set(), set())]
['She', 'Bank of England', 'Russia', 'Ukraine']
"""

from __future__ import annotations

from lib.entities.labels import looks_common
from lib.entities.lexicon import Lexicon
from lib.entities.tokens import Token, is_name_token

__all__ = ["runs"]

_SPACES = frozenset({" ", "\u00a0"})
_BRIDGES = frozenset({"of", "for", "and", "&"})
_POSSESSIVES = ("'s", "’s")


def runs(text: str, toks: list[Token], lex: Lexicon, heading: set[int], seen: set[str]) -> list[list[int]]:
    """Maximal runs of name tokens (as token indices), bridged by connectors inside names; on headings ordinary
    words that are not used as names elsewhere (``seen``) break runs."""
    name = [is_name_token(t, lex) and not (k in heading and t not in seen and looks_common(t, lex))
            for k, (_, _, t) in enumerate(toks)]
    out: list[list[int]] = []
    i = 0
    while i < len(toks):
        if not name[i]:
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(toks):
            step = _continuation(text, toks, name, run, j, lex)
            if not step:
                break
            run.extend(range(j, j + step))
            j += step
        out.append(run)
        i = j
    return out


def _spaced(text: str, toks: list[Token], k: int) -> bool:
    """Whether token ``k`` and the next one are separated by exactly one space."""
    return text[toks[k][1] : toks[k + 1][0]] in _SPACES


def _continuation(text: str, toks: list[Token], name: list[bool], run: list[int], j: int, lex: Lexicon) -> int:
    """How many tokens from ``j`` on continue ``run`` (0: the run ends before ``j``)."""
    n = len(toks)
    gap = text[toks[j - 1][1] : toks[j][0]]
    tok = toks[j][2]
    low = tok.lower()
    nxt = j + 1
    if gap == "" and tok in _POSSESSIVES:  # "People's Republic of China"
        owner = toks[run[-1]][2].lower()
        return 2 if owner in lex.possessive_heads and nxt < n and name[nxt] and _spaced(text, toks, j) else 0
    if gap not in _SPACES:
        return 0
    if name[j]:
        return 1
    if nxt >= n or not _spaced(text, toks, j):
        return 0
    if low in lex.name_particles and name[nxt]:
        return 2
    after_the = toks[nxt][2].lower()
    if low == "the" and name[nxt] and (after_the in lex.epithets or after_the in lex.demonyms):
        return 2
    if low in _BRIDGES and _bridge_ok(toks, run, j, name, text, lex):
        return 2 if toks[nxt][2].lower() == "the" and nxt + 1 < n else 1
    return 0


def _bridge_ok(toks: list[Token], run: list[int], j: int, name: list[bool], text: str, lex: Lexicon) -> bool:
    """Whether 'of', 'for', 'and' or '&' at j joins two parts of one organisation or place name."""
    n = len(toks)
    low = toks[j][2].lower()
    k = j + 1
    if k < n and toks[k][2].lower() == "the" and low in ("of", "for"):
        k += 1
    if k >= n or not name[k] or text[toks[k - 1][1] : toks[k][0]] not in _SPACES:
        return False
    if low == "&":
        return True
    left = [toks[r][2].lower() for r in run if name[r]]
    right_end = k
    while right_end + 1 < n and name[right_end + 1] and _spaced(text, toks, right_end):
        right_end += 1
    right_last = toks[right_end][2].lower()
    if low in ("of", "for"):
        heads = lex.org_heads | lex.loc_heads | lex.org_starts | lex.of_heads
        return any(w in heads for w in left)
    # "and": "Department of Health and Human Services", not "Russia and Ukraine"
    return right_last in lex.org_heads and left[-1] not in lex.org_heads and " ".join(left) not in lex.places
