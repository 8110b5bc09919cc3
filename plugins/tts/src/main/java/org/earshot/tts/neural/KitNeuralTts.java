package org.earshot.tts.neural;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.audio.Audio;
import org.earshot.models.LogMelFrontEnd;
import org.earshot.models.OnnxModel;
import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.speak.Era;
import org.earshot.tts.speak.KitFrontEnd;
import org.earshot.tts.speak.Prosody;
import org.earshot.tts.speak.TtsEngine;
import org.earshot.tts.vocoder.MelGriffinLim;
import org.earshot.tts.vocoder.MelInversion;
import org.earshot.tts.vocoder.MelVocoder;

/**
 * The kit's own neural TTS (§21.3), {@code --engine kit-neural}: a FastSpeech-style acoustic model trained here
 * ({@code data/models/kit-neural/train.py}) maps phones to the very log-mel the kit's ASR hears
 * ({@link LogMelFrontEnd}: the mel spectrogram as the interlingua of ASR and TTS), and a vocoder step makes the
 * sound ({@link MelVocoder}: Griffin-Lim by default, or the kit's neural vocoder).
 *
 * <pre>  text → {@link KitFrontEnd} → phone ids → encoder (convolutions) → a vector and ln(1 + frames) per phone
 *       → length regulator: each vector repeated for its frames (÷ speed), with its position in the phone
 *       → decoder (convolutions) → 80 log-mel bands every 10 ms → the vocoder step, either
 *         dB to power → mel⁺ ({@link MelInversion}) → Griffin-Lim ({@link #GRIFFIN_LIM_ITERATIONS} iterations), or
 *         the neural vocoder's generator (every sample at once)</pre>
 *
 * <p>Non-autoregressive: every frame at once, so it is fast; the durations come from a predictor trained on
 * festival's phone times, not from attention. Speed is a scale of the durations; pitch is not a control (the
 * model predicts mels, whose harmonics it learnt from one voice), so asking for one is refused. Close it when done.
 */
public final class KitNeuralTts implements TtsEngine {

    /** The engine's name. */
    public static final String LABEL = "kit-neural";
    /** Where the trained model lives in the kit. */
    public static final String MODEL = "data/models/kit-neural";
    /** Griffin-Lim iterations of the default vocoder step ({@link MelGriffinLim}). */
    public static final int GRIFFIN_LIM_ITERATIONS = MelGriffinLim.ITERATIONS;
    /** Non-negative least-squares updates of the default vocoder's mel inversion ({@link MelInversion#nonNegative}). */
    public static final int MEL_INVERSION_ITERATIONS = MelGriffinLim.MEL_INVERSION_ITERATIONS;
    /** The longest a phone may last, in 10 ms frames (2.5 s). */
    static final int MAX_PHONE_FRAMES = 250;

    private final OnnxModel encoder;
    private final OnnxModel decoder;
    private final Path folder;
    private final int hidden;
    private final Map<String, Integer> phoneIds;
    private final KitFrontEnd frontEnd;
    private final MelVocoder vocoder;

    private KitNeuralTts(OnnxModel encoder, OnnxModel decoder, Path folder, int hidden, Map<String, Integer> phoneIds,
                         KitFrontEnd frontEnd, MelVocoder vocoder) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.folder = folder;
        this.hidden = hidden;
        this.phoneIds = phoneIds;
        this.frontEnd = frontEnd;
        this.vocoder = vocoder;
    }

    /**
     * @param kitHome the kit's folder: the model ({@value #MODEL}), CMUdict and the letter-to-sound model
     * @return the engine
     * @throws IOException naming what is missing
     */
    public static KitNeuralTts open(Path kitHome) throws IOException {
        return open(kitHome, kitHome.resolve(MODEL), CmuDictionary.preferred());
    }

    /**
     * @param kitHome the kit's folder: the model, CMUdict, the letter-to-sound model and the neural vocoder's model
     * @param vocoder which vocoder step makes the sound
     * @return the engine
     * @throws IOException naming what is missing
     */
    public static KitNeuralTts open(Path kitHome, MelVocoder.Kind vocoder) throws IOException {
        MelVocoder v = vocoder.open(kitHome);
        try {
            return open(kitHome, kitHome.resolve(MODEL), CmuDictionary.preferred(), v);
        } catch (IOException | RuntimeException e) {
            v.close();
            throw e;
        }
    }

    /**
     * @param kitHome    the kit's folder (the letter-to-sound model)
     * @param folder     a model folder: {@code encoder.onnx}, {@code decoder.onnx}, {@code config.json}
     * @param dictionary the pronunciations to read words by
     * @return the engine
     * @throws IOException naming what is missing or not this model's
     */
    public static KitNeuralTts open(Path kitHome, Path folder, CmuDictionary dictionary) throws IOException {
        return open(kitHome, folder, dictionary, MelGriffinLim.standard());
    }

    /**
     * @param kitHome    the kit's folder (the letter-to-sound model)
     * @param folder     a model folder: {@code encoder.onnx}, {@code decoder.onnx}, {@code config.json}
     * @param dictionary the pronunciations to read words by
     * @param vocoder    the vocoder step; the engine closes it
     * @return the engine
     * @throws IOException naming what is missing or not this model's
     */
    public static KitNeuralTts open(Path kitHome, Path folder, CmuDictionary dictionary, MelVocoder vocoder)
            throws IOException {
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new IOException(config + ": no such file (train it: ./earshot train-kit-neural)");
        }
        JsonNode c = new ObjectMapper().readTree(config.toFile());
        if (!c.path("hidden").isInt() || !c.path("phones").isArray()) {
            throw new IOException(config + ": not a kit-neural configuration (wants 'hidden' and 'phones')");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < c.get("phones").size(); i++) {
            ids.put(c.get("phones").get(i).asText(), i);
        }
        if (!ids.containsKey(KitFrontEnd.PAUSE)) {
            throw new IOException(config + ": the phones lack the pause '" + KitFrontEnd.PAUSE + "'");
        }
        List<OnnxModel> opened = new ArrayList<>();
        try {
            OnnxModel enc = OnnxModel.open(folder.resolve("encoder.onnx"));
            opened.add(enc);
            OnnxModel dec = OnnxModel.open(folder.resolve("decoder.onnx"));
            opened.add(dec);
            if (!enc.inputs().containsKey("phones") || !enc.outputs().containsKey("hidden")
                    || !enc.outputs().containsKey("log_durations") || !dec.inputs().containsKey("frames")
                    || !dec.outputs().containsKey("mel")) {
                throw new IOException(folder + ": not kit-neural graphs (want phones → hidden, log_durations;"
                        + " frames → mel)");
            }
            return new KitNeuralTts(enc, dec, folder, c.get("hidden").asInt(), Map.copyOf(ids),
                    KitFrontEnd.open(kitHome, dictionary), vocoder);
        } catch (IOException | RuntimeException e) {
            try {
                OnnxModel.closeAll(opened);
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public String voiceId() {
        return "kit/festival_kal_diphone";
    }

    @Override
    public Era era() {
        return Era.NEURAL;
    }

    @Override
    public boolean controlsPitch() {
        return false;
    }

    @Override
    public long footprintBytes() throws IOException {
        return Files.size(folder.resolve("encoder.onnx")) + Files.size(folder.resolve("decoder.onnx"))
                + Files.size(folder.resolve("config.json")) + vocoder.footprintBytes();
    }

    /**
     * @param text what to say, as written
     * @return the radio phones the model will say, pauses at both ends
     * @throws IllegalArgumentException naming a word without a pronunciation or a phone the model lacks
     */
    public List<String> phones(String text) {
        List<String> phones = frontEnd.phones(text, phoneIds.keySet());
        for (String p : phones) {
            if (!phoneIds.containsKey(p)) {
                throw new IllegalArgumentException("'" + text + "': the phone '" + p + "' is not one kit-neural learned");
            }
        }
        return phones;
    }

    /**
     * The acoustic model alone: what the vocoder will be given.
     *
     * @param text        what to say, as written
     * @param speedFactor 1 the voice's own rate, 2 twice as fast
     * @return {@code [frame][80]} log-mel in dB, {@link LogMelFrontEnd}'s frames
     */
    public float[][] mel(String text, double speedFactor) {
        if (!(speedFactor > 0) || Double.isInfinite(speedFactor)) {
            throw new IllegalArgumentException("speed factor " + speedFactor + ": want > 0");
        }
        List<String> phones = phones(text);
        if (phones.size() <= 2) {
            throw new IllegalArgumentException("nothing to say: '" + text + "' has no words");
        }
        Encoded encoded = encode(phones);
        int[] frames = new int[phones.size()];
        long total = 0;
        for (int i = 0; i < frames.length; i++) { // a phone lasts at most MAX_PHONE_FRAMES (a nonsense prediction)
            double d = Math.expm1(Math.min(encoded.logDurations[i], Math.log1p(MAX_PHONE_FRAMES))) / speedFactor;
            frames[i] = (int) Math.max(0, Math.min(MAX_PHONE_FRAMES, Math.round(d)));
            total += frames[i];
        }
        if (total == 0) {
            throw new IllegalArgumentException("'" + text + "': the durations predicted come to no frames");
        }
        return decode(encoded.vectors, frames);
    }

    /**
     * The acoustic model told each phone's duration instead of predicting it ("teacher-forced", or ground-truth
     * aligned): given a recording's phones and their frames, the mels it predicts line up with the recording's own
     * frames. A vocoder trained on these hears what it will be given at synthesis time.
     *
     * @param phones the model's phones ({@link #phones(String)}'s inventory)
     * @param frames each phone's frames, ≥ 0, adding up to at least one
     * @return {@code [frame][80]} log-mel in dB
     */
    public float[][] melFor(List<String> phones, int[] frames) {
        if (phones.size() != frames.length) {
            throw new IllegalArgumentException(phones.size() + " phones but " + frames.length + " durations");
        }
        for (int i = 0; i < frames.length; i++) {
            if (frames[i] < 0) {
                throw new IllegalArgumentException("phone " + i + " lasts " + frames[i] + " frames: want ≥ 0");
            }
        }
        if (java.util.Arrays.stream(frames).asLongStream().sum() == 0) {
            throw new IllegalArgumentException("the durations come to no frames");
        }
        return decode(encode(phones).vectors, frames);
    }

    private record Encoded(float[][] vectors, float[] logDurations) {
    }

    private Encoded encode(List<String> phones) {
        long[] ids = new long[phones.size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = phoneIds.get(phones.get(i));
            if (id == null) {
                throw new IllegalArgumentException("phone '" + phones.get(i) + "' is not " + LABEL + "'s");
            }
            ids[i] = id;
        }
        float[][] vectors;
        float[] logDurations;
        try (OnnxTensor x = OnnxTensor.createTensor(encoder.environment(), LongBuffer.wrap(ids),
                new long[] {1, ids.length});
             OrtSession.Result out = encoder.run(Map.of("phones", x))) {
            vectors = ((float[][][]) out.get("hidden").orElseThrow().getValue())[0];
            logDurations = ((float[][]) out.get("log_durations").orElseThrow().getValue())[0];
        } catch (OrtException e) {
            throw new IllegalStateException(encoder.file() + ": inference failed: " + e.getMessage(), e);
        }
        if (vectors.length != ids.length || vectors[0].length != hidden) {
            throw new IllegalStateException(encoder.file() + ": gave " + vectors.length + " × " + vectors[0].length
                    + " for " + ids.length + " phones of hidden size " + hidden + " (config.json and the graph"
                    + " disagree: retrain, ./earshot train-kit-neural)");
        }
        return new Encoded(vectors, logDurations);
    }

    /** The length regulator (each phone's vector for its frames, its position and ln(1 + frames)), then the decoder. */
    private float[][] decode(float[][] vectors, int[] frames) {
        long total = java.util.Arrays.stream(frames).asLongStream().sum();
        int width = hidden + 2;
        float[] regulated = new float[Math.toIntExact(total * width)];
        int t = 0;
        for (int i = 0; i < frames.length; i++) {
            for (int k = 0; k < frames[i]; k++, t++) {
                System.arraycopy(vectors[i], 0, regulated, t * width, hidden);
                regulated[t * width + hidden] = (float) ((k + 0.5) / frames[i]);
                regulated[t * width + hidden + 1] = (float) Math.log1p(frames[i]);
            }
        }
        try (OnnxTensor x = OnnxTensor.createTensor(decoder.environment(), FloatBuffer.wrap(regulated),
                new long[] {1, (int) total, width});
             OrtSession.Result out = decoder.run(Map.of("frames", x))) {
            return ((float[][][]) out.get("mel").orElseThrow().getValue())[0];
        } catch (OrtException e) {
            throw new IllegalStateException(decoder.file() + ": inference failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param mel {@code [frame][80]} log-mel in dB ({@link #mel})
     * @return the sound, by this engine's vocoder step ({@link #vocoder()})
     */
    public Audio vocode(float[][] mel) {
        return vocoder.vocode(mel);
    }

    /** @return which vocoder step makes the sound */
    public MelVocoder.Kind vocoder() {
        return vocoder.kind();
    }

    @Override
    public Audio speak(String text, Prosody prosody) {
        if (prosody.pitch().isPresent()) {
            throw new IllegalArgumentException(LABEL + " cannot change pitch (its model predicts one voice's mels)");
        }
        return vocode(mel(text, prosody.speedFactor()));
    }

    /** Frees the two graphs and the letter-to-sound model. */
    @Override
    public void close() {
        try {
            OnnxModel.closeAll(List.of(encoder, decoder));
        } finally {
            try {
                frontEnd.close();
            } finally {
                vocoder.close();
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "KitNeuralTts[%d phones, hidden %d, %s, %s]", phoneIds.size(), hidden, folder,
                vocoder.kind().cliName());
    }
}
