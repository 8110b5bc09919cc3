package org.earshot.tts.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.earshot.cli.CliCommand;
import org.earshot.kit.Kit;
import org.earshot.tts.g2p.CmuDictionary;
import org.earshot.tts.g2p.LetterToSound;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot g2p WORD… [--dictionary FILE] [--all]}: each word's ARPAbet phones from the CMU dictionary,
 * {@code word<TAB>P H O N E S} (with {@code --all}, one line per pronunciation). A word the dictionary lacks is
 * predicted by the kit's letter-to-sound model ({@link LetterToSound}, data/models/g2p-ctc) and said so on standard
 * error; one it cannot predict is named there, the others are still printed, exit 1.
 */
@Command(name = "g2p", mixinStandardHelpOptions = true,
        description = "Grapheme to phoneme: each WORD's ARPAbet phones from the CMU pronouncing dictionary.")
public final class G2pCommand implements CliCommand {

    @Parameters(arity = "1..*", paramLabel = "WORD", description = "English words (any case).")
    List<String> words;

    @Option(names = "--dictionary", paramLabel = "FILE", description = "A CMU-format dictionary (default CMUdict"
            + " 0.7b with stress digits, fetched by setup; without it Debian pocketsphinx-en-us's cmudict-en-us.dict,"
            + " which has none).")
    Path dictionary;

    @Option(names = "--all", description = "Every pronunciation of each word, not only the first.")
    boolean all;

    @Override
    public Integer call() {
        CmuDictionary d;
        try {
            d = dictionary != null ? CmuDictionary.read(dictionary) : CmuDictionary.preferred();
        } catch (IOException e) {
            System.err.println("earshot g2p: " + e.getMessage());
            return 1;
        }
        Path model = Kit.home().resolve("data/models/g2p-ctc");
        LetterToSound lts = null;
        boolean missing = false;
        try {
            for (String w : words) {
                List<List<String>> p = d.lookup(w);
                if (p.isEmpty()) {
                    if (lts == null && java.nio.file.Files.isRegularFile(model.resolve("model.onnx"))) {
                        lts = LetterToSound.open(model);
                    }
                    if (lts != null && lts.knows(w)) {
                        System.err.println("earshot g2p: '" + w + "' is not in the dictionary; g2p-ctc predicts it"
                                + " (without stress digits)");
                        p = List.of(lts.phones(w));
                    } else {
                        System.err.println("earshot g2p: '" + w + "' is not in the dictionary"
                                + (lts == null ? " (and no letter-to-sound model: ./earshot train-g2p)"
                                : " and has letters g2p-ctc never learned"));
                        missing = true;
                        continue;
                    }
                }
                for (List<String> phones : all ? p : p.subList(0, 1)) {
                    System.out.println(w.toLowerCase(java.util.Locale.ROOT) + "\t" + String.join(" ", phones));
                }
            }
        } catch (IOException e) {
            System.err.println("earshot g2p: " + e.getMessage());
            return 1;
        } finally {
            if (lts != null) {
                lts.close();
            }
        }
        return missing ? 1 : 0;
    }
}
