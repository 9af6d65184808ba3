package com.aifinance.queuemonitor.notification;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.aifinance.queuemonitor.notification.provider.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Users' channel preferences and the addresses they connected, in this service's schema. */
@Component
class PreferenceStore {

    static final List<Channel> DEFAULT_CHANNELS = List.of(Channel.EMAIL);

    private final JdbcClient jdbc;

    PreferenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A connected address.
     *
     * @param verifiedAt null while the code sent to it has not been confirmed
     */
    record Address(String userId, Channel channel, String address, Instant verifiedAt, String codeHash,
                   Instant codeExpiresAt, Instant codeSentAt, int codeAttempts) {
    }

    List<Channel> channels(String userId) {
        return jdbc.sql("select channels from notification_preferences where user_id = ?").param(userId)
                .query((rs, row) -> channels(rs.getArray("channels")))
                .optional().orElse(DEFAULT_CHANNELS);
    }

    boolean hasPreferences(String userId) {
        return jdbc.sql("select count(*) from notification_preferences where user_id = ?").param(userId)
                .query(Long.class).single() > 0;
    }

    void saveChannels(String userId, List<Channel> channels, Instant now) {
        jdbc.sql("""
                        insert into notification_preferences (user_id, channels, updated_at) values (?, ?::text[], ?)
                        on conflict (user_id) do update set channels = excluded.channels, updated_at = excluded.updated_at""")
                .params(userId, "{" + String.join(",", channels.stream().map(Channel::id).toList()) + "}",
                        DeliveryQueue.time(now))
                .update();
    }

    Optional<String> verifiedAddress(String userId, Channel channel) {
        return address(userId, channel).filter(address -> address.verifiedAt() != null).map(Address::address);
    }

    Optional<Address> address(String userId, Channel channel) {
        return jdbc.sql("select * from notification_addresses where user_id = ? and channel = ?")
                .params(userId, channel.id())
                .query(PreferenceStore::address).optional();
    }

    List<Address> addresses(String userId) {
        return jdbc.sql("select * from notification_addresses where user_id = ? order by channel").param(userId)
                .query(PreferenceStore::address).list();
    }

    /** Connects (or replaces) an address as unverified, with the hash of the code just sent to it. */
    void connect(String userId, Channel channel, String address, String codeHash, Instant expiresAt, Instant now) {
        jdbc.sql("""
                        insert into notification_addresses (user_id, channel, address, verified_at, code_hash, code_expires_at,
                            code_sent_at, code_attempts, updated_at)
                        values (:user, :channel, :address, null, :hash, :expires, :now, 0, :now)
                        on conflict (user_id, channel) do update set address = excluded.address, verified_at = null,
                            code_hash = excluded.code_hash, code_expires_at = excluded.code_expires_at,
                            code_sent_at = excluded.code_sent_at, code_attempts = 0, updated_at = excluded.updated_at""")
                .param("user", userId).param("channel", channel.id()).param("address", address)
                .param("hash", codeHash).param("expires", DeliveryQueue.time(expiresAt)).param("now", DeliveryQueue.time(now))
                .update();
    }

    void countFailedAttempt(String userId, Channel channel, Instant now) {
        jdbc.sql("""
                        update notification_addresses set code_attempts = code_attempts + 1, updated_at = ?
                         where user_id = ? and channel = ?""")
                .params(DeliveryQueue.time(now), userId, channel.id()).update();
    }

    void markVerified(String userId, Channel channel, Instant now) {
        jdbc.sql("""
                        update notification_addresses set verified_at = ?, code_hash = null, code_expires_at = null,
                            code_attempts = 0, updated_at = ?
                         where user_id = ? and channel = ?""")
                .params(DeliveryQueue.time(now), DeliveryQueue.time(now), userId, channel.id()).update();
    }

    boolean remove(String userId, Channel channel) {
        return jdbc.sql("delete from notification_addresses where user_id = ? and channel = ?")
                .params(userId, channel.id()).update() == 1;
    }

    private static Address address(ResultSet rs, int row) throws SQLException {
        return new Address(rs.getString("user_id"), Channel.of(rs.getString("channel")).orElseThrow(),
                rs.getString("address"), DeliveryQueue.instant(rs, "verified_at"), rs.getString("code_hash"),
                DeliveryQueue.instant(rs, "code_expires_at"), DeliveryQueue.instant(rs, "code_sent_at"),
                rs.getInt("code_attempts"));
    }

    private static List<Channel> channels(Array array) throws SQLException {
        List<Channel> channels = new ArrayList<>();
        for (Object id : Arrays.asList((Object[]) array.getArray())) {
            Channel.of(String.valueOf(id)).ifPresent(channels::add);
        }
        return channels;
    }
}
