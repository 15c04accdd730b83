package im.natter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.natter.domain.files.OwnerOnlyFiles;
import im.natter.platform.DataDirectory.DataDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    private static final Supplier<Path> NEVER = () -> {
        throw new AssertionError("the system default must not be consulted");
    };

    @TempDir
    Path tmp;

    @Test
    void argumentWinsOverEnvironment() throws Exception {
        Path chosen = DataDirectory.choose(List.of("--data-dir", tmp.resolve("a").toString()),
                Map.of("NATTER_DATA_DIR", tmp.resolve("b").toString()), NEVER);
        assertThat(chosen).isEqualTo(tmp.resolve("a"));
    }

    @Test
    void argumentWithEqualsSign() throws Exception {
        Path chosen = DataDirectory.choose(List.of("--verbose", "--data-dir=" + tmp.resolve("a")), Map.of(), NEVER);
        assertThat(chosen).isEqualTo(tmp.resolve("a"));
    }

    @Test
    void environmentWhenNoArgument() throws Exception {
        Path chosen = DataDirectory.choose(List.of(), Map.of("NATTER_DATA_DIR", tmp.resolve("b").toString()), NEVER);
        assertThat(chosen).isEqualTo(tmp.resolve("b"));
    }

    @Test
    void systemDefaultLast() throws Exception {
        Path fallback = tmp.resolve("default");
        assertThat(DataDirectory.choose(List.of(), Map.of("NATTER_DATA_DIR", " "), () -> fallback))
                .isEqualTo(fallback);
    }

    @Test
    void relativeFolderBecomesAbsolute() throws Exception {
        Path chosen = DataDirectory.choose(List.of("--data-dir", "profile2"), Map.of(), NEVER);
        assertThat(chosen).isAbsolute();
        assertThat(chosen.getFileName()).hasToString("profile2");
    }

    @Test
    void argumentWithoutFolderIsExplained() {
        assertThatThrownBy(() -> DataDirectory.choose(List.of("--data-dir"), Map.of(), NEVER))
                .isInstanceOf(DataDirectoryException.class).hasMessageContaining("needs a folder");
        assertThatThrownBy(() -> DataDirectory.choose(List.of("--data-dir", "--other"), Map.of(), NEVER))
                .isInstanceOf(DataDirectoryException.class).hasMessageContaining("needs a folder");
    }

    @Test
    void systemDefaultOnLinuxFollowsXdg() {
        Path p = DataDirectory.systemDefault();
        String xdg = System.getenv("XDG_DATA_HOME");
        if (System.getProperty("os.name").toLowerCase().startsWith("linux")) {
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".local", "share");
            assertThat(p).isEqualTo(base.resolve("natter"));
        } else {
            assertThat(p.getFileName()).hasToString("Natter");
        }
    }

    @Test
    void createsOwnerOnlyFolderWithFilePaths() throws Exception {
        DataDirectory dir = DataDirectory.create(tmp.resolve("x/y/natter"));
        assertThat(dir.root()).isDirectory();
        assertThat(OwnerOnlyFiles.isReadableByOthers(dir.root())).isFalse();
        assertThat(dir.settingsFile()).isEqualTo(dir.root().resolve("settings.json"));
        assertThat(dir.archiveFile()).isEqualTo(dir.root().resolve("archive.db"));
    }

    @Test
    void existingFolderIsTightened() throws Exception {
        Path existing = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(existing, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        DataDirectory.create(existing);
        assertThat(OwnerOnlyFiles.isReadableByOthers(existing)).isFalse();
    }

    @Test
    void fileInTheWayGivesClearError() throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        assertThatThrownBy(() -> DataDirectory.create(file))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("cannot use the folder")
                .hasMessageContaining("a file with that name is in the way")
                .hasMessageContaining("--data-dir");
        assertThatThrownBy(() -> DataDirectory.create(file.resolve("below")))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("cannot use the folder");
    }
}
