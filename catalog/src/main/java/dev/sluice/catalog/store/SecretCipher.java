package dev.sluice.catalog.store;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps secret option values (passwords, JAAS configurations, tokens: {@link SensitiveOptions})
 * encrypted in the catalog database: AES-GCM with a key derived from the operator's {@code
 * SLUICE_SECRET_KEY}, the option's key bound in as associated data, so a value cannot be moved to
 * another option. Pipelines get the real values; the database files and backups never hold them in
 * plain text. Without a key, a definition with a secret is refused with the fix rather than stored
 * in the clear.
 */
public final class SecretCipher {

    /** The environment variable the operator puts the key (any passphrase) in. */
    public static final String ENVIRONMENT = "SLUICE_SECRET_KEY";

    private static final String PREFIX = "sluice-encrypted:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] SALT = "sluice-catalog-secrets".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<SecretKey> key;
    private final boolean required;

    private SecretCipher(Optional<SecretKey> key, boolean required) {
        this.key = key;
        this.required = required;
    }

    /** Secrets stored as they are: for in-memory databases, which never reach a disk. */
    public static SecretCipher plaintext() {
        return new SecretCipher(Optional.empty(), false);
    }

    /** Encrypts with a key derived from {@code passphrase}. */
    public static SecretCipher withPassphrase(String passphrase) {
        requireNonNull(passphrase, "passphrase is null");
        if (passphrase.length() < 16) {
            throw new CatalogStoreException(
                    ENVIRONMENT + " is too short: use a passphrase of at least 16 characters");
        }
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] bytes =
                    factory.generateSecret(
                                    new PBEKeySpec(passphrase.toCharArray(), SALT, 120_000, 256))
                            .getEncoded();
            return new SecretCipher(Optional.of(new SecretKeySpec(bytes, "AES")), true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot derive AES keys", e);
        }
    }

    /**
     * What a store at {@code url} needs: in-memory H2 keeps secrets as they are; every database on
     * disk or on a server encrypts them with the key from {@value #ENVIRONMENT}, or refuses them.
     */
    public static SecretCipher forUrl(String url, Optional<String> passphrase) {
        if (url.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:h2:mem:")) {
            return plaintext();
        }
        return passphrase
                .filter(p -> !p.isEmpty())
                .map(SecretCipher::withPassphrase)
                .orElse(new SecretCipher(Optional.empty(), true));
    }

    Map<String, String> seal(String object, Map<String, String> definition) {
        if (!required) {
            return definition;
        }
        Map<String, String> sealed = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : definition.entrySet()) {
            String value = option.getValue();
            if (!SensitiveOptions.isSensitive(option.getKey()) || value.startsWith(PREFIX)) {
                sealed.put(option.getKey(), value);
                continue;
            }
            SecretKey secret =
                    key.orElseThrow(
                            () ->
                                    new CatalogStoreException(
                                            ("%s has the secret option '%s'; the catalog stores secrets encrypted only."
                                                            + " Set %s (a passphrase of 16+ characters) for the gateway and start it again")
                                                    .formatted(
                                                            object, option.getKey(), ENVIRONMENT)));
            sealed.put(option.getKey(), encrypt(secret, option.getKey(), value));
        }
        return sealed;
    }

    Map<String, String> open(String object, Map<String, String> definition) {
        if (definition.values().stream().noneMatch(v -> v.startsWith(PREFIX))) {
            return definition;
        }
        Map<String, String> opened = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : definition.entrySet()) {
            String value = option.getValue();
            if (!value.startsWith(PREFIX)) {
                opened.put(option.getKey(), value);
                continue;
            }
            SecretKey secret =
                    key.orElseThrow(
                            () ->
                                    new CatalogStoreException(
                                            "%s has an encrypted option '%s'; set %s to the key it was stored with"
                                                    .formatted(
                                                            object, option.getKey(), ENVIRONMENT)));
            opened.put(option.getKey(), decrypt(secret, object, option.getKey(), value));
        }
        return opened;
    }

    private static String encrypt(SecretKey key, String option, String value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(option.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot encrypt with AES-GCM", e);
        }
    }

    private static String decrypt(SecretKey key, String object, String option, String value) {
        try {
            byte[] in = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(option.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CatalogStoreException(
                    "%s: option '%s' cannot be decrypted; %s is not the key it was stored with"
                            .formatted(object, option, ENVIRONMENT),
                    e);
        }
    }
}
