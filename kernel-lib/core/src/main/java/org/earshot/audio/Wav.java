package org.earshot.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading and writing RIFF/WAVE files.
 *
 * <p>Read: PCM with 8 (unsigned), 16, 24 or 32 bits per sample, IEEE float with 32 or 64 bits, in the plain
 * {@code WAVE_FORMAT_PCM}/{@code WAVE_FORMAT_IEEE_FLOAT} headers and in {@code WAVE_FORMAT_EXTENSIBLE}, any number
 * of channels. Integer PCM is scaled to [-1, 1) by dividing by {@code 2^(bits-1)} (8-bit is offset by 128 first).
 * Anything else (truncated header, bad chunk sizes, no samples, a compressed codec, NaN/Inf samples) throws
 * {@link InvalidAudioException} naming the file and the problem, never a silent garbage result.
 *
 * <p>Write: 16-bit PCM ({@code round(x·32768)} clipped to [−32768, 32767], the inverse of the read scaling, so a
 * round trip is within half a quantisation step) or 32-bit float (exact).
 */
public final class Wav {

    /** Sample encodings this class writes. */
    public enum Encoding {
        /** 16-bit signed integer PCM: what every browser and player accepts. */
        PCM_16(1, 16),
        /** 32-bit IEEE float: lossless for {@link Audio}'s float samples. */
        FLOAT_32(3, 32);

        final int formatTag;
        final int bitsPerSample;

        Encoding(int formatTag, int bitsPerSample) {
            this.formatTag = formatTag;
            this.bitsPerSample = bitsPerSample;
        }
    }

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private Wav() {
    }

    /**
     * Reads a WAV file.
     *
     * @param file the file
     * @return its sound, with the file's sample rate and channels
     * @throws InvalidAudioException when the file is not a WAV file this class can read (the message names it)
     * @throws IOException           when the file cannot be read at all
     */
    public static Audio read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidAudioException(file.toString(), "no such file");
        }
        return decode(Files.readAllBytes(file), file.toString());
    }

    /**
     * Writes a sound as a WAV file.
     *
     * @param audio    the sound
     * @param file     where to write it (replaced if it exists)
     * @param encoding how samples are stored
     * @throws IOException when the file cannot be written
     */
    public static void write(Audio audio, Path file, Encoding encoding) throws IOException {
        Files.write(file, encode(audio, encoding));
    }

    /**
     * The bytes of a WAV file holding {@code audio}: a 44-byte canonical header then interleaved samples.
     *
     * @param audio    the sound
     * @param encoding how samples are stored
     * @return the file's bytes
     */
    public static byte[] encode(Audio audio, Encoding encoding) {
        int channels = audio.channelCount();
        int frames = audio.frameCount();
        int bytesPerSample = encoding.bitsPerSample / 8;
        long dataBytes = (long) frames * channels * bytesPerSample;
        if (dataBytes > Integer.MAX_VALUE - 44) {
            throw new IllegalArgumentException("audio too long for one WAV file: " + dataBytes + " bytes of samples");
        }
        ByteBuffer b = ByteBuffer.allocate(44 + (int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + (int) dataBytes).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16)
                .putShort((short) encoding.formatTag)
                .putShort((short) channels)
                .putInt(audio.sampleRate())
                .putInt(audio.sampleRate() * channels * bytesPerSample)
                .putShort((short) (channels * bytesPerSample))
                .putShort((short) encoding.bitsPerSample);
        b.put(ascii("data")).putInt((int) dataBytes);
        float[][] ch = new float[channels][];
        for (int c = 0; c < channels; c++) {
            ch[c] = audio.channel(c);
        }
        for (int n = 0; n < frames; n++) {
            for (int c = 0; c < channels; c++) {
                float v = ch[c][n];
                if (encoding == Encoding.PCM_16) {
                    b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768.0))));
                } else {
                    b.putFloat(v);
                }
            }
        }
        return b.array();
    }

    /**
     * Decodes the bytes of a WAV file.
     *
     * @param bytes  the whole file
     * @param source a name for error messages (usually the file name)
     * @return the sound
     * @throws InvalidAudioException when the bytes are not a WAV file this class can read
     */
    public static Audio decode(byte[] bytes, String source) throws InvalidAudioException {
        if (bytes.length == 0) {
            throw new InvalidAudioException(source, "empty file");
        }
        if (bytes.length < 12) {
            throw new InvalidAudioException(source, "truncated header (" + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw new InvalidAudioException(source, "not a RIFF/WAVE file (starts with '" + printable(tag(b, 0)) + "')");
        }
        Format format = null;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = tag(b, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + size > bytes.length) {
                    throw new InvalidAudioException(source, "bad 'fmt ' chunk size " + size);
                }
                format = Format.parse(b, body, (int) size, source);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new InvalidAudioException(source, "'data' chunk before 'fmt ' chunk");
                }
                long available = bytes.length - body;
                if (size > available) {
                    throw new InvalidAudioException(source, "'data' chunk says " + size + " bytes but only "
                            + available + " follow (truncated file?)");
                }
                return format.samples(b, body, (int) size, source);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw new InvalidAudioException(source, format == null ? "no 'fmt ' chunk" : "no 'data' chunk");
    }

    private record Format(int tag, int channels, int sampleRate, int blockAlign, int bitsPerSample) {

        static Format parse(ByteBuffer b, int at, int size, String source) throws InvalidAudioException {
            int tag = Short.toUnsignedInt(b.getShort(at));
            int channels = Short.toUnsignedInt(b.getShort(at + 2));
            int sampleRate = b.getInt(at + 4);
            int blockAlign = Short.toUnsignedInt(b.getShort(at + 12));
            int bits = Short.toUnsignedInt(b.getShort(at + 14));
            if (tag == FORMAT_EXTENSIBLE) {
                if (size < 40) {
                    throw new InvalidAudioException(source, "WAVE_FORMAT_EXTENSIBLE header too short (" + size + " bytes)");
                }
                tag = Short.toUnsignedInt(b.getShort(at + 24)); // first two bytes of the sub-format GUID
            }
            if (tag != FORMAT_PCM && tag != FORMAT_FLOAT) {
                throw new InvalidAudioException(source, String.format("unsupported codec (format tag 0x%04X); "
                        + "only PCM and IEEE float WAV can be read", tag));
            }
            boolean okBits = tag == FORMAT_PCM ? bits == 8 || bits == 16 || bits == 24 || bits == 32
                    : bits == 32 || bits == 64;
            if (!okBits) {
                throw new InvalidAudioException(source, "unsupported " + bits + " bits per sample for "
                        + (tag == FORMAT_PCM ? "PCM" : "float"));
            }
            if (channels == 0) {
                throw new InvalidAudioException(source, "header says 0 channels");
            }
            if (sampleRate <= 0) {
                throw new InvalidAudioException(source, "header says sample rate " + Integer.toUnsignedString(sampleRate));
            }
            if (blockAlign != channels * bits / 8) {
                throw new InvalidAudioException(source, "block align " + blockAlign + " does not match "
                        + channels + " channels × " + bits + " bits");
            }
            return new Format(tag, channels, sampleRate, blockAlign, bits);
        }

        Audio samples(ByteBuffer b, int at, int size, String source) throws InvalidAudioException {
            int frames = size / blockAlign;
            if (frames == 0) {
                throw new InvalidAudioException(source, "no samples ('data' chunk of " + size + " bytes)");
            }
            int bytesPerSample = bitsPerSample / 8;
            float[][] out = new float[channels][frames];
            int p = at;
            for (int n = 0; n < frames; n++) {
                for (int c = 0; c < channels; c++) {
                    double v = sample(b, p);
                    if (!Double.isFinite(v)) {
                        throw new InvalidAudioException(source, "sample " + n + " of channel " + c + " is " + v);
                    }
                    out[c][n] = (float) v;
                    p += bytesPerSample;
                }
            }
            return Audio.of(out, sampleRate);
        }

        private double sample(ByteBuffer b, int p) {
            if (tag == FORMAT_FLOAT) {
                return bitsPerSample == 32 ? b.getFloat(p) : b.getDouble(p);
            }
            return switch (bitsPerSample) {
                case 8 -> (Byte.toUnsignedInt(b.get(p)) - 128) / 128.0;
                case 16 -> b.getShort(p) / 32768.0;
                case 24 -> ((b.get(p) & 0xFF) | (b.get(p + 1) & 0xFF) << 8 | b.get(p + 2) << 16) / 8388608.0;
                default -> b.getInt(p) / 2147483648.0;
            };
        }
    }

    private static String tag(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        for (int i = 0; i < 4; i++) {
            t[i] = b.get(at + i);
        }
        return new String(t, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
