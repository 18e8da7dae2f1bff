using System.Text;
using DagSynth.IO.Formats;
using DagSynth.Models;

namespace DagSynth.IO.Tests.Formats;

/// <summary>Reads model text written in a test.</summary>
internal static class TextModels
{
    /// <summary>Reads <paramref name="text"/> (UTF-8) as <paramref name="format"/>.</summary>
    public static ModelLoadResult Read(string text, ModelFormat format) =>
        ModelFile.Read(Encoding.UTF8.GetBytes(text), "test" + ModelFormats.Extensions.First(e => e.Value == format).Key, format);

    /// <summary>Reads <paramref name="text"/> and asserts a model with no errors.</summary>
    public static Model Load(string text, ModelFormat format)
    {
        var result = Read(text, format);
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    /// <summary>The values of <paramref name="variable"/>'s table.</summary>
    public static double[] Values(Model model, string variable) => ((CptConditional)model[variable].Conditional).Table.Values.ToArray();
}
