using DagSynth.Randomness;

namespace DagSynth.Tests.Distributions;

/// <summary>Draws one value from a cell's stream.</summary>
internal delegate double ContinuousSampler(ref CellDraws draws);

/// <summary>Draws one count from a cell's stream.</summary>
internal delegate long CountSampler(ref CellDraws draws);

/// <summary>Samples drawn the way the generator draws them: one cell (row) per value, keyed by (seed, name).</summary>
internal static class Samples
{
    /// <summary>The seed of every statistical sample (fixed: the tests are deterministic).</summary>
    public const ulong Seed = 2026;

    public static double[] Continuous(string name, int rows, ContinuousSampler sampler)
    {
        var key = CellRandom.VariableKey(Seed, name);
        var values = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            var draws = new CellDraws(key, row);
            values[row] = sampler(ref draws);
        }

        return values;
    }

    public static long[] Counts(string name, int rows, CountSampler sampler)
    {
        var key = CellRandom.VariableKey(Seed, name);
        var values = new long[rows];
        for (var row = 0; row < rows; row++)
        {
            var draws = new CellDraws(key, row);
            values[row] = sampler(ref draws);
        }

        return values;
    }

    /// <summary>How many words a sampler read: the position of <paramref name="after"/>'s next word in the stream.</summary>
    public static int WordsUsed(CellDraws before, CellDraws after, int limit = 100_000)
    {
        var next = after.NextBits();
        for (var i = 0; i < limit; i++)
        {
            if (before.NextBits() == next)
            {
                return i;
            }
        }

        return -1;
    }
}
