package org.earshot.exercises;

/**
 * A graded exercise.
 *
 * @param id     its identifier, unique in the kit, e.g. {@code "21.1-frame-count"}
 * @param lesson the notebook (without extension) it is authored in under {@code solutions/}
 * @param title  what the student is asked to do, in a few words
 * @param points points it is worth (> 0)
 */
public record Exercise(String id, String lesson, String title, double points) {

    public Exercise {
        if (!(points > 0)) {
            throw new IllegalArgumentException("exercise " + id + " must be worth > 0 points, got " + points);
        }
    }
}
