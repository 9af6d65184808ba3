package com.aifinance.subscription.account;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 Appendix B: every test vector, 8 digits. */
    @ParameterizedTest(name = "{0} at {1} is {2}")
    @CsvSource({
            "HmacSHA1, 59, 94287082", "HmacSHA256, 59, 46119246", "HmacSHA512, 59, 90693936",
            "HmacSHA1, 1111111109, 07081804", "HmacSHA256, 1111111109, 68084774", "HmacSHA512, 1111111109, 25091201",
            "HmacSHA1, 1111111111, 14050471", "HmacSHA256, 1111111111, 67062674", "HmacSHA512, 1111111111, 99943326",
            "HmacSHA1, 1234567890, 89005924", "HmacSHA256, 1234567890, 91819424", "HmacSHA512, 1234567890, 93441116",
            "HmacSHA1, 2000000000, 69279037", "HmacSHA256, 2000000000, 90698825", "HmacSHA512, 2000000000, 38618901",
            "HmacSHA1, 20000000000, 65353130", "HmacSHA256, 20000000000, 77737706", "HmacSHA512, 20000000000, 47863826"})
    void codesMatchTheRfc6238TestVectors(String algorithm, long epochSeconds, String expected) {
        byte[] seed = switch (algorithm) {
            case "HmacSHA256" -> SHA256_SEED;
            case "HmacSHA512" -> SHA512_SEED;
            default -> SHA1_SEED;
        };
        assertThat(new Totp(algorithm, 8).codeAt(seed, Instant.ofEpochSecond(epochSeconds))).isEqualTo(expected);
    }

    @Test
    void aCodeIsAcceptedOneStepEitherSideButNotReplayed() {
        Totp totp = Totp.standard();
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        String previousStep = totp.codeAt(SHA1_SEED, now.minusSeconds(30));
        assertThat(totp.verify(SHA1_SEED, previousStep, now, Long.MIN_VALUE)).isPresent();
        assertThat(totp.verify(SHA1_SEED, totp.codeAt(SHA1_SEED, now.minusSeconds(90)), now, Long.MIN_VALUE)).isEmpty();

        long used = totp.verify(SHA1_SEED, totp.codeAt(SHA1_SEED, now), now, Long.MIN_VALUE).orElseThrow();
        assertThat(totp.verify(SHA1_SEED, totp.codeAt(SHA1_SEED, now), now, used)).as("replay").isEmpty();
    }

    @Test
    void malformedCodesAreRejected() {
        Instant now = Instant.now();
        assertThat(Totp.standard().verify(SHA1_SEED, "12345", now, Long.MIN_VALUE)).isEmpty();
        assertThat(Totp.standard().verify(SHA1_SEED, "12a456", now, Long.MIN_VALUE)).isEmpty();
        assertThat(Totp.standard().verify(SHA1_SEED, null, now, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.decode("MZXW6YTBOI")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base32.decode(Base32.encode(SHA512_SEED))).isEqualTo(SHA512_SEED);
    }
}
