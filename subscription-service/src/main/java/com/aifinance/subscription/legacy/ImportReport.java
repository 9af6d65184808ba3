package com.aifinance.subscription.legacy;

import java.util.List;

/**
 * The outcome of importing one legacy SQLite database, with the proof: checksums over the normalised valid rows as
 * the source has them and as PostgreSQL has them afterwards.
 *
 * @param skipped           valid rows whose e-mail was already in PostgreSQL (a re-run, or a user who signed up)
 * @param sourceChecksum    SHA-256 of the sorted normalised valid source rows ({@code email|tier|created_at})
 * @param targetChecksum    SHA-256 of the same e-mails' rows read back from PostgreSQL
 */
public record ImportReport(String source, int read, int imported, int skipped, List<Rejection> rejected,
                           int validRows, String sourceChecksum, int targetRows, String targetChecksum) {

    public boolean consistent() {
        return validRows == targetRows && sourceChecksum.equals(targetChecksum);
    }

    /** The report as the command prints it. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Legacy import of ").append(source).append('\n');
        out.append(String.format("  rows read:                  %d%n", read));
        out.append(String.format("  imported:                   %d%n", imported));
        out.append(String.format("  skipped (already present):  %d%n", skipped));
        out.append(String.format("  rejected:                   %d%n", rejected.size()));
        for (Rejection rejection : rejected) {
            out.append(String.format("    row %d (%s): %s%n", rejection.row(), rejection.email(), rejection.reason()));
        }
        out.append(String.format("  checksum of source (%d valid rows):  sha256:%s%n", validRows, sourceChecksum));
        out.append(String.format("  checksum of target (%d rows):        sha256:%s%n", targetRows, targetChecksum));
        out.append("  result: ").append(consistent() ? "OK, PostgreSQL holds every valid row as the source has it"
                : "MISMATCH: PostgreSQL differs from the source for some valid rows (see docs/identity.md)").append('\n');
        return out.toString();
    }

    /** A source row that was not imported, and why. */
    public record Rejection(long row, String email, String reason) {
    }
}
