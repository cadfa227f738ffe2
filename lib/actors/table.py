"""The actor table: one validated, immutable :class:`ActorTable` value, and the checks that make it.

``data/actors.csv`` has one row per actor with ``|``-separated aliases, role descriptions and side words.
Everything that needs actors accepts an ``ActorTable``; a plain frame is turned into one by
:func:`as_actor_table` (validated there, once).

>>> table = ActorTable.from_frame(pd.DataFrame({"actor_id": ["putin"], "name": ["Vladimir Putin"],
...     "type": ["person"], "side": ["Russia"], "aliases": ["Putin"], "side_words": ["Russian|Kremlin"]}))
>>> table.names["putin"], table.aliases["putin"], table.side_words["kremlin"]
('Vladimir Putin', ('Putin',), 'Russia')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd

from lib.errors import InputError

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_TYPES",
    "TABLE_COLUMNS",
    "ActorTable",
    "as_actor_table",
    "split_field",
    "validate_actors",
    "with_names",
]

ACTOR_COLUMNS = ["actor_id", "name", "type", "side", "aliases", "roles"]
OPTIONAL_COLUMNS = ["side_words"]  # later additions: tables written before them still load
TABLE_COLUMNS = ACTOR_COLUMNS + OPTIONAL_COLUMNS
REQUIRED_COLUMNS = ["actor_id", "name", "type", "aliases"]
ACTOR_TYPES = ("PERSON", "ORG", "LOC")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_SPACES = re.compile(r"\s+")
LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")


def split_field(value: object) -> list[str]:
    """Split a ``|``-separated table cell into its stripped parts (``""`` -> ``[]``).

    >>> split_field(" Putin | Vladimir Putin ")
    ['Putin', 'Vladimir Putin']
    """
    if value is None or (isinstance(value, float) and value != value):
        return []
    text = str(value).strip()
    return [part.strip() for part in text.split("|")] if text else []


def norm(text: str) -> str:
    """Key used to compare aliases: NFC, one apostrophe, single spaces.

    >>> norm(" Putin’s  envoy ")
    "Putin's envoy"
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_APOSTROPHES)).strip()


def _clean_cells(actors: pd.DataFrame) -> pd.DataFrame:
    """A copy with every table column present as stripped NFC strings and upper-case types."""
    frame = actors.copy()
    for col in TABLE_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
        frame[col] = pd.Series(
            ["" if v is None or (isinstance(v, float) and v != v) else unicodedata.normalize("NFC", str(v)).strip()
             for v in frame[col]], index=frame.index, dtype=object)
    frame["type"] = pd.Series([t.upper() for t in frame["type"]], index=frame.index, dtype=object)
    extra = [c for c in frame.columns if c not in TABLE_COLUMNS]
    return frame[TABLE_COLUMNS + extra].reset_index(drop=True)


def _check_identity(row, where: str, seen_ids: dict[str, int], line: int, source: str) -> None:
    if not row.actor_id:
        raise InputError(f"{source}, line {line}: missing actor_id (name {row.name!r}); give every actor a lower "
                         f"snake case id such as 'jane_doe'.")
    if not ID_PATTERN.match(row.actor_id):
        raise InputError(f"{source}, line {line}: actor_id {row.actor_id!r} must be lower snake case "
                         f"(letters, digits, _).")
    if row.actor_id in seen_ids:
        raise InputError(f"{where}: duplicate actor_id, already used on line {seen_ids[row.actor_id]}.")
    seen_ids[row.actor_id] = line
    if not row.name:
        raise InputError(f"{where}: missing name; give the name to show in reports.")
    if row.type not in ACTOR_TYPES:
        raise InputError(f"{where}: bad type {row.type!r}; use one of {', '.join(ACTOR_TYPES)}.")


_KEYS = {"aliases": norm, "roles": lambda s: norm(s).casefold(), "side_words": lambda s: norm(s).casefold()}
_WHAT = {"aliases": "alias", "roles": "role", "side_words": "side word"}


def _check_names(row, where: str, column: str, owners: dict[str, tuple[str, int]], line: int) -> None:
    """Parts of ``column`` must not be empty and must point at one actor (side words: at one side)."""
    cell = getattr(row, column)
    parts = split_field(cell)
    if cell and any(not part for part in parts):
        raise InputError(f"{where}: empty alias in {column} {cell!r}; remove the extra '|'.")
    if column == "side_words" and parts and not row.side:
        raise InputError(f"{where}: side words {cell!r} need a side; fill in the side column or clear them.")
    names = parts + ([LEADING_ARTICLE.sub("", row.name)] if column == "aliases" else [])
    owner = row.side.casefold() if column == "side_words" else row.actor_id
    for part in dict.fromkeys(_KEYS[column](p) for p in names):
        other = owners.get(part)
        if other and other[0] != owner:
            target = f"side {other[0]!r}" if column == "side_words" else f"actor {other[0]!r}"
            raise InputError(f"{where}: {_WHAT[column]} {part!r} also names {target} (line {other[1]}); one name "
                             f"must point at one {'side' if column == 'side_words' else 'actor'}.")
        owners[part] = (owner, line)


def validate_actors(actors: pd.DataFrame, *, source: str = "Actor table",
                    lines: Sequence[int] | None = None) -> pd.DataFrame:
    """Check an actor frame and return a clean copy (stripped, NFC, upper-case types, all table columns).

    ``lines`` gives the file line of each row for messages; by default row ``i`` is line ``i + 2``.

    >>> validate_actors(pd.DataFrame({"actor_id": ["nato"], "name": ["NATO"], "type": ["org"],
    ...                               "aliases": ["NATO"]})).loc[0, "type"]
    'ORG'
    """
    if not isinstance(actors, pd.DataFrame):
        raise InputError(f"{source}: expected a pandas DataFrame, got {type(actors).__name__}.")
    missing = [col for col in REQUIRED_COLUMNS if col not in actors.columns]
    if missing:
        raise InputError(f"{source}: missing column(s) {', '.join(missing)} (expected {','.join(ACTOR_COLUMNS)}).")
    lines = list(lines) if lines is not None else [i + 2 for i in range(len(actors))]
    frame = _clean_cells(actors)
    seen_ids: dict[str, int] = {}
    owners: dict[str, dict[str, tuple[str, int]]] = {column: {} for column in _KEYS}
    for line, row in zip(lines, frame.itertuples(index=False)):
        _check_identity(row, f"{source}, line {line} (actor {row.actor_id!r})", seen_ids, line, source)
        for column in _KEYS:
            _check_names(row, f"{source}, line {line} (actor {row.actor_id!r})", column, owners[column], line)
    return frame


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, eq=False)
class ActorTable:
    """A validated actor table: the frame plus its parsed cells (build with ``from_frame`` or ``load_actors``).

    ``aliases`` and ``roles`` map actor_id to a tuple of strings as written; ``sides`` maps actor_id to its
    side (actors without one are left out); ``side_words`` maps a casefolded side word ("russian") to the side
    it names ("Russia"). ``frame`` returns a copy, so the table never changes after validation.
    """

    _frame: pd.DataFrame = field(repr=False)
    names: Mapping[str, str]
    types: Mapping[str, str]
    sides: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]]
    roles: Mapping[str, tuple[str, ...]]
    side_words: Mapping[str, str]

    @classmethod
    def from_frame(cls, actors: pd.DataFrame, *, source: str = "Actor table",
                   lines: Sequence[int] | None = None) -> ActorTable:
        """Validate ``actors`` (see ``validate_actors``) and parse its cells once."""
        frame = validate_actors(actors, source=source, lines=lines)
        ids = frame["actor_id"].tolist()
        side_words: dict[str, str] = {}
        for side, cell in zip(frame["side"], frame["side_words"]):
            for word in split_field(cell):
                side_words.setdefault(norm(word).casefold(), side)
        return cls(
            frame,
            names=_frozen(zip(ids, frame["name"])),
            types=_frozen(zip(ids, frame["type"])),
            sides=_frozen((a, s) for a, s in zip(ids, frame["side"]) if s),
            aliases=_frozen((a, tuple(split_field(c))) for a, c in zip(ids, frame["aliases"])),
            roles=_frozen((a, tuple(split_field(c))) for a, c in zip(ids, frame["roles"])),
            side_words=_frozen(side_words),
        )

    @property
    def frame(self) -> pd.DataFrame:
        """A copy of the validated frame (columns ``TABLE_COLUMNS`` and any extra ones)."""
        return self._frame.copy()

    @property
    def ids(self) -> list[str]:
        """The actor ids in table order."""
        return list(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        shown = ", ".join(self.ids[:5]) + (", …" if len(self) > 5 else "")
        return f"ActorTable({len(self)} actors: {shown})"


def as_actor_table(actors: ActorTable | pd.DataFrame, *, source: str = "Actor table") -> ActorTable:
    """``actors`` itself when it is an ``ActorTable``; a frame is validated into one (the single coercion).

    >>> as_actor_table(pd.DataFrame({"actor_id": ["cnn"], "name": ["CNN"], "type": ["ORG"], "aliases": [""]}))
    ActorTable(1 actors: cnn)
    """
    if isinstance(actors, ActorTable):
        return actors
    if isinstance(actors, pd.DataFrame):
        return ActorTable.from_frame(actors, source=source)
    raise InputError(f"{source}: expected an ActorTable (lib.actors.load_actors) or a pandas DataFrame, "
                     f"got {type(actors).__name__}.")


def with_names(frame: pd.DataFrame, actors: ActorTable | pd.DataFrame, *, column: str = "actor_id",
               name: str = "name") -> pd.DataFrame:
    """A copy of ``frame`` with the actors' names in a ``name`` column right after ``column`` (ids the table
    does not know keep their id as name; missing ids stay empty).

    >>> t = pd.DataFrame({"actor_id": ["cnn"], "name": ["CNN News"], "type": ["ORG"], "aliases": [""]})
    >>> with_names(pd.DataFrame({"actor_id": ["cnn", "x"], "n": [2, 1]}), t).values.tolist()
    [['cnn', 'CNN News', 2], ['x', 'x', 1]]
    """
    if column not in frame.columns:
        raise InputError(f"with_names: the frame has no column {column!r}; it has "
                         f"{', '.join(map(str, frame.columns))}.")
    names = as_actor_table(actors).names
    ids = frame[column]
    out = frame.drop(columns=[name]) if name in frame.columns and name != column else frame.copy()
    out.insert(out.columns.get_loc(column) + 1, name, ids.map(names).fillna(ids))
    return out


_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")


def strip_name(text: str) -> str:
    """A found name without its possessive, leading article and edge punctuation.

    >>> strip_name("the Kremlin’s")
    'Kremlin'
    """
    text = _SPACES.sub(" ", _POSSESSIVE.sub("", text.strip()))
    return LEADING_ARTICLE.sub("", text).strip(" ,;:")
