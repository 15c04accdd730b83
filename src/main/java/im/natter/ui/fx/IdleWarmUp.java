package im.natter.ui.fx;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.ButtonSkin;
import javafx.scene.control.skin.HyperlinkSkin;
import javafx.scene.control.skin.LabelSkin;
import javafx.scene.control.skin.ListCellSkin;
import javafx.scene.control.skin.MenuButtonSkin;
import javafx.scene.control.skin.ScrollBarSkin;
import javafx.scene.control.skin.ScrollPaneSkin;
import javafx.scene.control.skin.TextAreaSkin;
import javafx.scene.control.skin.TextFieldSkin;
import javafx.scene.control.skin.ToggleButtonSkin;
import javafx.scene.layout.Pane;

/**
 * Makes the first opening of a view as cheap as a later one. In a fresh JVM the first chat or room view costs the FX
 * thread its classes, its skins and the styling of its first rows all in one frame (half a second to two on a slow
 * machine). While the app is idle after its window shows, this builds sample views over made-up content on a
 * background thread (JavaFX lets nodes be made off the FX thread while they are in no showing window), which loads
 * their classes there; then puts each one, hidden, into the real window where the real view will go, so that it is
 * styled with the same style sheets, and lets it grow by one small {@link Sample#step() step} a frame; then lets it
 * go. Hidden nodes are styled and laid out but not drawn, and take no input.
 *
 * <p>Stops at once when {@link #cancel() cancelled} (the user opened a conversation: from then on the real view is
 * warming itself).
 */
public final class IdleWarmUp extends AnimationTimer {

    private static final System.Logger LOG = System.getLogger(IdleWarmUp.class.getName());

    /** A view over made-up content that warms what its real counterpart will need. */
    public interface Sample {
        /** The view; it is put into the window hidden. */
        Node node();

        /** Adds one more piece (a row, a part), styled and laid out in this frame; false when there is no more. */
        boolean step();

        /** Lets go of the view's listeners; called on the FX thread after the view left the window. */
        void close();
    }

    private Pane host;
    private final Queue<Sample> ready = new ArrayDeque<>();
    private Sample current;
    private boolean built;
    private boolean cancelled;
    private int steps;
    private Runnable whenDone = () -> { };

    private IdleWarmUp() {
    }

    /**
     * Starts building {@code samples} on a background thread, at once: the window they will be warmed in need not
     * exist yet (the app may still be restoring the account). Call on the FX thread; then {@link #showIn}.
     */
    public static IdleWarmUp prepare(List<Supplier<? extends Sample>> samples) {
        IdleWarmUp warmUp = new IdleWarmUp();
        Thread.ofPlatform().daemon().name("natter-warm-up").priority(Thread.MIN_PRIORITY).start(() -> {
            makeSkins();
            for (Supplier<? extends Sample> supplier : samples) {
                try {
                    Sample sample = supplier.get();
                    Platform.runLater(() -> warmUp.offer(sample));
                } catch (RuntimeException e) {
                    // only a head start is lost: the real view pays for itself as before
                    LOG.log(Level.DEBUG, "a warm-up sample could not be built", e);
                }
            }
            Platform.runLater(warmUp::allBuilt);
        });
        return warmUp;
    }

    /**
     * Takes the ids off a sample's nodes (none of the app's style sheets selects by id): while the hidden sample is
     * in the window, a lookup by id must find the real view's node, never the sample's.
     */
    public static <N extends Node> N withoutIds(N view) {
        view.setId(null);
        if (view instanceof javafx.scene.Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                withoutIds(child);
            }
        }
        return view;
    }

    /** {@link #prepare} and {@link #showIn}. */
    public static IdleWarmUp start(Pane host, List<Supplier<? extends Sample>> samples) {
        IdleWarmUp warmUp = prepare(samples);
        warmUp.showIn(host);
        return warmUp;
    }

    /**
     * Shows the samples, hidden, in {@code host} (where the real views will go), one step a frame, as they are
     * built. Call on the FX thread, once.
     */
    public void showIn(Pane host) {
        if (this.host != null) {
            throw new IllegalStateException("already shown in a window");
        }
        this.host = host;
        if (!cancelled && !ready.isEmpty()) {
            start();
        }
    }

    /**
     * Makes, on the builder's thread, a skin of each kind of control the views use, on controls that are thrown
     * away: their classes, their behaviours' key maps and lambdas are then ready when the FX thread styles the
     * samples (a text area's skin alone loads some 200 classes). A control in no scene may be made anywhere.
     */
    private static void makeSkins() {
        List<Supplier<Object>> skins = List.of(
                () -> new TextAreaSkin(new TextArea()),
                () -> new TextFieldSkin(new TextField()),
                () -> new ScrollBarSkin(new ScrollBar()),
                () -> new ScrollPaneSkin(new ScrollPane()),
                () -> new ListCellSkin<>(new ListCell<>()),
                () -> new ButtonSkin(new Button()),
                () -> new ToggleButtonSkin(new ToggleButton()),
                () -> new MenuButtonSkin(new MenuButton()),
                () -> new HyperlinkSkin(new Hyperlink()),
                () -> new LabelSkin(new Label()));
        for (Supplier<Object> skin : skins) {
            try {
                skin.get();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.DEBUG, "a skin could not be made ahead", e);
            }
        }
    }

    /** Takes the sample out of the window now; nothing more is warmed. Call on the FX thread. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        finishCurrent();
        ready.clear();
        endIfDone();
    }

    /**
     * Runs {@code then} on the FX thread once every sample has been shown and let go, or the warm-up was cancelled;
     * at once when that is so already. Call on the FX thread.
     */
    public void whenDone(Runnable then) {
        whenDone = then;
        endIfDone();
    }

    /** Stops the frames and tells {@link #whenDone} once nothing is left to warm. */
    private void endIfDone() {
        if (isDone()) {
            stop();
            Runnable then = whenDone;
            whenDone = () -> { };
            then.run();
        }
    }

    /** Whether every sample has been shown and let go (or the warm-up was cancelled). */
    public boolean isDone() {
        return cancelled || (built && current == null && ready.isEmpty());
    }

    /** How many frames did warm-up work, for tests. */
    int steps() {
        return steps;
    }

    private void offer(Sample sample) {
        if (cancelled) {
            return;
        }
        ready.add(sample);
        if (host != null) {
            start();
        }
    }

    private void allBuilt() {
        built = true;
        endIfDone();
    }

    @Override
    public void handle(long now) {
        if (!FrameShare.takeIfIdle(now)) {
            return;
        }
        steps++;
        if (current == null) {
            current = ready.poll();
            if (current == null) {
                endIfDone();
                return;
            }
            Node node = current.node();
            node.setVisible(false);
            node.setMouseTransparent(true);
            // at the back, under what is shown; styled and laid out in this frame's pulse
            host.getChildren().addFirst(node);
            return;
        }
        boolean more;
        try {
            more = current.step();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "a warm-up sample failed", e);
            more = false;
        }
        if (!more) {
            finishCurrent();
            endIfDone();
        }
    }

    private void finishCurrent() {
        if (current == null) {
            return;
        }
        if (host != null) {
            host.getChildren().remove(current.node());
        }
        current.close();
        current = null;
    }
}
