package org.earshot.grading.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The gradebook's cells are text a spreadsheet shows, never a formula it runs (OWASP CSV injection). */
class GradebookCsvTest {

    @Test
    void cellsThatAStatementWouldRunStartWithAQuote() {
        assertEquals("'=HYPERLINK(\"\"http://evil\"\";\"\"marks\"\")", unquoted(Gradebook.field("=HYPERLINK(\"http://evil\";\"marks\")")));
        assertEquals("\"'=1+1,2\"", Gradebook.field("=1+1,2"), "neutralised, then quoted for its comma");
        assertEquals("'+cmd|' /C calc'!A0", Gradebook.field("+cmd|' /C calc'!A0"));
        assertEquals("'-2+3", Gradebook.field("-2+3"));
        assertEquals("'@SUM(A1:A9)", Gradebook.field("@SUM(A1:A9)"));
        assertEquals("'\tx", Gradebook.field("\tx"));
        assertEquals("\"'\rx\"", Gradebook.field("\rx"));
        assertEquals("alice", Gradebook.field("alice"));
        assertEquals("a=b", Gradebook.field("a=b"), "only the first character counts");
        assertEquals("", Gradebook.field(""));
    }

    @Test
    void aStudentAndAStatusThatAreFormulasAreNeutralisedInTheGradebook() {
        StudentResult r = new StudentResult("=cmd", "99.9-x", "@status", List.of(), "", 1, 1);
        assertEquals("student,total,max,status\r\n'=cmd,0,0,'@status\r\n", Gradebook.csv(List.of(r), List.of()));
    }

    private static String unquoted(String cell) {
        return cell.substring(1, cell.length() - 1);
    }
}
