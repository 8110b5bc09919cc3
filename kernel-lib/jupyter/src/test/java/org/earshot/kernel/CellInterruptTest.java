package org.earshot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/** Snippets run by an in-process JShell, as in the kernel: a busy loop and a sleep are both ended. */
class CellInterruptTest {

    private static void evalInBackground(JShell shell, String code, CompletableFuture<List<SnippetEvent>> done) {
        Thread t = new Thread(() -> done.complete(shell.eval(code)), "cell");
        t.setDaemon(true);
        t.start();
    }

    private static void awaitRunning() throws InterruptedException {
        for (int i = 0; i < 100 && CellInterrupt.interruptTargets().isEmpty(); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void busyLoopIsStoppedAndTheShellStaysUsable() throws Exception {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.eval("int after = 0;");
            CompletableFuture<List<SnippetEvent>> done = new CompletableFuture<>();
            evalInBackground(shell, "while (true) { after++; }", done);
            awaitRunning();
            assertFalse(done.isDone(), "the loop runs until interrupted");
            assertEquals(1, CellInterrupt.interruptCells().size());
            List<SnippetEvent> events = done.get(10, TimeUnit.SECONDS);
            assertEquals(1, events.size(), "the cell returned"); // JShell's local engine reports a stopped snippet quietly
            assertTrue(Integer.parseInt(shell.eval("after").get(0).value()) > 0, "the loop ran, and its state is kept");
            assertEquals("42", shell.eval("40 + 2").get(0).value());
            assertTrue(CellInterrupt.interruptTargets().isEmpty());
        }
    }

    @Test
    void sleepIsInterruptedAtOnce() throws Exception {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            CompletableFuture<List<SnippetEvent>> done = new CompletableFuture<>();
            evalInBackground(shell, "Thread.sleep(60_000);", done);
            awaitRunning();
            long start = System.nanoTime();
            CellInterrupt.interruptCells();
            List<SnippetEvent> events = done.get(10, TimeUnit.SECONDS);
            assertTrue(events.get(0).exception() != null);
            // ended by the interrupt flag, before the grace period that would force a stop
            assertTrue((System.nanoTime() - start) / 1e6 < CellInterrupt.GRACE_MILLIS + 5_000);
        }
    }
}
