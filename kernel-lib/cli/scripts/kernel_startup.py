#!/usr/bin/env python3
"""Times the Earshot kernel from start to first output, as a student meets it.

For each run: start a fresh 'earshot' kernel with jupyter_client (as Jupyter does), then execute a first cell that
makes and shows an Audio value (player + waveform), and measure
  ready   - kernel process start until it answers kernel_info (what Jupyter waits for), and
  output  - kernel process start until the cell's rich output has arrived.
Prints one line per run and the median; the goal is output <= 3 s on a 2-core machine (reported, not asserted).

Usage: /usr/bin/python3 kernel_startup.py [--runs N] [--kernel NAME]
"""
import argparse
import statistics
import sys
import time

import jupyter_client

FIRST_CELL = "Synth.sine(440, 1.0, 16000, 0.5)"


def one_run(kernel_name):
    t0 = time.perf_counter()
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name=kernel_name, startup_timeout=120)
    ready = time.perf_counter() - t0
    try:
        msg_id = kc.execute(FIRST_CELL)
        while True:
            msg = kc.get_iopub_msg(timeout=120)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "error":
                raise RuntimeError("first cell failed: " + msg["content"].get("evalue", ""))
            if msg["msg_type"] in ("execute_result", "display_data"):
                if "text/html" not in msg["content"]["data"]:
                    raise RuntimeError("first output has no text/html: the kit's display is not active")
                return ready, time.perf_counter() - t0
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh kernels to start (default 5)")
    parser.add_argument("--kernel", default="earshot", help="kernelspec name (default earshot)")
    args = parser.parse_args()
    outputs = []
    for i in range(args.runs):
        ready, output = one_run(args.kernel)
        outputs.append(output)
        print(f"run {i + 1}: ready {ready:.2f} s, first output {output:.2f} s", flush=True)
    median = statistics.median(outputs)
    verdict = "within" if median <= 3.0 else "OVER"
    print(f"kernel start to first output: median {median:.2f} s, min {min(outputs):.2f} s, "
          f"max {max(outputs):.2f} s over {args.runs} runs ({verdict} the 3 s goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
