#!/usr/bin/env python3
"""Train the kit's ctc-small recogniser (§21.2) and export it to ONNX.

Input: the folder written by `./earshot train ctc-small` (Java): for each split (and `sentences`: the held-out voices
of the sentences corpus, scored but never trained on), `<split>.f32` (float32
little-endian log-mel frames, 80 values a frame, the kit's own front end) and `<split>.jsonl` (one utterance a line:
id, text, voice, engine, accent, offset and frames into the .f32 file). The features are computed in Java, so what
the model sees in training is exactly what Java inference gives it.

Model: each utterance's mean frame subtracted (cepstral mean normalisation on log-mel: loudness, channel and spectral
tilt gone), a fixed scale (the training frames' std, stored in the graph) → two 1-D convolutions (the second
with stride 3: 30 ms frames) → a bidirectional GRU → linear → log softmax over the characters `_` (blank), space, a–z and '. CTC loss (PyTorch, blank 0), mel-axis warping and
SpecAugment for voices not heard in training, Adam, fixed seed, CPU.

Output (next to this script unless --out): model.onnx (input `features` [batch, time, 80] float32, output
`log_probs` [batch, ceil(time/3), 29]), vocab.json, training-log.txt, metrics.json (greedy WER per split and per voice), card.md; and into the data folder
(build output, not committed) the PyTorch weights `ctc-small.pt`, from which s2s-small's encoder starts.

Needs Debian's python3-torch (and python3-numpy). Run through `./earshot train ctc-small`.
"""
import argparse
import json
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn

VOCAB = ["_", " "] + [chr(c) for c in range(ord("a"), ord("z") + 1)] + ["'"]
N_MELS = 80
STRIDE = 3  # output frames of 30 ms
BATCH = 32
WARP = (0.8, 1.25)  # the range of the mel-axis warp in augment()
FLOOR_DB = 80.0  # LogMelFrontEnd floors every utterance at its peak minus 80 dB
FRAME_S = 0.01  # the front end's hop: 10 ms


def load(folder, split):
    index = [json.loads(line) for line in open(os.path.join(folder, split + ".jsonl"), encoding="utf-8")]
    data = np.fromfile(os.path.join(folder, split + ".f32"), dtype="<f4").reshape(-1, N_MELS)
    out = []
    for u in index:
        feats = data[u["offset"]:u["offset"] + u["frames"]]
        labels = [VOCAB.index(ch) for ch in u["text"] if ch in VOCAB and ch != "_"]
        out.append((u, torch.from_numpy(feats.copy()), torch.tensor(labels, dtype=torch.long)))
    return out


def utterance_mean(features, lengths=None):
    """@return each utterance's mean log-mel frame [batch, 1, 80], over its own frames only (padding excluded).
    Subtracting it (cepstral mean normalisation, here on log-mel) removes what is constant over an utterance: loudness,
    the channel's and the voice's spectral tilt."""
    if lengths is None:
        return features.mean(1, keepdim=True)
    mask = (torch.arange(features.shape[1])[None, :] < lengths[:, None]).unsqueeze(-1).float()
    return (features * mask).sum(1, keepdim=True) / lengths[:, None, None].float()


class CtcSmall(nn.Module):
    def __init__(self, std, channels=160, hidden=128, layers=1):
        super().__init__()
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
        self.conv = nn.Sequential(
            nn.Conv1d(N_MELS, channels, 5, padding=2), nn.ReLU(),
            nn.Conv1d(channels, channels, 5, stride=STRIDE, padding=2), nn.ReLU())
        self.rnn = nn.GRU(channels, hidden, num_layers=layers, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(0.2)
        self.out = nn.Linear(2 * hidden, len(VOCAB))

    def encode(self, features, lengths=None):  # [batch, time, 80] -> [batch, ceil(time/3), 2 * hidden]
        x = (features - utterance_mean(features, lengths)) / self.std
        x = self.conv(x.transpose(1, 2)).transpose(1, 2)
        return self.rnn(x)[0]

    def forward(self, features, lengths=None):  # [batch, time, 80] -> [batch, ceil(time/3), vocab]
        return self.out(self.dropout(self.encode(features, lengths))).log_softmax(-1)


def mel_bands_hz():
    """@return (centre, bandwidth) in Hz of the front end's 80 HTK mel filters over 0–8 kHz (peak-one triangles: a
    band's share of white noise is proportional to its bandwidth, half its foot)."""
    top = 2595 * np.log10(1 + 8000 / 700)
    hz = 700 * (10 ** (np.linspace(0, top, N_MELS + 2) / 2595) - 1)
    return torch.tensor(hz[1:-1], dtype=torch.float32), torch.tensor((hz[2:] - hz[:-2]) / 2, dtype=torch.float32)


BAND_CENTRE_HZ, BAND_WIDTH_HZ = mel_bands_hz()


def refloor(db):
    return torch.maximum(db, db.max() - FLOOR_DB)


def speed(feats, factor):
    """Tempo perturbation on the frames: the utterance resampled in time by linear interpolation (factor > 1 is
    faster), as a speaker who talks faster or slower; the spectrum of each frame is kept."""
    t = feats.shape[0]
    n = max(2, int(round(t / factor)))
    src = torch.linspace(0, t - 1, n)
    lo = src.floor().long()
    hi = torch.clamp(lo + 1, max=t - 1)
    w = (src - lo.float()).unsqueeze(1)
    return feats[lo] * (1 - w) + feats[hi] * w


def channel(feats, rng):
    """A recording channel, in the power domain of the mel bands (what the front end's dB undo): sometimes a
    telephone band (300–3400 Hz, 40 dB down outside), sometimes room reverberation (an exponential tail of RT60
    0.2–0.7 s behind the direct sound), usually background noise at an SNR of 5–35 dB with a random spectral tilt
    and frame-to-frame fluctuation; then the front end's 80 dB floor again. Real recordings carry all three;
    the TTS corpus carries none (its silences are digital zeros)."""
    p = 10 ** (feats / 10)
    if rng.random() < 0.15:
        outside = (BAND_CENTRE_HZ < 300) | (BAND_CENTRE_HZ > 3400)
        p = p * torch.where(outside, torch.tensor(1e-4), torch.tensor(1.0))
    if rng.random() < 0.3:
        rt60 = rng.uniform(0.2, 0.7)
        k = int(rt60 / FRAME_S)
        decay = 10 ** (-6.0 * FRAME_S / rt60)  # power falls 60 dB in rt60
        tail = rng.uniform(0.1, 0.6) * decay ** torch.arange(1, k + 1, dtype=torch.float32)
        kernel = torch.cat([torch.ones(1), tail]).flip(0)
        x = p.t().unsqueeze(1)  # [80, 1, T]
        p = torch.nn.functional.conv1d(torch.nn.functional.pad(x, (k, 0)), kernel.view(1, 1, -1)).squeeze(1).t()
    if rng.random() < 0.6:
        snr = rng.uniform(5, 35)
        tilt = rng.uniform(-30, 10)  # dB from 0 to 8 kHz: pink-ish to white
        shape = BAND_WIDTH_HZ * 10 ** (tilt * BAND_CENTRE_HZ / 8000 / 10)
        level = p.sum(1).mean() / 10 ** (snr / 10)
        noise = shape / shape.sum() * level * torch.exp(0.3 * torch.randn(p.shape))
        p = p + noise
    return refloor(10 * torch.log10(p.clamp_min(1e-20)))


def augment(feats, rng, wild=False):
    """Training-time variety for voices never heard: (`wild`) a speed change of 0.85–1.15 and a recording channel
    (noise, reverberation, telephone band: `channel`), then a random vocal-tract warp of the mel axis (factor
    0.8–1.25, as VTLN would undo it) and SpecAugment (two frequency masks up to 12 bands, two time masks up to 5%
    of the frames, filled with the utterance mean)."""
    if wild:
        if rng.random() < 0.5:
            feats = speed(feats, rng.uniform(0.85, 1.15))
        feats = channel(feats, rng)
    t, f = feats.shape
    a = rng.uniform(WARP[0], WARP[1])
    src = torch.clamp(torch.arange(f, dtype=torch.float32) / a, 0, f - 1)
    lo = src.floor().long()
    hi = torch.clamp(lo + 1, max=f - 1)
    w = src - lo.float()
    x = feats[:, lo] * (1 - w) + feats[:, hi] * w
    fill = x.mean()
    for _ in range(2):
        width = rng.randint(0, 12)
        start = rng.randint(0, f - width)
        x[:, start:start + width] = fill
    for _ in range(2):
        width = rng.randint(0, max(1, t // 20))
        start = rng.randint(0, max(0, t - width))
        x[start:start + width, :] = fill
    return x


def logger(path):
    """@return say(msg): print and append to the training log."""
    log = open(path, "w", encoding="utf-8")

    def say(msg):
        print(msg, flush=True)
        log.write(msg + "\n")
        log.flush()
    return say


def epoch_batches(order, train, batch):
    """One epoch's batches: `order` (indices into train, kept between epochs) reshuffled, utterances of similar
    length together, the batches in random order."""
    random.shuffle(order)
    order.sort(key=lambda i: train[i][1].shape[0] // 50 + random.random())
    batches = [order[i:i + batch] for i in range(0, len(order), batch)]
    random.shuffle(batches)
    return batches


def batch_tensors(train, batch, wild=False):
    """@return (padded augmented features, their frame counts, the concatenated CTC targets, their lengths)."""
    augmented = [augment(train[i][1], random, wild) for i in batch]  # a speed change changes an utterance's length
    feats = nn.utils.rnn.pad_sequence(augmented, batch_first=True)
    lens = torch.tensor([f.shape[0] for f in augmented])
    targets = torch.cat([train[i][2] for i in batch])
    tlens = torch.tensor([len(train[i][2]) for i in batch])
    return feats, lens, targets, tlens


def one_cycle(params, epochs, n_train):
    """@return (Adam, its one-cycle schedule up to 3e-3 over `epochs` of `n_train` utterances in batches of BATCH)."""
    opt = torch.optim.Adam(params, lr=2e-3)
    return opt, torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3,
                                                    total_steps=epochs * ((n_train + BATCH - 1) // BATCH))


def update(loss, params, opt, sched):
    """One optimiser step on `loss` (gradients clipped to norm 5); @return the loss as a number."""
    opt.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(params, 5.0)
    opt.step()
    sched.step()
    return loss.item()


def out_frames(frames):
    return (frames - 1) // STRIDE + 1


def greedy(log_probs):
    best = log_probs.argmax(-1).tolist()
    text, prev = [], None
    for k in best:
        if k != prev and k != 0:
            text.append(VOCAB[k])
        prev = k
    return "".join(text).strip()


def edit_distance(r, h):
    """Levenshtein distance between two sequences (substitutions, deletions, insertions all cost 1)."""
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (r[i - 1] != h[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(h)]


def word_errors(ref, hyp):
    return edit_distance(ref.split(), hyp.split()), len(ref.split())


def evaluate(model, data):
    """@return greedy WER and CER (%) over `data`, and WER per voice."""
    model.eval()
    errors, words, char_errors, chars, by_voice = 0, 0, 0, 0, {}
    with torch.no_grad():
        for u, feats, _ in data:
            hyp = greedy(model(feats.unsqueeze(0))[0])
            e, n = word_errors(u["text"], hyp)
            errors += e
            words += n
            char_errors += edit_distance(u["text"], hyp)
            chars += len(u["text"])
            v = by_voice.setdefault(u["engine"] + "/" + u["voice"], [0, 0])
            v[0] += e
            v[1] += n
    model.train()
    return {"wer": 100.0 * errors / max(1, words), "cer": 100.0 * char_errors / max(1, chars), "words": words,
            "by_voice": {k: round(100.0 * e / max(1, n), 2) for k, (e, n) in sorted(by_voice.items())}}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="folder written by ./earshot train ctc-small")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--epochs", type=int, default=24)
    ap.add_argument("--minutes", type=float, default=50, help="stop after this long (the 60-minute budget)")
    ap.add_argument("--seed", type=int, default=2112)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--count", type=int, default=2500, help="utterances per corpus (for the card)")
    ap.add_argument("--limit", type=int, default=0, help="use only this many utterances per split (a smoke test)")
    ap.add_argument("--real-repeat", type=int, default=3,
                    help="each recording of a person in the training split is seen this many times an epoch")
    ap.add_argument("--channel", action="store_true",
                    help="also augment with a speed change and a recording channel (noise, reverberation, telephone)")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    train, dev, test = load(args.data, "train"), load(args.data, "dev"), load(args.data, "test")
    sentences = load(args.data, "sentences")
    real_dev = load(args.data, "real-dev") if os.path.exists(os.path.join(args.data, "real-dev.jsonl")) else []
    if args.limit:
        train, dev, test, sentences = train[:args.limit], dev[:args.limit], test[:args.limit], sentences[:args.limit]
        real_dev = real_dev[:args.limit]
    people = [i for i, (u, _, _) in enumerate(train) if u["engine"] == "human"]
    frames = torch.cat([f - f.mean(0) for _, f, _ in train])
    model = CtcSmall(frames.std(0).clamp_min(1e-3).numpy())
    params = sum(p.numel() for p in model.parameters())
    opt, sched = one_cycle(list(model.parameters()), args.epochs, len(train) + len(people) * (args.real_repeat - 1))
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    say = logger(os.path.join(args.out, "training-log.txt"))
    say(f"ctc-small: {params} parameters; {len(train)} train ({len(people)} of them recordings of people, seen "
        f"{args.real_repeat}× an epoch), {len(dev)} dev, {len(test)} test utterances; real-voice dev "
        f"{len(real_dev)}; torch {torch.__version__}, {args.threads} threads, seed {args.seed}")
    start = time.time()
    order = list(range(len(train))) + people * (args.real_repeat - 1)
    for epoch in range(1, args.epochs + 1):
        batches = epoch_batches(order, train, BATCH)
        total = 0.0
        for b in batches:
            feats, lens, targets, tlens = batch_tensors(train, b, args.channel)
            lp = model(feats, lens).transpose(0, 1)
            loss = ctc(lp, targets, out_frames(lens), tlens)
            total += update(loss, list(model.parameters()), opt, sched)
        dev_wer = evaluate(model, dev)["wer"]
        real = f"  real-voice dev WER {evaluate(model, real_dev)['wer']:.2f}%" if real_dev else ""
        say(f"epoch {epoch:2d}  loss {total / len(batches):.3f}  dev WER {dev_wer:.2f}%{real}  "
            f"{(time.time() - start) / 60:.1f} min")
        if (time.time() - start) / 60 > args.minutes:
            say("time budget reached")
            break
    metrics = {"parameters": params, "minutes": round((time.time() - start) / 60, 1),
               "train": evaluate(model, train)["wer"], "dev": evaluate(model, dev), "test": evaluate(model, test),
               "sentences": evaluate(model, sentences)}
    if real_dev:
        metrics["real_dev"] = evaluate(model, real_dev)
    say(f"greedy WER: train {metrics['train']:.2f}%, dev {metrics['dev']['wer']:.2f}%, "
        f"test (held-out voices) {metrics['test']['wer']:.2f}%; sentences (held-out voices, new words) "
        f"{metrics['sentences']['wer']:.2f}% (CER {metrics['sentences']['cer']:.2f}%)")
    model.eval()
    if not args.limit:  # s2s-small's encoder starts from these weights: a smoke run must not replace them
        torch.save(model.state_dict(), os.path.join(args.data, "ctc-small.pt"))
    torch.onnx.export(model, torch.zeros(1, 100, N_MELS), os.path.join(args.out, "model.onnx"),
                      input_names=["features"], output_names=["log_probs"],
                      dynamic_axes={"features": {0: "batch", 1: "time"}, "log_probs": {0: "batch", 1: "frames"}},
                      opset_version=13)
    json.dump({"symbols": VOCAB, "blank": 0, "input": "features", "output": "log_probs", "n_mels": N_MELS,
               "frame_stride": STRIDE}, open(os.path.join(args.out, "vocab.json"), "w"), indent=1)
    json.dump(metrics, open(os.path.join(args.out, "metrics.json"), "w"), indent=1)
    size = os.path.getsize(os.path.join(args.out, "model.onnx"))
    say(f"model.onnx: {size} bytes")
    metrics["people_in_training"] = len(people)
    json.dump(metrics, open(os.path.join(args.out, "metrics.json"), "w"), indent=1)
    write_card(args, metrics, params, size, len(train), len(dev), len(test), len(people))


CHANNEL_TEXT = ("a speed change (0.85–1.15, half the time), a recording channel in the mel power domain "
                "(background noise at 5–35 dB SNR with a random tilt, 60% of the time; room reverberation, RT60 "
                "0.2–0.7 s, 30%; telephone band 300–3400 Hz, 15%), ")


def write_card(args, metrics, params, size, n_train, n_dev, n_test, n_people=0):
    voices = "\n".join(f"| {v} | {w:.2f} |" for v, w in metrics["test"]["by_voice"].items())
    people = (f"; plus the **recordings of people** of `./earshot corpus real`'s English training speakers ({n_people} "
              f"utterances: kajongg's voices, hedgewars' voice packs, Tux Paint's English reader — none of them a dev "
              f"or test speaker), each seen {args.real_repeat}× an epoch") if n_people else ""
    real_dev = (f" Real-voice dev (the English dev speakers of the real corpus, never trained on), greedy: "
                f"{metrics['real_dev']['wer']:.2f}% WER, {metrics['real_dev']['cer']:.2f}% CER.") \
        if "real_dev" in metrics else ""
    card = f"""# ctc-small — model card

A small character CTC recogniser trained by the kit on the kit's own synthetic speech{" and on recordings of people" if n_people else ""} (§21.2).

- **Files**: `model.onnx` ({size / 1e6:.2f} MB; input `features` [batch, time, 80] float32 log-mel in dB from
  `LogMelFrontEnd`, output `log_probs` [batch, frames, 29], 30 ms per output frame), `vocab.json` (blank `_` = 0,
  space, a–z, '), `training-log.txt`, `metrics.json`, `train.py` (the recipe).
- **Architecture**: the utterance's mean log-mel frame subtracted, a fixed scale (training-set std) →
  Conv1d(80→160, k5) → ReLU →
  Conv1d(160→160, k5, stride 3) → ReLU → bidirectional GRU (128 per direction) → linear → log-softmax;
  {params:,} parameters.
- **Data**: `./earshot corpus digits --variety wide` and `commands --variety wide` ({args.count} each), seed {args.seed} —
  espeak-ng (8 English accents × 95 voice variants at varied rate and pitch), flite (kal, kal16, slt at varied rate,
  the diphone voices at varied pitch; awb for dev, rms held out for test), festival (kal, varied rate){people}.
  {n_train} training, {n_dev} dev, {n_test} test
  utterances; **the test split's voices are never heard in training** (all of Scottish English, flite rms and
  the espeak-ng variants m7 and Alicia in every accent).
- **Recipe**: CTC loss; augmentation: {CHANNEL_TEXT if args.channel else ""}a random warp of the mel axis ({WARP[0]}–{WARP[1]}) and SpecAugment
  (2 frequency masks ≤ 12 bands, 2 time masks ≤ 5%); dropout 0.2; Adam with a one-cycle schedule (max 3e-3), batch
  {BATCH}, {args.epochs} epochs at most, gradient clipping 5, seed {args.seed}, {args.threads} CPU threads;
  {metrics['minutes']} minutes on this machine (CPU; no GPU). Reproduce:
  {"`./earshot corpus real`, then " if n_people else ""}`./earshot train ctc-small{" --with-real" if n_people else ""}{" --channel" if args.channel else ""}{f" --epochs {args.epochs}" if args.epochs != 24 else ""}`.
- **Metrics** (greedy decoding, WER): train {metrics['train']:.2f}%, dev {metrics['dev']['wer']:.2f}%,
  **test (held-out voices) {metrics['test']['wer']:.2f}%** ({metrics['test']['words']} words; CER
  {metrics['test']['cer']:.2f}%). On `sentences` (the test split's voices, {metrics['sentences']['words']} words of
  read sentences, most words never in a training text): WER {metrics['sentences']['wer']:.2f}%, CER
  {metrics['sentences']['cer']:.2f}% — it spells by sound what it never heard, as a character model must.{real_dev}
- **Limits**: {"a few minutes of real English speech, none of it digit strings: real voices remain far worse than synthetic ones (the real-voice table below)" if n_people else "synthetic voices only; a human recording is a domain shift (see the lesson)"}. Vocabulary: digits and
  home-assistant commands.

## Test WER per held-out voice (greedy)

| voice | WER (%) |
| --- | --- |
{voices}
"""
    open(os.path.join(args.out, "card.md"), "w", encoding="utf-8").write(card)


if __name__ == "__main__":
    sys.exit(main())
