package org.earshot.tts.vocoder;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.earshot.audio.Audio;
import org.earshot.models.LogMelFrontEnd;
import org.earshot.models.OnnxModel;

/**
 * The kit's neural vocoder (§21.3), {@code --vocoder neural}: a HiFi-GAN-style generator trained here
 * ({@code data/models/kit-vocoder/train.py}) that turns log-mel frames into samples, every sample at once: a
 * convolution, then four transposed-convolution upsamplings (×5 ×4 ×4 ×2 = the 160-sample hop), each followed by
 * residual convolutions of three widths, then tanh. No phase is estimated and nothing iterates, which is why
 * parallel vocoders replaced WaveNet's one-sample-at-a-time loop ({@link WaveNet}) and Griffin-Lim's.
 *
 * <p>The graph ({@code generator.onnx}: input {@code mel} [1, T, 80] dB; output {@code audio} [1, 160 T − 80]) is
 * run on one thread. Its sample 0 lies at frame 0's centre, as Griffin-Lim's does.
 */
public final class NeuralVocoder implements MelVocoder {

    /** Where the trained model lives in the kit. */
    public static final String MODEL = "data/models/kit-vocoder";
    /** The most frames it is given at once (10 min); a longer mel is refused, naming the limit. */
    public static final int MAX_FRAMES = 60_000;

    private final OnnxModel generator;

    private NeuralVocoder(OnnxModel generator) {
        this.generator = generator;
    }

    /**
     * @param kitHome the kit's folder, holding {@value #MODEL}
     * @return the vocoder
     * @throws IOException naming the missing file (and how to make it) or a graph that is not this model's
     */
    public static NeuralVocoder open(Path kitHome) throws IOException {
        return openFolder(kitHome.resolve(MODEL));
    }

    /**
     * @param folder a model folder with {@code generator.onnx}
     * @return the vocoder
     * @throws IOException naming the missing file or a graph that is not this model's
     */
    public static NeuralVocoder openFolder(Path folder) throws IOException {
        Path file = folder.resolve("generator.onnx");
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file (train it: ./earshot train-kit-vocoder)");
        }
        OnnxModel model = OnnxModel.open(file);
        if (!model.inputs().containsKey("mel") || !model.outputs().containsKey("audio")) {
            model.close();
            throw new IOException(file + ": not a kit-vocoder graph (wants input 'mel', output 'audio')");
        }
        return new NeuralVocoder(model);
    }

    @Override
    public Audio vocode(float[][] mel) {
        if (mel.length == 0) {
            throw new IllegalArgumentException("no frames to vocode");
        }
        if (mel.length > MAX_FRAMES) {
            throw new IllegalArgumentException(mel.length + " frames: the neural vocoder takes at most " + MAX_FRAMES
                    + " (10 min) at once; cut the text into sentences");
        }
        float[] flat = new float[mel.length * LogMelFrontEnd.N_MELS];
        for (int t = 0; t < mel.length; t++) {
            if (mel[t].length != LogMelFrontEnd.N_MELS) {
                throw new IllegalArgumentException("frame " + t + " has " + mel[t].length + " values, not "
                        + LogMelFrontEnd.N_MELS);
            }
            System.arraycopy(mel[t], 0, flat, t * LogMelFrontEnd.N_MELS, LogMelFrontEnd.N_MELS);
        }
        float[] samples;
        try (OnnxTensor x = OnnxTensor.createTensor(generator.environment(), FloatBuffer.wrap(flat),
                new long[] {1, mel.length, LogMelFrontEnd.N_MELS});
             OrtSession.Result out = generator.run(Map.of("mel", x))) {
            samples = ((float[][]) out.get("audio").orElseThrow().getValue())[0];
        } catch (OrtException e) {
            throw new IllegalStateException(generator.file() + ": inference failed: " + e.getMessage(), e);
        }
        return MelVocoder.belowFullScale(Audio.mono(samples, LogMelFrontEnd.framing().sampleRate()));
    }

    @Override
    public Kind kind() {
        return Kind.NEURAL;
    }

    @Override
    public long footprintBytes() throws IOException {
        return Files.size(generator.file());
    }

    @Override
    public void close() {
        generator.close();
    }

    @Override
    public String toString() {
        return "NeuralVocoder[" + generator.file() + "]";
    }
}
