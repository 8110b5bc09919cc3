package org.rapaio.jupyter.kernel.channels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The kit's fixed channel loop: every started loop runs, and a failing pass does not end it. */
class LoopThreadTest {

    @Test
    void everyStartedLoopRunsItsBody() throws Exception {
        // The kernel's original lost this race now and then: the thread could exit before its flag was set.
        for (int i = 0; i < 500; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            LoopThread loop = new LoopThread("test-" + i, 1, ran::countDown);
            loop.start();
            assertTrue(ran.await(5, TimeUnit.SECONDS), "loop " + i + " never ran its body");
            loop.shutdown();
            loop.join(5000);
            assertFalse(loop.isAlive());
        }
    }

    @Test
    void aFailingPassDoesNotKillTheChannel() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        LoopThread loop = new LoopThread("failing", 1, () -> {
            third.countDown();
            if (passes.incrementAndGet() == 1) {
                throw new NullPointerException("handlers not registered yet");
            }
        });
        loop.start();
        assertTrue(third.await(5, TimeUnit.SECONDS));
        loop.shutdown();
        loop.join(5000);
    }

    @Test
    void theKitsVersionIsTheOneLoaded() {
        String where = LoopThread.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(where.contains("kernel-lib"), where);
    }
}
