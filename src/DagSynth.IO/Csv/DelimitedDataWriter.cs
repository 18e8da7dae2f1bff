using System.Globalization;
using System.Text;
using DagSynth.Models;
using DagSynth.Sampling;
using nietras.SeparatedValues;

namespace DagSynth.IO.Csv;

/// <summary>
/// Writes generated rows as CSV or TSV through Sep: a header row of variable names, then one line per
/// row with levels written by name (booleans as <c>false</c>/<c>true</c>), numbers in the shortest
/// form that reads back to the same double (counts as whole numbers), dates as <c>yyyy-MM-dd</c>,
/// identifiers by their pattern; fields quoted only when they contain the separator, a quote or a
/// line break; <c>\n</c> line ends, UTF-8 without a byte order mark, invariant culture. Streams:
/// memory does not grow with the number of rows.
/// </summary>
public sealed class DelimitedDataWriter : IBatchSink, IDisposable
{
    private readonly SepWriter _writer;
    private readonly string[][] _levels;
    private readonly string[] _names;
    private readonly Variable[] _variables;
    private bool _headerWritten;

    private DelimitedDataWriter(SepWriter writer, SamplingPlan plan)
    {
        _writer = writer;
        var variables = plan.Model.Variables;
        _variables = [.. variables];
        _names = [.. variables.Select(v => v.Name)];
        _levels = [.. variables.Select(v => v.Levels.ToArray())];
    }

    /// <summary>The number of data rows written.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Creates a writer of <paramref name="plan"/>'s columns to <paramref name="stream"/>; the stream is left open.</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="plan">The plan whose batches will be written.</param>
    /// <param name="separator">',' for CSV, '\t' for TSV.</param>
    public static DelimitedDataWriter Create(Stream stream, SamplingPlan plan, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true)
        {
            NewLine = "\n",
        };
        var options = new SepWriterOptions(Sep.New(separator))
        {
            CultureInfo = CultureInfo.InvariantCulture,
            Escape = true,
            WriteHeader = true,
        };
        return new DelimitedDataWriter(options.To(text, leaveOpen: false), plan);
    }

    /// <inheritdoc/>
    public void Write(SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var columns = _names.Length;
        Span<char> buffer = stackalloc char[256];
        for (var i = 0; i < batch.Count; i++)
        {
            using var row = _writer.NewRow();
            for (var c = 0; c < columns; c++)
            {
                var col = _headerWritten ? row[c] : row[_names[c]];
                var variable = _variables[c];
                switch (variable.Kind)
                {
                    case VariableKind.Categorical or VariableKind.Ordinal or VariableKind.Boolean:
                        col.Set(_levels[c][batch.Codes(c)[i]]);
                        break;
                    case VariableKind.Text:
                        col.Set(batch.Texts(c)[i]);
                        break;
                    default:
                        col.Set(CellText.Format(variable, batch.Values(c)[i], buffer));
                        break;
                }
            }

            _headerWritten = true;
        }

        RowsWritten += batch.Count;
    }

    /// <summary>Writes the header even when there are no rows, and flushes.</summary>
    public void Complete()
    {
        if (!_headerWritten)
        {
            _writer.Header.Add(_names);
            _writer.Header.Write();
            _headerWritten = true;
        }

        _writer.Flush();
    }

    /// <summary>Flushes and closes the writer (the underlying stream stays open).</summary>
    public void Dispose() => _writer.Dispose();
}
