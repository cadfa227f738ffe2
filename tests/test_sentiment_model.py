"""Tests for lib.sentiment.model and the choice of method in lib.sentiment.target_polarity: the shipped model
loads offline from the installed files and matches its provenance record, encoding maps character spans to
word pieces, and fixed news sentences get fixed tones. Sentences are news-like text written for these tests
(none is from NewsMTSC)."""

from __future__ import annotations

import hashlib
import socket

import numpy as np
import pytest

from lib import sentiment as S
from lib.errors import InputError, ResourceMissing
from lib.sentiment import model as M
from lib.sentiment.target import graded_score


@pytest.fixture
def fresh_model():
    """Clear the cached config, tokenizer and session before and after a test that reloads them."""
    for f in (M.config, M.tokenizer, M.session):
        f.cache_clear()
    yield
    for f in (M.config, M.tokenizer, M.session):
        f.cache_clear()


# ---------------------------------------------------------------- loading
def test_model_loads_offline_from_the_installed_files(monkeypatch, fresh_model):
    def no_network(*args, **kwargs):
        raise AssertionError("the portrayal model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert [i.name for i in M.session().get_inputs()] == ["input_ids", "token_type_ids", "attention_mask",
                                                          "target_mask"]
    assert M.target_polarities([("Critics slammed Smith over the scandal.", 16, 21)]) == [-1]


def test_shipped_files_match_the_hashes_in_the_provenance_readme():
    readme = (M.MODEL_DIR / "README.md").read_text(encoding="utf-8")
    for name in (M.config()["model_file"], "tokenizer.json"):
        digest = hashlib.sha256((M.MODEL_DIR / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}" in readme, name
    assert (M.MODEL_DIR / M.config()["model_file"]).stat().st_size < 150e6


def test_missing_model_file_fails_with_one_clear_message(monkeypatch, fresh_model, tmp_path):
    monkeypatch.setattr(M, "MODEL_DIR", tmp_path)
    with pytest.raises(ResourceMissing, match="requirements.txt"):
        M.session()
    with pytest.raises(ResourceMissing, match="requirements.txt"):
        M.check_installed()


# ---------------------------------------------------------------- encoding
def test_encode_marks_the_target_word_pieces_and_tokenizes_each_text_once():
    text = "Zelensky met Putin in Istanbul."
    (ids, types, spans, which), (_, types2, spans2, which2) = M.encode([(text, 0, 8), (text, 13, 18)], max_len=64)
    assert ids[0] == M.tokenizer().token_to_id("[CLS]") and ids[-1] == M.tokenizer().token_to_id("[SEP]")
    a, b = spans[0]
    assert types[a:b] == [1] * (b - a) and sum(types) == b - a
    pieces = M.tokenizer().encode(text, add_special_tokens=False).tokens
    assert "".join(pieces[i - 1] for i in range(*spans2[0])).replace("#", "") == "putin"
    assert which == [0] and which2 == [1] and types2 != types


def test_encode_windows_long_texts_around_the_target():
    text = "Talks went on. " * 60 + "Smith resigned in disgrace." + " The end came." * 60
    start = text.index("Smith")
    ids, types, spans, _ = M.encode([(text, start, start + 5)], max_len=48)[0]
    assert len(ids) == 48
    a, b = spans[0]
    assert 0 < a < b < 47 and M.tokenizer().id_to_token(ids[a]) == "smith"


@pytest.mark.parametrize("span", [(5, 5), (-1, 3), (0, 99), (3, 2)])
def test_bad_spans_raise_input_error(span):
    with pytest.raises(InputError):
        M.target_polarities([("Smith won the vote.", *span)])


def test_graded_scores_agree_with_the_winning_class():
    probs = np.array([[0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.4, 0.45, 0.15]])
    scores = M.graded(probs)
    assert scores[0] < -0.05 and scores[2] > 0.05
    assert all(-0.05 < s < 0.05 for s in scores[[1, 3]])
    assert scores[1] > 0 > scores[3]


# ---------------------------------------------------------------- fixed sentences
# Clear cases, labelled by reading them; the model's known misses are listed in notebook 02 instead. The first
# Russia sentence is the one from issue 11 that the lexicon cues scored +0.75 for Russia.
FIXED = [
    ("Critics slammed Smith over the scandal.", "Smith", -1),
    ("Voters praised Jones for her honesty.", "Jones", 1),
    ("Russia is insisting on assurances that will prevent Ukraine from joining NATO.", "Russia", 0),
    ("Rebels attacked the convoy, killing three soldiers.", "Rebels", -1),
    ("The envoy met Lavrov in Riyadh.", "Lavrov", 0),
    ("Trump hailed the deal as a historic breakthrough for peace.", "Trump", 1),
    ("The mayor was arrested on corruption charges on Friday.", "mayor", -1),
    ("Prosecutors accused Smith of fraud, while voters praised Jones as a hero.", "Smith", -1),
]


def test_fixed_sentences_get_fixed_polarities():
    items = [(text, text.index(target), text.index(target) + len(target)) for text, target, _ in FIXED]
    assert M.target_polarities(items) == [label for *_, label in FIXED]
    one_by_one = [M.target_polarities([item])[0] for item in items]
    assert one_by_one == [label for *_, label in FIXED]


def test_target_polarity_defaults_to_the_model_and_keeps_the_lexicon_method_by_name():
    text = "Prosecutors accused Smith of fraud, while voters praised Jones as a hero."
    for target in ("Smith", "Jones"):
        start = text.index(target)
        item = (text, start, start + len(target))
        assert S.target_polarity(*item) == M.target_polarities([item])[0]
        assert S.target_score(*item) == pytest.approx(M.target_scores([item])[0])
        assert S.target_score(*item, method="lexicon") == pytest.approx(graded_score(S.target_features(*item)))
    with pytest.raises(InputError, match="method"):
        S.target_polarity(text, 0, 11, method="bert")
