package com.aifinance.queuemonitor.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.aifinance.queuemonitor.notification.NotificationRequest.Recipient;
import com.aifinance.queuemonitor.notification.NotificationRequest.Rejection;
import com.aifinance.queuemonitor.notification.provider.Channel;
import com.aifinance.queuemonitor.notification.provider.SlackProperties;
import com.aifinance.queuemonitor.notification.provider.TelegramProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Chooses where a notification goes: the channel the request names, or the user's preferences; only channels the
 * tier allows (Telegram and WhatsApp from Pro up) and for which there is a verified address.
 */
@Component
class ChannelRouter {

    private static final Logger log = LoggerFactory.getLogger(ChannelRouter.class);

    record Target(Channel channel, String address) {
    }

    private final PreferenceStore preferences;
    private final SlackProperties slack;
    private final TelegramProperties telegram;

    ChannelRouter(PreferenceStore preferences, SlackProperties slack, TelegramProperties telegram) {
        this.preferences = preferences;
        this.slack = slack;
        this.telegram = telegram;
    }

    List<Target> route(NotificationRequest request) {
        Template template = request.template();
        Channel named = request.channel();
        if (named != null) {
            if (template.routing() == Template.Routing.EMAIL_ONLY && named != Channel.EMAIL) {
                throw new Rejection("template_channel", template.id() + " is delivered by e-mail only, not " + named);
            }
            if (!named.allowedFor(request.tier())) {
                throw new Rejection("tier", named + " is for Pro and Enterprise subscribers; the request's tier is "
                        + (request.tier() == null ? "unknown" : request.tier()));
            }
            String address = address(named, request).orElseThrow(() -> new Rejection("no_address",
                    "no verified " + named + " address for " + who(request.recipient())));
            return List.of(new Target(named, address));
        }
        return switch (template.routing()) {
            case EXPLICIT_ONLY -> throw new Rejection("malformed", template.id() + " needs a channel");
            case EMAIL_ONLY -> List.of(new Target(Channel.EMAIL, address(Channel.EMAIL, request).orElseThrow(() ->
                    new Rejection("no_address", "no e-mail address for " + who(request.recipient())))));
            case PREFERRED, FIRST_PREFERRED -> {
                List<Target> targets = new ArrayList<>();
                for (Channel channel : candidates(request)) {
                    if (!channel.allowedFor(request.tier())) {
                        log.info("Skipping {} for notification {}: tier {} does not include it", channel,
                                request.notificationId(), request.tier());
                        continue;
                    }
                    Optional<String> address = address(channel, request);
                    if (address.isEmpty()) {
                        log.info("Skipping {} for notification {}: no verified address for {}", channel,
                                request.notificationId(), who(request.recipient()));
                        continue;
                    }
                    targets.add(new Target(channel, address.get()));
                    if (template.routing() == Template.Routing.FIRST_PREFERRED) {
                        break;
                    }
                }
                if (targets.isEmpty()) {
                    throw new Rejection("no_address", "none of the channels " + candidates(request)
                            + " has a verified address for " + who(request.recipient()) + " that tier "
                            + (request.tier() == null ? "unknown" : request.tier()) + " may use");
                }
                yield targets;
            }
        };
    }

    /**
     * A user's preferences. For someone who is not a user: the channels the request has addresses for, or else the
     * configured destinations (the Telegram premium channel for signals, the operations Slack webhook).
     */
    private List<Channel> candidates(NotificationRequest request) {
        Recipient recipient = request.recipient();
        if (recipient.userId() != null) {
            return preferences.channels(recipient.userId());
        }
        List<Channel> channels = new ArrayList<>();
        if (recipient.email() != null) {
            channels.add(Channel.EMAIL);
        }
        if (recipient.phone() != null) {
            channels.add(Channel.SMS);
        }
        if (recipient.telegramChatId() != null) {
            channels.add(Channel.TELEGRAM);
        }
        if (recipient.whatsappNumber() != null) {
            channels.add(Channel.WHATSAPP);
        }
        if (recipient.slackWebhook() != null) {
            channels.add(Channel.SLACK);
        }
        if (channels.isEmpty()) {
            for (Channel channel : List.of(Channel.TELEGRAM, Channel.SLACK)) {
                if (address(channel, request).isPresent()) {
                    channels.add(channel);
                }
            }
        }
        return channels;
    }

    private Optional<String> address(Channel channel, NotificationRequest request) {
        Recipient recipient = request.recipient();
        String userId = recipient.userId();
        return switch (channel) {
            case EMAIL -> Optional.ofNullable(recipient.email());
            case SMS -> Optional.ofNullable(recipient.phone())
                    .or(() -> stored(userId, Channel.SMS));
            case WHATSAPP -> Optional.ofNullable(recipient.whatsappNumber())
                    .or(() -> stored(userId, Channel.WHATSAPP));
            case TELEGRAM -> Optional.ofNullable(recipient.telegramChatId())
                    .or(() -> stored(userId, Channel.TELEGRAM))
                    .or(() -> userId == null && request.template() == Template.SIGNAL_PUBLISHED
                            && !telegram.premiumChatId().isBlank() ? Optional.of(telegram.premiumChatId()) : Optional.empty());
            case SLACK -> {
                if (recipient.slackWebhook() != null) {
                    if (!slack.isWebhook(recipient.slackWebhook())) {
                        throw new Rejection("malformed", "recipient.slackWebhook is not a Slack incoming webhook URL");
                    }
                    yield Optional.of(recipient.slackWebhook());
                }
                yield userId == null && !slack.defaultWebhookUrl().isBlank()
                        ? Optional.of(slack.defaultWebhookUrl()) : Optional.empty();
            }
        };
    }

    private Optional<String> stored(String userId, Channel channel) {
        return userId == null ? Optional.empty() : preferences.verifiedAddress(userId, channel);
    }

    private static String who(Recipient recipient) {
        return recipient.userId() != null ? "user " + recipient.userId() : "the recipient";
    }
}
