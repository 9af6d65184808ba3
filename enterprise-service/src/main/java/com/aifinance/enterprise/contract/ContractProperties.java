package com.aifinance.enterprise.contract;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Contract lifecycle ({@code aifa.enterprise.contracts.*}).
 *
 * @param schedule              cron (UTC) of the daily expiry and reminder run; {@code -} disables it
 * @param renewalNoticeDays     default renewal date: this many days before the end
 * @param renewalReminderDays   {@code renewal_reminder} this many days before the renewal date
 * @param expiryReminderDays    {@code contract_expiring} this many days before the end, unless renewed
 * @param salesEmail            our account team's address, copied on every reminder (empty: nobody)
 */
@ConfigurationProperties("aifa.enterprise.contracts")
record ContractProperties(
        @DefaultValue("0 0 6 * * *") String schedule,
        @DefaultValue("60") int renewalNoticeDays,
        @DefaultValue({"30", "7", "1"}) List<Integer> renewalReminderDays,
        @DefaultValue({"30", "7", "1"}) List<Integer> expiryReminderDays,
        @DefaultValue("") String salesEmail) {
}
