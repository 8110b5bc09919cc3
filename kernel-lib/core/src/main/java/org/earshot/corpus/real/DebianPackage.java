package org.earshot.corpus.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.earshot.io.Command;

/**
 * A Debian binary package's files, taken without installing it: {@code apt-get download} fetches the {@code .deb} into
 * a cache folder and {@code dpkg-deb -x} unpacks it beside (no maintainer script runs, nothing is installed). Both
 * steps are cached: a {@code .deb} already there is not fetched again, a tree already unpacked not unpacked again.
 *
 * @param name    the package, e.g. {@code kajongg}
 * @param version its version, e.g. {@code 4:22.12.3-1}
 * @param deb     the downloaded {@code .deb}
 * @param root    the unpacked tree (its {@code usr/share/…})
 */
public record DebianPackage(String name, String version, Path deb, Path root) {

    private static final String UNPACKED = ".unpacked";

    /**
     * Downloads (if need be) and unpacks (if need be) a package.
     *
     * @param name  the package
     * @param cache the cache folder: {@code debs/} and {@code trees/NAME/}
     * @return the package
     * @throws IOException when {@code apt-get} or {@code dpkg-deb} is missing, the package is unknown or unavailable,
     *                     or unpacking fails; the message names the package and what to do
     */
    public static DebianPackage fetch(String name, Path cache) throws IOException, InterruptedException {
        if (!name.matches("[a-z0-9][a-z0-9+.-]+")) {
            throw new IOException("'" + name + "' is not a Debian package name");
        }
        Path debs = Files.createDirectories(cache.resolve("debs"));
        Path deb = cached(debs, name);
        if (deb == null) {
            run(List.of("apt-get", "download", name), debs, name,
                    "apt-get download " + name + " failed (if apt says it cannot locate it, run apt-get update)");
            deb = cached(debs, name);
            if (deb == null) {
                throw new IOException(name + ": apt-get download left no " + name + "_*.deb in " + debs);
            }
        }
        String version = run(List.of("dpkg-deb", "-f", deb.toString(), "Version"), debs, name,
                "dpkg-deb could not read " + deb).strip();
        Path root = cache.resolve("trees").resolve(name);
        Path marker = root.resolve(UNPACKED);
        if (!Files.isRegularFile(marker) || !Files.readString(marker).strip().equals(version)) {
            Files.createDirectories(root);
            run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), debs, name,
                    "dpkg-deb -x could not unpack " + deb);
            Files.writeString(marker, version + "\n");
        }
        return new DebianPackage(name, version, deb, root);
    }

    /** @return the package's {@code usr/share/doc/NAME/copyright}, parsed */
    public Dep5Copyright copyright() throws IOException {
        return Dep5Copyright.read(root.resolve("usr/share/doc").resolve(name).resolve("copyright"));
    }

    private static Path cached(Path debs, String name) throws IOException {
        try (Stream<Path> files = Files.list(debs)) {
            return files.filter(p -> p.getFileName().toString().startsWith(name + "_")
                    && p.getFileName().toString().endsWith(".deb")).sorted().reduce((a, b) -> b).orElse(null);
        }
    }

    private static String run(List<String> cmd, Path dir, String name, String failure)
            throws IOException, InterruptedException {
        Command result;
        try {
            result = Command.run(cmd, dir, Duration.ofSeconds(600));
        } catch (Command.NotFound e) {
            throw new IOException(name + ": " + cmd.get(0) + " is not installed (it comes with Debian's "
                    + (cmd.get(0).equals("apt-get") ? "apt" : "dpkg") + " package)", e);
        } catch (IOException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            String last = result.lastLine();
            throw new IOException(name + ": " + failure + (last.isEmpty() ? "" : " (" + last + ")"));
        }
        return result.output();
    }
}
