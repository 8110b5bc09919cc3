package org.earshot.tts.parametric;

import java.util.ArrayList;
import java.util.List;

/**
 * One phone of an utterance with its times (a segment, in festival's word): the alignment a parametric voice is
 * trained from.
 *
 * @param phone        the phone (festival's radio phone set)
 * @param startSeconds where it starts
 * @param endSeconds   where it ends (after the start)
 */
public record TimedPhone(String phone, double startSeconds, double endSeconds) {

    public TimedPhone {
        if (phone.isBlank() || !(endSeconds > startSeconds)) {
            throw new IllegalArgumentException("segment '" + phone + "' " + startSeconds + "–" + endSeconds
                    + " s: want a phone and an end after the start");
        }
    }

    /** @return its duration in seconds */
    public double seconds() {
        return endSeconds - startSeconds;
    }

    /**
     * @param text festival's {@code utt.save.segs} file: a header up to a line {@code #}, then one line per segment,
     *             {@code <end time> <colour> <phone>}, each starting where the one before ended
     * @return the segments (a zero-length one left out)
     * @throws IllegalArgumentException naming the line that is not a segment
     */
    public static List<TimedPhone> parseFestival(String text) {
        List<TimedPhone> out = new ArrayList<>();
        boolean body = false;
        double start = 0;
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (!body) {
                body = s.equals("#");
                continue;
            }
            if (s.isEmpty()) {
                continue;
            }
            String[] f = s.split("\\s+");
            double end;
            try {
                end = f.length == 3 ? Double.parseDouble(f[0]) : Double.NaN;
            } catch (NumberFormatException e) {
                end = Double.NaN;
            }
            if (Double.isNaN(end)) {
                throw new IllegalArgumentException("not a festival segment line: '" + s + "'");
            }
            if (end > start) {
                out.add(new TimedPhone(f[2], start, end));
            }
            start = Math.max(start, end);
        }
        return out;
    }
}
