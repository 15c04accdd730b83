package im.natter.platform.secrets;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import im.natter.domain.model.AccountId;
import im.natter.domain.port.SecretStore;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Passwords in the user's default macOS keychain as generic passwords (service "Natter", account the bare
 * address), through Security.framework's SecKeychain functions called with JNA. Not run on the build machine:
 * checked by hand on a Mac.
 */
public final class MacKeychainStore implements SecretStore {

    static final String SERVICE = "Natter";
    private static final int ERR_SEC_SUCCESS = 0;
    private static final int ERR_SEC_ITEM_NOT_FOUND = -25300;

    private final Security security;
    private final CoreFoundation coreFoundation;

    /** Loads Security.framework; throws UnsatisfiedLinkError (or another LinkageError) where it does not exist. */
    public MacKeychainStore() {
        this.security = Native.load("Security", Security.class);
        this.coreFoundation = Native.load("CoreFoundation", CoreFoundation.class);
    }

    @Override
    public boolean isAvailable() {
        PointerByReference keychain = new PointerByReference();
        int status = security.SecKeychainCopyDefault(keychain);
        if (status == ERR_SEC_SUCCESS && keychain.getValue() != null) {
            coreFoundation.CFRelease(keychain.getValue());
            return true;
        }
        return false;
    }

    @Override
    public String description() {
        return "macOS Keychain";
    }

    @Override
    public void savePassword(AccountId account, char[] password) throws SecretStoreException {
        Objects.requireNonNull(account, "account");
        byte[] service = SERVICE.getBytes(StandardCharsets.UTF_8);
        byte[] user = account.address().value().getBytes(StandardCharsets.UTF_8);
        byte[] secret = PasswordBytes.encode(password);
        Memory data = copy(secret);
        try {
            PointerByReference item = new PointerByReference();
            int found = security.SecKeychainFindGenericPassword(null, service.length, service, user.length, user,
                    null, null, item);
            int status;
            if (found == ERR_SEC_SUCCESS) {
                try {
                    status = security.SecKeychainItemModifyAttributesAndData(item.getValue(), null, secret.length,
                            data);
                } finally {
                    coreFoundation.CFRelease(item.getValue());
                }
            } else if (found == ERR_SEC_ITEM_NOT_FOUND) {
                status = security.SecKeychainAddGenericPassword(null, service.length, service, user.length, user,
                        secret.length, data, null);
            } else {
                status = found;
            }
            check(status, "save the password");
        } finally {
            PasswordBytes.wipe(secret);
            if (data != null) {
                data.clear();
                data.close();
            }
        }
    }

    @Override
    public Optional<char[]> loadPassword(AccountId account) throws SecretStoreException {
        Objects.requireNonNull(account, "account");
        byte[] service = SERVICE.getBytes(StandardCharsets.UTF_8);
        byte[] user = account.address().value().getBytes(StandardCharsets.UTF_8);
        IntByReference length = new IntByReference();
        PointerByReference data = new PointerByReference();
        int status = security.SecKeychainFindGenericPassword(null, service.length, service, user.length, user,
                length, data, null);
        if (status == ERR_SEC_ITEM_NOT_FOUND) {
            return Optional.empty();
        }
        check(status, "read the password");
        byte[] bytes = null;
        try {
            int n = length.getValue();
            bytes = n == 0 ? new byte[0] : data.getValue().getByteArray(0, n);
            if (n > 0) {
                data.getValue().clear(n);
            }
            return Optional.of(PasswordBytes.decode(bytes));
        } catch (CharacterCodingException e) {
            throw new SecretStoreException("The password saved for " + account + " in the keychain is not"
                    + " readable text.", e);
        } finally {
            PasswordBytes.wipe(bytes);
            security.SecKeychainItemFreeContent(null, data.getValue());
        }
    }

    @Override
    public void deletePassword(AccountId account) throws SecretStoreException {
        Objects.requireNonNull(account, "account");
        byte[] service = SERVICE.getBytes(StandardCharsets.UTF_8);
        byte[] user = account.address().value().getBytes(StandardCharsets.UTF_8);
        PointerByReference item = new PointerByReference();
        int status = security.SecKeychainFindGenericPassword(null, service.length, service, user.length, user,
                null, null, item);
        if (status == ERR_SEC_ITEM_NOT_FOUND) {
            return;
        }
        check(status, "remove the password");
        try {
            check(security.SecKeychainItemDelete(item.getValue()), "remove the password");
        } finally {
            coreFoundation.CFRelease(item.getValue());
        }
    }

    private static Memory copy(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    private static void check(int status, String action) throws SecretStoreException {
        if (status == ERR_SEC_SUCCESS) {
            return;
        }
        String why = switch (status) {
            case -128 -> "you cancelled the keychain dialog";
            case -25293 -> "the keychain refused the password given for it";
            case -25294, -25307 -> "there is no default keychain";
            case -25308 -> "the keychain is locked and cannot ask you now";
            default -> "keychain error " + status;
        };
        throw new SecretStoreException("The keychain could not " + action + " (" + why + ").", null);
    }

    /** The SecKeychain functions of Security.framework. Names and types follow SecKeychain.h. */
    public interface Security extends Library {
        int SecKeychainCopyDefault(PointerByReference keychain);

        int SecKeychainAddGenericPassword(Pointer keychain, int serviceNameLength, byte[] serviceName,
                int accountNameLength, byte[] accountName, int passwordLength, Pointer passwordData,
                PointerByReference itemRef);

        int SecKeychainFindGenericPassword(Pointer keychainOrArray, int serviceNameLength, byte[] serviceName,
                int accountNameLength, byte[] accountName, IntByReference passwordLength,
                PointerByReference passwordData, PointerByReference itemRef);

        int SecKeychainItemModifyAttributesAndData(Pointer itemRef, Pointer attrList, int length, Pointer data);

        int SecKeychainItemDelete(Pointer itemRef);

        int SecKeychainItemFreeContent(Pointer attrList, Pointer data);
    }

    public interface CoreFoundation extends Library {
        void CFRelease(Pointer object);
    }
}
