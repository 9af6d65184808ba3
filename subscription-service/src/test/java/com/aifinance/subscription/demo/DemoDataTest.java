package com.aifinance.subscription.demo;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.aifinance.subscription.secrets.LocalData;
import com.aifinance.subscription.testing.Authenticator;
import com.aifinance.subscription.testing.Browser;
import com.aifinance.subscription.testing.OAuthClient;
import com.aifinance.subscription.testing.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The test context runs with {@code aifa.demo.enabled=true} (src/test/resources), as the local platform does. */
@ServiceTest
class DemoDataTest {

    @LocalServerPort
    int port;

    @Autowired
    DemoData demoData;

    @Autowired
    LocalData local;

    @Autowired
    JdbcClient jdbc;

    @Test
    void credentialsFileLetsEveryDemoIdentityLogInAndARerunKeepsThem() throws Exception {
        Path file = local.directory().resolve(DemoData.FILE);
        JsonNode credentials = OAuthClient.json(Files.readString(file));
        assertThat(credentials.path("users")).extracting(user -> user.path("role").asString())
                .containsExactly("basic", "pro", "enterprise", "enterprise_admin", "ops");

        JsonNode basic = credentials.path("users").get(0);
        Browser browser = new Browser(port);
        browser.get("/login");
        assertThat(Browser.location(browser.post("/login", Map.of("username", basic.path("email").asString(),
                "password", basic.path("password").asString())))).endsWith("/login/account");

        JsonNode admin = credentials.path("users").get(3);
        assertThat(admin.path("organisationId").asString()).isEqualTo(DemoData.ORGANISATION.toString());
        Browser adminBrowser = new Browser(port);
        adminBrowser.get("/login");
        assertThat(Browser.location(adminBrowser.post("/login", Map.of("username", admin.path("email").asString(),
                "password", admin.path("password").asString())))).endsWith("/login/mfa");
        adminBrowser.get("/login/mfa");
        assertThat(Browser.location(adminBrowser.post("/login/mfa",
                Map.of("code", Authenticator.code(admin.path("totpSecret").asString(), Instant.now())))))
                .endsWith("/login/account");

        JsonNode client = credentials.path("institutionalClient");
        HttpResponse<String> token = new OAuthClient(port, client.path("clientId").asString(),
                client.path("clientSecret").asString()).token(Map.of("grant_type", "client_credentials"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);

        long users = jdbc.sql("select count(*) from users where email like ?").param("%" + DemoData.DOMAIN)
                .query(Long.class).single();
        demoData.run(null);
        JsonNode again = OAuthClient.json(Files.readString(file));
        assertThat(again.path("users").get(0).path("password").asString()).isEqualTo(basic.path("password").asString());
        assertThat(again.path("institutionalClient").path("clientSecret").asString())
                .isEqualTo(client.path("clientSecret").asString());
        assertThat(again.path("users").get(3).path("totpSecret").asString())
                .isEqualTo(admin.path("totpSecret").asString());
        assertThat(jdbc.sql("select count(*) from users where email like ?").param("%" + DemoData.DOMAIN)
                .query(Long.class).single()).isEqualTo(users).isEqualTo(5);
    }
}
