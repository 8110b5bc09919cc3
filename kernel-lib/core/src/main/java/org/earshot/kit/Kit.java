package org.earshot.kit;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Entry point of the kit in a notebook: {@code Kit.catalog()} shows every installed section with its lessons and
 * exercises.
 */
public final class Kit {

    private Kit() {
    }

    /** System property holding the repository root; the launcher and the kernelspec set it. */
    public static final String HOME_PROPERTY = "earshot.home";

    /**
     * @return the kit's repository root (where {@code notebooks/} and {@code data/} are): the system property
     *         {@value #HOME_PROPERTY}, else the working directory
     */
    public static java.nio.file.Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        return java.nio.file.Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    /** @return every {@link Section} on the class path, ordered by section number */
    public static List<Section> sections() {
        return ServiceLoader.load(Section.class, Kit.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Section::id, Kit::compareSectionIds))
                .toList();
    }

    /** Packages every notebook (and every graded submission) sees without an import. */
    private static final List<String> CORE_IMPORTS = List.of(
            "java.util.*", "java.util.stream.*", "java.nio.file.*",
            "org.earshot.audio.*", "org.earshot.features.*", "org.earshot.display.*", "org.earshot.kit.*",
            "org.earshot.exercises.*", "org.earshot.models.*", "org.earshot.metrics.*",
            "org.knowm.xchart.*", "org.knowm.xchart.style.*", "org.knowm.xchart.style.markers.*",
            "org.knowm.xchart.style.lines.*", "tech.tablesaw.api.*");

    /**
     * @return the import statements a notebook starts with: the kit's packages and every section's
     *         {@link Section#notebookImports()}, then {@code show}
     */
    public static List<String> notebookImports() {
        java.util.Set<String> packages = new java.util.LinkedHashSet<>(CORE_IMPORTS);
        for (Section s : sections()) {
            s.notebookImports().forEach(pkg -> packages.add(pkg.endsWith("*") ? pkg : pkg + ".*"));
        }
        List<String> out = new java.util.ArrayList<>();
        packages.forEach(pkg -> out.add("import " + pkg + ";"));
        out.add("import static org.earshot.display.Display.show;");
        return out;
    }

    /** @return the catalog of sections, lessons and exercises; displays as an HTML table */
    public static Catalog catalog() {
        return new Catalog(sections());
    }

    /** Orders "21.2" before "21.10": numerically, part by part. */
    static int compareSectionIds(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            int c = pa[i].matches("\\d+") && pb[i].matches("\\d+")
                    ? Integer.compare(Integer.parseInt(pa[i]), Integer.parseInt(pb[i]))
                    : pa[i].compareTo(pb[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }
}
