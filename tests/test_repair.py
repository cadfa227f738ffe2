"""lib.repair: exactly ftfy's output, with ftfy called only on the lines it could change."""

from __future__ import annotations

import random

import ftfy
import pytest
from ftfy.badness import is_bad

from lib.repair import CANDIDATES, fix_unicode, safe_alphabet


def reference(text: str) -> str:
    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")


@pytest.mark.parametrize(
    "text",
    [
        "Zelenskyâ€™s office said “no” — again…",  # mojibake on a line of safe marks
        "Plain line.\nZelenskyâ€™s office\nAnother plain line.\n",
        "Tom &amp; Jerry\n<p>markup</p>\nTom &amp; Jerry",  # entities decoded only before the first "<" line
        "<b>x</b> &amp; y\nTom &amp; Jerry",
        "AT&T said\r\nthe deal\rwas done\u2028today",  # line breaks
        "Cafe\u0301 owner",  # not NFC: the whole text goes to ftfy
        "bell\x07 and \x1b[31mred\x1b[0m text",  # control characters, terminal escapes
        "Pérez said “fine” in ＬＯＵＤ letters with ﬁne ligatures",
        "é”a is what ftfy calls mojibake",
        "\u00a0\u00a0no-break spaces \u2013 and a \u2015 bar\n\n",
        "",
        "\n",
        "price £5 after ”",
    ],
)
def test_fix_unicode_is_ftfy(text):
    assert fix_unicode(text) == reference(text)


def test_fix_unicode_matches_ftfy_on_random_text():
    pool = list("ab Z.,'\"<>;\n\t") + list(CANDIDATES) + list("&é£€ÃÂâœ\x85\r\u2028\x1b\ufffdﬁＡ\u0301") \
        + ["&amp;", "&eacute;", "Ã©", "â€œ", "\r\n", "<b>", "\n"]
    rng = random.Random(12)
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    assert [fix_unicode(t) for t in texts] == [reference(t) for t in texts]


def test_safe_text_never_reaches_ftfy(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("ftfy called on a text it cannot change")

    monkeypatch.setattr(ftfy, "fix_text", refuse)
    text = "“We’re close,” he said — after talks… in Kyiv.\n\n‘Fine’ • © 2025 · 5°"
    assert fix_unicode(text) == text


def test_only_the_unsafe_line_reaches_ftfy(monkeypatch):
    seen = []
    real = ftfy.fix_text

    def spy(text, *args, **kwargs):
        seen.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(ftfy, "fix_text", spy)
    assert fix_unicode("Safe “line”.\nZelenskyâ€™s office\nSafe again.") == \
        "Safe “line”.\nZelensky’s office\nSafe again."
    assert seen == ["Zelenskyâ€™s office\n"]


def test_alphabet_keeps_marks_that_could_form_mojibake_apart():
    alphabet = safe_alphabet()
    assert set(CANDIDATES) <= alphabet and "&" not in alphabet and "\r" not in alphabet
    assert is_bad("é”a") and "é" not in alphabet  # an accented letter next to a closing quote is mojibake to ftfy
