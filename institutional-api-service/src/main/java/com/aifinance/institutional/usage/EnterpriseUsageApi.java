package com.aifinance.institutional.usage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * enterprise-service's {@code POST /api/enterprise/internal/api-clients/usage} (docs/enterprise.md): a batch of
 * {@code {clientId, requests, lastUsedAt}} (at most 1000), answered per client {@code active} (recorded),
 * {@code revoked} or {@code unknown}. enterprise adds {@code requests} to the client's total and keeps the latest
 * {@code lastUsedAt}, all in one transaction, once per {@code batchId}.
 */
@Component
class EnterpriseUsageApi {

    static final String PATH = "/api/enterprise/internal/api-clients/usage";
    private static final JsonMapper JSON = new JsonMapper();

    /** What a send came to. */
    sealed interface Outcome {
    }

    /** Recorded; one result per client. */
    record Accepted(List<ClientResult> results) implements Outcome {
    }

    /** Our token was refused (401/403): renew it and try again. */
    record Unauthorized(int status, String detail) implements Outcome {
    }

    /** enterprise refused the batch itself (4xx): sending it again would be refused again. */
    record Refused(int status, String detail) implements Outcome {
    }

    /**
     * Not recorded, or not known to be: unreachable, timed out, 5xx, 429. A 5xx rolls enterprise's transaction back,
     * so the batch can be sent again; only a request that timed out after enterprise committed is ambiguous.
     */
    record Unavailable(String detail) implements Outcome {
    }

    record ClientResult(String clientId, String status, boolean recorded) {
    }

    private final UsageReportProperties properties;
    private final HttpClient http;

    EnterpriseUsageApi(UsageReportProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param batchId the batch's id, the same on every resend: enterprise records a batch once per id and answers a
     *                resend with {@code duplicate: true}; the id with other reports is a 409 (docs/enterprise.md)
     */
    Outcome send(java.util.UUID batchId, String reportsJson, String accessToken) {
        URI uri = properties.enterpriseUrl().resolve(PATH);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"batchId\":\"" + batchId + "\",\"reports\":" + reportsJson
                        + "}"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Unavailable(uri + " unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? " " + e.getMessage() : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted");
        }
        int status = response.statusCode();
        if (status == 200) {
            return accepted(response.body());
        }
        String detail = status + " " + problem(response.body());
        if (status == 401 || status == 403) {
            return new Unauthorized(status, detail);
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new Refused(status, detail);
        }
        return new Unavailable(detail);
    }

    private static Outcome accepted(String body) {
        try {
            List<ClientResult> results = new ArrayList<>();
            for (JsonNode result : JSON.readTree(body).path("results")) {
                results.add(new ClientResult(result.path("clientId").asString(""), result.path("status").asString(""),
                        result.path("recorded").asBoolean(false)));
            }
            return new Accepted(results);
        } catch (JacksonException e) {
            // enterprise committed (200); only the per-client detail is unreadable
            return new Accepted(List.of());
        }
    }

    /** The problem detail's title and detail, for the log. */
    private static String problem(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return (problem.path("title").asString("") + ": " + problem.path("detail").asString("")).strip();
        } catch (JacksonException e) {
            return body == null ? "" : body.substring(0, Math.min(200, body.length()));
        }
    }
}
