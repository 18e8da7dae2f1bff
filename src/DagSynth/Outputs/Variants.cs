using DagSynth.Randomness;

namespace DagSynth.Outputs;

/// <summary>Per-student variants: datasets from seeds derived from the main seed and a variant number.</summary>
public static class Variants
{
    /// <summary>
    /// The seed of variant <paramref name="index"/> (1, 2, ...) of <paramref name="seed"/>: the random
    /// bits of row <paramref name="index"/> of the stream named <c>"\0variant"</c>, that is
    /// <c>Bits(VariableKey(seed, "\0variant"), index)</c>. Generating with this seed alone gives the
    /// variant byte for byte.
    /// </summary>
    public static ulong Seed(ulong seed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        return CellRandom.Bits(CellRandom.VariableKey(seed, "\0variant"), index);
    }
}
