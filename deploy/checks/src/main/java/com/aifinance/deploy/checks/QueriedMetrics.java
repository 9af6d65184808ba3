package com.aifinance.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every metric that an alert or recording rule (deploy/prometheus/rules) or a dashboard (deploy/grafana/dashboards)
 * queries, with where it is queried. Names that rules record, and series Prometheus makes itself, are not metrics a
 * service must export.
 */
final class QueriedMetrics {

    /** Series Prometheus itself produces for every target or rule. */
    static final Set<String> FROM_PROMETHEUS = Set.of("up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds",
            "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added");

    /** One query: where it is (file and alert, record or panel) and its expression. */
    record Query(String source, String expression) {
    }

    private final List<Query> queries;
    private final Set<String> recorded;

    private QueriedMetrics(List<Query> queries, Set<String> recorded) {
        this.queries = List.copyOf(queries);
        this.recorded = Set.copyOf(recorded);
    }

    static QueriedMetrics of(Path repositoryRoot) {
        List<Query> queries = new ArrayList<>();
        Set<String> recorded = new TreeSet<>();
        for (Path file : ruleFiles(repositoryRoot)) {
            readRules(repositoryRoot, file, queries, recorded);
        }
        for (Path file : list(repositoryRoot.resolve("deploy/grafana/dashboards"), ".json")) {
            readDashboard(repositoryRoot, file, queries);
        }
        return new QueriedMetrics(queries, recorded);
    }

    List<Query> queries() {
        return queries;
    }

    Set<String> recordedNames() {
        return recorded;
    }

    /** Metric name → the places that query it; only names some service has to export. */
    Map<String, Set<String>> exportedMetricsNeeded() {
        Map<String, Set<String>> needed = new TreeMap<>();
        for (Query query : queries) {
            for (String name : PromQl.metricNames(query.expression())) {
                if (!recorded.contains(name) && !FROM_PROMETHEUS.contains(name)) {
                    needed.computeIfAbsent(name, key -> new TreeSet<>()).add(query.source());
                }
            }
        }
        return needed;
    }

    /** The rule files Prometheus loads: rules/*.yml except the promtool unit tests (*.test.yml). */
    static List<Path> ruleFiles(Path repositoryRoot) {
        return list(repositoryRoot.resolve("deploy/prometheus/rules"), ".yml").stream()
                .filter(file -> !file.getFileName().toString().endsWith(".test.yml"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static void readRules(Path root, Path file, List<Query> queries, Set<String> recorded) {
        Object document = yaml().load(read(file));
        if (!(document instanceof Map<?, ?> top) || !(top.get("groups") instanceof List<?> groups)) {
            return;
        }
        for (Object group : groups) {
            for (Object rule : (List<Object>) ((Map<String, Object>) group).getOrDefault("rules", List.of())) {
                Map<String, Object> fields = (Map<String, Object>) rule;
                String name = fields.containsKey("alert") ? "alert " + fields.get("alert") : "record " + fields.get("record");
                if (fields.containsKey("record")) {
                    recorded.add(String.valueOf(fields.get("record")));
                }
                queries.add(new Query(root.relativize(file) + " " + name, String.valueOf(fields.get("expr"))));
            }
        }
    }

    private static void readDashboard(Path root, Path file, List<Query> queries) {
        JsonNode dashboard = JsonMapper.builder().build().readTree(read(file));
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new Query(root.relativize(file) + " panel \"" + panel.path("title").asString() + "\"",
                            target.get("expr").asString()));
                }
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asString() : query.asString();
            var values = java.util.regex.Pattern.compile("label_values\\(\\s*([^,)]+)").matcher(text);
            if (values.find()) {
                queries.add(new Query(root.relativize(file) + " variable " + variable.path("name").asString(),
                        values.group(1).trim()));
            }
        }
    }

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path directory, String suffix) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
