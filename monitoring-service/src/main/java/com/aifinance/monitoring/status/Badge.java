package com.aifinance.monitoring.status;

/**
 * A flat two-part SVG badge ("label | message"), the shields.io look. Widths come from an approximate per-character
 * width of Verdana 11 px; text is XML-escaped.
 */
record Badge(String label, String message, String colour) {

    static final String GREEN = "#4c1";
    static final String YELLOW = "#dfb317";
    static final String ORANGE = "#fe7d37";
    static final String RED = "#e05d44";
    static final String GREY = "#9f9f9f";

    String svg() {
        int left = width(label);
        int right = width(message);
        int total = left + right;
        String text = escape(label) + ": " + escape(message);
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="%s">\
                <title>%s</title>\
                <linearGradient id="s" x2="0" y2="100%%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>\
                <stop offset="1" stop-opacity=".1"/></linearGradient>\
                <clipPath id="r"><rect width="%d" height="20" rx="3" fill="#fff"/></clipPath>\
                <g clip-path="url(#r)"><rect width="%d" height="20" fill="#555"/>\
                <rect x="%d" width="%d" height="20" fill="%s"/><rect width="%d" height="20" fill="url(#s)"/></g>\
                <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">\
                <text x="%d" y="14">%s</text><text x="%d" y="14">%s</text></g></svg>"""
                .formatted(total, text, text, total, left, left, right, colour, total, left / 2, escape(label),
                        left + right / 2, escape(message));
    }

    private static int width(String text) {
        int width = 10;
        for (char c : text.toCharArray()) {
            width += Character.isUpperCase(c) || c == 'm' || c == 'w' ? 9 : c == ' ' || c == '.' || c == 'i' ? 4 : 7;
        }
        return width;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
