package org.rapaio.jupyter.kernel.message.messages;

import org.earshot.display.rapaio.PlainText;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;

/**
 * Earshot's copy of rapaio-jupyter-kernel 3.0.1's {@code IOPubUpdateDisplayData} (the {@code update_display_data} message): the same, except that
 * its bundle always holds {@code text/plain} ({@link PlainText#ensure}), as the Jupyter protocol asks. It shadows the
 * original as {@code LoopThread} does: {@code earshot-kernel-jupyter.jar} stands before the kernel jar on the class
 * path.
 */
public class IOPubUpdateDisplayData extends DisplayData implements ContentType<IOPubUpdateDisplayData> {

    @Override
    public MessageType<IOPubUpdateDisplayData> type() {
        return MessageType.IOPUB_UPDATE_DISPLAY_DATA;
    }

    /** @param data the bundle to send */
    public IOPubUpdateDisplayData(DisplayData data) {
        super(PlainText.ensure(data.data()), data.metadata(), data.transientData());
        if (!data.hasDisplayId()) {
            throw new IllegalArgumentException("display_id is required for update");
        }
    }
}
