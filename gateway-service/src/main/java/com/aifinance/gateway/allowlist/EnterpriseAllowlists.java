package com.aifinance.gateway.allowlist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every current allowlist, from enterprise-service's {@code GET /api/enterprise/allowlists} (role {@code service}):
 * {@code [{organisationId, cidrs, version, updatedAt}]}, organisations without a list left out. An answer with any
 * entry the gateway cannot read fails as a whole, so the lists in force are kept rather than half replaced.
 */
final class EnterpriseAllowlists {

    private final WebClient client;
    private final String uri;
    private final ClientCredentials credentials;
    private final Duration timeout;
    private final JsonMapper json;

    EnterpriseAllowlists(WebClient client, String uri, ClientCredentials credentials, Duration timeout,
                         JsonMapper json) {
        this.client = client;
        this.uri = uri;
        this.credentials = credentials;
        this.timeout = timeout;
        this.json = json;
    }

    Mono<List<PublishedAllowlist>> fetch() {
        return credentials.accessToken()
                .flatMap(token -> client.get().uri(uri)
                        .headers(headers -> headers.setBearerAuth(token))
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .bodyToMono(String.class)
                        .timeout(timeout))
                .doOnError(WebClientResponseException.class, refused -> {
                    if (refused.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)
                            || refused.getStatusCode().isSameCodeAs(HttpStatus.FORBIDDEN)) {
                        credentials.forget(); // the next attempt asks for a new token
                    }
                })
                .map(this::parse);
    }

    private List<PublishedAllowlist> parse(String body) {
        JsonNode answer = json.readTree(body);
        if (!answer.isArray()) {
            throw new IllegalStateException("enterprise-service's allowlists are not a JSON array");
        }
        List<PublishedAllowlist> lists = new ArrayList<>();
        for (JsonNode entry : answer) {
            lists.add(read(entry));
        }
        return lists;
    }

    /** One list as enterprise-service writes it, in its API and in {@code allowlist.changed}. */
    static PublishedAllowlist read(JsonNode entry) {
        JsonNode cidrs = entry.path("cidrs");
        if (!cidrs.isArray()) {
            throw new IllegalArgumentException("an allowlist without a cidrs array");
        }
        List<String> ranges = new ArrayList<>();
        for (JsonNode cidr : cidrs) {
            if (!cidr.isString()) {
                throw new IllegalArgumentException("an allowlist entry that is not a string: " + cidr);
            }
            ranges.add(cidr.asString());
        }
        JsonNode version = entry.path("version");
        return new PublishedAllowlist(entry.path("organisationId").asString(""),
                version.isIntegralNumber() ? version.asLong() : 0, ranges);
    }
}
