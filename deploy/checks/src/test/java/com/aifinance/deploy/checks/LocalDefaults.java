package com.aifinance.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The environment variables whose default only works on a developer's machine: a placeholder in a service's
 * application.yml (or common-lib's aifa-defaults.properties, which every service reads) whose default points at
 * localhost. Production must set each of them, for every service that reads it.
 */
final class LocalDefaults {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");
    private static final Pattern LOCAL = Pattern.compile("://(localhost|127\\.0\\.0\\.1)|127\\.0\\.0\\.1/");

    private LocalDefaults() {
    }

    /** Service name → the variables it reads whose defaults are local. */
    static Map<String, Set<String>> byService(Path root, Set<String> services) {
        Set<String> everyService = local(read(root.resolve("common-lib/src/main/resources/aifa-defaults.properties")));
        Map<String, Set<String>> result = new TreeMap<>();
        for (String service : services) {
            Set<String> variables = new TreeSet<>(everyService);
            Path yml = root.resolve(service).resolve("src/main/resources/application.yml");
            if (Files.exists(yml)) {
                variables.addAll(local(read(yml)));
            }
            if ("gateway-service".equals(service)) {
                // the gateway owns no data: it has no datasource, so the database defaults are not read
                variables.removeIf(variable -> variable.startsWith("DATABASE_"));
            }
            result.put(service, variables);
        }
        return result;
    }

    private static Set<String> local(String text) {
        Set<String> variables = new TreeSet<>();
        var matcher = PLACEHOLDER.matcher(text);
        int from = 0;
        // searching again just inside each match also finds nested ones: ${AIFA_PUBLIC_URL:${AIFA_ISSUER:http://…}}
        // reports both (the outer default is cut at the first brace, which still holds the localhost address)
        while (matcher.find(from)) {
            if (LOCAL.matcher(matcher.group(2)).find()) {
                variables.add(matcher.group(1));
            }
            from = matcher.start() + 2;
        }
        return variables;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
