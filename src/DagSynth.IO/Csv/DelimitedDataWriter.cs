using System.Globalization;
using System.Text;
using DagSynth.Outputs;
using DagSynth.Sampling;
using nietras.SeparatedValues;

namespace DagSynth.IO.Csv;

/// <summary>
/// Writes generated rows as CSV or TSV through Sep: a header row of variable names, then one line per
/// row with levels written by name (booleans as <c>false</c>/<c>true</c>), numbers in the shortest
/// form that reads back to the same double (counts as whole numbers), dates as <c>yyyy-MM-dd</c>,
/// identifiers by their pattern, missing values as empty fields; fields quoted only when they contain
/// the separator, a quote or a line break; <c>\n</c> line ends, UTF-8 without a byte order mark,
/// invariant culture. Streams: memory does not grow with the number of rows.
/// </summary>
public sealed class DelimitedDataWriter : IBatchSink, ITableWriter
{
    private readonly SepWriter _writer;
    private readonly OutputSchema _schema;
    private readonly string[] _names;
    private bool _headerWritten;

    private DelimitedDataWriter(SepWriter writer, OutputSchema schema)
    {
        _writer = writer;
        _schema = schema;
        _names = [.. schema.Columns.Select(c => c.Name)];
    }

    /// <summary>The number of data rows written.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Creates a writer of <paramref name="plan"/>'s columns (the observed data) to <paramref name="stream"/>; the stream is left open.</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="plan">The plan whose batches will be written.</param>
    /// <param name="separator">',' for CSV, '\t' for TSV.</param>
    public static DelimitedDataWriter Create(Stream stream, SamplingPlan plan, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Create(stream, OutputSchema.Data(plan.Model), separator);
    }

    /// <summary>Creates a writer of <paramref name="schema"/>'s rows to <paramref name="stream"/>; the stream is left open.</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="schema">The columns.</param>
    /// <param name="separator">',' for CSV, '\t' for TSV.</param>
    public static DelimitedDataWriter Create(Stream stream, OutputSchema schema, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
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
        return new DelimitedDataWriter(options.To(text, leaveOpen: false), schema);
    }

    /// <summary>Writes the observed data of a batch (missing cells empty).</summary>
    public void Write(SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Write(RowChunk.Of(batch, _schema, observed: true));
    }

    /// <inheritdoc/>
    public void Write(RowChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var columns = _schema.Columns;
        Span<char> buffer = stackalloc char[256];
        for (var i = 0; i < chunk.Count; i++)
        {
            using var row = _writer.NewRow();
            for (var c = 0; c < columns.Length; c++)
            {
                var col = _headerWritten ? row[c] : row[_names[c]];
                var column = columns[c];
                if (chunk.IsNull(c, i))
                {
                    col.Set(ReadOnlySpan<char>.Empty);
                    continue;
                }

                switch (column.Kind)
                {
                    case OutputColumnKind.Level or OutputColumnKind.Boolean:
                        col.Set(column.Levels[chunk.Codes(c)[i]]);
                        break;
                    case OutputColumnKind.Text:
                        col.Set(chunk.Texts(c)[i] ?? string.Empty);
                        break;
                    default:
                        col.Set(CellText.Format(column.Variable!, chunk.Values(c)[i], buffer));
                        break;
                }
            }

            _headerWritten = true;
        }

        RowsWritten += chunk.Count;
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
