package org.earshot.asr;

import org.earshot.contract.SectionContract;

/** §21.2 passes the contract every section passes. */
class AsrSectionTest extends SectionContract {

    AsrSectionTest() {
        super(new AsrSection());
    }
}
