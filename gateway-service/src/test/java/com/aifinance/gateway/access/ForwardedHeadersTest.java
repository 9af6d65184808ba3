package com.aifinance.gateway.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.aifinance.gateway.GatewayTestSupport;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Services build absolute redirects from the forwarding headers the gateway sends (Tomcat's RemoteIpValve with
 * {@code forward-headers-strategy: native}), so these must name the address the browser used and nothing a client
 * chose. The tests trust 127.0.0.1 as a proxy (nginx in production); a connection from 127.0.0.2 is an ordinary
 * client. Requests are written by hand so that {@code Host} and the peer address are exactly as stated.
 */
class ForwardedHeadersTest extends GatewayTestSupport {

    private static final String CLIENT = "127.0.0.2";
    private static final String TRUSTED_PROXY = "127.0.0.1";

    private static final String[] POISON = {
            "X-Forwarded-Host: evil.example",
            "X-Forwarded-Proto: https",
            "X-Forwarded-Port: 443",
            "X-Forwarded-Prefix: /phish",
            "X-Forwarded-Ssl: on",
            "X-Forwarded-Server: evil.example",
            "Forwarded: for=203.0.113.66;host=evil.example;proto=https",
            "X-Real-IP: 203.0.113.66",
            "X-Forwarded-For: 203.0.113.66"};

    @Test
    void aBrowserOnTheLocalPlatformReachesTheIdentityPagesWithTheAddressItUsed() throws Exception {
        assertThat(send(CLIENT, "/oauth2/authorize?response_type=code&client_id=dashboard-hub",
                "Host: localhost:8080")).startsWith("HTTP/1.1 200");

        RecordedRequest received = upstreams.received("subscription");
        assertForwarded(received, "http", "localhost:8080", "8080", CLIENT);
        assertThat(received.getHeaders().values("X-Forwarded-Prefix")).isEmpty();
    }

    @Test
    void aClientSentXForwardedHostNeverReachesAService() throws Exception {
        double before = count("gateway.forwarded.headers.ignored", "reason", "untrusted_peer");
        String[] headers = withHost("localhost:8080", POISON);

        assertThat(send(CLIENT, "/login", headers)).startsWith("HTTP/1.1 200");
        assertOnlyTheGatewaysForwarding(upstreams.received("subscription"), "http", "localhost:8080", "8080", CLIENT);

        assertThat(send(CLIENT, "/dashboard", headers)).startsWith("HTTP/1.1 200");
        assertOnlyTheGatewaysForwarding(upstreams.received("dashboard-hub"), "http", "localhost:8080", "8080", CLIENT);

        assertThat(send(CLIENT, "/api/subscriptions/plans", headers)).startsWith("HTTP/1.1 200");
        assertOnlyTheGatewaysForwarding(upstreams.received("subscription"), "http", "localhost:8080", "8080", CLIENT);

        assertThat(count("gateway.forwarded.headers.ignored", "reason", "untrusted_peer")).isEqualTo(before + 3);
    }

    @Test
    void behindNginxTheServiceLearnsThePublicHttpsAddress() throws Exception {
        // what deploy/nginx/nginx.conf sends to the gateway
        assertThat(send(TRUSTED_PROXY, "/oauth2/authorize?response_type=code&client_id=dashboard-hub",
                "Host: app.aifinance.example",
                "X-Forwarded-For: 198.51.100.23",
                "X-Real-IP: 198.51.100.23",
                "X-Forwarded-Proto: https",
                "X-Forwarded-Host: app.aifinance.example",
                "X-Forwarded-Port: 443")).startsWith("HTTP/1.1 200");

        RecordedRequest received = upstreams.received("subscription");
        assertForwarded(received, "https", "app.aifinance.example", "443", "198.51.100.23");
        assertThat(received.getHeaders().values("X-Real-IP")).isEmpty();
    }

    @Test
    void aTrustedProxysForwardedHeaderAndPrefixArePassedOnAsXForwardedHeaders() throws Exception {
        assertThat(send(TRUSTED_PROXY, "/login",
                "Host: gateway.internal:8080",
                "Forwarded: for=198.51.100.23;host=\"portal.example.com\";proto=https",
                "X-Forwarded-Prefix: /platform")).startsWith("HTTP/1.1 200");

        RecordedRequest received = upstreams.received("subscription");
        assertForwarded(received, "https", "portal.example.com", "443", TRUSTED_PROXY);
        assertThat(received.getHeaders().values("X-Forwarded-Prefix")).containsExactly("/platform");
        assertThat(received.getHeaders().values("Forwarded")).isEmpty();
    }

    @Test
    void aTrustedProxysUnusableValuesAreNeitherPassedOnNorBelieved() throws Exception {
        double before = count("gateway.forwarded.headers.ignored", "reason", "invalid");

        assertThat(send(TRUSTED_PROXY, "/login",
                "Host: app.aifinance.example",
                "X-Forwarded-Proto: javascript",
                "X-Forwarded-Host: evil.example/@app.aifinance.example",
                "X-Forwarded-Port: 0",
                "X-Forwarded-Prefix: //evil.example")).startsWith("HTTP/1.1 200");

        RecordedRequest received = upstreams.received("subscription");
        assertForwarded(received, "http", "app.aifinance.example", "80", TRUSTED_PROXY);
        assertThat(received.getHeaders().values("X-Forwarded-Prefix")).isEmpty();
        assertThat(count("gateway.forwarded.headers.ignored", "reason", "invalid")).isEqualTo(before + 1);
    }

    private static void assertOnlyTheGatewaysForwarding(RecordedRequest received, String proto, String host,
                                                        String port, String client) {
        assertForwarded(received, proto, host, port, client);
        Headers headers = received.getHeaders();
        assertThat(headers.values("X-Forwarded-Prefix")).isEmpty();
        assertThat(headers.values("X-Forwarded-Ssl")).isEmpty();
        assertThat(headers.values("X-Forwarded-Server")).isEmpty();
        assertThat(headers.values("Forwarded")).isEmpty();
        assertThat(headers.values("X-Real-IP")).isEmpty();
        assertThat(headers.toString()).doesNotContain("evil.example").doesNotContain("203.0.113.66");
    }

    private static void assertForwarded(RecordedRequest received, String proto, String host, String port,
                                        String client) {
        assertThat(received).as("the service was called").isNotNull();
        Headers headers = received.getHeaders();
        assertThat(headers.values("X-Forwarded-Proto")).containsExactly(proto);
        assertThat(headers.values("X-Forwarded-Host")).containsExactly(host);
        assertThat(headers.values("X-Forwarded-Port")).containsExactly(port);
        assertThat(headers.values("X-Forwarded-For")).containsExactly(client);
    }

    private static String[] withHost(String host, String... headers) {
        String[] all = new String[headers.length + 1];
        all[0] = "Host: " + host;
        System.arraycopy(headers, 0, all, 1, headers.length);
        return all;
    }

    /** Sends a GET from {@code localAddress} with exactly these header lines; returns the response's head. */
    private String send(String localAddress, String target, String... headerLines) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
