package org.earshot.speakers.meeting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

import org.earshot.audio.Audio;
import org.earshot.audio.Resample;
import org.earshot.audio.Wav;
import org.earshot.corpus.real.DebianPackage;
import org.earshot.io.Command;
import org.earshot.kit.Requirement;

/**
 * Real background sound to mix under a meeting (§21.4): recordings of a place, laid end to end to any length. White
 * noise is what a VAD handles best (stationary, its level known); a crowd murmurs, swells and cheers, and some of it
 * is voices, which is where an energy threshold fails.
 *
 * <p>The kit's ambience is the crowd of Debian's {@value #CROWD_PACKAGE} ("Eat the Whistle", a football game, GPL-2+,
 * Debian main, 5 MB): 17 recordings of a stadium crowd, {@code usr/share/games/etw/crowd/crowd*.wav}, 8-bit mono
 * 22.05 kHz, 1.4 to 12 s each, about 95 s in all. {@link #crowd(Path)} takes them as {@code ./earshot corpus real}
 * takes its voices: from the installed package when {@code ./earshot setup} has installed it ({@link #REQUIREMENT}),
 * else {@code apt-get download} + {@code dpkg-deb -x} into the corpus cache ({@link DebianPackage}), nothing installed.
 *
 * <p>{@link #track} builds a noise track of n samples from the seed's draw: clips in a random order (each resampled
 * to the meeting's rate, mixed down, its mean removed), the first entered at a random offset, joined with 50 ms
 * linear cross-fades so no click or gap marks a join; the track is scaled to the SNR by {@link MeetingGenerator}.
 */
public final class Ambience {

    /** The Debian package whose crowd recordings are the kit's ambience. */
    public static final String CROWD_PACKAGE = "etw-data";
    /** Where its recordings are, inside the package. */
    public static final String CROWD_FOLDER = "usr/share/games/etw/crowd";
    /** What §21.4 declares so setup installs the crowd recordings. */
    public static final Requirement.Debian REQUIREMENT = new Requirement.Debian(CROWD_PACKAGE,
            "stadium-crowd ambience (GPL-2+) mixed under test meetings for the VAD evaluation");
    private static final double CROSSFADE_SECONDS = 0.05;

    private final List<Path> files;
    private final List<String> names;
    private final String source;

    private Ambience(List<Path> files, List<String> names, String source) {
        this.files = List.copyOf(files);
        this.names = List.copyOf(names);
        this.source = source;
    }

    /**
     * @param cache where a package not installed is downloaded and unpacked ({@code build/corpus-cache})
     * @return the stadium crowd of {@value #CROWD_PACKAGE}
     * @throws IOException when the package is neither installed nor can be fetched (the message says what to run)
     */
    public static Ambience crowd(Path cache) throws IOException {
        Path installed = Path.of("/").resolve(CROWD_FOLDER);
        try {
            if (Files.isDirectory(installed)) {
                return of(installed, CROWD_PACKAGE + " " + installedVersion(installed) + " (GPL-2+)");
            }
            DebianPackage p = DebianPackage.fetch(CROWD_PACKAGE, cache);
            return of(p.root().resolve(CROWD_FOLDER), CROWD_PACKAGE + " " + p.version() + " (GPL-2+)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(CROWD_PACKAGE + ": interrupted while fetching", e);
        }
    }

    /** @return the installed package's version, from dpkg ({@code installed} when dpkg cannot say) */
    private static String installedVersion(Path dir) {
        try {
            Command v = Command.run(List.of("dpkg-query", "-W", "-f=${Version}", CROWD_PACKAGE), dir,
                    Duration.ofSeconds(30));
            return v.succeeded() && !v.output().isBlank() ? v.output().strip() : "installed";
        } catch (IOException e) {
            return "installed";
        }
    }

    /**
     * @param dir    a folder of WAV recordings (every {@code *.wav} under it, in name order)
     * @param source what they are, for the meeting's metadata (e.g. a package, its version and licence)
     * @return the ambience
     * @throws IOException when the folder holds no WAV (named)
     */
    public static Ambience of(Path dir, String source) throws IOException {
        Objects.requireNonNull(source, "source");
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": no such folder of ambience recordings");
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(dir)) {
            found = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")).sorted()
                    .toList();
        }
        if (found.isEmpty()) {
            throw new IOException(dir + ": no .wav recordings of ambience here");
        }
        List<String> names = found.stream().map(p -> dir.relativize(p).toString()).toList();
        return new Ambience(found, names, source);
    }

    /** @return where the recordings come from, e.g. {@code etw-data 3.6+svn162-6 (GPL-2+)} */
    public String source() {
        return source;
    }

    /** @return the recordings' names, relative to their folder */
    public List<String> names() {
        return names;
    }

    /**
     * A noise track from the recordings, drawn from {@code random}.
     *
     * @param samples    its length, samples (≥ 1)
     * @param sampleRate its rate, Hz
     * @param random     the draw (the meeting's generator: the same seed, the same track)
     * @return the samples (not yet scaled) and the recordings used, in order
     * @throws IOException when a recording cannot be read (named) or is silent
     */
    public Track track(int samples, int sampleRate, Random random) throws IOException {
        double[] out = new double[samples];
        List<String> used = new ArrayList<>();
        int fade = (int) Math.round(CROSSFADE_SECONDS * sampleRate);
        int at = 0;
        boolean first = true;
        while (at < samples) {
            int pick = random.nextInt(files.size());
            double[] x = clip(pick, sampleRate);
            int from = first ? random.nextInt(x.length - 2 * fade) : 0;
            int start = first ? 0 : Math.max(0, at - fade);
            for (int j = from, i = start; j < x.length && i < samples; j++, i++) {
                double w = 1;
                if (!first && j < fade) {
                    w = (j + 0.5) / fade;
                    out[i] *= 1 - w; // the previous clip fades out as this one fades in
                }
                out[i] += w * x[j];
            }
            used.add(names.get(pick));
            at = start + x.length - from;
            first = false;
        }
        return new Track(out, used);
    }

    private double[] clip(int index, int sampleRate) throws IOException {
        Audio a = Resample.to(Wav.read(files.get(index)).mixdown(), sampleRate);
        double[] x = a.doubleSamples();
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double power = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] -= mean;
            power += x[i] * x[i];
        }
        if (x.length <= 2 * CROSSFADE_SECONDS * sampleRate || power == 0) {
            throw new IOException(files.get(index) + ": silent or shorter than two cross-fades");
        }
        return x;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Ambience[%d recordings of %s]", files.size(), source);
    }

    /**
     * @param samples the noise, unscaled
     * @param parts   the recordings it was made of, in order
     */
    public record Track(double[] samples, List<String> parts) {
        public Track {
            parts = List.copyOf(parts);
        }
    }
}
