package im.natter.ui.fx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * Runs a view's steps one a frame, the first in the frame after the one in which it was started, so that a view
 * whose first styling is dear (in a fresh JVM all of it runs interpreted) shows in several small frames instead of
 * one long one. Each step typically puts one more part of the view into the scene.
 */
public final class FrameSteps extends AnimationTimer {

    private final Deque<Runnable> steps;
    private final Runnable whenDone;
    /** The pulse in which the steps start runs its timers before its styling: that frame is left to the view. */
    private boolean started;
    private boolean done;

    private FrameSteps(List<Runnable> steps, Runnable whenDone) {
        this.steps = new ArrayDeque<>(steps);
        this.whenDone = whenDone;
    }

    /** Starts running {@code steps}, one a frame, then {@code whenDone}. Call on the FX thread. */
    public static FrameSteps start(List<Runnable> steps, Runnable whenDone) {
        FrameSteps frames = new FrameSteps(steps, whenDone);
        frames.start();
        return frames;
    }

    @Override
    public void handle(long now) {
        if (!started) {
            started = true;
            return;
        }
        if (!FrameShare.take(now)) {
            return;
        }
        Runnable step = steps.poll();
        if (step != null) {
            step.run();
        }
        if (steps.isEmpty()) {
            finish();
        }
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        stop();
        while (!steps.isEmpty()) {
            steps.poll().run();
        }
        whenDone.run();
    }

    /** Whether every step has run. */
    public boolean isDone() {
        return done;
    }
}
