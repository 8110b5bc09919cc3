package org.earshot.classroom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The students' accounts on this machine: real Unix accounts, so JupyterHub's PAM authenticator checks their
 * passwords and its local spawner runs each server as its student, in their home. Made with Debian's
 * {@code useradd}, {@code chpasswd}, {@code groupadd} and {@code userdel} (package {@code passwd}); needs root.
 * Every student is put in the course's group, the one the hub lets in.
 */
public final class Accounts {

    /** The group the hub admits by default. */
    public static final String DEFAULT_GROUP = "earshot-students";

    /** Letters and digits with no look-alikes (no 0/O, 1/l/I), for passwords read off a sheet. */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Accounts() {
    }

    /** A local account: its login, numeric ids and home folder ({@code getent passwd}). */
    public record Account(String username, int uid, int gid, Path home) {
    }

    /**
     * What {@link #add} did for one student.
     *
     * @param password the password set now, or empty when the account existed (its password is left alone)
     */
    public record Added(String username, boolean created, Optional<String> password) {
    }

    /** @return a fresh 12-character password (about 70 bits) */
    public static String newPassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /**
     * Creates each student's account (home folder made, shell bash, in {@code group}) with the roster's password or
     * a generated one; an existing account is only put in the group.
     *
     * @throws IOException when not root or a command fails (naming the student)
     */
    public static List<Added> add(Roster roster, String group) throws IOException {
        requireRoot("add students");
        run(null, "groupadd", "-f", group);
        List<Added> out = new ArrayList<>();
        for (Roster.Student s : roster.students()) {
            if (lookup(s.username()).isPresent()) {
                run(null, "usermod", "-aG", group, s.username());
                out.add(new Added(s.username(), false, Optional.empty()));
                continue;
            }
            List<String> cmd = new ArrayList<>(List.of("useradd", "--create-home", "--shell", "/bin/bash",
                    "--groups", group));
            if (!s.name().isEmpty()) {
                cmd.addAll(List.of("--comment", s.name()));
            }
            cmd.add(s.username());
            run(null, cmd.toArray(String[]::new));
            String password = s.password().orElseGet(Accounts::newPassword);
            run(s.username() + ":" + password + "\n", "chpasswd");  // by stdin, never on a command line
            out.add(new Added(s.username(), true, Optional.of(password)));
        }
        return out;
    }

    /**
     * Deletes the accounts and their homes, but only of users in {@code group} (never anyone else's account).
     *
     * @return the students removed
     */
    public static List<String> remove(List<String> usernames, String group) throws IOException {
        requireRoot("remove students");
        List<String> members = members(group);
        List<String> removed = new ArrayList<>();
        for (String u : usernames) {
            if (lookup(u).isPresent() && members.contains(u)) {
                run(null, "userdel", "--remove", u);
                removed.add(u);
            }
        }
        return removed;
    }

    /** Removes the group (after its students). */
    public static void removeGroup(String group) throws IOException {
        if (getent("group", group).isPresent()) {
            run(null, "groupdel", group);
        }
    }

    /** @return the account, or empty when there is none */
    public static Optional<Account> lookup(String username) throws IOException {
        return getent("passwd", username).map(line -> {
            String[] f = line.split(":", -1);
            return new Account(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Path.of(f[5]));
        });
    }

    /** @return the group's members (supplementary members, as useradd --groups puts them), in order */
    public static List<String> members(String group) throws IOException {
        Optional<String> line = getent("group", group);
        if (line.isEmpty()) {
            throw new IOException("no group '" + group + "' on this machine (./earshot hub add-students makes it)");
        }
        String[] f = line.get().split(":", -1);
        return f.length < 4 || f[3].isEmpty() ? List.of() : List.of(f[3].split(","));
    }

    static Optional<String> getent(String database, String key) throws IOException {
        Process p = new ProcessBuilder("getent", database, key).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            return p.waitFor() == 0 && !out.isEmpty() ? Optional.of(out.lines().findFirst().orElse("")) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static void requireRoot(String what) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IOException("to " + what + " run as root (sudo ./earshot ...): accounts are system accounts");
        }
    }

    static void run(String stdin, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            int rc = p.waitFor();
            // userdel warns (exit 12) when a new account has no mail spool: the account is gone all the same
            if (rc != 0 && !(cmd[0].equals("userdel") && rc == 12)) {
                throw new IOException(cmd[0] + " " + cmd[cmd.length - 1] + " failed (exit " + rc + "): " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
