"""Unicode repair with ftfy, skipped where ftfy provably changes nothing.

``ftfy.fix_text`` costs about a millisecond per news article, almost all of it on lines it leaves alone.
:func:`fix_unicode` gives exactly ``ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")`` and
calls ftfy only on the lines that need it. ftfy fixes each line on its own (the only state carried from
line to line: after a line holding ``<``, HTML entities are no longer decoded), and a line is left alone when

* every character is in :func:`safe_alphabet`: printable ASCII except ``&`` (no HTML entity can start),
  tab, newline, and the typographic marks of :data:`CANDIDATES` that pass two checks made on the installed
  ftfy when the alphabet is first built: each of ftfy's character fixers (control characters, line breaks,
  widths, ligatures, C1 controls, surrogates, terminal escapes) leaves the character unchanged, and ftfy's
  mojibake detector (``ftfy.badness.BADNESS_RE``, which gates every encoding fix) cannot match any string
  over the alphabet: some character class of each of its branches admits no character of the alphabet;
* and the text is in NFC already (checked once per text: NFC is decided line by line, a newline never
  composes).

>>> fix_unicode("Zelenskyâ€™s “plan” — ok")
'Zelensky’s “plan” — ok'
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

__all__ = ["CANDIDATES", "fix_unicode", "safe_alphabet"]

#: Typographic marks common in copied news text, tried in this order (the order decides which of two marks
#: that could form mojibake together is kept, e.g. the closing quote before the pound sign).
CANDIDATES = "’“”—–‘…\u00a0•·©°″′‐―"
_ASCII = "\t\n" + "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) != "&")
_CHAR_FIXERS = ("fix_c1_controls", "fix_latin_ligatures", "fix_character_width", "fix_line_breaks",
                "fix_surrogates", "remove_terminal_escapes", "remove_control_chars")


def _ftfy(text: str) -> str:
    import ftfy

    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")


def _untouched_by_fixers(char: str) -> bool:
    """ftfy's character fixers and NFC leave ``char`` as it is."""
    from ftfy import FIXERS

    return all(FIXERS[name](char) == char for name in _CHAR_FIXERS) and \
        unicodedata.normalize("NFC", char) == char and not unicodedata.combining(char)


def _class_matches(pattern: re.Pattern, universe: str) -> list[set[str] | None]:
    """For each branch of ``pattern``: the sets of ``universe`` characters its one-character items admit
    (``None`` for a branch with an item this check does not understand, which then never proves safety)."""
    from re import _compiler, _parser  # the parsed form of the pattern; any surprise makes this fail safe

    parsed = _parser.parse(pattern.pattern, pattern.flags)
    top = parsed.data
    branches = top[0][1][1] if len(top) == 1 and top[0][0] == _parser.BRANCH else [parsed]
    single = {_parser.LITERAL, _parser.NOT_LITERAL, _parser.IN, _parser.ANY, _parser.CATEGORY}
    result = []
    for branch in branches:
        sets: list[set[str]] | None = []
        for op, av in branch.data:
            if op == _parser.AT or (op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) and av[0] == 0):
                continue  # an anchor or an optional part constrains nothing
            if op not in single:
                sets = None
                break
            item = _compiler.compile(_parser.SubPattern(branch.state, [(op, av)]), pattern.flags)
            sets.append({c for c in universe if item.fullmatch(c)})
        result.append(sets)
    return result


def _can_match(classes: list[list[set[str]] | None], alphabet: set[str]) -> bool:
    """Whether some branch could match a string over ``alphabet`` (every one of its items admits a character)."""
    return any(sets is None or all(s & alphabet for s in sets) for sets in classes)


@cache
def safe_alphabet() -> frozenset[str]:
    """The characters a line may hold for ftfy to leave it unchanged (see the module docstring); just the
    ASCII part if the installed ftfy is not what this check understands.

    >>> {"a", "’", "“", "”", "—"} <= safe_alphabet(), "&" in safe_alphabet()
    (True, False)
    """
    try:
        from ftfy.badness import BADNESS_RE

        classes = _class_matches(BADNESS_RE, _ASCII + CANDIDATES)
        alphabet = {c for c in _ASCII if _untouched_by_fixers(c)}
        if len(alphabet) != len(_ASCII) or _can_match(classes, alphabet):
            return frozenset()
        for char in CANDIDATES:
            if _untouched_by_fixers(char) and not _can_match(classes, alphabet | {char}):
                alphabet.add(char)
    except (ImportError, AttributeError, TypeError, IndexError, re.error):  # another ftfy or Python
        return frozenset()
    return frozenset(alphabet)


@cache
def _unsafe() -> re.Pattern | None:
    alphabet = safe_alphabet()
    return re.compile("[^" + "".join(re.escape(c) for c in sorted(alphabet)) + "]") if alphabet else None


def fix_unicode(text: str) -> str:
    """``ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")``: mojibake repaired, NFC, curly quotes
    kept; ftfy runs only on the lines it could change.

    >>> fix_unicode("Cafe\\u0301 &amp; bar"), fix_unicode("plain line\\nCafé")
    ('Café & bar', 'plain line\\nCafé')
    """
    unsafe = _unsafe()
    if unsafe is None or not isinstance(text, str) or len(text) > 1_000_000:
        return _ftfy(text)  # ftfy cuts lines longer than this; let it do so itself
    if not unicodedata.is_normalized("NFC", text):
        return _ftfy(text)
    if unsafe.search(text) is None:
        return text
    import ftfy

    out, html_seen = [], False
    lines = text.split("\n")
    for k, line in enumerate(lines):
        segment = line if k == len(lines) - 1 else line + "\n"
        html_seen = html_seen or "<" in segment  # ftfy stops decoding entities from the first line with "<" on
        if unsafe.search(segment) is None:
            out.append(segment)
        else:
            out.append(ftfy.fix_text(segment, uncurl_quotes=False, normalization="NFC",
                                     unescape_html=False if html_seen else "auto"))
    return "".join(out)
