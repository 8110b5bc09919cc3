package org.rapaio.jupyter.kernel.message.messages;

import org.earshot.display.rapaio.PlainText;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

/**
 * Earshot's copy of rapaio-jupyter-kernel 3.0.1's {@code IOPubExecuteResult} (the {@code execute_result} message):
 * the same, except that its bundle always holds {@code text/plain} ({@link PlainText#ensure}), as the Jupyter
 * protocol asks; without it {@code x + 1} reached console clients and {@code nbconvert --to markdown} as
 * {@code text/html} alone. It shadows the original as {@code LoopThread} does: {@code earshot-kernel-jupyter.jar}
 * stands before the kernel jar on the class path.
 */
public class IOPubExecuteResult extends DisplayData implements ContentType<IOPubExecuteResult> {

    @SerializedName("execution_count")
    private final int count;

    @Override
    public MessageType<IOPubExecuteResult> type() {
        return MessageType.IOPUB_EXECUTE_RESULT;
    }

    /**
     * @param count the cell's execution count
     * @param data  the bundle to send
     */
    public IOPubExecuteResult(int count, DisplayData data) {
        super(PlainText.ensure(data.data()), data.metadata(), data.transientData());
        this.count = count;
    }
}
