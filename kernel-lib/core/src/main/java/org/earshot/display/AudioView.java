package org.earshot.display;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;

/**
 * How a sound appears in a notebook: a label line, an HTML5 {@code <audio controls>} player with the sound embedded
 * as a base64 16-bit PCM WAV, and the waveform.
 *
 * <p>The label line stands <em>above</em> the player, so a reader knows what a player plays before pressing it: the
 * title given with {@link #withTitle(String)} (in bold), then the caption (duration, where a part of a recording
 * starts and ends, rate, channels, peak level). An untitled view (a bare {@code Audio} as a cell's value) shows the
 * caption alone; give the sounds you talk about a title:
 *
 * <pre>{@code
 * show(AudioView.of(bandLimited).withTitle("Band-limited: resampled to 16 kHz"));
 * }</pre>
 *
 * <p>The player always holds the whole sound. Sounds longer than {@link #LONG_AUDIO_SECONDS} say so in the caption,
 * with the note that the waveform is an envelope (min/max per pixel) of the samples.
 */
public final class AudioView implements Displayable {

    /** Above this length the caption warns that the picture is down-sampled. */
    public static final double LONG_AUDIO_SECONDS = 60.0;
    /** The waveform's title when the view has none of its own. */
    static final String UNTITLED_WAVEFORM = "Waveform";

    private final Audio audio;
    private final String title; // null: untitled

    private AudioView(Audio audio, String title) {
        this.audio = java.util.Objects.requireNonNull(audio, "audio");
        this.title = title;
    }

    /** @return the untitled view of {@code audio}: its caption above the player, the waveform titled "Waveform" */
    public static AudioView of(Audio audio) {
        return new AudioView(audio, null);
    }

    /**
     * @param newTitle what the sound is, e.g. {@code "Naive: every third sample"} (not blank)
     * @return the view with that title above its player and over its waveform
     */
    public AudioView withTitle(String newTitle) {
        return new AudioView(audio, XyPlot.requireText(newTitle, "an audio player's title"));
    }

    /** @return the title above the player, or empty for an untitled view */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /**
     * @return e.g. {@code "1.000 s · 16000 Hz · mono · peak -6.0 dBFS"}, or for a part of a recording
     *         {@code "1.000 s (0.200–1.200 s) · 16000 Hz · mono · peak -6.0 dBFS"}
     */
    public String caption() {
        double dbfs = audio.peakDbfs();
        String peak = Double.isInfinite(dbfs) ? "silent" : String.format(Locale.ROOT, "peak %.1f dBFS", dbfs);
        int c = audio.channelCount();
        String channels = c == 1 ? "mono" : c == 2 ? "stereo" : c + " channels";
        String span = audio.startSeconds() == 0 ? "" : String.format(Locale.ROOT, " (%.3f–%.3f s)",
                audio.startSeconds(), audio.endSeconds());
        return String.format(Locale.ROOT, "%.3f s%s · %d Hz · %s · %s", audio.durationSeconds(), span,
                audio.sampleRate(), channels, peak);
    }

    /**
     * @param audio the sound
     * @param label what to call it, shown above the player (e.g. {@code "expected"})
     * @return a labelled {@code <audio controls>} player holding the sound as a base64 16-bit WAV, with its caption:
     *         an HTML fragment for a page that shows several sounds side by side
     */
    public static String player(Audio audio, String label) {
        String wav = Base64.getEncoder().encodeToString(Wav.encode(audio, Wav.Encoding.PCM_16));
        return "<div class=\"earshot-audio\"><div style=\"font:bold 12px sans-serif\">" + Html.escape(label)
                + "</div><audio controls preload=\"metadata\" src=\"data:audio/wav;base64," + wav + "\"></audio>"
                + "<div style=\"font:12px sans-serif;color:#444\">" + Html.escape(of(audio).caption()) + "</div></div>";
    }

    @Override
    public MimeBundle toMimeBundle() {
        String waveformTitle = title != null ? title : UNTITLED_WAVEFORM;
        byte[] png = WaveformPlot.of(audio).withTitle(waveformTitle).toPng();
        String wav = Base64.getEncoder().encodeToString(Wav.encode(audio, Wav.Encoding.PCM_16));
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"earshot-audio\">");
        html.append("<div class=\"earshot-audio-label\" style=\"font:12px sans-serif;color:#444;margin:2px 0\">");
        if (title != null) {
            html.append("<b style=\"font-size:13px;color:#111\">").append(Html.escape(title)).append("</b> · ");
        }
        html.append(Html.escape(caption()));
        if (audio.durationSeconds() > LONG_AUDIO_SECONDS) {
            html.append(Html.escape(String.format(Locale.ROOT,
                    " · long sound: the player holds all %.1f s; the waveform is a min/max envelope",
                    audio.durationSeconds())));
        }
        html.append("</div>");
        html.append("<audio controls preload=\"metadata\" src=\"data:audio/wav;base64,").append(wav).append("\"></audio>");
        html.append("<br/>");
        html.append(Png.imgTag(png, waveformTitle + ": " + caption()));
        html.append("</div>");
        String text = title != null ? title + ": " + audio : audio.toString();
        return MimeBundle.text(text).html(html.toString()).png(png).build();
    }

    @Override
    public String toString() {
        return "AudioView[" + (title != null ? title + ", " : "") + audio + "]";
    }
}
