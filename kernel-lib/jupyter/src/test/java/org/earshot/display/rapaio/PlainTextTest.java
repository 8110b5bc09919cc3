package org.earshot.display.rapaio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.earshot.audio.Synth;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;
import org.rapaio.jupyter.kernel.message.messages.IOPubDisplayData;
import org.rapaio.jupyter.kernel.message.messages.IOPubExecuteResult;
import org.rapaio.jupyter.kernel.message.messages.IOPubUpdateDisplayData;

/**
 * Every execute_result and display_data the kernel sends carries text/plain beside its rich form: the messages as
 * the kernel builds them, from what rapaio's display system renders.
 */
class PlainTextTest {

    @Test
    void aNumberComesBackAsPlainTextBesideRapaiosHtml() {
        DisplayData rendered = DisplaySystem.inst().render(41 + 1);
        IOPubExecuteResult result = new IOPubExecuteResult(3, rendered);
        assertEquals("42", result.data().get("text/plain"));
        rendered.data().forEach((mime, v) -> assertEquals(v, result.data().get(mime), mime + " kept"));
    }

    @Test
    void everyDisplayMessageOfEveryKindOfValueHasPlainText() {
        for (Object value : List.of(42, "words", List.of(1, 2, 3), Map.of("a", 1), new int[] {1, 2},
                Synth.sine(440, 0.1, 8000, 0.5))) {
            DisplayData rendered = DisplaySystem.inst().render(value);
            assertTrue(new IOPubExecuteResult(1, rendered).data().get("text/plain") instanceof String, value::toString);
            assertTrue(new IOPubDisplayData(rendered).data().containsKey("text/plain"), value::toString);
        }
    }

    @Test
    void aKitValueKeepsItsOwnPlainText() {
        var audio = Synth.sine(440, 0.1, 8000, 0.5);
        assertEquals(audio.toString(), new IOPubDisplayData(DisplaySystem.inst().render(audio)).data().get("text/plain"));
    }

    @Test
    void anUpdateStillNeedsItsDisplayId() {
        DisplayData html = DisplayData.fromHtml("<b>x</b>");
        assertThrows(IllegalArgumentException.class, () -> new IOPubUpdateDisplayData(html));
        html.setDisplayId("d1");
        assertEquals("x", new IOPubUpdateDisplayData(html).data().get("text/plain"));
    }

    @Test
    void htmlBecomesReadableText() {
        assertEquals("a < b\nc\td", PlainText.fromHtml("<p>a &lt; b</p><table><tr><td>c</td><td>d</td></tr></table>"));
        assertEquals("<image/png>", PlainText.derive(Map.of("image/png", "iVBOR")));
        assertEquals("# T", PlainText.derive(Map.of("text/markdown", "# T", "text/html", "<h1>T</h1>")));
    }
}
