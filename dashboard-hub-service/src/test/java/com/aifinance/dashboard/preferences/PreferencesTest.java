package com.aifinance.dashboard.preferences;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.dashboard.support.Browser;
import com.aifinance.dashboard.support.FakePlatform;
import com.aifinance.dashboard.support.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@HubTest
class PreferencesTest {

    @LocalServerPort
    int port;

    @BeforeEach
    void reset() {
        FakePlatform.get().reset();
    }

    @Test
    void settingsAreSavedAndAnUnknownTimeZoneIsReportedNextToTheField() {
        Browser browser = new Browser(port).login(Browser.User.subscriber("pro"));

        HttpResponse<String> invalid = browser.submit("/account/settings",
                Map.of("theme", "dark", "landingPage", "signals", "timeZone", "Mars/Olympus"));
        HttpResponse<String> saved = browser.submit("/account/settings",
                Map.of("theme", "dark", "landingPage", "signals", "timeZone", "Asia/Kolkata"));

        assertThat(invalid.body()).contains("must be a time zone such as Europe/London").contains("id=\"timeZone-error\"");
        assertThat(saved.body()).contains("Saved.").contains("data-theme=\"dark\"");
        assertThat(browser.get("/welcome").headers().firstValue("Location")).hasValue("/signals");
    }

    @Test
    void theJsonApiReadsAndWritesTheCallersPreferencesWithABearerToken() throws Exception {
        String token = TestJwts.subscriber("api-user-1", "pro");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/dashboard/preferences")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"theme\":\"light\",\"landingPage\":\"accuracy\",\"timeZone\":\"Europe/London\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/dashboard/preferences")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"theme\":\"neon\",\"landingPage\":\"accuracy\",\"timeZone\":\"Nowhere/City\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(put.body()).contains("\"timeZone\":\"Europe/London\"");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("problems/validation").contains("\"field\":\"theme\"")
                    .contains("\"field\":\"timeZone\"");
        }
    }
}
