package im.natter.domain.model;

/** Carries a {@link ConnectionProblem} through futures and across layers. */
public final class ConnectionFailedException extends RuntimeException {

    private final transient ConnectionProblem problem;

    public ConnectionFailedException(ConnectionProblem problem, Throwable cause) {
        super(problem.message(), cause);
        this.problem = problem;
    }

    public ConnectionFailedException(ConnectionProblem problem) {
        this(problem, null);
    }

    public ConnectionProblem problem() {
        return problem;
    }
}
