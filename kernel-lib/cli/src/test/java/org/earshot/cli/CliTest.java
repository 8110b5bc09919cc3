package org.earshot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cli = EarshotCli.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void unknownVerbPrintsUsageOnStderrAndExitsTwo() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "frobnicate"));
        assertTrue(err.toString().contains("Unmatched argument"), err.toString());
        assertTrue(err.toString().contains("Usage: earshot"), err.toString());
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine cli = EarshotCli.commandLine();
        assertTrue(cli.getSubcommands().keySet().containsAll(List.of("run", "kernelspec", "catalog", "bench")));
        for (Map.Entry<String, CommandLine> verb : cli.getSubcommands().entrySet()) {
            assertEquals(0, run(new StringWriter(), verb.getKey(), "--help"), verb.getKey() + " --help");
            for (String sub : verb.getValue().getSubcommands().keySet()) {
                assertEquals(0, run(new StringWriter(), verb.getKey(), sub, "--help"), verb.getKey() + " " + sub + " --help");
            }
        }
        assertTrue(cli.getSubcommands().get("bench").getSubcommands().containsKey("display"));
        assertEquals(0, run(new StringWriter(), "--help"));
    }

    @Test
    void kernelspecPutsEveryKitJarOnTheClassPathByWildcard() {
        Path home = Path.of("/opt/earshot");
        Map<String, Object> spec = KernelspecCommand.kernelJson(home, home.resolve("build/kit/init.jshell"),
                home.resolve("build/kit/kernel.jsa"));
        @SuppressWarnings("unchecked")
        List<String> argv = (List<String>) spec.get("argv");
        int cp = argv.indexOf("-cp");
        assertEquals("/opt/earshot/build/kit/lib/earshot-kernel-jupyter.jar:/opt/earshot/build/kit/kernel/*"
                + ":/opt/earshot/build/kit/lib/*", argv.get(cp + 1));
        assertEquals(List.of("org.earshot.kernel.KernelLauncher", "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"),
                argv.subList(argv.size() - 3, argv.size()));
        assertTrue(argv.contains("-Dearshot.kernel=rapaio"));
        assertTrue(argv.contains("-XX:SharedArchiveFile=/opt/earshot/build/kit/kernel.jsa"));
        assertTrue(argv.contains("-D" + Kit.HOME_PROPERTY + "=/opt/earshot"));
        assertEquals("Java (Earshot)", spec.get("display_name"));
        assertEquals("signal", spec.get("interrupt_mode"));
    }

    @Test
    void initScriptImportsTheKitAndEverySectionsPackages() {
        String init = KernelspecCommand.initScript();
        assertTrue(init.contains("import org.earshot.audio.*;"));
        // every section's packages (KitTest checks that list with test sections)
        org.earshot.kit.Kit.notebookImports().forEach(i -> assertTrue(init.contains(i), i));
        assertTrue(init.contains("import static org.earshot.display.Display.show;"));
        // rapaio evaluates the script as one JShell snippet: only imports and comments may stand in it
        init.lines().filter(l -> !l.isBlank())
                .forEach(l -> assertTrue(l.startsWith("import ") || l.startsWith("//"), l));
    }

    @Test
    void notebookChecks(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.ipynb");
        Files.writeString(broken, "{\"cells\": [");
        assertTrue(Notebooks.validate(broken).orElseThrow().startsWith("invalid notebook: not valid JSON"));
        Path noCells = dir.resolve("nocells.ipynb");
        Files.writeString(noCells, "{\"nbformat\": 4}");
        assertEquals("invalid notebook: no 'cells' list", Notebooks.validate(noCells).orElseThrow());
        assertEquals("no such file", Notebooks.validate(dir.resolve("missing.ipynb")).orElseThrow());

        Path executed = dir.resolve("executed.ipynb");
        Files.writeString(executed, """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "markdown", "source": "# title", "metadata": {}},
                  {"cell_type": "code", "source": "1+1", "outputs": [], "metadata": {}, "execution_count": 1},
                  {"cell_type": "code", "source": "1/0", "metadata": {}, "execution_count": 2, "outputs": [
                    {"output_type": "error", "ename": "EvalException", "evalue": "/ by zero\\nmore", "traceback": []}]},
                  {"cell_type": "code", "source": "x", "metadata": {}, "execution_count": 3, "outputs": [
                    {"output_type": "error", "ename": "CompilerException", "evalue": "",
                     "traceback": ["\\u001b[1mCompile error:\\u001b[0m", "cannot find symbol"]}]}
                ]}""");
        assertTrue(Notebooks.validate(executed).isEmpty());
        assertEquals("cell 3 failed: EvalException: / by zero", Notebooks.firstError(executed).orElseThrow());
        Files.writeString(executed, Files.readString(executed).replace("\"1/0\"", "\"ok\"")
                .replace("\"output_type\": \"error\", \"ename\": \"EvalException\"", "\"output_type\": \"stream\", \"ename\": \"x\""));
        assertEquals("cell 4 failed: CompilerException: Compile error: cannot find symbol",
                Notebooks.firstError(executed).orElseThrow());

        // a solution notebook whose exercise check fails fails the run too
        String failed = org.earshot.exercises.Check.run("ex-1", 1, java.util.List.of(org.earshot.exercises.TestCase.visible("t",
                () -> 2, got -> org.earshot.exercises.Expect.equal(1, (int) got, ""))), false).toMimeBundle().get("text/html").orElseThrow();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var nb = mapper.createObjectNode().put("nbformat", 4);
        var cell = nb.putArray("cells").addObject().put("cell_type", "code");
        var data = cell.putArray("outputs").addObject().put("output_type", "execute_result").putObject("data");
        data.putArray("text/html").add(failed);
        data.put("text/plain", "ex-1: 0 of 1 tests passed, 0 of 1 points\n  FAILED t");
        mapper.writeValue(executed.toFile(), nb);
        assertEquals("cell 1 failed: exercise check: ex-1: 0 of 1 tests passed, 0 of 1 points",
                Notebooks.firstError(executed).orElseThrow());
    }

    /** An executed notebook of one markdown cell and one code cell whose only output is {@code output} (JSON). */
    private static Path notebookShowing(Path dir, String output) throws IOException {
        Path nb = dir.resolve("shows.ipynb");
        Files.writeString(nb, """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "markdown", "source": "# title", "metadata": {}},
                  {"cell_type": "code", "source": "x", "metadata": {}, "execution_count": 1, "outputs": [%s]}
                ]}""".formatted(output));
        return nb;
    }

    @Test
    void aCellShowingABareObjectToStringFailsTheRun(@TempDir Path dir) throws Exception {
        String printf = "{\"output_type\": \"execute_result\", \"execution_count\": 1, \"metadata\": {},"
                + " \"data\": {\"text/plain\": \"java.io.PrintStream@1b2c3d\"}}";
        assertEquals("cell 2 prints a bare Object.toString() (java.io.PrintStream@…): give the value a display or "
                + "toString", Notebooks.firstError(notebookShowing(dir, printf)).orElseThrow());
        String jshellClass = "{\"output_type\": \"stream\", \"name\": \"stdout\","
                + " \"text\": [\"model ready\\n\", \"REPL.$JShell$12$Foo@7a81197d\\n\"]}";
        assertEquals("cell 2 prints a bare Object.toString() (REPL.$JShell$12$Foo@…): give the value a display or "
                + "toString", Notebooks.firstError(notebookShowing(dir, jshellClass)).orElseThrow());
        String array = "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"[D@5e9f23b4\\n\"}";
        assertTrue(Notebooks.firstError(notebookShowing(dir, array)).orElseThrow().contains("([D@…)"));
        String lambda = "{\"output_type\": \"display_data\", \"metadata\": {}, \"data\": {\"text/plain\":"
                + " \"REPL.$JShell$15$$Lambda$123/0x0000000800c0b040@5e9f23b4\"}}";
        assertTrue(Notebooks.firstError(notebookShowing(dir, lambda)).isPresent());
        // the same inside a sentence, a short hash, an e-mail address or a kit value's own text are fine
        for (String fine : List.of("the stream java.io.PrintStream@1b2c3d is open", "Foo@12a",
                "write to alice@example.org", "Audio[1.000 s, 16000 Hz, mono, peak -6.0 dBFS]")) {
            String out = "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"" + fine + "\"}";
            assertEquals(Optional.empty(), Notebooks.firstError(notebookShowing(dir, out)), fine);
        }
    }
}
