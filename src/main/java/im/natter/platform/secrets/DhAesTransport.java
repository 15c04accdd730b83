package im.natter.platform.secrets;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Secret Service's "dh-ietf1024-sha256-aes128-cbc-pkcs7" transport, as libsecret speaks it, so that a
 * password never crosses the bus in clear: Diffie-Hellman in the 1024-bit group of RFC 2409 (generator 2), the
 * shared value left-padded to the prime's 128 bytes, HKDF-SHA256 without salt or info to a 16-byte key, then
 * AES-128-CBC with PKCS#7 padding and a fresh IV per secret.
 */
final class DhAesTransport {

    static final String ALGORITHM = "dh-ietf1024-sha256-aes128-cbc-pkcs7";

    private static final BigInteger PRIME = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                    + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF", 16);
    private static final BigInteger GENERATOR = BigInteger.TWO;
    private static final int PRIME_BYTES = 128;
    private static final int KEY_BYTES = 16;
    private static final int IV_BYTES = 16;

    private final KeyPair keyPair;
    private final SecureRandom random;
    private SecretKeySpec aesKey;

    DhAesTransport(SecureRandom random) throws GeneralSecurityException {
        this.random = random;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DH");
        generator.initialize(new DHParameterSpec(PRIME, GENERATOR), random);
        this.keyPair = generator.generateKeyPair();
    }

    /** Our public value, as the unsigned big-endian bytes the service expects. */
    byte[] publicKey() {
        BigInteger y = ((javax.crypto.interfaces.DHPublicKey) keyPair.getPublic()).getY();
        return leftPad(unsigned(y.toByteArray()), PRIME_BYTES);
    }

    /** Completes the exchange with the service's public value from OpenSession. */
    void agree(byte[] servicePublicKey) throws GeneralSecurityException {
        BigInteger y = new BigInteger(1, servicePublicKey);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(PRIME.subtract(BigInteger.ONE)) >= 0) {
            throw new GeneralSecurityException("the keyring sent an invalid public key");
        }
        var publicKey = KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(y, PRIME, GENERATOR));
        KeyAgreement agreement = KeyAgreement.getInstance("DH");
        agreement.init(keyPair.getPrivate());
        agreement.doPhase(publicKey, true);
        byte[] shared = leftPad(unsigned(agreement.generateSecret()), PRIME_BYTES);
        byte[] okm = hkdfSha256(shared, KEY_BYTES);
        Arrays.fill(shared, (byte) 0);
        aesKey = new SecretKeySpec(okm, "AES");
        Arrays.fill(okm, (byte) 0);
    }

    /** Returns {iv, ciphertext}. */
    byte[][] encrypt(byte[] plain) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key(), new IvParameterSpec(iv));
        return new byte[][] {iv, cipher.doFinal(plain)};
    }

    byte[] decrypt(byte[] iv, byte[] ciphertext) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, key(), new IvParameterSpec(iv));
        return cipher.doFinal(ciphertext);
    }

    private SecretKeySpec key() {
        if (aesKey == null) {
            throw new IllegalStateException("no key agreed yet");
        }
        return aesKey;
    }

    /** RFC 5869 with an all-zero salt of hash length and empty info, which is what the keyring uses. */
    static byte[] hkdfSha256(byte[] ikm, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        byte[] okm = new byte[length];
        byte[] block = new byte[0];
        int done = 0;
        for (int counter = 1; done < length; counter++) {
            mac.update(block);
            mac.update((byte) counter);
            block = mac.doFinal();
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, okm, done, n);
            done += n;
        }
        Arrays.fill(prk, (byte) 0);
        Arrays.fill(block, (byte) 0);
        return okm;
    }

    private static byte[] unsigned(byte[] twosComplement) {
        if (twosComplement.length > 1 && twosComplement[0] == 0) {
            return Arrays.copyOfRange(twosComplement, 1, twosComplement.length);
        }
        return twosComplement;
    }

    static byte[] leftPad(byte[] value, int length) {
        if (value.length >= length) {
            return value;
        }
        byte[] padded = new byte[length];
        System.arraycopy(value, 0, padded, length - value.length, value.length);
        Arrays.fill(value, (byte) 0);
        return padded;
    }
}
