package com.aifinance.gateway.allowlist;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CidrTest {

    @Test
    void anIpv4RangeContainsItsAddressesAndNoOthers() {
        Cidr office = range("203.0.113.0/24");

        assertThat(office.contains(address("203.0.113.0"))).isTrue();
        assertThat(office.contains(address("203.0.113.255"))).isTrue();
        assertThat(office.contains(address("203.0.114.0"))).isFalse();
        assertThat(office.contains(address("203.0.112.255"))).isFalse();
        assertThat(range("198.51.100.7").contains(address("198.51.100.7"))).isTrue();
        assertThat(range("198.51.100.7").contains(address("198.51.100.8"))).isFalse();
        assertThat(range("10.0.0.0/9").contains(address("10.127.255.255"))).isTrue();
        assertThat(range("10.0.0.0/9").contains(address("10.128.0.0"))).isFalse();
    }

    @Test
    void anIpv6RangeContainsItsAddressesAndNoOthers() {
        Cidr office = range("2001:db8:a::/48");

        assertThat(office.contains(address("2001:db8:a:ffff::1"))).isTrue();
        assertThat(office.contains(address("2001:db8:b::1"))).isFalse();
        assertThat(range("2001:db8::1/128").contains(address("2001:db8:0:0:0:0:0:1"))).isTrue();
        assertThat(range("2001:db8::1/128").contains(address("2001:db8::2"))).isFalse();
    }

    @Test
    void anIpv4MappedIpv6ClientIsMatchedAsTheIpv4AddressItCarries() {
        assertThat(range("203.0.113.0/24").contains(address("::ffff:203.0.113.9"))).isTrue();
        assertThat(range("203.0.113.0/24").contains(address("::ffff:cb00:7109"))).isTrue();
        assertThat(range("203.0.113.0/24").contains(address("::ffff:198.51.100.7"))).isFalse();
    }

    @Test
    void familiesNeverMatchEachOther() {
        assertThat(range("0.0.0.0/0").contains(address("203.0.113.9"))).isTrue();
        assertThat(range("0.0.0.0/0").contains(address("2001:db8::1"))).isFalse();
        assertThat(range("::/0").contains(address("2001:db8::1"))).isTrue();
        assertThat(range("::/0").contains(address("203.0.113.9"))).isFalse();
    }

    @Test
    void hostBitsNeverWidenARange() {
        assertThat(range("203.0.113.77/24").contains(address("203.0.113.1"))).isTrue();
        assertThat(range("203.0.113.77/24").contains(address("203.0.114.1"))).isFalse();
    }

    @Test
    void textThatIsNotARangeIsRefused() {
        for (String text : new String[] {"", "example.com", "10.1", "10.0.1", "010.0.0.1", "0x7f.0.0.1",
                "256.1.1.1", "1.2.3.4/33", "1.2.3.4/08", "1.2.3.4/-1", "1.2.3.4/", "2001:db8::/129",
                "fe80::/10%eth0", "::ffff:203.0.113.0/120", "[2001:db8::]/32", "2001:db8:::1/64", "1.2.3.4 /32"}) {
            assertThat(Cidr.parse(text)).as(text).isEmpty();
        }
    }

    @Test
    void clientAddressesAreReadWithoutNameLookupsAndZoneIdsAreDropped() {
        assertThat(IpAddresses.parse("fe80::1%eth0")).contains(address("fe80::1"));
        assertThat(IpAddresses.parse("[2001:db8::5]")).contains(address("2001:db8::5"));
        assertThat(IpAddresses.parse(" 203.0.113.9 ")).contains(address("203.0.113.9"));
        for (String text : new String[] {"unknown", "localhost", "203.0.113.9:443", "1.2.3", "01.2.3.4", "", null}) {
            assertThat(IpAddresses.parse(text)).as(String.valueOf(text)).isEmpty();
        }
    }

    private static Cidr range(String text) {
        return Cidr.parse(text).orElseThrow(() -> new AssertionError("not a range: " + text));
    }

    private static InetAddress address(String text) {
        return IpAddresses.parse(text).orElseThrow(() -> new AssertionError("not an address: " + text));
    }
}
