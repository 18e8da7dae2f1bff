using DagSynth.Diagnostics;
using DagSynth.Models;
using DagSynth.Specs;
using DagSynth.Testing;

namespace DagSynth.IO.Tests.Formats;

/// <summary>Random discrete models (<see cref="RandomModels"/>) renamed with names that are awkward in one format or another.</summary>
internal static class AwkwardModels
{
    /// <summary>
    /// Names real files use that are awkward in YAML or in some interchange format (blanks, '%',
    /// '&lt;5', '12+', leading digits, case-distinct Yes/yes, words YAML reads as booleans or null,
    /// delimiters, comment starts, keywords, non-ASCII). BIF, XMLBIF, YAML and JSON must keep every one.
    /// </summary>
    public static readonly string[] Awkward =
    [
        "light on", "12+", "<5", "5-12", ">=7.5", "4 to 10 days", "0-3_days", "Yes", "yes", "YES", "50%", "%", "x|y", "a, b",
        "0", "1", "3rd", "Asy/Patch", "Transp.", "null", "true", "False", "~", "-", "été", "日本語", "#tag", "(paren)",
        "{brace}", "a;b", "x=y", "http://x", "/* c */", "table", "default", "node", "potential", "v_1", "a:b", "[1]",
    ];

    /// <summary>Names only DagSynth's own format can keep: quotes, backslashes, control characters, outer blanks.</summary>
    public static readonly string[] Wild = ["say \"hi\"", "back\\slash", "tab\there", "two\nlines", " lead", "trail ", "\u0001", "nul\u0000l", "it's"];

    /// <summary>The model of <paramref name="seed"/> with its variable and level names drawn from <paramref name="pool"/>.</summary>
    public static Model Create(int seed, IReadOnlyList<string> pool)
    {
        var model = RandomModels.Create(seed);
        var random = new Random(seed ^ 0x5EED);
        var here = new SourceSpan("awkward", 1, 1);
        var names = Pick(random, pool, model.Variables.Length);
        var variables = model.Variables.Select(v => new VariableSpec
        {
            Name = new Located<string>(names[v.Index], here),
            Span = here,
            Levels = [.. Pick(random, pool, v.Cardinality).Select(l => new Located<string>(l, here))],
            Given = [.. v.Parents.Select(p => new Located<string>(names[p], here))],
            FlatTable = new FullTableSpec(here, [.. ModelAssert.Table(v).Values], TableOrder.ChildFastest),
        });
        var result = ModelBuilder.Build(new ModelSpec { Span = SourceSpan.InSource("awkward"), Name = pool.Count == 0 ? "model" : pool[random.Next(pool.Count)], Variables = [.. variables] });
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static string[] Pick(Random random, IReadOnlyList<string> pool, int count)
    {
        var shuffled = pool.Count == 0 ? ["n"] : pool.OrderBy(_ => random.Next()).ToList();
        return [.. Enumerable.Range(0, count).Select(i => i < shuffled.Count ? shuffled[i] : $"{shuffled[i % shuffled.Count]} #{i}")];
    }
}
