package org.earshot.grading.batch;

import java.util.List;

/**
 * The first line the grader sends a {@link GradeWorker} (JSON): which of its two jobs to do, and what for.
 *
 * @param role             {@link Role#COMPILE}: compile the graded cells and the answers' entry points, run nothing;
 *                         {@link Role#RUN}: load and run what the grader sends next, answer its calls
 * @param imports          the notebook's import lines (the compiler keeps those the sources need)
 * @param cells            the submission's graded cells, in notebook order (compile)
 * @param entries          the student methods the answers call (compile)
 * @param outputLimitBytes how much of the student's printing the worker keeps (run)
 */
public record WorkerRequest(Role role, List<String> imports, List<Cell> cells, List<Entry> entries,
                            int outputLimitBytes) {

    /** What the worker is for. */
    public enum Role {
        /** trusted code only: JShell compiles, nothing of the student's runs */
        COMPILE,
        /** the student's process: it runs the compiled cells and answers calls, and judges nothing */
        RUN,
        /** compile and run a trusted cell in one JVM, to write the class-data-sharing archive */
        WARM
    }

    public WorkerRequest {
        imports = List.copyOf(imports);
        cells = List.copyOf(cells);
        entries = List.copyOf(entries);
    }

    /** A graded cell: its exercise and its source. */
    public record Cell(String exercise, String source) {
    }

    /**
     * A student method an answer calls, compiled into {@code args -> { R r = method((T0) args[0], …); return r; }}.
     *
     * @param method         its name
     * @param parameterTypes Java source types of its parameters, e.g. {@code int}, {@code java.util.List<java.lang.String>}
     * @param returnType     Java source type of what it returns
     */
    public record Entry(String method, List<String> parameterTypes, String returnType) {
        public Entry {
            parameterTypes = List.copyOf(parameterTypes);
        }
    }
}
