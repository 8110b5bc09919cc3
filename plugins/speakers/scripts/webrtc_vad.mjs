// WebRTC's voice activity detector (libfvad, compiled to WASM: npm @echogarden/fvad-wasm@0.2.0, BSD-3-Clause) over
// 16-bit mono 16 kHz WAVs, as RTTM: a reference beside the kit's energy VAD and Silero (§21.4). Each 30 ms frame is
// speech or not; runs of speech frames are written as SPEAKER lines labelled "speech", the recording id being the
// file's name without .wav. Score it with the kit: ./earshot vad IN.wav… --hypothesis OUT.rttm --reference REF.rttm
//
//   node plugins/speakers/scripts/webrtc_vad.mjs build/kit/node/fvad-wasm MODE OUT.rttm IN.wav…
// (./earshot setup unpacks the package there, SHA-256 checked; MODE 0–3, 3 the most aggressive at calling frames
// non-speech)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const FRAME_MS = 30;
const [pkg, modeText, out, ...wavs] = process.argv.slice(2);
if (!pkg || !/^[0-3]$/.test(modeText ?? '') || !out || wavs.length === 0) {
  console.error('usage: node webrtc_vad.mjs FVAD_PACKAGE_DIR MODE(0-3) OUT.rttm IN.wav…');
  process.exit(2);
}
const Fvad = (await import(pathToFileURL(path.join(pkg, 'fvad.js')).href)).default;
const m = await Fvad();

/** @return {rate, samples: Int16Array} of a PCM-16 mono WAV */
function readWav(file) {
  const b = fs.readFileSync(file);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${file}: not a RIFF WAVE file`);
  }
  let rate = 0;
  for (let at = 12; at + 8 <= b.length;) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      const channels = b.readUInt16LE(at + 10);
      rate = b.readUInt32LE(at + 12);
      const bits = b.readUInt16LE(at + 22);
      if (channels !== 1 || bits !== 16) throw new Error(`${file}: ${channels} channels, ${bits} bits: want mono PCM-16`);
    } else if (id === 'data') {
      const n = Math.floor(Math.min(size, b.length - at - 8) / 2);
      const samples = new Int16Array(n);
      for (let i = 0; i < n; i++) samples[i] = b.readInt16LE(at + 8 + 2 * i);
      return { rate, samples };
    }
    at += 8 + size + (size & 1);
  }
  throw new Error(`${file}: no data chunk`);
}

const lines = [];
for (const file of wavs) {
  const { rate, samples } = readWav(file);
  const vad = m._fvad_new();
  if (m._fvad_set_sample_rate(vad, rate) !== 0) throw new Error(`${file}: ${rate} Hz (fvad takes 8, 16, 32, 48 kHz)`);
  m._fvad_set_mode(vad, Number(modeText));
  const frame = rate * FRAME_MS / 1000;
  const ptr = m._malloc(frame * 2);
  const id = path.basename(file).replace(/\.wav$/i, '').replace(/\s/g, '_');
  let start = -1;
  const frames = Math.floor(samples.length / frame);
  for (let f = 0; f <= frames; f++) {
    let speech = false;
    if (f < frames) {
      m.HEAP16.set(samples.subarray(f * frame, (f + 1) * frame), ptr >> 1);
      const r = m._fvad_process(vad, ptr, frame);
      if (r < 0) throw new Error(`${file}: fvad_process failed at frame ${f}`);
      speech = r === 1;
    }
    if (speech && start < 0) start = f;
    if (!speech && start >= 0) {
      const t0 = start * FRAME_MS / 1000;
      const t1 = f * FRAME_MS / 1000;
      lines.push(`SPEAKER ${id} 1 ${t0.toFixed(3)} ${(t1 - t0).toFixed(3)} <NA> <NA> speech <NA> <NA>`);
      start = -1;
    }
  }
  m._free(ptr);
  m._fvad_free(vad);
}
fs.writeFileSync(out, lines.join('\n') + (lines.length ? '\n' : ''));
console.log(`recordings=${wavs.length} segments=${lines.length} -> ${out}`);
