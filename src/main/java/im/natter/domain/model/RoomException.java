package im.natter.domain.model;

import java.util.Objects;

/** A room refused or failed: {@code problem} says which way, {@code getMessage()} says it for the user. */
public final class RoomException extends Exception {

    private final RoomProblem problem;

    public RoomException(RoomProblem problem, String serverText) {
        super(serverText == null || serverText.isBlank() ? problem.text() : problem.text() + " " + serverText);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public RoomProblem problem() {
        return problem;
    }
}
