package com.aifinance.common.testsupport;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile input for every query and path parameter a service documents in its OpenAPI: SQL injection, path traversal,
 * oversized and odd strings. A probe fails when the service answers 5xx, or shows a database error, a stack trace or a
 * file's content — the signs that the input reached somewhere it should not have.
 */
public final class ApiProbes {

    /** Values an attacker tries first. */
    public static final List<String> HOSTILE_VALUES = List.of(
            "' OR '1'='1",
            "1; DROP TABLE users--",
            "1' UNION SELECT usename, passwd FROM pg_shadow--",
            "\" OR \"\"=\"",
            "'); SELECT pg_sleep(5)--",
            "../../../../etc/passwd",
            "..%2f..%2f..%2fetc%2fpasswd",
            "%00",
            "${jndi:ldap://127.0.0.1/a}",
            "<script>alert(1)</script>",
            "-1",
            "99999999999999999999999",
            "x".repeat(5000));

    private static final Pattern LEAKS = Pattern.compile(
            "(?i)(PSQLException|SQLException|syntax error at or near|org\\.postgresql|jdbc|"
                    + "at [a-z]+\\.[a-zA-Z0-9_.$]+\\([A-Za-z0-9_]+\\.java:\\d+\\)|root:x:0:0|"
                    + "BadSqlGrammarException|DataIntegrityViolationException)");

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final String baseUrl;
    private final String accessToken;

    public ApiProbes(String baseUrl, String accessToken) {
        this.baseUrl = baseUrl;
        this.accessToken = accessToken;
    }

    /** A token with every role, scope and tier claim, so probes reach the handlers rather than stop at a 403. */
    public static String allPowerfulToken() {
        return TestJwts.token()
                .subject("00000000-0000-4000-8000-000000000001")
                .tier("enterprise")
                .organisation("00000000-0000-4000-8000-0000000000aa")
                .roles("subscriber", "ops", "org_owner", "org_admin", "org_analyst", "org_billing", "service",
                        "institutional_client")
                .scope("signals:read market-data:read accuracy:read webhooks:manage internal")
                .claims(Map.of("amr", List.of("pwd", "otp")))
                .sign();
    }

    /** Every finding of every probe: empty when the API held. */
    public List<String> probeEveryGetParameter() throws Exception {
        JsonNode document = mapper.readTree(send("/v3/api-docs").body());
        List<String> findings = new ArrayList<>();
        for (var path : document.path("paths").properties()) {
            JsonNode get = path.getValue().path("get");
            if (get.isMissingNode()) {
                continue;
            }
            List<JsonNode> parameters = new ArrayList<>();
            get.path("parameters").forEach(parameters::add);
            path.getValue().path("parameters").forEach(parameters::add);
            for (JsonNode parameter : parameters) {
                String in = parameter.path("in").asString("");
                if (!in.equals("query") && !in.equals("path")) {
                    continue;
                }
                for (String value : HOSTILE_VALUES) {
                    String target = target(path.getKey(), parameters, parameter.path("name").asString(), value, in);
                    HttpResponse<String> response = send(target);
                    String finding = judge(target, response);
                    if (finding != null) {
                        findings.add(finding);
                    }
                }
            }
        }
        return findings;
    }

    /** How many GET operations with parameters the document lists, so a test can tell the probes ran. */
    public int probedOperationCount() throws Exception {
        JsonNode document = mapper.readTree(send("/v3/api-docs").body());
        int count = 0;
        for (var path : document.path("paths").properties()) {
            JsonNode get = path.getValue().path("get");
            if (!get.isMissingNode() && (get.path("parameters").size() > 0 || path.getKey().contains("{"))) {
                count++;
            }
        }
        return count;
    }

    private static String target(String template, List<JsonNode> parameters, String probed, String value, String in) {
        Matcher variables = PATH_VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1);
            String filler = name.equals(probed) && in.equals("path") ? value : plausible(parameters, name);
            variables.appendReplacement(path, Matcher.quoteReplacement(encode(filler)));
        }
        variables.appendTail(path);
        if (in.equals("query")) {
            path.append(path.indexOf("?") < 0 ? '?' : '&').append(encode(probed)).append('=').append(encode(value));
        }
        return path.toString();
    }

    /** A well-formed value for the other path variables, so the probe reaches the handler. */
    private static String plausible(List<JsonNode> parameters, String name) {
        for (JsonNode parameter : parameters) {
            if (parameter.path("name").asString("").equals(name)) {
                JsonNode schema = parameter.path("schema");
                if ("uuid".equals(schema.path("format").asString(""))) {
                    return "00000000-0000-4000-8000-000000000002";
                }
                if (schema.path("type").asString("").equals("integer")) {
                    return "1";
                }
            }
        }
        return "probe";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String judge(String target, HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        String shortTarget = target.length() > 160 ? target.substring(0, 160) + "…" : target;
        if (response.statusCode() >= 500) {
            return "GET " + shortTarget + " answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(200, body.length()));
        }
        Matcher leak = LEAKS.matcher(body);
        if (leak.find()) {
            return "GET " + shortTarget + " leaked '" + leak.group() + "' (status " + response.statusCode() + ")";
        }
        return null;
    }

    private HttpResponse<String> send(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + accessToken)
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
