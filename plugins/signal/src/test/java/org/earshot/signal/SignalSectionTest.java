package org.earshot.signal;

import org.earshot.contract.SectionContract;

/** §21.1 passes the contract every section passes. */
class SignalSectionTest extends SectionContract {

    SignalSectionTest() {
        super(new SignalSection());
    }
}
