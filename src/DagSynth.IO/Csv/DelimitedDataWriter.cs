using DagSynth.Outputs;
using DagSynth.Sampling;

namespace DagSynth.IO.Csv;

/// <summary>
/// Writes generated rows as CSV or TSV: a header row of variable names, then one line per row with
/// levels written by name (booleans as <c>false</c>/<c>true</c>), numbers in the shortest form that
/// reads back to the same double (counts as whole numbers), dates as <c>yyyy-MM-dd</c>, identifiers
/// by their pattern, missing values as empty fields; fields quoted only when they contain the
/// separator, a quote or a line break; <c>\n</c> line ends, UTF-8 without a byte order mark,
/// invariant culture. Rows are encoded by <see cref="DelimitedEncoder"/>, on the sampling threads
/// when the run allows it (<see cref="Prepare"/>). Streams: memory does not grow with the rows.
/// </summary>
public sealed class DelimitedDataWriter : IPreparingBatchSink, ITableWriter
{
    private readonly Stream _stream;
    private readonly OutputSchema _schema;
    private readonly DelimitedEncoder _encoder;
    private readonly EncodedRows _rows = new();
    private bool _headerWritten;

    private DelimitedDataWriter(Stream stream, OutputSchema schema, char separator, bool writeHeader)
    {
        _headerWritten = !writeHeader;
        _stream = stream;
        _schema = schema;
        _encoder = new DelimitedEncoder(schema, separator);
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
    /// <param name="writeHeader">Whether to start with the header row (shards after the first leave it out).</param>
    public static DelimitedDataWriter Create(Stream stream, OutputSchema schema, char separator = ',', bool writeHeader = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        return new DelimitedDataWriter(stream, schema, separator, writeHeader);
    }

    /// <summary>Encodes the observed data of <paramref name="batch"/> into <see cref="SampleBatch.Prepared"/>; thread-safe.</summary>
    public void Prepare(SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Prepared is not EncodedRows rows)
        {
            batch.Prepared = rows = new EncodedRows();
        }

        rows.Clear();
        _encoder.Encode(RowChunk.Of(batch, _schema, observed: true), rows);
    }

    /// <summary>Writes the observed data of a batch (missing cells empty), using its prepared rows when present.</summary>
    public void Write(SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Prepared is not EncodedRows prepared)
        {
            Prepare(batch);
            prepared = (EncodedRows)batch.Prepared!;
        }

        WriteEncoded(prepared, batch.Count);
    }

    /// <inheritdoc/>
    public void Write(RowChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        _rows.Clear();
        _encoder.Encode(chunk, _rows);
        WriteEncoded(_rows, chunk.Count);
    }

    /// <summary>Writes <paramref name="count"/> rows already encoded by this writer's encoder.</summary>
    public void WriteEncoded(EncodedRows rows, int count)
    {
        ArgumentNullException.ThrowIfNull(rows);
        WriteHeader();
        _stream.Write(rows.Bytes);
        RowsWritten += count;
    }

    /// <summary>Writes the header even when there are no rows, and flushes.</summary>
    public void Complete()
    {
        WriteHeader();
        _stream.Flush();
    }

    /// <summary>Flushes (the underlying stream stays open).</summary>
    public void Dispose() => _stream.Flush();

    private void WriteHeader()
    {
        if (!_headerWritten)
        {
            _stream.Write(_encoder.Header);
            _headerWritten = true;
        }
    }
}
