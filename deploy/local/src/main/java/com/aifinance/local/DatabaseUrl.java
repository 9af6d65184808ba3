package com.aifinance.local;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An existing PostgreSQL named by {@code DATABASE_URL}: either a JDBC URL ({@code jdbc:postgresql://host:port/db},
 * credentials from {@code DATABASE_USERNAME} / {@code DATABASE_PASSWORD}) or the common
 * {@code postgres://user:password@host:port/db} form.
 */
record DatabaseUrl(String jdbcUrl, String host, int port, String username, String password) {

    static DatabaseUrl parse(String value, String usernameFromEnvironment, String passwordFromEnvironment) {
        String trimmed = value.strip();
        String withoutJdbc = trimmed.startsWith("jdbc:") ? trimmed.substring("jdbc:".length()) : trimmed;
        URI uri;
        try {
            uri = URI.create(withoutJdbc);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a URL: " + e.getMessage());
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must look like postgres://user:password@host:5432/database or jdbc:postgresql://host:5432/database");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL names no host");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL names no database (…/database at the end)");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String username = usernameFromEnvironment;
        String password = passwordFromEnvironment;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : password;
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + path + query, uri.getHost(),
                port, username == null ? "postgres" : username, password == null ? "" : password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** The URL with any password hidden, for messages. */
    String display() {
        return jdbcUrl + " as " + username;
    }
}
