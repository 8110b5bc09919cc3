package org.earshot.display.rapaio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.earshot.audio.Audio;
import org.earshot.audio.Synth;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;

/** The adapter as rapaio-jupyter-kernel's own display system finds it: through META-INF/services. */
class RapaioDisplayProviderTest {

    @Test
    void rapaioRendersAudioAsTheKitBundle() {
        Audio a = Synth.sine(440, 0.1, 8000, 0.5);
        DisplayData dd = DisplaySystem.inst().render(a);
        assertTrue(String.valueOf(dd.data().get("text/html")).contains("<audio controls"));
        assertTrue(dd.data().containsKey("image/png"));
        assertEquals(a.toString(), dd.data().get("text/plain"));
    }

    @Test
    void anExplicitMimeTypeGetsOnlyThatType() {
        DisplayData dd = DisplaySystem.inst().render("text/plain", Synth.sine(440, 0.1, 8000, 0.5));
        assertEquals(java.util.Set.of("text/plain"), dd.data().keySet());
    }

    @Test
    void otherObjectsKeepRapaiosRendering() {
        DisplayData dd = DisplaySystem.inst().render("plain string");
        assertFalse(String.valueOf(dd.data()).contains("earshot"));
    }

    @Test
    void publisherIsActiveOnlyInTheEarshotKernel() {
        assertFalse(new RapaioPublisher().isActive());
    }
}
