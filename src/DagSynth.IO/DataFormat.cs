using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.IO;

/// <summary>The output formats for generated data, chosen by the output file's extension.</summary>
public enum DataFormat
{
    /// <summary>Comma-separated values (<c>.csv</c>, and <c>-</c> for standard output).</summary>
    Csv,

    /// <summary>Tab-separated values (<c>.tsv</c>).</summary>
    Tsv,

    /// <summary>Apache Parquet (<c>.parquet</c>).</summary>
    Parquet,

    /// <summary>JSON Lines: one JSON object per row (<c>.jsonl</c>).</summary>
    JsonLines,

    /// <summary>An Excel workbook (<c>.xlsx</c>): a data sheet and a codebook sheet.</summary>
    Excel,
}

/// <summary>Chooses a <see cref="DataFormat"/> from a path.</summary>
public static class DataFormats
{
    /// <summary>The extensions understood, with their formats.</summary>
    public static readonly ImmutableArray<KeyValuePair<string, DataFormat>> Extensions =
    [
        KeyValuePair.Create(".csv", DataFormat.Csv),
        KeyValuePair.Create(".tsv", DataFormat.Tsv),
        KeyValuePair.Create(".parquet", DataFormat.Parquet),
        KeyValuePair.Create(".jsonl", DataFormat.JsonLines),
        KeyValuePair.Create(".xlsx", DataFormat.Excel),
    ];

    /// <summary>The file extension of <paramref name="format"/>, with its dot.</summary>
    public static string ExtensionOf(DataFormat format) => Extensions.First(e => e.Value == format).Key;

    /// <summary>The format for <paramref name="path"/> (<c>-</c> is CSV), or a diagnostic naming the known extensions.</summary>
    public static (DataFormat? Format, Diagnostic? Problem) FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "-")
        {
            return (DataFormat.Csv, null);
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        foreach (var (ext, format) in Extensions)
        {
            if (ext == extension)
            {
                return (format, null);
            }
        }

        return (null, Diagnostic.Error(
            DiagnosticCodes.UnknownFormat,
            SourceSpan.InSource(path),
            extension.Length == 0 ? "cannot tell the output format: the file name has no extension" : $"'{extension}' is not an output format DagSynth writes",
            $"end the output file name in {string.Join(", ", Extensions.Select(e => e.Key))}, or write '-' for CSV on standard output"));
    }
}
