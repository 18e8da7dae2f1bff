using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Models;
using DagSynth.Sampling;
using nietras.SeparatedValues;

namespace DagSynth.Reports.Data;

/// <summary>
/// Reads a CSV or TSV file (separator detected from the header) into a <see cref="Dataset"/> with a
/// model's columns, as <c>dagsynth generate</c> writes them: levels by name, numbers with a <c>.</c>
/// decimal point, dates as <c>yyyy-MM-dd</c>, identifiers by their pattern. An empty cell, or
/// <c>NA</c> where it is not a level name, is missing. Columns the model does not have are ignored
/// (with a warning); a missing column of the model is an error, except fake text.
/// </summary>
public static class CsvDatasetReader
{
    /// <summary>At most this many bad cells are reported; the count of the rest is added.</summary>
    public const int MaxCellErrors = 50;

    /// <summary>Reads <paramref name="path"/>; returns null with error diagnostics when it cannot be read as data of <paramref name="model"/>.</summary>
    public static (Dataset? Data, ImmutableArray<Diagnostic> Diagnostics) Read(string path, Model model)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            using var reader = Sep.Reader(o => o with { Unescape = true, CultureInfo = CultureInfo.InvariantCulture }).FromFile(path);
            return Read(reader, path, model);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [Diagnostic.Error(DiagnosticCodes.CannotRead, SourceSpan.InSource(path), $"cannot read the data: {e.Message}")]);
        }
        catch (InvalidDataException e)
        {
            return (null, [Diagnostic.Error(DiagnosticCodes.DataCell, SourceSpan.InSource(path), $"the data is not well-formed CSV: {e.Message}")]);
        }
    }

    private static (Dataset? Data, ImmutableArray<Diagnostic> Diagnostics) Read(SepReader reader, string path, Model model)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var names = reader.Header.ColNames;
        var columnOf = new int[model.Variables.Length];
        Array.Fill(columnOf, -1);
        var ignored = new List<string>();
        for (var c = 0; c < names.Count; c++)
        {
            var index = model.IndexOf(names[c]);
            if (index < 0)
            {
                ignored.Add(names[c]);
            }
            else if (columnOf[index] >= 0)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DataColumn, new SourceSpan(path, 1, 1), $"the column '{names[c]}' appears twice"));
            }
            else
            {
                columnOf[index] = c;
            }
        }

        var absent = model.Variables.Where(v => columnOf[v.Index] < 0 && v.Kind != VariableKind.Text).Select(v => v.Name).ToList();
        if (absent.Count > 0)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.DataColumn,
                new SourceSpan(path, 1, 1),
                $"the data has no column for {string.Join(", ", absent.Select(a => $"'{a}'"))}",
                "the header must name every variable of the model, as 'dagsynth generate' writes it"));
        }

        if (ignored.Count > 0)
        {
            diagnostics.Add(Diagnostic.Warning(
                DiagnosticCodes.DataColumn,
                new SourceSpan(path, 1, 1),
                $"columns that are not variables of the model are ignored: {string.Join(", ", ignored.Take(10).Select(a => $"'{a}'"))}{(ignored.Count > 10 ? $" and {ignored.Count - 10} more" : string.Empty)}"));
        }

        if (diagnostics.Any(d => d.IsError))
        {
            return (null, diagnostics.ToImmutable());
        }

        var n = model.Variables.Length;
        var codes = new List<ushort>?[n];
        var values = new List<double>?[n];
        var texts = new List<string?>?[n];
        foreach (var v in model.Variables)
        {
            if (columnOf[v.Index] < 0)
            {
                continue;
            }

            switch (v.Kind)
            {
                case var k when k.IsDiscrete():
                    codes[v.Index] = [];
                    break;
                case VariableKind.Text:
                    texts[v.Index] = [];
                    break;
                default:
                    values[v.Index] = [];
                    break;
            }
        }

        var levelIndex = model.Variables.Select(v => v.IsDiscrete ? v.Levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => (ushort)p.i, StringComparer.Ordinal) : null).ToArray();
        long rows = 0;
        var badCells = 0;
        foreach (var row in reader)
        {
            rows++;
            foreach (var v in model.Variables)
            {
                var c = columnOf[v.Index];
                if (c < 0)
                {
                    continue;
                }

                var cell = row[c].Span;
                string? problem = null;
                if (codes[v.Index] is { } codeList)
                {
                    if (levelIndex[v.Index]!.TryGetValue(cell.ToString(), out var code))
                    {
                        codeList.Add(code);
                    }
                    else if (IsMissing(cell))
                    {
                        codeList.Add(Dataset.MissingCode);
                    }
                    else if (v.Kind == VariableKind.Boolean && bool.TryParse(cell, out var flag))
                    {
                        codeList.Add(flag ? (ushort)1 : (ushort)0);
                    }
                    else
                    {
                        codeList.Add(Dataset.MissingCode);
                        problem = $"'{Shorten(cell)}' is not a level of '{v.Name}' (its levels: {string.Join(", ", v.Levels)})";
                    }
                }
                else if (values[v.Index] is { } valueList)
                {
                    var (value, bad) = IsMissing(cell) ? (double.NaN, null) : ParseNumber(v, cell);
                    valueList.Add(value);
                    problem = bad;
                }
                else
                {
                    texts[v.Index]!.Add(cell.IsEmpty ? null : cell.ToString());
                }

                if (problem is not null && ++badCells <= MaxCellErrors)
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DataCell, new SourceSpan(path, row.LineNumberFrom, c + 1), problem));
                }
            }
        }

        if (badCells > MaxCellErrors)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DataCell, SourceSpan.InSource(path), string.Create(CultureInfo.InvariantCulture, $"{badCells - MaxCellErrors} more cells cannot be read (the first {MaxCellErrors} are listed)")));
        }

        if (badCells > 0)
        {
            return (null, diagnostics.ToImmutable());
        }

        var data = new Dataset(
            model,
            rows,
            [.. codes.Select(l => l?.ToArray())],
            [.. values.Select(l => l?.ToArray())],
            [.. texts.Select(l => l?.ToArray())]);
        return (data, diagnostics.ToImmutable());
    }

    private static bool IsMissing(ReadOnlySpan<char> cell) => cell.IsEmpty || cell is "NA";

    private static (double Value, string? Problem) ParseNumber(Variable v, ReadOnlySpan<char> cell)
    {
        switch (v.Kind)
        {
            case VariableKind.Date:
                return DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (date.DayNumber - DataText.ToDate(0).DayNumber, null)
                    : (double.NaN, $"'{Shorten(cell)}' is not a date written yyyy-mm-dd ('{v.Name}')");
            case VariableKind.Identifier when v.Conditional is IdentifierConditional id:
                {
                    var digits = cell;
                    if (digits.StartsWith(id.Prefix, StringComparison.Ordinal) && digits.EndsWith(id.Suffix, StringComparison.Ordinal) && digits.Length >= id.Prefix.Length + id.Suffix.Length)
                    {
                        digits = digits[id.Prefix.Length..(digits.Length - id.Suffix.Length)];
                    }

                    return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                        ? (number, null)
                        : (double.NaN, $"'{Shorten(cell)}' does not follow the pattern of identifier '{v.Name}'");
                }

            default:
                return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
                    ? (x, null)
                    : (double.NaN, $"'{Shorten(cell)}' is not a number ('{v.Name}')");
        }
    }

    private static string Shorten(ReadOnlySpan<char> cell) => cell.Length <= 40 ? cell.ToString() : string.Concat(cell[..37], "...");
}
