package im.natter.domain.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;

/**
 * Creates files and folders that only the user who runs Natter can read: the archive and the settings hold
 * private conversations. POSIX systems get 0600/0700; Windows gets an ACL with the owner alone.
 */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** Creates the folder (and parents) if needed and restricts it to the owner. */
    public static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, true);
        return dir;
    }

    /** Creates an empty file if it does not exist, then restricts it to the owner. */
    public static Path file(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException ignored) {
            // keep the existing content; only its permissions are corrected below
        }
        restrict(file, false);
        return file;
    }

    /** Restricts an existing file or folder to its owner. */
    public static void restrict(Path path, boolean directory) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl != null) {
            UserPrincipal owner = acl.getOwner();
            AclEntry ownerOnly = AclEntry.newBuilder()
                    .setType(AclEntryType.ALLOW)
                    .setPrincipal(owner)
                    .setPermissions(Set.of(AclEntryPermission.values()))
                    .build();
            acl.setAcl(List.of(ownerOnly));
        }
    }

    /** Whether the file can be read by anyone but its owner (POSIX only; false where that cannot be told). */
    public static boolean isReadableByOthers(Path path) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix == null) {
            return false;
        }
        var perms = posix.readAttributes().permissions();
        return perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
    }
}
