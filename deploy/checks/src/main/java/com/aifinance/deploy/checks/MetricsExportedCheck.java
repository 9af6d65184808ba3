package com.aifinance.deploy.checks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scrapes every service of a running platform ({@code /actuator/prometheus}) and reports each metric that a
 * dashboard or an alert rule queries but no service exports. Run after the platform has started:
 *
 * <pre>deploy/checks/metrics-exported.sh            # the local platform on 127.0.0.1, default ports</pre>
 *
 * Some metrics exist only after their first event (a counter with tags is registered when first incremented);
 * deploy/grafana/metrics-after-first-event.txt names them and why. Those are reported as "not yet seen" and fail
 * only with {@code --strict}. Exit status: 0 all found, 1 something missing, 2 a service could not be scraped.
 */
public final class MetricsExportedCheck {

    static final Map<String, Integer> DEFAULT_SERVICES = defaults();

    private final Path root;
    private final Map<String, URI> endpoints;
    private final boolean strict;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    MetricsExportedCheck(Path root, Map<String, URI> endpoints, boolean strict) {
        this.root = root;
        this.endpoints = endpoints;
        this.strict = strict;
    }

    public static void main(String[] args) {
        Path root = Path.of(".").toAbsolutePath().normalize();
        String host = "127.0.0.1";
        boolean strict = false;
        Map<String, Integer> ports = new LinkedHashMap<>(DEFAULT_SERVICES);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--host" -> host = args[++i];
                case "--strict" -> strict = true;
                default -> {
                    String[] service = args[i].split("=", 2);
                    if (service.length != 2 || !service[1].matches("[0-9]{1,5}")) {
                        System.err.println("usage: metrics-exported [--root DIR] [--host HOST] [--strict] [service=port ...]");
                        System.exit(64);
                    }
                    ports.put(service[0], Integer.parseInt(service[1]));
                }
            }
        }
        Map<String, URI> endpoints = new LinkedHashMap<>();
        for (var entry : ports.entrySet()) {
            endpoints.put(entry.getKey(), URI.create("http://" + host + ":" + entry.getValue() + "/actuator/prometheus"));
        }
        System.exit(new MetricsExportedCheck(root, endpoints, strict).run(System.out));
    }

    int run(PrintStream out) {
        Map<String, Set<String>> needed = QueriedMetrics.of(root).exportedMetricsNeeded();
        Map<String, String> afterFirstEvent = afterFirstEvent(root);
        Map<String, Set<String>> exportedBy = new TreeMap<>();
        List<String> unreachable = new ArrayList<>();
        for (var endpoint : endpoints.entrySet()) {
            try {
                Set<String> names = scrape(endpoint.getValue());
                out.printf("scraped %-26s %s: %d metric names%n", endpoint.getKey(), endpoint.getValue(), names.size());
                for (String name : names) {
                    exportedBy.computeIfAbsent(name, key -> new TreeSet<>()).add(endpoint.getKey());
                }
            } catch (IOException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                unreachable.add(endpoint.getKey() + " (" + endpoint.getValue() + "): " + reason);
            }
        }

        List<String> missing = new ArrayList<>();
        List<String> notYetSeen = new ArrayList<>();
        for (var metric : needed.entrySet()) {
            if (exportedBy.containsKey(metric.getKey())) {
                continue;
            }
            String line = metric.getKey() + "\n      queried by " + String.join("\n      queried by ", metric.getValue());
            if (afterFirstEvent.containsKey(metric.getKey())) {
                notYetSeen.add(line + "\n      appears after its first event: " + afterFirstEvent.get(metric.getKey()));
            } else {
                missing.add(line);
            }
        }

        out.printf("%n%d metrics are queried by deploy/prometheus/rules and deploy/grafana/dashboards; "
                + "%d are exported by a scraped service%n", needed.size(), needed.size() - missing.size() - notYetSeen.size());
        if (!notYetSeen.isEmpty()) {
            out.println("\nNOT YET SEEN (no service has exported them since it started; each appears after its first event):");
            notYetSeen.forEach(line -> out.println("  " + line));
        }
        if (!missing.isEmpty()) {
            out.println("\nMISSING (queried, but no service exports them):");
            missing.forEach(line -> out.println("  " + line));
        }
        if (!unreachable.isEmpty()) {
            out.println("\nUNREACHABLE (could not scrape):");
            unreachable.forEach(line -> out.println("  " + line));
        }
        int failed = missing.size() + (strict ? notYetSeen.size() : 0);
        out.printf("%nmetrics-exported: %d passed, %d failed%n", needed.size() - failed, failed);
        if (!unreachable.isEmpty()) {
            return 2;
        }
        return failed == 0 ? 0 : 1;
    }

    /** The metric names in a Prometheus text exposition. */
    Set<String> scrape(URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("Accept", "text/plain;version=0.0.4")
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return exposedNames(response.body());
    }

    static Set<String> exposedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    /** deploy/grafana/metrics-after-first-event.txt: "name  why" per line, # comments. */
    static Map<String, String> afterFirstEvent(Path root) {
        Path file = root.resolve("deploy/grafana/metrics-after-first-event.txt");
        Map<String, String> reasons = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] parts = text.split("\\s+", 2);
                reasons.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
        return reasons;
    }

    private static Map<String, Integer> defaults() {
        Map<String, Integer> services = new LinkedHashMap<>();
        services.put("gateway-service", 8081); // the gateway's management port: its public 8080 serves no actuator
        services.put("subscription-service", 5008);
        services.put("billing-service", 5007);
        services.put("enterprise-service", 5009);
        services.put("institutional-api-service", 8090);
        services.put("analytics-service", 5010);
        services.put("queue-monitor-service", 5020);
        services.put("monitoring-service", 5011);
        services.put("dashboard-hub-service", 7777);
        return java.util.Collections.unmodifiableMap(services);
    }
}
