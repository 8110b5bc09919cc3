package org.earshot.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The texts of the kit's corpora, generated from small grammars so that the spoken form is known exactly.
 * <ul>
 *   <li>{@link #DIGITS}: digit strings, phone-number style ("415 555 0192").</li>
 *   <li>{@link #COMMANDS}: short voice-assistant commands ("turn on the kitchen light").</li>
 *   <li>{@link #SENTENCES}: varied sentences over a few hundred words, with the text-normalisation cases of the
 *       chapter ("Dr. Smith", "$1.50", "1:50").</li>
 * </ul>
 */
public enum TextSource {
    DIGITS {
        @Override
        Utterance next(Random r) {
            int groups = 1 + r.nextInt(3);
            StringBuilder written = new StringBuilder();
            StringBuilder spoken = new StringBuilder();
            for (int g = 0; g < groups; g++) {
                int len = g == 2 ? 4 : 3;
                StringBuilder digits = new StringBuilder();
                for (int i = 0; i < len; i++) {
                    digits.append(r.nextInt(10));
                }
                written.append(g == 0 ? "" : " ").append(digits);
                spoken.append(g == 0 ? "" : " ").append(SpokenNumbers.digits(digits.toString()));
            }
            return new Utterance(written.toString(), spoken.toString());
        }
    },
    COMMANDS {
        private final String[] rooms = {"kitchen", "bedroom", "living room", "bathroom", "office", "garage"};
        private final String[] devices = {"light", "lights", "fan", "heater", "radio", "television"};
        private final String[] names = {"mom", "dad", "alice", "bob", "grandma", "the office"};

        @Override
        Utterance next(Random r) {
            String s = switch (r.nextInt(9)) {
                case 0 -> "turn " + pick(r, "on", "off") + " the " + pick(r, rooms) + " " + pick(r, devices);
                case 1 -> "set a timer for " + SpokenNumbers.words(1 + r.nextInt(59)) + " minutes";
                case 2 -> "set the temperature to " + SpokenNumbers.words(60 + r.nextInt(20)) + " degrees";
                case 3 -> pick(r, "play", "stop", "pause") + " the music";
                case 4 -> "call " + pick(r, names);
                case 5 -> pick(r, "open", "close", "lock") + " the " + pick(r, "door", "window", "garage door");
                case 6 -> pick(r, "turn up", "turn down") + " the volume";
                case 7 -> "what is the weather " + pick(r, "today", "tomorrow", "this weekend");
                default -> "wake me up at " + SpokenNumbers.time(5 + r.nextInt(5), 5 * r.nextInt(12));
            };
            return new Utterance(s, s);
        }
    },
    SENTENCES {
        private final String[] people = {"Dr. Smith", "Mr. Jones", "Mrs. Brown", "Ms. Green", "Prof. White"};
        private final String[] spokenPeople = {"doctor smith", "mister jones", "missus brown", "miss green",
            "professor white"};
        private final String[] things = {"coffee", "a sandwich", "the newspaper", "a ticket", "an umbrella",
            "a book", "the bread", "a map", "some apples", "a new phone"};
        private final String[] places = {"the station", "the market", "the library", "the museum", "the park",
            "the bank", "the hospital", "the airport", "the school", "the beach"};
        private final String[] days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
        private final String[] weather = {"sunny", "cold", "windy", "rainy", "warm", "cloudy"};

        @Override
        Utterance next(Random r) {
            int p = r.nextInt(people.length);
            int hour = 1 + r.nextInt(12);
            int minute = 5 * r.nextInt(12);
            int dollars = 1 + r.nextInt(20);
            int cents = 10 * r.nextInt(10);
            String thing = pick(r, things);
            String place = pick(r, places);
            String day = pick(r, days);
            return switch (r.nextInt(8)) {
                case 0 -> new Utterance(people[p] + " will see you at " + clock(hour, minute) + ".",
                        spokenPeople[p] + " will see you at " + SpokenNumbers.time(hour, minute));
                case 1 -> new Utterance(capital(thing) + " costs " + price(dollars, cents) + " at " + place + ".",
                        thing + " costs " + SpokenNumbers.dollars(dollars, cents) + " at " + place);
                case 2 -> new Utterance("The train to " + place.substring(4) + " leaves at " + clock(hour, minute) + ".",
                        "the train to " + place.substring(4) + " leaves at " + SpokenNumbers.time(hour, minute));
                case 3 -> new Utterance("It will be " + pick(r, weather) + " on " + capital(day) + ".",
                        null);
                case 4 -> new Utterance("Please buy " + thing + " on the way to " + place + ".", null);
                case 5 -> new Utterance(people[p] + " lost " + thing + " near " + place + ".",
                        spokenPeople[p] + " lost " + thing + " near " + place);
                case 6 -> new Utterance("We need " + SpokenNumbers.words(2 + r.nextInt(18)) + " chairs for the meeting on "
                        + capital(day) + ".", null);
                default -> new Utterance("Can you meet me at " + place + " after " + clock(hour, minute) + "?",
                        "can you meet me at " + place + " after " + SpokenNumbers.time(hour, minute));
            };
        }

        private String clock(int hour, int minute) {
            return String.format(java.util.Locale.ROOT, "%d:%02d", hour, minute);
        }

        private String price(int dollars, int cents) {
            return cents == 0 ? "$" + dollars : String.format(java.util.Locale.ROOT, "$%d.%02d", dollars, cents);
        }
    };

    abstract Utterance next(Random random);

    /**
     * @param count how many
     * @param seed  the same seed gives the same texts
     * @return the utterances
     */
    public List<Utterance> generate(int count, long seed) {
        Random r = new Random(seed);
        List<Utterance> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Utterance u = next(r);
            // sentences whose spoken form is just the written one, lower-cased without punctuation
            out.add(u.normalized() == null ? new Utterance(u.text(), plain(u.text())) : u);
        }
        return out;
    }

    static String plain(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[.,?!]", "").strip();
    }

    static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @SafeVarargs
    static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }
}
