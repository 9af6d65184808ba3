package com.aifinance.dashboard.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.aifinance.common.testsupport.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser for tests: keeps cookies (the session), does not follow redirects, and can log in through the real
 * OAuth2 flow of the hub (authorization request with PKCE, callback, token exchange with the fake authorization
 * server, ID token check against the test JWKS).
 */
public final class Browser {

    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final int port;
    private final HttpClient http;
    private final FakePlatform fakes = FakePlatform.get();

    public Browser(int port) {
        this.port = port;
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A user of the platform, as the access token describes them. */
    public record User(String subject, String email, String tier, String organisation, String... roles) {

        public static User subscriber(String tier) {
            return new User(java.util.UUID.randomUUID().toString(), "user-" + tier + "@example.com", tier, null,
                    "subscriber");
        }

        public static User ops() {
            return new User(java.util.UUID.randomUUID().toString(), "ops@example.com", "none", null, "ops");
        }

        public static User orgAdmin(String organisation) {
            return new User(java.util.UUID.randomUUID().toString(), "admin@acme.example", "enterprise", organisation,
                    "subscriber", "org_admin");
        }

        public static User orgAnalyst(String organisation) {
            return new User(java.util.UUID.randomUUID().toString(), "analyst@acme.example", "enterprise", organisation,
                    "subscriber", "org_analyst");
        }

        String accessToken(Instant expiresAt) {
            TestJwts.Builder token = TestJwts.token().subject(subject).tier(tier).roles(roles)
                    .scope("openid profile email signals:read market-data:read accuracy:read").expiresAt(expiresAt);
            if (organisation != null) {
                token.organisation(organisation);
            }
            return token.sign();
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A request as htmx sends it when loading a panel of {@code page}. */
    public HttpResponse<String> panel(String path, String page) {
        return send(HttpRequest.newBuilder(uri(path)).header("HX-Request", "true")
                .header("HX-Current-URL", "http://localhost:8080" + page).GET());
    }

    /** A form posted by htmx, with the CSRF token of the session. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri(path)).header("HX-Request", "true")
                .header("HX-Current-URL", "http://localhost:8080/dashboard")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-CSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /** An htmx form post with a ready-made body (for repeated fields such as check boxes). */
    public HttpResponse<String> postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("HX-Request", "true")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-CSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A plain (full-page) form post with the CSRF token as a form field. */
    public HttpResponse<String> submit(String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", csrfToken());
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(withToken))));
    }

    public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /** Opens a server-sent event stream; each line read goes to {@code lines} until the test ends. */
    public java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream(
            String path, java.util.function.Consumer<String> lines) {
        var response = http.sendAsync(HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET()
                .build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> answer.body().forEach(lines),
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        return response;
    }

    public HttpResponse<byte[]> download(String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public String csrfToken() {
        HttpResponse<String> page = get("/account/settings");
        Matcher token = META_CSRF.matcher(page.body());
        assertThat(token.find()).as("a page with a CSRF token").isTrue();
        return token.group(1);
    }

    /** Logs in with a 15-minute access token. */
    public Browser login(User user) {
        return login(user, Instant.now().plus(Duration.ofMinutes(15)), "/dashboard");
    }

    /**
     * Starts at {@code page} (which sends the browser to log in), completes the OAuth2 flow and checks the hub
     * brings the user back to that page.
     */
    public Browser login(User user, Instant accessTokenExpiry, String page) {
        HttpResponse<String> start = get(page);
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(location(start)).isEqualTo("http://localhost:8080/oauth2/authorization/aifa");
        HttpResponse<String> authorize = get("/oauth2/authorization/aifa");
        assertThat(authorize.statusCode()).isEqualTo(302);
        Map<String, String> query = query(location(authorize));
        programTokens(user, accessTokenExpiry, query.get("nonce"), "refresh-" + user.subject());
        HttpResponse<String> callback = get("/login/oauth2/code/aifa?code=code-" + user.subject() + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        assertThat(callback.statusCode()).as("callback: %s", callback.body()).isEqualTo(302);
        assertThat(location(callback)).isEqualTo("http://localhost:8080" + page + (page.contains("?") ? "&continue" : "?continue"));
        return this;
    }

    /** The next token endpoint answer: the user's tokens (the ID token carries the login's nonce). */
    public void programTokens(User user, Instant accessTokenExpiry, String nonce, String refreshToken) {
        Map<String, Object> idClaims = new LinkedHashMap<>();
        idClaims.put("email", user.email());
        idClaims.put("amr", java.util.List.of("pwd"));
        if (nonce != null) {
            idClaims.put("nonce", nonce);
        }
        String idToken = TestJwts.token().subject(user.subject()).audience("dashboard-hub").claims(idClaims).sign();
        String accessToken = user.accessToken(accessTokenExpiry);
        long expiresIn = Math.max(1, Duration.between(Instant.now(), accessTokenExpiry).toSeconds());
        fakes.json(FakePlatform.Service.SUBSCRIPTION, "POST", "/oauth2/token", 200, """
                {"access_token":"%s","token_type":"Bearer","expires_in":%d,"refresh_token":"%s",
                 "scope":"openid profile email signals:read market-data:read accuracy:read","id_token":"%s"}"""
                .formatted(accessToken, expiresIn, refreshToken, idToken));
        fakes.json(FakePlatform.Service.SUBSCRIPTION, "GET", "/oauth2/userinfo", 200, """
                {"sub":"%s","email":"%s"}""".formatted(user.subject(), user.email()));
    }

    public static String location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElse("");
        // relative redirects resolve against the address the browser used: the gateway
        return location.startsWith("/") ? "http://localhost:8080" + location : location;
    }

    public static Map<String, String> query(String url) {
        String query = URI.create(url).getRawQuery();
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        String local = path.startsWith("http://localhost:8080") ? path.substring("http://localhost:8080".length()) : path;
        return URI.create("http://127.0.0.1:" + port + local);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
