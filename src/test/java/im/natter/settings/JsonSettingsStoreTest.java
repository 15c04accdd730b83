package im.natter.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.files.OwnerOnlyFiles;
import im.natter.domain.model.AccountId;
import im.natter.domain.model.AccountSettings;
import im.natter.domain.model.ServerEndpoint;
import im.natter.domain.model.Settings;
import im.natter.domain.model.WindowBounds;
import im.natter.domain.port.SettingsStore.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSettingsStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("settings.json");
    }

    private JsonSettingsStore store() {
        return new JsonSettingsStore(file(), CLOCK);
    }

    private static Settings sample() {
        var alice = new AccountSettings(AccountId.of("alice@example.org"), "laptop",
                new ServerEndpoint("localhost", 5223), true, List.of("AB:CD", "EF:01"));
        var bob = new AccountSettings(AccountId.of("bob@example.net"), null, null, false, List.of());
        return new Settings(List.of(alice, bob), new WindowBounds(10.5, 20, 800, 600, true), true);
    }

    @Test
    void firstStartGivesEmptySettingsAndWritesNothing() throws Exception {
        assertThat(store().load()).isEqualTo(Settings.EMPTY);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void roundTrip() throws Exception {
        store().save(sample());
        assertThat(new JsonSettingsStore(file()).load()).isEqualTo(sample());
        String json = Files.readString(file());
        assertThat(json).contains("\"schemaVersion\" : 1").contains("alice@example.org");
    }

    @Test
    void roundTripOfEmptySettings() throws Exception {
        store().save(Settings.EMPTY);
        assertThat(store().load()).isEqualTo(Settings.EMPTY);
    }

    @Test
    void fileIsOwnerOnly() throws Exception {
        store().save(sample());
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(OwnerOnlyFiles.isReadableByOthers(file())).isFalse();
    }

    @Test
    void replacingKeepsOwnerOnlyAndLeavesNoTemporaryFiles() throws Exception {
        Files.writeString(file(), "{\"schemaVersion\":1}");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        store().save(sample());
        store().save(sample().withHideOfflineContacts(false));
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file());
        }
        assertThat(store().load().hideOfflineContacts()).isFalse();
    }

    @Test
    void noPasswordIsWritten() throws Exception {
        store().save(sample());
        assertThat(Files.readString(file())).doesNotContain("\"password\"").doesNotContain("secret");
    }

    @Test
    void damagedFileIsKeptAsideAndFreshSettingsReturned() throws Exception {
        Files.writeString(file(), "{\"schemaVersion\": 1, \"accounts\": [ {\"address\": ");
        assertThat(store().load()).isEqualTo(Settings.EMPTY);
        Path aside = dir.resolve("settings.json.damaged-20260304T050607Z");
        assertThat(aside).hasContent("{\"schemaVersion\": 1, \"accounts\": [ {\"address\": ");
        assertThat(file()).doesNotExist();
        store().save(sample());
        assertThat(store().load()).isEqualTo(sample());
        assertThat(aside).exists();
    }

    @Test
    void invalidValuesCountAsDamage() throws Exception {
        Files.writeString(file(), "{\"schemaVersion\": 1, \"accounts\": [ {\"address\": \"not an address\"} ]}");
        assertThat(store().load()).isEqualTo(Settings.EMPTY);
        Files.writeString(file(), "[1, 2]");
        assertThat(store().load()).isEqualTo(Settings.EMPTY);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("settings.json.damaged-20260304T050607Z",
                            "settings.json.damaged-20260304T050607Z-2");
        }
    }

    @Test
    void newerSchemaIsRefusedAndNotOverwritten() throws Exception {
        String newer = "{\"schemaVersion\": 2, \"accounts\": [], \"somethingNew\": true}";
        Files.writeString(file(), newer);
        assertThatThrownBy(() -> store().load()).isInstanceOf(SettingsException.class)
                .hasMessageContaining("newer version of Natter").hasMessageContaining("format 2");
        assertThatThrownBy(() -> store().save(sample())).isInstanceOf(SettingsException.class);
        assertThat(file()).hasContent(newer);
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        Files.writeString(file(), """
                {"schemaVersion": 1, "theme": "dark",
                 "accounts": [{"address": "Alice@Example.org", "rememberPassword": true, "avatar": "x",
                               "endpoint": {"host": "localhost", "port": 5222, "tls": "direct"}}],
                 "window": {"x": 1, "y": 2, "width": 3, "height": 4, "maximized": false, "screen": 2}}
                """);
        Settings loaded = store().load();
        assertThat(loaded.accounts()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(AccountId.of("alice@example.org"));
            assertThat(a.endpoint()).isEqualTo(new ServerEndpoint("localhost", 5222));
            assertThat(a.rememberPassword()).isTrue();
            assertThat(a.trustedFingerprints()).isEmpty();
        });
        assertThat(loaded.window()).isEqualTo(new WindowBounds(1, 2, 3, 4, false));
    }
}
