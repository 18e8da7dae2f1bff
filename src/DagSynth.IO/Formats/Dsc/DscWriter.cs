using System.Globalization;
using DagSynth.IO.Formats.Export;
using DagSynth.Models;

namespace DagSynth.IO.Formats.Dsc;

/// <summary>
/// Writes bnlearn's DSC format: a <c>belief network</c> banner, one <c>node</c> per variable with
/// quoted states, and one <c>probability</c> block per variable whose rows are keyed by 0-based
/// state indices (in canonical order: last parent fastest; readers use the indices, not the order).
/// </summary>
internal sealed class DscWriter : FormatWriter
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "node", "probability", "type", "discrete", "default", "function" };

    private static readonly NamePolicy NodeNames = NamePolicy.Word("{}()[];:=|,\"", Keywords, "// /*");

    /// <inheritdoc/>
    public override FormatCapabilities Capabilities { get; } = new() { Name = "DSC" };

    /// <inheritdoc/>
    public override ExportNames ChooseNames(Model model, List<string> problems) =>
        ExportNames.Choose(model, NodeNames, NamePolicy.Quoted, problems);

    /// <inheritdoc/>
    public override void Write(Model model, ExportNames names, TextWriter writer)
    {
        writer.WriteLine($"belief network \"{(NamePolicy.Quoted.Problem(model.Name) is null ? model.Name : NamePolicy.Quoted.Sanitize(model.Name))}\"");
        foreach (var v in model.Variables)
        {
            writer.WriteLine($"node {names.Variable(v.Index)} {{");
            writer.WriteLine($"  type : discrete [ {v.Cardinality} ] = {{ {string.Join(", ", names.Levels(v.Index).Select(s => $"\"{s}\""))} }};");
            writer.WriteLine("}");
        }

        foreach (var v in model.Variables)
        {
            var table = TableOf(v);
            var header = names.Variable(v.Index) + (v.Parents.Length == 0 ? string.Empty : " | " + string.Join(", ", v.Parents.Select(names.Variable)));
            writer.WriteLine($"probability ( {header} ) {{");
            if (v.Parents.Length == 0)
            {
                writer.WriteLine($"   {string.Join(", ", table.Row(0).ToArray().Select(Number))};");
            }
            else
            {
                var levels = new int[v.Parents.Length];
                for (var r = 0; r < table.RowCount; r++)
                {
                    table.LevelsOf(r, levels);
                    writer.WriteLine($"  ({string.Join(", ", levels.Select(l => l.ToString(CultureInfo.InvariantCulture)))}) : {string.Join(", ", table.Row(r).ToArray().Select(Number))};");
                }
            }

            writer.WriteLine("}");
        }
    }
}
