package org.earshot.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.earshot.audio.Audio;
import org.earshot.audio.Synth;
import org.earshot.audio.Wav;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DisplayTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void audioShowsAPlayerWithItsOwnWavAndAWaveform() throws Exception {
        Audio a = Synth.chirp(200, 2000, 0.5, 16000, 0.5);
        MimeBundle b = Display.bundleOf(a).orElseThrow();
        String html = b.get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("<audio controls"), html.substring(0, 80));
        Matcher m = Pattern.compile("data:audio/wav;base64,([A-Za-z0-9+/=]+)").matcher(html);
        assertTrue(m.find(), "embedded WAV");
        Audio played = Wav.decode(Base64.getDecoder().decode(m.group(1)), "player");
        assertEquals(a.sampleRate(), played.sampleRate());
        assertArrayEquals(a.samples(), played.samples(), 0.5f / 32768 + 1e-7f);
        assertTrue(html.contains("<img"), "waveform image in the HTML");
        byte[] png = Base64.getDecoder().decode(b.get(MimeBundle.PNG).orElseThrow());
        assertArrayEquals(PNG_SIGNATURE, java.util.Arrays.copyOf(png, 8));
        assertEquals("Audio[0.500 s, 16000 Hz, mono, peak -6.0 dBFS]", b.plainText());
    }

    @Test
    void aPlayerIsLabelledAboveItsAudioElement() {
        Audio a = Synth.chirp(200, 2000, 0.5, 16000, 0.5);
        MimeBundle titled = AudioView.of(a).withTitle("Naive: every <third> sample").toMimeBundle();
        String html = titled.get(MimeBundle.HTML).orElseThrow();
        int title = html.indexOf("Naive: every &lt;third&gt; sample");
        int caption = html.indexOf("0.500 s · 16000 Hz · mono");
        int player = html.indexOf("<audio controls");
        assertTrue(title >= 0 && title < caption && caption < player, "title, then caption, then the player");
        assertTrue(html.indexOf("<img") > player, "the waveform below the player");
        assertEquals("Naive: every <third> sample: Audio[0.500 s, 16000 Hz, mono, peak -6.0 dBFS]", titled.plainText());
        String bare = Display.bundleOf(a).orElseThrow().get(MimeBundle.HTML).orElseThrow();
        assertTrue(bare.indexOf("0.500 s · 16000 Hz") < bare.indexOf("<audio"), "an untitled player has its caption above");
        assertEquals("1.000 s (0.200–1.200 s) · 8000 Hz · mono · peak -6.0 dBFS",
                AudioView.of(Synth.sine(440, 1.5, 8000, 0.5).trim(0.2, 1.2)).caption());
        assertEquals(java.util.Optional.empty(), AudioView.of(a).title());
        assertThrowsIllegal(() -> AudioView.of(a).withTitle(" "));
    }

    @Test
    void longAudioSaysItsDurationAndKeepsTheWholeSoundInThePlayer() {
        Audio a = Audio.mono(new float[8000 * 61], 8000);
        String html = Display.bundleOf(a).orElseThrow().get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("the player holds all 61.0 s"), "long-audio note");
        assertTrue(html.contains("61.000 s · 8000 Hz · mono · silent"));
    }

    @Test
    void waveformHasOneLanePerChannel() throws Exception {
        Audio stereo = Audio.of(new float[][] {new float[800], new float[800]}, 8000);
        var mono = ImageIO.read(new ByteArrayInputStream(WaveformPlot.of(Audio.mono(new float[800], 8000)).toPng()));
        var two = ImageIO.read(new ByteArrayInputStream(WaveformPlot.of(stereo).toPng()));
        assertTrue(two.getHeight() > mono.getHeight());
    }

    @Test
    void xchartChartsBecomePng() {
        XYChart chart = new XYChartBuilder().width(400).height(300).title("Line").xAxisTitle("x").yAxisTitle("y").build();
        chart.addSeries("y = x²", new double[] {0, 1, 2}, new double[] {0, 1, 4});
        MimeBundle b = Display.bundleOf(chart).orElseThrow();
        byte[] png = Base64.getDecoder().decode(b.get(MimeBundle.PNG).orElseThrow());
        assertArrayEquals(PNG_SIGNATURE, java.util.Arrays.copyOf(png, 8));
        assertEquals("Chart[Line, 400×300 px]", b.plainText());
    }

    @Test
    void tablesawTablesBecomeHtmlTruncatedWithARowCount() {
        int[] ids = new int[30];
        String[] names = new String[30];
        for (int i = 0; i < 30; i++) {
            ids[i] = i;
            names[i] = "<b>" + i;
        }
        Table t = Table.create("people", IntColumn.create("id", ids), StringColumn.create("name", names));
        String html = Display.bundleOf(t).orElseThrow().get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("<th>id</th><th>name</th>"));
        assertTrue(html.contains("<td>19</td><td>&lt;b&gt;19</td>"), "row 20 shown, escaped");
        assertFalse(html.contains("<td>20</td>"), "row 21 cut");
        assertTrue(html.contains("10 more rows (30 rows × 2 columns)"));
    }

    @Test
    void otherObjectsAreNotKitValues() {
        assertTrue(Display.bundleOf("text").isEmpty());
    }

    @Test
    void showPrintsPlainTextOutsideAKernel() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Display.show(Audio.mono(new float[8000], 8000));
        } finally {
            System.setOut(saved);
        }
        assertEquals("Audio[1.000 s, 8000 Hz, mono, silent]", out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void bundlesNeedPlainText() {
        assertThrowsIllegal(() -> new MimeBundle(java.util.Map.of(MimeBundle.HTML, "<p>")));
    }

    private static void assertThrowsIllegal(Runnable r) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
    }
}
