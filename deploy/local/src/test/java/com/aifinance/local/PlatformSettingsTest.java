package com.aifinance.local;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformSettingsTest {

    @Test
    void withNothingSetItRunsEmbeddedServersUnderTheCheckout() {
        PlatformSettings settings = PlatformSettings.from(Path.of("/srv/aifa"), Map.of());

        assertThat(settings.databaseUrl()).isNull();
        assertThat(settings.redisUrl()).isNull();
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/srv/aifa/.local/data"));
        assertThat(settings.logDirectory()).isEqualTo(Path.of("/srv/aifa/.local/logs"));
        assertThat(settings.postgresPort()).isEqualTo(15432);
        assertThat(settings.redisPort()).isEqualTo(16379);
        assertThat(settings.jvmOptions()).isEqualTo(PlatformSettings.DEFAULT_JVM_OPTIONS);
        assertThat(settings.aotCache()).isTrue();
    }

    @Test
    void existingServersAndOptionsComeFromTheEnvironment() {
        PlatformSettings settings = PlatformSettings.from(Path.of("/srv/aifa"), Map.of(
                "DATABASE_URL", "postgres://u:p@db:5432/aifa", "REDIS_URL", "redis://cache:6379",
                "AIFA_JAVA_OPTS", "-Xmx512m  -XX:+UseZGC", "AIFA_LOCAL_DIR", "/tmp/aifa-local",
                "AIFA_AOT_CACHE", "off"));

        assertThat(settings.databaseUrl().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/aifa");
        assertThat(settings.redisUrl()).isEqualTo("redis://cache:6379");
        assertThat(settings.jvmOptions()).containsExactly("-Xmx512m", "-XX:+UseZGC");
        assertThat(settings.logDirectory()).isEqualTo(Path.of("/tmp/aifa-local/logs"));
        assertThat(settings.aotCache()).isFalse();
    }

    @Test
    void nonNumericPortIsExplained() {
        assertThatThrownBy(() -> PlatformSettings.from(Path.of("/srv"), Map.of("AIFA_POSTGRES_PORT", "fifteen")))
                .hasMessage("AIFA_POSTGRES_PORT must be a number, not 'fifteen'");
    }
}
