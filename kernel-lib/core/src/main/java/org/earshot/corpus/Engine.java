package org.earshot.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.earshot.audio.Audio;
import org.earshot.audio.Wav;

/**
 * The speech engines on the machine that the corpus drives through their command-line tools, each from Debian; and
 * {@link #HUMAN}, which marks a recorded person in the same manifest format.
 */
public enum Engine {
    /** eSpeak NG: formant synthesis, many accents × voice variants; rate in words per minute, pitch 0–99. */
    ESPEAK_NG("espeak-ng", "espeak-ng"),
    /** Festival's Flite: small diphone/cluster-unit voices (kal16, awb, rms, slt). */
    FLITE("flite", "flite"),
    /** Festival with the kal diphone voice, through its text2wave script. */
    FESTIVAL("text2wave", "festival festvox-kallpc16k"),
    /** No engine: a recording of a person ({@code ./earshot corpus real}); voice = the speaker, accent = the
     *  language. Nothing to run, so it cannot {@link #speak}. */
    HUMAN("", "");

    private final String command;
    private final String debianPackages;

    Engine(String command, String debianPackages) {
        this.command = command;
        this.debianPackages = debianPackages;
    }

    /** @return the engine's name in a manifest and in a voice's {@link Voice#id() id}: {@code espeak_ng}, {@code flite},
     *  {@code festival} or {@code human} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param label an engine's name as {@link #label()} writes it
     * @return the engine
     * @throws IllegalArgumentException naming the label when it is no engine's
     */
    public static Engine ofLabel(String label) {
        for (Engine e : values()) {
            if (e.label().equals(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not a speech engine (espeak_ng, flite, festival or human)");
    }

    /** @return the Debian packages that provide it */
    public String debianPackages() {
        return debianPackages;
    }

    /**
     * @throws IOException when the engine's command is not installed; the message names the Debian package
     */
    public void requireInstalled() throws IOException {
        if (this == HUMAN) {
            return;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        throw new IOException(command + " is not installed (speech engine " + label() + "): apt-get install "
                + debianPackages);
    }

    private static String durationStretch(int wordsPerMinute) {
        return String.format(java.util.Locale.ROOT, "%.3f", 160.0 / wordsPerMinute);
    }

    /**
     * Speaks {@code text} with the voice's own rate and pitch, as a production system beside the kit's own.
     *
     * @param voice a voice of this engine, e.g. {@code new Voice(Engine.FESTIVAL, "kal_diphone", "en-us")}
     * @param text  what to say, as written: the engine's own front end reads it
     * @return the sound, at the engine's own sample rate
     * @throws IOException when the engine is not installed (naming its Debian package) or fails
     */
    public Audio say(Voice voice, String text) throws IOException, InterruptedException {
        return say(voice, OptionalInt.empty(), OptionalInt.empty(), text);
    }

    /**
     * Speaks {@code text} as {@link #say(Voice, String)} does, at a chosen rate and pitch where the engine has them.
     *
     * @param voice              a voice of this engine
     * @param rateWordsPerMinute as {@link #speak}'s: espeak-ng's {@code -s}; flite's and festival's duration stretch
     *                           160 / rate; empty for the voice's own
     * @param pitch              as {@link #speak}'s: espeak-ng's 0–99, flite kal's mean F0 50 + 1.5 · pitch Hz; empty
     *                           for the voice's own
     * @param text               what to say, as written
     * @return the sound, at the engine's own sample rate
     * @throws IOException when the engine is not installed (naming its Debian package) or fails
     */
    public Audio say(Voice voice, OptionalInt rateWordsPerMinute, OptionalInt pitch, String text)
            throws IOException, InterruptedException {
        if (voice.engine() != this) {
            throw new IllegalArgumentException(voice.id() + " is not a voice of " + label());
        }
        requireInstalled();
        Path dir = Files.createTempDirectory("earshot-say-");
        Path wav = dir.resolve("say.wav");
        try {
            speak(voice, rateWordsPerMinute, pitch, text, wav);
            return Wav.read(wav);
        } finally {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Speaks {@code text} into a WAV file at the engine's own sample rate.
     *
     * @param voice              the voice (of this engine)
     * @param rateWordsPerMinute speaking rate in words per minute (espeak-ng's {@code -s}; for flite and festival a
     *                           duration stretch of 160 / rate, for festival's HTS voices hts_engine's speed rate /
     *                           160); empty for the voice's own
     * @param pitch              espeak-ng's pitch 0–99 ({@code -p}); for flite's diphone voices (kal, kal16) a mean F0
     *                           of 50 + 1.5 · pitch Hz; ignored by the others; empty for the voice's own
     * @param wav                where to write
     * @throws IOException when the engine fails (its message included)
     */
    void speak(Voice voice, OptionalInt rateWordsPerMinute, OptionalInt pitch, String text, Path wav)
            throws IOException, InterruptedException {
        if (this == HUMAN) {
            throw new IllegalStateException("recorded speech (engine human) cannot be synthesised");
        }
        List<String> cmd = new ArrayList<>();
        Path input = null;
        switch (this) {
            case ESPEAK_NG -> {
                cmd.addAll(List.of(command, "-v", voice.name()));
                rateWordsPerMinute.ifPresent(rate -> cmd.addAll(List.of("-s", Integer.toString(rate))));
                pitch.ifPresent(p -> cmd.addAll(List.of("-p", Integer.toString(p))));
                cmd.addAll(List.of("-w", wav.toString(), "--", text)); // "-5 degrees" is text, not an option
            }
            case FLITE -> {
                cmd.addAll(List.of(command, "-voice", voice.name()));
                rateWordsPerMinute.ifPresent(rate ->
                        cmd.addAll(List.of("--setf", "duration_stretch=" + durationStretch(rate))));
                if (pitch.isPresent() && voice.name().startsWith("kal")) {
                    cmd.addAll(List.of("--setf", "int_f0_target_mean=" + (50 + 1.5 * pitch.getAsInt())));
                }
                cmd.addAll(List.of("-t", text, "-o", wav.toString()));
            }
            default -> {
                input = Files.createTempFile(wav.getParent(), "text-", ".txt");
                Files.writeString(input, text + "\n", StandardCharsets.UTF_8);
                // an HTS voice takes its speed from hts_engine's -r (a rate factor), not Duration_Stretch
                boolean hts = voice.name().endsWith("_hts");
                String setup = "(voice_" + voice.name() + ")" + (rateWordsPerMinute.isEmpty() ? ""
                        : hts ? String.format(java.util.Locale.ROOT, "(set! hts_engine_params (append hts_engine_params"
                                + " (list (list \"-r\" %.3f))))", rateWordsPerMinute.getAsInt() / 160.0)
                        : "(Parameter.set 'Duration_Stretch " + durationStretch(rateWordsPerMinute.getAsInt()) + ")");
                cmd.addAll(List.of(command, "-eval", "(begin " + setup + ")", input.toString(), "-o", wav.toString()));
            }
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish in 120 s");
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(wav)) {
                throw new IOException(command + " failed (exit " + p.exitValue() + ")" + (out.isEmpty() ? "" : ": " + out));
            }
        } finally {
            if (input != null) {
                Files.deleteIfExists(input);
            }
        }
    }
}
