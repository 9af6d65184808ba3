package com.aifinance.analytics.reporting;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A CSV export (RFC 4180): a header and rows, fields quoted where needed. Text that a spreadsheet would run as a
 * formula is defused with a leading quote; numbers are written as they are.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";

    private final StringBuilder text = new StringBuilder();

    public Csv(String... header) {
        row((Object[]) header);
    }

    public Csv row(Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(cell(cells[i]));
        }
        text.append("\r\n");
        return this;
    }

    public Csv rows(List<Object[]> rows) {
        rows.forEach(this::row);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** The export as a download named {@code fileName}. */
    public ResponseEntity<String> download(String fileName) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(text.toString());
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : value.toString();
        }
        String plain = value.toString();
        if (!plain.isEmpty() && "=+-@\t\r".indexOf(plain.charAt(0)) >= 0) {
            plain = "'" + plain;
        }
        if (plain.indexOf(',') >= 0 || plain.indexOf('"') >= 0 || plain.indexOf('\n') >= 0 || plain.indexOf('\r') >= 0) {
            return '"' + plain.replace("\"", "\"\"") + '"';
        }
        return plain;
    }
}
