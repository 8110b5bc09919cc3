package org.earshot.grading.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} equal parts of a class, so that an engine that already exists can grade the parts at once and
 * unchanged: a Kubernetes Job with {@code count} completions, a Slurm array {@code --array=1-N}, GNU {@code parallel}
 * over SSH. Written {@code K/N}, with {@code K} counted from 1 like a Slurm array's {@code SLURM_ARRAY_TASK_ID}.
 *
 * <p>Which students: the class's student ids (folder names) in sorted order ({@link String#compareTo}, by UTF-16
 * code unit), dealt round-robin: the {@code i}-th id (from 0) goes to part {@code i mod N + 1}. So every part gets
 * ⌊S/N⌋ or ⌈S/N⌉ of S students — a hash would leave a small class uneven — and a part depends only on the list of
 * ids, never on the machine or the order the file system lists them. Every part of a run must see the same list:
 * the output of each part records it ({@link ShardManifest}), and a merge refuses parts that saw different classes.
 *
 * <p>Example: ids {@code ada, bo, cy, di, ed} in 2 parts: {@code 1/2} grades ada, cy, ed; {@code 2/2} bo, di.
 *
 * @param index which part, 1 ≤ index ≤ count
 * @param count how many parts, ≥ 1
 */
public record Shard(int index, int count) {

    /** The whole class in one part: what a run without {@code --shard} grades. */
    public static final Shard WHOLE = new Shard(1, 1);

    private static final Pattern SHAPE = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": need 1 ≤ K ≤ N (K counts from 1, as"
                    + " a Slurm array task id does)");
        }
    }

    /**
     * @param text {@code K/N}, e.g. {@code 2/8}
     * @return the shard it names
     * @throws IllegalArgumentException with a one-line message when it is not {@code K/N} with 1 ≤ K ≤ N
     */
    public static Shard parse(String text) {
        Matcher m = SHAPE.matcher(text.strip());
        int index = m.matches() ? Integer.parseInt(m.group(1)) : 0;
        int count = m.matches() ? Integer.parseInt(m.group(2)) : 0;
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard '" + text + "' is not K/N with 1 ≤ K ≤ N (e.g. 2/8: the second of"
                    + " 8 parts; K counts from 1, as a Slurm array task id does)");
        }
        return new Shard(index, count);
    }

    /**
     * @param students the whole class's student ids, in any order
     * @return the ones this part grades, sorted
     */
    public List<String> select(List<String> students) {
        List<String> sorted = students.stream().sorted().toList();
        List<String> mine = new ArrayList<>();
        for (int i = index - 1; i < sorted.size(); i += count) {
            mine.add(sorted.get(i));
        }
        return List.copyOf(mine);
    }

    /** @return whether this is the whole class */
    public boolean whole() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
