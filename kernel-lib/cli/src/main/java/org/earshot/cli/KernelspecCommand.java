package org.earshot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.earshot.kit.Kit;
import org.earshot.kit.Section;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot kernelspec}: writes the Jupyter kernelspec "earshot" ("Java (Earshot)") and the kernel's start-up
 * script, and with {@code --install} registers it with {@code jupyter kernelspec install --user}.
 *
 * <p>The kernel JVM gets rapaio-jupyter-kernel and every kit jar and dependency on {@code -cp}, as the folder
 * wildcards {@code build/kit/kernel/*} and {@code build/kit/lib/*}: the JVM expands them at each start, so the
 * kernelspec keeps working when {@code mvn package} rebuilds the jars. The start-up script imports the kit's
 * packages (its own and every section's {@link Section#notebookImports()}), so lessons need no magics.
 */
@Command(name = "kernelspec", mixinStandardHelpOptions = true,
        description = "Write (and with --install, register) the 'earshot' Jupyter kernelspec.")
final class KernelspecCommand implements Callable<Integer> {

    /** The kernelspec's name, as notebooks' metadata and {@code --ExecutePreprocessor.kernel_name} refer to it. */
    static final String KERNEL_NAME = "earshot";

    @Option(names = "--install", description = "Also register it with 'jupyter kernelspec install --user --replace'.")
    boolean install;

    @Option(names = "--no-class-archive",
            description = "Do not make the class-data-sharing archive that speeds up kernel start.")
    boolean noClassArchive;

    @Option(names = "--dir", description = "Where to write it (default: build/kit/kernelspec under the kit's home).")
    Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path home = Kit.home();
        Path kit = home.resolve("build/kit");
        Path specDir = (dir != null ? dir : kit.resolve("kernelspec")).resolve(KERNEL_NAME);
        Files.createDirectories(specDir);
        Path init = kit.resolve("init.jshell");
        Files.writeString(init, initScript(), StandardCharsets.UTF_8);

        Path archive = kit.resolve("kernel.jsa");
        boolean shared = !noClassArchive && writeClassArchive(home, init, archive);
        Map<String, Object> spec = kernelJson(home, init, shared ? archive : null);
        Path json = specDir.resolve("kernel.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), spec);
        System.out.println("wrote " + json);
        System.out.println("wrote " + init);
        if (!install) {
            return 0;
        }
        Process p = new ProcessBuilder("jupyter", "kernelspec", "install", "--user", "--replace",
                "--name", KERNEL_NAME, specDir.toString()).inheritIO().start();
        int rc = p.waitFor();
        if (rc != 0) {
            System.err.println("earshot kernelspec: 'jupyter kernelspec install' failed (exit " + rc
                    + "); is Jupyter installed? Run ./earshot doctor");
            return 1;
        }
        return 0;
    }

    /**
     * Records the classes a kernel loads at start and in its first cell ({@link org.earshot.kernel.Warmup}) in a
     * dynamic class-data-sharing archive. Measured here: median kernel start to first output 2.36 s without,
     * 1.99 s with ({@code ./earshot bench kernel}). The JVM ignores an archive that no longer matches the jars.
     *
     * @return whether the archive was written
     */
    static boolean writeClassArchive(Path home, Path initScript, Path archive) throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        Process p = new ProcessBuilder(javaCommand(), "-Djava.awt.headless=true", "-XX:+UseSerialGC",
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off", "-cp", classpath(home),
                "org.earshot.kernel.Warmup", initScript.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        boolean ok = p.waitFor() == 0 && Files.isRegularFile(archive);
        if (!ok) {
            System.err.println("earshot kernelspec: no class-data-sharing archive (the kernel starts without one)");
        }
        return ok;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * The kernel's class path: the kit's core jar first, so its fixed
     * {@link org.rapaio.jupyter.kernel.channels.LoopThread} shadows the kernel's own, then the kernel jar, then
     * every kit jar and dependency. Folder wildcards (expanded by the JVM at each start) keep it valid across
     * rebuilds.
     */
    static String classpath(Path home) {
        Path lib = home.resolve("build/kit/lib");
        return String.join(java.io.File.pathSeparator, lib.resolve("earshot-kernel-jupyter.jar").toString(),
                home.resolve("build/kit/kernel") + "/*", lib + "/*");
    }

    static Map<String, Object> kernelJson(Path home, Path initScript, Path classArchive) {
        List<String> argv = new ArrayList<>(List.of(javaCommand(),
                "-Djava.awt.headless=true",
                "-D" + Kit.HOME_PROPERTY + "=" + home,
                "-Dearshot.kernel=rapaio",
                "-XX:+UseSerialGC",
                "-cp", classpath(home),
                "org.earshot.kernel.KernelLauncher",
                "org.rapaio.jupyter.kernel.MainApp",
                "{connection_file}"));
        if (classArchive != null) {
            argv.addAll(1, List.of("-XX:SharedArchiveFile=" + classArchive, "-Xlog:cds*=off"));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", "Java (Earshot)");
        spec.put("language", "java");
        spec.put("interrupt_mode", "signal"); // see CellInterrupt: the kernel's own message handling hangs
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RJK_INIT_SCRIPT", initScript.toString());
        env.put("RJK_TIMEOUT_MILLIS", "-1");
        env.put("RJK_COMPILER_OPTIONS", "");
        spec.put("env", env);
        spec.put("metadata", Map.of("debugger", false));
        return spec;
    }

    static String initScript() {
        return "// Written by ./earshot kernelspec: the kit's packages, so lessons need no imports.\n"
                + String.join("\n", Kit.notebookImports()) + "\n";
    }
}
