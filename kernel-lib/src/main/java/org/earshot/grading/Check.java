package org.earshot.grading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an exercise's test cases against a student's answer, each with its own time limit, and reports.
 * A case that throws {@link CaseFailure} failed; one that throws anything else is an error (the student's code
 * crashed); one that runs past its limit timed out and its thread is abandoned (interrupted, as a daemon).
 */
public final class Check {

    /** Time limit of one test case. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

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
            results.add(runCase(c, DEFAULT_TIMEOUT));
        }
        return new CheckReport(exerciseId, points, results);
    }

    static CheckReport.CaseResult runCase(TestCase c, Duration timeout) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            c.body().run();
            return null;
        });
        Thread thread = new Thread(task, "earshot-check-" + c.name());
        thread.setDaemon(true);
        thread.start();
        try {
            task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return result(c, CheckReport.Status.PASSED, "", "", "");
        } catch (TimeoutException e) {
            thread.interrupt();
            return result(c, CheckReport.Status.TIMEOUT, "an answer within " + timeout.toSeconds() + " s", "no answer",
                    "does it loop forever?");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CaseFailure f) {
                return result(c, CheckReport.Status.FAILED, f.expected(), f.got(), f.hint());
            }
            return result(c, CheckReport.Status.ERROR, "no exception", cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), "your code threw an exception");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(c, CheckReport.Status.ERROR, "a finished check", "interrupted", "");
        }
    }

    private static CheckReport.CaseResult result(TestCase c, CheckReport.Status status, String expected, String got,
                                                 String hint) {
        return new CheckReport.CaseResult(c.name(), c.hidden(), c.weight(), status, expected, got, hint);
    }
}
