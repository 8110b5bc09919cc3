package org.earshot.asr.neural;

import java.io.IOException;
import java.nio.file.Path;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Opening and closing ONNX Runtime sessions the one way the kit's models use them: one thread, clear errors. */
final class OnnxSessions {

    private OnnxSessions() {
    }

    /**
     * @return a session on one intra-op and one inter-op thread (the kit's speed figures are per core)
     * @throws IOException naming the file when ONNX Runtime cannot load it
     */
    static OrtSession open(OrtEnvironment env, Path onnx) throws IOException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return env.createSession(onnx.toString(), options);
        } catch (OrtException e) {
            throw new IOException(onnx + ": ONNX Runtime cannot load it: " + e.getMessage());
        }
    }

    /** Closes a session, turning ONNX Runtime's checked exception into an unchecked one. */
    static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
