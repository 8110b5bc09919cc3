package org.earshot.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

import org.earshot.io.InputFile;

/**
 * Reading and writing RIFF/WAVE files.
 *
 * <p>Read: PCM with 8 (unsigned), 16, 24 or 32 bits per sample, IEEE float with 32 or 64 bits, in the plain
 * {@code WAVE_FORMAT_PCM}/{@code WAVE_FORMAT_IEEE_FLOAT} headers and in {@code WAVE_FORMAT_EXTENSIBLE}, any number
 * of channels. Integer PCM is scaled to [-1, 1) by dividing by {@code 2^(bits-1)} (8-bit is offset by 128 first).
 * Anything else (truncated header, bad chunk sizes, no samples, a compressed codec, NaN/Inf samples) throws
 * {@link InvalidAudioException} naming the file and the problem, never a silent garbage result; so does a path
 * that is not a regular file (a folder, a FIFO, a device: {@link InputFile#problem}), which is never opened.
 *
 * <p>Reading is by blocks of 64 KiB: {@link #read} holds the samples (up to {@link #maxSamplesInMemory()}) but never
 * the file's bytes, and {@link #open} goes through a file of any length (a RIFF file holds up to 4 GiB) in memory
 * bounded by what the caller asks for at a time.
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
    /** The most samples {@link #read} holds, whatever the heap: 2^28, 1 GiB as floats. */
    private static final long MAX_SAMPLES = 1L << 28;
    /** Bytes read from the file at a time (rounded down to whole frames). */
    private static final int BLOCK_BYTES = 1 << 16;

    private Wav() {
    }

    /**
     * Reads a whole WAV file into memory, block by block (the file's bytes are never all in memory at once).
     *
     * <p>A file longer than {@link #maxSamplesInMemory()} samples (all channels) is refused before its samples are
     * read, with one line that says how long it is, how much of its format the kit holds, and how to cut it: use
     * {@link #open} to go through a longer file block by block instead.
     *
     * @param file the file (symbolic links followed)
     * @return its sound, with the file's sample rate and channels
     * @throws InvalidAudioException when it is not a regular file (missing, a folder, a FIFO, a device), is too long
     *                               to hold, or is not a WAV file this class can read (the message names it)
     * @throws IOException           when the file cannot be read at all
     */
    public static Audio read(Path file) throws IOException {
        try (Reader r = open(file)) {
            return r.readAll();
        }
    }

    /**
     * Opens a WAV file to read its samples block by block, in order, in memory bounded by the block: the way to go
     * through hours of audio ({@code earshot transcribe} does).
     *
     * @param file the file (symbolic links followed)
     * @return a reader positioned at the first frame; close it
     * @throws InvalidAudioException when it is not a regular file or its header is not one this class reads
     * @throws IOException           when the file cannot be read at all
     */
    public static Reader open(Path file) throws IOException {
        Optional<String> problem = InputFile.problem(file);
        if (problem.isPresent()) {
            throw new InvalidAudioException(file.toString(), problem.get());
        }
        Source source = Source.of(FileChannel.open(file, StandardOpenOption.READ));
        try {
            return Reader.start(source, file.toString());
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * The most samples (frames × channels) {@link #read} and {@link Reader#readAll} hold: 2^28 (1 GiB as floats),
     * or a sixteenth of the Java heap when that is less (the samples are held twice while an {@link Audio} is made,
     * and what is computed from them needs the rest). 2^28 samples are 4 h 39 min of 16 kHz mono, 50 min of
     * 44.1 kHz stereo.
     *
     * @return the limit, in samples
     */
    public static long maxSamplesInMemory() {
        return Math.min(MAX_SAMPLES, Runtime.getRuntime().maxMemory() / 16);
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
        try (Reader r = Reader.start(Source.of(bytes), source)) {
            return r.readAll();
        } catch (InvalidAudioException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidAudioException(source, e.getMessage()); // not thrown by bytes in memory
        }
    }

    /**
     * A WAV file open for reading: its format from the header, then its samples in order, {@code maxFrames} at a
     * time. Not thread-safe; close it when done.
     */
    public static final class Reader implements AutoCloseable {

        private final Source source;
        private final String name;
        private final Format format;
        private final long dataStart;
        private final long frames;
        private final ByteBuffer block;
        private long position;

        private Reader(Source source, String name, Format format, long dataStart, long frames) {
            this.source = source;
            this.name = name;
            this.format = format;
            this.dataStart = dataStart;
            this.frames = frames;
            int perBlock = Math.max(1, BLOCK_BYTES / format.blockAlign());
            this.block = ByteBuffer.allocate(perBlock * format.blockAlign()).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Reads the header: the chunks up to {@code data}, skipping others without reading them. */
        static Reader start(Source source, String name) throws IOException {
            long size = source.size();
            if (size == 0) {
                throw new InvalidAudioException(name, "empty file");
            }
            if (size < 12) {
                throw new InvalidAudioException(name, "truncated header (" + size + " bytes)");
            }
            ByteBuffer riff = source.read(0, 12);
            if (!tag(riff, 0).equals("RIFF") || !tag(riff, 8).equals("WAVE")) {
                throw new InvalidAudioException(name, "not a RIFF/WAVE file (starts with '" + printable(tag(riff, 0)) + "')");
            }
            Format format = null;
            long pos = 12;
            while (pos + 8 <= size) {
                ByteBuffer header = source.read(pos, 8);
                String id = tag(header, 0);
                long chunk = Integer.toUnsignedLong(header.getInt(4));
                long body = pos + 8;
                if (id.equals("fmt ")) {
                    if (chunk < 16 || body + chunk > size) {
                        throw new InvalidAudioException(name, "bad 'fmt ' chunk size " + chunk);
                    }
                    format = Format.parse(source.read(body, (int) Math.min(chunk, 40)), (int) Math.min(chunk, Integer.MAX_VALUE), name);
                } else if (id.equals("data")) {
                    if (format == null) {
                        throw new InvalidAudioException(name, "'data' chunk before 'fmt ' chunk");
                    }
                    long available = size - body;
                    if (chunk > available) {
                        throw new InvalidAudioException(name, "'data' chunk says " + chunk + " bytes but only "
                                + available + " follow (truncated file?)");
                    }
                    long frames = chunk / format.blockAlign();
                    if (frames == 0) {
                        throw new InvalidAudioException(name, "no samples ('data' chunk of " + chunk + " bytes)");
                    }
                    return new Reader(source, name, format, body, frames);
                }
                pos = body + chunk + (chunk & 1);
            }
            throw new InvalidAudioException(name, format == null ? "no 'fmt ' chunk" : "no 'data' chunk");
        }

        /** @return samples per second per channel, in Hz */
        public int sampleRate() {
            return format.sampleRate();
        }

        /** @return channels in the file */
        public int channelCount() {
            return format.channels();
        }

        /** @return frames in the file (a frame is one sample of every channel) */
        public long frameCount() {
            return frames;
        }

        /** @return frames already read */
        public long position() {
            return position;
        }

        /** @return the file's length in seconds, {@code frameCount / sampleRate} */
        public double durationSeconds() {
            return (double) frames / format.sampleRate();
        }

        /**
         * The next frames.
         *
         * @param maxFrames the most to read (≥ 1)
         * @return up to {@code maxFrames} frames, starting at {@code position() / sampleRate()} seconds
         *         ({@link Audio#startSeconds()}), or empty after the last frame
         * @throws InvalidAudioException on a NaN or infinite sample (named by its frame and channel)
         * @throws IOException           when the file cannot be read
         */
        public Optional<Audio> read(int maxFrames) throws IOException {
            if (maxFrames < 1) {
                throw new IllegalArgumentException("maxFrames must be ≥ 1, got " + maxFrames);
            }
            int n = (int) Math.min(maxFrames, frames - position);
            if (n == 0) {
                return Optional.empty();
            }
            double start = (double) position / format.sampleRate();
            return Optional.of(Audio.of(next(n), format.sampleRate()).startingAt(start));
        }

        /**
         * Every frame not read yet, at once, when they fit ({@link #maxSamplesInMemory()}).
         *
         * @return them, starting where they are in the file
         * @throws InvalidAudioException when there are too many to hold (the message says how long the file is, the
         *                               longest the kit holds of its format, and how to cut it), none, or a bad
         *                               sample
         * @throws IOException           when the file cannot be read
         */
        public Audio readAll() throws IOException {
            long left = frames - position;
            long limit = maxSamplesInMemory();
            if (left * format.channels() > limit) {
                throw new InvalidAudioException(name, tooLong(limit));
            }
            return read((int) Math.max(1, left)).orElseThrow(() ->
                    new InvalidAudioException(name, "no samples left to read"));
        }

        private String tooLong(long limitSamples) {
            long maxFrames = limitSamples / format.channels();
            return String.format(Locale.ROOT, "%s of %s (%s): longer than the %s of this format the kit reads into"
                            + " memory (%,d samples); cut it into parts first, e.g. ffmpeg -i %s -f segment"
                            + " -segment_time 1800 -c copy part-%%03d.wav", clock(durationSeconds()), format,
                    InputFile.bytes(frames * format.blockAlign()), clock((double) maxFrames / format.sampleRate()),
                    limitSamples, name);
        }

        /** @return {@code [channel][frame]} of the next {@code n} frames */
        private float[][] next(int n) throws IOException {
            float[][] out = new float[format.channels()][n];
            int done = 0;
            int bytesPerSample = format.bitsPerSample() / 8;
            while (done < n) {
                int take = Math.min(n - done, block.capacity() / format.blockAlign());
                block.clear().limit(take * format.blockAlign());
                source.readFully(dataStart + position * format.blockAlign(), block);
                int p = 0;
                for (int f = 0; f < take; f++) {
                    for (int c = 0; c < out.length; c++) {
                        double v = format.sample(block, p);
                        if (!Double.isFinite(v)) {
                            throw new InvalidAudioException(name, "sample " + position + " of channel " + c + " is " + v);
                        }
                        out[c][done + f] = (float) v;
                        p += bytesPerSample;
                    }
                    position++;
                }
                done += take;
            }
            return out;
        }

        /** e.g. {@code "1:00:00.0 of 16-bit PCM, 48000 Hz, 2 channels"} */
        @Override
        public String toString() {
            return clock(durationSeconds()) + " of " + format;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    /** Where a reader's bytes come from: a file's channel (read where asked) or bytes already in memory. */
    private interface Source extends java.io.Closeable {

        long size() throws IOException;

        /** Fills {@code dst} from byte {@code at}. */
        void readFully(long at, ByteBuffer dst) throws IOException;

        default ByteBuffer read(long at, int n) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            readFully(at, b);
            return b;
        }

        static Source of(FileChannel channel) {
            return new Source() {
                @Override
                public long size() throws IOException {
                    return channel.size();
                }

                @Override
                public void readFully(long at, ByteBuffer dst) throws IOException {
                    long pos = at;
                    while (dst.hasRemaining()) {
                        int n = channel.read(dst, pos);
                        if (n < 0) {
                            throw new java.io.EOFException("the file ended at byte " + pos + " (it shrank while read?)");
                        }
                        pos += n;
                    }
                    dst.flip();
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }

        static Source of(byte[] bytes) {
            return new Source() {
                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public void readFully(long at, ByteBuffer dst) {
                    dst.put(bytes, (int) at, dst.remaining()).flip();
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private record Format(int tag, int channels, int sampleRate, int blockAlign, int bitsPerSample) {

        /** @param b the chunk's first bytes (up to 40) @param size the chunk's size */
        static Format parse(ByteBuffer b, int size, String source) throws InvalidAudioException {
            int tag = Short.toUnsignedInt(b.getShort(0));
            int channels = Short.toUnsignedInt(b.getShort(2));
            int sampleRate = b.getInt(4);
            int blockAlign = Short.toUnsignedInt(b.getShort(12));
            int bits = Short.toUnsignedInt(b.getShort(14));
            if (tag == FORMAT_EXTENSIBLE) {
                if (size < 40) {
                    throw new InvalidAudioException(source, "WAVE_FORMAT_EXTENSIBLE header too short (" + size + " bytes)");
                }
                tag = Short.toUnsignedInt(b.getShort(24)); // first two bytes of the sub-format GUID
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

        /** e.g. {@code "16-bit PCM, 48000 Hz, 2 channels"} */
        @Override
        public String toString() {
            return bitsPerSample + "-bit " + (tag == FORMAT_FLOAT ? "float" : "PCM") + ", " + sampleRate + " Hz, "
                    + (channels == 1 ? "mono" : channels + " channels");
        }
    }

    /** @return {@code h:mm:ss.s} or {@code m:ss.s}, e.g. {@code 1:02:03.5} */
    static String clock(double seconds) {
        long tenths = Math.round(seconds * 10);
        long h = tenths / 36000;
        long m = tenths / 600 % 60;
        double s = tenths % 600 / 10.0;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%04.1f", h, m, s)
                : String.format(Locale.ROOT, "%d:%04.1f", m, s);
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
