package im.natter.testsupport.display;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves a picture of the virtual screen when the build is asked to ({@code -Dnatter.screenshots=DIR}), so a person
 * can look at what a UI test saw. Does nothing otherwise; never fails a test.
 */
public final class Screenshots {

    private Screenshots() {
    }

    public static void take(String name) {
        String dir = System.getProperty("natter.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Path out = Files.createDirectories(Path.of(dir)).resolve(name + ".png");
            ProcessBuilder pb = new ProcessBuilder("import", "-window", "root", out.toString());
            // the JVM's copy of the environment does not see the DISPLAY set natively for Xvfb
            VirtualDisplay.current().ifPresent(d -> pb.environment().put("DISPLAY", d));
            pb.inheritIO().start().waitFor();
        } catch (Exception e) {
            System.err.println("screenshot failed: " + e);
        }
    }
}
