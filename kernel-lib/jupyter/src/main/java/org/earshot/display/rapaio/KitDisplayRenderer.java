package org.earshot.display.rapaio;

import java.util.Map;

import org.earshot.display.Display;
import org.earshot.display.MimeBundle;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.MimeType;

/**
 * Renders one kit type for rapaio-jupyter-kernel: the whole {@link MimeBundle} from {@link Display#bundleOf(Object)}
 * (the front end picks the richest type), or only the type asked for, e.g. {@code display("text/plain", x)}.
 */
final class KitDisplayRenderer implements DisplayRenderer {

    private final Class<?> type;

    KitDisplayRenderer(Class<?> type) {
        this.type = type;
    }

    @Override
    public Class<?> rendererClass() {
        return type;
    }

    @Override
    public boolean canRender(String mime) {
        return mime == null || mime.isBlank() || requested(mime) != null;
    }

    @Override
    public DisplayData render(String mime, Object o) {
        MimeBundle bundle = Display.bundleOf(o)
                .orElseThrow(() -> new IllegalArgumentException("not a kit value: " + o.getClass().getName()));
        DisplayData dd = DisplayData.fromText(bundle.plainText());
        String wanted = mime == null || mime.isBlank() ? null : requested(mime);
        for (Map.Entry<String, String> e : bundle.data().entrySet()) {
            if (wanted == null || wanted.equals(e.getKey())) {
                dd.putData(e.getKey(), e.getValue());
            }
        }
        return dd;
    }

    private static String requested(String mime) {
        for (MimeType t : MimeType.values()) {
            if (t.longType().equals(mime) || t.shortTypes().contains(mime)) {
                return t.longType();
            }
        }
        return null;
    }
}
