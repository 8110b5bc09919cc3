package org.earshot.kit;

/**
 * A lesson notebook.
 *
 * @param notebook file name in {@code notebooks/} without the extension, e.g. {@code "21.1-signal"}
 * @param title    the lesson's title
 */
public record Lesson(String notebook, String title) {

    /** @return the notebook's file name, e.g. {@code "21.1-signal.ipynb"} */
    public String fileName() {
        return notebook + ".ipynb";
    }
}
