package org.earshot.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;

/**
 * Reads Ogg Vorbis files (the format most Debian packages ship their recordings in) with JOrbis, a pure-Java port of
 * libvorbis: the three Vorbis header packets (identification, comment, codebooks), then every audio packet of the
 * first logical stream through the inverse MDCT and overlap-add into float samples in [−1, 1].
 *
 * <pre>{@code
 * Audio a = OggVorbis.read(Path.of("voices/male1/b1.ogg"));   // the file's rate and channels
 * }</pre>
 *
 * @see <a href="https://xiph.org/vorbis/doc/Vorbis_I_spec.html">Vorbis I specification</a>
 * @see <a href="http://www.jcraft.com/jorbis/">JOrbis</a>
 */
public final class OggVorbis {

    private OggVorbis() {
    }

    /**
     * @param file an Ogg Vorbis file
     * @return its sound, at the file's sample rate, one channel per Vorbis channel
     * @throws InvalidAudioException when it is not Ogg Vorbis or is cut short (the message names the file)
     * @throws IOException           when the file cannot be read
     */
    public static Audio read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidAudioException(file.toString(), "no such file");
        }
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** The stream after its three Vorbis header packets, ready for the audio packets. */
    private record Headers(SyncState sync, StreamState stream, Info info, Comment comment) {
    }

    private static Headers headers(byte[] bytes, String source) throws InvalidAudioException {
        SyncState sync = new SyncState();
        sync.init();
        int at = sync.buffer(bytes.length);
        System.arraycopy(bytes, 0, sync.data, at, bytes.length);
        sync.wrote(bytes.length);
        Page page = new Page();
        Packet packet = new Packet();
        if (sync.pageout(page) != 1) {
            throw new InvalidAudioException(source, "not an Ogg file");
        }
        StreamState stream = new StreamState();
        stream.init(page.serialno());
        Info info = new Info();
        Comment comment = new Comment();
        info.init();
        comment.init();
        if (stream.pagein(page) < 0 || stream.packetout(packet) != 1
                || info.synthesis_headerin(comment, packet) < 0) {
            throw new InvalidAudioException(source, "not an Ogg Vorbis stream");
        }
        int headers = 1;
        while (headers < 3) {
            int r = sync.pageout(page);
            if (r == 0) {
                throw new InvalidAudioException(source, "cut short in the Vorbis headers");
            }
            if (r == 1) {
                stream.pagein(page);
                while (headers < 3 && (r = stream.packetout(packet)) != 0) {
                    if (r < 0 || info.synthesis_headerin(comment, packet) < 0) {
                        throw new InvalidAudioException(source, "corrupt Vorbis header");
                    }
                    headers++;
                }
            }
        }
        return new Headers(sync, stream, info, comment);
    }

    /**
     * @param file an Ogg Vorbis file
     * @param name a comment field's name, e.g. {@code ARTIST} (Vorbis comment names are case-insensitive)
     * @return the field's first value, when the file's comment header has it
     * @throws IOException when the file cannot be read or is not Ogg Vorbis
     */
    public static java.util.Optional<String> tag(Path file, String name) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidAudioException(file.toString(), "no such file");
        }
        Comment c = headers(Files.readAllBytes(file), file.toString()).comment();
        return java.util.Optional.ofNullable(c.query(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * @param bytes  the bytes of an Ogg Vorbis file
     * @param source what to call it in an error message (a file name)
     * @return its sound
     * @throws InvalidAudioException when the bytes are not Ogg Vorbis, or are cut short
     */
    public static Audio decode(byte[] bytes, String source) throws InvalidAudioException {
        Headers h = headers(bytes, source);
        SyncState sync = h.sync();
        StreamState stream = h.stream();
        Info info = h.info();
        Page page = new Page();
        Packet packet = new Packet();
        DspState dsp = new DspState();
        dsp.synthesis_init(info);
        Block block = new Block(dsp);
        block.init(dsp);
        int channels = info.channels;
        float[][] out = new float[channels][1 << 16];
        int length = 0;
        float[][][] pcm = new float[1][][];
        int[] offsets = new int[channels];
        boolean end = false;
        while (!end) {
            int r = sync.pageout(page);
            if (r == 0) {
                break;
            }
            if (r < 0) {
                continue;   // a gap in the data: libvorbis skips it too
            }
            stream.pagein(page);
            while ((r = stream.packetout(packet)) != 0) {
                if (r < 0) {
                    continue;
                }
                if (block.synthesis(packet) == 0) {
                    dsp.synthesis_blockin(block);
                }
                int n;
                while ((n = dsp.synthesis_pcmout(pcm, offsets)) > 0) {
                    if (length + n > out[0].length) {
                        for (int c = 0; c < channels; c++) {
                            out[c] = java.util.Arrays.copyOf(out[c], Math.max(2 * out[c].length, length + n));
                        }
                    }
                    for (int c = 0; c < channels; c++) {
                        float[] src = pcm[0][c];
                        for (int i = 0; i < n; i++) {
                            out[c][length + i] = Math.max(-1f, Math.min(1f, src[offsets[c] + i]));
                        }
                    }
                    length += n;
                    dsp.synthesis_read(n);
                }
            }
            end = page.eos() != 0;
        }
        if (length == 0) {
            throw new InvalidAudioException(source, "an Ogg Vorbis stream with no samples");
        }
        float[][] samples = new float[channels][];
        for (int c = 0; c < channels; c++) {
            samples[c] = java.util.Arrays.copyOf(out[c], length);
        }
        return Audio.of(samples, info.rate);
    }
}
