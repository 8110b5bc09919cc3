"""torchaudio side of './earshot bench signal' (run by the Java benchmark with /usr/bin/python3).

argv: WAV, REPEATS. Prints 'cold SECONDS' (first call) and 'warm SECONDS' (median of REPEATS) of
MelSpectrogram(n_fft=400, hop_length=160, n_mels=80) + AmplitudeToDB("power") on the file, float32, 2 threads.
"""
import statistics
import sys
import time

import torch
import torchaudio
import torchaudio.transforms as T

torch.set_num_threads(2)
wav, sr = torchaudio.load(sys.argv[1])
repeats = int(sys.argv[2])
mel = T.MelSpectrogram(sample_rate=sr, n_fft=400, hop_length=160, n_mels=80)
to_db = T.AmplitudeToDB(stype="power")


def once():
    start = time.perf_counter()
    with torch.no_grad():
        out = to_db(mel(wav))
    assert out.shape[-2] == 80
    return time.perf_counter() - start


print(f"cold {once():.6f}")
print(f"warm {statistics.median(once() for _ in range(repeats)):.6f}")
