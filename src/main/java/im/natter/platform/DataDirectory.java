package im.natter.platform;

import im.natter.domain.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import net.harawata.appdirs.AppDirsFactory;

/**
 * The folder where Natter keeps its settings and archive, created owner-only. It is chosen in this order: the
 * {@code --data-dir DIR} argument, the {@code NATTER_DATA_DIR} variable, then the operating system's usual
 * per-user data folder, so that a second profile (or a test) never has to touch the user's real data.
 */
public final class DataDirectory {

    public static final String ARGUMENT = "--data-dir";
    public static final String ENVIRONMENT_VARIABLE = "NATTER_DATA_DIR";
    public static final String SETTINGS_FILE = "settings.json";
    public static final String ARCHIVE_FILE = "archive.db";

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /** Chooses the folder from the real command line and environment, and creates it. */
    public static DataDirectory forThisUser(String[] args) throws DataDirectoryException {
        return create(choose(List.of(args), System.getenv(), DataDirectory::systemDefault));
    }

    /** Creates {@code dir} (and its parents) if needed, restricted to the owner. */
    public static DataDirectory create(Path dir) throws DataDirectoryException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw cannotCreate(absolute, "a file with that name is in the way", null);
        }
        try {
            OwnerOnlyFiles.directory(absolute);
        } catch (IOException e) {
            throw cannotCreate(absolute, reason(e), e);
        }
        if (!Files.isWritable(absolute)) {
            throw cannotCreate(absolute, "Natter is not allowed to write there", null);
        }
        return new DataDirectory(absolute);
    }

    /**
     * The folder the arguments and environment ask for, without touching the disk. {@code systemDefault} is
     * only called when neither names a folder.
     */
    public static Path choose(List<String> args, Map<String, String> env, Supplier<Path> systemDefault)
            throws DataDirectoryException {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(env, "env");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(ARGUMENT)) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank() || args.get(i + 1).startsWith("--")) {
                    throw new DataDirectoryException(ARGUMENT + " needs a folder after it, as in "
                            + ARGUMENT + " /path/to/folder.", null);
                }
                return toPath(args.get(i + 1), ARGUMENT);
            }
            if (arg.startsWith(ARGUMENT + "=")) {
                String value = arg.substring(ARGUMENT.length() + 1);
                if (value.isBlank()) {
                    throw new DataDirectoryException(ARGUMENT + "= needs a folder after it.", null);
                }
                return toPath(value, ARGUMENT);
            }
        }
        String fromEnv = env.get(ENVIRONMENT_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return toPath(fromEnv, ENVIRONMENT_VARIABLE);
        }
        return systemDefault.get();
    }

    /**
     * The operating system's per-user data folder: $XDG_DATA_HOME/natter (~/.local/share/natter) on Linux,
     * ~/Library/Application Support/Natter on macOS, %APPDATA%\Natter on Windows. Roaming on Windows, because
     * settings and history belong to the user rather than to one machine.
     */
    public static Path systemDefault() {
        boolean unixLike = !isWindows() && !isMac();
        String name = unixLike ? "natter" : "Natter";
        return Path.of(AppDirsFactory.getInstance().getUserDataDir(name, null, null, true));
    }

    public Path root() {
        return root;
    }

    public Path settingsFile() {
        return root.resolve(SETTINGS_FILE);
    }

    public Path archiveFile() {
        return root.resolve(ARCHIVE_FILE);
    }

    @Override
    public String toString() {
        return root.toString();
    }

    private static Path toPath(String text, String source) throws DataDirectoryException {
        try {
            return Path.of(text.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new DataDirectoryException("The folder given by " + source + " is not a valid path: " + text, e);
        }
    }

    private static DataDirectoryException cannotCreate(Path dir, String reason, Throwable cause) {
        return new DataDirectoryException("Natter cannot use the folder " + dir + " for its data (" + reason
                + "). Choose another folder with " + ARGUMENT + " or " + ENVIRONMENT_VARIABLE + ".", cause);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file with that name is in the way";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String osName() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    }

    static boolean isWindows() {
        return osName().startsWith("windows");
    }

    static boolean isMac() {
        String os = osName();
        return os.startsWith("mac") || os.startsWith("darwin");
    }

    /** The data folder could not be chosen or created; the message is meant for the user. */
    public static final class DataDirectoryException extends Exception {
        public DataDirectoryException(String userMessage, Throwable cause) {
            super(userMessage, cause);
        }
    }
}
