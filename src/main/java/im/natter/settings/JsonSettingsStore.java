package im.natter.settings;

import im.natter.domain.files.OwnerOnlyFiles;
import im.natter.domain.model.Settings;
import im.natter.domain.port.SettingsStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settings in a JSON file with a {@code schemaVersion}. Writes go to a temporary file in the same folder that
 * is then renamed over the old one, so a crash leaves either the old or the new file, never half of one.
 */
public final class JsonSettingsStore implements SettingsStore {

    private static final System.Logger LOG = System.getLogger(JsonSettingsStore.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final String TEMP_PREFIX = ".settings-";
    static final String TEMP_SUFFIX = ".tmp";

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = JsonMapper.builder()
            // a newer Natter may add fields; an older one must still read the rest
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public JsonSettingsStore(Path file) {
        this(file, Clock.systemUTC());
    }

    /** @param clock only names the copy of a damaged file */
    public JsonSettingsStore(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Settings load() throws SettingsException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Settings.EMPTY;
        } catch (IOException e) {
            throw new SettingsException("Natter cannot read its settings file " + file + ": " + e.getMessage(), e);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (JacksonException e) {
            return setAside("it is not valid JSON", e);
        }
        if (tree == null || !tree.isObject()) {
            return setAside("it does not hold Natter settings", null);
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isIntegralNumber()) {
            return setAside("it has no format version", null);
        }
        checkNotNewer(version.asInt());
        try {
            return mapper.treeToValue(tree, SettingsFile.class).toSettings();
        } catch (JacksonException | IllegalArgumentException e) {
            return setAside("a value in it is not valid (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public synchronized void save(Settings settings) throws SettingsException {
        Objects.requireNonNull(settings, "settings");
        refuseToOverwriteNewerFile();
        Path dir = file.getParent();
        Path temp = null;
        try {
            OwnerOnlyFiles.directory(dir);
            temp = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX);
            OwnerOnlyFiles.restrict(temp, false);
            Files.write(temp, mapper.writeValueAsBytes(SettingsFile.from(settings)));
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true); // the rename must not reach the disk before the content does
            }
            move(temp, file);
            temp = null;
        } catch (IOException | JacksonException e) {
            throw new SettingsException("Natter could not save its settings to " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Could not remove the temporary settings file " + temp, e);
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void refuseToOverwriteNewerFile() throws SettingsException {
        try {
            JsonNode tree = mapper.readTree(Files.readAllBytes(file));
            JsonNode version = tree == null ? null : tree.get("schemaVersion");
            if (version != null && version.isIntegralNumber()) {
                checkNotNewer(version.asInt());
            }
        } catch (NoSuchFileException e) {
            // first save
        } catch (IOException | JacksonException e) {
            // an unreadable or damaged file is replaced; load() has already kept a copy of a damaged one
        }
    }

    private void checkNotNewer(int version) throws SettingsException {
        if (version > SettingsFile.SCHEMA_VERSION) {
            throw new SettingsException("The settings file " + file + " was written by a newer version of Natter"
                    + " (format " + version + "; this version understands format " + SettingsFile.SCHEMA_VERSION
                    + "). Please update Natter. The file has been left as it is.", null);
        }
    }

    private Settings setAside(String why, Throwable cause) throws SettingsException {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(clock.instant()));
        for (int n = 2; Files.exists(aside); n++) {
            aside = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(clock.instant()) + "-" + n);
        }
        try {
            Files.move(file, aside);
        } catch (IOException e) {
            throw new SettingsException("The settings file " + file + " is damaged (" + why
                    + ") and could not be moved aside: " + e.getMessage(), e);
        }
        LOG.log(Level.WARNING, "The settings file {0} is damaged ({1}); it was kept as {2} and Natter starts"
                + " with fresh settings.", file, why, aside);
        if (cause != null) {
            LOG.log(Level.DEBUG, "Why the settings file could not be read", cause);
        }
        return Settings.EMPTY;
    }
}
