package org.earshot.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import sun.misc.Signal;

/**
 * Makes Jupyter's "interrupt kernel" stop a running cell, even a busy loop such as {@code while (true) {}}.
 *
 * <p>rapaio-jupyter-kernel 3.0.1 answers an {@code interrupt_request} message by cancelling the cell's future and
 * stopping its executor, which leaves the kernel hung (seen with both a busy loop and {@code Thread.sleep}). So the
 * Earshot kernelspec asks Jupyter to interrupt with a signal ({@code "interrupt_mode": "signal"}) and starts the
 * kernel through {@link KernelLauncher}, which calls {@link #install()}: {@code SIGINT} then no longer ends the JVM
 * but:
 * <ol>
 *   <li>every thread that is running JShell snippet code (a stack frame of a class in JShell's {@code REPL}
 *       package) is {@linkplain Thread#interrupt() interrupted}: sleeps, waits and blocking I/O end at once;</li>
 *   <li>a thread still in snippet code {@value #GRACE_MILLIS} ms later (a loop that never checks its interrupt
 *       flag) is stopped with {@link Thread#stop()}, which throws {@link ThreadDeath} inside the loop. The cell then
 *       ends with that error and the kernel, with its variables, stays usable. ({@code Thread.stop} works on Java 17;
 *       on Java 20 and later it is gone, and only step 1 applies.)</li>
 * </ol>
 * Works for any JShell-based kernel that runs snippets in its own JVM, not only rapaio's.
 */
public final class CellInterrupt {

    /** How long a cell has to honour the interrupt flag before it is stopped, in milliseconds. */
    public static final long GRACE_MILLIS = 300;

    private static final String SNIPPET_PACKAGE = "REPL.";

    private CellInterrupt() {
    }

    /** Handles {@code SIGINT} in this JVM by {@link #interruptCells()}. Calling it again is harmless. */
    public static void install() {
        Signal.handle(new Signal("INT"), signal -> interruptCells());
    }

    /**
     * Interrupts, then if need be stops, every thread running snippet code; returns at once.
     *
     * @return the threads that were running snippet code
     */
    public static List<Thread> interruptCells() {
        List<Thread> targets = interruptTargets();
        targets.forEach(Thread::interrupt);
        if (!targets.isEmpty()) {
            Thread enforcer = new Thread(() -> stopStragglers(targets), "earshot-cell-interrupt");
            enforcer.setDaemon(true);
            enforcer.start();
        }
        return targets;
    }

    /** @return the threads (other than the caller) now running snippet code */
    public static List<Thread> interruptTargets() {
        List<Thread> targets = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey() != Thread.currentThread() && runsSnippet(e.getValue())) {
                targets.add(e.getKey());
            }
        }
        return targets;
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stopStragglers(List<Thread> targets) {
        try {
            Thread.sleep(GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (Thread t : targets) {
            if (t.isAlive() && runsSnippet(t.getStackTrace())) {
                try {
                    t.stop();
                } catch (UnsupportedOperationException e) {
                    System.err.println("earshot: this Java cannot stop a busy cell (Thread.stop is gone after Java 19);"
                            + " restart the kernel");
                }
            }
        }
    }

    private static boolean runsSnippet(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith(SNIPPET_PACKAGE)) {
                return true;
            }
        }
        return false;
    }
}
