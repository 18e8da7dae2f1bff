using BenchmarkDotNet.Attributes;
using DagSynth.Distributions;
using DagSynth.Randomness;

namespace DagSynth.Benchmarks;

/// <summary>
/// One draw per cell, as the sampler draws them: each operation starts the cell's stream
/// (<see cref="CellDraws"/> for one row) and draws one value, so the time per operation includes the
/// generator. Reported per draw (<see cref="Cells"/> draws per invocation); draws per second is
/// 1e9 / Mean[ns]. <see cref="CellStreamOnly"/> is the floor: starting the stream and reading one word.
/// </summary>
[MemoryDiagnoser]
public class DistributionBenchmarks
{
    /// <summary>Cells (draws) per benchmark invocation.</summary>
    public const int Cells = 4096;

    private static readonly ulong Key = CellRandom.VariableKey(42, "benchmark");

    [Benchmark(Baseline = true, OperationsPerInvoke = Cells)]
    public ulong CellStreamOnly()
    {
        ulong sum = 0;
        for (var row = 0; row < Cells; row++)
        {
            var draws = new CellDraws(Key, row);
            sum += draws.NextBits();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Cells)]
    public double Normal() => Sum((ref d) => Draw.Normal(ref d, 120, 15));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double LogNormal() => Sum((ref d) => Draw.LogNormal(ref d, 1, 0.5));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double Uniform() => Sum((ref d) => Draw.Uniform(ref d, 40, 80));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double Exponential() => Sum((ref d) => Draw.Exponential(ref d, 0.1));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double Weibull() => Sum((ref d) => Draw.Weibull(ref d, 1.5, 10));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double TruncatedNormalCentral() => Sum((ref d) => Draw.TruncatedNormal(ref d, 120, 15, 90, 200));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double TruncatedNormalTail8To9() => Sum((ref d) => Draw.TruncatedNormal(ref d, 0, 1, 8, 9));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double TruncatedNormalTail40To41() => Sum((ref d) => Draw.TruncatedNormal(ref d, 0, 1, 40, 41));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double GammaShapeHalf() => Sum((ref d) => Draw.Gamma(ref d, 0.5, 1));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double GammaShape2() => Sum((ref d) => Draw.Gamma(ref d, 2, 1));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double GammaShape100() => Sum((ref d) => Draw.Gamma(ref d, 100, 1));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double Beta2And5() => Sum((ref d) => Draw.Beta(ref d, 2, 5));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double BetaHalfAndHalf() => Sum((ref d) => Draw.Beta(ref d, 0.5, 0.5));

    [Benchmark(OperationsPerInvoke = Cells)]
    public long PoissonInversionMean3() => Count((ref d) => Draw.Poisson(ref d, 3.3));

    [Benchmark(OperationsPerInvoke = Cells)]
    public long PoissonPtrs1000() => Count((ref d) => Draw.Poisson(ref d, 1000));

    [Benchmark(OperationsPerInvoke = Cells)]
    public long NegativeBinomial() => Count((ref d) => Draw.NegativeBinomial(ref d, 5, 0.5));

    [Benchmark(OperationsPerInvoke = Cells)]
    public long BinomialInversion20() => Count((ref d) => Draw.Binomial(ref d, 20, 0.4));

    [Benchmark(OperationsPerInvoke = Cells)]
    public long BinomialBtrd1000() => Count((ref d) => Draw.Binomial(ref d, 1000, 0.3));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double PortableExp() => Elementary(x => PortableMath.Exp(x));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double PlatformExp() => Elementary(Math.Exp);

    [Benchmark(OperationsPerInvoke = Cells)]
    public double PortableLog() => Elementary(x => PortableMath.Log(x + 1.5));

    [Benchmark(OperationsPerInvoke = Cells)]
    public double PlatformLog() => Elementary(x => Math.Log(x + 1.5));

    private delegate double Continuous(ref CellDraws draws);

    private delegate long Discrete(ref CellDraws draws);

    private static double Sum(Continuous sampler)
    {
        var sum = 0.0;
        for (var row = 0; row < Cells; row++)
        {
            var draws = new CellDraws(Key, row);
            sum += sampler(ref draws);
        }

        return sum;
    }

    private static long Count(Discrete sampler)
    {
        long sum = 0;
        for (var row = 0; row < Cells; row++)
        {
            var draws = new CellDraws(Key, row);
            sum += sampler(ref draws);
        }

        return sum;
    }

    private static double Elementary(Func<double, double> function)
    {
        var sum = 0.0;
        var x = -3.0;
        for (var i = 0; i < Cells; i++)
        {
            sum += function(x);
            x += 0.0015;
        }

        return sum;
    }
}
