"""Time lib.actors.find_mentions on synthetic news: by default 1,000 aliases over 2,000 articles (about 5 MB).

Everything is generated here from a seed (invented names, a small English word list, news-like sentence
templates, role descriptions, a few misspellings of the names); nothing is read from ../shared/bench.
Sentences are made with a simple regex so that only actor matching is timed.

    .venv/bin/python benchmarks/actor_matching_speed.py             # target: <= 1 s for the exact matching
    .venv/bin/python benchmarks/actor_matching_speed.py --help
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.actors import build_matcher, find_mentions  # noqa: E402

SYLLABLES = ("ka ri lo ven dra mi tor san bel ko vich ler man ston ga nu pe zo ta re shen ov ins ard "
             "mar tel gor iva nes dal bor quin has ro fe lin").split()
WORDS = ("the a of to in and on for with that said told would could officials talks government minister "
         "president ceasefire security agreement sanctions meeting week statement interview reporters deal war "
         "peace border troops energy oil prices market economy election vote parliament court report according "
         "spokesman spokeswoman envoy delegation negotiations proposal plan support aid military attack drones "
         "region city capital country leaders summit visit trip call phone early late new old first second "
         "three several many some no not also but while after before during since under over about against "
         "us we they he she it them his her their our its this these those there here today yesterday").split()
ROLE_HEADS = ("envoy", "spokesman", "minister", "negotiator", "governor")
ORG_HEADS = ("Ministry", "Agency", "Bank", "Council", "News", "Party", "Fund", "Institute", "Times", "Group")
TEMPLATES = (
    "{a} said on {day} that {b} would {verb} the {noun} in {place}.",
    "According to {b}, the {noun} {verb2} after {a} met {c}.",
    "{A} told reporters the {noun} was {adj}, while {c} disagreed.",
    "In an interview with {org}, {a} {verb2} the {noun} and the {noun2}.",
    "“We {verb} the {noun},” {a} said, adding that {org} had not commented.",
    "{Place} officials {verb2} the {noun} with {a} and {c} on {day}.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
VERBS = ("discuss", "reject", "support", "review", "delay", "sign")
VERBS2 = ("discussed", "rejected", "supported", "reviewed", "delayed", "signed")
ADJS = ("productive", "difficult", "premature", "acceptable", "impossible")


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def make_actors(n_aliases: int, *, seed: int = 0) -> pd.DataFrame:
    """An actor table with ``n_aliases`` aliases: persons (full name + surname), organisations, places."""
    rng = random.Random(seed)
    rows, used, count = [], set(), 0
    while count < n_aliases:
        kind = rng.random()
        if kind < 0.7:
            first, last = _word(rng, 2).capitalize(), _word(rng, rng.randint(2, 3)).capitalize()
            if last in used or f"{first} {last}" in used:
                continue
            aliases, typ, name = [f"{first} {last}", last], "PERSON", f"{first} {last}"
        elif kind < 0.9:
            core = _word(rng, 2).capitalize()
            name = f"{core} {rng.choice(ORG_HEADS)}"
            if name in used or core.upper() in used:
                continue
            aliases, typ = [name, core.upper()], "ORG"
        else:
            name = _word(rng, 3).capitalize()
            if name in used:
                continue
            aliases, typ = [name], "LOC"
        aliases = aliases[: n_aliases - count]
        used.update(aliases)
        count += len(aliases)
        role = f"the {_word(rng, 2)} {rng.choice(ROLE_HEADS)}" if typ == "PERSON" and rng.random() < 0.2 else ""
        if role in used:
            role = ""
        used.add(role)
        rows.append({"actor_id": f"a{len(rows)}", "name": name, "type": typ, "side": "",
                     "aliases": "|".join(aliases), "roles": role})
    return pd.DataFrame(rows)


def _typo(rng: random.Random, name: str) -> str:
    i = rng.randrange(1, len(name))
    return name[:i] + name[i - 1] + name[i:]  # doubled letter: "Witkoff" -> "Wittkoff"


def make_sentences(actors: pd.DataFrame, n_articles: int, *, chars: int = 2500, seed: int = 1) -> pd.DataFrame:
    """News-like articles of about ``chars`` characters each, split into a sentences frame."""
    rng = random.Random(seed)
    names = [a for cell in actors["aliases"] for a in cell.split("|")]
    roles = [r for r in actors["roles"] if r]
    orgs = [a for cell, t in zip(actors["aliases"], actors["type"]) if t == "ORG" for a in cell.split("|")]
    places = [a for cell, t in zip(actors["aliases"], actors["type"]) if t == "LOC" for a in cell.split("|")]
    filler = [_word(rng, rng.randint(1, 3)) for _ in range(2000)]
    rows = []
    for doc in range(n_articles):
        parts, length = [], 0
        while length < chars:
            def name() -> str:
                if rng.random() < 0.15:  # most sentences also name nobody in the table
                    return _word(rng, 2).capitalize() + " " + _word(rng, 2).capitalize()
                if roles and rng.random() < 0.05:
                    return rng.choice(roles)
                n = rng.choice(names)
                return _typo(rng, n) if rng.random() < 0.02 and " " not in n else n

            sentence = rng.choice(TEMPLATES).format(
                a=name(), b=name(), c=name(), A=name(), org=rng.choice(orgs), day=rng.choice(DAYS),
                verb=rng.choice(VERBS), verb2=rng.choice(VERBS2), adj=rng.choice(ADJS),
                noun=rng.choice(WORDS), noun2=rng.choice(filler), place=rng.choice(places),
                Place=rng.choice(places))
            if rng.random() < 0.5:
                sentence += " " + " ".join(rng.choice(WORDS + filler) for _ in range(rng.randint(8, 20))) + "."
            parts.append(sentence)
            length += len(sentence) + 1
        text = " ".join(parts)
        for sent_id, m in enumerate(re.finditer(r"[^.]+\.", text)):
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            rows.append((f"doc{doc:05d}", sent_id, start, m.end(), text[start:m.end()]))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "text"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aliases", type=int, default=1000, help="aliases in the actor table (default 1000)")
    parser.add_argument("--articles", type=int, default=2000, help="number of articles (default 2000)")
    parser.add_argument("--chars", type=int, default=2500, help="characters per article (default 2500)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if min(args.aliases, args.articles, args.chars, args.repeat) < 1:
        parser.error("--aliases, --articles, --chars and --repeat must be positive")

    actors = make_actors(args.aliases, seed=args.seed)
    sentences = make_sentences(actors, args.articles, chars=args.chars, seed=args.seed + 1)
    megabytes = sentences["text"].str.len().sum() / 1e6
    print(f"corpus: {args.articles} articles, {len(sentences)} sentences, {megabytes:.2f} MB of sentence text; "
          f"table: {len(actors)} actors, {args.aliases} aliases, {int(actors['roles'].ne('').sum())} role descriptions")

    t0 = time.perf_counter()
    matcher = build_matcher(actors)  # built once per table, then passed to every call
    print(f"build matcher (validate + compile one pattern): {time.perf_counter() - t0:.3f} s")

    for label, options in (("exact (aliases, surnames, role descriptions)", {"fuzzy": False}),
                           ("exact + fuzzy variants", {"fuzzy": True})):
        best, best_cpu, found, first = float("inf"), float("inf"), None, None
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            found = find_mentions(sentences, matcher, **options)
            best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
            first = first if first is not None else time.perf_counter() - t0
        kinds = found["match_kind"].value_counts().to_dict()
        print(f"find_mentions {label}: {best:.3f} s wall, {best_cpu:.3f} s CPU (best of {args.repeat}), "
              f"first call {first:.3f} s, {len(found)} mentions {kinds}, {megabytes / best:.1f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
