package com.aifinance.gateway.access;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTest {

    private final ClientAddresses behindProxy = new ClientAddresses("10\\.0\\.0\\.\\d+");

    @Test
    void aClientTalkingToTheGatewayDirectlyCannotChooseItsAddressWithXForwardedFor() {
        var request = MockServerHttpRequest.get("/api/subscriptions/plans")
                .remoteAddress(new InetSocketAddress("198.51.100.7", 50000))
                .header("X-Forwarded-For", "203.0.113.1").build();

        assertThat(behindProxy.resolve(request)).isEqualTo("198.51.100.7");
        assertThat(new ClientAddresses("").resolve(request)).isEqualTo("198.51.100.7");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        var request = MockServerHttpRequest.get("/api/subscriptions/plans")
                .remoteAddress(new InetSocketAddress("10.0.0.5", 50000))
                .header("X-Forwarded-For", "203.0.113.1, 198.51.100.7, 10.0.0.9").build();

        assertThat(behindProxy.resolve(request)).isEqualTo("198.51.100.7");
    }
}
