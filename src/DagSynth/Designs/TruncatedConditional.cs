using DagSynth.Models;

namespace DagSynth.Designs;

/// <summary>
/// A root's distribution restricted to an interval of its raw draws (before clipping and rounding):
/// how a condition such as <c>sbp &gt;= 140</c> on a root is met exactly, by inversion, with no
/// rejection. Made by <see cref="Conditioning"/>; the original conditional is kept for reference.
/// </summary>
public sealed class TruncatedConditional : Conditional
{
    internal TruncatedConditional(DistributionConditional inner, double low, double high, TruncatedDraw draw)
    {
        Inner = inner;
        Low = low;
        High = high;
        Draw = draw;
    }

    /// <summary>The untruncated distribution, as declared.</summary>
    public DistributionConditional Inner { get; }

    /// <summary>The lowest raw value drawn (inclusive; negative infinity when unbounded).</summary>
    public double Low { get; }

    /// <summary>The highest raw value drawn (inclusive; positive infinity when unbounded).</summary>
    public double High { get; }

    /// <summary>The probability of [<see cref="Low"/>, <see cref="High"/>] under the untruncated distribution.</summary>
    public double Probability => Draw.RelativeProbability;

    internal TruncatedDraw Draw { get; }
}
