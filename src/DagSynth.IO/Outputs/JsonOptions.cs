using System.Text.Encodings.Web;
using System.Text.Json;

namespace DagSynth.IO.Outputs;

/// <summary>The JSON settings of the teaching documents (indented, readable non-ASCII, nulls kept).</summary>
internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
