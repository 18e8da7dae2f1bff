using DagSynth.Reports.Statistics;

namespace DagSynth.Reports.Tests;

/// <summary>The 95% intervals against values computed by hand (and by R's binom, epitools).</summary>
[Trait("Category", "Unit")]
public sealed class IntervalsTests
{
    [Fact]
    public void Should_GiveTheWilsonInterval_When_TenOfAHundred()
    {
        // Given 10 successes in 100 (R: prop.test(10, 100, correct = FALSE)$conf.int = 0.05522914 0.17436566)
        var interval = Intervals.Proportion(10, 100);

        // Then
        Assert.Equal(0.1, interval.Estimate, 12);
        Assert.Equal(0.05522914, interval.Low, 7);
        Assert.Equal(0.17436566, interval.High, 7);
    }

    [Fact]
    public void Should_StayInsideZeroAndOne_When_NoneOrAllSucceed()
    {
        Assert.Equal(0, Intervals.Proportion(0, 50).Low);
        Assert.Equal(1, Intervals.Proportion(50, 50).High);
        Assert.False(Intervals.Proportion(0, 0).IsDefined);
    }

    [Fact]
    public void Should_GiveTheWoolfInterval_When_AnOddsRatioIsEstimated()
    {
        // Given a = 20 of 100 exposed, c = 10 of 100 unexposed: OR = (20 * 90) / (80 * 10) = 2.25,
        // se = sqrt(1/20 + 1/80 + 1/10 + 1/90) = 0.41667, interval exp(log 2.25 -+ 1.96 se) = 0.99429 to 5.09155
        var interval = Intervals.OddsRatio(20, 100, 10, 100);

        Assert.Equal(2.25, interval.Estimate, 12);
        Assert.Equal(0.9942949, interval.Low, 6);
        Assert.Equal(5.0915478, interval.High, 6);
    }

    [Fact]
    public void Should_GiveTheKatzInterval_When_ARiskRatioIsEstimated()
    {
        // RR = 0.2 / 0.1 = 2, se = sqrt(1/20 - 1/100 + 1/10 - 1/100) = 0.36056, interval 0.98656 to 4.05448
        var interval = Intervals.RiskRatio(20, 100, 10, 100);

        Assert.Equal(2, interval.Estimate, 12);
        Assert.Equal(0.9865632, interval.Low, 6);
        Assert.Equal(4.0544792, interval.High, 6);
    }

    [Fact]
    public void Should_GiveTheWaldInterval_When_ARiskDifferenceIsEstimated()
    {
        // RD = 0.1, se = sqrt(0.2*0.8/100 + 0.1*0.9/100) = 0.05, interval 0.002 to 0.198
        var interval = Intervals.RiskDifference(20, 100, 10, 100);

        Assert.Equal(0.1, interval.Estimate, 12);
        Assert.Equal(0.1 - (1.959963984540054 * 0.05), interval.Low, 12);
        Assert.Equal(0.1 + (1.959963984540054 * 0.05), interval.High, 12);
    }

    [Fact]
    public void Should_BeUndefined_When_ACellIsEmpty()
    {
        Assert.False(Intervals.OddsRatio(0, 100, 10, 100).IsDefined);
        Assert.False(Intervals.OddsRatio(100, 100, 10, 100).IsDefined);
        Assert.False(Intervals.RiskRatio(5, 100, 0, 100).IsDefined);
        Assert.False(Interval(double.NaN).Contains(1));
    }

    [Fact]
    public void Should_SummariseWithRsQuantiles_When_NumbersAreGiven()
    {
        // R: quantile(c(1, 2, 3, 4, 10), c(0.25, 0.5, 0.95)) = 2, 3, 8.8; mean 4, sd sqrt(12.5)
        var summary = NumericSummary.Of([10, 1, double.NaN, 3, 2, 4]);

        Assert.Equal(5, summary.Count);
        Assert.Equal(4, summary.Mean.Estimate, 12);
        Assert.Equal(Math.Sqrt(12.5), summary.StandardDeviation, 12);
        Assert.Equal(2, summary.Quantiles[2], 12);
        Assert.Equal(3, summary.Quantiles[3], 12);
        Assert.Equal(8.8, summary.Quantiles[5], 12);
    }

    private static ConfidenceInterval Interval(double x) => new(x, x, x);
}
