package org.earshot.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("roster.csv"), text, StandardCharsets.UTF_8);
    }

    @Test
    void readsTheColumnsTheHeaderNamesInAnyOrder() throws IOException {
        Roster r = Roster.read(csv("# class of 2026\nemail,username,name,password\n"
                + "ada@example.org,ada,Ada Lovelace,\n\nalan@example.org, alan ,Alan Turing,s3cret-pw\n"));
        assertEquals(List.of("ada", "alan"), r.usernames());
        assertEquals("Ada Lovelace", r.students().get(0).name());
        assertEquals(Optional.empty(), r.students().get(0).password());
        assertEquals(Optional.of("s3cret-pw"), r.students().get(1).password());
    }

    @Test
    void errorsNameTheFileAndLine() throws IOException {
        Path noHeader = csv("name\nAda\n");
        IOException e = assertThrows(IOException.class, () -> Roster.read(noHeader));
        assertTrue(e.getMessage().startsWith(noHeader + ":1: the header must name a 'username'"), e.getMessage());

        Path bad = csv("username\nada\nAda Lovelace\n");
        e = assertThrows(IOException.class, () -> Roster.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ":3: 'Ada Lovelace' is not a login name"), e.getMessage());

        Path twice = csv("username\nada\nada\n");
        e = assertThrows(IOException.class, () -> Roster.read(twice));
        assertTrue(e.getMessage().endsWith(":3: 'ada' is listed twice"), e.getMessage());

        Path empty = csv("username\n");
        e = assertThrows(IOException.class, () -> Roster.read(empty));
        assertTrue(e.getMessage().endsWith("no students in the roster"), e.getMessage());
    }

    @Test
    void refusesNamesUseraddWouldRefuseOrThatCouldEscapeAPath() {
        for (String name : List.of("Root", "../etc", "a b", "-rf", "x".repeat(33), "")) {
            assertThrows(IllegalArgumentException.class, () -> new Roster.Student(name, "", Optional.empty()), name);
        }
        assertEquals("ab_c-9", new Roster.Student("ab_c-9", "", Optional.empty()).username());
    }

    @Test
    void generatedPasswordsAreLongAndHaveNoLookAlikes() {
        String p = Accounts.newPassword();
        assertEquals(12, p.length());
        assertTrue(p.chars().noneMatch(c -> "0O1lI".indexOf(c) >= 0), p);
    }

    @Test
    void aBrokenNotebookIsNamedNotThrown() {
        assertEquals(Optional.empty(), Course.brokenNotebook("{\"cells\": [], \"nbformat\": 4}".getBytes()));
        assertTrue(Course.brokenNotebook("{\"cells\": [".getBytes()).orElseThrow().startsWith("invalid JSON"));
        assertEquals(Optional.of("no list of cells"), Course.brokenNotebook("[1, 2]".getBytes()));
        assertEquals(Optional.of("no list of cells"), Course.brokenNotebook(new byte[0]));
    }
}
