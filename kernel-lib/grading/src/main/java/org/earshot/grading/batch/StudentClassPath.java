package org.earshot.grading.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The class path of the student's process: the kit's, without the packages that declare exercises (their reference
 * code, verdicts and hidden cases). A jar or class folder holding such a package is copied, without it, into a jar
 * of its own in {@code dir}; the copy is kept and reused while it is newer than what it was made from (so the
 * class-data-sharing archive made for it stays valid); everything else is used as it is.
 */
final class StudentClassPath {

    private StudentClassPath() {
    }

    /**
     * @param classPath the kit's class path (jars or folders)
     * @param hidden    packages to leave out, e.g. {@code org.earshot.signal.exercises}
     * @param dir       where filtered copies go (created)
     * @return the class path without them
     */
    static List<Path> of(List<Path> classPath, Set<String> hidden, Path dir) throws IOException {
        List<String> prefixes = hidden.stream().map(p -> p.replace('.', '/') + "/").toList();
        List<Path> out = new ArrayList<>();
        for (Path entry : classPath) {
            List<String> names = names(entry);
            if (names.stream().noneMatch(n -> isHidden(n, prefixes))) {
                out.add(entry);
                continue;
            }
            Files.createDirectories(dir);
            String id = HexFormat.of().formatHex(sha256(entry.toAbsolutePath().toString()), 0, 4);
            String base = entry.getFileName().toString().replaceAll("\\.jar$", "").replaceAll("[^A-Za-z0-9._-]", "_");
            Path copy = dir.resolve(base + "-" + id + ".jar");
            if (!Files.isRegularFile(copy) || Files.getLastModifiedTime(copy).compareTo(newest(entry)) < 0) {
                write(entry, names, prefixes, copy);
            }
            out.add(copy);
        }
        return List.copyOf(out);
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean isHidden(String name, List<String> prefixes) {
        return prefixes.stream().anyMatch(name::startsWith);
    }

    private static List<String> names(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            try (Stream<Path> walk = Files.walk(entry)) {
                return walk.filter(Files::isRegularFile)
                        .map(p -> entry.relativize(p).toString().replace(java.io.File.separatorChar, '/')).sorted().toList();
            }
        }
        if (!Files.isRegularFile(entry)) {
            return List.of();
        }
        try (ZipFile zip = new ZipFile(entry.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } catch (IOException notAJar) {
            return List.of();
        }
    }

    private static FileTime newest(Path entry) throws IOException {
        if (!Files.isDirectory(entry)) {
            return Files.getLastModifiedTime(entry);
        }
        try (Stream<Path> walk = Files.walk(entry)) {
            return walk.map(p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    return FileTime.fromMillis(Long.MAX_VALUE);
                }
            }).max(Comparator.naturalOrder()).orElse(FileTime.fromMillis(0));
        }
    }

    private static void write(Path entry, List<String> names, List<String> prefixes, Path copy) throws IOException {
        Path tmp = Files.createTempFile(copy.getParent(), "." + copy.getFileName(), ".tmp");
        try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(file)) {
            if (Files.isDirectory(entry)) {
                for (String n : names) {
                    if (!isHidden(n, prefixes)) {
                        zip.putNextEntry(new ZipEntry(n));
                        Files.copy(entry.resolve(n), zip);
                        zip.closeEntry();
                    }
                }
            } else {
                try (ZipFile source = new ZipFile(entry.toFile())) {
                    for (ZipEntry e : source.stream().toList()) {
                        if (isHidden(e.getName(), prefixes)) {
                            continue;
                        }
                        zip.putNextEntry(new ZipEntry(e.getName()));
                        if (!e.isDirectory()) {
                            try (InputStream in = source.getInputStream(e)) {
                                in.transferTo(zip);
                            }
                        }
                        zip.closeEntry();
                    }
                }
            }
        }
        // a temporary file is owner-only (0600), but the student's JVM runs as another user (uid 65534 under root)
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try {
            Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
