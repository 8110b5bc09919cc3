#!/usr/bin/env python3
"""wavenet-tiny: the kit's sample-by-sample demo model (§21.3), trained here on the CPU (Debian python3-torch).

WaveNet (van den Oord et al. 2016) without conditioning: p(x) = Π_t p(x_t | x_<t) over the 256 μ-law classes of
torchaudio's mu_law_encoding, each factor from a stack of dilated causal convolutions. Two stacks of dilations
1, 2, 4, …, 128 (16 layers, kernel 2): a receptive field of 511 samples (32 ms at 16 kHz). Each layer: a dilated
convolution to 2 × 32 channels, the gate tanh(a) · σ(b), a 1×1 residual back to 32 and a 1×1 skip to 64; the skips
summed → ReLU → 1×1 64 → ReLU → 1×1 to 256 logits. Causal zero padding at every layer, so generation from empty
queues equals the network run on the whole sequence.

Data: the one speaker of Debian festvox-ru (msu_ru_nsh, 620 utterances, 99.5 min of real speech at 16 kHz) from
./earshot corpus real (build/corpus/real). An utterance is held out when CRC32(its id) % 10 is 0 (test) or 1 (dev);
the test utterances are never read here. Training: random crops of 2,000 samples, batch 8, cross-entropy of every
position's next sample (teacher forcing, all positions at once), Adam 2e-3 with cosine decay, seed 2140; the step
of lowest dev loss is kept (scored every 200 steps on 40 crops of dev utterances).

Writes two ONNX graphs of the same weights:
  window.onnx  input "context" int64 [1, 511] (the last 511 classes) → "logits" float32 [1, 256] for the next one:
               the naive generator, the whole receptive field recomputed for every sample;
  step.onnx    inputs "sample" int64 [1] (the newest class) and "past" float32 [16, 32] (each layer's input
               dilation steps ago) → "logits" [1, 256] and "inputs" [16, 32] (each layer's input now): the cached
               generator of Paine et al. 2016 ("Fast WaveNet"), one layer step per sample, the queues kept by the caller;
config.json (dilations, channels, sample rate), training-log.txt, and the Java parity test's fixtures
(data/fixtures/tts/wavenet-fixtures.json: the whole network's log-probabilities on the first 1,500 samples of the
real "front center" recording). ./earshot train-wavenet runs this, then scores the model from Java.
"""
import argparse
import json
import math
import os
import random
import time
import zlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from scipy.io import wavfile

DILATIONS = [2 ** i for i in range(8)] * 2
RESIDUAL, SKIP, CLASSES, RATE = 32, 64, 256, 16000
FIELD = 1 + sum(DILATIONS)


def mu_law(x, q=CLASSES):  # torchaudio.functional.mu_law_encoding
    mu = q - 1.0
    x = np.clip(x, -1.0, 1.0)
    f = np.sign(x) * np.log1p(mu * np.abs(x)) / np.log1p(mu)
    return ((f + 1) / 2 * mu + 0.5).astype(np.int64)


def read_wav(path):  # 16-bit PCM or float, mono, 16 kHz (the kit's Wav.read scales PCM by 1/32768 too)
    rate, x = wavfile.read(path)
    assert rate == RATE and x.ndim == 1, path
    return x.astype(np.float64) / 32768.0 if x.dtype == np.int16 else x.astype(np.float64)


class WaveNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(CLASSES, RESIDUAL)
        self.filt = nn.ModuleList(nn.Conv1d(RESIDUAL, 2 * RESIDUAL, 2, dilation=d) for d in DILATIONS)
        self.res = nn.ModuleList(nn.Conv1d(RESIDUAL, RESIDUAL, 1) for _ in DILATIONS)
        self.skip = nn.ModuleList(nn.Conv1d(RESIDUAL, SKIP, 1) for _ in DILATIONS)
        self.out1 = nn.Conv1d(SKIP, SKIP, 1)
        self.out2 = nn.Conv1d(SKIP, CLASSES, 1)

    def forward(self, x):  # [b, T] classes → [b, 256, T] logits; position t predicts x[t + 1]
        h = self.embed(x).transpose(1, 2)
        skips = 0
        for filt, res, skip, d in zip(self.filt, self.res, self.skip, DILATIONS):
            a, g = filt(F.pad(h, (d, 0))).chunk(2, dim=1)
            z = torch.tanh(a) * torch.sigmoid(g)
            skips = skips + skip(z)
            h = h + res(z)
        return self.out2(F.relu(self.out1(F.relu(skips))))


class Window(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, context):  # [1, FIELD] → [1, 256]
        return self.net(context)[:, :, -1]


class Step(nn.Module):
    """One sample through every layer: out[t] = W0 · in[t − d] + W1 · in[t] + b is the dilated convolution."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, sample, past):  # [1], [L, C] → [1, 256], [L, C]
        n = self.net
        h = n.embed(sample)
        skips = 0
        inputs = []
        for l in range(len(DILATIONS)):
            inputs.append(h)
            w, b = n.filt[l].weight, n.filt[l].bias
            z = past[l:l + 1] @ w[:, :, 0].t() + h @ w[:, :, 1].t() + b
            a, g = z.chunk(2, dim=1)
            z = torch.tanh(a) * torch.sigmoid(g)
            skips = skips + z @ n.skip[l].weight[:, :, 0].t() + n.skip[l].bias
            h = h + z @ n.res[l].weight[:, :, 0].t() + n.res[l].bias
        y = F.relu(F.relu(skips) @ n.out1.weight[:, :, 0].t() + n.out1.bias)
        return y @ n.out2.weight[:, :, 0].t() + n.out2.bias, torch.cat(inputs, 0)


def crops(utterances, n, length, rng):
    out = []
    for _ in range(n):
        u = utterances[rng.randrange(len(utterances))]
        s = rng.randrange(0, len(u) - length - 1)
        out.append(u[s:s + length + 1])
    return torch.tensor(np.stack(out))


def loss_of(net, batch):
    logits = net(batch[:, :-1])
    return F.cross_entropy(logits, batch[:, 1:])


def write_fixtures(net, path):
    """The network run on the whole sequence (PyTorch, teacher forced) on the first 1,500 samples of the real
    "front center" recording: the log-probabilities Java's cached and naive generators must reproduce."""
    x = mu_law(read_wav("data/fixtures/signal/alsa-front-center-16k.wav")[:1500])
    log_probs = torch.log_softmax(net(torch.tensor(x)[None]), dim=1)[0]
    positions = [0, 1, 2, 10, 100, 509, 510, 511, 1000, 1498]
    json.dump({"made_by": "data/models/wavenet-tiny/train.py", "torch": torch.__version__,
               "recording": "data/fixtures/signal/alsa-front-center-16k.wav", "classes": x.tolist(),
               "positions": positions,
               "logProbs": [[round(v, 6) for v in log_probs[:, p].tolist()] for p in positions]},
              open(path, "w"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="build/corpus/real")
    ap.add_argument("--out", default="data/models/wavenet-tiny")
    ap.add_argument("--steps", type=int, default=5000)
    ap.add_argument("--minutes", type=float, default=40)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--fixtures", default="data/fixtures/tts/wavenet-fixtures.json",
                    help="where the Java parity test's fixtures go ('' for none)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(2140)
    rng = random.Random(2140)
    rows = [json.loads(l) for l in open(os.path.join(args.corpus, "manifest.jsonl"), encoding="utf-8")]
    rows = [r for r in rows if r.get("source") == "festvox-ru"]
    if not rows:
        raise SystemExit(f"no festvox-ru utterances in {args.corpus}: run ./earshot corpus real")
    train, dev = [], []
    for r in rows:
        group = zlib.crc32(r["id"].encode("utf-8")) % 10
        if group == 0:
            continue  # test: never read here
        (dev if group == 1 else train).append(mu_law(read_wav(os.path.join(args.corpus, r["path"]))))
    minutes = sum(len(u) for u in train) / RATE / 60
    net = WaveNet()
    params = sum(p.numel() for p in net.parameters())
    log = open(os.path.join(args.out, "training-log.txt"), "w", encoding="utf-8")

    def say(s):
        print(s, flush=True)
        log.write(s + "\n")
        log.flush()

    say(f"wavenet-tiny: {len(train)} training utterances ({minutes:.1f} min), {len(dev)} dev, {params} parameters, "
        f"receptive field {FIELD} samples, {args.threads} threads")
    dev_batch = crops(dev, 40, 2000, random.Random(7))
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, args.steps)
    best, best_state, start = float("inf"), None, time.time()
    for step in range(1, args.steps + 1):
        net.train()
        loss = loss_of(net, crops(train, 8, 2000, rng))
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        sched.step()
        elapsed = (time.time() - start) / 60
        if step % 200 == 0 or step == args.steps or elapsed > args.minutes:
            net.eval()
            with torch.no_grad():
                dev_loss = loss_of(net, dev_batch).item()
            if dev_loss < best:
                best, best_state = dev_loss, {k: v.clone() for k, v in net.state_dict().items()}
            say(f"step {step}: train {loss.item() / math.log(2):.3f} bits/sample, dev "
                f"{dev_loss / math.log(2):.3f} bits/sample, {elapsed:.1f} min")
            if elapsed > args.minutes:
                say(f"stopped after {args.minutes} min")
                break
    steps_run = step
    net.load_state_dict(best_state)
    net.eval()
    say(f"kept dev {best / math.log(2):.3f} bits/sample; done in {(time.time() - start) / 60:.1f} min")
    with torch.no_grad():
        torch.onnx.export(Window(net), torch.zeros(1, FIELD, dtype=torch.long),
                          os.path.join(args.out, "window.onnx"), input_names=["context"], output_names=["logits"],
                          opset_version=13)
        torch.onnx.export(Step(net), (torch.zeros(1, dtype=torch.long), torch.zeros(len(DILATIONS), RESIDUAL)),
                          os.path.join(args.out, "step.onnx"), input_names=["sample", "past"],
                          output_names=["logits", "inputs"], opset_version=13)
        if args.fixtures:
            write_fixtures(net, args.fixtures)
    json.dump({"dilations": DILATIONS, "residualChannels": RESIDUAL, "skipChannels": SKIP, "classes": CLASSES,
               "sampleRate": RATE, "receptiveField": FIELD, "parameters": params,
               "trainingMinutes": round((time.time() - start) / 60, 1), "trainingAudioMinutes": round(minutes, 1),
               "steps": steps_run, "threads": args.threads},
              open(os.path.join(args.out, "config.json"), "w"), indent=2)


if __name__ == "__main__":
    main()
