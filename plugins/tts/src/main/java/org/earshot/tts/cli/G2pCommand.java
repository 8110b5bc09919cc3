package org.earshot.tts.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.earshot.cli.CliCommand;
import org.earshot.tts.g2p.CmuDictionary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot g2p WORD… [--dictionary FILE] [--all]}: each word's ARPAbet phones from the CMU dictionary,
 * {@code word<TAB>P H O N E S} (with {@code --all}, one line per pronunciation). A word the dictionary lacks is named
 * on standard error; the others are still printed; exit 1.
 */
@Command(name = "g2p", mixinStandardHelpOptions = true,
        description = "Grapheme to phoneme: each WORD's ARPAbet phones from the CMU pronouncing dictionary.")
public final class G2pCommand implements CliCommand {

    @Parameters(arity = "1..*", paramLabel = "WORD", description = "English words (any case).")
    List<String> words;

    @Option(names = "--dictionary", paramLabel = "FILE", description = "A CMU-format dictionary (default Debian"
            + " pocketsphinx-en-us's cmudict-en-us.dict).")
    Path dictionary;

    @Option(names = "--all", description = "Every pronunciation of each word, not only the first.")
    boolean all;

    @Override
    public Integer call() {
        CmuDictionary d;
        try {
            d = CmuDictionary.read(dictionary != null ? dictionary : CmuDictionary.POCKETSPHINX);
        } catch (IOException e) {
            System.err.println("earshot g2p: " + e.getMessage());
            return 1;
        }
        boolean missing = false;
        for (String w : words) {
            List<List<String>> p = d.lookup(w);
            if (p.isEmpty()) {
                System.err.println("earshot g2p: '" + w + "' is not in the dictionary (the kit's letter-to-sound"
                        + " model for unknown words is not built yet)");
                missing = true;
                continue;
            }
            for (List<String> phones : all ? p : p.subList(0, 1)) {
                System.out.println(w.toLowerCase(java.util.Locale.ROOT) + "\t" + String.join(" ", phones));
            }
        }
        return missing ? 1 : 0;
    }
}
