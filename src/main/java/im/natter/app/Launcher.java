package im.natter.app;

/**
 * The program's entry point. A plain class, not the JavaFX Application, so Natter starts from the class path
 * (JavaFX refuses to launch an Application subclass as the main class there).
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (CommandLine.wantsHelp(args)) {
            System.out.println(CommandLine.usage());
            return;
        }
        javafx.application.Application.launch(NatterApplication.class, args);
    }
}
