using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DagSynth.Cli.Rendering;

/// <summary>
/// Writes JSON results: indented, UTF-8, names and levels unescaped where JSON allows (so a level
/// such as <c>&lt;5</c> reads as written), doubles in their shortest round-trip form, and non-finite
/// numbers (an infinite ratio) as null.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the document built by <paramref name="write"/> to <paramref name="output"/>, with a final newline.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        output.Write(Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal));
        output.Write('\n');
    }

    /// <summary>Writes a number, or null when it is NaN or infinite.</summary>
    public static void Number(this Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
