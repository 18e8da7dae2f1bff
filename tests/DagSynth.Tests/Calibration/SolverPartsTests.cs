using DagSynth.Calibration;
using DagSynth.Tests.Mixed;

namespace DagSynth.Tests.Calibration;

/// <summary>The pieces under the solver: fit tokens, coordinates, the dense linear algebra.</summary>
[Trait("Category", "Unit")]
public sealed class SolverPartsTests
{
    public sealed class TheFitToken
    {
        [Theory]
        [InlineData("fit", true, null, false)]
        [InlineData(" fit ", true, null, false)]
        [InlineData("fit(0.25)", true, 0.25, false)]
        [InlineData("fit( -2e-1 )", true, -0.2, false)]
        [InlineData("fit(abc)", true, null, true)]
        [InlineData("fit(1", true, null, true)]
        [InlineData("fitness", false, null, false)]
        [InlineData("or_fit", false, null, false)]
        [InlineData("0.5", false, null, false)]
        public void Should_RecogniseFitAndItsStart_When_Written(string text, bool isFit, double? start, bool malformed)
        {
            // When
            var result = FitToken.Is(text, out var given, out var bad);

            // Then
            Assert.Equal(isFit, result);
            Assert.Equal(start, given);
            Assert.Equal(malformed, bad);
        }
    }

    public sealed class TheCoordinateMap
    {
        [Fact]
        public void Should_ReturnTheValuesItStartedFrom_When_ValuesGoToCoordinatesAndBack()
        {
            // Given: a row of three fit cells sharing 0.9, a bounded, a positive and an unbounded parameter
            var model = MixedModels.Read("""
                dagsynth: 1
                parameters:
                  p: {fit: true, start: 0.3, min: 0, max: 1}
                  m: {fit: true, start: 120}
                  below: {fit: true, start: 2, max: 5}
                variables:
                  a:
                    levels: [x, y, z, w]
                    probs: [fit(0.2), 0.1, fit, fit(0.4)]
                  b:
                    type: normal
                    mean: m + p + below
                    sd: fit(3)
                """);
            var problem = model.Calibration!;
            var map = new CoordinateMap(problem, model);

            // When
            var values = map.ToValues(map.FromValues(problem.StartValues));

            // Then
            Assert.Equal(6, map.Count);
            Assert.Equal(problem.StartValues.Length, values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                Assert.Equal(problem.StartValues[i], values[i], 1e-12);
            }

            Assert.Equal(0.9, problem.Rows.Single().Mass, 1e-15);
            Assert.Equal(0.3, problem.StartValues[problem.Parameters.IndexOf(problem.Parameters.Single(x => x.Name == "a: P(z)"))], 1e-15);
        }

        [Fact]
        public void Should_KeepEveryValueInItsDomain_When_CoordinatesAreExtreme()
        {
            // Given
            var model = MixedModels.Read("""
                dagsynth: 1
                parameters:
                  p: {fit: true, start: 0.3, min: 0, max: 1}
                variables:
                  a: {levels: [x, y, z], probs: [fit, 0.5, fit]}
                  b: {type: normal, mean: p, sd: fit(3)}
                """);
            var map = new CoordinateMap(model.Calibration!, model);

            // When
            foreach (var u in new[] { -CoordinateMap.Limit, CoordinateMap.Limit })
            {
                var values = map.ToValues(Enumerable.Repeat(u, map.Count).ToArray());

                // Then: strictly inside (0, 1), (0, inf), and the row's cells sum to what it leaves
                Assert.InRange(values[0], double.Epsilon, 1 - 1e-15);
                Assert.True(values[0] > 0 && values[0] < 1);
                Assert.Equal(0.5, values[1] + values[2], 1e-15);
                Assert.True(values[1] > 0 && values[2] > 0);
                Assert.True(values[3] > 0);
            }
        }
    }

    public sealed class TheDenseMath
    {
        [Fact]
        public void Should_SolveASymmetricSystem_When_ItIsPositiveDefinite()
        {
            // Given
            double[,] a = { { 4, 2, 0.6 }, { 2, 5, 1 }, { 0.6, 1, 3 } };
            double[] expected = [1, -2, 0.5];
            var b = new double[3];
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    b[i] += a[i, j] * expected[j];
                }
            }

            // When
            var x = new double[3];
            var solved = DenseMath.TrySolveSymmetric(a, b, x);

            // Then
            Assert.True(solved);
            Assert.Equal(expected, x.Select(v => Math.Round(v, 12)));
            Assert.False(DenseMath.TrySolveSymmetric(new double[,] { { 1, 2 }, { 2, 1 } }, [1, 1], new double[2]));
        }

        [Fact]
        public void Should_FindEigenpairs_When_TheMatrixIsSymmetric()
        {
            // Given: a rank-one direction (1, -1, 0) / sqrt(2) has eigenvalue 0
            double[,] a = { { 1, 1, 0 }, { 1, 1, 0 }, { 0, 0, 2 } };

            // When
            var (values, vectors) = DenseMath.SymmetricEigen(a);

            // Then
            Assert.Equal([0.0, 2.0, 2.0], values.Select(v => Math.Round(v, 12)).Order());
            var zero = Array.FindIndex(values, v => Math.Abs(v) < 1e-12);
            Assert.Equal(1 / Math.Sqrt(2), Math.Abs(vectors[0, zero]), 1e-12);
            Assert.Equal(-vectors[0, zero], vectors[1, zero], 1e-12);
            Assert.Equal(0, vectors[2, zero], 1e-12);
        }
    }
}
