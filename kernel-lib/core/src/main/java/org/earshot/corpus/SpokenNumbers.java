package org.earshot.corpus;

/**
 * Numbers as they are read aloud, for the spoken form of generated text: {@code 42} → "forty two",
 * {@code 1:50} → "one fifty", {@code $1.50} → "one dollar fifty".
 */
public final class SpokenNumbers {

    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"};

    private SpokenNumbers() {
    }

    /**
     * @param n 0 … 9999
     * @return its words, e.g. 1205 → "one thousand two hundred five"
     */
    public static String words(int n) {
        if (n < 0 || n > 9999) {
            throw new IllegalArgumentException("only 0…9999 are spelled, got " + n);
        }
        if (n < 20) {
            return ONES[n];
        }
        if (n < 100) {
            return TENS[n / 10] + (n % 10 == 0 ? "" : " " + ONES[n % 10]);
        }
        if (n < 1000) {
            return ONES[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + words(n % 100));
        }
        return ONES[n / 1000] + " thousand" + (n % 1000 == 0 ? "" : " " + words(n % 1000));
    }

    /** @return each digit as a word: "415" → "four one five" */
    public static String digits(String digits) {
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (!Character.isDigit(c)) {
                throw new IllegalArgumentException("not a digit: '" + c + "' in " + digits);
            }
            sb.append(sb.isEmpty() ? "" : " ").append(ONES[c - '0']);
        }
        return sb.toString();
    }

    /** @return a clock time read aloud: (1, 50) → "one fifty", (3, 0) → "three o'clock", (9, 5) → "nine oh five" */
    public static String time(int hour, int minute) {
        if (minute == 0) {
            return words(hour) + " o'clock";
        }
        return words(hour) + (minute < 10 ? " oh " : " ") + words(minute);
    }

    /** @return a price read aloud: (1, 50) → "one dollar fifty", (3, 0) → "three dollars" */
    public static String dollars(int dollars, int cents) {
        String d = words(dollars) + (dollars == 1 ? " dollar" : " dollars");
        return cents == 0 ? d : d + " " + words(cents);
    }
}
