"""Bytes to text: encodings, binary and gibberish detection, and the main text of an HTML page.

>>> decode_bytes("Zelensky’s".encode("cp1252"))
('Zelensky’s', 'cp1252')
"""

from __future__ import annotations

import codecs

from lib.errors import InputError

__all__ = ["decode_bytes", "html_to_text", "is_gibberish", "looks_like_html", "sniff_encoding"]

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
SAMPLE = 8192
GIBBERISH_SAMPLE = 32_768
HTML_FIELDS = (("title", "title"), ("date", "date"), ("author", "author"), ("outlet", "sitename"), ("url", "url"))
# htmldate without its "extensive" search reads dates from metadata and markup only, never from free text such
# as a "© 2025" footer (which would invent a publication date).
HTML_DATE_CONFIG = {"extensive_search": False, "original_date": True}


def decode_bytes(raw: bytes, *, name: str = "file") -> tuple[str, str]:
    """Decode raw bytes, detecting the encoding; return ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised; other bytes are read as cp1252 (a superset
    of latin-1 for printable text), falling back to latin-1. Binary data (NUL bytes or many control
    characters) is refused.

    >>> decode_bytes(b"caf\\xe9")
    ('café', 'cp1252')
    """
    codec = sniff_encoding(raw[:SAMPLE], name=name)
    if codec:
        return raw.decode(codec), codec
    for codec in ("utf-8", "cp1252"):
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def sniff_encoding(head: bytes, *, name: str = "file") -> str:
    """The codec a byte-order mark names (``""`` without one), from the first bytes of a file; binary data (NUL
    bytes or many control characters) is refused.

    >>> sniff_encoding(b"\\xef\\xbb\\xbfid,text"), sniff_encoding(b"id,text")
    ('utf-8-sig', '')
    """
    for bom, codec in BOMS:
        if head.startswith(bom):
            return codec
    if b"\x00" in head[:SAMPLE] or _control_share(head[:SAMPLE]) > 0.05:
        raise InputError(f"{name} looks binary, not text; a corpus holds .txt or .html articles or one table file.")
    return ""


def is_gibberish(raw: bytes) -> bool:
    """True when bytes that are not UTF-8 read as no language in any encoding (random bytes, say).

    Uses charset-normalizer's coherence test: it finds no plausible encoding and language for random bytes,
    while real latin-1, cp1252 or cp1251 text gets one. UTF-8 text is never called gibberish here.

    >>> is_gibberish("Les négociations reprendront à Genève lundi, a dit le ministre.".encode("latin-1"))
    False
    >>> import random; random.seed(0)
    >>> is_gibberish(bytes(random.randrange(128, 256) for _ in range(4000)))
    True
    """
    import charset_normalizer

    sample = raw[:GIBBERISH_SAMPLE]
    try:
        sample.decode("utf-8")
        return False
    except UnicodeDecodeError:
        pass
    return charset_normalizer.from_bytes(sample).best() is None


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


def looks_like_html(text: str) -> bool:
    """True for a text that is an HTML page rather than plain text.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    """
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_text(html: str, *, name: str) -> tuple[str, dict[str, str]]:
    """Main text and metadata of a web page, via trafilatura (boilerplate-aware extraction).

    The date comes from the page's metadata (``<meta>``, ``<time>``, JSON-LD), never from a copyright line.
    """
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html, date_config=HTML_DATE_CONFIG)
    found = {}
    if meta is not None:
        for field, attr in HTML_FIELDS:
            value = getattr(meta, attr, None)
            if value:
                found[field] = str(value)
    if not text.strip():
        raise InputError(f"{name}: no article text could be extracted from this HTML page.")
    return text, found
