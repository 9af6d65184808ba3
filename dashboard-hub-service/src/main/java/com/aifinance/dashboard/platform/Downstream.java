package com.aifinance.dashboard.platform;

import java.net.http.HttpClient;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls the platform's services directly (not through the gateway) with the signed-in user's access token, each
 * call bounded by a short timeout. Nothing here throws for a service that is down or refuses: the caller gets a
 * {@link Reply} and shows it in its panel. Only an access token the services no longer accept (401) ends the
 * session, as {@link SessionExpiredException}.
 */
@Component
public class Downstream {

    private static final Logger log = LoggerFactory.getLogger(Downstream.class);

    /** The services the hub fronts, with the name users see when one is down. */
    public enum Service {
        SUBSCRIPTION("The subscription service"),
        BILLING("The billing service"),
        ENTERPRISE("The enterprise service"),
        INSTITUTIONAL_API("The signals service"),
        ANALYTICS("The analytics service"),
        MONITORING("The monitoring service"),
        QUEUE_MONITOR("The notifications and queues service");

        private final String displayName;

        Service(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }
    }

    /** A file a service sent (an invoice PDF, a CSV export). */
    public record Download(byte[] bytes, MediaType contentType, String contentDisposition) {
    }

    private final Map<Service, RestClient> clients = new EnumMap<>(Service.class);
    private final UserTokens tokens;
    private final MeterRegistry meters;

    Downstream(ServiceEndpoints endpoints, RestClient.Builder builder, UserTokens tokens, MeterRegistry meters) {
        this.tokens = tokens;
        this.meters = meters;
        HttpClient http = HttpClient.newBuilder().connectTimeout(endpoints.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        for (Service service : Service.values()) {
            JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
            requests.setReadTimeout(endpoints.readTimeout());
            clients.put(service, builder.clone().baseUrl(endpoints.of(service).toString()).requestFactory(requests)
                    .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE + ", "
                            + MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    .build());
        }
    }

    public <T> Reply<T> get(Service service, Class<T> type, String uri, Object... variables) {
        return exchange(service, HttpMethod.GET, uri, variables, null, new Body<>(type, null));
    }

    public <T> Reply<T> get(Service service, ParameterizedTypeReference<T> type, String uri, Object... variables) {
        return exchange(service, HttpMethod.GET, uri, variables, null, new Body<>(null, type));
    }

    public <T> Reply<List<T>> getList(Service service, ParameterizedTypeReference<List<T>> type, String uri,
                                      Object... variables) {
        return get(service, type, uri, variables);
    }

    public <T> Reply<T> send(Service service, HttpMethod method, Object body, Class<T> type, String uri,
                             Object... variables) {
        return exchange(service, method, uri, variables, body, new Body<>(type, null));
    }

    public <T> Reply<T> send(Service service, HttpMethod method, Object body, ParameterizedTypeReference<T> type,
                             String uri, Object... variables) {
        return exchange(service, method, uri, variables, body, new Body<>(null, type));
    }

    /** A file, passed through to the browser as the service sent it. */
    public Reply<Download> download(Service service, String uri, Object... variables) {
        String token = tokens.current().value();
        try {
            return clients.get(service).get().uri(uri, variables)
                    .headers(headers -> {
                        headers.setBearerAuth(token);
                        headers.setAccept(List.of(MediaType.ALL));
                    })
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == 401) {
                            throw new SessionExpiredException("the service refused the access token");
                        }
                        if (response.getStatusCode().is2xxSuccessful()) {
                            byte[] bytes = response.getBody().readAllBytes();
                            MediaType type = response.getHeaders().getContentType();
                            return new Reply.Ok<>(new Download(bytes,
                                    type == null ? MediaType.APPLICATION_OCTET_STREAM : type,
                                    response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)), status);
                        }
                        return failure(service, status, problemOf(response));
                    }, true);
        } catch (RestClientException e) {
            return unavailable(service, e);
        }
    }

    private <T> Reply<T> exchange(Service service, HttpMethod method, String uri, Object[] variables, Object body,
                                  Body<T> expected) {
        String token = tokens.current().value();
        try {
            RestClient.RequestBodySpec request = clients.get(service).method(method).uri(uri, variables)
                    .headers(headers -> {
                        headers.setBearerAuth(token);
                        forwardedFor().ifPresent(chain -> headers.set("X-Forwarded-For", chain));
                    });
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.exchange((sent, response) -> {
                int status = response.getStatusCode().value();
                if (status == 401) {
                    throw new SessionExpiredException("the service refused the access token");
                }
                if (response.getStatusCode().is2xxSuccessful()) {
                    T value = status == 204 ? null
                            : expected.type() != null ? response.bodyTo(expected.type())
                            : response.bodyTo(expected.reference());
                    return new Reply.Ok<>(value, status);
                }
                return failure(service, status, problemOf(response));
            }, true);
        } catch (RestClientException e) {
            return unavailable(service, e);
        }
    }

    /**
     * The browser's address chain, so services that record or check the caller's address (audit, allowlist lockout,
     * queue actions) see the user's, not the hub's: what the hub received, plus the peer it came from.
     */
    private static java.util.Optional<String> forwardedFor() {
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes) {
            jakarta.servlet.http.HttpServletRequest request = attributes.getRequest();
            String received = request.getHeader("X-Forwarded-For");
            String peer = request.getRemoteAddr();
            return java.util.Optional.of(received == null || received.isBlank() ? peer : received + ", " + peer);
        }
        return java.util.Optional.empty();
    }

    private static Problem problemOf(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        int status;
        try {
            status = response.getStatusCode().value();
        } catch (java.io.IOException e) {
            status = 500;
        }
        try {
            Problem problem = response.bodyTo(Problem.class);
            if (problem != null) {
                return new Problem(problem.type(), problem.title(), status, problem.detail(), problem.errors());
            }
        } catch (RuntimeException notAProblem) {
            // a proxy page or an empty body: the status says enough
        }
        return new Problem(null, null, status, null, List.of());
    }

    private <T> Reply<T> failure(Service service, int status, Problem problem) {
        if (status >= 500 || status == 408 || status == 429) {
            meters.counter("dashboard_panel_failures_total", "service", tag(service), "reason", "unavailable")
                    .increment();
            log.warn("{} answered HTTP {}: {}", service, status, problem.message());
            return new Reply.Unavailable<>(service, "HTTP " + status);
        }
        meters.counter("dashboard_panel_failures_total", "service", tag(service), "reason", "refused").increment();
        return new Reply.Refused<>(problem);
    }

    private <T> Reply<T> unavailable(Service service, RestClientException e) {
        if (e.getCause() instanceof SessionExpiredException expired) {
            throw expired;
        }
        meters.counter("dashboard_panel_failures_total", "service", tag(service), "reason", "unavailable")
                .increment();
        log.warn("{} unavailable: {}", service, e.getMessage());
        return new Reply.Unavailable<>(service, e.getClass().getSimpleName());
    }

    private static String tag(Service service) {
        return service.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private record Body<T>(Class<T> type, ParameterizedTypeReference<T> reference) {
    }
}
