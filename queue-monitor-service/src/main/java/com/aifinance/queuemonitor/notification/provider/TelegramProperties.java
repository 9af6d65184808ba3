package com.aifinance.queuemonitor.notification.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Telegram Bot API ({@code aifa.notify.telegram.*}).
 *
 * @param botToken      the bot's token from BotFather ({@code TELEGRAM_BOT_TOKEN}); empty: not configured
 * @param premiumChatId the premium signal channel ({@code TELEGRAM_PREMIUM_CHAT_ID}, e.g. {@code @aifa_premium} or
 *                      {@code -100…}); signal broadcasts without a recipient go there
 */
@ConfigurationProperties("aifa.notify.telegram")
public record TelegramProperties(
        @DefaultValue("https://api.telegram.org") String baseUrl,
        @DefaultValue("") String botToken,
        @DefaultValue("") String premiumChatId,
        @DefaultValue("25") double ratePerSecond,
        @DefaultValue("5") int burst,
        @DefaultValue("8") int concurrency) implements ChannelSettings {
}
