using DagSynth.IO.Formats.Export;
using DagSynth.Models;

namespace DagSynth.IO.Formats.Net;

/// <summary>
/// Writes Hugin's NET language as Hugin and bnlearn do: a <c>net</c> block, one <c>node</c> per
/// variable (states quoted, the label when there is one), one <c>potential</c> per variable whose
/// <c>data</c> nests one pair of parentheses per parent, child fastest, with a <c>%</c> comment naming
/// each row's configuration.
/// </summary>
internal sealed class NetWriter : FormatWriter
{
    /// <summary>Hugin NET keywords, which cannot be node names.</summary>
    internal static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "net", "node", "potential", "discrete", "continuous", "decision", "utility", "function", "class",
    };

    /// <summary>Node names as the NET reader reads them back: words without blanks or NET's delimiters.</summary>
    internal static readonly NamePolicy NodeNames = NamePolicy.Word("{}()[];=|,\"%", Keywords, "// /*");

    /// <inheritdoc/>
    public override FormatCapabilities Capabilities { get; } = new() { Name = "Hugin NET", Labels = true };

    /// <inheritdoc/>
    public override ExportNames ChooseNames(Model model, List<string> problems) =>
        ExportNames.Choose(model, NodeNames, NamePolicy.Quoted, problems);

    /// <inheritdoc/>
    public override void Write(Model model, ExportNames names, TextWriter writer)
    {
        writer.WriteLine("net");
        writer.WriteLine("{");
        writer.WriteLine($"  name = \"{(NamePolicy.Quoted.Problem(model.Name) is null ? model.Name : NamePolicy.Quoted.Sanitize(model.Name))}\";");
        writer.WriteLine("}");
        foreach (var v in model.Variables)
        {
            writer.WriteLine($"node {names.Variable(v.Index)}");
            writer.WriteLine("{");
            writer.WriteLine($"  states = ( {string.Join(" ", names.Levels(v.Index).Select(s => $"\"{s}\""))} );");
            if (v.Label is { } label)
            {
                writer.WriteLine($"  label = \"{(NamePolicy.Quoted.Problem(label) is null ? label : NamePolicy.Quoted.Sanitize(label))}\";");
            }

            writer.WriteLine("}");
        }

        foreach (var v in model.Variables)
        {
            WritePotential(v, names, writer);
        }
    }

    private static void WritePotential(Variable v, ExportNames names, TextWriter writer)
    {
        var table = TableOf(v);
        var header = names.Variable(v.Index) + (v.Parents.Length == 0 ? string.Empty : " | " + string.Join(" ", v.Parents.Select(names.Variable)));
        writer.WriteLine($"potential ( {header} )");
        writer.WriteLine("{");
        if (v.Parents.Length == 0)
        {
            writer.WriteLine($"  data = ( {string.Join(" ", table.Row(0).ToArray().Select(Number))} );");
            writer.WriteLine("}");
            return;
        }

        // Block sizes: parent p's parentheses group blocks[p] consecutive rows.
        var k = v.Parents.Length;
        var blocks = new int[k];
        for (int p = k - 1, size = 1; p >= 0; p--)
        {
            size *= table.ParentCardinalities[p];
            blocks[p] = size;
        }

        var levels = new int[k];
        writer.Write("  data = ");
        for (var r = 0; r < table.RowCount; r++)
        {
            var opens = blocks.Count(b => r % b == 0);
            var closes = blocks.Count(b => (r + 1) % b == 0);
            writer.Write(r == 0 ? string.Empty : "         ");
            writer.Write(new string(' ', k - opens));
            writer.Write(new string('(', opens));
            writer.Write("( ");
            writer.Write(string.Join(" ", table.Row(r).ToArray().Select(Number)));
            writer.Write(" )");
            writer.Write(new string(')', closes));
            writer.Write(r == table.RowCount - 1 ? ";" : string.Empty);
            table.LevelsOf(r, levels);
            writer.WriteLine($"   % {string.Join("  ", v.Parents.Select((p, i) => $"{names.Variable(p)}={names.Level(p, levels[i])}"))}");
        }

        writer.WriteLine("}");
    }
}
