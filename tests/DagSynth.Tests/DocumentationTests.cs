using System.Reflection;
using DagSynth.Diagnostics;
using DagSynth.Testing;

namespace DagSynth.Tests;

/// <summary>Documentation that must stay true as code changes.</summary>
[Trait("Category", "Unit")]
public sealed class DocumentationTests
{
    [Fact]
    public void Should_ListEveryDiagnosticCode_When_ReadingDocsDiagnostics()
    {
        var page = File.ReadAllText(RepositoryPaths.InRepository("docs", "diagnostics.md"));
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (Name: f.Name, Code: (string)f.GetRawConstantValue()!))
            .ToList();

        Assert.All(codes, c => Assert.Contains($"| {c.Code} | {c.Name} |", page, StringComparison.Ordinal));
        Assert.Equal(codes.Count, codes.Select(c => c.Code).Distinct().Count());
    }
}
