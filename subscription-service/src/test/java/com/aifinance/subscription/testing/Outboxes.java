package com.aifinance.subscription.testing;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what the service recorded in its outbox, as the other services will receive it. */
public final class Outboxes {

    private static final JsonMapper JSON = new JsonMapper();

    private Outboxes() {
    }

    /** The data of the newest notification for {@code email} with {@code template}. */
    public static JsonNode lastNotification(JdbcClient jdbc, String email, String template) {
        String envelope = jdbc.sql("""
                        select envelope::text from event_outbox where type = 'notification.requested'
                          and envelope -> 'data' -> 'recipient' ->> 'email' = ? and envelope -> 'data' ->> 'template' = ?
                        order by id desc limit 1""")
                .params(email, template).query(String.class).optional()
                .orElseThrow(() -> new AssertionError("no " + template + " notification for " + email));
        return JSON.readTree(envelope).path("data");
    }

    /** The data of every event of {@code type} about {@code subject}, oldest first. */
    public static List<JsonNode> events(JdbcClient jdbc, String type, String subject) {
        return jdbc.sql("select envelope::text from event_outbox where type = ? and subject = ? order by id")
                .params(type, subject).query(String.class).list().stream()
                .map(envelope -> JSON.readTree(envelope).path("data")).toList();
    }
}
