using System.Reflection;

namespace DagSynth.Cli.Tests;

/// <summary>Dependencies point one way: Cli → Reports → IO → core, and the core references only the base library.</summary>
[Trait("Category", "Unit")]
public sealed class ArchitectureTests
{
    private static readonly Assembly Core = typeof(DagSynth.Models.Model).Assembly;
    private static readonly Assembly Io = typeof(DagSynth.IO.ModelFile).Assembly;
    private static readonly Assembly Reports = typeof(DagSynth.Reports.HtmlReport).Assembly;
    private static readonly Assembly Cli = typeof(DagSynthApp).Assembly;

    [Fact]
    public void Should_ReferenceOnlyTheBaseLibrary_When_LookingAtTheCore()
    {
        var allowed = new[] { "System", "Microsoft.Win32", "netstandard", "MathNet.Numerics" };
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(
            allowed.Any(a => name == a || name.StartsWith(a + ".", StringComparison.Ordinal)),
            $"the core references {name}"));
    }

    [Fact]
    public void Should_PointOneWay_When_LookingAtProjectReferences()
    {
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => a.Name!.StartsWith("DagSynth", StringComparison.Ordinal));
        Assert.Contains(Io.GetReferencedAssemblies(), a => a.Name == "DagSynth");
        Assert.DoesNotContain(Io.GetReferencedAssemblies(), a => a.Name is "DagSynth.Cli" or "DagSynth.Reports" or "Spectre.Console" or "Spectre.Console.Cli");
        Assert.Contains(Cli.GetReferencedAssemblies(), a => a.Name == "DagSynth.IO");
        Assert.Contains(Cli.GetReferencedAssemblies(), a => a.Name == "DagSynth.Reports");
    }

    [Fact]
    public void Should_SitBetweenTheCliAndIo_When_LookingAtReports()
    {
        var references = Reports.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("DagSynth.IO", references);
        Assert.Contains("DagSynth", references);
        Assert.DoesNotContain(references, name => name is "DagSynth.Cli" or "DagSynth.Web" || name.StartsWith("Spectre", StringComparison.Ordinal));
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => a.Name == "DagSynth.Reports");
    }
}
