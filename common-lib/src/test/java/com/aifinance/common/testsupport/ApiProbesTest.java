package com.aifinance.common.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiProbesTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "paths": {
              "/things/{id}": {"get": {"parameters": [
                {"name": "id", "in": "path", "schema": {"type": "string", "format": "uuid"}},
                {"name": "q", "in": "query", "schema": {"type": "string"}}]}}}}""";

    @Test
    void queryThatBreaksTheSqlIsReported() throws IOException, Exception {
        HttpServer vulnerable = serve(exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            boolean quoted = query != null && URLDecoder.decode(query, StandardCharsets.UTF_8).contains("'");
            respond(exchange, quoted ? 500 : 200, quoted
                    ? "{\"detail\":\"org.postgresql.util.PSQLException: ERROR: syntax error at or near \\\"OR\\\"\"}" : "{}");
        });
        try {
            var findings = probes(vulnerable).probeEveryGetParameter();
            assertThat(findings).isNotEmpty().anyMatch(finding -> finding.contains("answered 500"));
        } finally {
            vulnerable.stop(0);
        }
    }

    @Test
    void pathThatReadsAFileIsReported() throws Exception {
        HttpServer traversable = serve(exchange -> respond(exchange, 200,
                exchange.getRequestURI().getRawPath().contains("etc") ? "root:x:0:0:root:/root:/bin/bash" : "{}"));
        try {
            assertThat(probes(traversable).probeEveryGetParameter()).anyMatch(finding -> finding.contains("root:x:0:0"));
        } finally {
            traversable.stop(0);
        }
    }

    @Test
    void serviceThatRefusesHostileInputPasses() throws Exception {
        HttpServer careful = serve(exchange -> respond(exchange, 400,
                "{\"type\":\"tag:aifinance.agency,2026:problems/validation\",\"status\":400}"));
        try {
            ApiProbes probes = probes(careful);
            assertThat(probes.probedOperationCount()).isEqualTo(1);
            assertThat(probes.probeEveryGetParameter()).isEmpty();
        } finally {
            careful.stop(0);
        }
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static HttpServer serve(Handler things) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/api-docs", exchange -> respond(exchange, 200, DOCUMENT));
        server.createContext("/things", things::handle);
        server.start();
        return server;
    }

    private static ApiProbes probes(HttpServer server) {
        return new ApiProbes("http://127.0.0.1:" + server.getAddress().getPort(), "token");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
