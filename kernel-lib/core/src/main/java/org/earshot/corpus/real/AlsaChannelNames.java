package org.earshot.corpus.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * alsa-utils' speaker-test recordings ({@code /usr/share/sounds/alsa/Front_Center.wav} …): one voice naming each
 * loudspeaker, the file's name being the words ({@code Front_Center} → "Front Center"). {@code Noise.wav} says
 * nothing and is left out.
 */
final class AlsaChannelNames implements SourceReader {

    @Override
    public List<Recording> find(DebianPackage pkg) throws IOException {
        Path dir = pkg.root().resolve("usr/share/sounds/alsa");
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": no speaker-test recordings in " + pkg.name());
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("(Front|Rear|Side)_\\w+\\.wav")).sorted().toList();
        }
        List<Recording> out = new ArrayList<>();
        for (Path f : files) {
            String text = f.getFileName().toString().replaceFirst("\\.wav$", "").replace('_', ' ');
            out.add(new Recording(f, Recording.Format.WAV, "share/sounds/alsa/" + f.getFileName(), text,
                    Transcripts.normalize(text, "en").orElseThrow(), "en", "alsa-utils/speaker-test"));
        }
        return out;
    }
}
