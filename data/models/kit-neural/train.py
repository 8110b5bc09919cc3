#!/usr/bin/env python3
"""Train kit-neural, the kit's neural TTS acoustic model (§21.3), and export it to ONNX.

Input: the folder written by `./earshot train-kit-neural` (Java): `mel.f32` (float32 little-endian frames of the
kit's LogMelFrontEnd, 80 values a frame, 10 ms hop: the log-mel the ASR models hear) and `utterances.jsonl` (one
utterance a line: its split, its phone ids, each phone's duration in frames, and where its frames start in the .f32
file), `phones.json` (the phone inventory, festival's radio phones, `pau` among them). The durations are festival's
own phone times (`utt.save.segs`), so no attention has to learn an alignment: FastSpeech's choice, and the one
that trains on two CPU cores in minutes (Tacotron's attention needs hours and a GPU to learn to align).

Model (FastSpeech made small, non-autoregressive): phone embedding → encoder (3 residual 1-D convolutions, kernel 5,
ReLU, layer norm, dropout) → a duration predictor (2 convolutions → ln(1 + frames)) → length regulator (each phone's
vector repeated for its frames, plus two numbers per frame: the position inside the phone, 0..1, and ln(1 + the
phone's frames)) → decoder (a linear layer, 4 residual convolutions, kernel 5, dilations 1, 2, 4, 1) → 80 log-mel
values in dB. Loss: L1 on the normalised log-mel + mean squared error of the log durations (festival's durations in
training; the predictor's at synthesis). Adam, one-cycle (max 2e-3), batches of 16 utterances, seed 2133, CPU.

Output (next to this script unless --out): encoder.onnx (input `phones` [1, N] int64; outputs `hidden` [1, N, H],
`log_durations` [1, N]), decoder.onnx (input `frames` [1, T, H + 2] float32; output `mel` [1, T, 80] in dB),
config.json (hidden size, phones), training-log.txt. The length regulator runs in Java, between the two graphs, so
speed is a scale of the durations.

Needs Debian's python3-torch (and python3-numpy). Run through `./earshot train-kit-neural`.
"""
import argparse
import json
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

N_MELS = 80


class ConvBlock(nn.Module):
    """x + dropout(norm(relu(conv(x)))), on [batch, time, channels]."""

    def __init__(self, channels, kernel, dilation=1, dropout=0.1):
        super().__init__()
        self.conv = nn.Conv1d(channels, channels, kernel, padding=dilation * (kernel - 1) // 2, dilation=dilation)
        self.norm = nn.LayerNorm(channels)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, mask):
        h = self.conv(x.transpose(1, 2)).transpose(1, 2)
        return (x + self.drop(self.norm(F.relu(h)))) * mask


class Encoder(nn.Module):
    def __init__(self, phones, hidden):
        super().__init__()
        self.embed = nn.Embedding(phones, hidden)
        self.blocks = nn.ModuleList([ConvBlock(hidden, 5) for _ in range(3)])
        self.dur1 = nn.Conv1d(hidden, hidden, 3, padding=1)
        self.dur2 = nn.Conv1d(hidden, hidden, 3, padding=1)
        self.dur_out = nn.Linear(hidden, 1)

    def forward(self, phones, mask=None):  # phones [batch, N]
        if mask is None:
            mask = torch.ones(phones.shape[0], phones.shape[1], 1)
        x = self.embed(phones) * mask
        for b in self.blocks:
            x = b(x, mask)
        d = F.relu(self.dur1(x.transpose(1, 2)))
        d = F.relu(self.dur2(d)).transpose(1, 2)
        return x, self.dur_out(d).squeeze(2)


class Decoder(nn.Module):
    def __init__(self, hidden, mean, std):
        super().__init__()
        self.inp = nn.Linear(hidden + 2, hidden)
        self.blocks = nn.ModuleList([ConvBlock(hidden, 5, d) for d in (1, 2, 4, 1)])
        self.out = nn.Linear(hidden, N_MELS)
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))

    def normalised(self, frames, mask):
        x = self.inp(frames) * mask
        for b in self.blocks:
            x = b(x, mask)
        return self.out(x)

    def forward(self, frames):  # [1, T, H + 2] -> dB
        mask = torch.ones(frames.shape[0], frames.shape[1], 1)
        return self.normalised(frames, mask) * self.std + self.mean


def regulate(hidden, durations):
    """Each phone's vector repeated for its frames, with its position inside the phone and ln(1 + frames)."""
    rows = []
    for h, d in zip(hidden, durations):
        d = int(d)
        if d <= 0:
            continue
        pos = (torch.arange(d, dtype=torch.float32) + 0.5) / d
        rows.append(torch.cat([h.unsqueeze(0).expand(d, -1), pos.unsqueeze(1),
                               torch.full((d, 1), math.log1p(d))], dim=1))
    return torch.cat(rows, dim=0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--hidden", type=int, default=192)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(2133)
    rng = random.Random(2133)
    frames = np.fromfile(os.path.join(args.data, "mel.f32"), dtype="<f4").reshape(-1, N_MELS)
    utts = [json.loads(l) for l in open(os.path.join(args.data, "utterances.jsonl"))]
    phones = json.load(open(os.path.join(args.data, "phones.json")))
    train = [u for u in utts if u["split"] == "train"]
    dev = [u for u in utts if u["split"] == "dev"]
    train_frames = np.concatenate([frames[u["offset"]:u["offset"] + sum(u["durations"])] for u in train])
    mean, std = train_frames.mean(axis=0), train_frames.std(axis=0) + 1e-3
    encoder = Encoder(len(phones), args.hidden)
    decoder = Decoder(args.hidden, mean, std)
    params = list(encoder.parameters()) + list(decoder.parameters())
    batch = 16
    steps = args.epochs * math.ceil(len(train) / batch)
    opt = torch.optim.Adam(params, lr=2e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=steps)
    os.makedirs(args.out, exist_ok=True)
    log = open(os.path.join(args.out, "training-log.txt"), "w")
    say = lambda s: (print(s, flush=True), log.write(s + "\n"), log.flush())
    n_params = sum(p.numel() for p in params)
    say(f"kit-neural: {len(train)} training utterances ({len(train_frames) / 6000:.1f} min), {len(dev)} dev, "
        f"{len(phones)} phones, {args.epochs} epochs, {n_params} parameters, {args.threads} threads")

    def loss_of(chunk, train_mode):
        n = max(len(u["phones"]) for u in chunk)
        ids = torch.zeros(len(chunk), n, dtype=torch.long)
        pmask = torch.zeros(len(chunk), n, 1)
        for i, u in enumerate(chunk):
            ids[i, :len(u["phones"])] = torch.tensor(u["phones"])
            pmask[i, :len(u["phones"])] = 1
        hidden, logdur = encoder(ids, pmask)
        dur_target = torch.zeros(len(chunk), n)
        for i, u in enumerate(chunk):
            dur_target[i, :len(u["durations"])] = torch.log1p(torch.tensor(u["durations"], dtype=torch.float32))
        dur_loss = ((logdur - dur_target) ** 2 * pmask.squeeze(2)).sum() / pmask.sum()
        expanded = [regulate(hidden[i, :len(u["phones"])], u["durations"]) for i, u in enumerate(chunk)]
        t = max(e.shape[0] for e in expanded)
        x = torch.zeros(len(chunk), t, expanded[0].shape[1])
        fmask = torch.zeros(len(chunk), t, 1)
        y = torch.zeros(len(chunk), t, N_MELS)
        for i, (e, u) in enumerate(zip(expanded, chunk)):
            x[i, :e.shape[0]] = e
            fmask[i, :e.shape[0]] = 1
            target = frames[u["offset"]:u["offset"] + e.shape[0]]
            y[i, :e.shape[0]] = torch.tensor((target - mean) / std)
        pred = decoder.normalised(x, fmask)
        mel_loss = (torch.abs(pred - y) * fmask).sum() / (fmask.sum() * N_MELS)
        return mel_loss, dur_loss

    start = time.time()
    by_length = sorted(train, key=lambda u: len(u["phones"]))
    for epoch in range(args.epochs):
        encoder.train()
        decoder.train()
        batches = [by_length[i:i + batch] for i in range(0, len(by_length), batch)]
        rng.shuffle(batches)
        tm, td, nb = 0.0, 0.0, 0
        for chunk in batches:
            mel_loss, dur_loss = loss_of(chunk, True)
            loss = mel_loss + dur_loss
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            tm, td, nb = tm + mel_loss.item(), td + dur_loss.item(), nb + 1
        encoder.eval()
        decoder.eval()
        with torch.no_grad():
            dm, dd = 0.0, 0.0
            for i in range(0, len(dev), batch):
                a, b = loss_of(dev[i:i + batch], False)
                dm, dd = dm + a.item() * len(dev[i:i + batch]), dd + b.item() * len(dev[i:i + batch])
        say(f"epoch {epoch + 1}: mel L1 {tm / nb:.3f} (dev {dm / max(1, len(dev)):.3f}), log-duration MSE "
            f"{td / nb:.3f} (dev {dd / max(1, len(dev)):.3f}), {(time.time() - start) / 60:.1f} min")
    encoder.eval()
    decoder.eval()
    torch.onnx.export(encoder, (torch.zeros(1, 7, dtype=torch.long),), os.path.join(args.out, "encoder.onnx"),
                      input_names=["phones"], output_names=["hidden", "log_durations"],
                      dynamic_axes={"phones": {1: "n"}, "hidden": {1: "n"}, "log_durations": {1: "n"}},
                      opset_version=13)
    torch.onnx.export(decoder, (torch.zeros(1, 50, args.hidden + 2),), os.path.join(args.out, "decoder.onnx"),
                      input_names=["frames"], output_names=["mel"],
                      dynamic_axes={"frames": {1: "t"}, "mel": {1: "t"}}, opset_version=13)
    json.dump({"hidden": args.hidden, "phones": phones}, open(os.path.join(args.out, "config.json"), "w"), indent=1)
    say(f"done in {(time.time() - start) / 60:.1f} min -> {args.out}")


if __name__ == "__main__":
    main()
