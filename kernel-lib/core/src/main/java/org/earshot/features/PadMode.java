package org.earshot.features;

/**
 * How a centred STFT extends the signal by {@code nFft/2} samples beyond each end (§21.1), as {@code torch.stft}'s
 * {@code pad_mode} (torchaudio's default, and ours, is {@link #REFLECT}). For {@code x = [a b c d]} padded by 2:
 * <ul>
 *   <li>{@link #REFLECT}: {@code [c b | a b c d | c b]}, the edge sample not repeated; needs more than
 *       {@code nFft/2} samples.</li>
 *   <li>{@link #CONSTANT}: {@code [0 0 | a b c d | 0 0]}.</li>
 *   <li>{@link #REPLICATE}: {@code [a a | a b c d | d d]}.</li>
 *   <li>{@link #CIRCULAR}: {@code [c d | a b c d | a b]}, the signal as one period; needs at least {@code nFft/2}
 *       samples.</li>
 * </ul>
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.pad.html">torch.nn.functional.pad</a>
 */
public enum PadMode {
    REFLECT {
        @Override
        int index(int i, int length) {
            return i < 0 ? -i : i >= length ? 2 * (length - 1) - i : i;
        }

        @Override
        void requireLength(int length, int pad) {
            if (pad >= length) {
                throw new IllegalArgumentException("reflect padding of " + pad + " needs more than " + pad
                        + " samples, got " + length);
            }
        }
    },
    CONSTANT {
        @Override
        int index(int i, int length) {
            return i < 0 || i >= length ? -1 : i;
        }
    },
    REPLICATE {
        @Override
        int index(int i, int length) {
            return i < 0 ? 0 : Math.min(i, length - 1);
        }
    },
    CIRCULAR {
        @Override
        int index(int i, int length) {
            return Math.floorMod(i, length);
        }

        @Override
        void requireLength(int length, int pad) {
            if (pad > length) {
                throw new IllegalArgumentException("circular padding of " + pad + " needs at least " + pad
                        + " samples, got " + length);
            }
        }
    };

    /**
     * @param i      an index into the padded signal, counted from the unpadded signal's sample 0 (may be negative)
     * @param length samples in the unpadded signal
     * @return the unpadded sample that index {@code i} reads, or −1 for a zero
     */
    abstract int index(int i, int length);

    /** @throws IllegalArgumentException when a signal of {@code length} samples cannot be padded by {@code pad} */
    void requireLength(int length, int pad) {
        if (length < 1) {
            throw new IllegalArgumentException("cannot pad an empty signal");
        }
    }
}
