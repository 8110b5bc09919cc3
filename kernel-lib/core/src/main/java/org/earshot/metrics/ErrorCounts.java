package org.earshot.metrics;

import java.util.Locale;

/**
 * Word (or character) error counts, sclite's {@code (#C #S #D #I)}, and the error rate
 * {@code (S + D + I) / N} with {@code N = C + S + D}.
 *
 * @param n          reference words
 * @param correct    C
 * @param substituted S
 * @param deleted    D
 * @param inserted   I
 */
public record ErrorCounts(int n, int correct, int substituted, int deleted, int inserted) {

    /** No words and no errors: the start of a corpus total ({@code total = total.plus(utterance)}). */
    public static final ErrorCounts NONE = new ErrorCounts(0, 0, 0, 0, 0);

    /** @return the sum of two counts (corpus totals are sums over utterances) */
    public ErrorCounts plus(ErrorCounts o) {
        return new ErrorCounts(n + o.n, correct + o.correct, substituted + o.substituted, deleted + o.deleted,
                inserted + o.inserted);
    }

    /** @return the error rate in percent, {@code 100·(S + D + I)/N} (0 when N = 0 and nothing was inserted) */
    public double errorRatePercent() {
        int errors = substituted + deleted + inserted;
        if (n == 0) {
            return errors == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return 100.0 * errors / n;
    }

    /** @return {@code N=6 C=5 S=0 D=1 I=0 WER=16.67%}, the CLI's closing line */
    public String summaryLine() {
        return String.format(Locale.ROOT, "N=%d C=%d S=%d D=%d I=%d WER=%.2f%%", n, correct, substituted, deleted,
                inserted, errorRatePercent());
    }
}
