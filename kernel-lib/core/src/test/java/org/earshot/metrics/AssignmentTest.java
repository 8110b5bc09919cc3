package org.earshot.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The Hungarian algorithm against brute force over every assignment. */
class AssignmentTest {

    @Test
    void aSmallCaseByHand() {
        double[][] w = {{1, 5, 0}, {4, 4, 0}, {0, 3, 2}};
        assertArrayEquals(new int[] {1, 0, 2}, Assignment.maximumWeight(w)); // 5 + 4 + 2 = 11
        assertEquals(11.0, Assignment.total(w, Assignment.maximumWeight(w)));
    }

    @Test
    void equalsBruteForceOnRandomRectangularMatrices() {
        Random rng = new Random(2119);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + rng.nextInt(6);
            int columns = 1 + rng.nextInt(6);
            double[][] w = new double[rows][columns];
            for (double[] row : w) {
                for (int j = 0; j < columns; j++) {
                    row[j] = rng.nextInt(4) == 0 ? 0 : rng.nextDouble() * 10;
                }
            }
            int[] fast = Assignment.maximumWeight(w);
            int[] brute = Assignment.maximumWeightBruteForce(w);
            assertEquals(Assignment.total(w, brute), Assignment.total(w, fast), 1e-9, "trial " + trial);
            assertEquals(Math.min(rows, columns), java.util.Arrays.stream(fast).filter(j -> j >= 0).count());
            assertEquals(fast.length, java.util.Arrays.stream(fast).filter(j -> j >= 0).distinct().count()
                    + java.util.Arrays.stream(fast).filter(j -> j < 0).count());
        }
    }

    @Test
    void raggedOrTooLargeIsRefused() {
        assertEquals("weight row 1 has 1 columns, row 0 has 2: the matrix must be rectangular",
                assertThrows(IllegalArgumentException.class, () -> Assignment.maximumWeight(new double[][] {{1, 2}, {3}}))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Assignment.maximumWeightBruteForce(new double[9][2]));
        assertArrayEquals(new int[0], Assignment.maximumWeight(new double[0][0]));
    }
}
