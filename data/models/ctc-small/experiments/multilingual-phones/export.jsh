import org.earshot.corpus.*;
import org.earshot.asr.neural.TrainingExport;
import java.nio.file.*;
import java.util.*;
Path home = Path.of(System.getProperty("user.dir"));
Path out = home.resolve("build/train/phones");
List<Corpus.Entry> train = new ArrayList<>(), dev = new ArrayList<>(), test = new ArrayList<>();
Map<String, Path> dirs = new HashMap<>();
for (String c : List.of("train-digits-wide", "train-commands-wide")) {
    Path d = home.resolve("build/corpus").resolve(c);
    for (Corpus.Entry e : Corpus.read(d.resolve(Corpus.MANIFEST))) {
        dirs.put(e.id(), d);
        (e.split() == Split.TRAIN ? train : e.split() == Split.DEV ? dev : test).add(e);
    }
}
Path real = home.resolve("build/corpus/real");
for (Corpus.Entry e : Corpus.read(real.resolve(Corpus.MANIFEST))) {
    if (e.split() == Split.TRAIN) { dirs.put(e.id(), real); train.add(e); }
}
Path eng = home.resolve("build/corpus/real-english");
List<Corpus.Entry> realDev = new ArrayList<>(), realTest = new ArrayList<>();
for (Corpus.Entry e : Corpus.read(eng.resolve(Corpus.MANIFEST))) {
    dirs.put(e.id(), eng);
    (e.split() == Split.DEV ? realDev : realTest).add(e);
}
TrainingExport.write(train, dirs, out, "train");
TrainingExport.write(dev, dirs, out, "dev");
TrainingExport.write(test, dirs, out, "test");
TrainingExport.write(realDev, dirs, out, "real-dev");
TrainingExport.write(realTest, dirs, out, "real-test");
System.out.println("train " + train.size() + " dev " + dev.size() + " test " + test.size() + " real-dev " + realDev.size() + " real-test " + realTest.size());
/exit
