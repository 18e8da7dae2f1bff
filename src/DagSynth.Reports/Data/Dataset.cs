using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Reports.Data;

/// <summary>
/// A table of rows held in memory, by column, for a report: level codes for discrete variables
/// (<see cref="MissingCode"/> when a cell is missing), doubles for numeric ones (NaN when missing),
/// strings for fake text (null when missing). Filled by <see cref="DatasetCollector"/> from
/// generation, or by <see cref="CsvDatasetReader"/> from a file.
/// </summary>
public sealed class Dataset
{
    /// <summary>The code of a missing discrete cell.</summary>
    public const ushort MissingCode = ushort.MaxValue;

    private readonly ushort[]?[] _codes;
    private readonly double[]?[] _values;
    private readonly string?[]?[] _texts;

    internal Dataset(Model model, long rows, ushort[]?[] codes, double[]?[] values, string?[]?[] texts)
    {
        Model = model;
        Rows = rows;
        _codes = codes;
        _values = values;
        _texts = texts;
    }

    /// <summary>The model whose variables are the columns.</summary>
    public Model Model { get; }

    /// <summary>The number of rows.</summary>
    public long Rows { get; }

    /// <summary>Whether the dataset holds the column of <paramref name="variable"/> (fake text may be left out).</summary>
    public bool Has(int variable) => _codes[variable] is not null || _values[variable] is not null || _texts[variable] is not null;

    /// <summary>The level codes of a discrete variable.</summary>
    public ReadOnlySpan<ushort> Codes(int variable) => (_codes[variable] ?? throw NotHeld(variable)).AsSpan(0, (int)Rows);

    /// <summary>The values of a numeric variable.</summary>
    public ReadOnlySpan<double> Values(int variable) => (_values[variable] ?? throw NotHeld(variable)).AsSpan(0, (int)Rows);

    /// <summary>The text of a fake-text variable.</summary>
    public ReadOnlySpan<string?> Texts(int variable) => (_texts[variable] ?? throw NotHeld(variable)).AsSpan(0, (int)Rows);

    /// <summary>The number of missing cells of <paramref name="variable"/>.</summary>
    public long MissingCount(int variable)
    {
        long missing = 0;
        if (_codes[variable] is not null)
        {
            foreach (var c in Codes(variable))
            {
                missing += c == MissingCode ? 1 : 0;
            }
        }
        else if (_values[variable] is not null)
        {
            foreach (var x in Values(variable))
            {
                missing += double.IsNaN(x) ? 1 : 0;
            }
        }
        else if (_texts[variable] is not null)
        {
            foreach (var t in Texts(variable))
            {
                missing += t is null ? 1 : 0;
            }
        }

        return missing;
    }

    /// <summary>The level counts of a discrete variable (missing cells left out).</summary>
    public ImmutableArray<long> LevelCounts(int variable)
    {
        var counts = new long[Model.Variables[variable].Cardinality];
        foreach (var c in Codes(variable))
        {
            if (c != MissingCode)
            {
                counts[c]++;
            }
        }

        return [.. counts];
    }

    /// <summary>
    /// One cell as a number, as expressions read it: a level code for a discrete variable, the value
    /// for a numeric one; NaN when missing.
    /// </summary>
    public double Cell(int variable, long row)
    {
        if (_codes[variable] is { } codes)
        {
            var c = codes[row];
            return c == MissingCode ? double.NaN : c;
        }

        return _values[variable] is { } values ? values[row] : double.NaN;
    }

    private InvalidOperationException NotHeld(int variable) =>
        new($"the dataset does not hold '{Model.Variables[variable].Name}' in that form");
}
