package org.earshot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A line as lesson_check.cjs printed it for build/notebooks/00-welcome.html (measured in Chromium). */
    private static final String CLEAN = "{\"page\":\"build/notebooks/00-welcome.html\",\"blockedRequests\":[],"
            + "\"failedRequests\":[],\"consoleErrors\":[],\"pageErrors\":[],\"mathjax\":true,\"rawMath\":0,"
            + "\"rawDollars\":0,\"mathTypeset\":3,\"mathErrors\":0,\"images\":3,\"imagesBroken\":0,\"brokenImages\":[],"
            + "\"audio\":1,\"audioBroken\":0,\"audioFailures\":[],\"seconds\":1.4}";

    @Test
    void aCleanReportPasses() throws Exception {
        assertEquals(List.of(), LessonCheck.problems(JSON.readTree(CLEAN)));
        LessonCheck.Verdict v = new LessonCheck.Verdict(Path.of("build/notebooks/00-welcome.html"),
                JSON.readTree(CLEAN), List.of());
        assertEquals("ok   00-welcome: 3 images, 1 audio players, 3 formulas typeset, 0 failed requests, "
                + "0 console errors, 0 page errors (1.4 s)", v.line());
    }

    @Test
    void everyKindOfProblemIsNamedWithItsFirstExample() throws Exception {
        JsonNode bad = JSON.readTree(CLEAN
                .replace("\"blockedRequests\":[]", "\"blockedRequests\":[\"https://cdn.example.com/x.png\"]")
                .replace("\"failedRequests\":[]",
                        "\"failedRequests\":[\"file:///k/missing.js (net::ERR_FILE_NOT_FOUND)\"]")
                .replace("\"consoleErrors\":[]", "\"consoleErrors\":[\"boom\"]")
                .replace("\"pageErrors\":[]", "\"pageErrors\":[\"require is not defined\"]")
                .replace("\"mathjax\":true", "\"mathjax\":false").replace("\"rawMath\":0", "\"rawMath\":2")
                .replace("\"rawDollars\":0", "\"rawDollars\":4").replace("\"mathErrors\":0", "\"mathErrors\":1")
                .replace("\"brokenImages\":[]", "\"brokenImages\":[\"https://cdn.example.com/x.png\"]")
                .replace("\"audioFailures\":[]", "\"audioFailures\":[\"player 1 did not load (data:audio/wav)\"]"));
        assertEquals(List.of("1 request(s) to the network (first: https://cdn.example.com/x.png)",
                "1 failed request(s) (first: file:///k/missing.js (net::ERR_FILE_NOT_FOUND))",
                "1 console error(s) (first: boom)", "1 page error(s) (first: require is not defined)",
                "MathJax did not load (its math stays raw)", "2 raw $$ left untypeset",
                "4 raw $ left in markdown (inline math not typeset)", "1 MathJax error(s)",
                "1 image(s) not decoded (first: https://cdn.example.com/x.png)",
                "1 audio player(s) that did not load or play (first: player 1 did not load (data:audio/wav))"),
                LessonCheck.problems(bad));
    }

    @Test
    void theHtmlExportLoadsMathJaxRequireAndJqueryFromLocalCopies() {
        // a pip-installed nbconvert defaults to cdnjs; the export names Debian's copies that setup installs
        for (String flag : List.of(RunCommand.OFFLINE_MATHJAX, RunCommand.OFFLINE_REQUIRE_JS,
                RunCommand.OFFLINE_JQUERY)) {
            assertTrue(flag.matches("--HTMLExporter\\.\\w+_url=file:///usr/share/javascript/\\S+"), flag);
        }
        assertEquals("--HTMLExporter.mathjax_url=file:///usr/share/javascript/mathjax/MathJax.js"
                + "?config=TeX-AMS_CHTML-full,Safe", RunCommand.OFFLINE_MATHJAX);
    }

    /** A page like nbconvert's that loads a CDN image, MathJax from a CDN, a player of no sound: each is caught. */
    @Test
    void aPageWithACdnImageABrokenPlayerAndUntypesetMathFailsInChromium(@TempDir Path dir) throws Exception {
        Path home = Kit.home();
        assumeTrue(LessonCheck.unavailable(home).isEmpty(), () -> "no browser test here: "
                + LessonCheck.unavailable(home).orElseThrow());
        Path page = dir.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><head>"
                + "<script src=\"https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/MathJax.js\"></script></head>"
                + "<body><div class=\"jp-MarkdownOutput\"><p>inline $x$ and display $$y^2$$</p></div>"
                + "<img src=\"https://cdn.example.com/figure.png\">"
                + "<audio controls src=\"data:audio/wav;base64,AAAAAAAA\"></audio>"
                + "<script>console.error('a cell output failed')</script></body></html>", StandardCharsets.UTF_8);
        LessonCheck.Verdict v = LessonCheck.check(home, List.of(page), null).get(0);
        List<String> problems = v.problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("2 request(s) to the network")), problems::toString);
        assertTrue(problems.contains("MathJax did not load (its math stays raw)"), problems::toString);
        // delimiters are counted: $x$ and $$y^2$$ leave two $$ and six $
        assertTrue(problems.contains("2 raw $$ left untypeset"), problems::toString);
        assertTrue(problems.contains("6 raw $ left in markdown (inline math not typeset)"), problems::toString);
        assertTrue(problems.contains("1 image(s) not decoded (first: https://cdn.example.com/figure.png)"),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("1 audio player(s) that did not load or play")),
                problems::toString);
        // the page's own error, and Chromium's for each blocked request
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("3 console error(s)")), problems::toString);
        assertTrue(v.report().path("consoleErrors").toString().contains("a cell output failed"),
                v.report()::toString);
    }

    /** The same page made right (local MathJax, embedded PNG and WAV) passes: the check is not failing everything. */
    @Test
    void theSamePageWithLocalMathAndEmbeddedMediaPassesInChromium(@TempDir Path dir) throws Exception {
        Path home = Kit.home();
        assumeTrue(LessonCheck.unavailable(home).isEmpty(), () -> "no browser test here: "
                + LessonCheck.unavailable(home).orElseThrow());
        assumeTrue(Files.isRegularFile(DeckAssets.MATHJAX.resolve("MathJax.js")), "no libjs-mathjax here");
        Path page = dir.resolve("clean.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><script src=\""
                + DeckAssets.MATHJAX.resolve("MathJax.js").toUri() + "?config=TeX-AMS_CHTML-full,Safe\"></script>"
                + "</head><body><div class=\"jp-MarkdownOutput\"><p>display $$y^2$$</p></div>"
                + "<img src=\"data:image/png;base64," + png() + "\">"
                + "<audio controls src=\"data:audio/wav;base64," + wav() + "\"></audio></body></html>",
                StandardCharsets.UTF_8);
        LessonCheck.Verdict v = LessonCheck.check(home, List.of(page), dir.resolve("shots")).get(0);
        assertEquals(List.of(), v.problems());
        assertEquals(1, v.report().path("images").asInt());
        assertEquals(1, v.report().path("audio").asInt());
        assertTrue(v.report().path("mathTypeset").asInt() >= 1, v.report()::toString);
        assertTrue(Files.size(dir.resolve("shots/clean.png")) > 0);
    }

    /** @return an 8×8 PNG, base64 */
    private static String png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** @return 0.25 s of a 440 Hz tone, 8 kHz 16-bit mono WAV, base64 */
    private static String wav() {
        int rate = 8000;
        int n = rate / 4;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * n)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(2 * rate).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return Base64.getEncoder().encodeToString(b.array());
    }
}
