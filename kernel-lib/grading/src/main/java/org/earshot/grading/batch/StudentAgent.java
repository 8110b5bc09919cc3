package org.earshot.grading.batch;

import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import org.earshot.exercises.AnswerCodec;
import org.earshot.exercises.Check;

/**
 * The student's process: loads and runs the class files the grader sends (compiled and checked by
 * {@link CellCompiler}), and answers the grader's calls of the student's methods with typed values
 * ({@link AnswerCodec}). It holds no reference answer, no hidden expectation and no verdict — its class path has
 * none — so whatever the student's code makes it say (it can write to this process's standard output too) is at
 * most an answer, which the grader checks.
 *
 * <p>Requests, one JSON line each on standard input: {@code cell} (steps: load classes, invoke a method),
 * {@code entries} (steps, then where each entry point's function is), {@code call} (an entry and its arguments),
 * {@code bye}. Each gets one reply line with the same {@code seq}; what a cell prints is sent as it runs, every
 * {@value #STREAM_EVERY_MS} ms, in {@code output} messages of the cell's {@code seq}, and the rest with its reply
 * (at most {@code outputLimitBytes} in all, and how much there was), so a cell the sandbox kills keeps what it
 * printed before. Printing while a case runs is never sent (it may show hidden inputs).
 */
final class StudentAgent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine = new Engine();
    private final List<Function<Object[], Object>> entries = new ArrayList<>();
    private final Printed printed;

    StudentAgent(int outputLimitBytes) {
        this.printed = new Printed(outputLimitBytes);
    }

    /** JShell's in-process engine, with a way to read the entry points it made. */
    private static final class Engine extends LocalExecutionControl {
        Object staticField(String className, String field) throws ReflectiveOperationException {
            java.lang.reflect.Field f = findClass(className).getField(field);
            f.setAccessible(true); // JShell's wrapper classes are not public
            return f.get(null);
        }
    }

    /** The student's printing: the first bytes kept, all counted. */
    static final class Printed extends OutputStream {
        private final int limit;
        private final java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        private long count;
        private long streaming = -1; // the seq of the cell whose printing is sent as it comes, or -1

        Printed(int limit) {
            this.limit = Math.max(0, limit);
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            count += len;
            int room = (int) Math.min(len, Math.max(0, limit - kept.size()));
            kept.write(b, off, room);
        }

        /** Puts what was printed since the last call into a reply, and forgets it. */
        synchronized void drainInto(ObjectNode reply) {
            reply.put("output", kept.toString(StandardCharsets.UTF_8)).put("printed", count);
            kept.reset();
            count = 0;
        }

        synchronized void forget() {
            kept.reset();
            count = 0;
        }

        /** Starts sending what a cell prints as it prints it (request {@code seq}), so a kill loses little. */
        synchronized void streamFor(long seq) {
            streaming = seq;
        }

        /** Stops streaming: what is printed from now on waits for the reply or is forgotten. */
        synchronized void stopStreaming() {
            streaming = -1;
        }

        /** Sends what was printed since the last message, while a cell streams. */
        synchronized void sendPending(PrintStream protocol) {
            if (streaming >= 0 && kept.size() > 0) {
                ObjectNode m = JSON.createObjectNode().put("op", "output").put("seq", streaming);
                drainInto(m);
                send(protocol, m);
            }
        }
    }

    /** How often a running cell's printing is sent to the grader. */
    private static final long STREAM_EVERY_MS = 200;

    /** Serves requests until {@code bye} or the end of input, then halts (the student's threads die with it). */
    void serve(BufferedReader in, PrintStream protocol) throws java.io.IOException {
        PrintStream student = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(student);
        System.setErr(student);
        System.setIn(java.io.InputStream.nullInputStream());
        send(protocol, JSON.createObjectNode().put("op", "hello"));
        Thread streamer = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(STREAM_EVERY_MS);
                    printed.sendPending(protocol);
                }
            } catch (InterruptedException ended) {
                // the agent is done
            }
        }, "earshot-printed");
        streamer.setDaemon(true);
        streamer.start();
        String line;
        while ((line = in.readLine()) != null) {
            JsonNode request = JSON.readTree(line);
            String op = request.path("op").asText();
            if (op.equals("bye")) {
                break;
            }
            ObjectNode reply = JSON.createObjectNode().put("op", op).put("seq", request.path("seq").asLong());
            switch (op) {
                case "cell" -> {
                    printed.streamFor(request.path("seq").asLong());
                    String error = run(steps(request.path("steps")));
                    printed.stopStreaming();
                    reply.put("status", error == null ? "ok" : "error");
                    if (error != null) {
                        reply.put("message", error);
                    }
                    printed.drainInto(reply);
                }
                case "entries" -> {
                    String failed = run(steps(request.path("steps")));
                    String error = failed;
                    var missing = reply.putArray("missing");
                    for (JsonNode e : request.path("entries")) {
                        Object f = failed == null ? entry(e) : failed;
                        if (f instanceof Function<?, ?> fn) {
                            entries.add(cast(fn));
                        } else {
                            entries.add(null);
                            missing.add(entries.size() - 1);
                            error = error == null ? String.valueOf(f) : error;
                        }
                    }
                    if (error != null) {
                        reply.put("message", error);
                    }
                    printed.forget();
                }
                case "call" -> {
                    call(request, reply);
                    printed.forget(); // printing while a case runs may show hidden inputs: not reported
                }
                default -> reply.put("status", "error").put("message", "unknown request " + op);
            }
            send(protocol, reply);
        }
    }

    private static void send(PrintStream protocol, ObjectNode message) {
        synchronized (protocol) {
            protocol.println(message.toString());
            protocol.flush();
        }
    }

    private static List<CellCompiler.Step> steps(JsonNode steps) {
        List<CellCompiler.Step> out = new ArrayList<>();
        for (JsonNode s : steps) {
            out.add(JSON.convertValue(s, CellCompiler.Step.class));
        }
        return out;
    }

    /** @return null when every step ran, else the first failure in one line (later steps are not run) */
    String run(List<CellCompiler.Step> steps) {
        for (CellCompiler.Step step : steps) {
            try {
                if (!step.load().isEmpty()) {
                    ExecutionControl.ClassBytecodes[] classes = step.load().stream()
                            .map(c -> new ExecutionControl.ClassBytecodes(c.name(), c.decoded()))
                            .toArray(ExecutionControl.ClassBytecodes[]::new);
                    engine.load(classes);
                }
                if (step.invokeClass() != null) {
                    engine.invoke(step.invokeClass(), step.invokeMethod());
                }
            } catch (ExecutionControl.UserException e) {
                return "exception: " + e.causeExceptionClass() + (e.getMessage() == null ? ""
                        : ": " + GradeWorker.oneLine(e.getMessage()));
            } catch (ExecutionControl.ResolutionException e) {
                return "exception: it calls a method that is not defined";
            } catch (ExecutionControl.ExecutionControlException | RuntimeException e) {
                return "exception: " + GradeWorker.oneLine(Check.describe(e));
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Function<Object[], Object> cast(Function<?, ?> f) {
        return (Function<Object[], Object>) f;
    }

    /** @return the entry point's function, or why there is none */
    private Object entry(JsonNode e) {
        if (!e.path("className").isTextual()) {
            return "it did not compile";
        }
        try {
            Object value = engine.staticField(e.path("className").asText(), e.path("field").asText());
            int index = e.path("index").asInt(-1);
            Object f = index >= 0 && value instanceof Object[] all && index < all.length ? all[index] : value;
            return f instanceof Function<?, ?> ? f : "its function was not made";
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
            return Check.describe(unreadable);
        }
    }

    private void call(JsonNode request, ObjectNode reply) {
        int index = request.path("entry").asInt(-1);
        Function<Object[], Object> f = index >= 0 && index < entries.size() ? entries.get(index) : null;
        if (f == null) {
            reply.put("threw", "no such entry " + index);
            return;
        }
        List<Object> args = new ArrayList<>();
        for (JsonNode a : request.path("args")) {
            args.add(AnswerCodec.decode(a));
        }
        try {
            reply.set("returned", AnswerCodec.encode(f.apply(args.toArray())));
        } catch (Throwable t) { // the student's code: any failure is its answer
            reply.put("threw", describe(t));
        }
    }

    private static String describe(Throwable t) {
        if (t.getClass().getName().equals("jdk.jshell.spi.SPIResolutionException")) {
            return "it calls a method that is not defined (its cell did not compile or did not run)";
        }
        if (t instanceof NoClassDefFoundError && String.valueOf(t.getMessage()).startsWith("REPL/")) {
            return "NoClassDefFoundError: it uses a definition whose cell did not run";
        }
        return Check.describe(t);
    }
}
