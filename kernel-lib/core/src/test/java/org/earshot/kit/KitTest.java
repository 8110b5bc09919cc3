package org.earshot.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.earshot.display.MimeBundle;
import org.junit.jupiter.api.Test;

class KitTest {

    @Test
    void catalogListsEveryRegisteredSectionInNumericOrder() {
        Catalog c = Kit.catalog();
        assertEquals(List.of("99.2", "99.10"), c.sectionIds());
    }

    @Test
    void catalogRendersAnHtmlTable() {
        MimeBundle b = Kit.catalog().toMimeBundle();
        String html = b.get(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("<td>99.2</td><td>Test section &lt;two&gt;</td><td>—</td><td>—</td>"), html);
        assertTrue(html.contains("<td>99.10-test.ipynb</td><td>99.10-ex (2 pt)</td>"), html);
        assertTrue(b.plainText().contains("99.10 Test section ten | lessons: 99.10-test.ipynb | exercises: 99.10-ex (2 pt)"));
    }

    @Test
    void sectionIdsCompareNumerically() {
        assertTrue(Kit.compareSectionIds("21.2", "21.10") < 0);
        assertTrue(Kit.compareSectionIds("21.10", "21.9") > 0);
        assertEquals(0, Kit.compareSectionIds("21.1", "21.1"));
    }

    @Test
    void theGraderFindsATestSectionsExercise() {
        var report = Grader.check("99.10-ex", (java.util.function.IntUnaryOperator) x -> x + x);
        assertTrue(report.passed());
        assertEquals(1, report.results().size(), "the visible case only");
        assertThrows(IllegalArgumentException.class, () -> Grader.check("99.10-ex", "not an operator"));
    }
}
