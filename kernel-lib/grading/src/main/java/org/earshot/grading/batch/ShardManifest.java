package org.earshot.grading.batch;

import java.util.List;

/**
 * What a part of a sharded run ({@code earshot grade --shard K/N}) writes to {@code OUT/shard.json}, so that
 * {@link ClassOutput#merge} can check the parts belong together before it makes one class of them.
 *
 * @param shard     which part, {@code K/N}
 * @param lesson    the lesson graded (every part picks the lesson from the whole class, so they agree)
 * @param exercises the lesson's exercise ids, in gradebook column order
 * @param roster    every student of the class, in the gradebook's row order (the student folders, sorted)
 * @param students  the students this part graded ({@link Shard#select} of the roster)
 */
public record ShardManifest(String shard, String lesson, List<String> exercises, List<String> roster,
                            List<String> students) {

    /** The manifest's file name in a part's output folder. */
    public static final String FILE = "shard.json";

    public ShardManifest {
        exercises = List.copyOf(exercises);
        roster = List.copyOf(roster);
        students = List.copyOf(students);
    }

    /** @return the part, parsed */
    public Shard part() {
        return Shard.parse(shard);
    }
}
