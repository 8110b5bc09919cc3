package org.earshot.asr.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.earshot.metrics.Wer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgramModelTest {

    /** A small grammar of commands, the kind of text the lessons train on. */
    static List<List<String>> commands(int n, long seed) {
        String[] verbs = {"turn on", "turn off", "open", "close", "play", "stop"};
        String[] things = {"the light", "the radio", "the door", "the window", "music", "the fan"};
        String[] places = {"", " in the kitchen", " in the bedroom", " please"};
        Random r = new Random(seed);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Wer.words(verbs[r.nextInt(verbs.length)] + " " + things[r.nextInt(things.length)]
                    + places[r.nextInt(places.length)]));
        }
        return out;
    }

    static void assertSumsToOne(NgramModel m, List<String> history) {
        double sum = 0;
        for (String w : m.vocabulary()) {
            sum += Math.pow(10, m.log10Prob(history, w));
        }
        assertEquals(1.0, sum, 1e-9, "P(· | " + history + ")");
    }

    @Test
    void distributionsSumToOneInSeenAndUnseenContexts() {
        List<List<String>> text = commands(300, 1);
        for (int order = 1; order <= 4; order++) {
            for (NgramModel m : List.of(KneserNey.train(text, order), AddK.train(text, order, 1), AddK.train(text, order, 0.1))) {
                assertSumsToOne(m, List.of());
                assertSumsToOne(m, List.of("turn"));
                assertSumsToOne(m, List.of("turn", "on"));
                assertSumsToOne(m, List.of("the", "door", "please"));
                assertSumsToOne(m, List.of("music", "music", "zebra")); // unseen and out-of-vocabulary history
            }
        }
    }

    @Test
    void kneserNeyBeatsAddOneOnHeldOutText() {
        List<List<String>> train = commands(400, 2);
        List<List<String>> test = commands(100, 3);
        double kn = KneserNey.train(train, 3).perplexity(test);
        double addOne = AddK.train(train, 3, 1).perplexity(test);
        assertTrue(kn < addOne, "KN " + kn + " vs add-one " + addOne);
        assertTrue(kn < 6, "the grammar is very predictable: perplexity " + kn);
    }

    @Test
    void continuationCountsDriveLowerOrders() {
        // "francisco" is frequent but only ever after "san"; "the" follows many words
        List<List<String>> text = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            text.add(List.of("san", "francisco"));
        }
        text.add(List.of("a", "the"));
        text.add(List.of("in", "the"));
        text.add(List.of("on", "the"));
        var a = KneserNey.adjustedCounts(NgramCounts.of(text, 2));
        assertEquals(1, a.get(0).get(List.of("francisco")));
        assertEquals(3, a.get(0).get(List.of("the")));
        BackoffModel m = KneserNey.train(text, 2);
        // after an unseen context, "the" is more likely than "francisco", despite being rarer
        assertTrue(m.log10Prob(List.of("zebra"), "the") > m.log10Prob(List.of("zebra"), "francisco"));
    }

    @Test
    void addOneByHand() {
        // one sentence "a b": V = {a, b, </s>, <unk>}; bigram P(b | a) = (1 + 1) / (1 + 4)
        AddK m = AddK.train(List.of(List.of("a", "b")), 2, 1);
        assertEquals(Math.log10(2.0 / 5), m.log10Prob(List.of("a"), "b"), 1e-12);
        assertEquals(Math.log10(1.0 / 5), m.log10Prob(List.of("a"), "a"), 1e-12);
        // perplexity of "a b": P(a|<s>) = 2/5, P(b|a) = 2/5, P(</s>|b) = 2/5 → 2.5
        assertEquals(2.5, m.perplexity(List.of(List.of("a", "b"))), 1e-12);
    }

    @Test
    void arpaRoundTrip(@TempDir Path tmp) throws Exception {
        BackoffModel m = KneserNey.train(commands(200, 4), 3);
        Path arpa = tmp.resolve("lm.arpa");
        m.writeArpa(arpa);
        String text = Files.readString(arpa);
        assertTrue(text.startsWith("\n\\data\\\nngram 1=") && text.contains("\\3-grams:") && text.strip().endsWith("\\end\\"));
        assertTrue(text.contains("-99.000000\t<s>\t"), "<s> is listed with -99 and a backoff weight");
        BackoffModel back = BackoffModel.readArpa(arpa);
        for (List<String> s : commands(20, 5)) {
            List<String> h = new ArrayList<>();
            for (String w : s) {
                assertEquals(m.log10Prob(h, w), back.log10Prob(h, w), 2e-6);
                h.add(w);
            }
        }
        Files.writeString(arpa, text.replace("\\end\\", ""));
        assertTrue(assertThrows(java.io.IOException.class, () -> BackoffModel.readArpa(arpa)).getMessage().contains("no \\end\\"));
    }

    @Test
    void samplingFollowsTheModel() {
        BackoffModel m = KneserNey.train(commands(300, 6), 3);
        List<String> s = m.sample(new Random(1), 20);
        assertTrue(!s.isEmpty() && s.size() <= 20);
        assertTrue(m.vocabulary().containsAll(s));
    }
}
