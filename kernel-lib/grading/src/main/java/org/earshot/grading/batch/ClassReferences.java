package org.earshot.grading.batch;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a compiled class uses of other classes, read from its constant pool (JVMS §4.4): every field, method and
 * interface-method reference, by owner and member name. Code can only call a method or read a field through one of
 * these entries (a method reference {@code MelScale.HTK::hzToMel} too), so they are what the class grader checks
 * against forbidden APIs; bare class entries are not counted, since javac writes them for nested-class bookkeeping
 * ({@code MethodHandles$Lookup} in every class with a lambda) and a class literal alone calls nothing.
 */
final class ClassReferences {

    /** One reference: {@code owner} is a binary name ({@code java.lang.reflect.Method}), {@code member} a name. */
    record Ref(String owner, String member) {
    }

    private ClassReferences() {
    }

    /**
     * @param classFile the bytes of a class file
     * @return its member references (array owners such as {@code double[].clone} left out)
     * @throws IllegalArgumentException when the bytes are not a class file
     */
    static Set<Ref> of(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNames = new int[count];
            int[] nameAndTypeNames = new int[count];
            List<int[]> memberRefs = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++; // eight-byte constants take two slots
                    }
                    case 7 -> classNames[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 9, 10, 11 -> memberRefs.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
                    case 12 -> {
                        nameAndTypeNames[i] = in.readUnsignedShort();
                        in.skipNBytes(2);
                    }
                    case 15 -> in.skipNBytes(3);
                    case 17, 18 -> in.skipNBytes(4);
                    default -> throw new IllegalArgumentException("unknown constant-pool tag " + tag + " at " + i);
                }
            }
            Set<Ref> out = new LinkedHashSet<>();
            for (int[] ref : memberRefs) {
                String owner = utf8[classNames[ref[0]]];
                String member = utf8[nameAndTypeNames[ref[1]]];
                if (owner != null && member != null && !owner.startsWith("[")) {
                    out.add(new Ref(owner.replace('/', '.'), member));
                }
            }
            return out;
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a readable class file: " + e.getMessage(), e);
        }
    }
}
