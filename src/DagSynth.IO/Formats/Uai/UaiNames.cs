using System.Globalization;

namespace DagSynth.IO.Formats.Uai;

/// <summary>The names the UAI format lacks: variables <c>v0, v1, ...</c> and states <c>0, 1, ...</c>, by position.</summary>
internal static class UaiNames
{
    /// <summary>The name of variable <paramref name="index"/>.</summary>
    public static string Variable(int index) => "v" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name of state <paramref name="index"/>.</summary>
    public static string State(int index) => index.ToString(CultureInfo.InvariantCulture);
}
