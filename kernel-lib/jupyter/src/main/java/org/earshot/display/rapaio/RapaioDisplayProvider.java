package org.earshot.display.rapaio;

import java.util.List;

import org.earshot.display.Display;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/**
 * Plugs the kit's display layer into rapaio-jupyter-kernel's display SPI (registered in
 * {@code META-INF/services}), so a kit value as the last expression of a cell, or passed to rapaio's
 * {@code display(x)}, renders as its {@link org.earshot.display.MimeBundle}.
 */
public final class RapaioDisplayProvider implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return Display.RENDERABLE_TYPES.stream().<DisplayRenderer>map(KitDisplayRenderer::new).toList();
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }
}
