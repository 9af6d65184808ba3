package com.aifinance.queuemonitor.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.queuemonitor.notification.provider.Channel;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connecting an SMS number, Telegram chat or WhatsApp number: a six-digit code goes to the address through the normal
 * delivery queue, and the address counts as verified once the user types the code back. Only a hash of the code is
 * kept; a code lives ten minutes and survives five wrong guesses.
 */
@Component
class AddressVerification {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration RESEND_AFTER = Duration.ofSeconds(60);
    static final int MAX_ATTEMPTS = 5;

    private final PreferenceStore store;
    private final DeliveryQueue queue;
    private final DeliveryDispatchers dispatchers;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AddressVerification(PreferenceStore store, DeliveryQueue queue, DeliveryDispatchers dispatchers, JsonMapper json,
                        Clock clock) {
        this.store = store;
        this.queue = queue;
        this.dispatchers = dispatchers;
        this.json = json;
        this.clock = clock;
    }

    /** Stores the address as unverified and queues the code; returns whether the channel can deliver it now. */
    @Transactional
    boolean connect(String userId, String tier, Channel channel, String address) {
        Instant now = clock.instant();
        store.address(userId, channel).ifPresent(existing -> {
            if (existing.codeSentAt() != null && existing.verifiedAt() == null
                    && existing.codeSentAt().plus(RESEND_AFTER).isAfter(now)) {
                long wait = Duration.between(now, existing.codeSentAt().plus(RESEND_AFTER)).toSeconds() + 1;
                throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, "Too soon",
                        "A code was sent less than a minute ago; ask again in " + wait + " s.",
                        Map.of("retryAfterSeconds", wait));
            }
        });
        String code = "%06d".formatted(random.nextInt(1_000_000));
        store.connect(userId, channel, address, hash(userId, channel, address, code), now.plus(CODE_LIFETIME), now);
        ObjectNode params = json.createObjectNode();
        params.put("channelName", switch (channel) {
            case SMS -> "this phone number";
            case TELEGRAM -> "this Telegram chat";
            case WHATSAPP -> "this WhatsApp number";
            default -> channel.id();
        });
        params.put("code", code);
        params.put("expiresInMinutes", CODE_LIFETIME.toMinutes());
        String notificationId = "address-verification-" + UUID.randomUUID();
        boolean configured = dispatchers.sender(channel).configured();
        queue.enqueue(new DeliveryQueue.NewDelivery(notificationId, notificationId, userId,
                        Template.ADDRESS_VERIFICATION.id(), channel, address, tier, "high", json.writeValueAsString(params), now),
                configured ? null : channel + " is not configured (missing " + dispatchers.sender(channel).missingSettings() + ")",
                now);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatchers.wake(channel);
                }
            });
        }
        return configured;
    }

    /** Checks the code the user typed; a right one verifies the address. */
    @Transactional(noRollbackFor = ApiProblem.class)
    PreferenceStore.Address confirm(String userId, Channel channel, String code) {
        Instant now = clock.instant();
        PreferenceStore.Address address = store.address(userId, channel)
                .orElseThrow(() -> ApiProblem.notFound("A " + channel + " address for this user"));
        if (address.verifiedAt() != null) {
            return address;
        }
        if (address.codeHash() == null || address.codeExpiresAt() == null || !address.codeExpiresAt().isAfter(now)
                || address.codeAttempts() >= MAX_ATTEMPTS) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, NotificationProblems.VERIFICATION_FAILED, "Verification failed",
                    "The code has expired or was guessed wrong too often; connect the address again for a new code.");
        }
        boolean matches = MessageDigest.isEqual(hash(userId, channel, address.address(), code).getBytes(StandardCharsets.US_ASCII),
                address.codeHash().getBytes(StandardCharsets.US_ASCII));
        if (!matches) {
            store.countFailedAttempt(userId, channel, now);
            throw new ApiProblem(HttpStatus.BAD_REQUEST, NotificationProblems.VERIFICATION_FAILED, "Verification failed",
                    "The code is not right; " + (MAX_ATTEMPTS - address.codeAttempts() - 1) + " attempts left.");
        }
        store.markVerified(userId, channel, now);
        return store.address(userId, channel).orElseThrow();
    }

    static String hash(String userId, Channel channel, String address, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest((userId + "\n" + channel.id() + "\n" + address + "\n" + code)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
