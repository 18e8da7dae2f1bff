using DagSynth.Sampling;

namespace DagSynth.Outputs;

/// <summary>
/// A block of output rows, by column, that every data writer reads: level codes, doubles or text
/// per <see cref="OutputSchema"/> column, and which cells are missing. A chunk over a
/// <see cref="SampleBatch"/> shares its arrays (no copy); chunks made by selecting rows (splits)
/// or planting errors (dirty data) own theirs and are reused from batch to batch.
/// </summary>
public sealed class RowChunk
{
    private readonly ushort[]?[] _codes;
    private readonly double[]?[] _values;
    private readonly string?[]?[] _texts;
    private readonly bool[]?[] _nulls;
    private long[] _rows;

    private RowChunk(OutputSchema schema, ushort[]?[] codes, double[]?[] values, string?[]?[] texts, bool[]?[] nulls, long[] rows)
    {
        Schema = schema;
        _codes = codes;
        _values = values;
        _texts = texts;
        _nulls = nulls;
        _rows = rows;
    }

    /// <summary>Creates an empty chunk that owns room for <paramref name="capacity"/> rows.</summary>
    public RowChunk(OutputSchema schema, int capacity)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        var n = schema.Columns.Length;
        _codes = new ushort[n][];
        _values = new double[n][];
        _texts = new string[n][];
        _nulls = new bool[n][];
        _rows = new long[Math.Max(capacity, 1)];
        Allocate(Math.Max(capacity, 1));
    }

    /// <summary>The columns.</summary>
    public OutputSchema Schema { get; }

    /// <summary>The number of rows.</summary>
    public int Count { get; private set; }

    /// <summary>The most rows the chunk can hold without growing.</summary>
    public int Capacity => _rows.Length;

    /// <summary>The level codes of a <see cref="OutputColumn.HasCodes"/> column.</summary>
    public ReadOnlySpan<ushort> Codes(int column) => _codes[column].AsSpan(0, Count);

    /// <summary>The values of a <see cref="OutputColumn.HasValues"/> column.</summary>
    public ReadOnlySpan<double> Values(int column) => _values[column].AsSpan(0, Count);

    /// <summary>The text of a <see cref="OutputColumnKind.Text"/> column.</summary>
    public ReadOnlySpan<string?> Texts(int column) => _texts[column].AsSpan(0, Count);

    /// <summary>Which cells of <paramref name="column"/> are missing; empty when none can be.</summary>
    public ReadOnlySpan<bool> Nulls(int column) => _nulls[column] is { } n ? n.AsSpan(0, Count) : [];

    /// <summary>Whether cell (<paramref name="column"/>, <paramref name="row"/>) is missing.</summary>
    public bool IsNull(int column, int row) => _nulls[column] is { } n && n[row];

    /// <summary>
    /// The arrays behind the columns (valid for the first <see cref="Count"/> rows), for encoders
    /// whose inner loop must not go through a method per cell: codes, values, texts and null flags
    /// by column, each null when the column has none.
    /// </summary>
    public (ushort[]?[] Codes, double[]?[] Values, string?[]?[] Texts, bool[]?[] Nulls) Arrays() => (_codes, _values, _texts, _nulls);

    /// <summary>The 0-based index, in the generated dataset, of the row that row <paramref name="row"/> comes from.</summary>
    public long SourceRow(int row) => _rows[row];

    /// <summary>
    /// The generated rows of <paramref name="batch"/> as <see cref="OutputSchema.Data"/> columns, sharing
    /// its arrays: with <paramref name="observed"/>, missing cells are null; otherwise the complete data.
    /// </summary>
    public static RowChunk Of(SampleBatch batch, OutputSchema schema, bool observed)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(schema);
        var n = schema.Columns.Length;
        var codes = new ushort[n][];
        var values = new double[n][];
        var texts = new string[n][];
        var nulls = new bool[n][];
        for (var c = 0; c < n; c++)
        {
            var column = schema.Columns[c];
            var v = column.Variable!.Index;
            if (column.HasCodes)
            {
                codes[c] = batch.CodeColumn(v);
            }
            else if (column.HasValues)
            {
                values[c] = batch.ValueColumn(v);
            }
            else
            {
                texts[c] = batch.TextColumn(v);
            }

            if (observed && batch.HasMissingness(v))
            {
                nulls[c] = batch.MissingColumn(v);
            }
        }

        var rows = new long[batch.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = batch.FirstRow + i;
        }

        return new RowChunk(schema, codes, values, texts, nulls, rows) { Count = batch.Count };
    }

    /// <summary>The missingness mask of <paramref name="batch"/> (<see cref="OutputSchema.Mask"/> columns), written into <paramref name="into"/>.</summary>
    public static RowChunk MaskOf(SampleBatch batch, RowChunk into)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(into);
        into.Reset(batch.Count);
        for (var c = 0; c < into.Schema.Columns.Length; c++)
        {
            var mask = batch.Missing(into.Schema.Model.IndexOf(into.Schema.Columns[c].Name));
            var codes = into._codes[c]!;
            for (var i = 0; i < mask.Length; i++)
            {
                codes[i] = mask[i] ? (ushort)1 : (ushort)0;
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            into._rows[i] = batch.FirstRow + i;
        }

        into.Count = batch.Count;
        return into;
    }

    /// <summary>Copies the rows <paramref name="rows"/> of this chunk, in that order, into <paramref name="into"/> (same schema).</summary>
    public RowChunk Select(ReadOnlySpan<int> rows, RowChunk into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Reset(rows.Length);
        for (var c = 0; c < Schema.Columns.Length; c++)
        {
            if (_codes[c] is { } codes)
            {
                var target = into._codes[c]!;
                for (var i = 0; i < rows.Length; i++)
                {
                    target[i] = codes[rows[i]];
                }
            }
            else if (_values[c] is { } values)
            {
                var target = into._values[c]!;
                for (var i = 0; i < rows.Length; i++)
                {
                    target[i] = values[rows[i]];
                }
            }
            else if (_texts[c] is { } texts)
            {
                var target = into._texts[c]!;
                for (var i = 0; i < rows.Length; i++)
                {
                    target[i] = texts[rows[i]];
                }
            }

            var targetNulls = into._nulls[c]!;
            if (_nulls[c] is { } nulls)
            {
                for (var i = 0; i < rows.Length; i++)
                {
                    targetNulls[i] = nulls[rows[i]];
                }
            }
            else
            {
                Array.Clear(targetNulls, 0, rows.Length);
            }
        }

        for (var i = 0; i < rows.Length; i++)
        {
            into._rows[i] = _rows[rows[i]];
        }

        into.Count = rows.Length;
        return into;
    }

    /// <summary>Empties the chunk and makes room for <paramref name="rows"/> rows.</summary>
    internal void Reset(int rows)
    {
        Count = 0;
        if (rows > _rows.Length)
        {
            var capacity = Math.Max(rows, _rows.Length * 2);
            _rows = new long[capacity];
            Allocate(capacity);
        }
    }

    /// <summary>Appends an empty row (every cell to be set) from source row <paramref name="sourceRow"/>; returns its index.</summary>
    internal int AddRow(long sourceRow)
    {
        if (Count == _rows.Length)
        {
            var rows = new long[_rows.Length * 2];
            _rows.AsSpan().CopyTo(rows);
            _rows = rows;
            Grow(rows.Length);
        }

        _rows[Count] = sourceRow;
        for (var c = 0; c < _nulls.Length; c++)
        {
            _nulls[c]![Count] = false;
        }

        return Count++;
    }

    internal void SetCode(int column, int row, ushort code) => _codes[column]![row] = code;

    internal void SetValue(int column, int row, double value) => _values[column]![row] = value;

    internal void SetText(int column, int row, string? text) => _texts[column]![row] = text;

    internal void SetNull(int column, int row, bool isNull) => _nulls[column]![row] = isNull;

    private void Allocate(int capacity)
    {
        for (var c = 0; c < Schema.Columns.Length; c++)
        {
            var column = Schema.Columns[c];
            _codes[c] = column.HasCodes ? new ushort[capacity] : null;
            _values[c] = column.HasValues ? new double[capacity] : null;
            _texts[c] = column.Kind == OutputColumnKind.Text ? new string[capacity] : null;
            _nulls[c] = new bool[capacity];
        }
    }

    private void Grow(int capacity)
    {
        for (var c = 0; c < Schema.Columns.Length; c++)
        {
            if (_codes[c] is { } codes)
            {
                Array.Resize(ref codes, capacity);
                _codes[c] = codes;
            }

            if (_values[c] is { } values)
            {
                Array.Resize(ref values, capacity);
                _values[c] = values;
            }

            if (_texts[c] is { } texts)
            {
                Array.Resize(ref texts, capacity);
                _texts[c] = texts;
            }

            var nulls = _nulls[c]!;
            Array.Resize(ref nulls, capacity);
            _nulls[c] = nulls;
        }
    }
}
