using System.Buffers;
using System.Text;
using DagSynth.Diagnostics;

namespace DagSynth.IO.Formats.Text;

/// <summary>
/// Turns a model file's bytes into text, choosing the encoding explicitly: a byte-order mark
/// (UTF-8, UTF-16, UTF-32) wins; otherwise valid UTF-8 is read as UTF-8, and anything else as
/// Windows-1252 (a superset of Latin-1, which old MSBN and Netica files use) with a warning.
/// Binary content (a NUL byte) is refused: it is never a model.
/// </summary>
internal static class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The fallback for text that is not UTF-8.</summary>
    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    /// <summary>Decodes <paramref name="bytes"/>, or returns null after reporting why it is not text.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string source, DiagnosticBag diagnostics)
    {
        if (Bom(bytes) is { } bom)
        {
            try
            {
                return bom.Encoding.GetString(bytes[bom.Length..]);
            }
            catch (DecoderFallbackException)
            {
                diagnostics.Error(DiagnosticCodes.Encoding, SourceSpan.InSource(source), $"the file starts with a {bom.Encoding.WebName} byte-order mark but is not valid {bom.Encoding.WebName}");
                return null;
            }
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            var (line, column) = LineOf(bytes, nul);
            diagnostics.Error(
                DiagnosticCodes.Encoding,
                new SourceSpan(source, line, column),
                $"the file is binary, not text (a NUL byte at offset {nul})",
                "give a model file: BIF, XMLBIF, NET, DSC, UAI, XDSL, YAML or JSON");
            return null;
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var bad = FirstInvalidUtf8(bytes);
        var (badLine, badColumn) = LineOf(bytes, bad);
        diagnostics.Warning(
            DiagnosticCodes.Encoding,
            new SourceSpan(source, badLine, badColumn),
            "the file is not valid UTF-8; it was read as Windows-1252 (Latin-1)",
            "save the file as UTF-8 to be sure every name reads as intended");
        return Windows1252.GetString(bytes);
    }

    /// <summary>The encoding named by a byte-order mark at the start of <paramref name="bytes"/>, with the mark's length.</summary>
    public static (Encoding Encoding, int Length)? Bom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (StrictUtf8, 3);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        return null;
    }

    /// <summary>
    /// Where <paramref name="text"/> first holds a run of more than <paramref name="limit"/>
    /// characters none of which is in <paramref name="breaks"/>, with the run's length; null when
    /// there is none. Vectorised: a cheap guard against garbage before a slower parser sees it.
    /// </summary>
    public static (int Index, int Length)? OverlongRun(string text, SearchValues<char> breaks, int limit)
    {
        var span = text.AsSpan();
        var offset = 0;
        while (offset < span.Length)
        {
            var next = span[offset..].IndexOfAny(breaks);
            var run = next < 0 ? span.Length - offset : next;
            if (run > limit)
            {
                return (offset, run);
            }

            if (next < 0)
            {
                return null;
            }

            offset += next + 1;
        }

        return null;
    }

    /// <summary>The 1-based line and column of character <paramref name="index"/> of <paramref name="text"/>.</summary>
    public static (int Line, int Column) LineOf(string text, int index)
    {
        var before = text.AsSpan(0, index);
        var line = before.Count('\n') + 1;
        return (line, index - before.LastIndexOf('\n'));
    }

    /// <summary>Decodes with a strict UTF-8 decoder (throws on invalid bytes).</summary>
    public static string DecodeUtf8Strict(ReadOnlySpan<byte> bytes) => StrictUtf8.GetString(bytes);

    /// <summary>The 1-based line and column (in bytes) of byte <paramref name="offset"/>.</summary>
    public static (int Line, int Column) LineOf(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (line, offset - lastNewline);
    }

    /// <summary>The offset of the first byte that is not valid UTF-8 (the text is known to hold one).</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var buffer = new char[4096];
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes[offset..], buffer, out var read, out _, replaceInvalidSequences: false);
            if (status != System.Buffers.OperationStatus.DestinationTooSmall)
            {
                return Math.Min(bytes.Length - 1, offset + read);
            }

            offset += read;
        }

        return bytes.Length - 1;
    }
}
