#!/usr/bin/env python3
"""Train the kit's s2s-small recogniser (§21.2): a small Whisper-style encoder-decoder with attention, and export it
as two ONNX graphs whose decoding loop runs in Java.

Input: the folder written by `./earshot train s2s-small` (the same kit log-mel features as ctc-small: `<split>.f32`
float32 [frames × 80] and `<split>.jsonl`).

Model: encoder = fixed affine normalisation → Conv1d(80→160, k5) → ReLU → Conv1d(160→160, k5, stride 3) → ReLU →
bidirectional GRU (128 per direction): one 256-vector ("memory") per 30 ms. Decoder, one character per step, with
input feeding: GRUCell([embedding(previous token), previous context]) → hidden; dot-product attention of
Wq·hidden over the memory → weights → context; log-softmax(W·[hidden, context]) over <pad>, <s>, </s>, space, a–z,
'. Training: teacher forcing, cross entropy with label smoothing 0.1, plus 0.3 × a CTC loss on the encoder (joint
CTC-attention training: the CTC head makes the encoder learn monotonic alignments fast; it is not exported), the same
mel-axis warping and SpecAugment as ctc-small, Adam one-cycle, fixed seed, CPU.

Output: encoder.onnx (`features` [1, time, 80] → `memory` [1, frames, 256]), decoder.onnx (`token` [1] int64,
`hidden` [1, 256], `context` [1, 256], `memory` → `log_probs` [1, 31], `hidden_out`, `context_out`, `attention`
[1, frames]), vocab.json, training-log.txt, metrics.json (greedy WER per split and per voice), card.md.
"""
import argparse
import json
import os
import random
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ctc-small"))
from train import N_MELS, STRIDE, batch_tensors, epoch_batches, load, logger, out_frames, word_errors  # noqa: E402

TOKENS = ["<pad>", "<s>", "</s>", " "] + [chr(c) for c in range(ord("a"), ord("z") + 1)] + ["'"]
CTC_VOCAB = ["_", " "] + [chr(c) for c in range(ord("a"), ord("z") + 1)] + ["'"]
HID = 256
BATCH = 32


def encode_text(text):
    return [1] + [TOKENS.index(c) for c in text if c in TOKENS[3:]] + [2]


class Encoder(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
        self.conv = nn.Sequential(nn.Conv1d(N_MELS, 160, 5, padding=2), nn.ReLU(),
                                  nn.Conv1d(160, 160, 5, stride=STRIDE, padding=2), nn.ReLU())
        self.rnn = nn.GRU(160, HID // 2, batch_first=True, bidirectional=True)

    def forward(self, features):
        x = (features - self.mean) / self.std
        x = self.conv(x.transpose(1, 2)).transpose(1, 2)
        return self.rnn(x)[0]


class DecoderStep(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(len(TOKENS), 64)
        self.cell = nn.GRUCell(64 + HID, HID)
        self.query = nn.Linear(HID, HID, bias=False)
        self.out = nn.Linear(2 * HID, len(TOKENS))

    def forward(self, token, hidden, context, memory, mask=None):
        hidden = self.cell(torch.cat([self.embed(token), context], -1), hidden)
        scores = torch.bmm(memory, self.query(hidden).unsqueeze(2)).squeeze(2)
        if mask is not None:
            scores = scores.masked_fill(~mask, -1e4)
        attention = scores.softmax(-1)
        context = torch.bmm(attention.unsqueeze(1), memory).squeeze(1)
        log_probs = self.out(torch.cat([hidden, context], -1)).log_softmax(-1)
        return log_probs, hidden, context, attention


def greedy(encoder, decoder, feats, max_len=200):
    memory = encoder(feats.unsqueeze(0))
    hidden = torch.zeros(1, HID)
    context = torch.zeros(1, HID)
    token = torch.tensor([1])
    out = []
    for _ in range(max_len):
        lp, hidden, context, _ = decoder(token, hidden, context, memory)
        k = int(lp.argmax(-1))
        if k == 2:
            break
        out.append(TOKENS[k] if k > 2 else "")
        token = torch.tensor([k])
    return "".join(out).strip()


def evaluate(encoder, decoder, data):
    encoder.eval()
    decoder.eval()
    errors, words, by_voice = 0, 0, {}
    with torch.no_grad():
        for u, feats, _ in data:
            e, n = word_errors(u["text"], greedy(encoder, decoder, feats))
            errors += e
            words += n
            v = by_voice.setdefault(u["engine"] + "/" + u["voice"], [0, 0])
            v[0] += e
            v[1] += n
    encoder.train()
    decoder.train()
    return {"wer": 100.0 * errors / max(1, words), "words": words,
            "by_voice": {k: round(100.0 * e / max(1, n), 2) for k, (e, n) in sorted(by_voice.items())}}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=2112)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="use only this many utterances per split (a smoke test)")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    train, dev, test = load(args.data, "train"), load(args.data, "dev"), load(args.data, "test")
    if args.limit:
        train, dev, test = train[:args.limit], dev[:args.limit], test[:args.limit]
    frames = torch.cat([f for _, f, _ in train])
    encoder = Encoder(frames.mean(0).numpy(), frames.std(0).clamp_min(1e-3).numpy())
    decoder = DecoderStep()
    ctc_head = nn.Linear(HID, len(CTC_VOCAB))
    params = list(encoder.parameters()) + list(decoder.parameters()) + list(ctc_head.parameters())
    n_params = sum(p.numel() for p in encoder.parameters()) + sum(p.numel() for p in decoder.parameters())
    steps = args.epochs * ((len(train) + BATCH - 1) // BATCH)
    opt = torch.optim.Adam(params, lr=2e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    say = logger(os.path.join(args.out, "training-log.txt"))
    say(f"s2s-small: {n_params} parameters (exported); {len(train)} train, {len(dev)} dev, {len(test)} test; "
        f"torch {torch.__version__}, {args.threads} threads, seed {args.seed}")
    start = time.time()
    order = list(range(len(train)))
    for epoch in range(1, args.epochs + 1):
        batches = epoch_batches(order, train, BATCH)
        total = 0.0
        for b in batches:
            feats, lens, ctc_targets, ctc_lens = batch_tensors(train, b)
            memory = encoder(feats)
            mlens = out_frames(lens)
            mask = torch.arange(memory.shape[1]).unsqueeze(0) < mlens.unsqueeze(1)
            texts = [encode_text(train[i][0]["text"]) for i in b]
            tgt = nn.utils.rnn.pad_sequence([torch.tensor(t) for t in texts], batch_first=True, padding_value=0)
            hidden = torch.zeros(len(b), HID)
            context = torch.zeros(len(b), HID)
            step_lp = []
            for s in range(tgt.shape[1] - 1):
                lp, hidden, context, _ = decoder(tgt[:, s], hidden, context, memory, mask)
                step_lp.append(lp)
            lp = torch.stack(step_lp, 1)
            ce = F.nll_loss(lp.reshape(-1, len(TOKENS)), tgt[:, 1:].reshape(-1), ignore_index=0, reduction="mean")
            smooth = -(lp.mean(-1) * (tgt[:, 1:] != 0)).sum() / (tgt[:, 1:] != 0).sum()
            ctc_lp = ctc_head(memory).log_softmax(-1).transpose(0, 1)
            loss = 0.7 * (0.9 * ce + 0.1 * smooth) + 0.3 * ctc(ctc_lp, ctc_targets, mlens, ctc_lens)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            sched.step()
            total += loss.item()
        dev_wer = evaluate(encoder, decoder, dev[:120])["wer"]
        say(f"epoch {epoch:2d}  loss {total / len(batches):.3f}  dev WER (120 utts) {dev_wer:.2f}%  "
            f"{(time.time() - start) / 60:.1f} min")
    metrics = {"parameters": n_params, "minutes": round((time.time() - start) / 60, 1),
               "dev": evaluate(encoder, decoder, dev), "test": evaluate(encoder, decoder, test)}
    say(f"greedy WER: dev {metrics['dev']['wer']:.2f}%, test (held-out voices) {metrics['test']['wer']:.2f}%")
    encoder.eval()
    decoder.eval()
    torch.onnx.export(encoder, torch.zeros(1, 100, N_MELS), os.path.join(args.out, "encoder.onnx"),
                      input_names=["features"], output_names=["memory"],
                      dynamic_axes={"features": {1: "time"}, "memory": {1: "frames"}}, opset_version=13)
    memory = torch.zeros(1, 34, HID)
    torch.onnx.export(decoder, (torch.tensor([1]), torch.zeros(1, HID), torch.zeros(1, HID), memory),
                      os.path.join(args.out, "decoder.onnx"),
                      input_names=["token", "hidden", "context", "memory"],
                      output_names=["log_probs", "hidden_out", "context_out", "attention"],
                      dynamic_axes={"memory": {1: "frames"}, "attention": {1: "frames"}}, opset_version=13)
    json.dump({"tokens": TOKENS, "pad": 0, "start": 1, "end": 2, "hidden": HID, "frame_stride": STRIDE},
              open(os.path.join(args.out, "vocab.json"), "w"), indent=1)
    json.dump(metrics, open(os.path.join(args.out, "metrics.json"), "w"), indent=1)
    sizes = sum(os.path.getsize(os.path.join(args.out, f)) for f in ("encoder.onnx", "decoder.onnx"))
    voices = "\n".join(f"| {v} | {w:.2f} |" for v, w in metrics["test"]["by_voice"].items())
    open(os.path.join(args.out, "card.md"), "w", encoding="utf-8").write(f"""# s2s-small — model card

A small Whisper-style encoder-decoder trained by the kit on its own synthetic speech (§21.2); the decoding loop
(greedy and beam) is Java (`S2sModel`).

- **Files**: `encoder.onnx` + `decoder.onnx` ({sizes / 1e6:.2f} MB together), `vocab.json` (<pad>, <s>, </s>,
  space, a–z, '), `training-log.txt`, `metrics.json`, `train.py`.
- **Architecture**: encoder as ctc-small's (affine → 2 convolutions, stride 3 → bidirectional GRU, 256-d memory every
  30 ms); decoder: GRUCell with input feeding, dot-product attention, linear + log-softmax over 31 tokens;
  {n_params:,} exported parameters.
- **Data**: the same corpora and voice-disjoint splits as ctc-small (digits + commands, seed {args.seed}).
- **Recipe**: teacher forcing, cross entropy with label smoothing 0.1, plus 0.3 × CTC on the encoder (joint
  CTC-attention; the CTC head is not exported), mel-axis warping + SpecAugment, Adam one-cycle (max 3e-3), batch
  {BATCH}, {args.epochs} epochs, {metrics['minutes']} minutes on 2 CPU threads. Reproduce:
  `./earshot train s2s-small --epochs {args.epochs}`.
- **Metrics** (greedy, WER): dev {metrics['dev']['wer']:.2f}%, **test (held-out voices) {metrics['test']['wer']:.2f}%**
  ({metrics['test']['words']} words).
- **Limits**: briefly trained on 2 CPU cores, its attention often loses its place and repeats words (insertions)
  or stops early; for transcripts use ctc-small. It is here to show how an encoder-decoder works and fails.

## Test WER per held-out voice (greedy)

| voice | WER (%) |
| --- | --- |
{voices}
""")
    say(f"encoder.onnx + decoder.onnx: {sizes} bytes")


if __name__ == "__main__":
    sys.exit(main())
