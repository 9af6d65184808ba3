package com.aifinance.enterprise.network;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.0/24, 203.0.113.0/24",
            "203.0.113.7, 203.0.113.7/32",
            " 10.0.0.0/8 , 10.0.0.0/8",
            "0.0.0.0/0, 0.0.0.0/0",
            "2001:DB8:0:0::/32, 2001:db8::/32",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1/128",
            "2001:db8:0:0:1:0:0:0/80, 2001:db8:0:0:1::/80",
            "fe80::/10, fe80::/10",
            "::/0, ::/0"})
    void rangesAreStoredInCanonicalForm(String typed, String canonical) {
        assertThat(Cidr.parse(typed)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "300.1.1.1/8", "10.0.0/8", "010.0.0.0/8", "10.0.0.1/8",
            "example.com", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08x", "2001:db8::/129", "2001:db8::1/32",
            "::ffff:192.0.2.1/128", "fe80::1%eth0/128", "1:2:3:4:5:6:7:8:9/128", "", "localhost"})
    void malformedRangesAreRefusedWithAReason(String typed) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(typed)).withMessageContaining("");
    }

    @Test
    void aRangeWithHostBitsNamesTheNetworkThatWasProbablyMeant() {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("192.168.1.77/24"))
                .withMessageContaining("did you mean 192.168.1.0/24?");
    }

    @Test
    void overlapsAreDetectedAcrossNestedRangesButNotAcrossFamilies() {
        assertThat(Cidr.parse("10.0.0.0/8").overlaps(Cidr.parse("10.20.0.0/16"))).isTrue();
        assertThat(Cidr.parse("10.20.0.0/16").overlaps(Cidr.parse("10.0.0.0/8"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/16").overlaps(Cidr.parse("10.1.0.0/16"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").overlaps(Cidr.parse("2001:db8:ff::/48"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").overlaps(Cidr.parse("::/0"))).isFalse();
    }

    @Test
    void containmentFollowsThePrefix() throws Exception {
        Cidr office = Cidr.parse("198.51.100.0/25");

        assertThat(office.contains(InetAddress.ofLiteral("198.51.100.127"))).isTrue();
        assertThat(office.contains(InetAddress.ofLiteral("198.51.100.128"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains(InetAddress.ofLiteral("2001:db8:1::5"))).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains(InetAddress.ofLiteral("198.51.100.1"))).isFalse();
    }
}
