package org.earshot.grading.batch;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.earshot.exercises.AnswerCodec;
import org.earshot.exercises.Check;
import org.earshot.exercises.CheckReport;
import org.earshot.exercises.Exercise;
import org.earshot.exercises.TestCase;
import org.earshot.kit.Kit;
import org.earshot.kit.Section;

/**
 * Grades one submission, judging everything here, in the grader's process. Two sandboxed {@link GradeWorker}s do the
 * rest, never at once and never in one sandbox:
 * <ol>
 *   <li>a <em>compiler</em> (trusted code: JShell compiles the graded cells and one entry point per student method,
 *       and runs nothing). Its class files are checked here for forbidden APIs ({@link ForbiddenApis} and each
 *       exercise's own list): a cell that uses reflection and the like is not run; an exercise whose forbidden API
 *       appears in any graded cell scores 0.</li>
 *   <li>the <em>student's process</em> ({@link StudentAgent}), whose class path has no exercise declarations: it
 *       runs the checked class files, and the exercises' probes — run here — call the student's methods through
 *       stand-ins that send the case's arguments and read back a typed answer ({@link AnswerCodec}). Reference
 *       answers and hidden expectations never leave this process, so whatever the student's process writes can at
 *       most state an answer, which is checked.</li>
 * </ol>
 * Every read is bounded (a reply line over {@link Limits#messageLimitBytes()} ends the worker: {@code output limit});
 * a line that is not a reply ends it too ({@code garbled protocol line}). When a worker dies — the student's code
 * exited, ran out of memory or CPU time, looped in a cell or a case — the exercise it was in scores what it had, the
 * cause is recorded, and a fresh worker grades what is left, without that cell, until the student's wall-clock
 * budget ({@link Limits#studentTimeoutMs()}) is used up. No failure of one submission escapes {@link #grade}.
 */
public final class SubmissionRunner {

    /**
     * Limits of one submission.
     *
     * @param cellTimeoutMs     one graded cell's run
     * @param caseTimeoutMs     one test case (all its calls of the student's methods)
     * @param workerTimeoutMs   one worker process, compiler or student's
     * @param outputLimitBytes  the student's printing kept for the report
     * @param studentTimeoutMs  all of one student's workers together
     * @param messageLimitBytes the longest line a worker may write (a sound answer of 10 s at 48 kHz fits)
     */
    public record Limits(long cellTimeoutMs, long caseTimeoutMs, long workerTimeoutMs, int outputLimitBytes,
                         long studentTimeoutMs, int messageLimitBytes) {

        /** Limits with a student budget of three workers' time and 16 MiB lines. */
        public Limits(long cellTimeoutMs, long caseTimeoutMs, long workerTimeoutMs, int outputLimitBytes) {
            this(cellTimeoutMs, caseTimeoutMs, workerTimeoutMs, outputLimitBytes, 3 * workerTimeoutMs, 16 << 20);
        }

        /** @return 10 s a cell, 5 s a test case, 60 s a worker, 180 s a student, 64 KB of output kept */
        public static Limits defaults() {
            return new Limits(10_000, 5_000, 60_000, 64 * 1024);
        }
    }

    private static final ObjectMapper TRUSTED = new ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Sandbox sandbox;
    private final Limits limits;
    private final ApiPolicy apis;
    private final ObjectMapper replies;
    private final List<String> imports;

    /**
     * @param sandbox the kit's sandbox; its class path is used without the packages that declare exercises (copies
     *                of the jars that hold them are kept next to its class-data-sharing archive)
     * @param limits  the limits of one submission
     * @throws IOException when the student's class path cannot be written
     */
    public SubmissionRunner(Sandbox sandbox, Limits limits) throws IOException {
        this(sandbox, limits, ApiPolicy.ENFORCED);
    }

    /**
     * @param sandbox the kit's sandbox (see {@link #SubmissionRunner(Sandbox, Limits)})
     * @param limits  the limits of one submission
     * @param apis    whether forbidden APIs are refused before a cell runs ({@link ApiPolicy#UNCHECKED}: to test
     *                the sandbox's limits only)
     * @throws IOException when the student's class path cannot be written
     */
    public SubmissionRunner(Sandbox sandbox, Limits limits, ApiPolicy apis) throws IOException {
        this.apis = java.util.Objects.requireNonNull(apis, "apis");
        Set<String> hidden = new LinkedHashSet<>();
        for (Section s : Kit.sections()) {
            s.exercises().forEach(e -> hidden.addAll(e.declaringPackages()));
        }
        hidden.remove("org.earshot.exercises"); // the kit's checking machinery: no answer in it
        Path dir = sandbox.classArchive().toAbsolutePath().getParent().resolve("student-class-path");
        this.sandbox = sandbox.withClassPath(StudentClassPath.of(sandbox.classPath(), hidden, dir));
        this.limits = limits;
        this.imports = Kit.notebookImports();
        this.replies = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(limits.messageLimitBytes()).maxNestingDepth(64).build()).build());
    }

    /** @return the sandbox its workers run in (its class path is the student's) */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** What one student's workers reported, gathered over attempts. */
    private static final class Gathered {
        final long deadline;
        final Map<String, String> cellStatus = new LinkedHashMap<>();
        final Map<String, Map<Integer, Check.Outcome>> outcomes = new LinkedHashMap<>();
        final Map<String, String> forbidden = new LinkedHashMap<>();
        final Set<String> skipCells = new LinkedHashSet<>();
        final Set<String> finished = new LinkedHashSet<>();
        final List<String> reasons = new ArrayList<>();
        final StringBuilder output = new StringBuilder();
        long outputBytes;
        int attempts;

        Gathered(long deadline) {
            this.deadline = deadline;
        }

        boolean outOfTime() {
            return System.nanoTime() >= deadline;
        }
    }

    /** What the compiler made of a submission. */
    private record Compiled(List<CellCompiler.CompiledCell> cells, CellCompiler.CompiledEntries entries,
                            Map<String, List<Integer>> entriesOf) {
    }

    /** Why a worker stopped answering, in the words of a status ({@code timeout}, {@code out of memory}, …). */
    private static final class WorkerStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean timeout;
        final boolean budget;

        WorkerStopped(String why, boolean timeout, boolean budget) {
            super(why, null, false, false);
            this.timeout = timeout;
            this.budget = budget;
        }
    }

    /** The student's method threw: its description ({@code SimpleName: message}), as the report shows it. */
    private static final class StudentThrew extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StudentThrew(String description) {
            super(description, null, false, false);
        }
    }

    /**
     * @param submission the student's submission
     * @param exercises  the lesson's exercises, in order
     * @param workDir    a private folder for the workers (created, emptied)
     * @return the graded result; never throws
     */
    public StudentResult grade(Submission submission, List<Exercise<?, ?>> exercises, Path workDir) {
        long start = System.nanoTime();
        Gathered g = new Gathered(start + TimeUnit.MILLISECONDS.toNanos(limits.studentTimeoutMs()));
        if (!submission.gradable()) {
            return judge(submission, exercises, g, List.of(submission.problem()), start);
        }
        try {
            Set<String> present = new LinkedHashSet<>();
            submission.cells().forEach(c -> present.add(c.exercise()));
            List<Exercise<?, ?>> toRun = exercises.stream().filter(e -> present.contains(e.id())).toList();
            Compiled compiled = compile(submission, toRun, workDir, g);
            if (compiled != null) {
                if (apis == ApiPolicy.ENFORCED) {
                    check(compiled, toRun, g);
                }
                run(toRun, compiled, workDir, g);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            g.reasons.add("grader error: interrupted");
        } catch (Throwable t) { // one submission never stops the class
            g.reasons.add("grader error: " + GradeWorker.oneLine(Check.describe(t)));
        }
        return judge(submission, exercises, g, g.reasons, start);
    }

    // ---- compiling --------------------------------------------------------------------------------------------

    private Compiled compile(Submission submission, List<Exercise<?, ?>> toRun, Path workDir, Gathered g)
            throws IOException, InterruptedException {
        List<WorkerRequest.Entry> entries = new ArrayList<>();
        Map<String, List<Integer>> entriesOf = new LinkedHashMap<>();
        for (Exercise<?, ?> e : toRun) {
            List<Integer> mine = new ArrayList<>();
            for (Exercise.StudentMethod m : e.studentMethods()) {
                mine.add(entries.size());
                entries.add(entry(m));
            }
            entriesOf.put(e.id(), mine);
        }
        while (true) {
            List<WorkerRequest.Cell> cells = submission.cells().stream()
                    .filter(c -> !g.skipCells.contains(c.exercise())).toList();
            if (g.outOfTime()) {
                g.reasons.add(budget() + " while compiling");
                return null;
            }
            try (Session w = start(workDir, new WorkerRequest(WorkerRequest.Role.COMPILE, imports, cells, entries, 0), g)) {
                List<CellCompiler.CompiledCell> done = new ArrayList<>();
                try {
                    w.hello();
                    for (int i = 0; i <= cells.size(); i++) {
                        done.add(TRUSTED.treeToValue(w.expect("cell", w.workerDeadline), CellCompiler.CompiledCell.class));
                    }
                    CellCompiler.CompiledEntries made = TRUSTED.treeToValue(w.expect("entries", w.workerDeadline),
                            CellCompiler.CompiledEntries.class);
                    return new Compiled(done, made, entriesOf);
                } catch (WorkerStopped stopped) {
                    if (done.isEmpty()) {
                        g.reasons.add(stopped.getMessage() + " before grading began" + (w.greeted ? "" : stderrNote(w)));
                        return null;
                    }
                    if (done.size() > cells.size()) { // the cells compiled; the entries did not
                        g.reasons.add(stopped.getMessage() + " compiling the answers");
                        return null;
                    }
                    String id = cells.get(done.size() - 1).exercise(); // done holds the imports, then cell by cell
                    g.skipCells.add(id);
                    g.cellStatus.put(id, stopped.getMessage() + " while compiling");
                    g.reasons.add(stopped.getMessage() + " compiling the cell of " + id);
                    if (stopped.budget) {
                        return null;
                    }
                }
            }
        }
    }

    private static WorkerRequest.Entry entry(Exercise.StudentMethod m) {
        Method sam = m.signature();
        List<String> params = new ArrayList<>();
        for (java.lang.reflect.Type t : sam.getGenericParameterTypes()) {
            params.add(sourceName(t));
        }
        return new WorkerRequest.Entry(m.name(), params, sourceName(sam.getGenericReturnType()));
    }

    private static String sourceName(java.lang.reflect.Type t) {
        return t instanceof Class<?> c ? c.getCanonicalName() : t.getTypeName();
    }

    // ---- checking ---------------------------------------------------------------------------------------------

    private static void check(Compiled compiled, List<Exercise<?, ?>> toRun, Gathered g) {
        Map<String, Set<ClassReferences.Ref>> refs = new LinkedHashMap<>();
        for (CellCompiler.CompiledCell cell : compiled.cells()) {
            if (cell.exercise().isEmpty()) {
                continue; // the imports: the grader's own
            }
            Set<ClassReferences.Ref> cellRefs = refs.computeIfAbsent(cell.exercise(), k -> new LinkedHashSet<>());
            for (CellCompiler.Step step : cell.steps()) {
                for (CellCompiler.ClassFile file : step.load()) {
                    cellRefs.addAll(ClassReferences.of(file.decoded()));
                }
            }
        }
        refs.forEach((exercise, used) -> ForbiddenApis.always(used).ifPresent(api -> {
            g.forbidden.put(exercise, "forbidden API " + api);
            g.skipCells.add(exercise); // never run
        }));
        for (Exercise<?, ?> e : toRun) {
            List<String> cells = new ArrayList<>(refs.keySet()); // its own cell first
            cells.remove(e.id());
            cells.add(0, e.id());
            for (String cell : cells) {
                Optional<String> api = ForbiddenApis.ofExercise(e.forbiddenApis(), refs.getOrDefault(cell, Set.of()));
                if (api.isPresent() && !g.forbidden.containsKey(e.id())) {
                    g.forbidden.put(e.id(), "forbidden API " + api.get() + (cell.equals(e.id()) ? ""
                            : " (used in the cell of " + cell + ")"));
                }
            }
        }
        g.forbidden.forEach((id, why) -> {
            int at = why.indexOf(" (used in");
            g.reasons.add(at < 0 ? why + " in " + id : why.substring(0, at) + " in " + id + why.substring(at));
            g.finished.add(id);
        });
    }

    // ---- running ----------------------------------------------------------------------------------------------

    private void run(List<Exercise<?, ?>> toRun, Compiled compiled, Path workDir, Gathered g)
            throws IOException, InterruptedException {
        int maxAttempts = compiled.cells().size() + toRun.size() + 1;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            List<Exercise<?, ?>> left = toRun.stream().filter(e -> !g.finished.contains(e.id())).toList();
            if (left.isEmpty() && attempt > 0) {
                return;
            }
            if (g.outOfTime()) {
                g.reasons.add(budget());
                return;
            }
            try (Session w = start(workDir, new WorkerRequest(WorkerRequest.Role.RUN, List.of(), List.of(), List.of(),
                    limits.outputLimitBytes()), g)) {
                String where = null;
                try {
                    w.hello();
                    for (CellCompiler.CompiledCell cell : compiled.cells()) {
                        if (g.skipCells.contains(cell.exercise())) {
                            continue;
                        }
                        where = cell.exercise().isEmpty() ? null : "the cell of " + cell.exercise();
                        runCell(w, cell, g);
                    }
                    where = "making its answers";
                    ObjectNode entries = w.message("entries");
                    entries.set("steps", TRUSTED.valueToTree(compiled.entries().steps()));
                    entries.set("entries", TRUSTED.valueToTree(compiled.entries().entries()));
                    JsonNode made = w.request(entries, w.cellDeadline());
                    made.path("missing").forEach(m -> w.missing.add(m.asInt()));
                    w.entriesError = GradeWorker.oneLine(made.path("message").asText("a cell it needs failed"));
                    for (Exercise<?, ?> e : left) {
                        where = e.id();
                        runExercise(e, w, compiled, g);
                        g.finished.add(e.id());
                    }
                    w.channel.send(w.message("bye").toString());
                    return;
                } catch (WorkerStopped stopped) {
                    String why = stopped.getMessage();
                    if (where == null) {
                        g.reasons.add(why + " before grading began" + (w.greeted ? "" : stderrNote(w)));
                        return;
                    }
                    if (where.equals("making its answers")) {
                        g.reasons.add(why + " " + where);
                        return;
                    }
                    g.reasons.add(why + " in " + where);
                    if (where.startsWith("the cell of ")) {
                        String id = where.substring("the cell of ".length());
                        g.skipCells.add(id);
                        g.cellStatus.put(id, why);
                    } else {
                        g.finished.add(where);
                    }
                    if (stopped.budget) {
                        return;
                    }
                }
            }
        }
    }

    private void runCell(Session w, CellCompiler.CompiledCell cell, Gathered g) throws InterruptedException {
        // the imports, or a cell already run by an earlier worker (its printing is kept already), print nothing new
        boolean first = !cell.exercise().isEmpty() && !g.cellStatus.containsKey(cell.exercise());
        w.printing = first ? m -> keepPrinted(m, g) : m -> { };
        JsonNode reply;
        try {
            reply = w.request(w.message("cell").set("steps", TRUSTED.valueToTree(cell.steps())), w.cellDeadline());
        } finally {
            w.printing = null;
        }
        if (!first) {
            return;
        }
        String status = reply.path("status").asText().equals("ok")
                ? (cell.error() == null ? "ok" : cell.error())
                : withLimit(GradeWorker.oneLine(reply.path("message").asText("error")));
        g.cellStatus.put(cell.exercise(), status);
        keepPrinted(reply, g);
    }

    /** @return the failure, led by the sandbox limit behind it when there is one ({@code disk limit (…): …}) */
    private String withLimit(String failure) {
        return sandbox.caps().limitBehind(failure).map(limit -> limit + ": " + failure).orElse(failure);
    }

    /** Adds what a message says the student printed to the student's output, up to the limit kept. */
    private void keepPrinted(JsonNode message, Gathered g) {
        String printed = message.path("output").asText("");
        g.outputBytes += Math.max(message.path("printed").asLong(0), printed.length());
        int room = limits.outputLimitBytes() - g.output.length();
        if (room > 0) {
            g.output.append(printed, 0, Math.min(printed.length(), room));
        }
    }

    private void runExercise(Exercise<?, ?> e, Session w, Compiled compiled, Gathered g) throws InterruptedException {
        List<Integer> mine = compiled.entriesOf().getOrDefault(e.id(), List.of());
        String noAnswer = g.skipCells.contains(e.id()) ? "its cell was not run" : null;
        for (int k : mine) {
            CellCompiler.CompiledEntry made = compiled.entries().entries().get(k);
            if (noAnswer == null && made.error() != null) {
                noAnswer = made.error();
            } else if (noAnswer == null && w.missing.contains(k)) {
                noAnswer = "the answer could not be made (" + w.entriesError + ")";
            }
        }
        List<Object> standIns = new ArrayList<>();
        for (int j = 0; j < mine.size(); j++) {
            standIns.add(standIn(e.studentMethods().get(j), mine.get(j), w));
        }
        List<TestCase> cases = e.casesOfAnswer(e.answerOf(standIns));
        Map<Integer, Check.Outcome> got = g.outcomes.computeIfAbsent(e.id(), k -> new LinkedHashMap<>());
        for (int i = 0; i < cases.size(); i++) {
            if (noAnswer != null) {
                got.put(i, Check.Outcome.threw("no answer: " + noAnswer));
                continue;
            }
            w.caseDeadline = Math.min(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.caseTimeoutMs()),
                    Math.min(w.workerDeadline, g.deadline));
            try {
                got.put(i, Check.Outcome.returned(cases.get(i).probe().call()));
            } catch (StudentThrew threw) {
                got.put(i, Check.Outcome.threw(threw.getMessage()));
            } catch (WorkerStopped stopped) {
                if (stopped.timeout && !stopped.budget) {
                    got.put(i, Check.Outcome.timedOut("no answer within " + limits.caseTimeoutMs() / 1000.0 + " s"));
                }
                throw stopped;
            } catch (Exception wrong) { // the exercise's own call could not use what came back
                got.put(i, Check.Outcome.threw(GradeWorker.oneLine(Check.describe(wrong))));
            }
        }
    }

    /** @return an implementation of the student method's interface that calls it in the student's process */
    private static Object standIn(Exercise.StudentMethod method, int entry, Session w) {
        Method sam = method.signature();
        return Proxy.newProxyInstance(SubmissionRunner.class.getClassLoader(), new Class<?>[] {method.type()},
                (proxy, m, args) -> {
                    if (m.getDeclaringClass() == Object.class) {
                        return switch (m.getName()) {
                            case "toString" -> "the student's " + method.name();
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> proxy == args[0];
                        };
                    }
                    if (m.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, m, args);
                    }
                    if (!m.getName().equals(sam.getName())) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    return w.call(entry, args == null ? new Object[0] : args, sam.getReturnType());
                });
    }

    // ---- one worker process -----------------------------------------------------------------------------------

    private Session start(Path workDir, WorkerRequest request, Gathered g) throws IOException {
        g.attempts++;
        recreate(workDir);
        Sandbox.Confined confined = sandbox.start(workDir); // its own cgroup, removed when it exits
        Session s = new Session(new WorkerChannel(confined.process(), limits.messageLimitBytes()), confined, g);
        s.channel.send(TRUSTED.writeValueAsString(request));
        return s;
    }

    /** One worker: its channel, the request sequence, the deadlines. */
    private final class Session implements AutoCloseable {
        final WorkerChannel channel;
        final Sandbox.Confined confined;
        final Gathered g;
        final long workerDeadline;
        final Set<Integer> missing = new HashSet<>();
        long caseDeadline;
        long seq;
        String entriesError = "";
        /** whether it said hello: until then only the JVM has run, so its standard error may go into a status */
        boolean greeted;
        /** where a running cell's printing goes as it comes, or null when no cell runs */
        java.util.function.Consumer<JsonNode> printing;

        Session(WorkerChannel channel, Sandbox.Confined confined, Gathered g) {
            this.channel = channel;
            this.confined = confined;
            this.g = g;
            this.workerDeadline = Math.min(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.workerTimeoutMs()),
                    g.deadline);
        }

        long cellDeadline() {
            return Math.min(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.cellTimeoutMs()), workerDeadline);
        }

        ObjectNode message(String op) {
            return TRUSTED.createObjectNode().put("op", op).put("seq", ++seq);
        }

        /** Waits for the worker's first line; JVM start-up messages before it are passed over. */
        void hello() throws InterruptedException {
            for (int skipped = 0; skipped < 100; skipped++) {
                WorkerChannel.Reply r = channel.receive(workerDeadline);
                if (r.line() == null) {
                    throw stopped(r);
                }
                if (r.line().startsWith("{")) {
                    JsonNode m = parse(r.line());
                    if (m != null && m.path("op").asText().equals("hello")) {
                        greeted = true;
                        return;
                    }
                    break;
                }
            }
            channel.kill();
            throw new WorkerStopped("garbled protocol line", false, false);
        }

        /**
         * @return the next line, which must be a message of this kind; while a cell runs ({@link #printing} set),
         *         {@code output} messages of its {@code seq} before it go to {@link #printing}
         */
        JsonNode expect(String op, long deadline) throws InterruptedException {
            while (true) {
                WorkerChannel.Reply r = channel.receive(deadline);
                if (r.line() == null) {
                    throw stopped(r);
                }
                JsonNode m = parse(r.line());
                if (m != null && printing != null && m.path("op").asText().equals("output")
                        && m.path("seq").asLong(-1) == seq) {
                    printing.accept(m);
                    continue;
                }
                if (m == null || !m.path("op").asText().equals(op)) {
                    channel.kill();
                    throw new WorkerStopped("garbled protocol line", false, false);
                }
                return m;
            }
        }

        /** Sends a request; @return its reply (same op and sequence number) */
        JsonNode request(ObjectNode message, long deadline) throws InterruptedException {
            channel.send(message.toString());
            JsonNode reply = expect(message.path("op").asText(), deadline);
            if (reply.path("seq").asLong(-1) != message.path("seq").asLong()) {
                channel.kill();
                throw new WorkerStopped("garbled protocol line", false, false);
            }
            return reply;
        }

        /** Calls entry point {@code entry} with these arguments; @return its answer, of the method's return type */
        Object call(int entry, Object[] args, Class<?> returnType) throws InterruptedException {
            ObjectNode m = message("call").put("entry", entry);
            ArrayNode encoded = m.putArray("args");
            for (Object a : args) {
                encoded.add(AnswerCodec.encode(a));
            }
            JsonNode reply = request(m, caseDeadline);
            if (reply.has("threw")) {
                throw new StudentThrew(withLimit(GradeWorker.oneLine(reply.path("threw").asText())));
            }
            Object value = AnswerCodec.decode(reply.path("returned"));
            if (!fits(returnType, value)) {
                throw new StudentThrew("ClassCastException: the answer came back as " + AnswerCodec.describe(value)
                        + ", not " + returnType.getSimpleName());
            }
            return value;
        }

        private JsonNode parse(String line) {
            try {
                JsonNode m = replies.readTree(line);
                return m != null && m.isObject() ? m : null;
            } catch (IOException | RuntimeException garbled) {
                return null;
            }
        }

        private WorkerStopped stopped(WorkerChannel.Reply r) throws InterruptedException {
            return switch (r.end()) {
                case OUTPUT_LIMIT -> new WorkerStopped("output limit (a line over " + limits.messageLimitBytes()
                        / (1 << 20) + " MiB)", false, false);
                case TIMEOUT -> g.outOfTime() ? new WorkerStopped(budget(), true, true)
                        : new WorkerStopped("timeout", true, false);
                // a limit the kernel counted (the cgroup's pids or memory) names the cause for certain
                case EXITED -> {
                    Optional<String> counted = confined.finish();
                    yield new WorkerStopped(counted.isPresent() ? counted.get()
                            : exitReason(channel.exitStatus(), channel.stderr(), channel.cpuSeconds()), false, false);
                }
            };
        }

        @Override
        public void close() {
            channel.close();
        }
    }

    private String exitReason(int exit, String stderr, double cpuSeconds) {
        if (stderr.contains("OutOfMemoryError")) {
            return "out of memory";
        }
        if (exit == 128 + 24 || exit == 128 + 9 && cpuSeconds >= sandbox.cpuSeconds() - 2) {
            return "CPU time limit"; // SIGXCPU, or SIGKILL at the hard limit
        }
        if (exit == 128 + 9) {
            return "memory limit"; // killed by the system, not by the grader and not for CPU time
        }
        return "exited (status " + exit + ")";
    }

    private String budget() {
        return "time budget (" + limits.studentTimeoutMs() / 1000.0 + " s for the student) used up";
    }

    private static String stderrNote(Session w) {
        String err = w.channel.stderr();
        return err.isBlank() ? "" : ": " + GradeWorker.oneLine(err);
    }

    private static boolean fits(Class<?> type, Object value) {
        if (!type.isPrimitive()) {
            return value == null || type.isInstance(value);
        }
        Class<?> box = java.lang.invoke.MethodType.methodType(type).wrap().returnType();
        return box.isInstance(value);
    }

    // ---- judging ----------------------------------------------------------------------------------------------

    private StudentResult judge(Submission submission, List<Exercise<?, ?>> exercises, Gathered g,
                                List<String> reasons, long start) {
        List<String> notes = new ArrayList<>(reasons);
        List<StudentResult.ExerciseResult> results = new ArrayList<>();
        for (Exercise<?, ?> e : exercises) {
            List<TestCase> cases = e.cases(null);
            Map<Integer, Check.Outcome> got = g.outcomes.getOrDefault(e.id(), Map.of());
            String forbidden = g.forbidden.get(e.id());
            String cell = forbidden != null ? forbidden
                    : g.cellStatus.getOrDefault(e.id(), submission.gradable()
                    ? (submission.cells().stream().anyMatch(c -> c.exercise().equals(e.id())) ? "not run" : "missing")
                    : submission.problem());
            if (cell.startsWith("compile error")) {
                notes.add("compile error in " + e.id());
            }
            List<CheckReport.CaseResult> caseResults = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                Check.Outcome outcome = forbidden != null
                        ? Check.Outcome.threw(forbidden + ": the kit's own answer, or a way around the grader")
                        : got.getOrDefault(i, Check.Outcome.threw(cell.equals("ok")
                        ? "not run (the process ended before it)" : "not run: " + cell));
                caseResults.add(Check.judge(cases.get(i), outcome));
            }
            CheckReport report = e.report(caseResults);
            StudentResult.Status status = submission.gradable() ? StudentResult.Status.of(cell, caseResults)
                    : StudentResult.Status.NOT_GRADED;
            results.add(new StudentResult.ExerciseResult(e.id(), e.points(), report.score(), status, cell, caseResults,
                    e.buildsOn()));
        }
        String output = g.output.toString();
        if (g.outputBytes > limits.outputLimitBytes()) {
            output += "… (cut: " + g.outputBytes + " bytes printed, " + limits.outputLimitBytes() + " kept)";
        }
        String status = notes.isEmpty() ? "ok" : String.join("; ", new LinkedHashSet<>(notes));
        return new StudentResult(submission.student(), submission.lesson(), status, results, output,
                (System.nanoTime() - start) / 1e9, g.attempts);
    }

    // ---- the class-data-sharing archive -----------------------------------------------------------------------

    /**
     * One trusted worker run that writes the class-data-sharing archive every later worker starts from (both roles'
     * classes), unless an archive newer than every class-path entry is there already.
     *
     * @param dir a scratch folder for it
     */
    public void warmUp(Path dir) {
        try {
            if (Files.isRegularFile(sandbox.classArchive())) {
                long made = Files.getLastModifiedTime(sandbox.classArchive()).toMillis();
                boolean fresh = true;
                for (Path entry : sandbox.classPath()) {
                    fresh &= Files.getLastModifiedTime(entry).toMillis() <= made;
                }
                if (fresh) {
                    return;
                }
                Files.delete(sandbox.classArchive()); // the kit was rebuilt: an archive of old jars would be refused
            }
            Files.createDirectories(sandbox.classArchive().getParent());
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(sandbox.command(dir, true)).redirectErrorStream(true).start();
            WorkerRequest warm = new WorkerRequest(WorkerRequest.Role.WARM, imports, List.of(new WorkerRequest.Cell(
                    "warm-up", "int warm(int x) { return x + 1; }\nString s = List.of(1, 2).toString();")),
                    List.of(new WorkerRequest.Entry("warm", List.of("int"), "int")), 0);
            try (var in = p.getOutputStream()) {
                in.write((TRUSTED.writeValueAsString(warm) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            Thread drain = new Thread(() -> {
                try {
                    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException gone) {
                    // done
                }
            }, "earshot-warm-up");
            drain.setDaemon(true);
            drain.start();
            if (!p.waitFor(limits.workerTimeoutMs(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // no archive: workers start a little slower
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void recreate(Path dir) throws IOException {
        ClassGrader.deleteTree(dir);
        Files.createDirectories(dir);
        dir.toFile().setWritable(true, false); // the sandbox's user (nobody) writes here
    }
}
