/**
 * The metrics every section scores with, each checked against its reference tool by a parity test reading
 * fixtures under {@code data/fixtures/metrics} (made by the committed {@code make_*.py} scripts there):
 *
 * <ul>
 *   <li>{@link org.earshot.metrics.Wer} (with {@link org.earshot.metrics.Alignment},
 *       {@link org.earshot.metrics.ErrorCounts}, {@link org.earshot.metrics.Trn},
 *       {@link org.earshot.metrics.CorpusScore}): word and character error rate, as NIST sclite;</li>
 *   <li>{@link org.earshot.metrics.Snr} and {@link org.earshot.metrics.SiSdr}: signal quality in dB, overall,
 *       segmental and scale-invariant (numpy transcriptions of Loizou and torchmetrics);</li>
 *   <li>{@link org.earshot.metrics.Verification} and {@link org.earshot.metrics.DetectionCost}: ROC/DET curve,
 *       EER and minDCF of detection scores (scikit-learn, Kaldi);</li>
 *   <li>{@link org.earshot.metrics.EventMatching}: precision, recall and F1 of event times within a tolerance
 *       window (mir_eval);</li>
 *   <li>{@link org.earshot.metrics.DiarizationError} over {@link org.earshot.metrics.SpeakerSegment}s, with
 *       {@link org.earshot.metrics.Assignment} mapping the speakers: DER (NIST md-eval).</li>
 * </ul>
 *
 * Signals and event lists are passed reference first, as in mir_eval. Notebooks import this package
 * ({@code org.earshot.kit.Kit#notebookImports}).
 */
package org.earshot.metrics;
