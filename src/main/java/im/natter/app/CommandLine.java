package im.natter.app;

import java.util.Arrays;

/** The few command-line options Natter has. */
final class CommandLine {

    private CommandLine() {
    }

    static boolean wantsHelp(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    static String usage() {
        return """
                Usage: natter [--data-dir DIR]

                  --data-dir DIR   keep the archive and settings in DIR instead of the standard per-user
                                   folder (also: environment variable NATTER_DATA_DIR); run Natter twice with
                                   two folders to use two profiles side by side
                  --help           show this text
                """;
    }
}
