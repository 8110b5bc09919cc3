package org.earshot.grading.batch;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.earshot.exercises.ForbiddenApi;

/**
 * What no graded cell may use, whatever the exercise: the ways code could reach past the student's own answer —
 * reflection and method handles (into anything the JVM holds), new code the class grader has not seen (class
 * loaders, a compiler, JShell, scripting, native libraries, other processes), the JVM's internals and management
 * (heap dumps), and the kit's own grading, kernel and CLI machinery. A cell that uses one is not run and its exercise
 * scores 0 ({@code forbidden API Method.invoke in 21.1-frame-count}). The exercises' own lists
 * ({@link org.earshot.exercises.Exercise#forbiddenApis()}) are checked on top of these.
 */
final class ForbiddenApis {

    /** Whole packages (prefixes of binary names). */
    private static final List<String> PACKAGES = List.of("java.lang.reflect.", "java.lang.invoke.",
            "java.lang.instrument.", "java.lang.management.", "java.lang.module.", "javax.management.",
            "javax.tools.", "javax.script.", "java.beans.", "jdk.jshell.", "jdk.internal.", "jdk.incubator.",
            "jdk.jfr.", "com.sun.", "sun.", "org.earshot.grading.", "org.earshot.jupyter.", "org.earshot.cli.",
            "com.fasterxml.jackson.databind.");

    /** Whole classes. */
    private static final Set<String> CLASSES = Set.of("java.lang.ClassLoader", "java.net.URLClassLoader",
            "java.security.SecureClassLoader", "java.lang.ProcessBuilder", "java.lang.ProcessHandle",
            "java.lang.ModuleLayer", "java.io.ObjectInputStream", "java.util.ServiceLoader");

    /** Members of classes every program uses. */
    private static final List<ForbiddenApi> MEMBERS = List.of(
            member("java.lang.Class", "forName"), member("java.lang.Class", "getMethod"),
            member("java.lang.Class", "getMethods"), member("java.lang.Class", "getDeclaredMethod"),
            member("java.lang.Class", "getDeclaredMethods"), member("java.lang.Class", "getField"),
            member("java.lang.Class", "getFields"), member("java.lang.Class", "getDeclaredField"),
            member("java.lang.Class", "getDeclaredFields"), member("java.lang.Class", "getConstructor"),
            member("java.lang.Class", "getConstructors"), member("java.lang.Class", "getDeclaredConstructor"),
            member("java.lang.Class", "getDeclaredConstructors"), member("java.lang.Class", "newInstance"),
            member("java.lang.Class", "getRecordComponents"), member("java.lang.Class", "getClassLoader"),
            member("java.lang.Runtime", "exec"), member("java.lang.Runtime", "load"),
            member("java.lang.Runtime", "loadLibrary"), member("java.lang.System", "load"),
            member("java.lang.System", "loadLibrary"), member("java.lang.Thread", "getContextClassLoader"));

    /** What a lambda, a string concatenation, a record or a pattern switch compile to: not reflection. */
    private static final Set<String> BOOTSTRAPS = Set.of("java.lang.invoke.LambdaMetafactory",
            "java.lang.invoke.StringConcatFactory", "java.lang.runtime.ObjectMethods",
            "java.lang.runtime.SwitchBootstraps", "java.lang.invoke.LambdaMetafactory$Lookup",
            // a call to a method declared in a later cell compiles to a stub that throws this
            "jdk.jshell.spi.SPIResolutionException");

    private ForbiddenApis() {
    }

    private static ForbiddenApi member(String className, String name) {
        return new ForbiddenApi(className, name);
    }

    /** @return the first reference that no cell may make, as a status names it ({@code Method.invoke}) */
    static Optional<String> always(Set<ClassReferences.Ref> refs) {
        for (ClassReferences.Ref r : refs) {
            if (BOOTSTRAPS.contains(r.owner())) {
                continue;
            }
            boolean banned = CLASSES.contains(r.owner()) || PACKAGES.stream().anyMatch(r.owner()::startsWith)
                    || MEMBERS.stream().anyMatch(m -> m.matches(r.owner(), r.member()));
            if (banned) {
                String simple = r.owner().substring(r.owner().lastIndexOf('.') + 1).replace('$', '.');
                return Optional.of(simple + "." + r.member());
            }
        }
        return Optional.empty();
    }

    /** @return the first of an exercise's forbidden APIs these references use, as a status names it */
    static Optional<String> ofExercise(List<ForbiddenApi> forbidden, Set<ClassReferences.Ref> refs) {
        for (ForbiddenApi api : forbidden) {
            if (refs.stream().anyMatch(r -> api.matches(r.owner(), r.member()))) {
                return Optional.of(api.label());
            }
        }
        return Optional.empty();
    }
}
