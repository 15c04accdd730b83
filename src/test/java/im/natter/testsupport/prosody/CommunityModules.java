package im.natter.testsupport.prosody;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds modules of the prosody-modules collection (Debian package {@code prosody-modules}, installed by
 * src/test/tools/install-test-tools.sh), e.g. mod_muc_moderation (XEP-0425). Debian puts them next to Prosody's
 * own modules; other layouts keep them apart, so the folder found goes into {@code plugin_paths}. The system
 * property {@code natter.prosody.modules} names another folder to look in first.
 */
final class CommunityModules {

    /** Where distributions put them (Debian: with Prosody's own modules). */
    private static final List<String> KNOWN_FOLDERS = List.of("/usr/lib/prosody/modules",
            "/usr/share/prosody-modules", "/usr/lib/prosody-modules", "/usr/local/lib/prosody/modules");

    /** Modules the MUC component gets when they are installed. */
    static final List<String> MUC_MODULES = List.of("muc_moderation", "muc_occupant_id");

    private CommunityModules() {
    }

    /** The folder holding {@code mod_<name>} (as a file or a folder of the same name), if installed. */
    static Optional<Path> folderOf(String name) {
        List<String> folders = new ArrayList<>();
        String extra = System.getProperty("natter.prosody.modules");
        if (extra != null && !extra.isBlank()) {
            folders.add(extra);
        }
        folders.addAll(KNOWN_FOLDERS);
        for (String folder : folders) {
            Path dir = Path.of(folder);
            if (Files.isRegularFile(dir.resolve("mod_" + name + ".lua"))
                    || Files.isRegularFile(dir.resolve("mod_" + name).resolve("mod_" + name + ".lua"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
