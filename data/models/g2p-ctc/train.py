#!/usr/bin/env python3
"""g2p-ctc: the kit's letter-to-sound model (§21.3), trained here on the CPU (Debian python3-torch).

Words of Debian pocketsphinx-en-us's CMU dictionary (no stress digits). The split is the kit's fixed rule
(CmuDictionary.isTestWord): CRC32(word as UTF-8) % 10 == 0 is a test word, never read here; % 10 == 1 is dev (the
epoch kept is the one of lowest dev phone error rate); the rest train, every pronunciation of a word an example.

Model: letters (a–z, ' . - and the digits the dictionary holds) → an embedding of 64 → each letter repeated twice
(an output may hold more phones than the word has letters: "x" is K S) with a learned offset for the first and second
copy → 2 bidirectional LSTM layers of 128 per direction → a linear layer to the 39 ARPAbet phones and a blank,
log-softmax. Trained with CTC (Graves et al. 2006), so no letter-phone alignment is needed; decoded greedily (best
class per step, repeats merged, blanks dropped). Adam (2e-3, halved when dev PER stops falling), batch 256, seed 2130.

Writes model.onnx (input "letters" int64 [1, n], output "log_probs" float32 [1, 2n, 40]), vocab.json (letters and
phones, blank first), training-log.txt. Run by ./earshot train-g2p, which then scores the test words from Java.
"""
import argparse
import json
import os
import random
import re
import time
import zlib

import torch
import torch.nn as nn

DICT = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"


def read_dict():
    out = {}
    with open(DICT, encoding="utf-8") as f:
        for line in f:
            s = line.strip()
            if not s or s.startswith(";;;"):
                continue
            if " #" in s:
                s = s[: s.index(" #")].strip()
            parts = s.split()
            word = re.sub(r"\(\d+\)$", "", parts[0]).lower()
            out.setdefault(word, []).append([p.upper() for p in parts[1:]])
    return out


class G2p(nn.Module):
    def __init__(self, letters, phones, dim=64, hidden=192, layers=3):
        super().__init__()
        self.embed = nn.Embedding(letters, dim)
        self.copy = nn.Parameter(torch.zeros(2, dim))
        self.rnn = nn.LSTM(dim, hidden, num_layers=layers, bidirectional=True, batch_first=True, dropout=0.1)
        self.out = nn.Linear(2 * hidden, phones)

    def forward(self, letters):  # [batch, n] → [batch, 2n, phones]
        e = self.embed(letters)  # [b, n, d]
        e = e.unsqueeze(2) + self.copy  # [b, n, 2, d]
        e = e.reshape(e.shape[0], -1, e.shape[-1])
        h, _ = self.rnn(e)
        return torch.log_softmax(self.out(h), dim=-1)


def greedy(logp, phones):
    best = logp.argmax(-1).tolist()
    out, prev = [], 0
    for b in best:
        if b != prev and b != 0:
            out.append(phones[b])
        prev = b
    return out


def edit(a, b):
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j - 1] + (a[i - 1] != b[j - 1]), prev[j] + 1, cur[j - 1] + 1)
        prev = cur
    return prev[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--minutes", type=float, default=40, help="stop after the epoch that passes this")
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=256)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(2130)
    random.seed(2130)
    d = read_dict()
    split = {w: zlib.crc32(w.encode("utf-8")) % 10 for w in d}
    train = [(w, p) for w in d if split[w] >= 2 for p in d[w]]
    dev = [w for w in d if split[w] == 1]
    letters = ["<pad>"] + sorted({c for w in d for c in w})
    phones = ["<blank>"] + sorted({p for ps in d.values() for q in ps for p in q})
    li = {c: i for i, c in enumerate(letters)}
    pi = {p: i for i, p in enumerate(phones)}
    model = G2p(len(letters), len(phones), hidden=args.hidden, layers=args.layers)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    log = open(os.path.join(args.out, "training-log.txt"), "w")

    def say(s):
        print(s, flush=True)
        log.write(s + "\n")
        log.flush()

    say(f"{len(train)} training pronunciations of {sum(1 for w in d if split[w] >= 2)} words, {len(dev)} dev words; "
        f"{len(letters)} letters, {len(phones)} phones with the blank; "
        f"{sum(p.numel() for p in model.parameters())} parameters, {args.threads} threads")
    start = time.time()
    best, best_state, lr = 1e9, None, 2e-3
    for epoch in range(1, args.epochs + 1):
        model.train()
        random.shuffle(train)
        train.sort(key=lambda x: len(x[0]))  # batches of similar lengths; the order of batches is shuffled below
        batches = [train[i:i + args.batch] for i in range(0, len(train), args.batch)]
        random.shuffle(batches)
        total = 0.0
        for b in batches:
            n = max(len(w) for w, _ in b)
            x = torch.zeros(len(b), n, dtype=torch.long)
            for i, (w, _) in enumerate(b):
                x[i, :len(w)] = torch.tensor([li[c] for c in w])
            targets = torch.tensor([pi[p] for _, ps in b for p in ps])
            in_len = torch.tensor([2 * len(w) for w, _ in b])
            out_len = torch.tensor([len(ps) for _, ps in b])
            logp = model(x).transpose(0, 1)  # [T, b, C]
            loss = ctc(logp, targets, in_len, out_len)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item()
        model.eval()
        edits = ref_len = wrong = 0
        with torch.no_grad():
            for w in dev:
                hyp = greedy(model(torch.tensor([[li[c] for c in w]]))[0], phones)
                scores = [(edit(r, hyp), len(r)) for r in d[w]]
                e, n = min(scores, key=lambda s: s[0])
                edits, ref_len, wrong = edits + e, ref_len + n, wrong + (e > 0)
        per = 100.0 * edits / ref_len
        minutes = (time.time() - start) / 60
        say(f"epoch {epoch}: loss {total / len(batches):.3f}, dev PER {per:.2f} %, WER {100.0 * wrong / len(dev):.2f} %,"
            f" lr {lr:.0e}, {minutes:.1f} min")
        if per < best:
            best, best_state = per, {k: v.clone() for k, v in model.state_dict().items()}
        elif lr > 2e-4:
            lr /= 2
            for g in opt.param_groups:
                g["lr"] = lr
        if minutes > args.minutes:
            say(f"stopping: {minutes:.1f} min > {args.minutes}")
            break
    model.load_state_dict(best_state)
    model.eval()
    torch.onnx.export(model, torch.tensor([[li["a"], li["b"], li["c"]]]), os.path.join(args.out, "model.onnx"),
                      input_names=["letters"], output_names=["log_probs"],
                      dynamic_axes={"letters": {1: "n"}, "log_probs": {1: "steps"}}, opset_version=13)
    with open(os.path.join(args.out, "vocab.json"), "w") as f:
        json.dump({"letters": letters, "phones": phones}, f)
    say(f"done in {(time.time() - start) / 60:.1f} min, best dev PER {best:.2f} % -> {args.out}/model.onnx")


if __name__ == "__main__":
    main()
