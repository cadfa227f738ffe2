"""lib.sentiment.validation and lib.sentiment.readable: the labelling exercise and honest small numbers."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from lib import sentiment as sent
from lib.errors import InputError

SMALL = Path(__file__).parent / "data" / "tone_labels_small.csv"


def evidence(n_sentences: int = 40) -> pd.DataFrame:
    rows = []
    for i in range(n_sentences):
        for actor in ("x", "y"):
            rows.append({"doc_id": f"d{i % 3}", "actor_id": actor, "kind": "portrayal", "sent_id": i,
                         "start": 0, "end": 5, "score": (i % 5 - 2) / 4, "text": f"Sentence {i}."})
    rows.append({"doc_id": "d0", "actor_id": "x", "kind": "voice", "sent_id": 0, "start": 0, "end": 5,
                 "score": 0.9, "text": "A quote."})
    return pd.DataFrame(rows)


def test_known_kappa_on_a_hand_computed_file():
    labels = sent.read_labels(SMALL)
    # label -> 1 1 1 0 0 0 0 -1 -1 -1 ; the tool -> 1 1 0 0 0 0 1 -1 -1 0
    labels["tool"] = [1, 1, 0, 0, 0, 0, 1, -1, -1, 0]
    # p_o = 7/10; p_e = .3*.3 + .4*.5 + .3*.2 = .35; kappa = (.7 - .35) / .65 = 7/13
    assert sent.agreement(labels, a="label", b="tool") == {"n": 10, "accuracy": 0.7, "kappa": round(7 / 13, 6)}
    # second student: row 10 left blank, so 9 pairs; p_o = 8/9, p_e = (3*2 + 4*5 + 2*2)/81 = 30/81 -> 14/17
    assert sent.agreement(labels, a="label", b="label_2") == {"n": 9, "accuracy": round(8 / 9, 6),
                                                              "kappa": round(14 / 17, 6)}
    wrong = sent.disagreements(labels, a="label", b="tool")
    assert wrong["item"].tolist() == [3, 7, 10]


def test_kappa_agrees_with_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    a = [1, 0, -1, 0, 1, 1, -1, 0, 0, 1, -1]
    b = [1, 0, 0, 0, -1, 1, -1, 1, 0, 1, -1]
    assert sent.cohen_kappa(a, b) == pytest.approx(metrics.cohen_kappa_score(a, b), abs=1e-6)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ([1, 1, 0], [1, 1, 0], 1.0),
    ([0, 0, 0], [0, 0, 0], None),   # one class only: chance agreement is 1, kappa undefined
    ([1, -1], [-1, 1], -1.0),
])
def test_kappa_edge_cases(a, b, expected):
    value = sent.cohen_kappa(a, b)
    assert math.isnan(value) if expected is None else value == expected


def test_a_bad_label_names_its_row(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("doc_id,sent_id,actor_id,text,label\nd1,0,x,Fine.,1\nd1,1,x,Hm.,maybe\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels.csv, row 3: label 'maybe'"):
        sent.read_labels(path)
    with pytest.raises(InputError, match="does not exist"):
        sent.read_labels(tmp_path / "missing.csv")


def test_template_is_seeded_one_unit_per_sentence_and_hides_the_tool():
    ev = evidence()
    first = sent.validation_sample(ev, n=25, seed=3)
    assert first.equals(sent.validation_sample(ev, n=25, seed=3))
    assert not first.equals(sent.validation_sample(ev, n=25, seed=4))
    assert list(first.columns) == sent.validation.TEMPLATE_COLUMNS and "score" not in first.columns
    assert len(first) == 25 and not first.duplicated(["doc_id", "sent_id"]).any()
    assert (first["label"] == "").all() and first["item"].tolist() == list(range(1, 26))
    assert len(sent.validation_sample(ev, n=100)) == 40  # never more than one unit per sentence


def test_labels_meet_the_tool_by_sentence_and_actor(tmp_path):
    ev = evidence()
    template = sent.validation_sample(ev, n=6, seed=0)
    template["label"] = ["1", "0", "-1", "0", "", "positive"]
    path = tmp_path / "filled.csv"
    template.to_csv(path, index=False)
    joined = sent.with_tool(sent.read_labels(path), ev)
    expected = [sent.polarity_class(s) for s in joined["score"]]
    assert joined["tool"].tolist() == expected
    assert sent.agreement(joined)["n"] == 5  # the blank label is not counted
    foreign = sent.with_tool(sent.read_labels(path), ev.assign(doc_id="other"))
    assert foreign["tool"].isna().all() and sent.agreement(foreign)["n"] == 0


def test_small_groups_read_too_few_never_a_number():
    summary = sent.tone_summary(pd.DataFrame({"actor_id": ["a"] * 4 + ["b"], "kind": "portrayal",
                                              "score": [0.1, 0.3, 0.2, 0.2, -0.95]}), n_boot=200)
    cells = sent.tone_cells(summary, min_units=3)
    assert cells.iloc[1] == "too few (n=1)"
    assert cells.iloc[0].startswith("+0.20 [") and cells.iloc[0].endswith("n=4")
    assert sent.enough_units(summary, min_units=3).tolist() == [True, False]
    with pytest.raises(InputError):
        sent.enough_units(summary, min_units=0)
