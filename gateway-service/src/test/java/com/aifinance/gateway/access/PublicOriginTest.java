package com.aifinance.gateway.access;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class PublicOriginTest {

    private static MockServerHttpRequest.BaseBuilder<?> request(String url) {
        return MockServerHttpRequest.get(url).remoteAddress(new InetSocketAddress("10.0.0.5", 50000));
    }

    private static PublicOrigin.Resolution fromClient(MockServerHttpRequest.BaseBuilder<?> request) {
        return PublicOrigin.resolve(request.build(), false);
    }

    private static PublicOrigin.Resolution fromProxy(MockServerHttpRequest.BaseBuilder<?> request) {
        return PublicOrigin.resolve(request.build(), true);
    }

    @Test
    void aBrowserTalkingToTheGatewayDirectlyGetsTheAddressItTyped() {
        PublicOrigin.Resolution resolution = fromClient(request("http://localhost:8080/oauth2/authorize"));

        assertThat(resolution.origin()).isEqualTo(new PublicOrigin("http", "localhost", 8080, null));
        assertThat(resolution.origin().url()).isEqualTo("http://localhost:8080");
        assertThat(resolution.trust()).isEqualTo(PublicOrigin.Trust.CONNECTION);
    }

    @Test
    void aClientCannotNameAnotherHostSchemePortOrPrefixWithForwardingHeaders() {
        PublicOrigin origin = fromClient(request("http://localhost:8080/login")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443")
                .header("X-Forwarded-Prefix", "/phish")
                .header("Forwarded", "host=evil.example;proto=https")).origin();

        assertThat(origin).isEqualTo(new PublicOrigin("http", "localhost", 8080, null));
    }

    @Test
    void behindNginxTheProxysSchemeHostAndPortAreTheOrigin() {
        // what deploy/nginx/nginx.conf sets
        PublicOrigin.Resolution resolution = fromProxy(request("http://app.aifinance.example/login")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "app.aifinance.example")
                .header("X-Forwarded-Port", "443"));

        assertThat(resolution.origin()).isEqualTo(new PublicOrigin("https", "app.aifinance.example", 443, null));
        assertThat(resolution.origin().url()).isEqualTo("https://app.aifinance.example");
        assertThat(resolution.trust()).isEqualTo(PublicOrigin.Trust.PROXY);
    }

    @Test
    void aProxyThatKeepsTheHostHeaderAndSendsOnlyTheSchemeGivesTheSchemesDefaultPort() {
        // a load balancer that preserves Host and sets X-Forwarded-Proto (an ALB)
        PublicOrigin origin = fromProxy(request("http://app.aifinance.example/login")
                .header("X-Forwarded-Proto", "HTTPS")).origin();

        assertThat(origin).isEqualTo(new PublicOrigin("https", "app.aifinance.example", 443, null));
    }

    @Test
    void aForwardedHostWithAPortKeepsItsPortUnlessTheProxyNamesTheClientsPort() {
        assertThat(fromProxy(request("http://gateway:8080/login")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "App.Example.com:8443")).origin())
                .isEqualTo(new PublicOrigin("https", "app.example.com", 8443, null));
        assertThat(fromProxy(request("http://gateway:8080/login")
                .header("X-Forwarded-Host", "app.example.com:8443")
                .header("X-Forwarded-Port", "9443")).origin().port()).isEqualTo(9443);
    }

    @Test
    void theValueTheNearestProxyWroteWinsOverWhatItsClientSent() {
        PublicOrigin origin = fromProxy(request("http://gateway:8080/login")
                .header("X-Forwarded-Host", "evil.example, app.example.com")
                .header("X-Forwarded-Proto", "http")
                .header("X-Forwarded-Proto", "https")).origin();

        assertThat(origin).isEqualTo(new PublicOrigin("https", "app.example.com", 443, null));
    }

    @Test
    void aProxysForwardedHeaderIsReadWhenItSendsNoXForwardedHeaders() {
        PublicOrigin origin = fromProxy(request("http://gateway:8080/login")
                .header("Forwarded", "for=198.51.100.7;host=\"evil.example\";proto=http, "
                        + "for=203.0.113.5;host=\"app.example.com\";proto=https")).origin();

        assertThat(origin).isEqualTo(new PublicOrigin("https", "app.example.com", 443, null));
    }

    @Test
    void aProxysPathPrefixIsPassedOnWhenItIsAPlainPath() {
        assertThat(fromProxy(request("http://gateway:8080/login")
                .header("X-Forwarded-Prefix", "/platform")).origin().prefix()).isEqualTo("/platform");

        for (String prefix : new String[] {"platform", "/a/../b", "/%2e%2e/x", "//evil.example", "/a b", "/a?x=1"}) {
            PublicOrigin.Resolution resolution = fromProxy(request("http://gateway:8080/login")
                    .header("X-Forwarded-Prefix", prefix));
            assertThat(resolution.origin().prefix()).as(prefix).isNull();
            assertThat(resolution.trust()).as(prefix).isEqualTo(PublicOrigin.Trust.PROXY_WITH_INVALID_VALUES);
        }
    }

    @Test
    void unusableValuesFromAProxyAreIgnoredAndReported() {
        PublicOrigin.Resolution resolution = fromProxy(request("http://app.example.com/login")
                .header("X-Forwarded-Proto", "javascript")
                .header("X-Forwarded-Host", "evil.example/path@x")
                .header("X-Forwarded-Port", "99999"));

        assertThat(resolution.origin()).isEqualTo(new PublicOrigin("http", "app.example.com", 80, null));
        assertThat(resolution.trust()).isEqualTo(PublicOrigin.Trust.PROXY_WITH_INVALID_VALUES);

        for (String host : new String[] {"evil.example:0", "evil.example:70000", "a b", "evil.example\\@x", "-x-"}) {
            assertThat(fromProxy(request("http://app.example.com/login").header("X-Forwarded-Host", host))
                    .origin().host()).as(host).isEqualTo("app.example.com");
        }
    }

    @Test
    void ipv6LiteralsKeepTheirBrackets() {
        assertThat(fromClient(request("http://[::1]:8080/login")).origin().hostWithPort()).isEqualTo("[::1]:8080");
        assertThat(fromProxy(request("http://gateway:8080/login")
                .header("X-Forwarded-Host", "[2001:db8::1]")
                .header("X-Forwarded-Proto", "https")).origin().url()).isEqualTo("https://[2001:db8::1]");
    }
}
