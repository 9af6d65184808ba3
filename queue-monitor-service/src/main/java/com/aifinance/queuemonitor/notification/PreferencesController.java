package com.aifinance.queuemonitor.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.queuemonitor.notification.provider.Channel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own notification preferences: the channels in the order they want to be reached, and the SMS number,
 * Telegram chat and WhatsApp number they connect (each verified by a code sent there). The user is always the
 * token's subject; nobody reads or changes another user's preferences here.
 */
@RestController
@RequestMapping("/api/queues/notifications/preferences")
@PreAuthorize("isAuthenticated()")
@Validated
@Tag(name = "Notification preferences", description = "The caller's own channels and connected addresses")
@SecurityRequirement(name = "bearer")
class PreferencesController {

    private final PreferenceStore store;
    private final AddressVerification verification;
    private final Clock clock;

    PreferencesController(PreferenceStore store, AddressVerification verification, Clock clock) {
        this.store = store;
        this.verification = verification;
        this.clock = clock;
    }

    @Schema(description = "The caller's preferences")
    record Preferences(
            @Schema(description = "Channels in the order the user wants to be reached; e-mail when never set")
            List<String> channels,
            @Schema(description = "Channels the caller's tier may use") List<String> allowedChannels,
            List<AddressView> addresses) {
    }

    @Schema(description = "A connected address")
    record AddressView(String channel, String address, boolean verified, Instant verifiedAt, Instant codeExpiresAt) {

        static AddressView of(PreferenceStore.Address address) {
            return new AddressView(address.channel().id(), address.address(), address.verifiedAt() != null,
                    address.verifiedAt(), address.verifiedAt() == null ? address.codeExpiresAt() : null);
        }
    }

    @Schema(description = "New channel order")
    record ChannelsUpdate(@NotEmpty @Size(max = 4) List<@NotBlank @Pattern(regexp = "email|sms|telegram|whatsapp",
            message = "must be email, sms, telegram or whatsapp") String> channels) {
    }

    @Schema(description = "An address to connect: an E.164 number (+4915112345678) for sms and whatsapp, a chat id for telegram")
    record AddressUpdate(@NotBlank @Size(max = 40) String address) {
    }

    @Schema(description = "The code that was sent to the address")
    record CodeConfirmation(@NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6-digit code") String code) {
    }

    @Schema(description = "A verification code is on its way (or parked when the channel is not configured yet)")
    record VerificationSent(String channel, String address, boolean codeQueued, String note) {
    }

    @GetMapping
    @Operation(summary = "The caller's channels, allowed channels and connected addresses")
    Preferences get() {
        Caller caller = caller();
        return view(caller);
    }

    @PutMapping
    @Operation(summary = "Set the caller's channels, in order")
    @ApiResponse(responseCode = "403", description = "A channel the caller's tier does not include (channel-not-in-tier)")
    Preferences update(@Valid @RequestBody ChannelsUpdate update) {
        Caller caller = caller();
        LinkedHashSet<Channel> channels = new LinkedHashSet<>();
        for (String id : update.channels()) {
            Channel channel = Channel.of(id).orElseThrow();
            requireTier(caller, channel);
            if (!channels.add(channel)) {
                throw ApiProblem.invalid("channel " + id + " is listed twice");
            }
        }
        store.saveChannels(caller.subject(), new ArrayList<>(channels), clock.instant());
        return view(caller);
    }

    @PutMapping("/addresses/{channel}")
    @Operation(summary = "Connect an SMS number, Telegram chat id or WhatsApp number; a 6-digit code is sent there")
    @ApiResponse(responseCode = "202", description = "The address is stored unverified and the code is queued")
    @ApiResponse(responseCode = "429", description = "A code was sent less than a minute ago")
    ResponseEntity<VerificationSent> connect(
            @PathVariable @Pattern(regexp = "sms|telegram|whatsapp", message = "must be sms, telegram or whatsapp") String channel,
            @Valid @RequestBody AddressUpdate update) {
        Caller caller = caller();
        Channel chosen = Channel.of(channel).orElseThrow();
        requireTier(caller, chosen);
        String address = update.address().trim();
        boolean valid = chosen == Channel.TELEGRAM
                ? NotificationRequest.TELEGRAM_CHAT.matcher(address).matches() && !address.startsWith("@")
                : NotificationRequest.PHONE.matcher(address).matches();
        if (!valid) {
            throw ApiProblem.invalid(chosen == Channel.TELEGRAM
                    ? "a Telegram chat id is a number (send /start to our bot to get yours)"
                    : "a phone number is in E.164 form, e.g. +4915112345678");
        }
        boolean queued = verification.connect(caller.subject(), caller.tier(), chosen, address);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new VerificationSent(chosen.id(), address, queued,
                queued ? "a code is on its way; confirm it within 10 minutes"
                        : chosen + " is not configured on this platform yet; the code is parked until it is"));
    }

    @PostMapping("/addresses/{channel}/verification")
    @Operation(summary = "Confirm the code sent to an address; the address is verified afterwards")
    @ApiResponse(responseCode = "400", description = "Wrong, expired or too often guessed code (verification-failed)")
    AddressView confirm(@PathVariable @Pattern(regexp = "sms|telegram|whatsapp") String channel,
                        @Valid @RequestBody CodeConfirmation confirmation) {
        return AddressView.of(verification.confirm(caller().subject(), Channel.of(channel).orElseThrow(),
                confirmation.code()));
    }

    @DeleteMapping("/addresses/{channel}")
    @Operation(summary = "Disconnect an address")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "No address connected for that channel")
    ResponseEntity<Void> disconnect(@PathVariable @Pattern(regexp = "sms|telegram|whatsapp") String channel) {
        if (!store.remove(caller().subject(), Channel.of(channel).orElseThrow())) {
            throw ApiProblem.notFound("A " + channel + " address for this user");
        }
        return ResponseEntity.noContent().build();
    }

    private Preferences view(Caller caller) {
        List<String> allowed = Arrays.stream(Channel.values())
                .filter(channel -> channel != Channel.SLACK && channel.allowedFor(caller.tier()))
                .map(Channel::id).toList();
        return new Preferences(store.channels(caller.subject()).stream().map(Channel::id).toList(), allowed,
                store.addresses(caller.subject()).stream().map(AddressView::of).toList());
    }

    private static void requireTier(Caller caller, Channel channel) {
        if (!channel.allowedFor(caller.tier())) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, NotificationProblems.CHANNEL_NOT_IN_TIER, "Channel not in your plan",
                    channel + " alerts are part of the Pro and Enterprise plans; your plan is " + caller.tier() + ".");
        }
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> new IllegalStateException("no authenticated caller"));
    }
}
