package com.aifinance.subscription.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept in the database (signing keys, TOTP secrets) with AES-256-GCM, so a database dump alone does
 * not reveal them. Each value carries its own random 96-bit nonce; {@code context} is bound as associated data so a
 * ciphertext cannot be moved to another row or purpose.
 *
 * <p>A value is {@code 0x01 | key id (4 bytes) | nonce | ciphertext | tag}, the key id being the first four bytes of
 * the key's SHA-256, so a rotation knows which values are still on the old key. Values written before key ids
 * ({@code nonce | ciphertext | tag}) are still read. Encryption always uses the current key; decryption also accepts
 * the previous one ({@code AIFA_ENCRYPTION_KEY_PREVIOUS}) until {@link SecretReencryption} has moved everything.
 */
public class SecretBox {

    private static final byte FORMAT = 0x01;
    private static final int KEY_ID_BYTES = 4;
    private static final int HEADER_BYTES = 1 + KEY_ID_BYTES;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Key current;
    private final List<Key> previous;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        this(key, null);
    }

    /**
     * @param key         the key that encrypts (and decrypts)
     * @param previousKey the key it replaced, which only decrypts; null when not rotating
     */
    public SecretBox(byte[] key, byte[] previousKey) {
        this.current = Key.of(key);
        this.previous = previousKey == null || Arrays.equals(previousKey, key) ? List.of() : List.of(Key.of(previousKey));
    }

    public static SecretBox fromBase64(String key) {
        return fromBase64(key, null);
    }

    public static SecretBox fromBase64(String key, String previousKey) {
        return new SecretBox(decode(key), previousKey == null || previousKey.isBlank() ? null : decode(previousKey));
    }

    static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an encryption key must be base64 (openssl rand -base64 32)");
        }
    }

    /** The id written into every value this box encrypts (hex). */
    public String currentKeyId() {
        return current.hexId();
    }

    public Optional<String> previousKeyId() {
        return previous.stream().findFirst().map(Key::hexId);
    }

    public byte[] encrypt(byte[] plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(FORMAT).put(current.id()).array();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(HEADER_BYTES + nonce.length + sealed.length).put(header).put(nonce).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] ciphertext, String context) {
        return open(ciphertext, context).plaintext();
    }

    /** Whether {@code ciphertext} is already in the current format under the current key (the header says so). */
    public boolean isCurrent(byte[] ciphertext) {
        return hasHeader(ciphertext) && Arrays.equals(idOf(ciphertext), current.id());
    }

    /**
     * The same plaintext encrypted with the current key, when {@code ciphertext} was encrypted with the previous key
     * or in the format without key id; empty when it is already current.
     */
    public Optional<byte[]> reencrypt(byte[] ciphertext, String context) {
        Opened opened = open(ciphertext, context);
        return opened.current() ? Optional.empty() : Optional.of(encrypt(opened.plaintext(), context));
    }

    Opened open(byte[] ciphertext, String context) {
        byte[] aad = context.getBytes(StandardCharsets.UTF_8);
        if (hasHeader(ciphertext)) {
            byte[] id = idOf(ciphertext);
            for (Key key : keys()) {
                if (Arrays.equals(key.id(), id)) {
                    byte[] plaintext = attempt(key, ciphertext, HEADER_BYTES, aad, true);
                    if (plaintext != null) {
                        return new Opened(plaintext, key == current);
                    }
                }
            }
        }
        // the format without a key id: try each key (a tampered value fails with all)
        for (Key key : keys()) {
            byte[] plaintext = attempt(key, ciphertext, 0, aad, false);
            if (plaintext != null) {
                return new Opened(plaintext, false);
            }
        }
        throw new IllegalStateException("a stored secret cannot be decrypted: it was encrypted with a key that is "
                + "neither AIFA_ENCRYPTION_KEY nor AIFA_ENCRYPTION_KEY_PREVIOUS, or it was tampered with");
    }

    private List<Key> keys() {
        List<Key> keys = new ArrayList<>(1 + previous.size());
        keys.add(current);
        keys.addAll(previous);
        return keys;
    }

    private static byte[] attempt(Key key, byte[] value, int offset, byte[] context, boolean withHeader) {
        if (value.length < offset + NONCE_BYTES + TAG_BITS / 8) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, value, offset, NONCE_BYTES));
            if (withHeader) {
                cipher.updateAAD(value, 0, HEADER_BYTES);
            }
            cipher.updateAAD(context);
            return cipher.doFinal(value, offset + NONCE_BYTES, value.length - offset - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException wrongKeyOrTampered) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed", e);
        }
    }

    private static boolean hasHeader(byte[] value) {
        return value.length > HEADER_BYTES + NONCE_BYTES && value[0] == FORMAT;
    }

    private static byte[] idOf(byte[] value) {
        return Arrays.copyOfRange(value, 1, HEADER_BYTES);
    }

    /** A decrypted value, and whether it was stored as this box would store it now. */
    record Opened(byte[] plaintext, boolean current) {
    }

    private record Key(byte[] id, SecretKey key) {

        static Key of(byte[] key) {
            if (key.length != 32) {
                throw new IllegalArgumentException("the encryption key must be 32 bytes (256 bits), got " + key.length);
            }
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
                return new Key(Arrays.copyOf(digest, KEY_ID_BYTES), new SecretKeySpec(key, "AES"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String hexId() {
            return HexFormat.of().formatHex(id);
        }
    }
}
