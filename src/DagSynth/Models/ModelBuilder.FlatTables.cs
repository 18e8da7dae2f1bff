using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Specs;

namespace DagSynth.Models;

public sealed partial class ModelBuilder
{
    /// <summary>Row errors reported one by one in a table before the rest are summed up in one message.</summary>
    private const int MaxRowErrorsPerTable = 5;

    /// <summary>
    /// Builds a table given as plain numbers by an interchange reader: checks the count (whole
    /// tables) or the keys, lengths, duplicates and coverage (keyed rows), then every value and
    /// every row's sum, with the same codes as tables written in DagSynth's own format. Linear in
    /// the table's size.
    /// </summary>
    private Cpt? BuildFlatTable(
        VariableDraft draft,
        ImmutableArray<string> parentNames,
        ImmutableArray<ImmutableArray<string>> parentLevels,
        FlatTableSpec flat,
        int rows)
    {
        var cardinality = draft.Levels.Length;
        var values = new double[(long)rows * cardinality];
        var strides = Strides(parentLevels);
        var filled = new bool[rows];
        var (spanOf, complete) = flat switch
        {
            FullTableSpec full => FillFull(draft, parentNames, full, values, rows, filled),
            KeyedRowsSpec keyed => FillKeyed(draft, parentNames, parentLevels, strides, keyed, values, rows, filled),
            _ => throw new ArgumentException($"unknown table spec {flat.GetType().Name}", nameof(flat)),
        };
        if (spanOf is null)
        {
            return null;
        }

        var normalize = IsNormalized(draft.Spec);
        var errors = 0;
        string Label(int r) => DescribeRow(parentNames, parentLevels, strides, r);
        SourceSpan RowSpan(int r) => spanOf(r, 0);
        for (var r = 0; r < rows; r++)
        {
            if (!filled[r])
            {
                continue; // a row whose problem was reported already; the others are still checked
            }

            var row = values.AsSpan(r * cardinality, cardinality);
            var rowOk = true;
            for (var k = 0; k < cardinality; k++)
            {
                var v = row[k];
                if (rowOk && (double.IsNaN(v) || double.IsInfinity(v) || v < 0))
                {
                    rowOk = false;
                    if (++errors <= MaxRowErrorsPerTable)
                    {
                        var what = double.IsNaN(v) ? "NaN" : double.IsInfinity(v) ? "infinite" : "negative";
                        _diagnostics.Error(
                            DiagnosticCodes.BadProbability,
                            spanOf(r, k),
                            $"{DescribeRow(parentNames, parentLevels, strides, r)} of '{draft.Name}' has a {what} probability ({v.ToString(CultureInfo.InvariantCulture)})",
                            "probabilities are finite numbers from 0 to 1");
                    }
                }
            }

            if (!rowOk)
            {
                continue;
            }

            if (errors >= MaxRowErrorsPerTable)
            {
                // Past the cap the table is rejected anyway: count further bad rows without a message each.
                errors += FinishRowQuietly(row, normalize) ? 0 : 1;
                continue;
            }

            if (!FinishRow(draft, row, normalize, r, Label, RowSpan))
            {
                errors++;
            }
        }

        if (errors > MaxRowErrorsPerTable)
        {
            _diagnostics.Error(
                DiagnosticCodes.RowSum,
                flat.Span,
                $"the table of '{draft.Name}' has {errors - MaxRowErrorsPerTable} more bad row{(errors - MaxRowErrorsPerTable == 1 ? string.Empty : "s")} beyond the {MaxRowErrorsPerTable} reported");
        }

        return errors == 0 && complete ? new Cpt([.. parentLevels.Select(l => l.Length)], cardinality, values) : null;
    }

    /// <summary>The sum check of FinishRow without reporting, past the error cap.</summary>
    private bool FinishRowQuietly(Span<double> row, bool normalize)
    {
        var sum = 0.0;
        foreach (var p in row)
        {
            sum += p;
        }

        return sum > 0 && (normalize || Math.Abs(sum - 1) <= _spec.SumTolerance);
    }

    /// <summary>Copies a whole table into the canonical layout; returns where each value is written, or null after reporting a wrong count.</summary>
    private (Func<int, int, SourceSpan>? SpanOf, bool Complete) FillFull(VariableDraft draft, ImmutableArray<string> parentNames, FullTableSpec full, double[] values, int rows, bool[] filled)
    {
        var cardinality = draft.Levels.Length;
        if (full.Values.Length != values.Length)
        {
            var n = full.Values.Length;
            var shape = parentNames.Length == 0
                ? $"one per level ({string.Join(", ", draft.Levels)})"
                : $"{cardinality} level{(cardinality == 1 ? string.Empty : "s")} x {rows} configuration{(rows == 1 ? string.Empty : "s")} of {string.Join(", ", parentNames)}";
            _diagnostics.Error(
                DiagnosticCodes.RowLength,
                full.Span,
                $"the table of '{draft.Name}' has {n} value{(n == 1 ? string.Empty : "s")}, expected {values.Length} ({shape})");
            return (null, false);
        }

        Array.Fill(filled, true);
        if (full.Order == TableOrder.ChildFastest)
        {
            full.Values.CopyTo(values);
            return ((r, k) => full.SpanOf((r * cardinality) + k), true);
        }

        // Child slowest: value (k, r) is at k * rows + r.
        var source = full.Values.AsSpan();
        for (var k = 0; k < cardinality; k++)
        {
            for (var r = 0; r < rows; r++)
            {
                values[(r * cardinality) + k] = source[(k * rows) + r];
            }
        }

        return ((r, k) => full.SpanOf((k * rows) + r), true);
    }

    /// <summary>
    /// Places keyed rows at their parent configurations, then the default row where no row is
    /// given; reports unknown levels, wrong key counts and lengths, duplicates and missing rows.
    /// Returns where each row is written, or null after reporting.
    /// </summary>
    private (Func<int, int, SourceSpan>? SpanOf, bool Complete) FillKeyed(
        VariableDraft draft,
        ImmutableArray<string> parentNames,
        ImmutableArray<ImmutableArray<string>> parentLevels,
        int[] strides,
        KeyedRowsSpec keyed,
        double[] values,
        int rows,
        bool[] filled)
    {
        var cardinality = draft.Levels.Length;
        var parentCount = parentNames.Length;
        var lookups = new Dictionary<string, int>?[parentCount];
        var rowAt = new int[rows];
        Array.Fill(rowAt, -1);
        var ok = true;
        var errors = 0;
        var rowList = keyed.Rows;
        for (var i = 0; i < rowList.Length; i++)
        {
            var row = rowList[i];
            if (row.Keys.Length != parentCount)
            {
                ok = false;
                if (++errors <= MaxRowErrorsPerTable)
                {
                    _diagnostics.Error(
                        DiagnosticCodes.RowKeyCount,
                        row.Span,
                        $"row ({string.Join(", ", row.Keys)}) of '{draft.Name}' names {row.Keys.Length} level{(row.Keys.Length == 1 ? string.Empty : "s")}, expected {parentCount} (one per parent{(parentCount == 0 ? string.Empty : ": " + string.Join(", ", parentNames))})");
                }

                continue;
            }

            var config = 0;
            var keysOk = true;
            for (var p = 0; p < parentCount; p++)
            {
                var key = row.Keys[p];
                var level = key.Level is { } name ? LevelIndex(lookups, parentLevels, p, name) : key.Index;
                if (level < 0 || level >= parentLevels[p].Length)
                {
                    keysOk = false;
                    if (++errors <= MaxRowErrorsPerTable)
                    {
                        _diagnostics.Error(
                            DiagnosticCodes.UnknownLevel,
                            key.Span,
                            key.Level is { } unknown
                                ? $"'{unknown}' is not a level of '{parentNames[p]}' (levels: {string.Join(", ", parentLevels[p])}); level names are case-sensitive"
                                : $"level index {key.Index} is out of range for '{parentNames[p]}', which has {parentLevels[p].Length} levels (indices 0 to {parentLevels[p].Length - 1})",
                            key.Level is { } misspelt ? NameSuggestion.DidYouMean(misspelt, parentLevels[p]) : null);
                    }

                    continue;
                }

                config += level * strides[p];
            }

            if (!keysOk)
            {
                ok = false;
                continue;
            }

            if (row.Values.Length != cardinality)
            {
                ok = false;
                rowAt[config] = i;
                if (++errors <= MaxRowErrorsPerTable)
                {
                    _diagnostics.Error(
                        DiagnosticCodes.RowLength,
                        row.Span,
                        $"{DescribeRow(parentNames, parentLevels, strides, config)} of '{draft.Name}' has {row.Values.Length} value{(row.Values.Length == 1 ? string.Empty : "s")}, expected {cardinality} (one per level: {string.Join(", ", draft.Levels)})");
                }

                continue;
            }

            if (rowAt[config] >= 0)
            {
                ok = false;
                if (++errors <= MaxRowErrorsPerTable)
                {
                    _diagnostics.Error(
                        DiagnosticCodes.AmbiguousConfiguration,
                        row.Span,
                        $"{DescribeRow(parentNames, parentLevels, strides, config)} of '{draft.Name}' is given twice (first at line {rowList[rowAt[config]].Span.Line})");
                }

                continue;
            }

            rowAt[config] = i;
            filled[config] = true;
            row.Values.CopyTo(values.AsSpan(config * cardinality, cardinality));
        }

        SourceSpan SpanOf(int r, int k) => rowAt[r] >= 0 ? rowList[rowAt[r]].Span : keyed.Default?.Span ?? keyed.Span;

        if (keyed.Default is { } fallback && fallback.Values.Length != cardinality)
        {
            ok = false;
            errors++;
            _diagnostics.Error(
                DiagnosticCodes.RowLength,
                fallback.Span,
                $"the default row of '{draft.Name}' has {fallback.Values.Length} value{(fallback.Values.Length == 1 ? string.Empty : "s")}, expected {cardinality} (one per level: {string.Join(", ", draft.Levels)})");
        }

        if (errors > MaxRowErrorsPerTable)
        {
            _diagnostics.Error(
                DiagnosticCodes.RowLength,
                keyed.Span,
                $"the table of '{draft.Name}' has {errors - MaxRowErrorsPerTable} more bad row{(errors - MaxRowErrorsPerTable == 1 ? string.Empty : "s")} beyond the {MaxRowErrorsPerTable} reported");
        }

        if (!ok)
        {
            // A bad row already explains why the table is unusable; a missing-row report would repeat
            // it. The rows that were placed are still checked, so that every problem is reported.
            return (SpanOf, false);
        }

        var uncovered = new List<int>();
        var defaultUsed = false;
        for (var config = 0; config < rows; config++)
        {
            if (rowAt[config] >= 0)
            {
                continue;
            }

            if (keyed.Default is { } d)
            {
                d.Values.CopyTo(values.AsSpan(config * cardinality, cardinality));
                filled[config] = true;
                defaultUsed = true;
            }
            else
            {
                uncovered.Add(config);
            }
        }

        if (uncovered.Count > 0)
        {
            var examples = string.Join("; ", uncovered.Take(3).Select(c => $"({DescribeConfiguration(parentNames, parentLevels, strides, c)})"));
            var more = uncovered.Count > 3 ? $" and {uncovered.Count - 3} more" : string.Empty;
            _diagnostics.Error(
                DiagnosticCodes.UncoveredConfiguration,
                keyed.Span,
                $"the table of '{draft.Name}' has no row for {uncovered.Count} parent configuration{(uncovered.Count == 1 ? string.Empty : "s")}: {examples}{more}",
                "give the missing rows, or a 'default' row for every configuration not listed; missing rows are never filled with zeros");
            return (SpanOf, false);
        }

        if (keyed.Default is { } unused && !defaultUsed && rows > 1)
        {
            _diagnostics.Warning(
                DiagnosticCodes.UnusedEntry,
                unused.Span,
                $"the default row of '{draft.Name}' never applies: every parent configuration has its own row");
        }

        return (SpanOf, true);
    }

    /// <summary>The index of level <paramref name="name"/> of parent <paramref name="p"/>, or -1; indexes the levels on first use.</summary>
    private static int LevelIndex(Dictionary<string, int>?[] lookups, ImmutableArray<ImmutableArray<string>> parentLevels, int p, string name)
    {
        var levels = parentLevels[p];
        if (levels.Length <= 8)
        {
            for (var k = 0; k < levels.Length; k++)
            {
                if (string.Equals(levels[k], name, StringComparison.Ordinal))
                {
                    return k;
                }
            }

            return -1;
        }

        var lookup = lookups[p] ??= levels.Select((l, k) => (l, k)).ToDictionary(x => x.l, x => x.k, StringComparer.Ordinal);
        return lookup.TryGetValue(name, out var index) ? index : -1;
    }

    private static int[] Strides(ImmutableArray<ImmutableArray<string>> parentLevels)
    {
        var strides = new int[parentLevels.Length];
        for (int p = parentLevels.Length - 1, s = 1; p >= 0; p--)
        {
            strides[p] = s;
            s *= parentLevels[p].Length;
        }

        return strides;
    }

    private static string DescribeRow(ImmutableArray<string> names, ImmutableArray<ImmutableArray<string>> levels, int[] strides, int config) =>
        names.Length == 0 ? "the distribution" : $"row ({DescribeConfiguration(names, levels, strides, config)})";
}
