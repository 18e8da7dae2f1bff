using DagSynth.Sampling;
using DagSynth.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace DagSynth.Tests.Sampling;

[Trait("Category", "Unit")]
public sealed class DiscreteRowsTests
{
    [Fact]
    public void Should_NeverDrawAZeroLevel_When_UniformIsAtTheEdges()
    {
        // Given: zeros first, in the middle and last
        var rows = new DiscreteRows([0.0, 0.5, 0.0, 0.5, 0.0], 5);
        var t = rows.Thresholds.AsSpan(0, 5);

        // When / Then: the smallest and largest 63-bit uniforms, and the boundary itself
        Assert.Equal(1, DiscreteRows.CountBelow(t, 0));
        Assert.Equal(1, DiscreteRows.CountBelow(t, (1UL << 62) - 1));
        Assert.Equal(3, DiscreteRows.CountBelow(t, 1UL << 62));
        Assert.Equal(3, DiscreteRows.CountBelow(t, (1UL << 63) - 1));
    }

    [Fact]
    public void Should_AgreeWithTheLinearSearch_When_UsingTheGuideTable()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), seed =>
        {
            var random = new Random(seed);
            var n = random.Next(9, 70);
            var row = RandomModels.RandomRow(random, n);
            var rows = new DiscreteRows(row, n);
            var t = rows.Thresholds.AsSpan(0, n);
            for (var trial = 0; trial < 500; trial++)
            {
                var u = (ulong)random.NextInt64() >> 1;
                if (trial < 2 * n && trial % 2 == 0)
                {
                    u = t[trial / 2] == ulong.MaxValue ? u : t[trial / 2]; // exactly on a threshold
                }

                var linear = DiscreteRows.CountBelow(t, u);
                var k = rows.Guide[(int)(u >> (63 - rows.GuideBits))];
                while (u >= t[k])
                {
                    k++;
                }

                if (k != linear || row[linear] == 0)
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
