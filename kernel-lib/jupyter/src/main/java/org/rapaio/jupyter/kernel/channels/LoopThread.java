package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Earshot's replacement for rapaio-jupyter-kernel 3.0.1's {@code LoopThread}, the thread behind each of the
 * kernel's ZeroMQ channels (shell, control, stdin, heartbeat, iopub). Same name and same public API, so it
 * shadows the original when {@code earshot-kernel-jupyter.jar} stands before the kernel jar on the class path, as the
 * Earshot kernelspec puts it.
 *
 * <p>Why: the original sets its {@code running} flag only <em>after</em> {@code Thread.start()}, so a new thread
 * that reaches {@code while (running)} first exits at once, silently. When that happens to the shell channel the
 * kernel never answers {@code kernel_info_request}, and Jupyter gives up after 60 s ("Kernel didn't respond"): seen
 * here in 7 of 40 kernel starts on a 2-core machine, and in 0 of 40 with this class. Here the flag is set before the thread starts. Also, an
 * exception from one pass of the loop body (e.g. a message that arrives before the kernel has registered its
 * handlers) is logged and the loop goes on, instead of killing the channel.
 */
public final class LoopThread extends Thread {

    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());

    private volatile boolean running = true;
    private final long sleep;
    private final Runnable loopBody;

    /**
     * @param name     thread name
     * @param sleep    pause between passes of the body, in milliseconds
     * @param loopBody one pass of the channel's loop
     */
    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                LOGGER.log(Level.SEVERE, getName() + ": loop pass failed, continuing", e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    /** Ends the loop after its current pass. */
    public void shutdown() {
        running = false;
    }
}
