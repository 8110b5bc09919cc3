#!/usr/bin/env bash
# VAD on held-out meetings with real ambience (§21.4): energy VAD, Silero (its package's rule, and frame by frame) and
# WebRTC's VAD (scripts/webrtc_vad.mjs) from the npm package @echogarden/fvad-wasm@0.2.0 that setup unpacks into
# build/kit/node/fvad-wasm (or FVAD_DIR; skipped when neither holds it).
# Each detector's one free setting is chosen on dev meetings (dev speakers, seeds 2001-2010) at 15 and 5 dB SNR,
# by the mean of the two F1s; the test meetings (test speakers, seeds 1001-1010) are scored once with it.
# Needs the real corpus (./earshot corpus real) and the kit built. Prints a Markdown table.
#
#   plugins/speakers/scripts/measure_vad.sh [WORK_DIR] [CORPUS_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
WORK="${1:-$ROOT/build/vad-eval}"
CORPUS="${2:-$ROOT/build/corpus/real}"
E() { "$ROOT/earshot" "$@"; }
mkdir -p "$WORK"
meetings() { # meetings SET SPLIT SEED [meeting options…]
  local set=$1 split=$2 seed=$3; shift 3
  [ -f "$WORK/$set/meetings.jsonl" ] || E meeting --corpus "$CORPUS" --split "$split" --speakers 2..4 --seed "$seed" \
    --count 10 --out "$WORK/$set" "$@" >/dev/null 2>&1
}
for snr in 15 5; do
  meetings "dev-$snr" dev 2001 --noise-snr "$snr" --noise ambience
  meetings "test-$snr" test 1001 --noise-snr "$snr" --noise ambience
  meetings "test-white-$snr" test 1001 --noise-snr "$snr"
done
meetings test-clean test 1001
score() { # score SET [vad options…]: the pooled last line
  local set=$1; shift
  E vad "$WORK/$set"/meeting-*.wav --reference "$WORK/$set/reference.rttm" "$@" | tail -1
}
f1() { sed 's/.* f1=\([0-9.]*\) .*/\1/'; }
best() { # best NAME VALUE…: the value whose options give the highest mean dev F1 (options from opts_NAME)
  local name=$1; shift
  local top=-1 pick=""
  for v in "$@"; do
    local a b m
    a=$(score dev-15 $(opts_$name "$v") | f1); b=$(score dev-5 $(opts_$name "$v") | f1)
    m=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.5f", (a + b) / 2 }')
    if awk -v m="$m" -v t="$top" 'BEGIN { exit !(m > t) }'; then top=$m; pick=$v; fi
  done
  echo "$pick"
}
opts_energy() { echo --threshold-db "$1"; }
opts_silero() { echo --detector silero-frames --probability "$1"; }
theta=$(best energy $(seq -40 2 -10))
prob=$(best silero 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9)
row() { # row LABEL LINE
  echo "$2" | awk -v label="$1" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    m = $0; sub(/.*missed=/, "", m); sub(/ false_alarm.*/, "", m); f = $0; sub(/.*false_alarm=/, "", f); sub(/ speech.*/, "", f)
    printf "| %s | %s | %s | %s | %s | %s |\n", label, v["precision"], v["recall"], v["f1"], m, f }'
}
webrtc_line() { # webrtc_line SET MODE
  node "$ROOT/plugins/speakers/scripts/webrtc_vad.mjs" "$FVAD_DIR" "$2" "$WORK/$1/webrtc-$2.rttm" "$WORK/$1"/meeting-*.wav >/dev/null
  E vad "$WORK/$1"/meeting-*.wav --hypothesis "$WORK/$1/webrtc-$2.rttm" --reference "$WORK/$1/reference.rttm" | tail -1
}
mode=""
[ -n "${FVAD_DIR:-}" ] || { [ -f "$ROOT/build/kit/node/fvad-wasm/fvad.js" ] && FVAD_DIR="$ROOT/build/kit/node/fvad-wasm"; }
if [ -n "${FVAD_DIR:-}" ]; then
  top=-1
  for m in 0 1 2 3; do
    s=$(awk -v a="$(webrtc_line dev-15 $m | f1)" -v b="$(webrtc_line dev-5 $m | f1)" 'BEGIN { printf "%.5f", (a + b) / 2 }')
    if awk -v s="$s" -v t="$top" 'BEGIN { exit !(s > t) }'; then top=$s; mode=$m; fi
  done
fi
echo "Chosen on dev: energy θ = $theta dBFS (hangover 200 ms); Silero frames p ≥ $prob${mode:+; WebRTC mode $mode}"
echo
echo "| detector | precision | recall | F1 | missed | false alarm |"
echo "| --- | --- | --- | --- | --- | --- |"
for set in test-clean test-15 test-5 test-white-15 test-white-5; do
  echo "| **$set** | | | | | |"
  row "speech everywhere" "$(score "$set" --threshold-db -100 --hangover-ms 0)"
  row "energy, θ = −40 dBFS (default)" "$(score "$set" --threshold-db -40)"
  row "energy, θ = $theta dBFS (dev)" "$(score "$set" --threshold-db "$theta")"
  row "Silero, package rule" "$(score "$set" --detector silero)"
  row "Silero frames, p ≥ $prob (dev)" "$(score "$set" --detector silero-frames --probability "$prob")"
  [ -z "$mode" ] || row "WebRTC, mode $mode (dev)" "$(webrtc_line "$set" "$mode")"
done
