package org.earshot.exercises;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A graded exercise, declared once: everything else (the catalog's row, the check a student runs in a notebook,
 * the student methods the class grader calls, the kit APIs it forbids, the points the release and the gradebook
 * use) is derived from this one value.
 *
 * <pre>{@code
 * public static final Exercise<FrameCount, Frames> FRAME_COUNT = Exercise.builder("21.1-frame-count", FrameCount.class, Frames.class)
 *         .lesson("21.1-signal").title("How many STFT frames?").points(2)
 *         .solvedBy("frames")                                   // the student's top-level method
 *         .forbids(Spectral.class, "frameCount")                // the kit's own answer scores 0
 *         .call((f, c) -> f.frames(c.length(), c.nFft(), c.hop(), c.center()))
 *         .reference(c -> 1 + ((c.center() ? c.length() + 2 * (c.nFft() / 2) : c.length()) - c.nFft()) / c.hop())
 *         .hint("centred: the signal is padded by n_fft/2 on both sides")
 *         .visible("16000 samples, n_fft 400, hop 160, centred", new Frames(16000, 400, 160, true))
 *         .hidden("22050 samples, n_fft 1024, hop 256, centred", new Frames(22050, 1024, 256, true))
 *         .build();
 * }</pre>
 *
 * In a notebook, {@code FRAME_COUNT.check((n, nFft, hop, center) -> frames(n, nFft, hop, center))} runs the
 * visible cases; the grader runs every case. Each case is split in two halves ({@link TestCase}): the probe calls the
 * student's answer on the case's input, the verdict computes the reference and compares. The class grader runs
 * both in its own process, with an answer made by {@link #answerOf} of stand-ins that call the student's methods
 * ({@link #studentMethods()}) in the student's process, so reference answers, hidden expectations and this
 * declaration never enter it.
 *
 * @param <A> the answer's type: a functional interface (or a record of them) the student's definitions fill
 * @param <I> the type of one case's input: a record, so a case is named data, not an {@code Object[]} row
 */
public final class Exercise<A, I> {

    /** Calls the student's answer on one case's input. */
    @FunctionalInterface
    public interface Call<A, I> {
        /** @return what the student's code gave; anything it throws is reported as that case's failure */
        Object apply(A answer, I input) throws Exception;
    }

    /**
     * One test case of an exercise.
     *
     * @param name   what it tries, shown to the student, e.g. {@code "16000 samples, n_fft 400, hop 160, centred"}
     * @param input  its input
     * @param hidden true when only the grader runs it
     * @param weight its share of the exercise's points (> 0; normalised over the cases run)
     * @param hint   what to look at when it fails (the exercise's hint when this is null)
     */
    public record Case<I>(String name, I input, boolean hidden, double weight, String hint) {
        public Case {
            Objects.requireNonNull(name, "a case needs a name");
            if (!(weight > 0)) {
                throw new IllegalArgumentException("case '" + name + "' needs a weight > 0, got " + weight);
            }
        }
    }

    private final String id;
    private final String lesson;
    private final String title;
    private final double points;
    private final Class<A> answerType;
    private final List<StudentMethod> studentMethods;
    private final Call<A, I> call;
    private final Function<I, Object> reference;
    private final Comparison comparison;
    private final String hint;
    private final List<Case<I>> cases;
    private final List<String> buildsOn;
    private final List<ForbiddenApi> forbidden;

    /**
     * One top-level method of the student's that the answer is made of: {@code frames} for 21.1's frame count, or
     * {@code hzToMel} and {@code melToHz} for the two halves of its mel-scale answer.
     *
     * @param name the method's name in the student's cells
     * @param type the functional interface it stands for (the answer type, or one component of a record answer);
     *             its single abstract method gives the parameter and return types
     */
    public record StudentMethod(String name, Class<?> type) {
        public StudentMethod {
            Objects.requireNonNull(name, "name");
            singleAbstractMethod(type);
        }

        /** @return the interface's single abstract method: the student method's parameter and return types */
        public Method signature() {
            return singleAbstractMethod(type);
        }
    }

    private Exercise(Builder<A, I> b) {
        this.id = b.id;
        this.lesson = require(b.lesson, "lesson");
        this.title = require(b.title, "title");
        this.points = b.points;
        this.answerType = b.answerType;
        this.call = require(b.call, "call");
        this.reference = require(b.reference, "reference");
        this.comparison = b.comparison;
        this.hint = b.hint == null ? "" : b.hint;
        this.cases = List.copyOf(b.cases);
        this.buildsOn = List.copyOf(b.buildsOn);
        this.forbidden = List.copyOf(b.forbidden);
        if (!(points > 0)) {
            throw new IllegalArgumentException("exercise " + id + " must be worth > 0 points, got " + points);
        }
        if (cases.stream().noneMatch(c -> !c.hidden())) {
            throw new IllegalArgumentException("exercise " + id + " needs at least one visible case");
        }
        if (b.solvedBy.isEmpty()) {
            throw new IllegalArgumentException("exercise " + id + ": say which student methods answer it (solvedBy)");
        }
        this.studentMethods = studentMethods(answerType, b.solvedBy);
    }

    /** The methods of a functional-interface answer (one) or of a record of functional interfaces (one a component). */
    private static List<StudentMethod> studentMethods(Class<?> answerType, List<String> methods) {
        if (answerType.isInterface()) {
            if (methods.size() != 1) {
                throw new IllegalArgumentException(answerType.getName() + " is one function: name one student method");
            }
            return List.of(new StudentMethod(methods.get(0), answerType));
        }
        RecordComponent[] components = answerType.getRecordComponents();
        if (components == null || components.length != methods.size()) {
            throw new IllegalArgumentException(answerType.getName() + " must be a functional interface, or a record"
                    + " with one functional-interface component per student method (" + methods + ")");
        }
        List<StudentMethod> out = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            out.add(new StudentMethod(methods.get(i), components[i].getType()));
        }
        return List.copyOf(out);
    }

    private static Method singleAbstractMethod(Class<?> functionalInterface) {
        List<Method> abstracts = functionalInterface == null || !functionalInterface.isInterface() ? List.of()
                : Arrays.stream(functionalInterface.getMethods()).filter(m -> Modifier.isAbstract(m.getModifiers()))
                .toList();
        if (abstracts.size() != 1) {
            throw new IllegalArgumentException(functionalInterface + " is not a functional interface");
        }
        return abstracts.get(0);
    }

    private <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("exercise " + id + " needs a " + what);
        }
        return value;
    }

    /**
     * @param id         unique in the kit, e.g. {@code "21.1-frame-count"}
     * @param answerType the answer's type (a nested type of the section's exercises class)
     * @param inputType  the type of a case's input (only for type inference)
     */
    public static <A, I> Builder<A, I> builder(String id, Class<A> answerType, Class<I> inputType) {
        return new Builder<>(id, answerType);
    }

    /** @return its identifier, unique in the kit, e.g. {@code "21.1-frame-count"} */
    public String id() {
        return id;
    }

    /** @return the notebook (without extension) it is authored in under {@code solutions/} */
    public String lesson() {
        return lesson;
    }

    /** @return what the student is asked to do, in a few words */
    public String title() {
        return title;
    }

    /** @return the points it is worth: the one place they are set */
    public double points() {
        return points;
    }

    /** @return the answer's type */
    public Class<A> answerType() {
        return answerType;
    }

    /**
     * @return the Java expression that turns the student's top-level definitions into the answer, derived from
     *         {@link #studentMethods()}, e.g.
     *         {@code (org.earshot.signal.exercises.SignalExercises.FrameCount) (a0, a1, a2, a3) -> frames(a0, a1, a2, a3)}
     *         (a record answer: {@code new …MelPair((…DoubleUnaryOperator) (a0) -> hzToMel(a0), …)})
     */
    public String answerExpression() {
        if (answerType.isInterface()) {
            return lambdaOver(answerType, studentMethods.get(0).name());
        }
        List<String> parts = studentMethods.stream().map(m -> lambdaOver(m.type(), m.name())).toList();
        return "new " + answerType.getCanonicalName() + "(" + String.join(", ", parts) + ")";
    }

    /** @return the student's methods the answer is made of, in the answer type's order */
    public List<StudentMethod> studentMethods() {
        return studentMethods;
    }

    /**
     * Makes an answer out of implementations of the student methods (the class grader's stand-ins that call the
     * student's process).
     *
     * @param implementations one per {@link #studentMethods()}, each an instance of its {@code type}
     * @return the answer
     */
    public A answerOf(List<?> implementations) {
        if (implementations.size() != studentMethods.size()) {
            throw new IllegalArgumentException(id + " is made of " + studentMethods.size() + " methods, got "
                    + implementations.size());
        }
        if (answerType.isInterface()) {
            return answerType.cast(implementations.get(0));
        }
        try {
            Class<?>[] types = studentMethods.stream().map(StudentMethod::type).toArray(Class<?>[]::new);
            return answerType.cast(answerType.getDeclaredConstructor(types).newInstance(implementations.toArray()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(answerType.getName() + " cannot be made of its components: " + e, e);
        }
    }

    /**
     * @return the packages that hold this exercise's declaration (its answer type, cases and reference): the class
     *         grader keeps them off the student's class path, so hidden cases and reference code never reach it
     */
    public java.util.Set<String> declaringPackages() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        out.add(answerType.getPackageName());
        out.add(reference.getClass().getNestHost().getPackageName());
        out.add(call.getClass().getNestHost().getPackageName());
        return out;
    }

    /**
     * @return the kit's APIs its answer may not use (they compute the answer itself), checked by the class grader on
     *         every graded cell of the notebook: code in any cell could answer for this exercise
     */
    public List<ForbiddenApi> forbiddenApis() {
        return forbidden;
    }

    /**
     * @return the ids of the earlier exercises whose answers this one's answer calls (a filterbank calling the
     *         student's {@code hzToMel}): when it fails, its report says so, so one bug does not read as two
     */
    public List<String> buildsOn() {
        return buildsOn;
    }

    /** @return every case, visible and hidden, in order */
    public List<Case<I>> declaredCases() {
        return cases;
    }

    /**
     * @param answer the student's answer, or null for a grader that only judges (the probes then must not run)
     * @return every case as probe + verdict, hidden ones included
     */
    public List<TestCase> cases(A answer) {
        List<TestCase> out = new ArrayList<>(cases.size());
        for (Case<I> c : cases) {
            String caseHint = c.hint() == null ? hint : c.hint();
            out.add(new TestCase(c.name(), c.hidden(), c.weight(), () -> call.apply(answer, c.input()),
                    got -> comparison.judge(reference.apply(c.input()), got, caseHint)));
        }
        return out;
    }

    /** Runs the visible cases: immediate feedback in a notebook (an HTML table of what passed). */
    public CheckReport check(A answer) {
        return report(Check.run(id, points, cases(answer), false));
    }

    /** Runs every case, hidden ones included: what the grader records. */
    public CheckReport grade(A answer) {
        return report(Check.run(id, points, cases(answer), true));
    }

    /** @return this exercise's report of these results (with what it builds on) */
    public CheckReport report(List<CheckReport.CaseResult> results) {
        return new CheckReport(id, points, results, buildsOn);
    }

    private CheckReport report(CheckReport run) {
        return report(run.results());
    }

    /**
     * @param answer an answer of unknown static type (from {@code Grader.check} or the grader's JShell)
     * @return {@link #cases(Object)} after checking the answer's type
     * @throws IllegalArgumentException naming the expected type when it is not one
     */
    public List<TestCase> casesOfAnswer(Object answer) {
        if (answer != null && !answerType.isInstance(answer)) {
            throw new IllegalArgumentException("exercise " + id + " takes a " + answerType.getSimpleName()
                    + ", got a " + answer.getClass().getSimpleName());
        }
        return cases(answerType.cast(answer));
    }

    @Override
    public String toString() {
        return id + " (" + title + ", " + points + " pt)";
    }

    /**
     * @param holder a section's exercises class
     * @return its {@code public static final Exercise} fields, in declaration order
     */
    public static List<Exercise<?, ?>> declaredIn(Class<?> holder) {
        List<Exercise<?, ?>> out = new ArrayList<>();
        for (Field f : holder.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == Exercise.class) {
                try {
                    out.add((Exercise<?, ?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(holder.getName() + "." + f.getName() + " cannot be read", e);
                }
            }
        }
        return List.copyOf(out);
    }

    /** {@code (pkg.Outer.Iface) (a0, a1) -> method(a0, a1)} over the interface's single abstract method. */
    static String lambdaOver(Class<?> functionalInterface, String method) {
        Method abstractMethod;
        try {
            abstractMethod = singleAbstractMethod(functionalInterface);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(functionalInterface.getName() + " is not a functional interface:"
                    + " name one student method per component of a record answer instead");
        }
        String args = IntStream.range(0, abstractMethod.getParameterCount()).mapToObj(i -> "a" + i)
                .collect(Collectors.joining(", "));
        return "(" + functionalInterface.getCanonicalName() + ") (" + args + ") -> " + method + "(" + args + ")";
    }

    /** Builds an {@link Exercise}; every field is named. */
    public static final class Builder<A, I> {
        private final String id;
        private final Class<A> answerType;
        private String lesson;
        private String title;
        private double points;
        private final List<String> solvedBy = new ArrayList<>();
        private final List<ForbiddenApi> forbidden = new ArrayList<>();
        private Call<A, I> call;
        private Function<I, Object> reference;
        private Comparison comparison = Comparison.exact();
        private String hint;
        private final List<Case<I>> cases = new ArrayList<>();
        private final List<String> buildsOn = new ArrayList<>();

        private Builder(String id, Class<A> answerType) {
            if (id == null || !id.matches("[0-9]+\\.[0-9]+[a-z]?-[a-z0-9-]+")) {
                throw new IllegalArgumentException("an exercise id looks like '21.1-frame-count', got '" + id + "'");
            }
            this.id = id;
            this.answerType = Objects.requireNonNull(answerType, "answerType");
        }

        /** @param notebook the solutions notebook it is authored in, without extension, e.g. {@code "21.1-signal"} */
        public Builder<A, I> lesson(String notebook) {
            this.lesson = notebook;
            return this;
        }

        public Builder<A, I> title(String title) {
            this.title = title;
            return this;
        }

        public Builder<A, I> points(double points) {
            this.points = points;
            return this;
        }

        /**
         * @param methods the student's top-level methods that answer it: one, with the parameters of the answer
         *                type's single abstract method; or, when the answer type is a record of functional
         *                interfaces, one per component in order (21.1's {@code MelPair}: {@code "hzToMel", "melToHz"})
         */
        public Builder<A, I> solvedBy(String method) {
            return solvedBy(new String[] {method});
        }

        /** @param methods one student method per component of a record answer, in order */
        public Builder<A, I> solvedBy(String... methods) {
            solvedBy.clear();
            solvedBy.addAll(List.of(methods));
            return this;
        }

        /**
         * @param types kit classes the answer may not use (with their nested classes): they compute the answer
         *              itself, e.g. {@code MelScale.class} for a Hz-to-mel exercise
         */
        public Builder<A, I> forbids(Class<?>... types) {
            for (Class<?> t : types) {
                forbidden.add(ForbiddenApi.of(t));
            }
            return this;
        }

        /** @param members methods or fields of {@code type} the answer may not use, e.g. {@code "powerToDb"} */
        public Builder<A, I> forbids(Class<?> type, String... members) {
            for (String m : members) {
                forbidden.add(ForbiddenApi.of(type, m));
            }
            return this;
        }

        /** @param call how a case's input is passed to the answer (copy mutable inputs here) */
        public Builder<A, I> call(Call<A, I> call) {
            this.call = call;
            return this;
        }

        /** @param reference the right answer for an input, computed in the grader */
        public Builder<A, I> reference(Function<I, Object> reference) {
            this.reference = reference;
            return this;
        }

        /** @param comparison how an answer is compared with the reference ({@link Comparison#exact()} by default) */
        public Builder<A, I> compare(Comparison comparison) {
            this.comparison = Objects.requireNonNull(comparison);
            return this;
        }

        /** @param hint shown with every failing case that has no hint of its own */
        public Builder<A, I> hint(String hint) {
            this.hint = hint;
            return this;
        }

        /**
         * @param earlier exercises whose answers the student's answer to this one calls (the exercise text tells
         *                them to, e.g. "use your hzToMel"); a failed report names them
         */
        public Builder<A, I> buildsOn(Exercise<?, ?>... earlier) {
            for (Exercise<?, ?> e : earlier) {
                buildsOn.add(e.id());
            }
            return this;
        }

        /** Adds a case the student sees (weight 1). */
        public Builder<A, I> visible(String name, I input) {
            return add(new Case<>(name, input, false, 1, null));
        }

        /** Adds a case only the grader runs (weight 1). */
        public Builder<A, I> hidden(String name, I input) {
            return add(new Case<>(name, input, true, 1, null));
        }

        /** Adds a visible case named by its input's {@code toString()} (give the input record a readable one). */
        public Builder<A, I> visible(I input) {
            return visible(String.valueOf(input), input);
        }

        /** Adds a hidden case named by its input's {@code toString()}. */
        public Builder<A, I> hidden(I input) {
            return hidden(String.valueOf(input), input);
        }

        /** Adds a case with its own weight or hint. */
        public Builder<A, I> add(Case<I> c) {
            cases.add(Objects.requireNonNull(c));
            return this;
        }

        public Exercise<A, I> build() {
            return new Exercise<>(this);
        }
    }
}
