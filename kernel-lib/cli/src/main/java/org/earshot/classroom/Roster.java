package org.earshot.classroom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A class list: one student a row of a CSV file whose header names its columns. {@code username} is required (the
 * student's login on this machine); {@code name} (a full name, for the account's comment) and {@code password}
 * (else one is generated) are optional; other columns (e.g. {@code email}) are ignored. Blank lines and lines that
 * start with {@code #} are skipped. Values hold no commas or quotes (a login name cannot).
 *
 * <pre>
 * username,name,email
 * ada,Ada Lovelace,ada@example.org
 * alan,Alan Turing,alan@example.org
 * </pre>
 *
 * @param students the rows, in file order, no login twice
 */
public record Roster(List<Student> students) {

    /** What Debian's useradd accepts by default (NAME_REGEX), at most 32 characters. */
    static final Pattern LOGIN = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    /**
     * @param username login name
     * @param name     full name, or empty
     * @param password the password to set, or empty for a generated one
     */
    public record Student(String username, String name, Optional<String> password) {
        public Student {
            if (!LOGIN.matcher(username).matches()) {
                throw new IllegalArgumentException("'" + username + "' is not a login name (a-z, 0-9, _ and -,"
                        + " starting with a letter or _, at most 32 characters)");
            }
        }
    }

    public Roster {
        students = List.copyOf(students);
    }

    /** @return the login names, in order */
    public List<String> usernames() {
        return students.stream().map(Student::username).toList();
    }

    /**
     * @param csv the roster file
     * @return its students
     * @throws IOException naming the file and line when it cannot be read or a row is wrong
     */
    public static Roster read(Path csv) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException(csv + ": cannot read the roster (" + e.getMessage() + ")", e);
        }
        List<String> header = null;
        List<Student> students = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = List.of(line.split(",", -1)).stream().map(String::strip).toList();
            String where = csv + ":" + (i + 1) + ": ";
            if (header == null) {
                header = cells.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
                if (!header.contains("username")) {
                    throw new IOException(where + "the header must name a 'username' column (found: " + line + ")");
                }
                continue;
            }
            if (cells.size() > header.size()) {
                throw new IOException(where + cells.size() + " values for " + header.size() + " columns");
            }
            String user = cell(header, cells, "username");
            try {
                Student s = new Student(user, cell(header, cells, "name"),
                        Optional.of(cell(header, cells, "password")).filter(p -> !p.isEmpty()));
                if (!seen.add(s.username())) {
                    throw new IOException(where + "'" + user + "' is listed twice");
                }
                students.add(s);
            } catch (IllegalArgumentException e) {
                throw new IOException(where + e.getMessage());
            }
        }
        if (students.isEmpty()) {
            throw new IOException(csv + ": no students in the roster");
        }
        return new Roster(students);
    }

    private static String cell(List<String> header, List<String> cells, String column) {
        int i = header.indexOf(column);
        return i >= 0 && i < cells.size() ? cells.get(i) : "";
    }
}
