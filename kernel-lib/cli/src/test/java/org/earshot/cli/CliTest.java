package org.earshot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
}
