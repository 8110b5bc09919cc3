package org.earshot.grading.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The grader's end of one worker process: request lines out, reply lines in, read with a bound. A line longer than
 * {@code lineLimitBytes} (a student writing gigabytes to standard output without a newline) ends the worker with
 * {@link End#OUTPUT_LIMIT}; the reader never holds more than two lines, and the last 4 KB of standard error are
 * kept for the reason of a death. While it waits, it samples the CPU time the process tree has used, so a kill by
 * the CPU limit can be named as such.
 */
final class WorkerChannel implements AutoCloseable {

    /** Why no reply line came. */
    enum End {
        /** the deadline passed (the worker is killed) */
        TIMEOUT,
        /** a line over the limit (the worker is killed) */
        OUTPUT_LIMIT,
        /** the process closed its output: it exited */
        EXITED
    }

    /** A line, or why there is none. */
    record Reply(String line, End end) {
    }

    private static final String EOF = new String("end of output");
    private static final String OVERSIZE = new String("oversize line");

    private final Process process;
    private final int lineLimitBytes;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1);
    private final StringBuilder stderr = new StringBuilder();
    private final Thread errors;
    private final OutputStream requests;
    private double cpuSeconds;
    private boolean killed;

    WorkerChannel(Process process, int lineLimitBytes) {
        this.process = process;
        this.lineLimitBytes = lineLimitBytes;
        this.requests = process.getOutputStream();
        Thread reader = new Thread(() -> readLines(process.getInputStream()), "earshot-grade-stdout");
        reader.setDaemon(true);
        reader.start();
        errors = new Thread(() -> keepTail(process.getErrorStream()), "earshot-grade-stderr");
        errors.setDaemon(true);
        errors.start();
    }

    private void readLines(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        line.write(buf, from, i - from);
                        from = i + 1;
                        if (line.size() > lineLimitBytes) {
                            lines.put(OVERSIZE);
                            return;
                        }
                        lines.put(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    }
                }
                line.write(buf, from, n - from);
                if (line.size() > lineLimitBytes) {
                    lines.put(OVERSIZE);
                    return;
                }
            }
            lines.put(EOF);
        } catch (IOException gone) {
            lines.offer(EOF);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    private void keepTail(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (stderr) {
                    stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (stderr.length() > 4096) {
                        stderr.delete(0, stderr.length() - 4096);
                    }
                }
            }
        } catch (IOException gone) {
            // the process is gone
        }
    }

    /** Sends one request line; a worker that is gone is found out by the next {@link #receive}. */
    void send(String line) {
        try {
            requests.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
        } catch (IOException gone) {
            // it exited: its output ends
        }
    }

    /**
     * @param deadlineNanos {@link System#nanoTime()} by which a line must come
     * @return the next line, or why there is none (after a timeout or an oversize line the worker is killed)
     */
    Reply receive(long deadlineNanos) throws InterruptedException {
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                kill();
                return new Reply(null, End.TIMEOUT);
            }
            String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (line == null) {
                sampleCpu();
                continue;
            }
            if (line == EOF) {
                lines.offer(EOF);
                return new Reply(null, End.EXITED);
            }
            if (line == OVERSIZE) {
                kill();
                return new Reply(null, End.OUTPUT_LIMIT);
            }
            return new Reply(line, null);
        }
    }

    private void sampleCpu() {
        double total = cpu(process.toHandle());
        for (ProcessHandle h : process.descendants().toList()) {
            total += cpu(h);
        }
        cpuSeconds = Math.max(cpuSeconds, total);
    }

    private static double cpu(ProcessHandle h) {
        return h.info().totalCpuDuration().map(Duration::toMillis).orElse(0L) / 1000.0;
    }

    /** @return the most CPU seconds the process tree was seen to have used */
    double cpuSeconds() {
        return cpuSeconds;
    }

    /** @return whether this channel killed the worker (a timeout, an oversize line, {@link #kill()}) */
    boolean killed() {
        return killed;
    }

    /** Kills the worker and everything it started. */
    void kill() {
        killed = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** @return the worker's exit status, waiting a little for it (-1 when it is still there) */
    int exitStatus() throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            kill();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        errors.join(1000);
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** @return the last 4 KB of its standard error */
    String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (process.isAlive()) {
            kill();
        }
        lines.clear(); // a reader blocked on a full queue finishes
    }
}
