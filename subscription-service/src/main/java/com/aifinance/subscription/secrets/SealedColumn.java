package com.aifinance.subscription.secrets;

/**
 * A database column holding values sealed by {@link SecretBox}, declared by the feature that owns it so that
 * {@link SecretReencryption} can move every value to the current key. The value of row {@code id} is sealed with the
 * context {@code contextPrefix + id}.
 *
 * @param kind          what the values are, as reports and metrics name them ({@code totp_secrets})
 * @param table         the table
 * @param idColumn      its primary key (one column)
 * @param valueColumn   the {@code bytea} column with the sealed values (null values are skipped)
 * @param contextPrefix the associated data the owner seals with, before the row's id
 */
public record SealedColumn(String kind, String table, String idColumn, String valueColumn, String contextPrefix) {
}
