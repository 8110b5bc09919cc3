package org.earshot.corpus.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Hedgewars' voice packs ({@code /usr/share/games/hedgewars/Data/Sounds/voices/PACK/*.ogg}): actors, one per pack,
 * calling out game events. A file's name is its phrase with the spaces and apostrophes taken out ({@code
 * Youllregretthat.ogg}); {@link #PHRASES} puts them back, one entry per name the packs use. Names that are no
 * transcript (a laugh, a grunt, {@code Ow1}, {@code Jump2}, {@code Firepunch3}, {@code Nooo} of unknown length) are
 * not in it, and those files are left out.
 *
 * <p>Only the English packs are read. {@code Default_es}, {@code Default_pl}, {@code Default_ru}, {@code Default_uk}
 * and {@code Russian_pl} say the same events in Spanish, Polish, Russian and Ukrainian under the English names, so
 * their names are not their transcripts. The words are the phrase each file is named for; an actor may add to it
 * (a pirate's "arr"), which the file name cannot tell.
 */
final class HedgewarsVoices implements SourceReader {

    /** The English voice packs. */
    static final Set<String> ENGLISH_PACKS = Set.of("British", "Classic", "Default", "HillBilly", "Mobster", "Pirate",
            "Robot", "Russian", "Singer", "Surfer");

    /** A file name (lower case, no {@code .ogg}) → the phrase it names. */
    static final Map<String, String> PHRASES = Map.ofEntries(
            Map.entry("amazing", "Amazing"), Map.entry("boring", "Boring"), Map.entry("brilliant", "Brilliant"),
            Map.entry("bugger", "Bugger"), Map.entry("byebye", "Bye bye"), Map.entry("comeonthen", "Come on then"),
            Map.entry("coward", "Coward"), Map.entry("cutitout", "Cut it out"), Map.entry("drat", "Drat"),
            Map.entry("enemydown", "Enemy down"), Map.entry("excellent", "Excellent"), Map.entry("fire", "Fire"),
            Map.entry("firstblood", "First blood"), Map.entry("flawless", "Flawless"), Map.entry("flyaway", "Fly away"),
            Map.entry("gonnagetyou", "Gonna get you"), Map.entry("grenade", "Grenade"), Map.entry("hello", "Hello"),
            Map.entry("hurry", "Hurry"), Map.entry("illgetyou", "I'll get you"), Map.entry("incoming", "Incoming"),
            Map.entry("justyouwait", "Just you wait"), Map.entry("kamikaze", "Kamikaze"),
            Map.entry("leavemealone", "Leave me alone"), Map.entry("melon", "Melon"), Map.entry("missed", "Missed"),
            Map.entry("nutter", "Nutter"), Map.entry("ohdear", "Oh dear"), Map.entry("oops", "Oops"),
            Map.entry("ouch", "Ouch"), Map.entry("reinforcements", "Reinforcements"), Map.entry("revenge", "Revenge"),
            Map.entry("runaway", "Run away"), Map.entry("sameteam", "Same team"), Map.entry("solong", "So long"),
            Map.entry("stupid", "Stupid"), Map.entry("takecover", "Take cover"),
            Map.entry("thisoneismine", "This one is mine"), Map.entry("traitor", "Traitor"),
            Map.entry("uh-oh", "Uh-oh"), Map.entry("victory", "Victory"), Map.entry("watchit", "Watch it"),
            Map.entry("watchthis", "Watch this"), Map.entry("whatthe", "What the"), Map.entry("yessir", "Yes sir"),
            Map.entry("youllregretthat", "You'll regret that"));

    @Override
    public List<Recording> find(DebianPackage pkg) throws IOException {
        Path voices = pkg.root().resolve("usr/share/games/hedgewars/Data/Sounds/voices");
        if (!Files.isDirectory(voices)) {
            throw new IOException(voices + ": no voice packs in " + pkg.name());
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(voices, 2)) {
            files = s.filter(p -> p.toString().endsWith(".ogg")).sorted().toList();
        }
        List<Recording> out = new ArrayList<>();
        for (Path f : files) {
            String pack = f.getParent().getFileName().toString();
            String stem = f.getFileName().toString().replaceFirst("\\.ogg$", "").toLowerCase(Locale.ROOT);
            String phrase = PHRASES.get(stem);
            if (ENGLISH_PACKS.contains(pack) && phrase != null) {
                out.add(new Recording(f, Recording.Format.OGG_VORBIS,
                        "share/hedgewars/Data/Sounds/voices/" + pack + "/" + f.getFileName(), phrase,
                        Transcripts.normalize(phrase, "en").orElseThrow(), "en", "hedgewars/" + pack));
            }
        }
        return out;
    }
}
