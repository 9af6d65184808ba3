package com.aifinance.dashboard.browser;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An ops user finds a dead-lettered message on the queues page and retries it with a reason. */
class OpsJourneyBrowserTest {

    @Test
    void anOpsUserRetriesADeadLetteredMessage() throws Exception {
        String marker = UUID.randomUUID().toString();
        String deadLetter = Platform.deadLetter("aifa.notify", marker, Duration.ofSeconds(60));
        Platform.DemoUser ops = Platform.demo("ops");
        try (Journey journey = new Journey("ops-dead-letter")) {
            journey.open("/ops");
            journey.logIn(ops);
            journey.page.waitForURL("**/ops**");
            journey.panelsLoaded();
            journey.visited("ops-hub");

            journey.open("/ops/queues?stream=aifa.notify");
            journey.panelsLoaded();
            journey.visited("queues");
            String row = "#dead-letters-table tr[data-id='" + deadLetter + "']";
            journey.page.waitForSelector(row);
            journey.page.fill(row + " input[id^='retry-reason-']", "browser test " + marker + ": consumer fixed");
            journey.page.click(row + " button:has-text('Retry')");
            journey.page.waitForSelector("#dead-letters .notice");
            journey.visited("retried");
            assertThat(journey.page.textContent("#dead-letters .notice"))
                    .contains("Dead letter " + deadLetter + " is back on aifa.notify");

            journey.open("/analytics");
            journey.panelsLoaded();
            journey.visited("analytics");
        }
    }
}
