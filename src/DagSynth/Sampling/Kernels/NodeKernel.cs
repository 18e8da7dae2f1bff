using DagSynth.Models;

namespace DagSynth.Sampling.Kernels;

/// <summary>
/// One variable compiled for sampling. Kernels are immutable and shared by all threads; scratch
/// space comes from the <see cref="SamplerContext"/>. A kernel fills its variable's column for a
/// batch whose parent columns are filled already, and reports the first row (if any) whose values
/// are out of their domain.
/// </summary>
internal abstract class NodeKernel(Variable variable)
{
    /// <summary>The variable.</summary>
    public Variable Variable { get; } = variable;

    /// <summary>The inverse-CDF threshold of 63-bit uniforms for a cumulative probability (see docs/determinism.md).</summary>
    public const double Scale = 9223372036854775808.0; // 2^63

    /// <summary>Fills the column; returns the first bad row in the batch and what is wrong, or null.</summary>
    public abstract (int Row, string Problem)? Fill(SamplerContext context, SampleBatch batch, ulong key, long firstRow, int count);

    /// <summary>
    /// Level 0 or 1 for a boolean with P(true) = <paramref name="p"/>, by the same inverse-CDF rule as
    /// tables: level 0 (false) covers uniforms below floor((1 - p) * 2^63); it covers them all when p is 0.
    /// </summary>
    protected static ushort Bernoulli(ulong u, double p)
    {
        if (p <= 0)
        {
            return 0;
        }

        var scaled = (1 - p) * Scale;
        var threshold = scaled >= Scale ? (1UL << 63) - 1 : (ulong)scaled;
        return u >= threshold ? (ushort)1 : (ushort)0;
    }

    /// <summary>The inverse CDF of a distribution given as probabilities (summing to 1), by the tables' rule.</summary>
    protected static ushort Categorical(ulong u, ReadOnlySpan<double> p)
    {
        var last = p.Length - 1;
        while (last > 0 && p[last] <= 0)
        {
            last--;
        }

        var cumulative = 0.0;
        for (var k = 0; k < last; k++)
        {
            cumulative += p[k];
            var scaled = cumulative * Scale;
            var threshold = scaled >= Scale ? (1UL << 63) - 1 : (ulong)scaled;
            if (u < threshold)
            {
                return (ushort)k;
            }
        }

        return (ushort)last;
    }
}
