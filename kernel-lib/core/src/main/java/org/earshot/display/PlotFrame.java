package org.earshot.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * A white image with a plot area, a title and labelled x and y axes. The views draw their data into
 * {@link #plotX()}…{@link #plotY()} with {@link #px(double)} and {@link #py(double)}.
 */
final class PlotFrame {

    static final int LEFT = 72;
    static final int TOP = 32;
    static final int BOTTOM = 46;

    private final BufferedImage image;
    private final Graphics2D g;
    private final int plotX;
    private final int plotY;
    private final int plotWidth;
    private final int plotHeight;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;

    /**
     * @param width       image width, in pixels
     * @param height      image height, in pixels
     * @param rightMargin space right of the plot area (room for a colorbar), in pixels
     * @param x0          data value at the left edge
     * @param x1          data value at the right edge
     * @param y0          data value at the bottom edge
     * @param y1          data value at the top edge
     */
    PlotFrame(int width, int height, int rightMargin, double x0, double x1, double y0, double y1) {
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(KitStyle.font(Font.PLAIN, KitStyle.TICK_PT));
        this.plotX = LEFT;
        this.plotY = TOP;
        this.plotWidth = width - LEFT - rightMargin;
        this.plotHeight = height - TOP - BOTTOM;
        this.x0 = x0;
        this.x1 = x1 > x0 ? x1 : x0 + 1;
        this.y0 = y0;
        this.y1 = y1 > y0 ? y1 : y0 + 1;
    }

    /** @return about how many x ticks fit an image of this width with this right margin */
    static int xTickTarget(int width, int rightMargin) {
        return Math.max(2, (width - LEFT - rightMargin) / KitStyle.TICK_SPACING_PX);
    }

    /** @return about how many y ticks fit an image of this height */
    static int yTickTarget(int height) {
        return Math.max(2, (height - TOP - BOTTOM) / 40);
    }

    BufferedImage image() {
        return image;
    }

    Graphics2D graphics() {
        return g;
    }

    int plotX() {
        return plotX;
    }

    int plotY() {
        return plotY;
    }

    int plotWidth() {
        return plotWidth;
    }

    int plotHeight() {
        return plotHeight;
    }

    /** @return the pixel column of data value {@code x} */
    double px(double x) {
        return plotX + (x - x0) / (x1 - x0) * plotWidth;
    }

    /** @return the pixel row of data value {@code y} */
    double py(double y) {
        return plotY + plotHeight - (y - y0) / (y1 - y0) * plotHeight;
    }

    /** Draws the box, ticks, tick labels, axis labels and title; call after the data. */
    void decorate(String title, String xLabel, String yLabel) {
        decorate(title, xLabel, yLabel, true);
    }

    /** As {@link #decorate(String, String, String)}; {@code yTicks} false leaves the y axis unnumbered. */
    void decorate(String title, String xLabel, String yLabel, boolean yTicks) {
        decorate(title, xLabel, yLabel, AxisTicks.nice(x0, x1, xTickTarget(image.getWidth(), rightMargin())),
                yTicks ? AxisTicks.nice(y0, y1, yTickTarget(image.getHeight())) : AxisTicks.NONE);
    }

    /** As {@link #decorate(String, String, String)}, with the given ticks (e.g. category names) on each axis. */
    void decorate(String title, String xLabel, String yLabel, AxisTicks xTicks, AxisTicks yTicks) {
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(plotX, plotY, plotWidth, plotHeight);
        FontMetrics fm = g.getFontMetrics();
        double[] xv = xTicks.values();
        String[] xl = xTicks.labels();
        for (int i = 0; i < xv.length; i++) {
            int x = (int) Math.round(px(xv[i]));
            g.drawLine(x, plotY + plotHeight, x, plotY + plotHeight + 4);
            String s = xl[i];
            g.drawString(s, x - fm.stringWidth(s) / 2, plotY + plotHeight + 6 + fm.getAscent());
        }
        double[] yv = yTicks.values();
        String[] yl = yTicks.labels();
        for (int i = 0; i < yv.length; i++) {
            int y = (int) Math.round(py(yv[i]));
            g.drawLine(plotX - 4, y, plotX, y);
            String s = fit(yl[i], fm, MAX_Y_TICK_LABEL_PX);
            g.drawString(s, plotX - 7 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        Font plain = g.getFont();
        g.setFont(KitStyle.font(Font.PLAIN, KitStyle.AXIS_TITLE_PT));
        FontMetrics am = g.getFontMetrics();
        g.drawString(xLabel, plotX + (plotWidth - am.stringWidth(xLabel)) / 2, image.getHeight() - 8);
        drawVertical(yLabel, 14, plotY + plotHeight / 2);
        g.setFont(KitStyle.font(Font.BOLD, KitStyle.TITLE_PT));
        FontMetrics tm = g.getFontMetrics();
        g.drawString(title, plotX + (plotWidth - tm.stringWidth(title)) / 2, TOP - 10);
        g.setFont(plain);
    }

    /** Widest y tick label, in pixels: wider ones would run into the y-axis title and are cut with "…". */
    static final int MAX_Y_TICK_LABEL_PX = LEFT - 30;

    /** @return {@code text}, cut and ended with "…" where it is wider than {@code maxPx} */
    static String fit(String text, FontMetrics fm, int maxPx) {
        if (fm.stringWidth(text) <= maxPx) {
            return text;
        }
        String s = text;
        while (!s.isEmpty() && fm.stringWidth(s + "…") > maxPx) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }

    /** @return the space right of the plot area, in pixels */
    int rightMargin() {
        return image.getWidth() - LEFT - plotWidth;
    }

    /** Draws text rotated 90° counter-clockwise, centred vertically on {@code centreY}. */
    void drawVertical(String text, int x, int centreY) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, -centreY - w / 2, x);
        g.setTransform(saved);
    }

    /** @return the finished image as PNG bytes */
    byte[] png() {
        g.dispose();
        return Png.bytes(image);
    }
}
