package org.earshot.display;

/** HTML helpers shared by the kit's views. */
public final class Html {

    private Html() {
    }

    /**
     * @param text any text
     * @return it with {@code & < > " '} escaped, safe inside elements and quoted attributes
     */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
