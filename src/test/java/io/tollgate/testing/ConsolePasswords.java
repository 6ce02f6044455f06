package io.tollgate.testing;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Console admin password hashes in the format of Jakarta Security's {@code Pbkdf2PasswordHash}
 * ({@code PBKDF2WithHmacSHA256:iterations:salt:hash}, base64), as an operator writes them into
 * {@code tollgate.console.admins}. Also a command: {@code ConsolePasswords <name>} reads a password from standard
 * input and prints the {@code name:hash} entry.
 */
public final class ConsolePasswords {

    private static final int ITERATIONS = 210_000; // OWASP's figure for PBKDF2-HMAC-SHA256

    private ConsolePasswords() {
    }

    public static String hash(String password) {
        try {
            byte[] salt = new byte[32];
            new SecureRandom().nextBytes(salt);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
            return "PBKDF2WithHmacSHA256:" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws java.io.IOException {
        if (args.length != 1) {
            System.err.println("usage: ConsolePasswords <admin name>   (the password on standard input)");
            System.exit(2);
        }
        String password = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        System.out.println(args[0] + ":" + hash(password));
    }
}
