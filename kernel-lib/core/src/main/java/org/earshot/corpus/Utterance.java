package org.earshot.corpus;

/**
 * One sentence of a corpus: as written, and as spoken (lower-case words, numbers spelled out), which is what the
 * speech engine is given and what a recogniser must output.
 *
 * @param text       the written form, e.g. {@code "Dr. Smith will see you at 1:50."}
 * @param normalized the spoken form, e.g. {@code "doctor smith will see you at one fifty"}
 */
public record Utterance(String text, String normalized) {
}
