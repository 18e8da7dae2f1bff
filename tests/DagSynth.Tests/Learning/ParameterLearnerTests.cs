using DagSynth.Diagnostics;
using DagSynth.Learning;
using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.Tests.Learning;

/// <summary>
/// Counting and estimating on a hand-made dataset of seven rows with missing cells, against numbers
/// worked out by hand. The model: a (x, y, z) → b (u, v, w); z never occurs in the data.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ParameterLearnerTests
{
    private const ushort M = ParameterLearner.MissingCode;

    // Rows:    0  1  2  3  4  5  6
    // a:       x  x  x  y  y  -  x
    // b:       u  u  v  w  -  u  w
    private static readonly ushort[] A = [0, 0, 0, 1, 1, M, 0];
    private static readonly ushort[] B = [0, 0, 1, 2, M, 0, 2];

    private static readonly string[] ALevels = ["x", "y", "z"];

    private static Model TinyModel(double[]? rowX = null) => new SpecBuilder()
        .Root("a", ALevels, 0.5, 0.3, 0.2)
        .Child("b", ["u", "v", "w"], ["a"], [ALevels], [rowX ?? [0.2, 0.3, 0.5], [0.2, 0.3, 0.5], [0.2, 0.3, 0.5]])
        .BuildModel();

    private static double[] Table(Model model, string name) => ((CptConditional)model[name].Conditional).Table.Values.ToArray();

    public sealed class TheCountMethod
    {
        [Fact]
        public void Should_CountOnlyRowsWhereTheFamilyIsObserved_When_CellsAreMissing()
        {
            // Given: b's family (a, b); rows 4 (b missing) and 5 (a missing) do not count

            // When
            var counts = FamilyCounts.Count(B, 3, [A.AsMemory()], [3]);
            var root = FamilyCounts.Count(A, 3, [], []);

            // Then
            Assert.Equal(5, counts.RowsUsed);
            Assert.Equal([2L, 1, 1, 0, 0, 1, 0, 0, 0], counts.Counts.ToArray());
            Assert.Equal(1, counts.UnseenConfigurations);
            Assert.Equal(6, root.RowsUsed);
            Assert.Equal([4L, 2, 0], root.Counts.ToArray());
            Assert.Equal(0, root.UnseenConfigurations);
        }

        [Fact]
        public void Should_Throw_When_ACodeIsOutOfRange()
        {
            ushort[] child = [0, 3];
            Assert.Throws<ArgumentException>(() => FamilyCounts.Count(child, 3, [], []));
        }
    }

    public sealed class TheLearnMethod
    {
        [Fact]
        public void Should_GiveTheBDeuEstimates_When_TheEquivalentSampleSizeIsOne()
        {
            // Given: pseudo-counts 1/3 per cell of a (q=1, r=3) and 1/9 per cell of b (q=3, r=3)
            var model = TinyModel();

            // When
            var result = ParameterLearner.Learn(model, [A, B], new LearningOptions());

            // Then
            Assert.True(result.Succeeded);
            Assert.Empty(result.Diagnostics);
            Assert.Equal(7, result.Rows);
            Assert.Equal(5, result.FewestRowsUsed);
            Assert.Equal(1, result.UnseenConfigurations);
            AssertClose([13.0 / 21, 7.0 / 21, 1.0 / 21], Table(result.Model!, "a"));
            AssertClose([19.0 / 39, 10.0 / 39, 10.0 / 39, 1.0 / 12, 1.0 / 12, 5.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 3], Table(result.Model!, "b"));
        }

        [Fact]
        public void Should_GiveRelativeFrequenciesAndWarnOfUnseenConfigurations_When_ThereIsNoPrior()
        {
            // Given
            var model = TinyModel();

            // When
            var result = ParameterLearner.Learn(model, [A, B], new LearningOptions { Prior = PriorKind.None });

            // Then: z never occurs, so b's row given z is uniform, with a warning
            AssertClose([4.0 / 6, 2.0 / 6, 0], Table(result.Model!, "a"));
            AssertClose([0.5, 0.25, 0.25, 0, 0, 1, 1.0 / 3, 1.0 / 3, 1.0 / 3], Table(result.Model!, "b"));
            var warning = Assert.Single(result.Diagnostics);
            Assert.Equal(DiagnosticCodes.UnseenConfiguration, warning.Code);
            Assert.Equal(Severity.Warning, warning.Severity);
            Assert.Contains("1 of 3 parent configurations of 'b'", warning.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_KeepTheModelsZeros_When_KeepZerosIsSet()
        {
            // Given: w is impossible given x in the model, though row 6 shows it
            var model = TinyModel(rowX: [0.5, 0.5, 0]);

            // When
            var result = ParameterLearner.Learn(model, [A, B], new LearningOptions { KeepZeros = true });

            // Then: (2 + 1/9, 1 + 1/9, 0) renormalised
            AssertClose([19.0 / 29, 10.0 / 29, 0], Table(result.Model!, "b").AsSpan(0, 3).ToArray());
        }

        [Fact]
        public void Should_KeepNamesLevelsAndParents_When_Learning()
        {
            // Given
            var model = TinyModel();

            // When
            var learned = ParameterLearner.Learn(model, [A, B], new LearningOptions()).Model!;

            // Then
            Assert.Equal(model.Variables.Select(v => (v.Name, string.Join(",", v.Levels), string.Join(",", v.Parents))), learned.Variables.Select(v => (v.Name, string.Join(",", v.Levels), string.Join(",", v.Parents))));
            Assert.Equal(model.TopologicalOrder, learned.TopologicalOrder);
        }

        [Fact]
        public void Should_ReportTheRuleAndReturnNoModel_When_LearnedTablesCanBreakARule()
        {
            // Given: b = v is impossible given a = y, and a rule says so
            var model = new SpecBuilder()
                .Root("a", ["x", "y"], 0.5, 0.5)
                .Child("b", ["u", "v"], ["a"], [["x", "y"]], [[0.5, 0.5], [1, 0]])
                .Never("a == \"y\" and b == \"v\"")
                .BuildModel();
            ushort[] a = [0, 0, 1, 1];
            ushort[] b = [0, 1, 0, 0];

            // When: BDeu gives the forbidden cell a pseudo-count, unless the zeros are kept
            var plain = ParameterLearner.Learn(model, [a, b], new LearningOptions());
            var kept = ParameterLearner.Learn(model, [a, b], new LearningOptions { KeepZeros = true });

            // Then
            Assert.False(plain.Succeeded);
            var error = Assert.Single(plain.Diagnostics);
            Assert.Equal(DiagnosticCodes.RuleNotProven, error.Code);
            Assert.Contains("--keep-zeros", error.Hint, StringComparison.Ordinal);
            Assert.True(kept.Succeeded);
            AssertClose([1, 0], Table(kept.Model!, "b").AsSpan(2, 2).ToArray());
        }

        [Fact]
        public void Should_Throw_When_TheEquivalentSampleSizeIsNotPositive()
        {
            var model = TinyModel();
            Assert.Throws<ArgumentOutOfRangeException>(() => ParameterLearner.Learn(model, [A, B], new LearningOptions { EquivalentSampleSize = 0 }));
        }
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"cell {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
