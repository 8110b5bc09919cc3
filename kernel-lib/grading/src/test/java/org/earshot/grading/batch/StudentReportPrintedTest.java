package org.earshot.grading.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What a report shows of a submission's printing: no page of blank lines first, Unicode's blanks included. */
class StudentReportPrintedTest {

    @Test
    void blankLinesAroundArePrunedAndLongRunsInsideCounted() {
        String output = "\n".repeat(40) + "\u00a0\u2003\n" + "\t \n".repeat(40) + "\u200b\nhello\n\n\nworld  \n"
                + "\n".repeat(10) + "end\n\n\n";
        assertEquals("hello\n\n\nworld\n… (10 blank lines)\nend", StudentReport.printed(output));
        assertEquals("", StudentReport.printed("\n\n\u00a0\n"));
        assertEquals("a\n\nb", StudentReport.printed("a\n\nb"));
    }

    @Test
    void aReportStartsWithWhatWasPrintedNotWithBlankLines() {
        StudentResult r = new StudentResult("s", "99.9-x", "ok", List.of(), "\u00a0\n".repeat(30) + "hi\n", 1, 1);
        String html = StudentReport.html(r);
        assertTrue(html.contains("<pre>hi</pre>"), html);
        StudentResult quiet = new StudentResult("s", "99.9-x", "ok", List.of(), "\u00a0\n\n", 1, 1);
        assertFalse(StudentReport.html(quiet).contains("What your code printed"));
    }
}
