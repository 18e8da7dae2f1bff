using System.Text.Json;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Models;
using DagSynth.Sampling;
using DagSynth.Testing;

namespace DagSynth.IO.Tests.Formats;

/// <summary>Every file of <c>corpus/edge-cases</c> behaves as <c>expected.json</c> says.</summary>
[Trait("Category", "Unit")]
public sealed class EdgeCaseConformanceTests
{
    /// <summary>The name an error about each rejected file must mention (where the file has one).</summary>
    private static readonly Dictionary<string, string> NameInError = new(StringComparer.Ordinal)
    {
        ["bif/invalid/01-row-wrong-count.bif"] = "B",
        ["bif/invalid/02-table-too-short.bif"] = "B",
        ["bif/invalid/03-unknown-state-in-row.bif"] = "A1",
        ["bif/invalid/05-missing-row-no-default.bif"] = "B",
        ["bif/invalid/06-undeclared-parent.bif"] = "Z",
        ["bif/invalid/07-duplicate-variable.bif"] = "A",
        ["bif/invalid/09-cycle.bif"] = "A -> B",
        ["bif/invalid/10-state-count-mismatch.bif"] = "A",
        ["bif/invalid/11-row-does-not-sum-to-one.bif"] = "B",
        ["bif/invalid/13-missing-cpt.bif"] = "B",
        ["bif/invalid/15-duplicate-state-names.bif"] = "a0",
        ["bif/invalid/17-unterminated-block.bif"] = "B",
        ["net/invalid/01-wrong-data-count.net"] = "B",
        ["net/invalid/02-undeclared-node.net"] = "B",
        ["net/invalid/04-oobn-class.net"] = "class",
        ["net/invalid/05-model-data.net"] = "model_data",
        ["xmlbif/invalid/01-table-too-short.xml"] = "A",
        ["xmlbif/invalid/03-xmlbif02-uppercase-declaration.xml"] = "XMLBIF 0.2",
        ["xmlbif/invalid/05-decision-variable.xml"] = "D",
        ["uai/invalid/01-child-first-scope.uai"] = "v0",
        ["xdsl/invalid/01-noisymax.xdsl"] = "noisymax",
    };

    public static TheoryData<string> Cases() => CorpusFiles.EdgeCases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_BehaveAsExpectedJsonSays_When_ReadingAnEdgeCase(string name)
    {
        // Given
        var path = CorpusFiles.PathOf("edge-cases", name);
        var expected = CorpusFiles.Expectation(name);

        // When
        var result = ModelFile.Read(path);

        // Then
        if (expected.TryGetProperty("accept", out _))
        {
            AssertAccepted(result, expected);
        }
        else
        {
            AssertRejected(name, result, expected.GetProperty("line").GetInt32());
        }
    }

    private static void AssertAccepted(Models.ModelLoadResult result, JsonElement expected)
    {
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var model = result.Model!;
        var cpts = expected.TryGetProperty("cpt", out var c) ? c.EnumerateObject().ToList() : [];
        Assert.True(cpts.Count > 0 || expected.TryGetProperty("marginal", out _) || expected.TryGetProperty("cg", out _), "the case expects neither tables nor marginals nor CG nodes");
        foreach (var cpt in cpts)
        {
            Assert.True(model.TryGetVariable(cpt.Name, out var variable), $"no variable '{cpt.Name}'");
            var parents = cpt.Value.GetProperty("parents").EnumerateArray().Select(p => p.GetString()!).ToList();
            Assert.Equal(parents, variable.Parents.Select(p => model.Variables[p].Name));
            var values = cpt.Value.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
            var actual = ModelAssert.Table(variable).Values.ToArray();
            Assert.Equal(values.Count, actual.Length);
            for (var i = 0; i < values.Count; i++)
            {
                Assert.True(Math.Abs(values[i] - actual[i]) <= 1e-9, $"value {i} of '{cpt.Name}' is {actual[i]}, expected {values[i]}");
            }
        }

        if (expected.TryGetProperty("cg", out var cg))
        {
            foreach (var node in cg.EnumerateObject())
            {
                AssertConditionalGaussian(model, node.Name, node.Value);
            }
        }

        if (expected.TryGetProperty("marginal", out var marginals))
        {
            var joint = new ExactJoint(model);
            foreach (var marginal in marginals.EnumerateObject())
            {
                var variable = model[marginal.Name];
                var exact = joint.Marginal(variable.Index);
                foreach (var level in marginal.Value.EnumerateObject())
                {
                    Assert.Equal(level.Value.GetDouble(), exact[variable.LevelIndex(level.Name)], 1e-6);
                }
            }
        }
    }

    /// <summary>
    /// A CG node of <c>expected.json</c> (keyed by the level of its discrete parent, or "" without
    /// one: intercept, a coefficient per continuous parent, variance) is a normal whose mean and sd
    /// expressions give those values, checked at a few values of the continuous parents.
    /// </summary>
    private static void AssertConditionalGaussian(Model model, string name, JsonElement expected)
    {
        var variable = model[name];
        var normal = Assert.IsType<DistributionConditional>(variable.Conditional);
        Assert.Equal(NodeType.Normal, normal.Family);
        Assert.Equal("mean,sd", normal.ParameterSet);
        var discrete = variable.Parents.Where(p => model.Variables[p].IsDiscrete).ToList();
        var continuous = variable.Parents.Where(p => !model.Variables[p].IsDiscrete).ToList();
        Assert.True(discrete.Count <= 1, "expected.json keys configurations by the level of one discrete parent");
        var configurations = expected.EnumerateObject().ToList();
        Assert.Equal(discrete.Count == 0 ? 1 : model.Variables[discrete[0]].Levels.Length, configurations.Count);
        foreach (var configuration in configurations)
        {
            var code = discrete.Count == 0 ? -1 : model.Variables[discrete[0]].LevelIndex(configuration.Name);
            foreach (var x in new[] { -1.5, 0.0, 2.5 })
            {
                var expectedMean = configuration.Value.GetProperty("intercept").GetDouble()
                    + continuous.Sum(p => configuration.Value.GetProperty(model.Variables[p].Name).GetDouble() * x);
                double ValueOf(int v) => discrete.Contains(v) ? code : continuous.Contains(v) ? x : throw new InvalidOperationException($"variable {v} is not a parent");
                var mean = ScalarEvaluator.Evaluate(normal.Parameters[0].Expression, ValueOf);
                var sd = ScalarEvaluator.Evaluate(normal.Parameters[1].Expression, ValueOf);
                Assert.True(Math.Abs(expectedMean - mean) <= 1e-12, $"the mean of '{name}' at {configuration.Name}, parents = {x} is {mean}, expected {expectedMean}");
                Assert.Equal(Math.Sqrt(configuration.Value.GetProperty("variance").GetDouble()), sd, 1e-12);
            }
        }
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void Should_GenerateTheConditionalGaussianMoments_When_SamplingTheNetCgEdgeCase()
    {
        // Given: C1 ~ (0.4, 0.6); C2 ~ N(2, 1); C3 | lo ~ N(1.5 + 2 C2, 0.25), C3 | hi ~ N(-1 - 0.5 C2, 4)
        var result = ModelFile.Read(CorpusFiles.PathOf("edge-cases", "net/valid/05-conditional-gaussian.net"));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        var model = result.Model!;
        const int rows = 200_000;

        // When
        var sink = new ValueSink(model);
        var run = Generator.Run(SamplingPlan.Compile(model), new GenerationOptions { Rows = rows, Seed = 20240605, Threads = 2 }, sink);

        // Then
        Assert.True(run.Succeeded, run.Failure?.Describe());
        var c1 = sink.Columns[model.IndexOf("C1")];
        var c2 = sink.Columns[model.IndexOf("C2")];
        var c3 = sink.Columns[model.IndexOf("C3")];
        Assert.Equal(rows, c3.Count);

        // E[C3] = 0.4 (1.5 + 2 x 2) + 0.6 (-1 - 0.5 x 2) = 1.0; Var[C3] = 4.25 + 0.4 x 0.6 x 7.5^2 = 17.75.
        const double z = 3.2905; // two-sided 99.9%
        AssertMean(c3, 1.0, Math.Sqrt(17.75 / rows) * z, "C3");
        AssertMean(c2, 2.0, Math.Sqrt(1.0 / rows) * z, "C2");

        // The second argument of normal(...) is the variance: the residuals around each line have it.
        var lo = model["C1"].LevelIndex("lo");
        var residualLo = Enumerable.Range(0, rows).Where(i => (int)c1[i] == lo).Select(i => c3[i] - (1.5 + (2 * c2[i]))).ToList();
        var residualHi = Enumerable.Range(0, rows).Where(i => (int)c1[i] != lo).Select(i => c3[i] - (-1 - (0.5 * c2[i]))).ToList();
        Assert.Equal(0.4, residualLo.Count / (double)rows, 0.01);
        AssertVariance(residualLo, 0.25, "C3 - (1.5 + 2 C2) when C1 = lo");
        AssertVariance(residualHi, 4.0, "C3 - (-1 - 0.5 C2) when C1 = hi");
        AssertVariance(c2, 1.0, "C2");
    }

    private static void AssertMean(List<double> values, double expected, double tolerance, string what)
    {
        var mean = values.Average();
        Assert.True(Math.Abs(mean - expected) <= tolerance, $"the mean of {what} is {mean}, expected {expected} +/- {tolerance}");
    }

    /// <summary>The sample variance is within the 99.9% interval of a normal sample's (sd of s^2 = sigma^2 sqrt(2 / (n - 1))).</summary>
    private static void AssertVariance(List<double> values, double expected, string what)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        var tolerance = 3.2905 * expected * Math.Sqrt(2.0 / (values.Count - 1));
        Assert.True(Math.Abs(variance - expected) <= tolerance, $"the variance of {what} is {variance}, expected {expected} +/- {tolerance}");
    }

    /// <summary>Keeps every generated value (level codes for discrete variables), by column.</summary>
    private sealed class ValueSink(Model model) : IBatchSink
    {
        public List<double>[] Columns { get; } = [.. model.Variables.Select(_ => new List<double>())];

        public void Write(SampleBatch batch)
        {
            foreach (var v in model.Variables)
            {
                if (v.IsDiscrete)
                {
                    foreach (var code in batch.Codes(v.Index))
                    {
                        Columns[v.Index].Add(code);
                    }
                }
                else
                {
                    Columns[v.Index].AddRange(batch.Values(v.Index).ToArray());
                }
            }
        }
    }

    private static void AssertRejected(string name, Models.ModelLoadResult result, int line)
    {
        Assert.Null(result.Model);
        var errors = result.Errors.ToList();
        Assert.NotEmpty(errors);
        var atLine = errors.Where(d => d.Location.Line == line).ToList();
        Assert.True(atLine.Count > 0, $"no error at line {line}; the errors are:\n{string.Join("\n", errors)}");
        Assert.All(errors, d => Assert.Equal(Severity.Error, d.Severity));
        if (NameInError.TryGetValue(name, out var mentioned))
        {
            Assert.Contains(atLine, d => d.Message.Contains(mentioned, StringComparison.Ordinal));
        }

        // The printed diagnostic names the file and the line: path:line:col.
        Assert.Contains($":{line}:", atLine[0].ToString(), StringComparison.Ordinal);
    }
}
