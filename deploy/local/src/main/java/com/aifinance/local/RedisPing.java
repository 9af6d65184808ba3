package com.aifinance.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Checks that the Redis named by a {@code redis://} URL answers, speaking just enough RESP to do so. */
final class RedisPing {

    private RedisPing() {
    }

    /** Returns null when Redis answers PING, else the reason it does not. */
    static String check(String redisUrl) {
        URI uri;
        try {
            uri = URI.create(redisUrl.strip());
        } catch (IllegalArgumentException e) {
            return "REDIS_URL is not a URL: " + e.getMessage();
        }
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            return "REDIS_URL must look like redis://[:password@]host:6379";
        }
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 3000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                String password = URLDecoder.decode(parts.length > 1 ? parts[1] : parts[0], StandardCharsets.UTF_8);
                String user = parts.length > 1 && !parts[0].isEmpty() ? URLDecoder.decode(parts[0], StandardCharsets.UTF_8) : null;
                out.write((user == null ? command("AUTH", password) : command("AUTH", user, password))
                        .getBytes(StandardCharsets.UTF_8));
                String reply = readLine(in);
                if (!reply.startsWith("+OK")) {
                    return "Redis at " + uri.getHost() + ":" + port + " refused the credentials in REDIS_URL";
                }
            }
            out.write(command("PING").getBytes(StandardCharsets.UTF_8));
            String reply = readLine(in);
            return reply.startsWith("+PONG") ? null : "Redis at " + uri.getHost() + ":" + port + " answered " + reply;
        } catch (IOException e) {
            return "cannot reach Redis at " + uri.getHost() + ":" + port + " (" + e.getMessage() + ")";
        }
    }

    private static String command(String... parts) {
        StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        return resp.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
