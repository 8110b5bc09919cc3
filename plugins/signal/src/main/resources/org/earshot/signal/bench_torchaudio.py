"""torchaudio side of './earshot bench signal' (run by the Java benchmark with /usr/bin/python3).

The transform is the one './earshot features logmel' computes: MelSpectrogram(n_fft=400, hop_length=160,
n_mels=80) + AmplitudeToDB("power"), float32, 2 threads. Modes (argv[1]):
  inprocess WAV REPEATS  prints 'cold SECONDS' (first call) and 'warm SECONDS' (median of REPEATS after REPEATS warm-up calls)
  csv WAV OUT            writes the log-mel as CSV, one line per frame, %.6f (np.savetxt)
  npy WAV OUT            writes it as .npy, shape (frames, bins), float32 (np.save)
  folder DIR OUT         every *.wav under DIR to OUT/<same relative path>.npy, one file after another
The Java side times the whole process of the last three, start to exit, as a user would.
"""
import pathlib
import statistics
import sys
import time

import numpy as np
import torch
import torchaudio
import torchaudio.transforms as T

torch.set_num_threads(2)
mode = sys.argv[1]
mel = None
to_db = T.AmplitudeToDB(stype="power")


def log_mel(wav, sr):
    global mel
    if mel is None:
        mel = T.MelSpectrogram(sample_rate=sr, n_fft=400, hop_length=160, n_mels=80)
    with torch.no_grad():
        return to_db(mel(wav))[0].T.contiguous().numpy()  # (frames, bins)


if mode == "inprocess":
    wav, sr = torchaudio.load(sys.argv[2])
    repeats = int(sys.argv[3])

    def once():
        start = time.perf_counter()
        out = log_mel(wav, sr)
        assert out.shape[1] == 80
        return time.perf_counter() - start

    print(f"cold {once():.6f}")
    for _ in range(repeats):  # warm-up, as the Java side does
        once()
    print(f"warm {statistics.median(once() for _ in range(repeats)):.6f}")
elif mode == "csv":
    np.savetxt(sys.argv[3], log_mel(*torchaudio.load(sys.argv[2])), fmt="%.6f", delimiter=",")
elif mode == "npy":
    np.save(sys.argv[3], log_mel(*torchaudio.load(sys.argv[2])))
elif mode == "folder":
    root, out = pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    for wav in sorted(root.rglob("*.wav")):
        target = (out / wav.relative_to(root)).with_suffix(".npy")
        target.parent.mkdir(parents=True, exist_ok=True)
        np.save(target, log_mel(*torchaudio.load(str(wav))))
else:
    sys.exit(f"unknown mode {mode}")
