"""lib.params: one clear line for each wrong parameter value."""

from __future__ import annotations

import pytest

from lib import params
from lib.errors import InputError


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: params.check_range("top_n", 0, low=1), "at least 1"),
        (lambda: params.check_range("threshold", 1.5, low=0, high=1), "at most 1"),
        (lambda: params.check_range("top_n", 2.5, low=1, integer=True), "must be a number|must be a int"),
        (lambda: params.check_range("top_n", "ten", low=1), "got 'ten'"),
        (lambda: params.check_range("top_n", True, low=0), "got True"),
        (lambda: params.check_choice("mode", "fast", ["raw", "per_1000_words"]), "one of 'raw', 'per_1000_words'"),
        (lambda: params.check_path("corpus", "no/such/folder"), "does not exist"),
        (lambda: params.check_path("actors", "data/corpus", kind="file"), "is not a file"),
        (lambda: params.check_path("corpus", "data/actors.csv", kind="dir"), "is not a folder"),
        (lambda: params.check_type("actors", 3, (list, tuple)), "must be a list or a tuple"),
    ],
)
def test_bad_values_raise_one_clear_line(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_good_values_are_returned():
    assert params.check_range("t", 0.5, low=0, high=1) == 0.5
    assert params.check_range("n", 3, low=1, integer=True) == 3
    assert params.check_choice("m", "raw", ["raw"]) == "raw"
    assert params.check_path("corpus", "data/corpus", kind="dir").name == "corpus"
