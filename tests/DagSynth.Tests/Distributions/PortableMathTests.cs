using System.Text.RegularExpressions;
using DagSynth.Distributions;
using DagSynth.Testing;

namespace DagSynth.Tests.Distributions;

/// <summary>
/// Our own exp and log (the same bits on every machine) against the platform's, and against 50-digit
/// values from mpmath 1.3.0 (<c>mpmath.log1p(mpf(float(x)))</c>, <c>mpmath.expm1(...)</c>).
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class PortableMathTests
{
    public sealed class TheExpAndLogMethods
    {
        [Fact]
        public void Should_StayWithinOneUlpOfThePlatform_When_SampledOverTheirWholeRange()
        {
            // Given: a fixed sample of arguments across the range, dense near 0 and 1
            var random = new Random(20_250_101);
            long worstExp = 0, worstLog = 0;
            for (var i = 0; i < 400_000; i++)
            {
                var x = i % 3 == 0 ? (random.NextDouble() - 0.5) * 2 : (random.NextDouble() * 1490) - 745;
                var y = i % 3 == 0 ? 1 + ((random.NextDouble() - 0.5) * 0.2) : Math.Exp((random.NextDouble() * 1400) - 700);

                // When / Then: glibc's exp and log are correctly rounded in practice, so this bounds our error
                worstExp = Math.Max(worstExp, Accuracy.Ulps(Math.Exp(x), PortableMath.Exp(x)));
                worstLog = Math.Max(worstLog, Accuracy.Ulps(Math.Log(y), PortableMath.Log(y)));
            }

            Assert.True(worstExp <= 1, $"exp differs by {worstExp} ulps");
            Assert.True(worstLog <= 1, $"log differs by {worstLog} ulps");
        }

        [Theory]
        [InlineData(double.NaN, double.NaN, double.NaN)]
        [InlineData(double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity, 0.0, double.NaN)]
        [InlineData(0.0, 1.0, double.NegativeInfinity)]
        [InlineData(-1.0, 0.36787944117144233, double.NaN)]
        [InlineData(710.0, double.PositiveInfinity, 6.5652649700353614)]
        [InlineData(-746.0, 0.0, double.NaN)]
        [InlineData(4.9406564584124654e-324, 1.0, -744.44007192138122)]
        public void Should_HandleSpecialValues_When_AtTheEdgesOfTheDomain(double x, double expectedExp, double expectedLog)
        {
            Assert.Equal(expectedExp, PortableMath.Exp(x));
            Assert.Equal(expectedLog, PortableMath.Log(x));
        }
    }

    public sealed class TheLog1PAndExpM1Methods
    {
        [Theory]
        [InlineData(1e-300, 1.0000000000000000251e-300)]
        [InlineData(-1e-17, -1.0000000000000000765e-17)]
        [InlineData(1e-10, 9.9999999995000003644e-11)]
        [InlineData(-3.5e-6, -3.5000061250142916517e-6)]
        [InlineData(0.001, 0.00099950033308353318761)]
        [InlineData(-0.2, -0.22314355131420976964)]
        [InlineData(0.5, 0.40546510810816438198)]
        [InlineData(3, 1.3862943611198906188)]
        [InlineData(1e10, 23.02585093004045684)]
        [InlineData(-0.9999999, -16.118095651484675636)]
        public void Should_MatchMpmath_When_ComputingLog1P(double x, double expected)
        {
            Accuracy.Relative(expected, PortableMath.Log1P(x), 1e-15, $"log1p({x})");
        }

        [Theory]
        [InlineData(-745, -1.0)]
        [InlineData(-40, -0.99999999999999999575)]
        [InlineData(-1, -0.6321205588285576784)]
        [InlineData(-1e-9, -9.9999999950000006245e-10)]
        [InlineData(1e-300, 1.0000000000000000251e-300)]
        [InlineData(1e-12, 1.0000000000004999799e-12)]
        [InlineData(0.3, 0.349858807576003089)]
        [InlineData(1, 1.7182818284590452354)]
        [InlineData(20, 485165194.40979027797)]
        [InlineData(709.5, 1.3549863193146328309e+308)]
        public void Should_MatchMpmath_When_ComputingExpM1(double x, double expected)
        {
            Accuracy.Relative(expected, PortableMath.ExpM1(x), 1e-15, $"expm1({x})");
        }

        [Fact]
        public void Should_HandleTheEnds_When_AtMinusOneOrInfinity()
        {
            Assert.Equal(double.NegativeInfinity, PortableMath.Log1P(-1));
            Assert.True(double.IsNaN(PortableMath.Log1P(-1.5)));
            Assert.Equal(double.PositiveInfinity, PortableMath.Log1P(double.PositiveInfinity));
            Assert.Equal(double.PositiveInfinity, PortableMath.ExpM1(710));
            Assert.Equal(-1.0, PortableMath.ExpM1(double.NegativeInfinity));
        }
    }

    public sealed partial class TheCore
    {
        [Fact]
        public void Should_NotCallThePlatformMathLibrary_When_ComputingAnything()
        {
            // Given: every source file of the core (sampling, expressions, models and inference all
            // feed seeded output, so none may use a function whose last bit differs between machines)
            var folder = RepositoryPaths.InRepository("src", "DagSynth");
            var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ToArray();

            // When: looking for calls whose result may differ between machines
            var offenders = files
                .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetRelativePath(folder, f), Line: i + 1, Text: line)))
                .Where(l => !l.Text.TrimStart().StartsWith("///", StringComparison.Ordinal) && PlatformMath().IsMatch(l.Text))
                .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
                .ToList();

            // Then: only IEEE-754 exact operations (Sqrt, Abs, Floor, Truncate, Min, Max) come from Math
            Assert.NotEmpty(files);
            Assert.Empty(offenders);
        }

        [GeneratedRegex(@"\b(Math|MathF|double)\.(Exp|Log|Log10|Log2|Pow|Sin|Cos|Tan|Atan|Atan2|Asin|Acos|Sinh|Cosh|Tanh|Cbrt|LogP1|ExpM1|Exp2|Exp10|FusedMultiplyAdd|ReciprocalEstimate|ReciprocalSqrtEstimate)\s*\(")]
        private static partial Regex PlatformMath();
    }
}
