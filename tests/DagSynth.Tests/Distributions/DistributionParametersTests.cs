using DagSynth.Distributions;

namespace DagSynth.Tests.Distributions;

/// <summary>Parameter checks: every problem reported, with the parameter named and the value shown.</summary>
[Trait("Category", "Unit")]
public sealed class DistributionParametersTests
{
    public sealed class TheCheckMethods
    {
        [Fact]
        public void Should_ReportNothing_When_TheParametersAreValid()
        {
            Assert.Empty(DistributionParameters.CheckNormal(-3, 0.1));
            Assert.Empty(DistributionParameters.CheckLogNormal(0, 1));
            Assert.Empty(DistributionParameters.CheckUniform(-1, 1));
            Assert.Empty(DistributionParameters.CheckExponential(1e-300));
            Assert.Empty(DistributionParameters.CheckWeibull(0.01, 1e300));
            Assert.Empty(DistributionParameters.CheckTruncatedNormal(0, 1, double.NegativeInfinity, double.PositiveInfinity));
            Assert.Empty(DistributionParameters.CheckTruncatedNormal(0, 1, 40, 41));
            Assert.Empty(DistributionParameters.CheckGamma(1e-3, 2));
            Assert.Empty(DistributionParameters.CheckBeta(0.5, 0.5));
            Assert.Empty(DistributionParameters.CheckPoisson(0));
            Assert.Empty(DistributionParameters.CheckPoisson(DistributionParameters.MaxPoissonMean));
            Assert.Empty(DistributionParameters.CheckNegativeBinomial(0, 0.1));
            Assert.Empty(DistributionParameters.CheckBinomial(0, 0));
            Assert.Empty(DistributionParameters.CheckBinomial(DistributionParameters.MaxBinomialTrials, 1));
        }

        [Theory]
        [InlineData(-1.0, "sd must be a finite number greater than 0, got -1")]
        [InlineData(0.0, "sd must be a finite number greater than 0, got 0")]
        [InlineData(double.NaN, "sd must be a finite number greater than 0, got NaN")]
        [InlineData(double.PositiveInfinity, "sd must be a finite number greater than 0, got Infinity")]
        public void Should_NameTheParameterAndValue_When_TheSdIsNotPositive(double sd, string message)
        {
            var errors = DistributionParameters.CheckNormal(0, sd);

            var error = Assert.Single(errors);
            Assert.Equal(new ParameterError("sd", message), error);
        }

        [Fact]
        public void Should_ReportEveryProblem_When_SeveralParametersAreInvalid()
        {
            Assert.Equal(
                [new("mean", "mean must be a finite number, got NaN"), new("sd", "sd must be a finite number greater than 0, got -2")],
                DistributionParameters.CheckTruncatedNormal(double.NaN, -2, 0, 1));
            Assert.Equal(
                [new("shape", "shape must be a finite number greater than 0, got 0"), new("rate", "rate must be a finite number greater than 0, got -1")],
                DistributionParameters.CheckGamma(0, -1));
            Assert.Equal(
                [new("n", "n must be a count of trials >= 0, got -3"), new("p", "p must be a probability between 0 and 1, got 1.5")],
                DistributionParameters.CheckBinomial(-3, 1.5));
        }

        [Fact]
        public void Should_ExplainTheBounds_When_TheyAreOutOfOrderOrInfinite()
        {
            Assert.Equal([new("lo", "lo must be less than hi, got lo = 5 and hi = 2")], DistributionParameters.CheckUniform(5, 2));
            Assert.Equal([new("lo", "lo must be less than hi, got lo = 1 and hi = 1")], DistributionParameters.CheckTruncatedNormal(0, 1, 1, 1));
            Assert.Equal([new("hi", "hi must be a finite number, got Infinity")], DistributionParameters.CheckUniform(0, double.PositiveInfinity));
            Assert.Equal(
                [new("hi", "the width hi - lo must be a finite number, got lo = -1E+308 and hi = 1E+308")],
                DistributionParameters.CheckUniform(-1e308, 1e308));
            Assert.Equal([new("lo", "lo must be a finite number or -infinity, got Infinity")], DistributionParameters.CheckTruncatedNormal(0, 1, double.PositiveInfinity, double.PositiveInfinity));
            Assert.Equal([new("hi", "hi must be a finite number or +infinity, got NaN")], DistributionParameters.CheckTruncatedNormal(0, 1, 0, double.NaN));
        }

        [Fact]
        public void Should_RejectMeansBeyondTheLimit_When_SamplingCounts()
        {
            Assert.Equal([new("mean", "mean must be at most 1000000000000000, got 2000000000000000")], DistributionParameters.CheckPoisson(2e15));
            Assert.Equal([new("mean", "mean must be a finite number >= 0, got -0.5")], DistributionParameters.CheckPoisson(-0.5));
            Assert.Equal(
                [new("dispersion", "dispersion must be a finite number greater than 0, got 0")],
                DistributionParameters.CheckNegativeBinomial(3, 0));
            Assert.Equal([new("n", "n must be at most 1000000000000000, got 1000000000000001")], DistributionParameters.CheckBinomial(1_000_000_000_000_001, 0.5));
            Assert.Equal([new("p", "p must be a probability between 0 and 1, got NaN")], DistributionParameters.CheckBinomial(10, double.NaN));
        }

        [Fact]
        public void Should_NotAllocate_When_TheParametersAreValid()
        {
            DistributionParameters.CheckNormal(0, 1);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                DistributionParameters.CheckTruncatedNormal(0, 1, -1, i);
                DistributionParameters.CheckBinomial(i, 0.5);
            }

            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }
}
