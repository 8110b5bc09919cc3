package org.earshot.display;

import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.earshot.audio.Audio;
import org.earshot.audio.Spectrogram;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Turns kit values into {@link MimeBundle}s, and shows them in the current cell.
 *
 * <ul>
 *   <li>{@link Audio}: an HTML5 player with the sound embedded as a base64 WAV, and its waveform (PNG).</li>
 *   <li>{@link Spectrogram}: a PNG with time in seconds, frequency in Hz or mel, a dB colorbar (viridis).</li>
 *   <li>XChart charts: a PNG.</li>
 *   <li>Tablesaw tables: an HTML table, truncated with a row count when long.</li>
 *   <li>Any {@link Displayable}: its own bundle.</li>
 * </ul>
 */
public final class Display {

    /**
     * How one type of value becomes a bundle.
     *
     * @param type   the type (and its subtypes)
     * @param bundle its rendering
     */
    public record Renderer<T>(Class<T> type, java.util.function.Function<T, MimeBundle> bundle) {
        Optional<MimeBundle> render(Object value) {
            return type.isInstance(value) ? Optional.of(bundle.apply(type.cast(value))) : Optional.empty();
        }
    }

    /**
     * The one table of renderings, first match wins. Every kit value a section makes implements
     * {@link Displayable}; the rest are values that cannot: the audio values (their package sits below this one)
     * and other libraries' (XChart, Tablesaw).
     */
    public static final List<Renderer<?>> RENDERERS = List.of(
            new Renderer<>(Displayable.class, Displayable::toMimeBundle),
            new Renderer<>(Audio.class, a -> AudioView.of(a).toMimeBundle()),
            new Renderer<>(Spectrogram.class, s -> SpectrogramPlot.of(s).toMimeBundle()),
            new Renderer<>(Chart.class, c -> ChartView.bundle((Chart<?, ?>) c)),
            new Renderer<>(Table.class, t -> TableView.bundle(t, TableView.DEFAULT_MAX_ROWS)));

    /** The types {@link #bundleOf(Object)} renders (and their subtypes), in {@link #RENDERERS}' order. */
    public static final List<Class<?>> RENDERABLE_TYPES = RENDERERS.stream().<Class<?>>map(Renderer::type).toList();

    private Display() {
    }

    /**
     * @param value any object
     * @return its bundle when it is a kit value of {@link #RENDERABLE_TYPES}, else empty
     */
    public static Optional<MimeBundle> bundleOf(Object value) {
        for (Renderer<?> r : RENDERERS) {
            Optional<MimeBundle> b = r.render(value);
            if (b.isPresent()) {
                return b;
            }
        }
        return Optional.empty();
    }

    /**
     * Shows a value as an output of the current cell and returns nothing, so no display id or other stray
     * result is echoed. Outside a notebook kernel, prints its plain text.
     *
     * @param value what to show
     */
    public static void show(Object value) {
        for (DisplayPublisher publisher : publishers()) {
            if (publisher.isActive()) {
                publisher.publish(value);
                return;
            }
        }
        System.out.println(bundleOf(value).map(MimeBundle::plainText).orElse(String.valueOf(value)));
    }

    private static List<DisplayPublisher> publishers() {
        List<DisplayPublisher> found = new java.util.ArrayList<>();
        var it = ServiceLoader.load(DisplayPublisher.class, Display.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // a publisher whose kernel classes are absent from this JVM: skip it
            }
        }
    }
}
