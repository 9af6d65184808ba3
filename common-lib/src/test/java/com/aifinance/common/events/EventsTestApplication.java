package com.aifinance.common.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootApplication
class EventsTestApplication {

    static final String STREAM = "test.accounts";

    @Bean
    RecordingHandler recordingHandler(JdbcClient jdbc) {
        return new RecordingHandler(jdbc);
    }

    @Bean
    EventSubscription accountEvents(RecordingHandler handler) {
        return EventSubscription.to(STREAM, handler);
    }

    /** Applies an event by writing a row; events of type {@code poison} always fail. */
    static final class RecordingHandler implements EventHandler {

        private final JdbcClient jdbc;
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        RecordingHandler(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void handle(EventEnvelope event) {
            attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            if (event.type().equals("poison")) {
                throw new IllegalArgumentException("this event can never be applied");
            }
            jdbc.sql("insert into applied_effects (event_id, type) values (?, ?)").params(event.id(), event.type()).update();
        }
    }
}
