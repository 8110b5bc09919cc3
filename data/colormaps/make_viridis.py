#!/usr/bin/env python3
"""Writes viridis.csv: matplotlib's 256-entry viridis colormap as 8-bit sRGB, one "r,g,b" line per entry.

Earshot's spectrogram plots use this perceptually uniform colormap (van der Walt & Smith, 2015).
Run with any Python that has matplotlib (Debian: python3-matplotlib):  python3 make_viridis.py
"""
import pathlib

from matplotlib import colormaps

cmap = colormaps["viridis"].resampled(256)
out = pathlib.Path(__file__).with_name("viridis.csv")
with out.open("w") as f:
    for i in range(256):
        r, g, b, _ = cmap(i)
        f.write(f"{round(r * 255)},{round(g * 255)},{round(b * 255)}\n")
print(f"wrote {out}")
