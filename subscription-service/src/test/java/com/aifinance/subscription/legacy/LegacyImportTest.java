package com.aifinance.subscription.legacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import com.aifinance.subscription.testing.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class LegacyImportTest {

    @Autowired
    LegacyImport importer;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path folder;

    @Test
    void importsValidRowsRejectsTheRestWithReasonsAndProvesItWithMatchingChecksums() throws Exception {
        String domain = "@" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        jdbc.sql("insert into subscribers (email, subscription_tier, created_at) values (?, 'basic', ?)")
                .params("frank" + domain, Timestamp.from(Instant.parse("2020-05-05T00:00:00Z"))).update();
        Path database = legacyDatabase(new String[][] {
                {"alice" + domain, "pro", "2021-03-04 05:06:07"},
                {"  Bob" + domain.toUpperCase() + " ", "Basic", "2022-01-01T10:00:00Z"},
                {"not-an-email", "pro", "2022-01-01 00:00:00"},
                {"carol" + domain, "gold", "2022-01-01 00:00:00"},
                {"dave" + domain, "pro", "yesterday"},
                {"ALICE" + domain, "basic", "2023-01-01 00:00:00"},
                {"erin" + domain, "enterprise", "1609459200"},
                {"frank" + domain, "basic", "2020-05-05"}});

        ImportReport first = importer.run(database);
        assertThat(first.read()).isEqualTo(8);
        assertThat(first.imported()).isEqualTo(3);
        assertThat(first.skipped()).isEqualTo(1);
        assertThat(first.rejected()).extracting(ImportReport.Rejection::row, ImportReport.Rejection::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "invalid e-mail"),
                        org.assertj.core.groups.Tuple.tuple(4L, "unknown tier 'gold'"),
                        org.assertj.core.groups.Tuple.tuple(5L, "unparseable date 'yesterday'"),
                        org.assertj.core.groups.Tuple.tuple(6L, "duplicate e-mail (first seen in row 1)"));
        assertThat(first.validRows()).isEqualTo(4);
        assertThat(first.consistent()).as(first.render()).isTrue();
        assertThat(first.render()).contains("rows read:                  8").contains("result: OK");

        assertThat(jdbc.sql("select subscription_tier from subscribers where email = ?").param("bob" + domain)
                .query(String.class).single()).isEqualTo("basic");
        assertThat(jdbc.sql("select created_at from subscribers where email = ?").param("erin" + domain)
                .query(Timestamp.class).single().toInstant()).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));

        ImportReport again = importer.run(database);
        assertThat(again.imported()).isZero();
        assertThat(again.skipped()).isEqualTo(4);
        assertThat(again.sourceChecksum()).isEqualTo(first.sourceChecksum());
        assertThat(again.consistent()).isTrue();
    }

    @Test
    void aRowThatDiffersInPostgresqlIsReportedAsAMismatch() throws Exception {
        String email = "grace-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        jdbc.sql("insert into subscribers (email, subscription_tier, created_at) values (?, 'enterprise', now())")
                .param(email).update();
        ImportReport report = importer.run(legacyDatabase(new String[][] {{email, "basic", "2021-01-01 00:00:00"}}));
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.consistent()).isFalse();
        assertThat(report.render()).contains("MISMATCH");
    }

    private Path legacyDatabase(String[][] rows) throws Exception {
        Path file = Files.createTempFile(folder, "legacy-", ".db");
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            sqlite.createStatement().execute("""
                    create table subscribers (id integer primary key autoincrement, email text,
                        subscription_tier text, created_at text)""");
            try (PreparedStatement insert = sqlite.prepareStatement(
                    "insert into subscribers (email, subscription_tier, created_at) values (?, ?, ?)")) {
                for (String[] row : rows) {
                    insert.setString(1, row[0]);
                    insert.setString(2, row[1]);
                    insert.setString(3, row[2]);
                    insert.executeUpdate();
                }
            }
        }
        return file;
    }
}
