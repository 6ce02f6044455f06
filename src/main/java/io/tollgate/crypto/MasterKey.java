package io.tollgate.crypto;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals secrets stored in the database (token signing keys, OpenRouter keys) with AES-256-GCM under the master
 * key from configuration. Each sealed value records the id of the master key that sealed it, so the master key
 * can be rotated: new values use {@code tollgate.crypto.master-key}, older ones are still opened with the keys
 * listed in {@code tollgate.crypto.retired-master-keys}.
 */
@ApplicationScoped
public class MasterKey {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "tollgate.crypto.master-key")
    Optional<String> masterKey;
    @Inject
    @ConfigProperty(name = "tollgate.crypto.master-key-id", defaultValue = "primary")
    String masterKeyId;
    @Inject
    @ConfigProperty(name = "tollgate.crypto.retired-master-keys")
    Optional<String> retiredMasterKeys;

    private final Map<String, SecretKeySpec> keys = new HashMap<>();

    @PostConstruct
    void load() {
        masterKey.filter(k -> !k.isBlank()).ifPresent(k -> keys.put(masterKeyId, aesKey(masterKeyId, k)));
        retiredMasterKeys.filter(k -> !k.isBlank()).ifPresent(list -> {
            for (String entry : list.split(",")) {
                String[] idAndKey = entry.trim().split("=", 2);
                if (idAndKey.length != 2) {
                    throw new IllegalStateException("tollgate.crypto.retired-master-keys entries are id=base64key");
                }
                keys.put(idAndKey[0], aesKey(idAndKey[0], idAndKey[1]));
            }
        });
    }

    private static SecretKeySpec aesKey(String id, String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length != 32) {
            throw new IllegalStateException("Master key " + id + " must be 32 bytes (base64), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public boolean isConfigured() {
        return keys.containsKey(masterKeyId);
    }

    /** Seals {@code plaintext}; {@code context} is bound to it (e.g. a key id) and must be given again to open. */
    public Sealed seal(byte[] plaintext, String context) {
        SecretKeySpec key = keys.get(masterKeyId);
        if (key == null) {
            throw CryptoRefused.masterKeyMissing("tollgate.crypto.master-key is not configured");
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return new Sealed(masterKeyId, Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing failed", e);
        }
    }

    public byte[] open(Sealed sealed, String context) {
        SecretKeySpec key = keys.get(sealed.masterKeyId());
        if (key == null) {
            throw CryptoRefused.masterKeyMissing("No master key with id " + sealed.masterKeyId() + " is configured");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.value());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed value could not be opened (wrong master key or tampered)", e);
        }
    }

    /** A value sealed under the master key {@code masterKeyId}. */
    public record Sealed(String masterKeyId, String value) {
    }
}
