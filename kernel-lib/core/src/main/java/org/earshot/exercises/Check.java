package org.earshot.exercises;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an exercise's test cases against a student's answer, each with its own time limit, and reports.
 * A case whose verdict throws {@link CaseFailure} failed; one whose probe throws is an error (the student's code
 * crashed); one that runs past its limit timed out and its thread is abandoned (interrupted, as a daemon).
 */
public final class Check {

    /** Time limit of one test case. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How the message of a released stub's exception ends: {@code Release} writes
     * {@code throw new UnsupportedOperationException("exercise ID: not answered yet")} where the answer goes.
     */
    public static final String NOT_ANSWERED = "not answered yet";

    private Check() {
    }

    /**
     * @param exerciseId    the exercise
     * @param points        what it is worth
     * @param cases         its test cases
     * @param includeHidden false in a student's notebook (visible cases only), true when grading
     * @return the report
     */
    public static CheckReport run(String exerciseId, double points, List<TestCase> cases, boolean includeHidden) {
        List<CheckReport.CaseResult> results = new ArrayList<>();
        for (TestCase c : cases) {
            if (c.hidden() && !includeHidden) {
                continue;
            }
            results.add(judge(c, probe(c, DEFAULT_TIMEOUT)));
        }
        return new CheckReport(exerciseId, points, results);
    }

    /** What a probe gave: a value, an exception's description, or a timeout. */
    public record Outcome(Kind kind, Object value, String error) {

        /** How the probe ended. */
        public enum Kind {
            RETURNED, THREW, TIMED_OUT
        }

        public static Outcome returned(Object value) {
            return new Outcome(Kind.RETURNED, value, "");
        }

        public static Outcome threw(String description) {
            return new Outcome(Kind.THREW, null, description);
        }

        public static Outcome timedOut(String description) {
            return new Outcome(Kind.TIMED_OUT, null, description);
        }
    }

    /**
     * Runs a probe on its own daemon thread; after {@code timeout} the thread is interrupted and abandoned.
     *
     * @return what it gave
     */
    public static Outcome probe(TestCase c, Duration timeout) {
        FutureTask<Object> task = new FutureTask<>(() -> c.probe().call());
        Thread thread = new Thread(task, "earshot-check-" + c.name());
        thread.setDaemon(true);
        thread.start();
        try {
            return Outcome.returned(task.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            thread.interrupt();
            return Outcome.timedOut("no answer within " + timeout.toMillis() / 1000.0 + " s");
        } catch (ExecutionException e) {
            return Outcome.threw(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.threw("interrupted");
        }
    }

    /** @return {@code "SimpleName: message"} of a throwable */
    public static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /**
     * @param description a thrown exception as {@link #describe} writes it (possibly after crossing a process)
     * @return whether it is a released stub's {@code UnsupportedOperationException("… not answered yet")}
     */
    public static boolean isNotAnswered(String description) {
        return description != null && description.startsWith(UnsupportedOperationException.class.getSimpleName() + ":")
                && description.strip().endsWith(NOT_ANSWERED);
    }

    /**
     * Judges one probe's outcome with the case's verdict. A probe that threw the stub's exception is
     * {@link CheckReport.Status#NOT_ANSWERED}, not an error: the student has not written this answer yet.
     */
    public static CheckReport.CaseResult judge(TestCase c, Outcome outcome) {
        return switch (outcome.kind()) {
            case TIMED_OUT -> result(c, CheckReport.Status.TIMEOUT, "an answer in time", outcome.error(),
                    "does it loop forever?");
            case THREW -> isNotAnswered(outcome.error())
                    ? result(c, CheckReport.Status.NOT_ANSWERED, "your answer", NOT_ANSWERED,
                            "replace the throw in the exercise's cell with your code")
                    : result(c, CheckReport.Status.ERROR, "no exception", outcome.error(),
                            "your code threw an exception");
            case RETURNED -> {
                try {
                    c.verdict().judge(outcome.value());
                    yield result(c, CheckReport.Status.PASSED, "", "", "");
                } catch (CaseFailure f) {
                    yield new CheckReport.CaseResult(c.name(), c.hidden(), c.weight(), CheckReport.Status.FAILED,
                            f.expected(), f.got(), f.hint(), f.detailHtml());
                } catch (RuntimeException wrongType) {
                    yield result(c, CheckReport.Status.FAILED, "an answer of the asked type", AnswerCodec.describe(
                            outcome.value()), "check the function's return type");
                }
            }
        };
    }

    private static CheckReport.CaseResult result(TestCase c, CheckReport.Status status, String expected, String got,
                                                 String hint) {
        return new CheckReport.CaseResult(c.name(), c.hidden(), c.weight(), status, expected, got, hint);
    }
}
