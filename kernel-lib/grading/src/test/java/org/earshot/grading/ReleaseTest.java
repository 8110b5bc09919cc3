package org.earshot.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ReleaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode notebook(String graded) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "earshot"}}, "cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": "Exercise 1"},
                  {"cell_type": "code", "metadata": {"earshot": {"exercise": "ex-1", "points": 2}},
                   "execution_count": 3, "outputs": [{"output_type": "stream", "name": "stdout", "text": "x"}],
                   "source": %s},
                  {"cell_type": "code", "metadata": {}, "execution_count": 4, "outputs": [], "source": "check(f)"}
                ]}""".formatted(JSON.writeValueAsString(graded)));
    }

    @Test
    void answersBecomeStubsThatCompileAndOutputsAreCleared() throws Exception {
        ObjectNode released = Release.release(notebook("""
                int f(int x) {
                    // BEGIN SOLUTION
                    return 2 * x;
                    // END SOLUTION
                }"""));
        var cell = released.get("cells").get(1);
        assertEquals("""
                int f(int x) {
                    // TODO exercise ex-1: write your answer here
                    throw new UnsupportedOperationException("exercise ex-1: not answered yet");
                }""", cell.get("source").asText());
        assertEquals(0, cell.get("outputs").size());
        assertTrue(cell.get("execution_count").isNull());
        assertEquals(2, cell.get("metadata").get("earshot").get("points").asInt(), "metadata kept");
        assertEquals("check(f)", released.get("cells").get(2).get("source").asText());
        assertTrue(released.get("cells").get(2).get("execution_count").isNull());
    }

    @Test
    void unbalancedMarkersAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Release.release(notebook("int f() {\n// BEGIN SOLUTION\nreturn 1;\n}")));
        assertEquals("cell 2 (ex-1): // BEGIN SOLUTION is never closed", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Release.release(notebook("int f() { return 1; }")));
        assertEquals("cell 2 is graded for ex-1 but has no // BEGIN SOLUTION", e.getMessage());
    }
}
