"""Clean copied news text: repair Unicode, tidy whitespace, drop page boilerplate, lift metadata lines.

Two kinds of step:

* text steps, ``str -> str`` (:func:`fix_unicode`, :func:`normalize_whitespace`), applied to the whole text;
* line rules, each a small predicate with a name; a line a rule matches is removed from the text and recorded
  in the **audit** (doc_id, line_no, line, rule), or lifted into metadata (date, byline) and recorded too.

Nothing is lost silently: every removed non-blank line appears in the audit. The result keeps one paragraph
or heading per line, joined by ``"\\n"``, curly quotes kept (they tell opening from closing quotes).

>>> text, removed, meta = clean_text("By Jane Roe\\nTalks resumed.\\nRead more:\\n- Other story")
>>> text, meta["author"], [r for _, _, r in removed]
('Talks resumed.', 'Jane Roe', ['byline', 'related_links', 'related_links'])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from lib.repair import fix_unicode  # ftfy, only on the lines it could change
from lib.text import straighten_quotes  # for comparing lines; the cleaned text keeps its curly quotes

__all__ = [
    "AUDIT_COLUMNS",
    "LINE_RULES",
    "clean_articles",
    "clean_text",
    "fix_unicode",
    "normalize_whitespace",
    "straighten_quotes",
]

AUDIT_COLUMNS = ["doc_id", "line_no", "line", "rule"]
MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
DATE_LINE = re.compile(
    rf"^(?:(?:Published|Updated|Posted)(?: on)?:?\s+)?{WEEKDAY}"
    rf"(?:{MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}){TIME}$",
    re.IGNORECASE,
)
NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|bin|da|di|la|le))*"
BYLINE = re.compile(rf"^(?:By|Written by|Author:)\s+({NAME}(?:\s*(?:,|and|&)\s*{NAME})*)(?:\s*[,|–—-]\s*.*)?$")
LINK_LIST_HEADER = re.compile(
    r"^(?:read (?:more|also|next)|related(?: (?:articles|stories|news|coverage))?|more (?:from|on) .{0,40}"
    r"|see also|recommended(?: for you)?|you may also like|also read)\s*:?$",
    re.IGNORECASE,
)
LIST_ITEM = re.compile(r"^(?:[-–—•*·▪►]|\d+[.)])\s+\S")
PAGE_CHROME = re.compile(
    r"^(?:most (?:popular|read|viewed)|trending(?: now)?|top stories|latest news|advertisement|sponsored(?: content)?"
    r"|share(?: this(?: article| story)?)?(?: on \w+)?|share via.*|follow us.*|subscribe\b.*|sign up\b.*"
    r"|click here\b.*|(?:copyright\s*)?©.*|all rights reserved\.?|comments?|print|email|tags?:.*"
    r"|(?:leave|add) a comment|skip to (?:main )?content)\s*:?$",
    re.IGNORECASE,
)
GLUED_CRUMBS = re.compile(r"^(?:[A-Z][a-z]+){2,}(?=[A-Z])")
CRUMB_TRAIL = re.compile(r"^(?:[\w&' -]{1,30}\s*[>»/|›]\s*){2,}[\w&' -]{1,60}$")
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # SPACES without the plain space


# ---------------------------------------------------------------- text steps
def normalize_whitespace(text: str) -> str:
    """Unify line breaks, turn tabs/no-break/zero-width spaces into plain spaces, trim each line.

    >>> normalize_whitespace("  Kyiv\\u00a0 said\\r\\n\\u200bTalks ")
    'Kyiv said\\nTalks'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = ZERO_WIDTH.sub("", text)
    if "  " in text or ODD_SPACE.search(text):  # else every run of SPACES is one plain space already
        text = SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


# ---------------------------------------------------------------- line rules
@dataclass(frozen=True)
class Context:
    """What a line rule may look at: the line, its neighbours, and whether it follows a link-list header."""

    line: str
    index: int
    lines: Sequence[str]
    in_link_list: bool


def _is_breadcrumb(ctx: Context) -> bool:
    """Navigation glued to a title ("HomeWorldEuropeTop Russian…") or a trail ("Home > World > Europe")."""
    if CRUMB_TRAIL.match(ctx.line) and len(ctx.line.split()) <= 12:
        return True
    glued = GLUED_CRUMBS.match(ctx.line)
    if not glued:
        return False
    rest = _key(ctx.line[glued.end():])
    return any(_key(other) == rest for i, other in enumerate(ctx.lines) if i != ctx.index and other)


def _is_repeated_title(ctx: Context) -> bool:
    """A short line that repeats an earlier line among the first few (a title printed twice)."""
    if ctx.index > 6 or len(ctx.line.split()) > 25:
        return False
    return any(_key(other) == _key(ctx.line) for other in ctx.lines[: ctx.index] if other)


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", straighten_quotes(line)).strip().casefold()


LineRule = tuple[str, Callable[[Context], bool]]
LINE_RULES: tuple[LineRule, ...] = (
    ("date_line", lambda c: bool(DATE_LINE.match(c.line))),
    ("byline", lambda c: bool(BYLINE.match(c.line)) and len(c.line.split()) <= 12),
    ("breadcrumb", _is_breadcrumb),
    ("repeated_title", _is_repeated_title),
    ("related_links", lambda c: bool(LINK_LIST_HEADER.match(c.line) or (c.in_link_list and LIST_ITEM.match(c.line)))),
    ("page_chrome", lambda c: bool(PAGE_CHROME.match(c.line))),
)


def clean_text(text: str, *, rules: Sequence[LineRule] = LINE_RULES) -> tuple[str, list[tuple[int, str, str]], dict]:
    """Clean one article. Returns ``(text, removed, metadata)``.

    ``removed`` lists ``(line_no, line, rule)`` for every non-blank line taken out (1-based line numbers of the
    repaired raw text); ``metadata`` holds ``date``, ``author`` and ``title`` found in the text (or "").
    """
    lines = normalize_whitespace(fix_unicode(text)).split("\n")
    kept: list[str] = []
    removed: list[tuple[int, str, str]] = []
    meta = {"date": "", "author": "", "title": ""}
    in_link_list = False
    for index, line in enumerate(lines):
        if not line:
            continue
        ctx = Context(line, index, lines, in_link_list)
        rule = next((name for name, matches in rules if matches(ctx)), None)
        if rule is None:
            kept.append(line)
            in_link_list = False
            continue
        removed.append((index + 1, line, rule))
        in_link_list = rule == "related_links"
        if rule == "date_line" and not meta["date"]:
            meta["date"] = _iso_date(line)
        elif rule == "byline" and not meta["author"]:
            meta["author"] = BYLINE.match(line).group(1).strip()
    if kept and _looks_like_title(kept[0]) and len(kept) > 1:
        meta["title"] = kept[0]
    return "\n".join(kept), removed, meta


def _looks_like_title(line: str) -> bool:
    """A headline: short, and not ending like a sentence."""
    words = len(line.split())
    return 3 <= words <= 25 and not re.search(r"[.!?:;,][\"”’']?$", line)


def _iso_date(line: str) -> str:
    from dateutil import parser

    cleaned = re.sub(r"^(?:Published|Updated|Posted)(?: on)?:?\s+", "", line, flags=re.IGNORECASE)
    try:
        return parser.parse(cleaned, fuzzy=True, ignoretz=True).date().isoformat()
    except (ValueError, OverflowError):
        return ""


# ---------------------------------------------------------------- frames
def clean_articles(
    articles: pd.DataFrame, *, rules: Sequence[LineRule] = LINE_RULES
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean every article; return ``(cleaned articles, audit)``. The input frame is not modified.

    Metadata found in the text (date line, byline, headline) fills only fields that are still blank, so a
    sidecar always wins. The raw text stays available through ``source`` and ``raw_sha256``.
    """
    cleaned = articles.copy()
    audit_rows = []
    texts = []
    for i, row in enumerate(articles.itertuples(index=False)):
        text, removed, meta = clean_text(row.text, rules=rules)
        texts.append(text)
        audit_rows += [(row.doc_id, line_no, line, rule) for line_no, line, rule in removed]
        for field, value in meta.items():
            if value and not str(cleaned.at[cleaned.index[i], field]).strip():
                cleaned.at[cleaned.index[i], field] = value
    cleaned["text"] = texts
    audit = pd.DataFrame(audit_rows, columns=AUDIT_COLUMNS)
    return cleaned, audit
