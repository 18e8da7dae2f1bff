using DagSynth.Models;

namespace DagSynth.IO.Formats.Export;

/// <summary>
/// The names a writer uses for each variable and level: the model's own where the format can hold
/// them, otherwise (when the loss is accepted) a writable form made unique among its siblings.
/// </summary>
internal sealed class ExportNames
{
    private readonly string[] _variables;
    private readonly string[][] _levels;

    private ExportNames(string[] variables, string[][] levels)
    {
        _variables = variables;
        _levels = levels;
    }

    /// <summary>Whether some name had to change.</summary>
    public bool Changed { get; private init; }

    /// <summary>The written name of variable <paramref name="index"/>.</summary>
    public string Variable(int index) => _variables[index];

    /// <summary>The written name of level <paramref name="level"/> of variable <paramref name="variable"/>.</summary>
    public string Level(int variable, int level) => _levels[variable][level];

    /// <summary>The written names of the levels of variable <paramref name="variable"/>.</summary>
    public IReadOnlyList<string> Levels(int variable) => _levels[variable];

    /// <summary>Names chosen under <paramref name="variables"/> and <paramref name="levels"/>; the names that cannot be kept are added to <paramref name="problems"/>.</summary>
    public static ExportNames Choose(Model model, NamePolicy variables, NamePolicy levels, List<string> problems)
    {
        var renamedVariables = new List<(string Reason, string Name)>();
        var renamedLevels = new List<(string Reason, string Name)>();
        var variableNames = Choose([.. model.Variables.Select(v => v.Name)], variables, null, renamedVariables);
        var levelNames = model.Variables
            .Select(v => Choose([.. v.Levels], levels, v.Name, renamedLevels))
            .ToArray();
        Report(renamedVariables, "variable", problems);
        Report(renamedLevels, "level", problems);
        return new ExportNames(variableNames, levelNames) { Changed = renamedVariables.Count + renamedLevels.Count > 0 };
    }

    /// <summary>Names by position (UAI): <paramref name="variable"/> and <paramref name="level"/> make them; different model names are added to <paramref name="problems"/>.</summary>
    public static ExportNames Positional(Model model, Func<int, string> variable, Func<int, string> level, List<string> problems)
    {
        var variables = model.Variables.Select(v => variable(v.Index)).ToArray();
        var levels = model.Variables.Select(v => Enumerable.Range(0, v.Cardinality).Select(level).ToArray()).ToArray();
        var renamed = model.Variables.Count(v => v.Name != variables[v.Index] || !v.Levels.SequenceEqual(levels[v.Index], StringComparer.Ordinal));
        if (renamed > 0)
        {
            problems.Add($"the names of {renamed} variable{(renamed == 1 ? string.Empty : "s")} and their levels (the format has no names: variables become v0, v1, ... and levels 0, 1, ...)");
        }

        return new ExportNames(variables, levels) { Changed = renamed > 0 };
    }

    /// <summary>One problem per reason, naming a few of the names and what they would become.</summary>
    private static void Report(List<(string Reason, string Name)> renamed, string what, List<string> problems)
    {
        foreach (var group in renamed.GroupBy(r => r.Reason, StringComparer.Ordinal))
        {
            var names = group.Select(g => g.Name).ToList();
            var shown = string.Join(", ", names.Take(5));
            var more = names.Count > 5 ? $" and {names.Count - 5} more" : string.Empty;
            problems.Add($"{names.Count} {what} name{(names.Count == 1 ? string.Empty : "s")} that {(names.Count == 1 ? "is" : "are")} not writable (the name {group.Key}): {shown}{more}");
        }
    }

    private static string[] Choose(IReadOnlyList<string> names, NamePolicy policy, string? owner, List<(string Reason, string Name)> renamed)
    {
        var result = new string[names.Count];
        var used = new HashSet<string>(StringComparer.Ordinal);
        var bad = new List<int>();
        for (var i = 0; i < names.Count; i++)
        {
            if (policy.Problem(names[i]) is null)
            {
                result[i] = names[i];
                used.Add(names[i]);
            }
            else
            {
                bad.Add(i);
            }
        }

        foreach (var i in bad)
        {
            var candidate = policy.Sanitize(names[i]);
            var unique = candidate;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{candidate}_{n}";
            }

            result[i] = unique;
            var where = owner is null ? string.Empty : $" of '{owner}'";
            renamed.Add((policy.Problem(names[i])!, $"'{names[i]}'{where} -> '{unique}'"));
        }

        return result;
    }
}
