package org.earshot.display;

/**
 * A kit value that knows how to show itself in a notebook. Sections make their own values (an alignment, a
 * trellis, a catalog) displayable by implementing this; the kernel adapter then renders them as the last
 * expression of a cell and through {@link Display#show(Object)}.
 */
public interface Displayable {

    /** @return the value's representations; must include {@code text/plain} */
    MimeBundle toMimeBundle();
}
