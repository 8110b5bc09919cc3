package org.earshot.grading.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class graded in parts ({@code grade --shard K/N}) and merged ({@code grade --merge}) gives the very files an
 * unsharded run gives: gradebook, results, item analysis (CSV and chart), every student's result and report. And a
 * merge refuses parts that do not make one class.
 */
class ShardMergeTest {

    @TempDir
    Path tmp;

    @Test
    void aShardIsKOfNCountedFromOneAndAnythingElseIsRefusedInOneLine() {
        assertEquals(new Shard(2, 8), Shard.parse("2/8"));
        assertEquals(new Shard(1, 1), Shard.parse(" 1/1 "));
        for (String bad : List.of("0/3", "4/3", "3", "1/0", "a/b", "1/2/3", "-1/2", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
            assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains("K"), e.getMessage());
        }
    }

    @Test
    void thePartsDealTheSortedIdsRoundRobinSoTheyCoverTheClassOnceAndEvenly() {
        List<String> ids = List.of("ed", "ada", "cy", "bo", "di");
        assertEquals(List.of("ada", "cy", "ed"), new Shard(1, 2).select(ids));
        assertEquals(List.of("bo", "di"), new Shard(2, 2).select(ids));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add("s" + (i * 37 % 100));
        }
        Set<String> seen = new HashSet<>();
        for (int k = 1; k <= 7; k++) {
            List<String> part = new Shard(k, 7).select(many);
            assertTrue(part.size() == 14 || part.size() == 15, "part " + k + ": " + part.size());
            part.forEach(s -> assertTrue(seen.add(s), s + " in two parts"));
        }
        assertEquals(100, seen.size());
        assertEquals(List.of(), new Shard(3, 3).select(List.of("a", "b")), "more parts than students: an empty part");
    }

    @Test
    void mergedPartsEqualTheUnshardedRunByteForByte() throws Exception {
        Path subs = FakeClass.write(tmp.resolve("subs"));
        Path whole = tmp.resolve("whole");
        ClassGrader.Summary all = FakeClass.grade(subs, whole, Shard.WHOLE);
        assertEquals(12, all.students());
        List<Path> parts = new ArrayList<>();
        int graded = 0;
        for (int k = 3; k >= 1; k--) { // any order
            Path part = tmp.resolve("part" + k);
            graded += FakeClass.grade(subs, part, new Shard(k, 3)).graded();
            parts.add(part);
        }
        assertEquals(12, graded);
        ClassOutput.Merged merged = ClassOutput.merge(parts, tmp.resolve("merged"));
        assertEquals(3, merged.parts());
        assertEquals(12, merged.students());
        TreeMap<String, byte[]> expected = files(whole);
        TreeMap<String, byte[]> got = files(tmp.resolve("merged"));
        assertEquals(expected.keySet(), got.keySet());
        assertTrue(expected.keySet().containsAll(List.of("gradebook.csv", "results.json", "item-analysis.csv",
                "item-analysis.png", "ada/result.json", "ada/report.html", "_gradebook.csv/result.json",
                "__kim/report.html")), expected.keySet().toString());
        for (String f : expected.keySet()) {
            assertArrayEquals(expected.get(f), got.get(f), f);
        }
        // the fake class is what it says: full, partial, broken, missing and ungraded rows
        String gradebook = Files.readString(whole.resolve("gradebook.csv"));
        assertTrue(gradebook.contains("\r\nada,2,3,5,5,ok\r\n"), gradebook);
        assertTrue(gradebook.contains("\r\nhal,0,3,3,5,ok\r\n"), gradebook);
        assertTrue(gradebook.contains("\r\njo,0,0,0,5,no notebook (.ipynb) in the folder\r\n"), gradebook);
        String ada = Files.readString(whole.resolve("ada/result.json"));
        assertTrue(ada.matches("(?s).*\"sha256\" : \"[0-9a-f]{64}\".*"), ada);
        assertTrue(ada.contains("\"submittedAt\" : \"2026-12-05T23:50:00Z\""), ada);
    }

    @Test
    void aRerunOfAPartResumesAndWritesTheSameFiles() throws Exception {
        Path subs = FakeClass.write(tmp.resolve("subs"));
        Path part = tmp.resolve("part");
        FakeClass.grade(subs, part, new Shard(2, 3));
        TreeMap<String, byte[]> first = files(part);
        ClassGrader.Summary again = FakeClass.grade(subs, part, new Shard(2, 3));
        assertEquals(0, again.graded());
        assertEquals(4, again.resumed());
        TreeMap<String, byte[]> second = files(part);
        assertEquals(first.keySet(), second.keySet());
        first.forEach((f, bytes) -> assertArrayEquals(bytes, second.get(f), f));
    }

    @Test
    void aMergeRefusesPartsThatDoNotMakeOneClass() throws Exception {
        Path subs = FakeClass.write(tmp.resolve("subs"));
        List<Path> parts = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            parts.add(tmp.resolve("p" + k));
            FakeClass.grade(subs, parts.get(k - 1), new Shard(k, 3));
        }
        assertRefused("part 3/3 missing", List.of(parts.get(0), parts.get(1)));
        assertRefused("are both part 1/3", List.of(parts.get(0), parts.get(0), parts.get(1)));
        assertRefused("no shard.json", List.of(parts.get(0), tmp.resolve("subs")));
        Path manifest = parts.get(2).resolve(ShardManifest.FILE);
        String good = Files.readString(manifest);
        Files.writeString(manifest, good.replace("\"99.8-shards\"", "\"99.9-other\""));
        assertRefused("lesson 99.9-other", parts);
        Files.writeString(manifest, good.replace("\"99.8-sum\"", "\"99.8-product\""));
        assertRefused("exercises [99.8-add, 99.8-product] differ", parts);
        Files.writeString(manifest, good.replace("\"_kim\", \"ada\", ", "\"_kim\", ")); // roster without ada
        assertRefused("saw another class", parts);
        Files.writeString(manifest, good.replace("\"students\" : [ \"bo\"", "\"students\" : [ \"ada\", \"bo\""));
        assertRefused("student ada is in both", parts);
        Files.writeString(manifest, good);
        Files.delete(parts.get(2).resolve("bo/result.json"));
        assertRefused("no result for bo", parts);
        FakeClass.grade(subs, parts.get(2), new Shard(3, 3));
        Files.createDirectories(tmp.resolve("full").resolve("x"));
        assertRefused("not empty", parts, tmp.resolve("full"));
        ClassOutput.merge(parts, tmp.resolve("ok"));
    }

    private void assertRefused(String why, List<Path> parts) {
        assertRefused(why, parts, tmp.resolve("never"));
        assertTrue(!Files.exists(tmp.resolve("never")), "a refused merge writes nothing");
    }

    private static void assertRefused(String why, List<Path> parts, Path out) {
        IOException e = assertThrows(IOException.class, () -> ClassOutput.merge(parts, out));
        assertTrue(e.getMessage().contains(why) && !e.getMessage().contains("\n"), e.getMessage());
    }

    /** @return every file under {@code dir} by relative path, with its bytes */
    static TreeMap<String, byte[]> files(Path dir) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
