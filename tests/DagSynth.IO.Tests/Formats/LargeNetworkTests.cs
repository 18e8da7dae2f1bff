using System.Diagnostics;
using System.Text;
using DagSynth.IO.Formats;
using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.IO.Tests.Formats;

/// <summary>
/// Networks at the scale of the bnlearn repository's largest load, convert and load back. The
/// bounds are generous (they catch quadratic blow-ups, not slowness); the benchmark
/// <c>ModelLoadingBenchmarks</c> measures the times.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LargeNetworkTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public void Should_LoadAThousandNodesAndAHundredThousandEntryTable_When_ReadingBif()
    {
        // Given
        var bytes = Encoding.UTF8.GetBytes(LargeNetworks.Bif(new LargeNetworks.Shape(Nodes: 1000)));

        // When
        var watch = Stopwatch.StartNew();
        var result = ModelFile.Read(bytes, "large.bif", ModelFormat.Bif);
        watch.Stop();

        // Then
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics.Take(5)));
        var model = result.Model!;
        Assert.Equal(1000, model.Variables.Length);
        Assert.Equal(100_000, ModelAssert.Table(model.Variables[^1]).Values.Length);
        Assert.True(watch.Elapsed < Bound, $"loading took {watch.Elapsed}");
    }

    [Fact]
    public void Should_ReadBackTheSameTables_When_ALargeNetworkGoesThroughEveryFormat()
    {
        // Given
        var model = ModelFile.Read(Encoding.UTF8.GetBytes(LargeNetworks.Bif(new LargeNetworks.Shape(Nodes: 300, BigTableParents: 3, Seed: 2))), "large.bif", ModelFormat.Bif).Model!;

        foreach (var format in Enum.GetValues<ModelFormat>().Where(f => f != ModelFormat.Uai))
        {
            // When
            var watch = Stopwatch.StartNew();
            var back = RoundTripPropertyTests.RoundTrip(model, format, lossy: false);
            watch.Stop();

            // Then
            Assert.True(watch.Elapsed < Bound, $"{format}: writing and reading took {watch.Elapsed}");
            var order = format == ModelFormat.Xdsl ? model.TopologicalOrder.ToArray() : [.. Enumerable.Range(0, model.Variables.Length)];
            for (var i = 0; i < order.Length; i++)
            {
                Assert.Equal(model.Variables[order[i]].Name, back.Variables[i].Name);
                Assert.Equal(ModelAssert.Table(model.Variables[order[i]]).Values.ToArray(), ModelAssert.Table(back.Variables[i]).Values.ToArray());
            }
        }
    }
}
