package com.aifinance.subscription.legacy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.aifinance.subscription.account.Registration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteConfig;

/**
 * Imports the old SQLite databases' {@code subscribers} ({@code email}, {@code subscription_tier},
 * {@code created_at}) into the seed's {@code subscribers} table. Rows are normalised (e-mail trimmed and lower-cased,
 * tier lower-cased, time as a UTC instant); invalid ones are rejected with the reason; an e-mail already in
 * PostgreSQL is skipped, so a re-run changes nothing. The source is opened read-only.
 */
@Component
public class LegacyImport {

    static final Set<String> TIERS = Set.of("basic", "pro", "enterprise");
    private static final DateTimeFormatter SQLITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    LegacyImport(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public ImportReport run(Path database) {
        if (!Files.isReadable(database)) {
            throw new IllegalArgumentException("cannot read " + database);
        }
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        Map<String, Row> valid = new LinkedHashMap<>();
        int read = 0;
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath(),
                config.toProperties());
             Statement statement = sqlite.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select rowid, email, subscription_tier, created_at from subscribers order by rowid")) {
            while (rows.next()) {
                read++;
                long rowId = rows.getLong(1);
                String email = rows.getString(2) == null ? "" : rows.getString(2).strip().toLowerCase(Locale.ROOT);
                String tier = rows.getString(3) == null ? "" : rows.getString(3).strip().toLowerCase(Locale.ROOT);
                Optional<Instant> created = parse(rows.getString(4));
                if (!Registration.validEmail(email)) {
                    rejected.add(new ImportReport.Rejection(rowId, email, "invalid e-mail"));
                } else if (!TIERS.contains(tier)) {
                    rejected.add(new ImportReport.Rejection(rowId, email, "unknown tier '" + rows.getString(3) + "'"));
                } else if (created.isEmpty()) {
                    rejected.add(new ImportReport.Rejection(rowId, email,
                            "unparseable date '" + rows.getString(4) + "'"));
                } else if (valid.containsKey(email)) {
                    rejected.add(new ImportReport.Rejection(rowId, email,
                            "duplicate e-mail (first seen in row " + valid.get(email).row() + ")"));
                } else {
                    valid.put(email, new Row(rowId, email, tier, created.get()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the legacy database " + database + ": " + e.getMessage(), e);
        }
        int[] counts = transactions.execute(status -> {
            int imported = 0;
            int skipped = 0;
            for (Row row : valid.values()) {
                int inserted = jdbc.sql("""
                                insert into subscribers (email, subscription_tier, created_at, updated_at)
                                values (:email, :tier, :created, :created) on conflict (email) do nothing""")
                        .param("email", row.email()).param("tier", row.tier())
                        .param("created", Timestamp.from(row.createdAt())).update();
                if (inserted == 1) {
                    imported++;
                } else {
                    skipped++;
                }
            }
            return new int[] {imported, skipped};
        });
        Map<String, String> target = new TreeMap<>();
        List<String> emails = new ArrayList<>(valid.keySet());
        for (int from = 0; from < emails.size(); from += 1000) {
            jdbc.sql("select email, subscription_tier, created_at from subscribers where email in (:emails)")
                    .param("emails", emails.subList(from, Math.min(emails.size(), from + 1000)))
                    .query((rs, row) -> target.put(rs.getString(1), normalised(rs.getString(1), rs.getString(2),
                            rs.getTimestamp(3).toInstant())))
                    .list();
        }
        Map<String, String> source = new TreeMap<>();
        valid.values().forEach(row -> source.put(row.email(), normalised(row.email(), row.tier(), row.createdAt())));
        return new ImportReport(database.toString(), read, counts[0], counts[1], rejected, source.size(),
                checksum(source), target.size(), checksum(target));
    }

    /** Accepts the formats the old services wrote: ISO-8601 with zone or offset, SQLite's UTC text, a date, epoch seconds. */
    static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            if (text.matches("\\d{9,10}")) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
            }
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (text.contains("T") && (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$"))) {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            }
            if (text.contains("T")) {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            }
            return Optional.of(LocalDateTime.parse(text, SQLITE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String normalised(String email, String tier, Instant created) {
        return email + "|" + tier + "|" + created.truncatedTo(ChronoUnit.MICROS);
    }

    private static String checksum(Map<String, String> rows) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String row : rows.values()) {
                digest.update(row.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Row(long row, String email, String tier, Instant createdAt) {
    }

}
