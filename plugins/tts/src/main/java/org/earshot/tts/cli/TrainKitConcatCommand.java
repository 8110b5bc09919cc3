package org.earshot.tts.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.earshot.audio.Wav;
import org.earshot.cli.CliCommand;
import org.earshot.kit.Kit;
import org.earshot.tts.concat.DiphoneVoice;
import org.earshot.tts.concat.KitConcatTts;
import org.earshot.tts.g2p.CmuDictionary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot train-kit-concat [--out DIR]}: cuts the kit's diphone database ({@link DiphoneVoice}) from the
 * recordings kit-parametric and kit-neural learn from ({@link KalCorpus}: festival's kal, every round-trip text
 * left out), then measures {@link KitConcatTts} by the ASR round trip on the dev and test texts. Java only, a
 * minute or two; writes {@code units.wav}, {@code voice.json}, {@code metrics.json} and {@code card.md}. Never run
 * in CI.
 */
@Command(name = "train-kit-concat", mixinStandardHelpOptions = true,
        description = "Cut the kit's diphone database from festival's kal recordings; measure its round trip.")
public final class TrainKitConcatCommand implements CliCommand {

    @Option(names = "--out", defaultValue = KitConcatTts.MODEL, paramLabel = "DIR",
            description = "The database folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Path home = Kit.home();
        Path dir = out.isAbsolute() ? out : home.resolve(out);
        KalCorpus.Recordings kal = KalCorpus.makeOrSay(home, 400, 400, "train-kit-concat").orElse(null);
        if (kal == null) {
            return 1;
        }
        List<DiphoneVoice.Recording> recordings = new ArrayList<>();
        double seconds = 0;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("kal").setInitialMax(kal.texts().size())
                .setStyle(ProgressBarStyle.ASCII).build()) {
            for (int i = 0; i < kal.texts().size(); i++) {
                var audio = Wav.read(kal.wav(i));
                recordings.add(new DiphoneVoice.Recording(audio, kal.phones(i)));
                seconds += audio.durationSeconds();
                bar.step();
            }
        }
        String trainedOn = String.format(Locale.ROOT, "festival kal_diphone, %d utterances, %.1f min",
                recordings.size(), seconds / 60);
        DiphoneVoice voice = DiphoneVoice.build(recordings, trainedOn);
        recordings.clear();
        voice.write(dir);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("trainUtterances", kal.texts().size());
        metrics.put("trainMinutes", seconds / 60);
        metrics.put("heldOutTextsLeftOut", kal.leftOut());
        metrics.put("diphones", voice.units().size());
        metrics.put("phones", voice.phones().size());
        metrics.put("unitSeconds", voice.units().values().stream()
                .mapToDouble(u -> (u.coreEnd() - u.core()) / (double) voice.sampleRate()).sum());
        metrics.put("trainSeconds", (System.nanoTime() - start) / 1e9);
        try (VoiceRoundTrips ears = VoiceRoundTrips.open(home);
             KitConcatTts engine = KitConcatTts.open(home, dir, CmuDictionary.preferred())) {
            metrics.put("bytes", engine.footprintBytes());
            int pairs = 0;
            int halves = 0;
            for (long seed : new long[] {KalCorpus.DEV_SEED, KalCorpus.TEST_SEED}) {
                for (var u : KalCorpus.sentences(seed)) {
                    try {
                        DiphoneVoice.Plan plan = engine.plan(u.text());
                        halves += plan.halfPhonePairs();
                        pairs += plan.phonePairs();
                    } catch (IllegalArgumentException e) { // the round trip below reports what cannot be said
                        System.err.println("earshot train-kit-concat: '" + u.text() + "': " + e.getMessage());
                    }
                }
            }
            metrics.put("roundTripPairs", pairs);
            metrics.put("roundTripHalfPhonePairs", halves);
            ears.measureDevAndTest(engine, metrics);
        }
        VoiceRoundTrips.write(dir, metrics, card(voice, metrics), "kit-concat", String.format(Locale.ROOT,
                "%d diphones (%.1f s)", voice.units().size(), ((Number) metrics.get("unitSeconds")).doubleValue()));
        return 0;
    }

    private static String card(DiphoneVoice voice, Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("# kit-concat — model card\n\n");
        sb.append("The kit's own concatenative TTS voice (§21.3, `--engine kit-concat`): recorded diphones joined by"
                + " TD-PSOLA, cut here in Java from recordings, no training beyond choosing units.\n\n");
        sb.append(String.format(Locale.ROOT, "- **Files**: `units.wav` (every unit with %.0f ms of context each side,"
                + " 16-bit, %d Hz) and `voice.json` (where each unit is, its pitch marks, the F0 line), %.2f MB"
                + " together; `metrics.json`, this card.%n", 1000 * DiphoneVoice.CONTEXT_SECONDS, voice.sampleRate(),
                ((Number) m.get("bytes")).doubleValue() / 1e6));
        sb.append(String.format(Locale.ROOT, "- **Units**: %d diphones of %d phones (%.1f s said), each from the middle"
                + " of one phone to the middle of the next, so joins fall where the sound is steadiest; of each"
                + " diphone's recordings the one whose length is nearest their median. A pair never recorded is said by"
                + " two half-phones (%s of the %s phone pairs of the 100 dev and test sentences). Pitch marks: F0 every"
                + " 10 ms (the kit's source-filter analysis), a mark at the largest sample near each period's expected"
                + " place, one every %.0f ms where unvoiced.%n", voice.units().size(), voice.phones().size(),
                ((Number) m.get("unitSeconds")).doubleValue(), m.get("roundTripHalfPhonePairs"),
                m.get("roundTripPairs"), 1000 * DiphoneVoice.UNVOICED_SECONDS));
        sb.append(String.format(Locale.ROOT, "- **Prosody**: each unit keeps its recorded duration (÷ the speed asked"
                + " for); every voiced grain is placed on the voice's F0 line, ln F0 = %.3f %+.3f·t/T (%.0f Hz falling"
                + " to %.0f Hz; fitted on every voiced frame of the recordings), × the pitch asked for.%n",
                voice.logF0Intercept(), voice.logF0Slope(), voice.f0Hz(0), voice.f0Hz(1)));
        sb.append(String.format(Locale.ROOT, "- **Data**: the recordings kit-parametric and kit-neural learn from:"
                + " festival's kal_diphone (itself one man's diphones) saying %s texts, %.1f min, festival's phone times"
                + " (`utt.save.segs`); %s texts left out because a round-trip dev or test text is the same. So this"
                + " voice re-cuts kal: it shows the method, not a new recording.%n", m.get("trainUtterances"),
                ((Number) m.get("trainMinutes")).doubleValue(), m.get("heldOutTextsLeftOut")));
        sb.append(String.format(Locale.ROOT, "- **Recipe**: `./earshot train-kit-concat` (%.0f s on this machine's CPU"
                + " to read the recordings and cut the units, before the round trips; no GPU).%n",
                ((Number) m.get("trainSeconds")).doubleValue()));
        sb.append("- **Metrics**: the ASR round trip on texts left out of the recordings, as kit-parametric's card: dev"
                + " (seed " + KalCorpus.DEV_SEED + ") and test (`./earshot tts-compare`'s, seed " + KalCorpus.TEST_SEED
                + "). ctc-small was trained on kal's own voice among others: the digit figure is partly familiarity.\n");
        sb.append("- **Limits**: one instance per diphone (no unit selection by target and join costs), no energy"
                + " smoothing at joins, one F0 line; the kit's front end's words.\n\n");
        sb.append(VoiceRoundTrips.table(m));
        sb.append(VoiceRoundTrips.worst(m));
        return sb.toString();
    }
}
