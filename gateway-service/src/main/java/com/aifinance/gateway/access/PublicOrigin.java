package com.aifinance.gateway.access;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address the client used for a request — scheme, host, port and any path prefix of a proxy in front — which is
 * what a service must put into the absolute links and redirects it builds (login page, the request saved across a
 * login, callbacks). The gateway tells services this in {@code X-Forwarded-Proto/Host/Port/Prefix}.
 *
 * <p>Resolved from the connection (the scheme of the gateway's listener and the {@code Host} header) unless the peer
 * is a trusted proxy: then the proxy's {@code X-Forwarded-Proto}, {@code -Host}, {@code -Port}, {@code -Prefix} (or
 * {@code Forwarded}) are believed. A value that is not a plain scheme, host, port or path is ignored, so a proxy
 * passing on garbage cannot turn it into a redirect target either.
 *
 * @param scheme {@code http} or {@code https}
 * @param host   host name or IP literal (IPv6 in brackets), lower case, without port
 * @param port   the port the client connected to
 * @param prefix the path under which a trusted proxy mounts the platform ({@code /app}), or null
 */
record PublicOrigin(String scheme, String host, int port, String prefix) {

    private static final Pattern HOST_AND_PORT = Pattern.compile(
            "(?<host>\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?)(?::(?<port>[0-9]{1,5}))?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+");
    private static final Pattern FORWARDED_PAIR = Pattern.compile(
            "\\s*(?<name>[A-Za-z]+)\\s*=\\s*(?:\"(?<quoted>[^\"]*)\"|(?<token>[^;,\\s]*))\\s*");

    /** What went wrong with a trusted proxy's forwarding headers, if anything (for the metric). */
    enum Trust {
        /** The peer is not a trusted proxy: the connection decides, forwarding headers are dropped. */
        CONNECTION,
        /** The peer is a trusted proxy and everything it forwarded could be used. */
        PROXY,
        /** The peer is a trusted proxy, but at least one forwarded value was unusable and ignored. */
        PROXY_WITH_INVALID_VALUES
    }

    record Resolution(PublicOrigin origin, Trust trust) {
    }

    /** The host as a {@code Host} header writes it: with the port unless it is the scheme's default. */
    String hostWithPort() {
        return port == defaultPort(scheme) ? host : host + ":" + port;
    }

    /** The origin as the client sees it: {@code https://app.example.com}, {@code http://localhost:8080}. */
    String url() {
        return scheme + "://" + hostWithPort();
    }

    static Resolution resolve(ServerHttpRequest request, boolean fromTrustedProxy) {
        PublicOrigin connection = ofConnection(request);
        if (!fromTrustedProxy) {
            return new Resolution(connection, Trust.CONNECTION);
        }
        HttpHeaders headers = request.getHeaders();
        Forwarded forwarded = Forwarded.parse(last(headers, "Forwarded"));
        boolean invalid = forwarded.invalid();

        String scheme = connection.scheme();
        String proto = last(headers, "X-Forwarded-Proto");
        proto = proto != null ? proto : forwarded.proto();
        if (proto != null) {
            String lower = proto.toLowerCase(Locale.ROOT);
            if (lower.equals("http") || lower.equals("https")) {
                scheme = lower;
            } else {
                invalid = true;
            }
        }

        String host = connection.host();
        Integer hostPort = connection.port() == defaultPort(connection.scheme()) ? null : connection.port();
        String forwardedHost = last(headers, "X-Forwarded-Host");
        forwardedHost = forwardedHost != null ? forwardedHost : forwarded.host();
        if (forwardedHost != null) {
            Matcher matcher = HOST_AND_PORT.matcher(forwardedHost);
            Integer port = matcher.matches() ? port(matcher.group("port")) : null;
            if (matcher.matches() && (matcher.group("port") == null || port != null)) {
                host = matcher.group("host").toLowerCase(Locale.ROOT);
                hostPort = port;
            } else {
                invalid = true;
            }
        }

        Integer port = hostPort;
        String forwardedPort = last(headers, "X-Forwarded-Port");
        if (forwardedPort != null) {
            Integer parsed = PORT.matcher(forwardedPort).matches() ? port(forwardedPort) : null;
            if (parsed != null) {
                port = parsed;
            } else {
                invalid = true;
            }
        }

        String prefix = last(headers, "X-Forwarded-Prefix");
        if (prefix != null && (!PREFIX.matcher(prefix).matches() || hasDotSegment(prefix))) {
            prefix = null;
            invalid = true;
        }
        PublicOrigin origin = new PublicOrigin(scheme, host, port != null ? port : defaultPort(scheme), prefix);
        return new Resolution(origin, invalid ? Trust.PROXY_WITH_INVALID_VALUES : Trust.PROXY);
    }

    /** Where the client connected: the gateway's listener scheme and the {@code Host} header it sent. */
    private static PublicOrigin ofConnection(ServerHttpRequest request) {
        String scheme = "https".equalsIgnoreCase(request.getURI().getScheme()) ? "https" : "http";
        String host = request.getURI().getHost();
        int port = request.getURI().getPort();
        return new PublicOrigin(scheme, host == null ? "localhost" : host.toLowerCase(Locale.ROOT),
                port > 0 ? port : defaultPort(scheme), null);
    }

    /**
     * The value the nearest proxy wrote: the right-most of a repeated or comma-separated header. A trusted proxy is
     * expected to set these headers, not to append to what its client sent; if it appends, the client's part is
     * still never used.
     */
    private static String last(HttpHeaders headers, String name) {
        List<String> values = headers.getValuesAsList(name);
        for (int i = values.size() - 1; i >= 0; i--) {
            String value = values.get(i).trim();
            if (!value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static Integer port(String digits) {
        if (digits == null) {
            return null;
        }
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65_535 ? port : null;
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..") || segment.toLowerCase(Locale.ROOT).contains("%2e")) {
                return true;
            }
        }
        return false;
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** The {@code proto} and {@code host} of one RFC 7239 {@code Forwarded} element (the last one, see above). */
    private record Forwarded(String proto, String host, boolean invalid) {

        static Forwarded parse(String element) {
            if (element == null) {
                return new Forwarded(null, null, false);
            }
            String proto = null;
            String host = null;
            for (String pair : element.split(";")) {
                if (pair.isBlank()) {
                    continue;
                }
                Matcher matcher = FORWARDED_PAIR.matcher(pair);
                if (!matcher.matches()) {
                    return new Forwarded(null, null, true);
                }
                String value = matcher.group("quoted") != null ? matcher.group("quoted") : matcher.group("token");
                switch (matcher.group("name").toLowerCase(Locale.ROOT)) {
                    case "proto" -> proto = value;
                    case "host" -> host = value;
                    default -> { /* for= is X-Forwarded-For's business; by= is of no use here */ }
                }
            }
            return new Forwarded(proto, host, false);
        }
    }
}
