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
 * here in 7 of 40 kernel starts on a 2-core machine, and in 0 of 40 with this class. Here the flag is set before the
 * thread starts, and the first pass waits until the kernel's handlers are registered ({@link #awaitHandlers}; the
 * shell thread started about 70 ms before them here). Also, an
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
        awaitHandlers();
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

    /**
     * Holds the first pass until the kernel has registered its message handlers. rapaio binds the channels (and so
     * starts these threads) before {@code Channels.connect} fills its handler table; a request that arrives in between
     * (the notebook server's first {@code kernel_info_request}, on a busy machine) was read, found no handler
     * ("Unhandled message") and was lost, and the server waited its whole {@code kernel_info_timeout} before asking
     * again: the 20 s first-output stall of kernels started together. Unread, the request waits in its ZeroMQ socket
     * until the handlers exist. The channel is the loop body's captured {@code AbstractChannel}; anything unexpected
     * (another kernel version, no such fields) and the loop starts at once, as before. Waits at most 30 s.
     */
    private void awaitHandlers() {
        try {
            Channels owner = null;
            for (java.lang.reflect.Field f : loopBody.getClass().getDeclaredFields()) {
                if (AbstractChannel.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    owner = ((AbstractChannel) f.get(loopBody)).channels;
                }
            }
            if (owner == null) {
                return;
            }
            java.lang.reflect.Field connected = Channels.class.getDeclaredField("isConnected");
            connected.setAccessible(true);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (running && !connected.getBoolean(owner) && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.log(Level.FINE, getName() + ": cannot tell whether the handlers are registered; starting", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the loop after its current pass. */
    public void shutdown() {
        running = false;
    }
}
