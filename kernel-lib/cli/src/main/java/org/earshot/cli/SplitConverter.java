package org.earshot.cli;

import org.earshot.corpus.Split;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a {@code --split} option in the manifest's words: {@code train}, {@code dev} or {@code test}, e.g.
 * {@code @Option(names = "--split", defaultValue = "test", converter = SplitConverter.class) Split split;}.
 */
public final class SplitConverter implements ITypeConverter<Split> {

    @Override
    public Split convert(String value) {
        try {
            return Split.ofLabel(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
