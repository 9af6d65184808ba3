package com.aifinance.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void herokuStyleUrlBecomesJdbcWithItsCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://aifa:s%40cret@db.internal:6543/platform?sslmode=require", null, null);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/platform?sslmode=require");
        assertThat(url.username()).isEqualTo("aifa");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.display()).doesNotContain("s@cret");
    }

    @Test
    void jdbcUrlTakesCredentialsFromTheEnvironmentAndDefaultsThePort() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost/aifa", "svc", "pw");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/aifa");
        assertThat(url.username()).isEqualTo("svc");
        assertThat(url.password()).isEqualTo("pw");
    }

    @Test
    void urlOfAnotherDatabaseKindIsRefusedWithTheExpectedShape() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://localhost/aifa", null, null))
                .hasMessageContaining("postgres://user:password@host:5432/database");
    }

    @Test
    void urlWithoutADatabaseIsRefused() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://localhost:5432", null, null))
                .hasMessageContaining("names no database");
    }
}
