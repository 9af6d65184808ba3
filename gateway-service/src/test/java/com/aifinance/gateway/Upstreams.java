package com.aifinance.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stand-ins for the platform's services, one MockWebServer each, shared by every gateway test of the JVM (one
 * Spring context). Each answers 200 with its own name unless a test tells it otherwise.
 */
public final class Upstreams {

    public static final String[] SERVICES = {"subscription", "billing", "enterprise", "analytics", "monitoring",
            "queue-monitor", "institutional-api", "dashboard-hub"};

    private static final Upstreams INSTANCE = new Upstreams();

    private final Map<String, MockWebServer> servers = new LinkedHashMap<>();
    private final Map<String, Function<RecordedRequest, MockResponse>> behaviours = new ConcurrentHashMap<>();

    private Upstreams() {
        for (String service : SERVICES) {
            servers.put(service, start(service, 0));
        }
    }

    public static Upstreams get() {
        return INSTANCE;
    }

    public void register(DynamicPropertyRegistry registry) {
        servers.forEach((service, server) ->
                registry.add("aifa.services." + service, () -> "http://127.0.0.1:" + server.getPort()));
    }

    /** From now until {@link #reset()}, {@code service} answers with {@code behaviour}. */
    public void respondWith(String service, Function<RecordedRequest, MockResponse> behaviour) {
        behaviours.put(service, behaviour);
    }

    /** The next request {@code service} received, or null if none within 5 seconds. */
    public RecordedRequest received(String service) throws InterruptedException {
        return servers.get(service).takeRequest(5, TimeUnit.SECONDS);
    }

    public int requestCount(String service) {
        return servers.get(service).getRequestCount();
    }

    /** Forgets what the services received and how they were told to answer. */
    public void reset() throws InterruptedException {
        behaviours.clear();
        for (MockWebServer server : servers.values()) {
            while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
                // drain
            }
        }
    }

    private MockWebServer start(String service, int port) {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Function<RecordedRequest, MockResponse> behaviour = behaviours.get(service);
                return behaviour != null ? behaviour.apply(request)
                        : new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
                        .body(service).build();
            }
        });
        try {
            server.start(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }
}
