package org.earshot.corpus.real;

import java.io.IOException;
import java.util.List;

/** What finds a source package's transcribed recordings in its unpacked tree. */
@FunctionalInterface
interface SourceReader {

    /**
     * @param pkg the unpacked package
     * @return its recordings with an honest transcript, in a fixed order (by path); those without one are left out
     * @throws IOException when the tree is not as the reader expects (the message names the file)
     */
    List<Recording> find(DebianPackage pkg) throws IOException;
}
