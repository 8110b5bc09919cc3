package org.earshot.tts.normalize;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.stream.Collectors;

/**
 * The kit's English normalisation rules, in the order {@link TextNormalizer} tries them (the first that matches at
 * the cursor wins). Print them with {@code ./earshot tts-normalize --rules} or show {@link RuleTable#english()}.
 *
 * <p><b>The year rule.</b> A four-digit number 1000–2099 without a comma is read as a year (1999 → "nineteen ninety
 * nine") when context says so: the word before it is one of {@value #YEAR_CUES_TEXT}, or it is followed by AD, BC,
 * CE or BCE, or it is part of a date ("January 5, 2026"), a decade ("1990s") or a range of two such numbers
 * ("1914-1918"); otherwise it is a cardinal ("1999 people" → "one thousand nine hundred ninety nine people").
 *
 * <p><b>"Dr." and "St."</b> are read by context, in this order: after a capitalised word that does not begin the
 * sentence (a street name: "on Elm Dr.", "12 Main St.") → drive/street; before a capitalised word (a name:
 * "Dr. Smith", "St. Paul") → doctor/saint; after any capitalised word ("Elm Dr. is closed") → drive/street;
 * otherwise doctor/saint.
 */
public final class EnglishRules {

    static final String YEAR_CUES_TEXT = "in, since, by, from, until, till, of, during, before, after, around, "
            + "circa, year, early, late, mid, summer, winter, spring, autumn, fall, born, died, founded";

    private static final String YEAR_CUES = "in|since|by|from|until|till|of|during|before|after|around|circa|year"
            + "|early|late|mid|summer|winter|spring|autumn|fall|born|died|founded";

    /** An unsigned written number: "5", "1,250,000", "3.14". */
    private static final String UNUMBER = "(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?";

    private static final String NUMBER = "[-\u2212]?" + UNUMBER;

    private static final String[] MONTH_NAMES = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};

    private static final String MONTHS = "(January|February|March|April|May|June|July|August|September|October"
            + "|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";

    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("Mr", "mister"), Map.entry("Mrs", "missus"), Map.entry("Ms", "miz"),
            Map.entry("Prof", "professor"), Map.entry("etc", "et cetera"), Map.entry("vs", "versus"),
            Map.entry("Ave", "avenue"), Map.entry("Blvd", "boulevard"), Map.entry("Rd", "road"),
            Map.entry("Jr", "junior"), Map.entry("Sr", "senior"), Map.entry("Inc", "incorporated"),
            Map.entry("Ltd", "limited"), Map.entry("Corp", "corporation"), Map.entry("Dept", "department"),
            Map.entry("approx", "approximately"), Map.entry("Mt", "mount"), Map.entry("Gen", "general"),
            Map.entry("Capt", "captain"), Map.entry("Sgt", "sergeant"), Map.entry("e.g", "for example"),
            Map.entry("i.e", "that is"));

    private static final Map<String, String> SYMBOLS = Map.of("&", "and", "+", "plus", "=", "equals", "@", "at",
            "%", "percent", "#", "hash", "×", "times", "<", "less than", ">", "greater than", "~", "approximately");

    private EnglishRules() {
    }

    private static String month(String written) {
        String w = written.toLowerCase(Locale.ROOT);
        for (String m : MONTH_NAMES) {
            if (m.startsWith(w.length() >= 3 ? w.substring(0, 3) : w)) {
                return m;
            }
        }
        throw new IllegalArgumentException("not a month: " + written);
    }

    private static String year(String written) {
        return written.length() == 2 ? twoDigits(written) : NumberWords.year(Long.parseLong(written));
    }

    private static String twoDigits(String written) {
        return written.startsWith("0") ? "oh " + NumberWords.digitByDigit(written.substring(1))
                : NumberWords.cardinal(Long.parseLong(written));
    }

    private static String ordinal(String written) {
        return NumberWords.ordinal(Long.parseLong(written.replace(",", "")));
    }

    private static String monthDay(String month, String day, String year) {
        return month + " " + ordinal(day) + (year == null ? "" : " " + year(year));
    }

    private static String dayOfMonth(String day, String month, String year) {
        return "the " + ordinal(day) + " of " + month + (year == null ? "" : " " + year(year));
    }

    private static String numericDate(MatchResult m) {
        int first = Integer.parseInt(m.group(1));
        int second = Integer.parseInt(m.group(2));
        if (first >= 1 && first <= 12 && second >= 1 && second <= 31) {
            return monthDay(MONTH_NAMES[first - 1], m.group(2), m.group(3));
        }
        if (second >= 1 && second <= 12 && first >= 1 && first <= 31) {
            return dayOfMonth(m.group(1), MONTH_NAMES[second - 1], m.group(3));
        }
        return NumberWords.integer(m.group(1)) + " " + NumberWords.integer(m.group(2)) + " " + year(m.group(3));
    }

    private static String time(MatchResult m) {
        String hour = NumberWords.cardinal(Integer.parseInt(m.group(1)));
        String minutes = m.group(2);
        String meridiem = m.group(3) == null ? "" : " " + m.group(3).toLowerCase(Locale.ROOT) + " m";
        if (minutes.equals("00")) {
            return hour + (meridiem.isEmpty() ? " o'clock" : meridiem);
        }
        return hour + " " + twoDigits(minutes) + meridiem;
    }

    private record Currency(String major, String majors, String minor, String minors) {
    }

    private static final Map<String, Currency> CURRENCIES = Map.of(
            "$", new Currency("dollar", "dollars", "cent", "cents"),
            "£", new Currency("pound", "pounds", "penny", "pence"),
            "€", new Currency("euro", "euros", "cent", "cents"));

    private static String money(MatchResult m) {
        Currency c = CURRENCIES.get(m.group(1));
        String whole = m.group(2).replace(",", "");
        String fraction = m.group(3);
        String scale = m.group(4);
        if (scale != null) {
            return NumberWords.number(whole + (fraction == null ? "" : "." + fraction)) + " " + scale + " " + c.majors();
        }
        if (fraction != null && fraction.length() > 2) {
            return NumberWords.number(whole + "." + fraction) + " " + c.majors();
        }
        long units = Long.parseLong(whole);
        long cents = fraction == null ? 0 : Long.parseLong(fraction.length() == 1 ? fraction + "0" : fraction);
        String major = NumberWords.cardinal(units) + " " + (units == 1 ? c.major() : c.majors());
        String minor = NumberWords.cardinal(cents) + " " + (cents == 1 ? c.minor() : c.minors());
        if (cents == 0) {
            return major;
        }
        return units == 0 ? minor : major + " and " + minor;
    }

    private static String unit(MatchResult m) {
        Units.Unit u = Units.of(m.group(2));
        return NumberWords.number(m.group(1)) + " " + (NumberWords.isOne(m.group(1).replace("-", "")) ? u.singular()
                : u.plural());
    }

    private static String decade(MatchResult m) {
        String spoken = m.group(1) != null ? NumberWords.year(Long.parseLong(m.group(1)))
                : NumberWords.cardinal(Long.parseLong(m.group(2)));
        int last = spoken.lastIndexOf(' ');
        return spoken.substring(0, last + 1) + NumberWords.plural(spoken.substring(last + 1));
    }

    private static String fraction(MatchResult m) {
        int numerator = Integer.parseInt(m.group(1));
        int denominator = Integer.parseInt(m.group(2));
        String name = denominator == 2 ? "half" : denominator == 4 ? "quarter" : NumberWords.ordinal(denominator);
        String plural = denominator == 2 ? "halves" : name + "s";
        return NumberWords.cardinal(numerator) + " " + (numerator == 1 ? name : plural);
    }

    private static String alphanumeric(String token) {
        return java.util.Arrays.stream(token.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)"))
                .map(part -> Character.isDigit(part.charAt(0)) ? NumberWords.integer(part)
                        : part.equals(part.toUpperCase(Locale.ROOT)) ? Acronyms.verbalize(part) : part)
                .collect(Collectors.joining(" "));
    }

    private static String contextual(String abbreviation, boolean place) {
        boolean doctor = abbreviation.startsWith("D");
        return place ? (doctor ? "drive" : "street") : (doctor ? "doctor" : "saint");
    }

    /** The rules, in the order they are tried. */
    public static final List<Rule> ALL = List.of(
            Rule.of("phone", "a telephone number (+CC groups, (555) 123-4567, 555-123-4567, 555-0123): digit by digit",
                    "(?<![\\w.])(?:\\+\\d{1,3}(?:[ -]\\d{1,4}){2,4}|1-\\d{3}-\\d{3}-\\d{4}|\\(\\d{3}\\)\\s?\\d{3}-\\d{4}"
                            + "|\\d{3}[-.]\\d{3}[-.]\\d{4}|\\d{3}-\\d{4})(?![\\w-])",
                    "(555) 123-4567", "five five five one two three four five six seven",
                    m -> (m.group().startsWith("+") ? "plus " : "") + NumberWords.digitByDigit(m.group())),
            Rule.of("date-numeric", "M/D/YYYY (US order; D/M/YYYY when the first number is above 12)",
                    "(?<![\\w./])(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?![\\w/])",
                    "12/25/2026", "december twenty fifth twenty twenty six", EnglishRules::numericDate),
            Rule.of("date-iso", "YYYY-MM-DD (ISO 8601)",
                    "(?<![\\w.])(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(?![\\w-])",
                    "2026-01-05", "january fifth twenty twenty six",
                    m -> monthDay(MONTH_NAMES[Integer.parseInt(m.group(2)) - 1], m.group(3), m.group(1))),
            Rule.of("date-month-day", "a month name (or Jan., Feb., …) then a day, and maybe a year",
                    MONTHS + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\w:])",
                    "Jan. 5, 2026", "january fifth twenty twenty six",
                    m -> monthDay(month(m.group(1)), m.group(2), m.group(3))),
            Rule.of("date-day-month", "a day then a month name, and maybe a year (British order)",
                    "(?<![\\w.])(?:[Tt]he\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTHS + "\\.?(?:,?\\s+(\\d{4}))?(?!\\w)",
                    "5 January 2026", "the fifth of january twenty twenty six",
                    m -> dayOfMonth(m.group(1), month(m.group(2)), m.group(3))),
            Rule.of("month-year", "a month name then a four-digit year",
                    "(January|February|March|April|May|June|July|August|September|October|November|December)"
                            + "\\s+(\\d{4})(?!\\w)",
                    "March 1999", "march nineteen ninety nine", m -> month(m.group(1)) + " " + year(m.group(2))),
            Rule.of("time", "H:MM (hour 0-23, minutes 00-59), maybe am/pm: :00 is o'clock, :0M is oh M",
                    "(?<![\\w:.])([01]?\\d|2[0-3]):([0-5]\\d)(?:\\s?([AaPp])\\.?[Mm]\\.?(?!\\w))?(?![\\w:])",
                    "10:05", "ten oh five", EnglishRules::time),
            Rule.of("time-hour", "an hour with am/pm: 7pm, 7 p.m.",
                    "(?<![\\w:.])(1[0-2]|0?[1-9])\\s?([AaPp])\\.?[Mm]\\.?(?!\\w)",
                    "7 p.m.", "seven p m",
                    m -> NumberWords.cardinal(Integer.parseInt(m.group(1))) + " " + m.group(2).toLowerCase(Locale.ROOT)
                            + " m"),
            Rule.of("money", "$, £ or € then an amount (up to 18 digits): units and cents (pence), or an amount with a scale word",
                    "([$£€])(\\d{1,3}(?:,\\d{3}){1,5}|\\d{1,18})(?!\\d|,\\d)(?:\\.(\\d+))?(?:\\s+(thousand|million|billion|trillion)\\b)?",
                    "$1.50", "one dollar and fifty cents", EnglishRules::money),
            Rule.of("decade", "a decade: 1990s, '90s, 90s (the last number word made plural)",
                    "(?<![\\w.])(?:((?:1\\d|20)\\d0)|['\u2019]?([1-9]0))s(?!\\w)",
                    "1990s", "nineteen nineties", EnglishRules::decade),
            Rule.of("percent", "a number then %", "(?<![\\w.])(" + NUMBER + ")\\s?%",
                    "3.5%", "three point five percent", m -> NumberWords.number(m.group(1)) + " percent"),
            Rule.of("unit", "a number then a unit symbol (singular after exactly 1)",
                    "(?<![\\w.])(" + NUMBER + ")\\s?(" + Units.alternation() + ")(?![\\w/])",
                    "60 km/h", "sixty kilometers per hour", EnglishRules::unit),
            Rule.of("ordinal", "a number (up to 18 digits) then st, nd, rd or th", "(?<![\\w.])(\\d{1,3}(?:,\\d{3}){1,5}|\\d{1,18})(?:st|nd|rd|th)(?!\\w)",
                    "21st", "twenty first", m -> ordinal(m.group(1))),
            Rule.of("year-range", "two years joined by a hyphen or dash: years, \"to\"",
                    "(?<![\\w.])(1\\d{3}|20\\d{2})\\s?[-\u2013]\\s?(1\\d{3}|20\\d{2})(?![\\w.])",
                    "1914-1918", "nineteen fourteen to nineteen eighteen",
                    m -> year(m.group(1)) + " to " + year(m.group(2))),
            Rule.of("year", "1000-2099 after " + YEAR_CUES_TEXT + ", or before AD/BC/CE/BCE",
                    "(?:(?<=\\b(?i:" + YEAR_CUES + ")\\s)(1\\d{3}|20\\d{2})|(1\\d{3}|20\\d{2})(?=\\s(?:AD|BC|BCE|CE)\\b))"
                            + "(?![\\w.,]\\d|\\w)",
                    "in 1999", "in nineteen ninety nine",
                    m -> year(m.group(1) != null ? m.group(1) : m.group(2))),
            Rule.of("range", "two numbers joined by a hyphen or dash: \"to\"",
                    "(?<![\\w.])(\\d+)[-\u2013](\\d+)(?![\\w.])", "10-20", "ten to twenty",
                    m -> NumberWords.integer(m.group(1)) + " to " + NumberWords.integer(m.group(2))),
            Rule.of("fraction", "N/D with D from 2 to 10: half, quarter, else the ordinal (plural unless N is 1)",
                    "(?<![\\w/.])(\\d)/([2-9]|10)(?![\\w/])", "3/4", "three quarters", EnglishRules::fraction),
            Rule.of("decimal", "a number with a decimal point: the digits after it one by one",
                    "(?<![\\w.])[-\u2212]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)?\\.\\d+(?![\\w.])", "3.14", "three point one four",
                    m -> NumberWords.number(m.group())),
            Rule.of("negative", "a minus sign then a number", "(?<![\\w.])[-\u2212](" + UNUMBER + ")(?!\\w)",
                    "-5", "minus five", m -> "minus " + NumberWords.number(m.group(1))),
            Rule.of("cardinal", "an integer, with or without thousands commas (short scale, American: no \"and\")",
                    "(?<![\\w.])(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?!\\w)", "1,250,000", "one million two hundred fifty thousand",
                    m -> NumberWords.number(m.group())),
            Rule.of("number-sign", "# then a number", "#(\\d+)", "#1", "number one",
                    m -> "number " + NumberWords.integer(m.group(1))),
            Rule.of("number-abbreviation", "No. before a number", "(?<!\\w)No\\.(?=\\s?\\d)", "No. 5", "number five",
                    m -> "number"),
            Rule.of("street-after-name", "Dr. or St. after a capitalised word that does not begin the sentence",
                    "(?<=[\\p{Ll}\\d,]\\s[A-Z][a-z]{1,20}\\s)(Dr|St)\\.", "on Elm Dr.", "on elm drive",
                    m -> contextual(m.group(1), true)),
            Rule.of("title-before-name", "Dr. or St. before a capitalised word", "(?<!\\w)(Dr|St)\\.?(?=\\s+[A-Z])",
                    "Dr. Smith", "doctor smith", m -> contextual(m.group(1), false)),
            Rule.of("street-after-capital", "Dr. or St. after any capitalised word",
                    "(?<=(?<!\\p{L})[A-Z][a-z]{1,20}\\s)(Dr|St)\\.", "Elm Dr. is closed", "elm drive is closed",
                    m -> contextual(m.group(1), true)),
            Rule.of("title", "Dr. or St. anywhere else", "(?<!\\w)(Dr|St)\\.", "the Dr.", "the doctor",
                    m -> contextual(m.group(1), false)),
            Rule.of("abbreviation", "a known abbreviation: " + String.join(", ", new java.util.TreeSet<>(ABBREVIATIONS.keySet())),
                    "(?<!\\w)(e\\.g|i\\.e|" + String.join("|", ABBREVIATIONS.keySet().stream()
                            .filter(k -> !k.contains(".")).sorted((a, b) -> b.length() - a.length()).toList())
                            + ")\\.(?!\\w)|(?<!\\w)(vs)(?!\\w)",
                    "Mr. Jones, etc.", "mister jones et cetera",
                    m -> ABBREVIATIONS.get(m.group(1) != null ? m.group(1) : m.group(2))),
            Rule.of("dotted-letters", "letters each followed by a dot (U.S.A., a.m.): letter by letter",
                    "(?<!\\w)(?:\\p{L}\\.){2,}", "U.S.A.", "u s a",
                    m -> m.group().replace(".", " ")),
            Rule.of("alphanumeric", "letters and digits in one token: each run on its own",
                    "(?<!\\w)(?=\\w*\\d)(?=\\w*\\p{L})[\\p{L}\\d]+(?!\\w)", "MP3", "m p three",
                    m -> alphanumeric(m.group())),
            Rule.of("acronym", "two or more capitals: a word or letters, by Acronyms' rule (known lists, then vowels)",
                    "(?<![\\w'])\\p{Lu}{2,}(?![\\w'])", "NASA and the BBC", "nasa and the b b c",
                    m -> Acronyms.verbalize(m.group())),
            Rule.of("minus", "a hyphen between spaces between numbers", "(?<=\\d\\s)-(?=\\s\\d)", "5 - 3",
                    "five minus three", m -> "minus"),
            Rule.of("symbol", "a symbol with a name: " + SYMBOLS.keySet().stream().sorted().collect(Collectors.joining(" ")),
                    "[&+=@%#×<>~]", "1 + 1 = 2", "one plus one equals two", m -> SYMBOLS.get(m.group())),
            Rule.of("word", "letters (with inner apostrophes): lower case", "\\p{L}+(?:['\u2019]\\p{L}+)*",
                    "Don't", "don't", MatchResult::group));
}
