package com.aifinance.billing.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A local HTTP server answering a vendor's routes, recording every request, able to fail on purpose. */
public abstract class FakeServer {

    /** One request as the vendor would have seen it. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** The body as a form ({@code a[b]=c&…}), decoded. */
        public Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            if (body == null || body.isEmpty()) {
                return form;
            }
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            return form;
        }
    }

    private record Route(String method, Pattern path, BiFunction<Request, Matcher, MockResponse> handler) {
    }

    private record Failure(String method, String pathPrefix, int status, String body) {
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Route> routes = new ArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new ArrayList<>();

    protected FakeServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest recorded) {
                return answer(recorded);
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    protected void route(String method, String pathRegex, BiFunction<Request, Matcher, MockResponse> handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
    }

    /** The next {@code times} requests to a path starting with {@code pathPrefix} are answered with this error. */
    public synchronized void failNext(String method, String pathPrefix, int times, int status, String body) {
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(method, pathPrefix, status, body));
        }
    }

    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(request -> request.method().equals(method)
                && request.path().startsWith(pathPrefix)).toList();
    }

    private MockResponse answer(RecordedRequest recorded) {
        Map<String, String> headers = new LinkedHashMap<>();
        recorded.getHeaders().forEach(header -> headers.put(header.getFirst().toLowerCase(), header.getSecond()));
        String body = recorded.getBody() == null ? "" : recorded.getBody().utf8();
        Request request = new Request(recorded.getMethod(), recorded.getUrl().encodedPath(), recorded.getUrl().query(),
                headers, body);
        requests.add(request);
        synchronized (this) {
            for (Failure failure : failures) {
                if (failure.method().equals(request.method()) && request.path().startsWith(failure.pathPrefix())) {
                    failures.remove(failure);
                    return json(failure.status(), failure.body());
                }
            }
        }
        for (Route route : routes) {
            Matcher matcher = route.path().matcher(request.path());
            if (route.method().equals(request.method()) && matcher.matches()) {
                synchronized (this) {
                    return route.handler().apply(request, matcher);
                }
            }
        }
        return json(404, "{\"error\":{\"message\":\"no route " + request.method() + " " + request.path() + "\"}}");
    }

    protected static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }
}
