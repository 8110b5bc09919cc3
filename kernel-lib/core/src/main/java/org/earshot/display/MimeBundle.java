package org.earshot.display;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a notebook front end is given to show a value: one representation per MIME type, as in Jupyter's
 * {@code display_data} message. Binary types ({@code image/png}) are held base64-encoded, as Jupyter sends them.
 *
 * <p>Kernel-neutral: any Java kernel can publish a bundle; the rapaio adapter is one such bridge.
 *
 * @param data MIME type → content, in the order the types were added
 */
public record MimeBundle(Map<String, String> data) {

    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String PNG = "image/png";
    public static final String GIF = "image/gif";

    public MimeBundle {
        if (!data.containsKey(TEXT)) {
            throw new IllegalArgumentException("a MIME bundle needs a text/plain fallback");
        }
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** @return a builder starting from the mandatory plain-text fallback */
    public static Builder text(String plainText) {
        return new Builder(plainText);
    }

    /** @return the content for one MIME type, if present */
    public Optional<String> get(String mimeType) {
        return Optional.ofNullable(data.get(mimeType));
    }

    /** @return the plain-text fallback */
    public String plainText() {
        return data.get(TEXT);
    }

    /** Builds a {@link MimeBundle}. */
    public static final class Builder {
        private final Map<String, String> data = new LinkedHashMap<>();

        private Builder(String plainText) {
            data.put(TEXT, plainText);
        }

        /** Adds an HTML fragment (no {@code <html>} or {@code <body>}). */
        public Builder html(String html) {
            data.put(HTML, html);
            return this;
        }

        /** Adds a PNG image from its bytes. */
        public Builder png(byte[] png) {
            data.put(PNG, Base64.getEncoder().encodeToString(png));
            return this;
        }

        /** Adds a GIF image (e.g. an animation) from its bytes. */
        public Builder gif(byte[] gif) {
            data.put(GIF, Base64.getEncoder().encodeToString(gif));
            return this;
        }

        public MimeBundle build() {
            return new MimeBundle(data);
        }
    }
}
