package com.aifinance.local;

import com.aifinance.common.embedded.PortProbe;
import com.aifinance.common.embedded.RedisProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RedisPingTest {

    @Test
    void runningRedisAnswers(@TempDir Path directory) {
        try (RedisProcess redis = RedisProcess.start(directory, PortProbe.freePort(), false)) {
            assertThat(RedisPing.check(redis.url())).isNull();
        }
    }

    @Test
    void unreachableRedisIsExplained() {
        int closed = PortProbe.freePort();

        assertThat(RedisPing.check("redis://127.0.0.1:" + closed)).startsWith("cannot reach Redis at 127.0.0.1:" + closed);
    }

    @Test
    void urlOfAnotherSchemeIsRefused() {
        assertThat(RedisPing.check("http://cache:6379")).contains("redis://[:password@]host:6379");
    }
}
