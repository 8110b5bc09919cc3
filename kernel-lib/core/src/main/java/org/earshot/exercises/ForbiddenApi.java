package org.earshot.exercises;

import java.util.Objects;

/**
 * A piece of the kit an exercise's answer may not use, because it <em>is</em> the answer (21.1's hz-to-mel may not
 * call {@code MelScale}): the class grader finds it in the compiled classes of the student's graded cells and scores
 * the exercise 0 with the status {@code forbidden API MelScale in 21.1-hz-to-mel}.
 *
 * @param className the class's binary name, e.g. {@code org.earshot.audio.MelScale}; its nested classes
 *                  ({@code MelFilterbank$Builder}) are covered too
 * @param member    one method or field of it, or empty for the whole class
 */
public record ForbiddenApi(String className, String member) {

    public ForbiddenApi {
        Objects.requireNonNull(className, "className");
        member = member == null ? "" : member;
    }

    /** @return the whole class (and its nested classes) */
    public static ForbiddenApi of(Class<?> type) {
        return new ForbiddenApi(type.getName(), "");
    }

    /** @return one method (every overload) or field of a class */
    public static ForbiddenApi of(Class<?> type, String member) {
        return new ForbiddenApi(type.getName(), member);
    }

    /**
     * @param owner      the binary name of the class a compiled reference names, e.g. {@code org.earshot.audio.MelScale}
     * @param memberName the method or field it names
     * @return whether that reference uses this API
     */
    public boolean matches(String owner, String memberName) {
        boolean type = owner.equals(className) || owner.startsWith(className + "$");
        return type && (member.isEmpty() || member.equals(memberName));
    }

    /** @return how a status names it: {@code MelScale}, or {@code Spectral.powerToDb} */
    public String label() {
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
        return member.isEmpty() ? simple : simple + "." + member;
    }
}
