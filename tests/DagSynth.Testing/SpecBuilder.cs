using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Models;
using DagSynth.Specs;

namespace DagSynth.Testing;

/// <summary>Builds <see cref="ModelSpec"/>s in code, for tests that need models without files.</summary>
public sealed class SpecBuilder
{
    private static readonly SourceSpan Here = new("test", 1, 1);
    private readonly List<VariableSpec> _variables = [];
    private readonly List<RuleSpec> _rules = [];

    /// <summary>Adds a root variable with <paramref name="levels"/> and distribution <paramref name="probabilities"/>.</summary>
    public SpecBuilder Root(string name, string[] levels, params double[] probabilities)
    {
        _variables.Add(new VariableSpec
        {
            Name = new(name, Here),
            Span = Here,
            Levels = [.. levels.Select(l => new Located<string>(l, Here))],
            Probabilities = Row(probabilities),
        });
        return this;
    }

    /// <summary>Adds a child with a full table: <paramref name="rows"/> in canonical configuration order (last parent fastest).</summary>
    public SpecBuilder Child(string name, string[] levels, string[] parents, string[][] parentLevels, double[][] rows)
    {
        var entries = ImmutableArray.CreateBuilder<TableEntrySpec>();
        var choice = new int[parents.Length];
        foreach (var row in rows)
        {
            var when = parents.Select((p, i) => new ConditionSpec(new(p, Here), [new(parentLevels[i][choice[i]], Here)])).ToImmutableArray();
            entries.Add(new TableEntrySpec(Here, when, false, Row(row)));
            for (var q = parents.Length - 1; q >= 0; q--)
            {
                if (++choice[q] < parentLevels[q].Length)
                {
                    break;
                }

                choice[q] = 0;
            }
        }

        _variables.Add(new VariableSpec
        {
            Name = new(name, Here),
            Span = Here,
            Levels = [.. levels.Select(l => new Located<string>(l, Here))],
            Given = [.. parents.Select(p => new Located<string>(p, Here))],
            Table = entries.ToImmutable(),
        });
        return this;
    }

    /// <summary>Adds a <c>never</c> rule.</summary>
    public SpecBuilder Never(string condition)
    {
        _rules.Add(new RuleSpec(Here, new("never", Here), new(condition, Here)));
        return this;
    }

    /// <summary>The spec built so far.</summary>
    public ModelSpec Build() => new()
    {
        Span = SourceSpan.InSource("test"),
        Name = "test",
        Variables = [.. _variables],
        Rules = [.. _rules],
    };

    /// <summary>The model built so far; fails the test if it does not validate.</summary>
    public Model BuildModel()
    {
        var result = ModelBuilder.Build(Build());
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static ProbabilityListSpec Row(double[] values) =>
        new(Here, [.. values.Select(v => NumberSpec.Literal(v, Here))]);
}
