package org.earshot.speakers.meeting;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What noise lies under a {@link Meeting}, for its metadata: none, white Gaussian noise, or real ambience (which
 * recordings, from where), and at what SNR.
 *
 * <p>The SNR is over the speech: {@code 10·log10(P_s / P_n)} with {@code P_s} the mean power of the mixed speech
 * and {@code P_n} that of the noise, both over the samples where a reference turn is (silences left out).
 *
 * @param kind   none, white or ambience
 * @param source where the noise comes from: {@code "none"}, {@code "white Gaussian"}, or a package and its
 *               licence, e.g. {@code "etw-data 3.6+svn162-6 (GPL-2+)"}
 * @param parts  the ambience recordings used, in order (empty otherwise)
 * @param snrDb  the SNR asked for, dB (NaN for none)
 */
public record MeetingNoise(Kind kind, String source, List<String> parts, double snrDb) {

    /** No noise. */
    public static final MeetingNoise NONE = new MeetingNoise(Kind.NONE, "none", List.of(), Double.NaN);

    /** The kinds of noise a meeting may have. */
    public enum Kind {
        /** A clean mix. */
        NONE,
        /** White Gaussian noise, stationary and flat. */
        WHITE,
        /** Recordings of a real place ({@link Ambience}). */
        AMBIENCE;

        /** @return the name on the command line and in metadata, e.g. {@code ambience} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MeetingNoise {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        parts = List.copyOf(parts);
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "no noise"
                : String.format(Locale.ROOT, "%s noise (%s) at %.1f dB SNR", kind.label(), source, snrDb);
    }
}
