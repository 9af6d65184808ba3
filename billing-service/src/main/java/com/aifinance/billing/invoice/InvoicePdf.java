package com.aifinance.billing.invoice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.stereotype.Component;

/** Invoices and credit notes as A4 PDFs (PDFBox, standard fonts: nothing to install). */
@Component
class InvoicePdf {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);
    private static final String SELLER = "AI Finance Agency";

    byte[] invoice(Invoice invoice) {
        List<String[]> rows = new ArrayList<>();
        for (Invoice.Line line : invoice.lines()) {
            rows.add(new String[]{line.description(), String.valueOf(line.quantity()),
                    money(line.unitAmountMinor(), invoice.currency()), money(line.amountMinor(), invoice.currency())});
        }
        List<String> header = new ArrayList<>();
        header.add("Invoice " + invoice.number());
        header.add("Issued " + date(invoice.issuedAt()) + (invoice.dueAt() != null ? "   Due " + date(invoice.dueAt()) : ""));
        header.add("Status: " + invoice.status() + (invoice.paidAt() != null ? " on " + date(invoice.paidAt()) : ""));
        header.addAll(billTo(invoice));
        if (invoice.billingEmail() != null) {
            header.add("Sent to: " + invoice.billingEmail());
        }
        if (invoice.customerTaxId() != null) {
            header.add("Customer tax id: " + invoice.customerTaxId());
        }
        if (invoice.contractId() != null) {
            header.add("Contract: " + invoice.contractId());
        }
        List<String> totals = List.of(
                "Subtotal: " + money(invoice.subtotalMinor(), invoice.currency()),
                (invoice.taxLabel() != null ? invoice.taxLabel() : "Tax") + " ("
                        + BigDecimal.valueOf(invoice.taxRateBasisPoints(), 2).stripTrailingZeros().toPlainString() + " %): "
                        + money(invoice.taxMinor(), invoice.currency()),
                "Total: " + money(invoice.totalMinor(), invoice.currency()));
        List<String> footer = new ArrayList<>();
        if (invoice.paymentInstructions() != null) {
            footer.add("Payment instructions:");
            footer.addAll(invoice.paymentInstructions().lines().toList());
        }
        if (invoice.bankReference() != null) {
            footer.add("Paid by bank transfer, reference " + invoice.bankReference());
        }
        return render("Invoice " + invoice.number(), header, rows, totals, footer);
    }

    byte[] creditNote(CreditNote note, Invoice invoice) {
        List<String> header = new ArrayList<>();
        header.add("Credit note " + note.number());
        header.add("Issued " + date(note.issuedAt()));
        if (invoice != null) {
            header.add("Against invoice " + invoice.number() + " of " + date(invoice.issuedAt()));
            header.addAll(billTo(invoice));
        }
        List<String[]> rows = List.<String[]>of(new String[]{"Refund: " + note.reason(), "1",
                money(note.amountMinor(), note.currency()), money(note.amountMinor(), note.currency())});
        return render("Credit note " + note.number(), header, rows,
                List.of("Total credited: " + money(note.amountMinor(), note.currency())), List.of());
    }

    /** The address block, one printed line per line of the address (the standard fonts cannot break lines). */
    private static List<String> billTo(Invoice invoice) {
        String address = invoice.billTo() != null && !invoice.billTo().isBlank() ? invoice.billTo()
                : invoice.userId() != null ? "customer " + invoice.userId() : "organisation " + invoice.organisationId();
        List<String> lines = new ArrayList<>();
        for (String line : address.strip().split("\\R")) {
            if (!line.isBlank()) {
                lines.add((lines.isEmpty() ? "Bill to: " : "             ") + line.strip());
            }
        }
        return lines;
    }

    /** {@code 1234567, INR} → {@code INR 12,345.67}. */
    static String money(long minor, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return currency + " " + String.format("%,." + digits + "f", BigDecimal.valueOf(minor, digits));
    }

    private static String date(Instant instant) {
        return DATE.format(instant);
    }

    private static byte[] render(String title, List<String> header, List<String[]> rows, List<String> totals,
                                 List<String> footer) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setAuthor(SELLER);
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                float y = 790;
                y = write(text, bold, 18, 50, y, SELLER) - 8;
                for (String line : header) {
                    y = write(text, line == header.getFirst() ? bold : regular, 11, 50, y, line);
                }
                y -= 14;
                float[] columns = {50, 330, 380, 470};
                String[] titles = {"Description", "Qty", "Unit price", "Amount"};
                for (int i = 0; i < titles.length; i++) {
                    write(text, bold, 10, columns[i], y, titles[i]);
                }
                y -= 16;
                for (String[] row : rows) {
                    for (int i = 1; i < row.length; i++) {
                        write(text, regular, 10, columns[i], y, row[i]);
                    }
                    // a contract line names its period and instalment: wrapped rather than cut off
                    for (String part : wrap(row[0], 50, 4)) {
                        write(text, regular, 10, columns[0], y, part);
                        y -= 13;
                    }
                    y -= 2;
                }
                y -= 10;
                for (String line : totals) {
                    y = write(text, line.startsWith("Total") ? bold : regular, 11, 330, y, line);
                }
                y -= 14;
                for (String line : footer) {
                    y = write(text, regular, 10, 50, y, line);
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float write(PDPageContentStream text, PDType1Font font, float size, float x, float y, String value)
            throws IOException {
        text.beginText();
        text.setFont(font, size);
        text.newLineAtOffset(x, y);
        text.showText(printable(value));
        text.endText();
        return y - size - 5;
    }

    /** The standard fonts speak WinAnsi only; anything else is shown as '?' rather than failing the document. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.append(c >= 0x20 && c <= 0xFF ? (char) c : '?'));
        return out.toString();
    }

    /** Splits {@code value} at spaces into at most {@code maxLines} lines of {@code width}; the rest is cut with "...". */
    static List<String> wrap(String value, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : value.strip().split("\\s+")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word.length() > width ? word.substring(0, width - 3) + "..." : word);
        }
        lines.add(line.toString());
        if (lines.size() > maxLines) {
            List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
            String last = kept.getLast();
            kept.set(maxLines - 1, (last.length() > width - 3 ? last.substring(0, width - 3) : last) + "...");
            return kept;
        }
        return lines;
    }
}
