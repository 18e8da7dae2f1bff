namespace DagSynth.Expressions;

/// <summary>A closed interval of reals, possibly unbounded; the range an expression can take.</summary>
/// <param name="Lo">The lower bound (may be negative infinity).</param>
/// <param name="Hi">The upper bound (may be positive infinity).</param>
public readonly record struct Interval(double Lo, double Hi)
{
    /// <summary>Every real number.</summary>
    public static Interval All { get; } = new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>A single point.</summary>
    public static Interval Point(double x) => new(x, x);

    /// <summary>Whether <paramref name="x"/> lies inside.</summary>
    public bool Contains(double x) => x >= Lo && x <= Hi;

    /// <summary>The smallest interval holding both.</summary>
    public Interval Union(Interval other) => new(Math.Min(Lo, other.Lo), Math.Max(Hi, other.Hi));

    /// <inheritdoc/>
    public override string ToString() => $"[{Lo}, {Hi}]";
}
