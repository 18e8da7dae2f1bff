using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using DagSynth.Diagnostics;
using DagSynth.Models;
using DagSynth.Specs;

namespace DagSynth.Tests.Inference;

/// <summary>
/// TEST-ONLY helper, to be replaced by the real BIF reader (DagSynth.IO) once the formats branch is
/// merged. Reads just enough BIF for the eight reference networks of the shared corpus: variable
/// blocks with <c>type discrete [ n ] { a, b };</c>, and probability blocks with <c>table p1, p2;</c>
/// for roots and <c>(a, b) p1, p2;</c> rows matched by level name. Rows are renormalised, as the
/// reference answers were computed after renormalising. No comments, properties or defaults.
/// </summary>
internal static partial class ReferenceBif
{
    private static readonly SourceSpan Here = SourceSpan.InSource("reference.bif");

    public static Model Load(string path)
    {
        var text = File.ReadAllText(path);
        var levels = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (Match m in VariableBlock().Matches(text))
        {
            var name = m.Groups["name"].Value;
            levels[name] = [.. m.Groups["levels"].Value.Split(',').Select(l => l.Trim())];
            order.Add(name);
        }

        var specs = new Dictionary<string, VariableSpec>(StringComparer.Ordinal);
        foreach (Match m in ProbabilityBlock().Matches(text))
        {
            var child = m.Groups["child"].Value.Trim();
            var parents = m.Groups["parents"].Success
                ? m.Groups["parents"].Value.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray()
                : [];
            var body = m.Groups["body"].Value;
            var spec = new VariableSpec
            {
                Name = new(child, Here),
                Span = Here,
                Levels = [.. levels[child].Select(l => new Located<string>(l, Here))],
                Given = [.. parents.Select(p => new Located<string>(p, Here))],
            };
            if (parents.Length == 0)
            {
                var table = TableLine().Match(body);
                spec = spec with { Probabilities = Numbers(table.Groups["values"].Value) };
            }
            else
            {
                var entries = ImmutableArray.CreateBuilder<TableEntrySpec>();
                foreach (Match row in RowLine().Matches(body))
                {
                    var states = row.Groups["states"].Value.Split(',').Select(s => s.Trim()).ToArray();
                    var when = parents.Select((p, i) => new ConditionSpec(new(p, Here), [new(states[i], Here)])).ToImmutableArray();
                    entries.Add(new TableEntrySpec(Here, when, false, Numbers(row.Groups["values"].Value)));
                }

                spec = spec with { Table = entries.ToImmutable() };
            }

            specs[child] = spec;
        }

        var model = new ModelSpec
        {
            Span = SourceSpan.InSource(path),
            Name = Path.GetFileNameWithoutExtension(path),
            Normalize = true,
            Variables = [.. order.Select(n => specs[n])],
        };
        var result = ModelBuilder.Build(model);
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static ProbabilityListSpec Numbers(string text) =>
        new(Here, [.. text.Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => NumberSpec.Literal(double.Parse(t, CultureInfo.InvariantCulture), Here))]);

    [GeneratedRegex(@"variable\s+(?<name>\S+)\s*\{\s*type\s+discrete\s*\[\s*\d+\s*\]\s*\{(?<levels>[^}]*)\}\s*;\s*\}")]
    private static partial Regex VariableBlock();

    [GeneratedRegex(@"probability\s*\(\s*(?<child>[^|)\s]+)\s*(\|(?<parents>[^)]*))?\)\s*\{(?<body>[^}]*)\}")]
    private static partial Regex ProbabilityBlock();

    [GeneratedRegex(@"table\s+(?<values>[^;]*);")]
    private static partial Regex TableLine();

    [GeneratedRegex(@"\((?<states>[^)]*)\)\s*(?<values>[^;]*);")]
    private static partial Regex RowLine();
}
