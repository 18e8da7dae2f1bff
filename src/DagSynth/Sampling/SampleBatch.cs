using DagSynth.Expressions;
using DagSynth.Models;

namespace DagSynth.Sampling;

/// <summary>
/// A block of consecutive generated rows, stored by column: level codes for discrete variables
/// (code k is the k-th level), doubles for numeric ones (continuous, counts, dates as days since
/// 1970-01-01, identifier numbers), strings for fake text. Allocated once and refilled, so
/// generation allocates nothing per row (except the strings of fake text).
/// </summary>
public sealed class SampleBatch : IColumnReader
{
    private readonly ushort[]?[] _codes;
    private readonly double[]?[] _values;
    private readonly string[]?[] _texts;
    private readonly bool[]?[] _missing;

    /// <summary>Creates an empty batch for <paramref name="plan"/> that holds up to <paramref name="capacity"/> rows.</summary>
    public SampleBatch(SamplingPlan plan, int capacity)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        var variables = plan.Model.Variables;
        _codes = new ushort[variables.Length][];
        _values = new double[variables.Length][];
        _texts = new string[variables.Length][];
        _missing = new bool[variables.Length][];
        foreach (var v in variables)
        {
            if (v.Missing is not null)
            {
                _missing[v.Index] = new bool[capacity];
            }

            switch (v.Kind)
            {
                case var k when k.IsDiscrete():
                    _codes[v.Index] = new ushort[capacity];
                    break;
                case VariableKind.Text:
                    _texts[v.Index] = new string[capacity];
                    break;
                default:
                    _values[v.Index] = new double[capacity];
                    break;
            }
        }
    }

    /// <summary>The most rows the batch can hold.</summary>
    public int Capacity { get; }

    /// <summary>The number of rows it holds now.</summary>
    public int Count { get; internal set; }

    /// <summary>The global index of its first row (0-based, counted over the whole dataset).</summary>
    public long FirstRow { get; internal set; }

    /// <summary>
    /// The draws made for the batch's rows: its row count, plus the extra attempts of rows drawn
    /// again because they failed a condition met by rejection.
    /// </summary>
    public long Attempts { get; internal set; }

    /// <summary>The first failure (in row order) found in this batch, if any; the rows are then not to be used.</summary>
    public GenerationFailure? Failure { get; internal set; }

    /// <summary>
    /// Work an <see cref="IPreparingBatchSink"/> attached to this batch on a sampling thread (such as
    /// its encoded rows), kept with the batch so the memory is reused when the batch is refilled.
    /// </summary>
    public object? Prepared { get; set; }

    /// <summary>The level codes of discrete variable <paramref name="variable"/>.</summary>
    public ReadOnlySpan<ushort> Codes(int variable) => _codes[variable].AsSpan(0, Count);

    /// <summary>The values of numeric variable <paramref name="variable"/>.</summary>
    public ReadOnlySpan<double> Values(int variable) => _values[variable].AsSpan(0, Count);

    /// <summary>The text of fake-text variable <paramref name="variable"/>.</summary>
    public ReadOnlySpan<string> Texts(int variable) => _texts[variable].AsSpan(0, Count);

    /// <summary>Whether variable <paramref name="variable"/> can be missing in this batch (it has a <c>missing:</c> mechanism).</summary>
    public bool HasMissingness(int variable) => _missing[variable] is not null;

    /// <summary>
    /// Which cells of <paramref name="variable"/> are missing (true) in the observed data; empty for a
    /// variable without missingness. The columns themselves keep the complete values.
    /// </summary>
    public ReadOnlySpan<bool> Missing(int variable) => _missing[variable] is { } m ? m.AsSpan(0, Count) : [];

    internal bool[] MissingColumn(int variable) => _missing[variable]!;

    internal ushort[] CodeColumn(int variable) => _codes[variable]!;

    internal double[] ValueColumn(int variable) => _values[variable]!;

    internal string[] TextColumn(int variable) => _texts[variable]!;

    /// <summary>Copies cell (<paramref name="variable"/>, <paramref name="row"/>) into <paramref name="target"/>, a batch of the same plan.</summary>
    internal void CopyCell(int variable, int row, SampleBatch target, int targetRow)
    {
        if (_codes[variable] is { } codes)
        {
            target._codes[variable]![targetRow] = codes[row];
        }
        else if (_values[variable] is { } values)
        {
            target._values[variable]![targetRow] = values[row];
        }
        else
        {
            target._texts[variable]![targetRow] = _texts[variable]![row];
        }
    }

    /// <summary>Copies the first <paramref name="count"/> cells of <paramref name="variable"/> into <paramref name="target"/>'s column <paramref name="targetVariable"/> (same kind).</summary>
    internal void CopyColumn(int variable, int count, SampleBatch target, int targetVariable)
    {
        if (_codes[variable] is { } codes)
        {
            codes.AsSpan(0, count).CopyTo(target._codes[targetVariable]);
        }
        else if (_values[variable] is { } values)
        {
            values.AsSpan(0, count).CopyTo(target._values[targetVariable]);
        }
        else
        {
            _texts[variable].AsSpan(0, count).CopyTo(target._texts[targetVariable]);
        }
    }

    /// <summary>One cell as text, for messages: a level name, a number or the text.</summary>
    internal string Describe(Variable variable, int row) => variable.Kind switch
    {
        var k when k.IsDiscrete() => variable.Levels[Codes(variable.Index)[row]],
        VariableKind.Text => Texts(variable.Index)[row],
        _ => Values(variable.Index)[row].ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
    };
}
