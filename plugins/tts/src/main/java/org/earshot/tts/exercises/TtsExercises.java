package org.earshot.tts.exercises;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.ibm.icu.text.RuleBasedNumberFormat;
import org.earshot.audio.Matrices;
import org.earshot.exercises.Comparison;
import org.earshot.exercises.Exercise;
import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.g2p.PhoneErrorRate;
import org.earshot.tts.g2p.Stress;
import org.earshot.tts.normalize.EnglishRules;
import org.earshot.tts.normalize.NumberWords;
import org.earshot.tts.normalize.ProductionFrontEnds;
import org.earshot.tts.normalize.Rule;
import org.earshot.tts.normalize.RuleTable;
import org.earshot.tts.normalize.TextNormalizer;
import org.earshot.tts.vocoder.MarkovSampleModel;
import org.earshot.tts.vocoder.MuLaw;

/**
 * The graded exercises of §21.3, each declared once, in the order of {@code solutions/21.3-tts.ipynb}. In a notebook,
 * {@code TtsExercises.NUMBER_WORDS.check(n -> words(n))} runs the visible cases; the class grader runs the hidden ones
 * too. Reference answers come from the plugin's own code: {@link NumberWords} (ICU's spellout), {@link TextNormalizer}
 * (its money and "Dr."/"St." rules), {@link Stress}, {@link PhoneErrorRate} (equal to python-Levenshtein), {@link MuLaw} (equal to
 * torchaudio) and {@link MarkovSampleModel}.
 */
public final class TtsExercises {

    private static final String LESSON = "21.3-tts";

    private static final TextNormalizer NORMALIZER = TextNormalizer.english();

    /** The rules that read "Dr." and "St.", named as {@link EnglishRules#ALL} names them. */
    private static final Set<String> ABBREVIATION_RULES = Set.of("street-after-name", "title-before-name",
            "street-after-capital", "title");

    /**
     * What computes the front-end answers itself, forbidden in exercises 1–3: the kit's normaliser and its rule
     * table, the production front ends, and ICU's spellout however it is reached.
     */
    private static final Class<?>[] FRONT_END = {NumberWords.class, TextNormalizer.class, EnglishRules.class,
        RuleTable.class, Rule.class, ProductionFrontEnds.class, RuleBasedNumberFormat.class,
        com.ibm.icu.text.NumberFormat.class, com.ibm.icu.text.MessageFormat.class};

    private TtsExercises() {
    }

    /** Exercise 1: a number in words. */
    @FunctionalInterface
    public interface NumberToWords {
        String words(long n);
    }

    /** Exercise 2: an amount of money in words. */
    @FunctionalInterface
    public interface MoneyToWords {
        String money(String amount);
    }

    /** Exercise 3: how "Dr." or "St." is read in its sentence. */
    @FunctionalInterface
    public interface AbbreviationReading {
        String reading(String sentence);
    }

    /** Exercise 4: the stress pattern of a dictionary pronunciation. */
    @FunctionalInterface
    public interface StressPattern {
        String pattern(List<String> phones);
    }

    /** Exercise 5: the phone error rate of predicted pronunciations. */
    @FunctionalInterface
    public interface PhoneErrors {
        double perPercent(List<List<String>> reference, List<List<String>> predicted);
    }

    /** Exercise 6: μ-law classes of samples. */
    @FunctionalInterface
    public interface MuLawEncoder {
        int[] encode(double[] samples, int classes);
    }

    /** Exercise 7: the log-likelihood of a sequence under an autoregressive model. */
    @FunctionalInterface
    public interface SequenceLikelihood {
        double logLikelihood(double[] first, double[][] next, int[] sequence);
    }

    /** A number. */
    public record Number(long n) {
    }

    /** A written amount such as "$1.50". */
    public record Amount(String written) {
    }

    /** A sentence holding one "Dr." or "St.". */
    public record Sentence(String text) {
    }

    /** One pronunciation: ARPAbet phones with stress digits. */
    public record Phones(List<String> phones) {
    }

    /** Reference and predicted phones, word by word. */
    public record Pronunciations(List<List<String>> reference, List<List<String>> predicted) {
    }

    /** Samples and the number of classes Q. */
    public record Samples(double[] samples, int classes) {
    }

    /** A first-order model (p(x₀), p(x_t | x_{t−1})) and a sequence of classes. */
    public record Chain(double[] first, double[][] next, int[] sequence) {
    }

    public static final Exercise<NumberToWords, Number> NUMBER_WORDS = Exercise
            .builder("21.3-number-words", NumberToWords.class, Number.class)
            .lesson(LESSON).title("A number in words").points(3).solvedBy("words")
            .forbids(FRONT_END)
            .call((f, c) -> f.words(c.n()))
            .reference(c -> NumberWords.cardinal(c.n()))
            .hint("0 ≤ n < 10¹²; groups of three digits named billion, million, thousand; a group is"
                    + " \"<digit> hundred\" then the tens (\"twenty one\", no hyphen, no \"and\"); empty groups say"
                    + " nothing; 0 is \"zero\"")
            .visible("21", new Number(21))
            .visible("105", new Number(105))
            .visible("the chapter's 1,250,000", new Number(1_250_000))
            .visible("0", new Number(0))
            .hidden("13", new Number(13))
            .hidden("90", new Number(90))
            .hidden("1,000", new Number(1000))
            .hidden("1,000,010", new Number(1_000_010))
            .hidden("7,000,000,019", new Number(7_000_000_019L))
            .hidden("999,999,999,999", new Number(999_999_999_999L))
            .hidden("100,200,300", new Number(100_200_300))
            .build();

    public static final Exercise<MoneyToWords, Amount> MONEY = Exercise
            .builder("21.3-money", MoneyToWords.class, Amount.class)
            .lesson(LESSON).title("Money: \"$1.50\" is \"one dollar and fifty cents\"").points(2).solvedBy("money")
            .buildsOn(NUMBER_WORDS)
            .forbids(FRONT_END)
            .call((f, c) -> f.money(c.written()))
            .reference(c -> NORMALIZER.normalize(c.written()))
            .hint("\"$D\" or \"$D.CC\" (D may have thousands commas, CC is two digits): D dollars (\"dollar\" when D"
                    + " is 1), then \"and\" CC cents (\"cent\" when 1) when CC is not 00; no dollars when D is 0 and"
                    + " there are cents; \"zero dollars\" for nothing at all")
            .visible("the chapter's $1.50", new Amount("$1.50"))
            .visible("$2", new Amount("$2"))
            .visible("$0.99", new Amount("$0.99"))
            .hidden("$1", new Amount("$1"))
            .hidden("$0.01", new Amount("$0.01"))
            .hidden("$21.01", new Amount("$21.01"))
            .hidden("$100.00", new Amount("$100.00"))
            .hidden("$1,250.05", new Amount("$1,250.05"))
            .hidden("$0", new Amount("$0"))
            .build();

    public static final Exercise<AbbreviationReading, Sentence> DOCTOR_OR_DRIVE = Exercise
            .builder("21.3-doctor-or-drive", AbbreviationReading.class, Sentence.class)
            .lesson(LESSON).title("\"Dr.\" is doctor or drive, \"St.\" saint or street").points(2)
            .solvedBy("reading")
            .forbids(FRONT_END)
            .call((f, c) -> f.reading(c.text()))
            .reference(c -> abbreviationReading(c.text()))
            .hint("in order: the word before is capitalised (a capital then lower-case letters) and the word before"
                    + " that ends in a lower-case letter, a digit or a comma → drive/street; the next word starts"
                    + " with a capital → doctor/saint; the word before is capitalised → drive/street; otherwise"
                    + " doctor/saint")
            .visible("the chapter's: Dr. Smith will see you at 1:50.", new Sentence("Dr. Smith will see you at 1:50."))
            .visible("I live on Elm Dr. near the park", new Sentence("I live on Elm Dr. near the park"))
            .visible("we prayed to St. Paul", new Sentence("we prayed to St. Paul"))
            .visible("Elm Dr. is closed", new Sentence("Elm Dr. is closed"))
            .hidden("at 12 Main St. today", new Sentence("at 12 Main St. today"))
            .hidden("ask the Dr. about it", new Sentence("ask the Dr. about it"))
            .hidden("a sentence beginning Elm Dr. Smith: the first word begins the sentence",
                    new Sentence("Elm Dr. Smith lives here"))
            .hidden("go down Main St. Paul is waiting", new Sentence("go down Main St. Paul is waiting"))
            .hidden("the St. was busy", new Sentence("the St. was busy"))
            .hidden("she lives at Park Dr.", new Sentence("she lives at Park Dr."))
            .build();

    public static final Exercise<StressPattern, Phones> STRESS_PATTERN = Exercise
            .builder("21.3-stress-pattern", StressPattern.class, Phones.class)
            .lesson(LESSON).title("Lexical stress from the dictionary").points(1).solvedBy("stressPattern")
            .forbids(new Class<?>[] {Stress.class})
            .call((f, c) -> f.pattern(new ArrayList<>(c.phones())))
            .reference(c -> Stress.pattern(c.phones()))
            .hint("every vowel ends in a digit (1 primary, 2 secondary, 0 none); consonants have none; join the"
                    + " digits in order")
            .visible("doctor: D AA1 K T ER0", phonesOf("D AA1 K T ER0"))
            .visible("record, the verb: R IH0 K AO1 R D", phonesOf("R IH0 K AO1 R D"))
            .visible("comprehension: K AA2 M P R IY0 HH EH1 N SH AH0 N", phonesOf("K AA2 M P R IY0 HH EH1 N SH AH0 N"))
            .hidden("a one-syllable word: K AE1 T", phonesOf("K AE1 T"))
            .hidden("no vowel digits at all: HH M", phonesOf("HH M"))
            .hidden("a long word: Y UW2 N IH0 V ER1 S AH0 T IY0", phonesOf("Y UW2 N IH0 V ER1 S AH0 T IY0"))
            .hidden("a compound with two secondaries: AE1 N T IY0 D IH2 S EH2 S T AE1 B L IH0 SH M AH0 N T",
                    phonesOf("AE1 N T IY0 D IH2 S EH2 S T AE1 B L IH0 SH M AH0 N T"))
            .build();

    public static final Exercise<PhoneErrors, Pronunciations> PHONE_ERROR_RATE = Exercise
            .builder("21.3-phone-error-rate", PhoneErrors.class, Pronunciations.class)
            .lesson(LESSON).title("Phone error rate of a letter-to-sound model").points(2).solvedBy("perPercent")
            .forbids(new Class<?>[] {PhoneErrorRate.class})
            .call((f, c) -> f.perPercent(copy(c.reference()), copy(c.predicted())))
            .reference(c -> phoneErrorRate(c.reference(), c.predicted()))
            .compare(Comparison.within(1e-9))
            .hint("per word, the edit distance D[i][j] = min(D[i−1][j] + 1, D[i][j−1] + 1, D[i−1][j−1] + [a_i ≠ b_j]);"
                    + " PER = 100 · Σ distances / Σ reference lengths")
            .visible("one substitution: K AE T vs K AH T", pron(List.of("K AE T"), List.of("K AH T")))
            .visible("a deletion and an insertion", pron(List.of("S M IH TH", "D AA K T ER"),
                    List.of("S M IH TH AH", "D AA T ER")))
            .visible("all right", pron(List.of("W ER D"), List.of("W ER D")))
            .hidden("an empty prediction", pron(List.of("EH R SH AA T"), List.of("")))
            .hidden("three words", pron(List.of("G R IH F AH N", "L IH M", "T AO R CH"),
                    List.of("G R IH F IH N", "L IH M", "T AO R K")))
            .hidden("200 random words", randomPronunciations(200, 7))
            .build();

    public static final Exercise<MuLawEncoder, Samples> MU_LAW = Exercise
            .builder("21.3-mu-law", MuLawEncoder.class, Samples.class)
            .lesson(LESSON).title("μ-law companding into Q classes").points(2).solvedBy("encode")
            .forbids(new Class<?>[] {MuLaw.class})
            .call((f, c) -> f.encode(c.samples().clone(), c.classes()))
            .reference(c -> muLaw(c.samples(), c.classes()))
            .hint("μ = Q − 1; clip x to [−1, 1]; f = sign(x) · ln(1 + μ|x|) / ln(1 + μ); class = ⌊(f + 1) / 2 · μ + 0.5⌋")
            .visible("WaveNet's 256 classes: 0, 1, −1, 0.5, −0.5, 0.01", new Samples(new double[] {0, 1, -1, 0.5, -0.5,
                0.01}, 256))
            .visible("16 classes", new Samples(new double[] {0, 0.1, -0.1, 0.9}, 16))
            .hidden("out of range: clipped", new Samples(new double[] {1.5, -2, 1e-9}, 256))
            .hidden("1000 Gaussian samples, 256 classes", new Samples(gaussian(1000, 0.2, 11), 256))
            .hidden("500 Gaussian samples, 64 classes", new Samples(gaussian(500, 0.5, 12), 64))
            .build();

    public static final Exercise<SequenceLikelihood, Chain> AR_LIKELIHOOD = Exercise
            .builder("21.3-ar-likelihood", SequenceLikelihood.class, Chain.class)
            .lesson(LESSON).title("The autoregressive likelihood of a sequence").points(2).solvedBy("logLikelihood")
            .forbids(new Class<?>[] {MarkovSampleModel.class})
            .call((f, c) -> f.logLikelihood(c.first().clone(), Matrices.copy(c.next()), c.sequence().clone()))
            .reference(c -> MarkovSampleModel.of(c.first(), c.next()).logLikelihood(c.sequence()))
            .compare(Comparison.within(1e-9))
            .hint("log p(x) = log p(x₀) + Σ_{t≥1} log p(x_t | x_{t−1}), natural logarithms; next[i][j] is"
                    + " p(x_t = j | x_{t−1} = i)")
            .visible("two classes, the sequence 0 0 1", twoClasses(0, 0, 1))
            .visible("one sample: only p(x₀)", twoClasses(1))
            .visible("two classes, 0 1 1 1 0", twoClasses(0, 1, 1, 1, 0))
            .hidden("four classes, 12 steps", randomChain(4, 12, 21))
            .hidden("256 classes, 400 steps", randomChain(256, 400, 22))
            .build();

    /** The exercises, in the order of the solutions notebook. */
    public static List<Exercise<?, ?>> all() {
        return Exercise.declaredIn(TtsExercises.class);
    }

    private static String abbreviationReading(String sentence) {
        return NORMALIZER.trace(sentence).stream().filter(s -> ABBREVIATION_RULES.contains(s.rule()))
                .map(TextNormalizer.Step::spoken).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Dr. or St. in: " + sentence));
    }

    private static double phoneErrorRate(List<List<String>> reference, List<List<String>> predicted) {
        Map<String, List<List<String>>> dictionary = new LinkedHashMap<>();
        Map<String, List<String>> hypotheses = new LinkedHashMap<>();
        for (int i = 0; i < reference.size(); i++) {
            dictionary.put("w" + i, List.of(reference.get(i)));
            hypotheses.put("w" + i, predicted.get(i));
        }
        return PhoneErrorRate.of(hypotheses, new CmuDictionary(dictionary), true).perPercent();
    }

    private static int[] muLaw(double[] samples, int classes) {
        MuLaw law = new MuLaw(classes);
        int[] out = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = law.encode(samples[i]);
        }
        return out;
    }

    private static Phones phonesOf(String spaced) {
        return new Phones(phones(spaced));
    }

    private static Pronunciations pron(List<String> reference, List<String> predicted) {
        return new Pronunciations(reference.stream().map(TtsExercises::phones).toList(),
                predicted.stream().map(TtsExercises::phones).toList());
    }

    private static List<String> phones(String spaced) {
        return spaced.isBlank() ? List.of() : List.of(spaced.split(" "));
    }

    private static Pronunciations randomPronunciations(int words, long seed) {
        String[] inventory = {"AA", "AE", "AH", "AO", "EH", "ER", "IH", "IY", "UW", "B", "D", "G", "K", "L", "M",
            "N", "P", "R", "S", "T", "Z"};
        Random r = new Random(seed);
        List<List<String>> ref = new ArrayList<>();
        List<List<String>> hyp = new ArrayList<>();
        for (int w = 0; w < words; w++) {
            List<String> a = new ArrayList<>();
            for (int n = 1 + r.nextInt(8); n > 0; n--) {
                a.add(inventory[r.nextInt(inventory.length)]);
            }
            List<String> b = new ArrayList<>();
            for (String p : a) {
                double u = r.nextDouble();
                if (u < 0.08) {
                    continue;
                }
                b.add(u < 0.16 ? inventory[r.nextInt(inventory.length)] : p);
                if (r.nextDouble() < 0.05) {
                    b.add(inventory[r.nextInt(inventory.length)]);
                }
            }
            ref.add(List.copyOf(a));
            hyp.add(List.copyOf(b));
        }
        return new Pronunciations(ref, hyp);
    }

    private static double[] gaussian(int n, double scale, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return v;
    }

    private static Chain twoClasses(int... sequence) {
        return new Chain(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.3, 0.7}}, sequence);
    }

    private static Chain randomChain(int classes, int steps, long seed) {
        Random r = new Random(seed);
        double[] first = distribution(classes, r);
        double[][] next = new double[classes][];
        for (int i = 0; i < classes; i++) {
            next[i] = distribution(classes, r);
        }
        int[] sequence = new int[steps];
        for (int t = 0; t < steps; t++) {
            sequence[t] = r.nextInt(classes);
        }
        return new Chain(first, next, sequence);
    }

    private static double[] distribution(int n, Random r) {
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = 0.05 + r.nextDouble();
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static List<List<String>> copy(List<List<String>> lists) {
        return lists.stream().map(l -> (List<String>) new ArrayList<>(l)).toList();
    }

}
