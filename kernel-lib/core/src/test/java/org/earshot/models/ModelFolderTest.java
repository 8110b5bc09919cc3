package org.earshot.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.earshot.display.MimeBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed ctc-small and s2s-small folders: locating them, their cards (whole) and their figures. */
class ModelFolderTest {

    @Test
    void findsTheKitsModelsByName() throws IOException {
        assertTrue(ModelFolder.available().containsAll(List.of("ctc-small", "s2s-small")), ModelFolder.available()
                .toString());
        ModelFolder ctc = ModelFolder.named("ctc-small");
        assertEquals(ModelFolder.root().resolve("ctc-small"), ctc.dir());
        assertEquals(ctc, ModelFolder.resolve("ctc-small"));
        assertEquals(3, ctc.frameStride());
        IOException e = assertThrows(IOException.class, () -> ModelFolder.named("ctc-huge"));
        assertTrue(e.getMessage().contains("ctc-huge: no such model folder (the kit has: ") && e.getMessage()
                .contains("ctc-small"), e.getMessage());
    }

    @Test
    void theCardShowsWholeAsHtml() throws IOException {
        ModelCard card = ModelFolder.named("ctc-small").card();
        assertEquals("ctc-small — model card", card.title());
        assertTrue(card.facts().keySet().containsAll(List.of("Files", "Architecture", "Data", "Recipe", "Metrics",
                "Limits")), card.facts().keySet().toString());
        assertTrue(card.facts().get("Limits").startsWith("synthetic voices only;"), card.facts().get("Limits"));
        MimeBundle bundle = card.toMimeBundle();
        assertEquals(card.markdown(), bundle.plainText());
        String html = bundle.get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("<h2>Test WER per held-out voice (greedy)</h2>"), html);
        long tableRows = card.markdown().lines().filter(l -> l.startsWith("|") && !l.startsWith("| ---")).count();
        assertEquals(tableRows, html.split("<tr>", -1).length - 1, "every table row, nothing cut");
        assertTrue(html.contains("<td>prefix beam 8 + word LM</td>"), "the last table's last row");
        assertTrue(html.contains("<li><b>Files</b>: <code>model.onnx</code>"), html);
    }

    @Test
    void aCardsAngleBracketsAreText() throws IOException {
        String html = ModelFolder.named("s2s-small").card().html();
        assertTrue(html.contains("&lt;pad&gt;, &lt;s&gt;, &lt;/s&gt;"), html);
        assertFalse(html.contains("<s>"));
    }

    @Test
    void readsEverySplitsFigures() throws IOException {
        ModelMetrics m = ModelFolder.named("ctc-small").metrics();
        assertEquals(422493, m.parameters().getAsLong());
        assertEquals(32.4, m.trainingMinutes().getAsDouble(), 1e-9);
        assertEquals(List.of("train", "dev", "test", "sentences"), m.splits().stream()
                .map(ModelMetrics.SplitFigures::split).toList());
        ModelMetrics.SplitFigures test = m.split("test").orElseThrow();
        assertEquals(10.8438, test.werPercent().getAsDouble(), 1e-4);
        assertEquals(3.4566, test.cerPercent().getAsDouble(), 1e-4);
        assertEquals(2868, test.words().getAsInt());
        assertEquals(35.8, test.werPercentByVoice().get("flite/rms"), 1e-9);
        ModelMetrics.SplitFigures train = m.split("train").orElseThrow();
        assertEquals(4.0654, train.werPercent().getAsDouble(), 1e-4);
        assertTrue(train.cerPercent().isEmpty() && train.words().isEmpty(), "the train split has its WER only");
        assertTrue(m.split("parameters").isEmpty() && m.split("java").isEmpty() && m.split("nope").isEmpty());
        assertEquals(5.82, m.decoderWerPercent("prefix beam 8 + word LM", "test").getAsDouble(), 1e-9);
        assertEquals(2.89, m.decoderWerPercent("prefix beam 8 + word LM + closed vocabulary (81 words)", "test")
                .getAsDouble(), 1e-9);
        assertEquals(List.of("greedy", "prefix beam 8", "prefix beam 8 + word LM",
                "prefix beam 8 + closed vocabulary (81 words)", "prefix beam 8 + word LM + closed vocabulary (81 words)"),
                List.copyOf(m.decoders().keySet()));
        String html = m.toMimeBundle().get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("<td>test</td><td>10.84</td><td>3.46</td><td>2868</td>"), html);
    }

    @Test
    void brokenFilesAreNamed(@TempDir Path tmp) throws IOException {
        ModelFolder f = ModelFolder.at(tmp);
        IOException missing = assertThrows(IOException.class, f::metrics);
        assertTrue(missing.getMessage().startsWith(tmp.resolve("metrics.json") + ": no such file"), missing.getMessage());
        Files.writeString(tmp.resolve("metrics.json"), "{\"test\": ");
        IOException broken = assertThrows(IOException.class, f::metrics);
        assertTrue(broken.getMessage().startsWith(tmp.resolve("metrics.json") + ": not valid JSON"), broken.getMessage());
        Files.writeString(tmp.resolve("vocab.json"), "{\"frame_stride\": 0}");
        IOException stride = assertThrows(IOException.class, f::frameStride);
        assertTrue(stride.getMessage().contains("\"frame_stride\" must be a whole number ≥ 1, is 0"), stride.getMessage());
        Files.writeString(tmp.resolve("vocab.json"), "{}");
        assertEquals(1, f.frameStride(), "no stride: one output frame per input frame");
        IOException need = assertThrows(IOException.class, () -> f.requireFiles("a model folder holds model.onnx",
                "vocab.json", "model.onnx"));
        assertEquals(tmp.resolve("model.onnx") + ": no such file (a model folder holds model.onnx)", need.getMessage());
    }
}
