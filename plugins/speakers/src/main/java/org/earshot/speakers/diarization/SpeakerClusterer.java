package org.earshot.speakers.diarization;

import java.util.List;

import org.earshot.speakers.embedding.Embedding;

/** How a diarizer turns its windows' embeddings into speakers: {@link AgglomerativeClustering} or
 *  {@link SpectralClustering}. */
public interface SpeakerClusterer {

    /**
     * @param embeddings n ≥ 1 embeddings of one dimension
     * @return a cluster label per embedding
     */
    Clustering fit(List<Embedding> embeddings);
}
