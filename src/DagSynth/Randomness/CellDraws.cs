using System.Runtime.CompilerServices;

namespace DagSynth.Randomness;

/// <summary>
/// A private stream of random words for one cell, for draws that need more than one uniform
/// (rejection samplers, truncated distributions). It starts from the cell's own bits, so a cell's
/// value still depends only on (seed, variable, row).
/// </summary>
public struct CellDraws
{
    private ulong _state;

    /// <summary>Starts the stream of row <paramref name="row"/> under <paramref name="key"/>.</summary>
    public CellDraws(ulong key, long row) => _state = CellRandom.Bits(key, row);

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextBits()
    {
        _state += CellRandom.Gamma;
        return CellRandom.Mix(_state);
    }

    /// <summary>The next double uniform on [0, 1).</summary>
    public double NextUnit() => CellRandom.ToUnit(NextBits());
}
