package org.earshot.grading.batch;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The child process of class grading, started inside the {@link Sandbox}; one request line on standard input says
 * which of its two jobs it does ({@link WorkerRequest.Role}):
 * <ul>
 *   <li>{@code COMPILE} — trusted code with untrusted input: {@link CellCompiler} compiles the submission's graded
 *       cells and the answers' entry points with JShell, runs none of it, and writes one JSON line per cell
 *       ({@code {"op":"cell",…}}, the imports first) and then the entries ({@code {"op":"entries",…}}).</li>
 *   <li>{@code RUN} — the student's process: {@link StudentAgent} runs the class files the grader sends and answers
 *       its calls. Its class path is the kit's lesson API only (no exercise declarations, hence no reference code
 *       and no hidden case), and nothing it says is believed beyond "this is my answer".</li>
 * </ul>
 * The two never share a process or a sandbox, so the student's code cannot reach the compiler's output.
 */
public final class GradeWorker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GradeWorker() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(FileDescriptor.in),
                StandardCharsets.UTF_8));
        String first = in.readLine();
        if (first == null) {
            Runtime.getRuntime().halt(2);
        }
        WorkerRequest request = JSON.readValue(first, WorkerRequest.class);
        switch (request.role()) {
            case COMPILE -> {
                send(protocol, JSON.createObjectNode().put("op", "hello"));
                new CellCompiler().compile(request,
                        cell -> send(protocol, ((ObjectNode) JSON.valueToTree(cell)).put("op", "cell")),
                        entries -> send(protocol, ((ObjectNode) JSON.valueToTree(entries)).put("op", "entries")));
                send(protocol, JSON.createObjectNode().put("op", "done"));
            }
            case RUN -> new StudentAgent(request.outputLimitBytes()).serve(in, protocol);
            case WARM -> warm(request);
        }
        protocol.flush();
        Runtime.getRuntime().halt(0); // the student's non-daemon threads must not keep the process alive
    }

    /** Compiles and runs a trusted request in this JVM, so that its class-data-sharing archive holds both paths. */
    private static void warm(WorkerRequest request) {
        List<CellCompiler.Step> steps = new java.util.ArrayList<>();
        new CellCompiler().compile(request, cell -> steps.addAll(cell.steps()), entries -> steps.addAll(entries.steps()));
        StudentAgent agent = new StudentAgent(0);
        agent.run(steps);
        JSON.valueToTree(org.earshot.exercises.AnswerCodec.encode(List.of("warm")));
    }

    private static void send(PrintStream protocol, ObjectNode message) {
        protocol.println(message.toString());
        protocol.flush();
    }

    static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 297) + "…" : flat;
    }
}
