package com.aifinance.gateway.hardening;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import com.aifinance.gateway.problem.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses requests the gateway cannot judge safely before they reach the access checks:
 * <ul>
 * <li>paths a service might read differently from the gateway — dot segments ({@code /api/public/../private}),
 * encoded slashes or backslashes, encoded percent signs, path parameters ({@code ;}) or control characters —
 * with 400;</li>
 * <li>bodies over the limit with 413: at once from {@code Content-Length}, or as soon as a streamed body passes
 * it.</li>
 * </ul>
 */
final class RequestGuardFilter implements WebFilter, Ordered {

    /** After the security headers and CORS, before the identity filter. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    private static final List<String> AMBIGUOUS_ENCODINGS = List.of("%2f", "%5c", "%25", "%00", "%2e");

    private final ProblemWriter problems;
    private final long defaultLimit;
    private final List<CompiledLimit> limits;

    RequestGuardFilter(EdgeProperties properties, ProblemWriter problems) {
        this.problems = problems;
        this.defaultLimit = properties.maxRequestBody().toBytes();
        PathPatternParser parser = new PathPatternParser();
        parser.setCaseSensitive(false);
        this.limits = properties.bodyLimits().stream()
                .map(limit -> new CompiledLimit(limit.paths().stream().map(parser::parse).toList(),
                        limit.maxSize().toBytes()))
                .toList();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String rawPath = request.getURI().getRawPath();
        if (rawPath == null || isAmbiguous(rawPath)) {
            return problems.write(exchange, ProblemWriter.problem(HttpStatus.BAD_REQUEST, "Malformed request",
                    "The request path is not accepted (dot segments, encoded slashes, path parameters or control "
                            + "characters)."));
        }
        long limit = limitFor(request.getPath().pathWithinApplication());
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return problems.write(exchange, tooLarge(limit));
        }
        if (declared >= 0 || !mayHaveBody(request)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new LimitedBody(request, limit)).build());
    }

    private static boolean isAmbiguous(String rawPath) {
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == ';' || c == '\\' || c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        for (String encoding : AMBIGUOUS_ENCODINGS) {
            if (lower.contains(encoding)) {
                return true;
            }
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayHaveBody(ServerHttpRequest request) {
        return request.getHeaders().containsHeader("Transfer-Encoding");
    }

    private long limitFor(PathContainer path) {
        for (CompiledLimit limit : limits) {
            if (limit.paths().stream().anyMatch(pattern -> pattern.matches(path))) {
                return limit.maxBytes();
            }
        }
        return defaultLimit;
    }

    private static org.springframework.http.ProblemDetail tooLarge(long limit) {
        return ProblemWriter.problem(HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
                "The request body is over the limit of " + DataSize.ofBytes(limit).toKilobytes() + " KB.");
    }

    private record CompiledLimit(List<PathPattern> paths, long maxBytes) {
    }

    /** A streamed (chunked) body that fails with 413 once it passes the limit. */
    private static final class LimitedBody extends ServerHttpRequestDecorator {

        private final long limit;

        LimitedBody(ServerHttpRequest delegate, long limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong received = new AtomicLong();
            return super.getBody().map(buffer -> {
                if (received.addAndGet(buffer.readableByteCount()) > limit) {
                    DataBufferUtils.release(buffer);
                    throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                            "The request body is over the limit of " + DataSize.ofBytes(limit).toKilobytes() + " KB.");
                }
                return buffer;
            });
        }
    }
}
