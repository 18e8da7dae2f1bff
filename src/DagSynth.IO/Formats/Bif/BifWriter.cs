using DagSynth.IO.Formats.Export;
using DagSynth.Models;

namespace DagSynth.IO.Formats.Bif;

/// <summary>
/// Writes BIF 0.15 as bnlearn reads it: roots as <c>table</c>, children as one row per parent
/// configuration labelled by state names (rows never depend on their order). Names are written plain
/// when they are simple words, and double-quoted otherwise (JavaBayes style), so blanks, <c>%</c>,
/// <c>,</c> and <c>|</c> survive.
/// </summary>
internal sealed class BifWriter : FormatWriter
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "network", "variable", "probability", "property", "type", "discrete", "table", "default",
    };

    /// <inheritdoc/>
    public override FormatCapabilities Capabilities { get; } = new() { Name = "BIF" };

    /// <inheritdoc/>
    public override ExportNames ChooseNames(Model model, List<string> problems) =>
        ExportNames.Choose(model, NamePolicy.Quoted, NamePolicy.Quoted, problems);

    /// <inheritdoc/>
    public override void Write(Model model, ExportNames names, TextWriter writer)
    {
        writer.WriteLine($"network {Name(NamePolicy.Quoted.Problem(model.Name) is null ? model.Name : NamePolicy.Quoted.Sanitize(model.Name))} {{");
        writer.WriteLine("}");
        foreach (var v in model.Variables)
        {
            writer.WriteLine($"variable {Name(names.Variable(v.Index))} {{");
            writer.WriteLine($"  type discrete [ {v.Cardinality} ] {{ {string.Join(", ", names.Levels(v.Index).Select(Name))} }};");
            writer.WriteLine("}");
        }

        var levels = new int[model.Variables.Select(v => v.Parents.Length).DefaultIfEmpty().Max() + 1];
        foreach (var v in model.Variables)
        {
            var table = TableOf(v);
            var header = Name(names.Variable(v.Index));
            if (v.Parents.Length > 0)
            {
                header += " | " + string.Join(", ", v.Parents.Select(p => Name(names.Variable(p))));
            }

            writer.WriteLine($"probability ( {header} ) {{");
            if (v.Parents.Length == 0)
            {
                writer.WriteLine($"  table {string.Join(", ", table.Row(0).ToArray().Select(Number))};");
            }
            else
            {
                var parentLevels = levels.AsSpan(0, v.Parents.Length);
                for (var r = 0; r < table.RowCount; r++)
                {
                    table.LevelsOf(r, parentLevels);
                    writer.Write("  (");
                    for (var p = 0; p < v.Parents.Length; p++)
                    {
                        writer.Write(p == 0 ? string.Empty : ", ");
                        writer.Write(Name(names.Level(v.Parents[p], parentLevels[p])));
                    }

                    writer.Write(") ");
                    WriteRow(writer, table.Row(r));
                    writer.WriteLine(";");
                }
            }

            writer.WriteLine("}");
        }
    }

    private static void WriteRow(TextWriter writer, ReadOnlySpan<double> row)
    {
        for (var k = 0; k < row.Length; k++)
        {
            writer.Write(k == 0 ? string.Empty : ", ");
            writer.Write(Number(row[k]));
        }
    }

    /// <summary>A name plain when it is a simple word that every BIF reader takes, quoted otherwise.</summary>
    private static string Name(string name)
    {
        var plain = name.Length > 0
            && !Keywords.Contains(name)
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '+' or '<' or '>' or '=')
            && !name.Contains("//", StringComparison.Ordinal);
        return plain ? name : $"\"{name}\"";
    }
}
