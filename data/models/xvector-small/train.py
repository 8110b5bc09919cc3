#!/usr/bin/env python3
"""Train the kit's xvector-small speaker embedding (§21.4) and export it to ONNX.

Input: the folder written by `./earshot train-xvector` (Java): `train.f32` (float32 little-endian log-mel frames,
80 values a frame, the kit's LogMelFrontEnd) and `train.jsonl` (one clip a line: speaker, domain, offset and frames
into the .f32 file). Only the training split is read: the dev and test speakers are scored in Java, from the ONNX
graph, so the figures on the card are what Java inference gives.

Model (an x-vector, Snyder et al. 2018, made small): each clip's mean frame subtracted (loudness and channel gone) →
five 1-D convolutions over time (TDNN layers: kernel 5, 3 dilated 2, 3 dilated 3, 1, 1; 192 channels, the last 512;
ReLU, batch norm; a receptive field of 15 frames) → statistics pooling (the mean and standard deviation over time)
→ linear 1024 → 192: the embedding. Trained as a classifier of the training speakers with an additive angular margin softmax (AAM, margin
0.2, scale 30: ArcFace / ECAPA's loss), so same-speaker embeddings point the same way. Training crops: 1 s random
windows (clips shorter are tiled), SpecAugment-style masks (2 of ≤ 8 mel bands, 2 of ≤ 10 frames), a random gain of
the log-mel (±6 dB); speakers balanced per epoch. Adam, one-cycle (max 2e-3), batch 64, seed 2150, CPU threads as
given.

Output (next to this script unless --out): model.onnx (input `features` [1, frames, 80] float32, output `embedding`
[1, 192], dynamic frames), training-log.txt.

Needs Debian's python3-torch (and python3-numpy). Run through `./earshot train-xvector`.
"""
import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

N_MELS = 80
CROP = 100


class XVector(nn.Module):
    def __init__(self, channels=192, pooled=512, dim=192):
        super().__init__()
        spec = [(N_MELS, channels, 5, 1), (channels, channels, 3, 2), (channels, channels, 3, 3),
                (channels, channels, 1, 1), (channels, pooled, 1, 1)]
        layers = []
        for cin, cout, k, d in spec:
            layers += [nn.Conv1d(cin, cout, k, dilation=d), nn.ReLU(), nn.BatchNorm1d(cout)]
        self.frames = nn.Sequential(*layers)
        self.embed = nn.Linear(2 * pooled, dim)

    def forward(self, features):  # [batch, time, 80]
        x = features - features.mean(dim=1, keepdim=True)
        x = x.transpose(1, 2) / 20.0
        h = self.frames(x)
        stats = torch.cat([h.mean(dim=2), torch.sqrt(h.var(dim=2, unbiased=False) + 1e-5)], dim=1)
        e = self.embed(stats)
        return F.normalize(e, dim=1)


class AAMSoftmax(nn.Module):
    def __init__(self, dim, classes, margin=0.2, scale=30.0):
        super().__init__()
        self.w = nn.Parameter(torch.randn(classes, dim) * 0.01)
        self.m, self.s = margin, scale

    def forward(self, e, y):
        cos = F.linear(e, F.normalize(self.w, dim=1)).clamp(-1 + 1e-7, 1 - 1e-7)
        theta = torch.acos(cos)
        target = torch.cos(theta + self.m)
        onehot = F.one_hot(y, cos.shape[1]).bool()
        logits = torch.where(onehot, target, cos) * self.s
        return F.cross_entropy(logits, y), (cos.argmax(dim=1) == y).float().mean()


def load(data):
    frames = np.fromfile(os.path.join(data, "train.f32"), dtype="<f4").reshape(-1, N_MELS)
    clips = [json.loads(l) for l in open(os.path.join(data, "train.jsonl"))]
    return frames, clips


def crop(frames, clip, rng):
    x = frames[clip["offset"]:clip["offset"] + clip["frames"]]
    if len(x) < CROP:
        x = np.tile(x, (math.ceil(CROP / len(x)), 1))
    start = rng.randrange(0, len(x) - CROP + 1)
    return x[start:start + CROP]


def augment(x, rng):
    x = x + rng.uniform(-6, 6)
    for _ in range(2):
        w = rng.randrange(0, 9)
        f = rng.randrange(0, N_MELS - w + 1)
        x[:, f:f + w] = x.mean()
        w = rng.randrange(0, 11)
        t = rng.randrange(0, CROP - w + 1)
        x[t:t + w, :] = x.mean()
    return x


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--epochs", type=int, default=48)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--clips-per-speaker", type=int, default=24, help="clips drawn per speaker an epoch")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(2150)
    rng = random.Random(2150)
    frames, clips = load(args.data)
    speakers = sorted({c["speaker"] for c in clips})
    index = {s: i for i, s in enumerate(speakers)}
    by = {}
    for c in clips:
        by.setdefault(c["speaker"], []).append(c)
    model = XVector()
    head = AAMSoftmax(192, len(speakers))
    per_epoch = len(speakers) * args.clips_per_speaker
    batch = 64
    steps = args.epochs * (per_epoch // batch)
    opt = torch.optim.Adam(list(model.parameters()) + list(head.parameters()), lr=2e-3, weight_decay=1e-5)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=steps)
    log = open(os.path.join(args.out, "training-log.txt"), "w")
    say = lambda s: (print(s, flush=True), log.write(s + "\n"), log.flush())
    say(f"xvector-small: {len(clips)} training clips of {len(speakers)} speakers, {args.epochs} epochs of "
        f"{per_epoch} crops, {sum(p.numel() for p in model.parameters())} parameters, {args.threads} threads")
    start = time.time()
    step = 0
    for epoch in range(args.epochs):
        order = []
        for s in speakers:
            order += [rng.choice(by[s]) for _ in range(args.clips_per_speaker)]
        rng.shuffle(order)
        model.train()
        total, acc, n = 0.0, 0.0, 0
        for b in range(0, len(order) - batch + 1, batch):
            chunk = order[b:b + batch]
            x = torch.tensor(np.stack([augment(crop(frames, c, rng).copy(), rng) for c in chunk]))
            y = torch.tensor([index[c["speaker"]] for c in chunk])
            loss, a = head(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            total, acc, n = total + loss.item(), acc + a.item(), n + 1
        say(f"epoch {epoch + 1}: loss {total / n:.3f}, train accuracy {100 * acc / n:.1f} %, "
            f"{(time.time() - start) / 60:.1f} min")
    model.eval()
    dummy = torch.zeros(1, 200, N_MELS)
    torch.onnx.export(model, dummy, os.path.join(args.out, "model.onnx"), input_names=["features"],
                      output_names=["embedding"], dynamic_axes={"features": {1: "frames"}}, opset_version=13)
    say(f"done in {(time.time() - start) / 60:.1f} min -> {os.path.join(args.out, 'model.onnx')}")


if __name__ == "__main__":
    main()
