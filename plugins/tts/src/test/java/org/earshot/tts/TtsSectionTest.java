package org.earshot.tts;

import org.earshot.contract.SectionContract;

/** §21.3 passes the contract every section passes. */
class TtsSectionTest extends SectionContract {

    TtsSectionTest() {
        super(new TtsSection());
    }
}
