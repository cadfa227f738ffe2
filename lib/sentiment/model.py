"""Tone towards a mention with a fine-tuned small encoder (MiniLM-L6, int8 ONNX), offline, on CPU.

The model reads the whole sentence with the mention's word pieces marked (BERT segment id 1 on the target's
tokens, 0 elsewhere), pools the encoder's last layer over the target's tokens, joins that with the ``[CLS]``
vector, and a linear layer gives P(negative), P(neutral), P(positive). Files, licence, hashes, the training
command and scores: ``lib/resources/portrayal_model/README.md``. Training: ``training/train_portrayal.py``.
This is the default method of :func:`lib.sentiment.target_polarity` and :func:`lib.sentiment.target_score`.

Loading runs no code from the model files: ``tokenizer.json`` (Hugging Face ``tokenizers``) and an ONNX graph
run by ``onnxruntime``. Everything here is pure numpy apart from :func:`session`.

>>> target_polarities([("Critics slammed Smith over the scandal.", 16, 21)])
[-1]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import numpy as np

from lib.errors import InputError, ResourceMissing
from lib.resources import RESOURCES

__all__ = [
    "MODEL_DIR",
    "batch_arrays",
    "check_installed",
    "config",
    "encode",
    "graded",
    "predict_proba",
    "session",
    "target_polarities",
    "target_scores",
    "tokenizer",
]

MODEL_DIR = RESOURCES / "portrayal_model"
_FIX = "run `pip install -r requirements.txt` (onnxruntime, tokenizers) and check lib/resources/portrayal_model/"
Item = tuple[str, int, int]
Sequence_ = tuple[list[int], list[int], list[tuple[int, int]], list[int]]  # ids, type ids, token spans, item indices


# ---------------------------------------------------------------- resources
@cache
def config() -> dict:
    """The model's settings (``config.json`` beside the model): max_len, labels, file name.

    >>> config()["labels"]
    [-1, 0, 1]
    """
    path = MODEL_DIR / "config.json"
    if not path.is_file():
        raise ResourceMissing(f"The portrayal model's {path} is missing; {_FIX}.")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def tokenizer(path: str | None = None):
    """The word-piece tokenizer (``tokenizer.json``), without truncation or padding (we window ourselves).

    >>> tokenizer().encode("Putin", add_special_tokens=False).tokens
    ['putin']
    """
    try:
        from tokenizers import Tokenizer
    except ImportError:
        raise ResourceMissing(f"The package tokenizers is missing; {_FIX}.") from None
    file = Path(path) if path else MODEL_DIR / "tokenizer.json"
    if not file.is_file():
        raise ResourceMissing(f"The tokenizer file {file} is missing; {_FIX}.")
    tok = Tokenizer.from_file(str(file))
    tok.no_truncation()
    tok.no_padding()
    return tok


@cache
def session():
    """The ONNX Runtime session for the shipped model (loaded once), on one thread without spin-waiting.

    One thread is the fastest setting measured on two shared cores (``benchmarks/portrayal_speed.py``: two
    spinning threads ran at less than half the rate), and reports already run two notebooks at a time.

    >>> [i.name for i in session().get_inputs()]
    ['input_ids', 'token_type_ids', 'attention_mask', 'target_mask']
    """
    try:
        import onnxruntime as ort
    except ImportError:
        raise ResourceMissing(f"The package onnxruntime is missing; {_FIX}.") from None
    file = MODEL_DIR / config()["model_file"]
    if not file.is_file():
        raise ResourceMissing(f"The portrayal model {file} is missing; {_FIX}.")
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(file), sess_options=opts, providers=["CPUExecutionProvider"])


def check_installed() -> None:
    """Fail fast with :class:`lib.errors.ResourceMissing` unless the model, tokenizer and runtime are installed.

    >>> check_installed()
    """
    tokenizer()
    if not (MODEL_DIR / config()["model_file"]).is_file():
        raise ResourceMissing(f"The portrayal model {MODEL_DIR / config()['model_file']} is missing; {_FIX}.")
    from importlib.util import find_spec

    if find_spec("onnxruntime") is None:
        raise ResourceMissing(f"The package onnxruntime is missing; {_FIX}.")


# ---------------------------------------------------------------- encoding (shared with training)
def _check(text: str, start: int, end: int) -> None:
    if not isinstance(text, str):
        raise InputError(f"Expected text as a string, got {type(text).__name__}.")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise InputError(f"The span {start}:{end} is not a non-empty span inside a text of {len(text)} characters.")


def _token_span(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Indices [a, b) of the tokens overlapping characters [start, end); the next token if none overlaps."""
    hit = [i for i, (a, b) in enumerate(offsets) if a < end and b > start]
    if hit:
        return hit[0], hit[-1] + 1
    after = [i for i, (a, _) in enumerate(offsets) if a >= start]
    i = after[0] if after else max(len(offsets) - 1, 0)
    return i, i + 1


def _window(n: int, a: int, b: int, width: int) -> int:
    """First token of a ``width``-token window over ``n`` tokens that holds [a, b), centred on it."""
    if n <= width:
        return 0
    lo = a - (width - min(b - a, width)) // 2
    return max(0, min(lo, n - width))


def encode(items: Sequence[Item], *, tok=None, max_len: int = 128, mark: bool = True) -> list[Sequence_]:
    """One input sequence per item: ``[CLS]`` + a window of word pieces around the target + ``[SEP]``.

    Each text is tokenized once for all its targets; ``mark`` sets segment id 1 on the target's tokens.
    Returns ``(ids, type_ids, [(a, b)], [item index])``.

    >>> ids, types, spans, which = encode([("Smith won.", 0, 5)])[0]
    >>> spans, types
    ([(1, 2)], [0, 1, 0, 0, 0])
    """
    tok = tok or tokenizer()
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    width = max_len - 2
    seen: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}
    out = []
    for k, (text, start, end) in enumerate(items):
        _check(text, start, end)
        if text not in seen:
            enc = tok.encode(text, add_special_tokens=False)
            seen[text] = (enc.ids, enc.offsets)
        ids, offsets = seen[text]
        a, b = _token_span(offsets, start, end)
        lo = _window(len(ids), a, b, width)
        body = ids[lo:lo + width]
        a, b = a - lo + 1, min(b - lo, width) + 1
        types = [0] * (len(body) + 2)
        types[a:b] = [int(mark)] * (b - a)
        out.append(([cls, *body, sep], types, [(a, b)], [k]))
    return out


def batch_arrays(seqs: Sequence[Sequence_]) -> dict[str, np.ndarray]:
    """Pad a batch of sequences into the model's four inputs (int64 ids, float32 target mask).

    >>> {k: v.shape for k, v in batch_arrays(encode([("Smith won.", 0, 5)])).items()}["target_mask"]
    (1, 1, 5)
    """
    n, width = len(seqs), max(len(s[0]) for s in seqs)
    most = max(len(s[2]) for s in seqs)
    ids = np.zeros((n, width), dtype=np.int64)
    types, mask = np.zeros_like(ids), np.zeros_like(ids)
    target = np.zeros((n, most, width), dtype=np.float32)
    for i, (row, typ, spans, _) in enumerate(seqs):
        ids[i, :len(row)], types[i, :len(row)], mask[i, :len(row)] = row, typ, 1
        for j, (a, b) in enumerate(spans):
            target[i, j, a:b] = 1.0
    return {"input_ids": ids, "token_type_ids": types, "attention_mask": mask, "target_mask": target}


# ---------------------------------------------------------------- inference
def predict_proba(items: Iterable[Item], *, batch_size: int = 32) -> np.ndarray:
    """P(negative), P(neutral), P(positive) for each ``(text, start, end)``, shape (n, 3).

    Sequences are sorted by length and run in batches, so padding stays short. int8 activations are quantised
    per batch, so a probability can differ by about 0.01 from the same item scored alone.

    >>> predict_proba([("Voters praised Jones for her honesty.", 15, 20)]).argmax(axis=1).tolist()
    [2]
    """
    items = list(items)
    seqs = encode(items, max_len=int(config()["max_len"]), mark=bool(config()["mark"]))
    out = np.zeros((len(items), 3), dtype=np.float32)
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i][0]))
    sess = session()
    for lo in range(0, len(order), batch_size):
        chunk = [seqs[i] for i in order[lo:lo + batch_size]]
        logits = sess.run(["logits"], batch_arrays(chunk))[0]
        z = np.exp(logits - logits.max(axis=-1, keepdims=True))
        probs = z / z.sum(axis=-1, keepdims=True)
        for i, seq in enumerate(chunk):
            for j, k in enumerate(seq[3]):
                out[k] = probs[i, j]
    return out


def graded(probs: np.ndarray) -> np.ndarray:
    """Graded scores in [-1, 1] from class probabilities, with ±0.05 as the class boundaries.

    Winning class positive: 0.05 + 0.95 x its margin over the runner-up; negative: the mirror image; neutral:
    0.05 x (P(pos) - P(neg)) / (P(pos) + P(neg)), strictly inside (-0.05, 0.05).

    >>> graded(np.array([[0.1, 0.2, 0.7]])).round(3).tolist()
    [0.525]
    """
    neg, neu, pos = probs[:, 0], probs[:, 1], probs[:, 2]
    mid = 0.05 * (pos - neg) / np.maximum(pos + neg, 1e-12) * (1 - 1e-6)
    up = 0.05 + 0.95 * (pos - np.maximum(neg, neu))
    down = -0.05 - 0.95 * (neg - np.maximum(pos, neu))
    win = probs.argmax(axis=1)
    return np.where(win == 2, up, np.where(win == 0, down, mid))


def target_scores(items: Iterable[Item], *, batch_size: int = 32) -> list[float]:
    """Graded tone towards each mention, in [-1, 1] (see :func:`graded`).

    >>> target_scores([("Critics slammed Smith over the scandal.", 16, 21)])[0] < -0.05
    True
    """
    return [float(s) for s in graded(predict_proba(items, batch_size=batch_size))]


def target_polarities(items: Iterable[Item], *, batch_size: int = 32) -> list[int]:
    """-1, 0 or 1 for each ``(text, start, end)``: the most probable class.

    >>> target_polarities([("Voters praised Jones for her honesty.", 15, 20)])
    [1]
    """
    labels = config()["labels"]
    return [int(labels[i]) for i in predict_proba(items, batch_size=batch_size).argmax(axis=1)]
