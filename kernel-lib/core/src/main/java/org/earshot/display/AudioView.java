package org.earshot.display;

import java.util.Base64;
import java.util.Locale;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;

/**
 * How a sound appears in a notebook: an HTML5 {@code <audio controls>} player with the sound embedded as a
 * base64 16-bit PCM WAV, a caption (duration, rate, channels, peak level) and the waveform.
 *
 * <p>The player always holds the whole sound. Sounds longer than {@link #LONG_AUDIO_SECONDS} say so in the
 * caption, with the note that the waveform is an envelope (min/max per pixel) of the samples.
 */
public final class AudioView implements Displayable {

    /** Above this length the caption warns that the picture is down-sampled. */
    public static final double LONG_AUDIO_SECONDS = 60.0;

    private final Audio audio;
    private final String title;

    private AudioView(Audio audio, String title) {
        this.audio = audio;
        this.title = title;
    }

    /** @return the view of {@code audio}, titled "Waveform" */
    public static AudioView of(Audio audio) {
        return new AudioView(audio, "Waveform");
    }

    public AudioView withTitle(String newTitle) {
        return new AudioView(audio, newTitle);
    }

    /** @return e.g. {@code "1.000 s · 16000 Hz · mono · peak -6.0 dBFS"} */
    public String caption() {
        double dbfs = audio.peakDbfs();
        String peak = Double.isInfinite(dbfs) ? "silent" : String.format(Locale.ROOT, "peak %.1f dBFS", dbfs);
        int c = audio.channelCount();
        String channels = c == 1 ? "mono" : c == 2 ? "stereo" : c + " channels";
        return String.format(Locale.ROOT, "%.3f s · %d Hz · %s · %s", audio.durationSeconds(), audio.sampleRate(),
                channels, peak);
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
        byte[] png = WaveformPlot.of(audio).withTitle(title).toPng();
        String wav = Base64.getEncoder().encodeToString(Wav.encode(audio, Wav.Encoding.PCM_16));
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"earshot-audio\">");
        html.append("<audio controls preload=\"metadata\" src=\"data:audio/wav;base64,").append(wav).append("\"></audio>");
        html.append("<div style=\"font:12px sans-serif;color:#444\">").append(Html.escape(caption()));
        if (audio.durationSeconds() > LONG_AUDIO_SECONDS) {
            html.append(Html.escape(String.format(Locale.ROOT,
                    " · long sound: the player holds all %.1f s; the waveform is a min/max envelope",
                    audio.durationSeconds())));
        }
        html.append("</div>");
        html.append(Png.imgTag(png, title + ": " + caption()));
        html.append("</div>");
        return MimeBundle.text(audio.toString()).html(html.toString()).png(png).build();
    }
}
