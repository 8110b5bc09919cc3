package org.earshot.kit;

import java.util.List;
import java.util.stream.Collectors;


import org.earshot.display.Displayable;
import org.earshot.display.Html;
import org.earshot.display.MimeBundle;

/**
 * The table of installed sections, their lessons and their exercises.
 *
 * @param sections in section order
 */
public record Catalog(List<Section> sections) implements Displayable {

    public Catalog {
        sections = List.copyOf(sections);
    }

    /** @return every section id, in order */
    public List<String> sectionIds() {
        return sections.stream().map(Section::id).toList();
    }

    @Override
    public MimeBundle toMimeBundle() {
        StringBuilder text = new StringBuilder("Earshot: Speech & Audio Processing\n");
        StringBuilder html = new StringBuilder("<table class=\"earshot-catalog\"><caption>Earshot: Speech &amp; "
                + "Audio Processing</caption><thead><tr><th>§</th><th>Section</th><th>Lessons</th>"
                + "<th>Exercises</th></tr></thead><tbody>");
        for (Section s : sections) {
            String lessons = s.lessons().stream().map(Lesson::fileName).collect(Collectors.joining(", "));
            String exercises = s.exercises().stream()
                    .map(e -> e.id() + " (" + formatPoints(e.points()) + " pt)").collect(Collectors.joining(", "));
            text.append(String.format("%-5s %s | lessons: %s | exercises: %s%n", s.id(), s.title(),
                    lessons.isEmpty() ? "—" : lessons, exercises.isEmpty() ? "—" : exercises));
            html.append("<tr><td>").append(Html.escape(s.id())).append("</td><td>").append(Html.escape(s.title()))
                    .append("</td><td>").append(lessons.isEmpty() ? "—" : Html.escape(lessons))
                    .append("</td><td>").append(exercises.isEmpty() ? "—" : Html.escape(exercises))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
        if (sections.isEmpty()) {
            text.append("(no sections installed)\n");
        }
        return MimeBundle.text(text.toString().strip()).html(html.toString()).build();
    }

    private static String formatPoints(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
