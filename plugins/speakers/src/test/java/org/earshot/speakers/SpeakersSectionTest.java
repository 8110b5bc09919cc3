package org.earshot.speakers;

import org.earshot.contract.SectionContract;

/** §21.4 passes the contract every section passes. */
class SpeakersSectionTest extends SectionContract {

    SpeakersSectionTest() {
        super(new SpeakersSection());
    }
}
