using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Specs;

namespace DagSynth.Models;

public sealed partial class ModelBuilder
{
    private long _totalEntries;

    private Cpt? BuildTable(VariableDraft draft, ImmutableArray<string> parentNames, ImmutableArray<ImmutableArray<string>> parentLevels)
    {
        var spec = draft.Spec;
        var cardinality = draft.Levels.Length;
        var rows = 1L;
        foreach (var levels in parentLevels)
        {
            rows *= levels.Length;
            if (rows * cardinality > _limits.MaxTableEntries)
            {
                _diagnostics.Error(
                    DiagnosticCodes.TooLarge,
                    spec.Name.Span,
                    $"the table of '{draft.Name}' would have more than {_limits.MaxTableEntries:N0} entries ({string.Join(" x ", parentLevels.Select(l => l.Length).Append(cardinality))})",
                    "reduce the number of parents or levels, or use a logistic node");
                return null;
            }
        }

        _totalEntries += rows * cardinality;
        if (_totalEntries > _limits.MaxTotalEntries)
        {
            _diagnostics.Error(DiagnosticCodes.TooLarge, spec.Name.Span, $"the tables of the model together exceed {_limits.MaxTotalEntries:N0} entries");
            return null;
        }

        var parentCards = parentLevels.Select(l => l.Length).ToImmutableArray();
        if (spec.FlatTable is { } flat)
        {
            var flatTable = BuildFlatTable(draft, parentNames, parentLevels, flat, (int)rows);
            ReportRescaled(draft);
            return flatTable;
        }

        if (_spec.Format is { } format && spec.Probabilities is null && spec.Table is null)
        {
            _diagnostics.Error(
                DiagnosticCodes.MissingDistribution,
                spec.Name.Span,
                $"variable '{draft.Name}' has no table: the {format} file gives no probabilities for it");
            return null;
        }

        if (draft.Parents.Length == 0)
        {
            if (spec.Table is { Length: > 0 } table)
            {
                _diagnostics.Error(
                    DiagnosticCodes.DistributionShape,
                    table[0].Span,
                    $"'{draft.Name}' has no parents, so it takes 'probs', not a 'table'",
                    "add 'given: [...]' to make it depend on other variables");
                return null;
            }

            if (spec.Probabilities is not { } probs)
            {
                _diagnostics.Error(DiagnosticCodes.MissingDistribution, spec.Name.Span, $"'{draft.Name}' has no distribution", "add 'probs: [...]' with one probability per level");
                return null;
            }

            var row = ReadRow(draft, probs, "the distribution", IsNormalized(spec));
            return row is null ? null : new Cpt(parentCards, cardinality, row);
        }

        if (spec.Table is not { } entries)
        {
            if (spec.Probabilities is { } p)
            {
                _diagnostics.Error(
                    DiagnosticCodes.DistributionShape,
                    p.Span,
                    $"'{draft.Name}' has parents, so it takes a 'table' (one entry per parent configuration), not a single 'probs'",
                    "write 'table:' with 'when:' entries, or one '- default: [...]' entry for the same distribution everywhere");
            }
            else
            {
                _diagnostics.Error(DiagnosticCodes.MissingDistribution, spec.Name.Span, $"'{draft.Name}' has parents but no 'table'");
            }

            return null;
        }

        return BuildConditionalTable(draft, parentNames, parentLevels, entries, (int)rows);
    }

    private bool IsNormalized(Specs.VariableSpec spec) => spec.Normalize ?? _spec.Normalize;

    /// <summary>An entry's matching parent levels, one flag array per parent (null = all levels).</summary>
    private sealed record ResolvedEntry(TableEntrySpec Spec, bool[]?[] Accepts, int Specificity, double[] Row);

    private Cpt? BuildConditionalTable(
        VariableDraft draft,
        ImmutableArray<string> parentNames,
        ImmutableArray<ImmutableArray<string>> parentLevels,
        ImmutableArray<TableEntrySpec> entries,
        int rows)
    {
        var normalize = IsNormalized(draft.Spec);
        var resolved = new List<ResolvedEntry>(entries.Length);
        ResolvedEntry? fallback = null;
        var ok = true;
        foreach (var entry in entries)
        {
            var accepts = new bool[]?[parentNames.Length];
            var entryOk = true;
            foreach (var condition in entry.When)
            {
                var p = parentNames.IndexOf(condition.Parent.Value, StringComparer.Ordinal);
                if (p < 0)
                {
                    _diagnostics.Error(
                        DiagnosticCodes.WhenNotParent,
                        condition.Parent.Span,
                        $"'{condition.Parent.Value}' is not a parent of '{draft.Name}' (parents: {string.Join(", ", parentNames)})",
                        NameSuggestion.DidYouMean(condition.Parent.Value, parentNames) ?? $"add it to 'given' of '{draft.Name}'");
                    entryOk = false;
                    continue;
                }

                if (accepts[p] is not null)
                {
                    _diagnostics.Error(DiagnosticCodes.DuplicateKey, condition.Parent.Span, $"'{condition.Parent.Value}' appears twice in one 'when'");
                    entryOk = false;
                    continue;
                }

                var flags = new bool[parentLevels[p].Length];
                foreach (var level in condition.Levels)
                {
                    var k = parentLevels[p].IndexOf(level.Value, StringComparer.Ordinal);
                    if (k < 0)
                    {
                        _diagnostics.Error(
                            DiagnosticCodes.UnknownLevel,
                            level.Span,
                            $"'{level.Value}' is not a level of '{parentNames[p]}' (levels: {string.Join(", ", parentLevels[p])})",
                            NameSuggestion.DidYouMean(level.Value, parentLevels[p]));
                        entryOk = false;
                    }
                    else
                    {
                        flags[k] = true;
                    }
                }

                accepts[p] = flags;
            }

            var label = entry.IsDefault ? "default row" : $"row ({DescribeWhen(entry)})";
            var row = ReadRow(draft, entry.Probabilities, label, normalize);
            if (!entryOk || row is null)
            {
                ok = false;
                continue;
            }

            var r = new ResolvedEntry(entry, accepts, accepts.Count(a => a is not null), row);
            if (entry.IsDefault)
            {
                if (fallback is not null)
                {
                    _diagnostics.Error(
                        DiagnosticCodes.AmbiguousConfiguration,
                        entry.Span,
                        $"'{draft.Name}' has two default entries (the first at line {fallback.Spec.Span.Line})");
                    ok = false;
                }

                fallback = r;
            }
            else
            {
                resolved.Add(r);
            }
        }

        if (!ok)
        {
            return null;
        }

        return Cover(draft, parentNames, parentLevels, resolved, fallback, rows);
    }

    /// <summary>
    /// Assigns every parent configuration the most specific matching entry (then the default) and
    /// reports configurations left uncovered or matched by two equally specific entries. Each entry
    /// enumerates only the configurations it matches, so a file with one fully specified row per
    /// configuration costs time linear in the table's size.
    /// </summary>
    private Cpt? Cover(
        VariableDraft draft,
        ImmutableArray<string> parentNames,
        ImmutableArray<ImmutableArray<string>> parentLevels,
        List<ResolvedEntry> entries,
        ResolvedEntry? fallback,
        int rows)
    {
        var best = new int[rows];
        var bestSpecificity = new int[rows];
        var tieWith = new int[rows];
        Array.Fill(best, -1);
        Array.Fill(tieWith, -1);
        var parentCount = parentNames.Length;
        var strides = new int[parentCount];
        for (int p = parentCount - 1, s = 1; p >= 0; p--)
        {
            strides[p] = s;
            s *= parentLevels[p].Length;
        }

        var choice = new int[parentCount];
        var options = new int[parentCount][];

        // Level lists shared by every entry: all levels of a parent, or one level (the common case).
        var allLevels = parentLevels.Select(l => Enumerable.Range(0, l.Length).ToArray()).ToArray();
        var singleLevels = parentLevels.Select(l => Enumerable.Range(0, l.Length).Select(k => new[] { k }).ToArray()).ToArray();
        for (var e = 0; e < entries.Count; e++)
        {
            var entry = entries[e];
            for (var p = 0; p < parentCount; p++)
            {
                options[p] = entry.Accepts[p] is not { } flags
                    ? allLevels[p]
                    : Array.IndexOf(flags, true) is var first && first >= 0 && Array.IndexOf(flags, true, first + 1) < 0
                        ? singleLevels[p][first]
                        : [.. Enumerable.Range(0, flags.Length).Where(k => flags[k])];
            }

            if (options.Any(o => o.Length == 0))
            {
                continue;
            }

            Array.Clear(choice);
            while (true)
            {
                var config = 0;
                for (var p = 0; p < parentCount; p++)
                {
                    config += options[p][choice[p]] * strides[p];
                }

                if (best[config] < 0 || entry.Specificity > bestSpecificity[config])
                {
                    best[config] = e;
                    bestSpecificity[config] = entry.Specificity;
                    tieWith[config] = -1;
                }
                else if (entry.Specificity == bestSpecificity[config])
                {
                    tieWith[config] = e;
                }

                var q = parentCount - 1;
                while (q >= 0 && ++choice[q] == options[q].Length)
                {
                    choice[q] = 0;
                    q--;
                }

                if (q < 0)
                {
                    break;
                }
            }
        }

        var cardinality = draft.Levels.Length;
        var values = new double[(long)rows * cardinality];
        var used = new bool[entries.Count];
        var uncovered = new List<int>();
        var ties = new HashSet<(int, int)>();
        var ok = true;
        for (var config = 0; config < rows; config++)
        {
            double[] row;
            if (tieWith[config] >= 0)
            {
                var pair = (Math.Min(best[config], tieWith[config]), Math.Max(best[config], tieWith[config]));
                if (ties.Add(pair))
                {
                    var a = entries[pair.Item1].Spec;
                    var b = entries[pair.Item2].Spec;
                    _diagnostics.Error(
                        DiagnosticCodes.AmbiguousConfiguration,
                        b.Span,
                        $"({DescribeConfiguration(parentNames, parentLevels, strides, config)}) of '{draft.Name}' is matched by two equally specific entries: ({DescribeWhen(a)}) at line {a.Span.Line} and ({DescribeWhen(b)})",
                        "add an entry that names more parents for the overlap, or make the entries disjoint");
                }

                ok = false;
                continue;
            }

            if (best[config] >= 0)
            {
                used[best[config]] = true;
                row = entries[best[config]].Row;
            }
            else if (fallback is not null)
            {
                row = fallback.Row;
            }
            else
            {
                uncovered.Add(config);
                continue;
            }

            row.CopyTo(values, (long)config * cardinality);
        }

        if (uncovered.Count > 0)
        {
            var examples = string.Join("; ", uncovered.Take(3).Select(c => $"({DescribeConfiguration(parentNames, parentLevels, strides, c)})"));
            var more = uncovered.Count > 3 ? $" and {uncovered.Count - 3} more" : string.Empty;
            var at = draft.Spec.Table is { Length: > 0 } t ? t[^1].Span : draft.Spec.Span;
            _diagnostics.Error(
                DiagnosticCodes.UncoveredConfiguration,
                at,
                $"the table of '{draft.Name}' has no row for {uncovered.Count} parent configuration{(uncovered.Count == 1 ? string.Empty : "s")}: {examples}{more}",
                "add the missing rows, or a '- default: [...]' entry for every configuration not listed");
            ok = false;
        }

        for (var e = 0; e < entries.Count; e++)
        {
            if (!used[e] && ok)
            {
                _diagnostics.Warning(
                    DiagnosticCodes.UnusedEntry,
                    entries[e].Spec.Span,
                    $"the entry ({DescribeWhen(entries[e].Spec)}) of '{draft.Name}' never applies: more specific entries cover every configuration it matches");
            }
        }

        return ok ? new Cpt([.. parentLevels.Select(l => l.Length)], cardinality, values) : null;
    }

    /// <summary>Reads one distribution over the child's levels, checking length, names, signs and sum.</summary>
    private double[]? ReadRow(VariableDraft draft, ProbabilitiesSpec spec, string label, bool normalize)
    {
        var levels = draft.Levels;
        var row = new double[levels.Length];
        var ok = true;
        switch (spec)
        {
            case ProbabilityListSpec list:
                if (list.Values.Length != levels.Length)
                {
                    _diagnostics.Error(
                        DiagnosticCodes.RowLength,
                        list.Span,
                        $"{label} of '{draft.Name}' has {list.Values.Length} value{(list.Values.Length == 1 ? string.Empty : "s")}, expected {levels.Length} (one per level: {string.Join(", ", levels)})");
                    return null;
                }

                for (var k = 0; k < levels.Length; k++)
                {
                    ok &= ReadProbability(draft, list.Values[k], label, out row[k]);
                }

                break;
            case ProbabilityMapSpec map:
                var seen = new bool[levels.Length];
                foreach (var entry in map.Entries)
                {
                    var k = levels.IndexOf(entry.Level.Value, StringComparer.Ordinal);
                    if (k < 0)
                    {
                        _diagnostics.Error(
                            DiagnosticCodes.UnknownLevel,
                            entry.Level.Span,
                            $"'{entry.Level.Value}' is not a level of '{draft.Name}' (levels: {string.Join(", ", levels)})",
                            NameSuggestion.DidYouMean(entry.Level.Value, levels));
                        ok = false;
                        continue;
                    }

                    if (seen[k])
                    {
                        _diagnostics.Error(DiagnosticCodes.DuplicateKey, entry.Level.Span, $"level '{entry.Level.Value}' is given twice");
                        ok = false;
                        continue;
                    }

                    seen[k] = true;
                    ok &= ReadProbability(draft, entry.Value, label, out row[k]);
                }

                var missing = levels.Where((_, k) => !seen[k]).ToList();
                if (ok && missing.Count > 0)
                {
                    _diagnostics.Error(
                        DiagnosticCodes.MissingLevels,
                        map.Span,
                        $"{label} of '{draft.Name}' gives no probability for {string.Join(", ", missing.Select(m => $"'{m}'"))}",
                        "list every level, with 0 for an impossible one");
                    ok = false;
                }

                break;
        }

        if (!ok)
        {
            return null;
        }

        return FinishRow(draft, row, normalize, 0, _ => label, _ => spec.Span) ? row : null;
    }

    /// <summary>
    /// Checks that a row of valid probabilities sums to 1 and rescales it when it does not quite:
    /// within <see cref="ModelSpec.SumTolerance"/>, or at any distance when the table may be
    /// normalised. A row that sums to 1 up to the rounding of the addition itself is kept exactly as
    /// written, so that a model written with round-trip digits reads back to the same doubles.
    /// Returns false after reporting when the row cannot be used. The row's label and place are
    /// computed only when a message needs them (tables have many rows).
    /// </summary>
    private bool FinishRow(VariableDraft draft, Span<double> row, bool normalize, int index, Func<int, string> label, Func<int, SourceSpan> span)
    {
        var sum = 0.0;
        foreach (var p in row)
        {
            sum += p;
        }

        if (sum <= 0)
        {
            _diagnostics.Error(DiagnosticCodes.RowSum, span(index), $"{label(index)} of '{draft.Name}' sums to 0; at least one level must be possible");
            return false;
        }

        if (Math.Abs(sum - 1) > _spec.SumTolerance)
        {
            if (!normalize)
            {
                _diagnostics.Error(
                    DiagnosticCodes.RowSum,
                    span(index),
                    $"{label(index)} of '{draft.Name}' sums to {sum.ToString("0.#########", CultureInfo.InvariantCulture)}, expected 1",
                    _spec.Format is null
                        ? "fix the numbers, or write 'normalize: true' to rescale rows that do not sum to 1"
                        : $"rows are rescaled only when they sum to 1 within {_spec.SumTolerance.ToString(CultureInfo.InvariantCulture)} (rounded numbers)");
                return false;
            }

            if (_spec.ReportRescaledRows)
            {
                _rescaled.Count++;
                _rescaled.First ??= (label(index), sum, span(index));
            }
        }

        if (!IsOneWithinRounding(sum, row.Length))
        {
            for (var k = 0; k < row.Length; k++)
            {
                row[k] /= sum;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="sum"/> of <paramref name="length"/> numbers is 1 up to the rounding error of adding them.</summary>
    internal static bool IsOneWithinRounding(double sum, int length) =>
        Math.Abs(sum - 1) <= 4.0 * (length + 1) * MachineEpsilon;

    /// <summary>The distance from 1 to the next larger double.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Rows of the current variable rescaled under <see cref="ModelSpec.ReportRescaledRows"/>.</summary>
    private RescaledRows _rescaled = new();

    /// <summary>Reports the rows of <paramref name="draft"/> rescaled under <see cref="ModelSpec.ReportRescaledRows"/>, then forgets them.</summary>
    private void ReportRescaled(VariableDraft draft)
    {
        if (_rescaled.Count > 0 && _rescaled.First is { } first)
        {
            var (label, sum, span) = first;
            var rows = _rescaled.Count == 1 ? "1 row" : $"{_rescaled.Count} rows";
            _diagnostics.Warning(
                DiagnosticCodes.Renormalized,
                span,
                $"{rows} of '{draft.Name}' did not sum to 1 and {(_rescaled.Count == 1 ? "was" : "were")} rescaled ({label} summed to {sum.ToString("0.#########", CultureInfo.InvariantCulture)})",
                _spec.Format is { } format ? $"{format} tables may hold counts or percentages; each row was divided by its sum" : null);
        }

        _rescaled = new();
    }

    private sealed class RescaledRows
    {
        public int Count { get; set; }

        public (string Label, double Sum, SourceSpan Span)? First { get; set; }
    }

    private bool ReadProbability(VariableDraft draft, NumberSpec number, string label, out double value)
    {
        value = 0;
        if (Resolve(number) is not { } v)
        {
            return false;
        }

        if (double.IsNaN(v) || double.IsInfinity(v) || v < 0)
        {
            var what = double.IsNaN(v) ? "a probability that is not a number (NaN)"
                : double.IsInfinity(v) ? "an infinite probability"
                : $"a negative probability ({v.ToString(CultureInfo.InvariantCulture)})";
            _diagnostics.Error(
                DiagnosticCodes.BadProbability,
                number.Span,
                $"{label} of '{draft.Name}' has {what}",
                "probabilities are finite numbers from 0 to 1");
            return false;
        }

        value = v;
        return true;
    }

    private static string DescribeWhen(TableEntrySpec entry) =>
        entry.IsDefault
            ? "default"
            : entry.When.Length == 0
                ? "any"
                : string.Join(", ", entry.When.Select(c => c.Levels.Length == 1
                    ? $"{c.Parent.Value}={c.Levels[0].Value}"
                    : $"{c.Parent.Value} in [{string.Join(", ", c.Levels.Select(l => l.Value))}]"));

    private static string DescribeConfiguration(ImmutableArray<string> names, ImmutableArray<ImmutableArray<string>> levels, int[] strides, int config) =>
        string.Join(", ", names.Select((n, p) => $"{n}={levels[p][config / strides[p] % levels[p].Length]}"));
}
