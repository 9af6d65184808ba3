package com.aifinance.queuemonitor.notification.provider;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;

import tools.jackson.databind.json.JsonMapper;

/** What the senders share: one HTTP client with the platform's timeouts, the JSON mapper and the clock. */
public final class ProviderClients {

    private final VendorHttp http;
    private final JsonMapper json;

    public ProviderClients(Duration connectTimeout, Duration requestTimeout, JsonMapper json, Clock clock) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.http = new VendorHttp(client, requestTimeout, clock);
        this.json = json;
    }

    VendorHttp http() {
        return http;
    }

    JsonMapper json() {
        return json;
    }
}
