using DagSynth.Models;
using DagSynth.Sampling;

namespace DagSynth.Reports.Data;

/// <summary>Collects generated batches into a <see cref="Dataset"/> (an <see cref="IBatchSink"/>).</summary>
public sealed class DatasetCollector : IBatchSink
{
    private readonly Model _model;
    private readonly ushort[]?[] _codes;
    private readonly double[]?[] _values;
    private readonly string?[]?[] _texts;
    private long _rows;

    /// <summary>Prepares to collect <paramref name="rows"/> rows of <paramref name="model"/>.</summary>
    /// <param name="model">The model being generated.</param>
    /// <param name="rows">The number of rows that will be written.</param>
    /// <param name="keepText">Whether to keep fake text (a report only shows a few values of it).</param>
    public DatasetCollector(Model model, long rows, bool keepText = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, Array.MaxLength);
        _model = model;
        var n = model.Variables.Length;
        _codes = new ushort[n][];
        _values = new double[n][];
        _texts = new string[n][];
        foreach (var v in model.Variables)
        {
            switch (v.Kind)
            {
                case var k when k.IsDiscrete():
                    _codes[v.Index] = new ushort[rows];
                    break;
                case VariableKind.Text:
                    _texts[v.Index] = keepText ? new string[rows] : null;
                    break;
                default:
                    _values[v.Index] = new double[rows];
                    break;
            }
        }
    }

    /// <inheritdoc/>
    public void Write(SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var at = (int)_rows;
        for (var v = 0; v < _codes.Length; v++)
        {
            // The observed data: a cell the model's missingness hides is missing here too.
            var missing = batch.Missing(v);
            if (_codes[v] is { } codes)
            {
                batch.Codes(v).CopyTo(codes.AsSpan(at));
                for (var i = 0; i < missing.Length; i++)
                {
                    if (missing[i])
                    {
                        codes[at + i] = Dataset.MissingCode;
                    }
                }
            }
            else if (_values[v] is { } values)
            {
                batch.Values(v).CopyTo(values.AsSpan(at));
                for (var i = 0; i < missing.Length; i++)
                {
                    if (missing[i])
                    {
                        values[at + i] = double.NaN;
                    }
                }
            }
            else if (_texts[v] is { } texts)
            {
                var source = batch.Texts(v);
                for (var i = 0; i < source.Length; i++)
                {
                    texts[at + i] = source[i];
                }
            }
        }

        _rows += batch.Count;
    }

    /// <summary>The rows collected so far.</summary>
    public Dataset ToDataset() => new(_model, _rows, _codes, _values, _texts);
}
