package org.earshot.speakers;

import java.util.List;

import org.earshot.exercises.Exercise;
import org.earshot.kit.Lesson;
import org.earshot.kit.Requirement;
import org.earshot.kit.Section;
import org.earshot.models.SileroVad;
import org.earshot.speakers.exercises.SpeakersExercises;
import org.earshot.speakers.meeting.Ambience;

/** Section 21.4 of the chapter: who spoke, and when — embeddings, verification, voice activity, diarization. */
public final class SpeakersSection implements Section {

    @Override
    public String id() {
        return "21.4";
    }

    @Override
    public String title() {
        return "Speakers: embeddings, verification (EER), energy VAD, diarization and DER";
    }

    @Override
    public List<Lesson> lessons() {
        return List.of(new Lesson("21.4-speakers", "Who spoke, and when: embeddings, verification, diarization"));
    }

    @Override
    public List<Exercise<?, ?>> exercises() {
        return SpeakersExercises.all();
    }

    @Override
    public List<String> notebookImports() {
        return List.of("org.earshot.speakers.embedding", "org.earshot.speakers.verification",
                "org.earshot.speakers.vad", "org.earshot.speakers.diarization", "org.earshot.speakers.exercises");
    }

    /** WebRTC's VAD (libfvad in WASM) for {@code scripts/webrtc_vad.mjs}, the reference beside the kit's VADs. */
    static final Requirement.NpmPackage FVAD = new Requirement.NpmPackage("fvad-wasm", "@echogarden/fvad-wasm@0.2.0",
            "dc381f7d2c5d58c97cfa4fd82f6acf53a85dcdc27dd962256a8969ac4ec4af7c", "build/kit/node/fvad-wasm",
            "WebRTC's VAD, the reference of the VAD measurement (BSD-3-Clause)");

    @Override
    public List<Requirement> requirements() {
        return List.of(Ambience.REQUIREMENT, SileroVad.REQUIREMENT, FVAD);
    }
}
