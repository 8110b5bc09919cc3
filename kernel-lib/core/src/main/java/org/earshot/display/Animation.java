package org.earshot.display;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.madgag.gif.fmsware.AnimatedGifEncoder;

/**
 * A looping animation, shown as an animated GIF: a sequence of pictures of the same size, each held for
 * {@code frameMillis}. In a notebook it appears as an {@code <img>} (so HTML exports keep it) and as
 * {@code image/gif}.
 */
public final class Animation implements Displayable {

    private final List<BufferedImage> frames;
    private final int frameMillis;
    private final String title;

    private Animation(List<BufferedImage> frames, int frameMillis, String title) {
        this.frames = frames;
        this.frameMillis = frameMillis;
        this.title = title;
    }

    /**
     * @param frames      the pictures, at least one, all of the first one's size
     * @param frameMillis how long each is shown, in milliseconds (≥ 20)
     * @param title       what it shows (the plain-text fallback and the image's alt text)
     * @return the animation
     */
    public static Animation of(List<BufferedImage> frames, int frameMillis, String title) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animation needs at least one frame");
        }
        if (frameMillis < 20) {
            throw new IllegalArgumentException("frames must last ≥ 20 ms, got " + frameMillis);
        }
        BufferedImage first = frames.get(0);
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).getWidth() != first.getWidth() || frames.get(i).getHeight() != first.getHeight()) {
                throw new IllegalArgumentException("frame " + i + " is " + frames.get(i).getWidth() + "×"
                        + frames.get(i).getHeight() + ", frame 0 is " + first.getWidth() + "×" + first.getHeight());
            }
        }
        return new Animation(List.copyOf(frames), frameMillis, title);
    }

    public int frameCount() {
        return frames.size();
    }

    /** @return the animated GIF's bytes (loops forever) */
    public byte[] toGif() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AnimatedGifEncoder encoder = new AnimatedGifEncoder();
        encoder.start(out);
        encoder.setRepeat(0);
        encoder.setDelay(frameMillis);
        encoder.setQuality(10);
        for (BufferedImage frame : frames) {
            encoder.addFrame(frame);
        }
        encoder.finish();
        return out.toByteArray();
    }

    @Override
    public MimeBundle toMimeBundle() {
        byte[] gif = toGif();
        String text = String.format(Locale.ROOT, "Animation[%s, %d frames × %d ms]", title, frames.size(), frameMillis);
        String html = "<img alt=\"" + Html.escape(title) + "\" src=\"data:image/gif;base64,"
                + Base64.getEncoder().encodeToString(gif) + "\"/>";
        return MimeBundle.text(text).html(html).gif(gif).build();
    }
}
