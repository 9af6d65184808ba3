package com.aifinance.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * deploy/production-settings.txt (what production gives each service and where it comes from) and the platform's own
 * OAuth2 clients, read from subscription-service's sources, whose secrets both deployments must hand out in pairs.
 */
final class ProductionSettings {

    static final Path FILE = Tools.ROOT.resolve("deploy/production-settings.txt");

    /** How production provides a variable (the file's header explains each). */
    enum Kind { SECRET, SETTING, OPTIONAL, APP, ROTATION }

    /** One line of the file; {@code value} only for {@link Kind#SETTING}. */
    record Setting(String service, String variable, Kind kind, String value) {
    }

    /**
     * One of the platform's own clients: its id, the service that holds its secret and the variable it reads it from
     * there. subscription-service reads the same secret as {@link #registryVariable()}.
     */
    record PlatformClient(String clientId, String holder, String holderVariable) {
        String registryVariable() {
            return "AIFA_CLIENT_SECRET_" + clientId.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    private static final Pattern SERVICE_CLIENTS = Pattern.compile(
            "@DefaultValue\\(\\{([^}]*)}\\)\\s*List<String>\\s+serviceClients");
    private static final Pattern DASHBOARD_CLIENT = Pattern.compile(
            "@DefaultValue\\(\"([a-z0-9-]+)\"\\)\\s*String\\s+clientId");
    private static final Pattern QUOTED = Pattern.compile("\"([a-z0-9-]+)\"");

    private ProductionSettings() {
    }

    static List<Setting> all() {
        List<Setting> settings = new ArrayList<>();
        for (String line : lines(FILE)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+");
            if (fields.length != 3) {
                throw new IllegalStateException(FILE + ": expected 'service VARIABLE kind', got: " + line);
            }
            String[] kind = fields[2].split("=", 2);
            Kind parsed = Kind.valueOf(kind[0].toUpperCase(Locale.ROOT));
            if ((parsed == Kind.SETTING) != (kind.length == 2)) {
                throw new IllegalStateException(FILE + ": 'setting' and only 'setting' takes =VALUE: " + line);
            }
            settings.add(new Setting(fields[0], fields[1], parsed, kind.length == 2 ? kind[1] : null));
        }
        return settings;
    }

    static List<Setting> of(String service) {
        return all().stream().filter(setting -> setting.service().equals(service)).toList();
    }

    /**
     * The clients subscription-service registers at start-up: {@code aifa.identity.service-clients} (each held by the
     * service of that name, as {@code AIFA_CLIENT_SECRET}) and the dashboards' login client (held by
     * dashboard-hub-service as {@code AIFA_DASHBOARD_CLIENT_SECRET}).
     */
    static List<PlatformClient> platformClients() {
        String properties = read(Tools.ROOT.resolve(
                "subscription-service/src/main/java/com/aifinance/subscription/authserver/AuthServerProperties.java"));
        var services = SERVICE_CLIENTS.matcher(properties);
        var dashboard = DASHBOARD_CLIENT.matcher(properties);
        if (!services.find() || !dashboard.find()) {
            throw new IllegalStateException("AuthServerProperties no longer declares its client lists as expected: "
                    + "read the platform clients from where subscription-service now keeps them");
        }
        List<PlatformClient> clients = new ArrayList<>();
        clients.add(new PlatformClient(dashboard.group(1), "dashboard-hub-service", "AIFA_DASHBOARD_CLIENT_SECRET"));
        var ids = QUOTED.matcher(services.group(1));
        while (ids.find()) {
            clients.add(new PlatformClient(ids.group(1), ids.group(1), "AIFA_CLIENT_SECRET"));
        }
        return clients;
    }

    /** Variables {@code service} reads with an empty default ({@code ${NAME:}}) in application.yml or its code. */
    static Set<String> emptyDefaults(String service) {
        return placeholders(service, Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):}"));
    }

    /** Every variable {@code service} reads through a placeholder ({@code ${NAME} or ${NAME:default}}). */
    static Set<String> read(String service, boolean includingShared) {
        Set<String> names = placeholders(service, Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]"));
        if (includingShared) {
            var shared = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]")
                    .matcher(read(Tools.ROOT.resolve("common-lib/src/main/resources/aifa-defaults.properties")));
            while (shared.find()) {
                names.add(shared.group(1));
            }
        }
        return names;
    }

    private static Set<String> placeholders(String service, Pattern pattern) {
        Set<String> names = new TreeSet<>();
        Path module = Tools.ROOT.resolve(service);
        List<Path> sources = new ArrayList<>();
        Path yml = module.resolve("src/main/resources/application.yml");
        if (Files.exists(yml)) {
            sources.add(yml);
        }
        Path code = module.resolve("src/main/java");
        if (Files.isDirectory(code)) {
            try (Stream<Path> files = Files.walk(code)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path source : sources) {
            var matcher = pattern.matcher(read(source));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
