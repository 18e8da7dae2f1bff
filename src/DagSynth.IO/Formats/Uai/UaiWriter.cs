using System.Globalization;
using DagSynth.IO.Formats.Export;
using DagSynth.Models;

namespace DagSynth.IO.Formats.Uai;

/// <summary>
/// Writes the UAI <c>BAYES</c> format: cardinalities, one factor per variable in the model's order
/// whose scope lists the parents and then the variable, and the tables row-major over the scope
/// (one row per line). The format has no names; reading the file back names variables
/// <c>v0, v1, ...</c> and levels <c>0, 1, ...</c>.
/// </summary>
internal sealed class UaiWriter : FormatWriter
{
    /// <inheritdoc/>
    public override FormatCapabilities Capabilities { get; } = new() { Name = "UAI" };

    /// <inheritdoc/>
    public override ExportNames ChooseNames(Model model, List<string> problems) =>
        ExportNames.Positional(model, UaiNames.Variable, UaiNames.State, problems);

    /// <inheritdoc/>
    public override void Write(Model model, ExportNames names, TextWriter writer)
    {
        static string Int(int i) => i.ToString(CultureInfo.InvariantCulture);
        writer.WriteLine("BAYES");
        writer.WriteLine(Int(model.Variables.Length));
        writer.WriteLine(string.Join(" ", model.Variables.Select(v => Int(v.Cardinality))));
        writer.WriteLine(Int(model.Variables.Length));
        foreach (var v in model.Variables)
        {
            writer.WriteLine(string.Join(" ", v.Parents.Append(v.Index).Select(Int).Prepend(Int(v.Parents.Length + 1))));
        }

        foreach (var v in model.Variables)
        {
            var table = TableOf(v);
            writer.WriteLine();
            writer.WriteLine(Int(table.Values.Length));
            for (var r = 0; r < table.RowCount; r++)
            {
                writer.WriteLine(" " + string.Join(" ", table.Row(r).ToArray().Select(Number)));
            }
        }
    }
}
