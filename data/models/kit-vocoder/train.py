#!/usr/bin/env python3
"""Train kit-vocoder: a small HiFi-GAN-style generator, log-mel frames to 16 kHz samples, all at once.

Run by `./earshot train-kit-vocoder` (Debian python3-torch, CPU; a GPU is used when one is there, and the card says
which). Java writes the data to --data: audio.f32 (festival kal's recordings, 16 kHz, float32, one after another),
mel.f32 (their log-mel, the kit's LogMelFrontEnd, 80 bands in dB, every 10 ms), gta.f32 (kit-neural's predicted
log-mel for the same recordings, told festival's phone durations, so frame for frame the same times) and
utterances.jsonl (split, frames, melOffset, samples, audioOffset).

Model: HiFi-GAN's generator (Kong et al. 2020) made small: a 7-tap convolution to 256 channels, then four
transposed-convolution upsamplings ×5 ×4 ×4 ×2 (= the 160-sample hop), channels halved each time, each followed by
a multi-receptive-field fusion of three residual blocks (kernels 3, 5, 7; dilations 1 and 3), a 7-tap convolution to
one channel and tanh. Loss: the multi-resolution STFT loss of Parallel WaveGAN (Yamamoto et al. 2020; spectral
convergence + L1 of log magnitudes at FFT sizes 256, 512, 1024, 2048) plus, weighted 2, HiFi-GAN's mel loss (L1 of
log mel amplitudes, here the kit's own 80 HTK bands, so the formants a listener or the ASR reads are what the loss
weighs most), with no discriminator: on 2 CPU cores a GAN's hundreds of thousands of steps are out of reach, and
these reconstruction losses alone are what both papers train first.
Training crops are 40 frames; each crop's input is, by a fair coin, the recording's own mel or kit-neural's
predicted mel (so the vocoder learns both what tts-vocode gives it and what the acoustic model gives it).

Writes to --out: generator.onnx (input `mel` [1, T, 80] dB; output `audio` [1, 160 T - 80]: sample 0 is the
recording's first, as Griffin-Lim's), config.json, training-log.txt, and the Java parity test's fixture
(--fixtures: the graph's output for a recording's first 30 frames, computed here by PyTorch).
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
HOP = 160
RATES = (5, 4, 4, 2)
CROP = 40
RESOLUTIONS = ((256, 64), (512, 128), (1024, 256), (2048, 512))
MEL_WEIGHT = 2.0


def htk_filterbank(n_fft=400, sample_rate=16000, n_mels=N_MELS):
    """The kit front end's 80 HTK triangles from 0 to 8 kHz (torchaudio's melscale_fbanks, norm None), [bins, 80]."""
    hz_to_mel = lambda f: 2595.0 * np.log10(1.0 + f / 700.0)
    mel_to_hz = lambda m: 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    freqs = np.linspace(0, sample_rate / 2, n_fft // 2 + 1)
    pts = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(sample_rate / 2), n_mels + 2))
    slopes = pts[None, :] - freqs[:, None]
    down = -slopes[:, :-2] / (pts[1:-1] - pts[:-2])
    up = slopes[:, 2:] / (pts[2:] - pts[1:-1])
    return torch.tensor(np.maximum(0.0, np.minimum(down, up)), dtype=torch.float32)


MEL_BANK = htk_filterbank()


class ResBlock(nn.Module):
    def __init__(self, channels, kernel, dilations=(1, 3)):
        super().__init__()
        self.convs = nn.ModuleList(nn.Conv1d(channels, channels, kernel, dilation=d, padding=d * (kernel - 1) // 2)
                                   for d in dilations)

    def forward(self, x):
        for conv in self.convs:
            x = x + conv(F.leaky_relu(x, 0.1))
        return x


class Generator(nn.Module):
    def __init__(self, mean, std, channels=256, kernels=(3, 5, 7)):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32).view(1, N_MELS, 1))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32).view(1, N_MELS, 1))
        self.pre = nn.Conv1d(N_MELS, channels, 7, padding=3)
        self.ups = nn.ModuleList()
        self.mrfs = nn.ModuleList()
        c = channels
        for r in RATES:
            k = 2 * r + r % 2  # output length exactly r·T
            self.ups.append(nn.ConvTranspose1d(c, c // 2, k, stride=r, padding=(k - r) // 2))
            c //= 2
            self.mrfs.append(nn.ModuleList(ResBlock(c, k_) for k_ in kernels))
        self.post = nn.Conv1d(c, 1, 7, padding=3)

    def forward(self, mel_db):  # [B, 80, T] dB -> [B, 160 T]
        x = self.pre((mel_db - self.mean) / self.std)
        for up, mrf in zip(self.ups, self.mrfs):
            x = up(F.leaky_relu(x, 0.1))
            x = sum(block(x) for block in mrf) / len(mrf)
        return torch.tanh(self.post(F.leaky_relu(x, 0.1))).squeeze(1)


class Exported(nn.Module):
    """The graph Java runs: [1, T, 80] dB → [1, 160 T − 80], the first sample the recording's first."""

    def __init__(self, generator):
        super().__init__()
        self.generator = generator

    def forward(self, mel):
        return self.generator(mel.transpose(1, 2))[:, HOP // 2:]


def stft_loss(y_hat, y):
    total = 0.0
    for n_fft, hop in RESOLUTIONS:
        window = torch.hann_window(n_fft)
        s = torch.stft(y, n_fft, hop, window=window, return_complex=True).abs().clamp(min=1e-5)
        s_hat = torch.stft(y_hat, n_fft, hop, window=window, return_complex=True).abs().clamp(min=1e-5)
        sc = torch.norm(s - s_hat, p="fro") / torch.norm(s, p="fro")
        mag = F.l1_loss(torch.log(s_hat), torch.log(s))
        total = total + sc + mag
    return total / len(RESOLUTIONS)


def mel_loss(y_hat, y):
    """L1 between the natural-log mel amplitudes of the kit's own front end (n_fft 400, hop 160, 80 HTK bands),
    floored 60 dB below full scale: what the ASR and the acoustic model see, so formants weigh as they do there."""
    window = torch.hann_window(400)
    def log_mel(w):
        power = torch.stft(w, 400, HOP, window=window, return_complex=True).abs().pow(2)
        return 0.5 * torch.log(torch.clamp(torch.matmul(power.transpose(1, 2), MEL_BANK), min=1e-6))
    return F.l1_loss(log_mel(y_hat), log_mel(y))


def loss_of(y_hat, y):
    return stft_loss(y_hat, y) + MEL_WEIGHT * mel_loss(y_hat, y)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--steps", type=int, default=5500)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--fixtures", default="data/fixtures/tts/kit-vocoder-fixtures.json")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(2150)
    rng = random.Random(2150)
    audio = np.fromfile(os.path.join(args.data, "audio.f32"), dtype="<f4")
    mel = np.fromfile(os.path.join(args.data, "mel.f32"), dtype="<f4").reshape(-1, N_MELS)
    gta = np.fromfile(os.path.join(args.data, "gta.f32"), dtype="<f4").reshape(-1, N_MELS)
    utts = [json.loads(l) for l in open(os.path.join(args.data, "utterances.jsonl"))]
    train = [u for u in utts if u["split"] == "train" and u["frames"] > CROP + 2]
    dev = [u for u in utts if u["split"] == "dev" and u["frames"] > CROP + 2]
    train_mel = np.concatenate([mel[u["melOffset"]:u["melOffset"] + u["frames"]] for u in train])
    mean, std = train_mel.mean(axis=0), train_mel.std(axis=0) + 1e-3
    gen = Generator(mean, std)
    opt = torch.optim.AdamW(gen.parameters(), lr=2e-3, betas=(0.8, 0.99))
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=args.steps, pct_start=max(0.05, 3 / args.steps))
    os.makedirs(args.out, exist_ok=True)
    log = open(os.path.join(args.out, "training-log.txt"), "w")
    say = lambda s: (print(s, flush=True), log.write(s + "\n"), log.flush())
    n_params = sum(p.numel() for p in gen.parameters())
    say(f"kit-vocoder: {len(train)} training utterances ({len(train_mel) / 6000:.1f} min), {len(dev)} dev, "
        f"{args.steps} steps of {args.batch} crops of {CROP} frames, {n_params} parameters, {args.threads} threads")

    def crop(u, start, source):
        x = source[u["melOffset"] + start:u["melOffset"] + start + CROP]
        a0 = start * HOP - HOP // 2  # frame t is centred on sample 160 t: the crop's samples are centred likewise
        wave = np.zeros(CROP * HOP, dtype=np.float32)
        lo, hi = max(0, a0), min(u["samples"], a0 + CROP * HOP)
        wave[lo - a0:hi - a0] = audio[u["audioOffset"] + lo:u["audioOffset"] + hi]
        return x.T, wave

    def batch_of(pool, r, use_gta):
        xs, ws = [], []
        for _ in range(args.batch):
            u = r.choice(pool)
            x, w = crop(u, r.randrange(0, u["frames"] - CROP), gta if use_gta(r) else mel)
            xs.append(x)
            ws.append(w)
        return torch.tensor(np.stack(xs)), torch.tensor(np.stack(ws))

    dev_rng = random.Random(7)
    dev_batches = [batch_of(dev, dev_rng, lambda r: i % 2 == 1) for i in range(8)]
    started = time.time()
    every = min(250, args.steps)
    running = 0.0
    for step in range(1, args.steps + 1):
        gen.train()
        x, y = batch_of(train, rng, lambda r: r.random() < 0.5)
        loss = loss_of(gen(x), y)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(gen.parameters(), 10.0)
        opt.step()
        sched.step()
        running += loss.item()
        if step % every == 0 or step == args.steps:
            gen.eval()
            with torch.no_grad():
                real = sum(loss_of(gen(bx), by).item() for i, (bx, by) in enumerate(dev_batches) if i % 2 == 0) / 4
                pred = sum(loss_of(gen(bx), by).item() for i, (bx, by) in enumerate(dev_batches) if i % 2 == 1) / 4
            say(f"step {step} train {running / every:.4f} dev real-mel {real:.4f} dev predicted-mel {pred:.4f} "
                f"{(time.time() - started) / 60:.1f} min")
            running = 0.0
    gen.eval()
    torch.save(gen.state_dict(), os.path.join(args.data, "generator.pt"))  # beside the data (build/), for fine-tuning
    exported = Exported(gen)
    torch.onnx.export(exported, (torch.zeros(1, 50, N_MELS),), os.path.join(args.out, "generator.onnx"),
                      input_names=["mel"], output_names=["audio"],
                      dynamic_axes={"mel": {1: "t"}, "audio": {1: "samples"}}, opset_version=13)
    json.dump({"sampleRate": 16000, "hop": HOP, "rates": list(RATES), "channels": 256, "crop": CROP,
               "steps": args.steps, "parameters": n_params}, open(os.path.join(args.out, "config.json"), "w"),
              indent=1)
    u = dev[0]
    x = torch.tensor(np.round(mel[u["melOffset"]:u["melOffset"] + 30], 4)).unsqueeze(0)
    with torch.no_grad():
        y = exported(x)[0].numpy()
    os.makedirs(os.path.dirname(args.fixtures), exist_ok=True)
    json.dump({"about": "kit-vocoder's generator.onnx in PyTorch on the first 30 log-mel frames of a dev recording",
               "mel": x[0].numpy().round(4).astype(float).tolist(),
               "audio": y.astype(float).tolist()}, open(args.fixtures, "w"))
    say(f"done in {(time.time() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()
