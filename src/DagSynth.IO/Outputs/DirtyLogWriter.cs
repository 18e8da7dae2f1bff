using System.Text;
using DagSynth.IO.Csv;
using DagSynth.Models;
using DagSynth.Outputs;

namespace DagSynth.IO.Outputs;

/// <summary>
/// Writes the log of planted errors as CSV: <c>row,clean_row,column,kind,original,dirty</c>, where
/// <c>row</c> is the 1-based data row of the dirty file, <c>clean_row</c> that of the clean file,
/// and values are written as in the CSV data (a row-level entry has empty column and values).
/// </summary>
public sealed class DirtyLogWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly OutputSchema _clean;

    /// <summary>Creates a writer to <paramref name="stream"/> (left open) for data of <paramref name="clean"/>'s columns.</summary>
    public DirtyLogWriter(Stream stream, OutputSchema clean)
    {
        ArgumentNullException.ThrowIfNull(clean);
        _clean = clean;
        _writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        _writer.Write("row,clean_row,column,kind,original,dirty\n");
    }

    /// <summary>The number of entries written.</summary>
    public long EntriesWritten { get; private set; }

    /// <summary>Writes entries, in order.</summary>
    public void Write(IEnumerable<DirtyLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Span<char> buffer = stackalloc char[256];
        foreach (var e in entries)
        {
            _writer.Write(e.Row);
            _writer.Write(',');
            _writer.Write(e.CleanRow);
            _writer.Write(',');
            if (e.Column >= 0)
            {
                var column = _clean.Columns[e.Column];
                _writer.Write(Quote(column.Name));
                _writer.Write(',');
                _writer.Write(DirtyData.NameOf(e.Kind));
                _writer.Write(',');
                _writer.Write(Quote(Format(column, e.Original, buffer)));
                _writer.Write(',');
                _writer.Write(Quote(Format(column, e.Dirty, buffer)));
            }
            else
            {
                _writer.Write(',');
                _writer.Write(DirtyData.NameOf(e.Kind));
                _writer.Write(",,");
            }

            _writer.Write('\n');
            EntriesWritten++;
        }
    }

    /// <summary>Flushes.</summary>
    public void Complete() => _writer.Flush();

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();

    private static string Format(OutputColumn column, DirtyCellValue value, Span<char> buffer) =>
        value.Text ?? CellText.Format(column.Variable!, value.Value, buffer).ToString();

    internal static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
