#!/usr/bin/env python3
"""An experiment of issue 13 (real speech): a multilingual *phone* CTC recogniser, trained on the kit's synthetic
English speech and on every training-split recording of people in `./earshot corpus real` (Catalan, Spanish,
Russian, English, Danish, German, Dutch, ... — most of the real speech here is not English), so that the encoder
hears many more people than the English-only character models, with targets shared across languages; English words
are then recovered through a pronunciation lexicon and a word loop (a universal phone recogniser in the spirit of
Allosaurus, made small).

Targets: each transcript phonemised by espeak-ng in its own language (`espeak-ng -q -x --ipa -v LANG`; the synthetic
espeak-ng voices in their own accent, flite and festival in en-us), stress and length marks and diacritics dropped,
the rhotics (ɹ r ɾ ʁ ʀ) one symbol `r`, ɫ as l, word boundaries kept as a space. One symbol a class.

Model: ctc-small's (data/models/ctc-small/train.py: CtcSmall, its augmentation with the recording channel), with one
output per phone symbol. Decoding: greedy (phone error rate), and a word-loop Viterbi search over the CTC
posteriors in which each word of a closed vocabulary may take any of its espeak-ng pronunciations in eight English
accents (en-us, en-us-nyc, en-gb, en-gb-x-rp, en-gb-scotland, en-gb-x-gbclan, en-gb-x-gbcwmd, en-029), with a word
insertion penalty chosen on the synthetic dev split.

Input: a folder of `<split>.f32` / `<split>.jsonl` as TrainingExport writes them (train, dev, test, real-dev,
real-test), made by export.jsh beside this script. Output (--out): training-log.txt, metrics.json, model.onnx,
phones.json. CPU: 29.4 minutes on 2 cores for 9 epochs. See card.md for what it measured.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import train as ctc  # noqa: E402  (ctc-small's recipe: model, augmentation, schedule)

ACCENTS = ["en-us", "en-us-nyc", "en-gb", "en-gb-x-rp", "en-gb-scotland", "en-gb-x-gbclan", "en-gb-x-gbcwmd",
           "en-029"]
RHOTICS = set("ɹrɾʁʀ")
DROP = set("ˈˌːˑ‿͡-_'")


def espeak_language(u):
    """@return the espeak-ng voice that phonemises an utterance's text: its own language or accent."""
    if u["engine"] == "espeak_ng":
        return u["accent"]
    if u["engine"] == "human":
        return u["accent"] if u["accent"] != "en" else "en-us"
    return "en-us"


def phonemise(text, language):
    out = subprocess.run(["espeak-ng", "-q", "-x", "--ipa", "-v", language, "--", text], capture_output=True,
                         text=True, check=True).stdout
    return normalise(out)


def normalise(ipa):
    """@return IPA as the model's symbols: one line, stress/length/diacritics gone, rhotics merged, single spaces."""
    symbols = []
    for ch in unicodedata.normalize("NFD", ipa.replace("\n", " ")):
        if ch.isspace():
            symbols.append(" ")
            continue
        if not unicodedata.category(ch).startswith("L") or ch in DROP:
            continue  # diacritics, stress and length marks, espeak-ng's punctuation
        if ch in RHOTICS:
            ch = "r"
        elif ch == "ɫ":
            ch = "l"
        symbols.append(ch)
    return " ".join("".join(symbols).split())


def phonemise_all(items, cache_path):
    """@return {(text, language): phones}, cached in a JSON file beside the data."""
    cache = {}
    if os.path.exists(cache_path):
        cache = {tuple(k.split("\t")): v for k, v in json.load(open(cache_path, encoding="utf-8")).items()}
    todo = sorted({k for k in items if k not in cache})
    with ThreadPoolExecutor(4) as pool:
        for k, v in zip(todo, pool.map(lambda k: phonemise(k[0], k[1]), todo)):
            cache[k] = v
    json.dump({"\t".join(k): v for k, v in cache.items()}, open(cache_path, "w", encoding="utf-8"), ensure_ascii=False)
    return cache


def load(folder, split, cache, symbols):
    index = [json.loads(line) for line in open(os.path.join(folder, split + ".jsonl"), encoding="utf-8")]
    data = np.fromfile(os.path.join(folder, split + ".f32"), dtype="<f4").reshape(-1, ctc.N_MELS)
    out = []
    for u in index:
        phones = cache[(u["text"], espeak_language(u))]
        labels = [symbols.index(p) for p in phones if p in symbols]
        feats = data[u["offset"]:u["offset"] + u["frames"]]
        out.append((u, torch.from_numpy(feats.copy()), torch.tensor(labels, dtype=torch.long), phones))
    return out


def greedy(log_probs, symbols):
    best = log_probs.argmax(-1).tolist()
    text, prev = [], None
    for k in best:
        if k != prev and k != 0:
            text.append(symbols[k])
        prev = k
    return " ".join("".join(text).split())


class WordLoop:
    """Viterbi over CTC posteriors through a loop of words, each word any of its pronunciations (symbol strings):
    within a word the CTC topology (blank, p1, blank, p2, …, blank; a symbol may repeat only across a blank), between
    words an optional space symbol, each word entered at a cost `penalty` (log domain)."""

    def __init__(self, lexicon, symbols):
        self.words, labels, starts, ends, word_of = [], [], [], [], []
        for w, prons in sorted(lexicon.items()):
            for p in sorted(prons):
                ids = [symbols.index(c) for c in p if c in symbols and c != " "]
                if not ids:
                    continue
                seq = [0]
                for i in ids:
                    seq += [i, 0]
                starts.append(len(labels))
                labels += seq
                ends.append(len(labels) - 1)
                word_of.append(len(self.words))
            self.words.append(w)
        self.labels = np.array(labels)
        n = len(labels)
        self.n = n
        self.space = symbols.index(" ")
        skip = np.zeros(n, dtype=bool)  # may state s be reached from s − 2?
        step = np.ones(n, dtype=bool)  # may it be reached from s − 1?
        entry = np.zeros(n, dtype=bool)
        exit_ = np.zeros(n, dtype=bool)
        owner = np.zeros(n, dtype=int)
        for k, (a, b) in enumerate(zip(starts, ends)):
            step[a] = False
            entry[a] = entry[a + 1] = True
            exit_[b] = exit_[b - 1] = True
            owner[a:b + 1] = word_of[k]
            for s in range(a + 2, b + 1):
                skip[s] = self.labels[s] != 0 and self.labels[s] != self.labels[s - 2]
        skip[:2] = False
        self.skip, self.step, self.entry, self.exit, self.owner = skip, step, entry, exit_, owner

    def decode(self, lp, penalty):
        """@return the best word sequence for log-probs lp [frames, symbols]."""
        neg = -1e30
        t_max = lp.shape[0]
        node_word, node_parent = [], []  # word-history nodes, appended in blocks (numpy arrays)
        count = 0
        start = np.where(self.entry)[0]
        score = np.full(self.n, neg)
        hist = np.full(self.n, -1)
        score[start] = lp[0, self.labels[start]] - penalty
        node_word.append(self.owner[start])
        node_parent.append(np.full(len(start), -1))
        hist[start] = np.arange(len(start))
        count = len(start)
        space_score, space_hist = lp[0, self.space], -1
        states = np.arange(self.n)
        for t in range(1, t_max):
            stack = np.stack([score, np.where(self.step, np.roll(score, 1), neg),
                              np.where(self.skip, np.roll(score, 2), neg)])
            arg = stack.argmax(0)
            new = stack[arg, states]
            new_h = np.stack([hist, np.roll(hist, 1), np.roll(hist, 2)])[arg, states]
            exits = np.where(self.exit, score, neg)
            e = int(exits.argmax())
            best_exit, best_exit_h = exits[e], hist[e]
            if space_score > best_exit:
                best_exit, best_exit_h = space_score, space_hist
            space_new = max(space_score, exits[e]) + lp[t, self.space]
            space_hist_new = space_hist if space_score >= exits[e] else hist[e]
            into = best_exit - penalty
            idx = np.where(self.entry & (into > new))[0]
            if len(idx):
                node_word.append(self.owner[idx])
                node_parent.append(np.full(len(idx), best_exit_h))
                new_h[idx] = np.arange(count, count + len(idx))
                count += len(idx)
                new[idx] = into
            score = new + lp[t, self.labels]
            hist = new_h
            space_score, space_hist = space_new, space_hist_new
        words_of = np.concatenate(node_word)
        parents = np.concatenate(node_parent)
        exits = np.where(self.exit, score, neg)
        e = int(exits.argmax())
        h = hist[e] if exits[e] >= space_score else space_hist
        words = []
        while h >= 0:
            words.append(self.words[words_of[h]])
            h = parents[h]
        return " ".join(reversed(words))


def score(model, data, symbols, loop=None, penalty=0.0):
    """@return greedy PER, (word-loop WER if a loop is given), per speaker/voice WER."""
    model.eval()
    pe = pn = we = wn = 0
    by = {}
    with torch.no_grad():
        for u, feats, _, phones in data:
            lp = model(feats.unsqueeze(0))[0]
            hyp = greedy(lp, symbols)
            pe += ctc.edit_distance(phones.replace(" ", ""), hyp.replace(" ", ""))
            pn += len(phones.replace(" ", ""))
            if loop is not None:
                words = loop.decode(lp.numpy(), penalty)
                e, n = ctc.word_errors(u["text"], words)
                we += e
                wn += n
                v = by.setdefault(u["engine"] + "/" + u["voice"], [0, 0])
                v[0] += e
                v[1] += n
    model.train()
    out = {"per": 100.0 * pe / max(1, pn)}
    if loop is not None:
        out["wer"] = 100.0 * we / max(1, wn)
        out["words"] = wn
        out["by_speaker"] = {k: round(100.0 * e / max(1, n), 2) for k, (e, n) in sorted(by.items())}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="folder of <split>.f32/.jsonl (TrainingExport)")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--epochs", type=int, default=9)
    ap.add_argument("--minutes", type=float, default=52, help="stop after this long (the 60-minute budget)")
    ap.add_argument("--seed", type=int, default=2113)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--real-repeat", type=int, default=2, help="how often each recording of a person is seen an epoch")
    ap.add_argument("--limit", type=int, default=0, help="use only this many utterances per split (a smoke test)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    say = ctc.logger(os.path.join(args.out, "training-log.txt"))
    start = time.time()

    splits = ["train", "dev", "test", "real-dev", "real-test"]
    index = {s: [json.loads(l) for l in open(os.path.join(args.data, s + ".jsonl"), encoding="utf-8")] for s in splits}
    vocab_words = sorted({w for s in splits for u in index[s] for w in u["text"].split()
                          if s != "train" or u["engine"] != "human"})
    keys = {(u["text"], espeak_language(u)) for s in splits for u in index[s]}
    keys |= {(w, a) for w in vocab_words for a in ACCENTS}
    cache = phonemise_all(keys, os.path.join(args.data, "phones-cache.json"))
    train_symbols = sorted({c for u in index["train"] for c in cache[(u["text"], espeak_language(u))]} - {" "})
    symbols = ["_", " "] + train_symbols
    say(f"{len(symbols)} symbols: {''.join(symbols[2:])}; phonemised {len(keys)} texts in "
        f"{(time.time() - start) / 60:.1f} min")
    data = {s: load(args.data, s, cache, symbols) for s in splits}
    if args.limit:
        data = {s: d[:args.limit] for s, d in data.items()}
    train = data["train"]
    real = [i for i, (u, *_rest) in enumerate(train) if u["engine"] == "human"]
    order = list(range(len(train))) + real * (args.real_repeat - 1)
    langs = {}
    for u, *_ in train:
        if u["engine"] == "human":
            langs[u["accent"]] = langs.get(u["accent"], 0) + 1
    say(f"training: {len(train)} utterances ({len(real)} of people: {dict(sorted(langs.items()))}), each person's seen "
        f"{args.real_repeat}x an epoch; dev {len(data['dev'])}, test {len(data['test'])}, real-dev "
        f"{len(data['real-dev'])}, real-test {len(data['real-test'])}")

    frames = torch.cat([f for _, f, _, _ in train[:2000]])
    std = float((frames - frames.mean(0)).std())
    model = ctc.CtcSmall(std)
    model.out = nn.Linear(model.out.in_features, len(symbols))
    params = list(model.parameters())
    say(f"{sum(p.numel() for p in params)} parameters")
    opt, sched = ctc.one_cycle(params, args.epochs, len(order))
    loss_fn = nn.CTCLoss(blank=0, zero_infinity=True)
    for epoch in range(args.epochs):
        total, n = 0.0, 0
        for batch in ctc.epoch_batches(order, train, ctc.BATCH):
            feats, lens, targets, tlens = ctc.batch_tensors(train, batch, wild=True)
            lp = model(feats, lens)
            loss = loss_fn(lp.transpose(0, 1), targets, ctc.out_frames(lens), tlens)
            total += ctc.update(loss, params, opt, sched)
            n += 1
        dev = score(model, data["dev"][:200], symbols)
        rdev = score(model, data["real-dev"], symbols)
        say(f"epoch {epoch + 1}: loss {total / n:.3f}, dev PER {dev['per']:.2f}%, real-dev PER {rdev['per']:.2f}%, "
            f"{(time.time() - start) / 60:.1f} min")
        if (time.time() - start) / 60 > args.minutes:
            say(f"stopping: past {args.minutes} minutes")
            break
    model.eval()
    torch.onnx.export(model, torch.zeros(1, 200, ctc.N_MELS), os.path.join(args.out, "model.onnx"),
                      input_names=["features"], output_names=["log_probs"],
                      dynamic_axes={"features": {0: "batch", 1: "time"}, "log_probs": {0: "batch", 1: "frames"}},
                      opset_version=13)
    json.dump(symbols, open(os.path.join(args.out, "phones.json"), "w", encoding="utf-8"), ensure_ascii=False)

    task = sorted({w for s in ["train", "dev", "test"] for u in index[s] if u["engine"] != "human"
                   for w in u["text"].split()})
    real_task = sorted(set(task) | {w for s in ["real-dev", "real-test"] for u in index[s] for w in u["text"].split()})
    lexicon = lambda words: {w: {cache[(w, a)].replace(" ", "") for a in ACCENTS} for w in words}
    loop = WordLoop(lexicon(task), symbols)
    real_loop = WordLoop(lexicon(real_task), symbols)
    best = None
    for penalty in [0.0, 2.0, 4.0, 8.0]:
        d = score(model, data["dev"], symbols, loop, penalty)
        say(f"dev, word loop of {len(task)} words, penalty {penalty}: WER {d['wer']:.2f}%")
        if best is None or d["wer"] < best[1]["wer"]:
            best = (penalty, d)
    penalty = best[0]
    metrics = {"symbols": len(symbols), "penalty": penalty, "task_words": len(task), "real_task_words": len(real_task)}
    for s in ["dev", "test"]:
        metrics[s] = score(model, data[s], symbols, loop, penalty)
    for s in ["real-dev", "real-test"]:
        metrics[s] = score(model, data[s], symbols, real_loop, penalty)
    metrics["minutes"] = (time.time() - start) / 60
    for s in ["dev", "test", "real-dev", "real-test"]:
        say(f"{s}: PER {metrics[s]['per']:.2f}%, word-loop WER {metrics[s]['wer']:.2f}% ({metrics[s]['words']} words)")
    for s in ["real-dev", "real-test"]:
        say(f"{s} by speaker: {metrics[s]['by_speaker']}")
    json.dump(metrics, open(os.path.join(args.out, "metrics.json"), "w"), indent=1)
    say(f"done in {metrics['minutes']:.1f} min")


if __name__ == "__main__":
    main()
