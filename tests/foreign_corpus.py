"""A small news corpus about a story that is not the bundled one (river floods in the English Midlands), written
for the tests: every article is built from the sentences below, so each person is named in several forms (full
name, surname, "Ms X", possessive), with organisations and places around them.

``write_folder`` lays it out the way published news datasets are (section folders with repeated file stems,
one file in Latin-1, one exact duplicate); ``write_tsv`` writes the same articles as a TSV export with the
usual synonym columns (``ID``, ``source``, ``published``, ``body``). ``PEOPLE``, ``ORGS`` and ``PLACES`` are
what an automatic actor table of it must find, with their types.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

PEOPLE = {"Laura Whitfield": "whitfield", "Tom Ashby": "ashby", "Priya Nair": "nair", "Martin Kessler": "kessler"}
ORGS = ["Environment Agency", "Met Office", "River Severn Trust"]
PLACES = ["Shrewsbury", "Worcester", "Gloucester"]
OUTLETS = ["The Midland Courier", "Severn Post", "midlandcourier.co.uk"]

SENTENCES = [
    "Environment Secretary Laura Whitfield visited Shrewsbury on Monday as the river rose again.",
    "Whitfield said the government would release emergency funds for flood defences.",
    "“We will not leave these towns to fend for themselves,” Ms Whitfield told reporters in Worcester.",
    "Critics said Whitfield's plan came too late for families already forced from their homes.",
    "Mayor Tom Ashby asked the Environment Agency for more temporary barriers along the quay.",
    "Ashby said the city had done everything it could with the money it had.",
    "“Our pumps ran all night, and they were not enough,” Mr Ashby said.",
    "Priya Nair, director of the River Severn Trust, warned that the defences were built for a smaller river.",
    "Nair said peat bogs upstream could hold back water if farmers were paid to restore them.",
    "“Concrete alone will not save Gloucester,” Ms Nair said at a meeting of residents.",
    "Martin Kessler, chief executive of the water company, apologised for sewage spills into the floodwater.",
    "Kessler said repairs to the treatment works in Worcester would take weeks.",
    "Residents booed Mr Kessler when he arrived at the town hall in Gloucester.",
    "The Met Office issued an amber warning for heavy rain across the west of England.",
    "The Environment Agency said river levels in Shrewsbury were the highest since 2000.",
    "Forecasters at the Met Office expect more rain later in the week.",
    "Volunteers filled sandbags outside the cathedral in Worcester through the night.",
    "Insurance claims in Gloucester have doubled since the start of the month.",
    "Schools in Shrewsbury stayed closed for a third day.",
    "The Environment Agency has opened a rest centre for people who left their homes.",
]


def articles(n: int = 24, *, seed: int = 7) -> list[dict]:
    """``n`` articles of eight sentences each, with a title, an outlet and a date (the same every time)."""
    rng = random.Random(seed)
    rows = []
    for k in range(n):
        body = " ".join(rng.sample(SENTENCES, 8))
        rows.append({"title": f"Floods: day {k + 1} of the high water", "outlet": OUTLETS[k % len(OUTLETS)],
                     "date": f"2024-11-{k % 28 + 1:02d}", "text": body})
    return rows


def write_folder(root: Path, n: int = 24) -> Path:
    """Section folders (``news/``, ``politics/``, ``business/``) with repeated stems (``001.txt`` in each), one
    file saved in Latin-1 (with a pound sign), and one exact duplicate of another article."""
    root = Path(root)
    sections = ["news", "politics", "business"]
    for k, row in enumerate(articles(n)):
        folder = root / sections[k % 3]
        folder.mkdir(parents=True, exist_ok=True)
        text = f"{row['title']}\n\n{row['text']}\n"
        if k == 1:  # Latin-1 has no curly quotes: straight ones in this file
            text = text.replace("“", '"').replace("”", '"')
            (folder / f"{k // 3 + 1:03d}.txt").write_bytes((text + "Damage is put at £40m.\n").encode("latin-1"))
        else:
            (folder / f"{k // 3 + 1:03d}.txt").write_text(text, encoding="utf-8")
    first = (root / "news" / "001.txt").read_bytes()
    (root / "news" / "copy_of_001.txt").write_bytes(first)  # an exact duplicate: kept once and listed
    return root


def write_tsv(path: Path, n: int = 24) -> Path:
    """The same articles as a TSV export: columns ``ID``, ``source``, ``published``, ``headline``, ``body``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t")
        writer.writerow(["ID", "source", "published", "headline", "body"])
        for k, row in enumerate(articles(n)):
            writer.writerow([f"story-{k:03d}", row["outlet"], row["date"], row["title"], row["text"]])
    return path
