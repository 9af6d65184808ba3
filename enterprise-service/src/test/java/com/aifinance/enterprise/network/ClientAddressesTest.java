package com.aifinance.enterprise.network;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(
            new TrustedProxyProperties(List.of("10.0.0.0/8", "::1/128")));

    @Test
    void aDirectClientIsItsRemoteAddressWhateverItsForwardedForHeaderSays() {
        MockHttpServletRequest request = request("203.0.113.9", "198.51.100.1");

        assertThat(addresses.resolve(request)).isEqualTo("203.0.113.9");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheFirstUntrustedHopFromTheRight() {
        // the client forged the first entry; the load balancer (10.1.1.1) appended the real one
        MockHttpServletRequest request = request("10.0.0.5", "1.2.3.4, 198.51.100.23, 10.1.1.1");

        assertThat(addresses.resolve(request)).isEqualTo("198.51.100.23");
    }

    @Test
    void aGarbledHopStopsTheWalkAtTheLastAddressAProxyVouchedFor() {
        MockHttpServletRequest request = request("10.0.0.5", "198.51.100.23, not-an-ip");

        assertThat(addresses.resolve(request)).isEqualTo("10.0.0.5");
    }

    @Test
    void ipv6AndIpv4MappedAddressesAreCanonical() {
        assertThat(addresses.resolve(request("::1", "[2001:DB8::0:1]"))).isEqualTo("2001:db8::1");
        assertThat(addresses.resolve(request("::ffff:203.0.113.9", null))).isEqualTo("203.0.113.9");
    }

    private static MockHttpServletRequest request(String remote, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(remote);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
