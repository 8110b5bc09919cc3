package org.earshot.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MelScaleTest {

    @Test
    void htkWorkedExamplesOfTheLesson() {
        assertEquals(283.2, MelScale.HTK.hzToMel(200), 0.05);
        assertEquals(1000.0, MelScale.HTK.hzToMel(1000), 0.1);
        assertEquals(2363.5, MelScale.HTK.hzToMel(5000), 0.05);
    }

    @Test
    void slaneyIsLinearBelowOneKilohertz() {
        assertEquals(3.0, MelScale.SLANEY.hzToMel(200), 1e-12);
        assertEquals(15.0, MelScale.SLANEY.hzToMel(1000), 1e-12);
        assertEquals(15.0 + 27.0, MelScale.SLANEY.hzToMel(6400), 1e-9);
    }

    @Test
    void inversesRoundTrip() {
        for (MelScale s : MelScale.values()) {
            for (double f : new double[] {0, 55, 999, 1000, 1001, 4000, 11025}) {
                assertEquals(f, s.melToHz(s.hzToMel(f)), 1e-9, s + " at " + f + " Hz");
            }
        }
    }
}
