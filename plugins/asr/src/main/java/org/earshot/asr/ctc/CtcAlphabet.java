package org.earshot.asr.ctc;

/**
 * The output symbols of a character CTC model: class {@code i} is the {@code i}-th character of {@code symbols};
 * one of them is the blank, and a space (if present) separates words.
 *
 * @param symbols one character per class, e.g. {@code "_ abcdefghijklmnopqrstuvwxyz'"}
 * @param blank   the blank's class
 */
public record CtcAlphabet(String symbols, int blank) {

    public CtcAlphabet {
        if (blank < 0 || blank >= symbols.length()) {
            throw new IllegalArgumentException("blank " + blank + " is not a class of the " + symbols.length()
                    + "-symbol alphabet \"" + symbols + "\"");
        }
        if (symbols.chars().distinct().count() != symbols.length()) {
            throw new IllegalArgumentException("alphabet \"" + symbols + "\" repeats a symbol");
        }
    }

    /** @return the number of classes */
    public int size() {
        return symbols.length();
    }

    /**
     * @return one printable label per class, for axes and tables: the symbol itself, the space as "␣" (so a
     *         heat map's row of spaces is named), e.g. {@code [_, ␣, a, b, …]}
     */
    public java.util.List<String> labels() {
        return symbols.chars().mapToObj(c -> c == ' ' ? "␣" : String.valueOf((char) c)).toList();
    }

    /** @return the class of the space, or −1 when the alphabet has none */
    public int space() {
        return symbols.indexOf(' ');
    }

    /** @return the text of a label sequence */
    public String text(int[] labels) {
        StringBuilder sb = new StringBuilder(labels.length);
        for (int l : labels) {
            sb.append(symbols.charAt(l));
        }
        return sb.toString();
    }

    /** @return the labels of a text; every character must be in the alphabet */
    public int[] labels(String text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = symbols.indexOf(text.charAt(i));
            if (out[i] < 0 || out[i] == blank) {
                throw new IllegalArgumentException("'" + text.charAt(i) + "' is not a label of \"" + symbols + "\"");
            }
        }
        return out;
    }
}
