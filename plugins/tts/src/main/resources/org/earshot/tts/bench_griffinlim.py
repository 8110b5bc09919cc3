"""torchaudio's Griffin-Lim timed on a WAV, for `./earshot bench tts` (same STFT, iterations and momentum as the
Java side). Prints `float32 SECONDS` and `float64 SECONDS`: the median of warm calls after as many warm-ups."""
import statistics
import sys
import time

import torch
import torchaudio
import torchaudio.functional as F

wav, n_fft, hop, n_iter, repeats, threads = sys.argv[1], *map(int, sys.argv[2:7])
torch.set_num_threads(threads)
x, sr = torchaudio.load(wav)
for dtype in (torch.float32, torch.float64):
    w = torch.hann_window(n_fft, dtype=dtype)
    spec = torch.stft(x[0].to(dtype), n_fft, hop, n_fft, w, return_complex=True).abs().pow(2)

    def run():
        start = time.perf_counter()
        F.griffinlim(spec, w, n_fft, hop, n_fft, 2.0, n_iter, 0.99, x.shape[1], True)
        return time.perf_counter() - start
    for _ in range(repeats):
        run()
    print(str(dtype).replace("torch.", ""), statistics.median(run() for _ in range(repeats)), flush=True)
