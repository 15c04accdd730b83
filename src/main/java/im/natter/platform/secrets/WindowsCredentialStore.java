package im.natter.platform.secrets;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import im.natter.domain.model.AccountId;
import im.natter.domain.port.SecretStore;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Passwords in the Windows Credential Manager as generic credentials named "Natter/&lt;bare address&gt;", stored
 * as UTF-16LE like the ones Windows' own tools write. Calls Advapi32's CredWriteW/CredReadW/CredDeleteW through
 * JNA. Not run on the build machine: checked by hand on Windows.
 */
public final class WindowsCredentialStore implements SecretStore {

    static final String TARGET_PREFIX = "Natter/";
    private static final int CRED_TYPE_GENERIC = 1;
    private static final int CRED_PERSIST_LOCAL_MACHINE = 2;
    private static final int CRED_MAX_BLOB = 5 * 512;
    private static final int ERROR_NOT_FOUND = 1168;

    private final Advapi32Credentials api;

    /** Loads Advapi32; throws UnsatisfiedLinkError (or another LinkageError) where it does not exist. */
    public WindowsCredentialStore() {
        this.api = Native.load("Advapi32", Advapi32Credentials.class);
    }

    @Override
    public boolean isAvailable() {
        return true; // the Credential Manager is part of every Windows since Vista
    }

    @Override
    public String description() {
        return "Windows Credential Manager";
    }

    @Override
    public void savePassword(AccountId account, char[] password) throws SecretStoreException {
        Objects.requireNonNull(account, "account");
        byte[] blob = PasswordBytes.encode(password, StandardCharsets.UTF_16LE);
        Memory memory = null;
        try {
            if (blob.length > CRED_MAX_BLOB) {
                throw new SecretStoreException("The password is too long for the Windows Credential Manager.", null);
            }
            Credential credential = new Credential();
            credential.Type = CRED_TYPE_GENERIC;
            credential.TargetName = new WString(target(account));
            credential.Comment = new WString("Natter password for " + account);
            credential.UserName = new WString(account.toString());
            credential.Persist = CRED_PERSIST_LOCAL_MACHINE;
            credential.CredentialBlobSize = blob.length;
            if (blob.length > 0) {
                memory = new Memory(blob.length);
                memory.write(0, blob, 0, blob.length);
                credential.CredentialBlob = memory;
            }
            if (!api.CredWriteW(credential, 0)) { // replaces a credential with the same target
                throw failure("save the password", Native.getLastError());
            }
        } finally {
            PasswordBytes.wipe(blob);
            if (memory != null) {
                memory.clear();
                memory.close();
            }
        }
    }

    @Override
    public Optional<char[]> loadPassword(AccountId account) throws SecretStoreException {
        Objects.requireNonNull(account, "account");
        PointerByReference out = new PointerByReference();
        if (!api.CredReadW(new WString(target(account)), CRED_TYPE_GENERIC, 0, out)) {
            int error = Native.getLastError();
            if (error == ERROR_NOT_FOUND) {
                return Optional.empty();
            }
            throw failure("read the password", error);
        }
        Pointer pointer = out.getValue();
        byte[] blob = null;
        try {
            Credential credential = new Credential(pointer);
            int size = credential.CredentialBlobSize;
            blob = size == 0 || credential.CredentialBlob == null ? new byte[0]
                    : credential.CredentialBlob.getByteArray(0, size);
            if (size > 0 && credential.CredentialBlob != null) {
                credential.CredentialBlob.clear(size);
            }
            return Optional.of(PasswordBytes.decode(blob, StandardCharsets.UTF_16LE));
        } catch (CharacterCodingException e) {
            throw new SecretStoreException("The password saved for " + account + " in the Windows Credential"
                    + " Manager is not readable text.", e);
        } finally {
            PasswordBytes.wipe(blob);
            api.CredFree(pointer);
        }
    }

    @Override
    public void deletePassword(AccountId account) throws SecretStoreException {
        Objects.requireNonNull(account, "account");
        if (!api.CredDeleteW(new WString(target(account)), CRED_TYPE_GENERIC, 0)) {
            int error = Native.getLastError();
            if (error != ERROR_NOT_FOUND) {
                throw failure("remove the password", error);
            }
        }
    }

    private static SecretStoreException failure(String action, int error) {
        String why = switch (error) {
            case 5 -> "access denied";
            case 1312 -> "no logon session (the Credential Manager is not available to this process)";
            case 1783 -> "the credential was refused";
            default -> "Windows error " + error;
        };
        return new SecretStoreException("Windows could not " + action + " in the Credential Manager (" + why + ").",
                null);
    }

    static String target(AccountId account) {
        return TARGET_PREFIX + account.address().value();
    }

    /** The Credential Manager functions of Advapi32 (jna-platform does not map them). */
    public interface Advapi32Credentials extends StdCallLibrary {
        boolean CredWriteW(Credential credential, int flags);

        boolean CredReadW(WString targetName, int type, int flags, PointerByReference credential);

        boolean CredDeleteW(WString targetName, int type, int flags);

        void CredFree(Pointer buffer);
    }

    /** CREDENTIALW. */
    @Structure.FieldOrder({"Flags", "Type", "TargetName", "Comment", "LastWritten", "CredentialBlobSize",
            "CredentialBlob", "Persist", "AttributeCount", "Attributes", "TargetAlias", "UserName"})
    public static final class Credential extends Structure {
        public int Flags;
        public int Type;
        public WString TargetName;
        public WString Comment;
        public WinBase.FILETIME LastWritten;
        public int CredentialBlobSize;
        public Pointer CredentialBlob;
        public int Persist;
        public int AttributeCount;
        public Pointer Attributes;
        public WString TargetAlias;
        public WString UserName;

        public Credential() {
            super();
        }

        Credential(Pointer pointer) {
            super(pointer);
            read();
        }
    }
}
