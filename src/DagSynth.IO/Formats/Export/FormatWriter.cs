using System.Globalization;
using DagSynth.Models;

namespace DagSynth.IO.Formats.Export;

/// <summary>A writer of one model file format.</summary>
internal abstract class FormatWriter
{
    /// <summary>What the format holds beyond tables.</summary>
    public abstract FormatCapabilities Capabilities { get; }

    /// <summary>The names to write; names the format cannot hold are added to <paramref name="problems"/>.</summary>
    public abstract ExportNames ChooseNames(Model model, List<string> problems);

    /// <summary>Writes <paramref name="model"/> with <paramref name="names"/>.</summary>
    public abstract void Write(Model model, ExportNames names, TextWriter writer);

    /// <summary>A probability written with as many digits as reading it back to the same double needs.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The table of <paramref name="variable"/> (validated models hold tables only for now).</summary>
    public static Cpt TableOf(Variable variable) => ((CptConditional)variable.Conditional).Table;

    /// <summary>The level index of each parent in configuration <paramref name="configuration"/> (last parent fastest).</summary>
    public static void LevelsOf(Cpt table, int configuration, Span<int> levels) => table.LevelsOf(configuration, levels);
}
