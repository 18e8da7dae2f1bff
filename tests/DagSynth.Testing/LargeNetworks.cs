using System.Globalization;
using System.Text;

namespace DagSynth.Testing;

/// <summary>
/// Generated BIF networks at the scale of the bnlearn repository's largest (hundreds to thousands
/// of nodes, hundreds of thousands of table entries, one table of 100,000 entries), written the way
/// bnlearn writes them: one row per parent configuration, labelled by state names, numbers with a
/// few significant digits.
/// </summary>
public static class LargeNetworks
{
    /// <summary>The shape of a generated network.</summary>
    /// <param name="Nodes">The number of nodes.</param>
    /// <param name="MaxParents">The most parents of an ordinary node (drawn from the 30 nodes before it).</param>
    /// <param name="MaxLevels">The most levels of an ordinary node (at least 2).</param>
    /// <param name="BigTableParents">
    /// Parents of the one big node (10 levels each, and 10 levels itself): 4 gives a table of
    /// 100,000 entries, 0 leaves it out.
    /// </param>
    /// <param name="Seed">The seed of the generator.</param>
    public sealed record Shape(int Nodes = 1000, int MaxParents = 4, int MaxLevels = 4, int BigTableParents = 4, int Seed = 1);

    /// <summary>A network of <paramref name="shape"/> as BIF text.</summary>
    public static string Bif(Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var random = new Random(shape.Seed);
        var n = shape.Nodes;
        var levels = new int[n];
        var parents = new int[n][];
        for (var i = 0; i < n; i++)
        {
            levels[i] = random.Next(2, shape.MaxLevels + 1);
            var window = Enumerable.Range(Math.Max(0, i - 30), Math.Min(i, 30)).OrderBy(_ => random.Next()).ToList();
            parents[i] = [.. window.Take(random.Next(0, Math.Min(shape.MaxParents, window.Count) + 1)).Order()];
        }

        if (shape.BigTableParents > 0 && n > shape.BigTableParents)
        {
            // The last node and the ones it depends on get ten levels each.
            var big = n - 1;
            parents[big] = [.. Enumerable.Range(big - shape.BigTableParents, shape.BigTableParents)];
            levels[big] = 10;
            foreach (var p in parents[big])
            {
                levels[p] = 10;
            }
        }

        var text = new StringBuilder(1 << 20);
        text.Append("network generated {\n}\n");
        for (var i = 0; i < n; i++)
        {
            text.Append("variable n").Append(i).Append(" {\n  type discrete [ ").Append(levels[i]).Append(" ] { ");
            text.AppendJoin(", ", Enumerable.Range(0, levels[i]).Select(k => "s" + k.ToString(CultureInfo.InvariantCulture)));
            text.Append(" };\n}\n");
        }

        for (var i = 0; i < n; i++)
        {
            text.Append("probability ( n").Append(i);
            if (parents[i].Length > 0)
            {
                text.Append(" | ").AppendJoin(", ", parents[i].Select(p => "n" + p.ToString(CultureInfo.InvariantCulture)));
            }

            text.Append(" ) {\n");
            if (parents[i].Length == 0)
            {
                text.Append("  table ");
                AppendRow(text, random, levels[i]);
                text.Append(";\n}\n");
                continue;
            }

            var choice = new int[parents[i].Length];
            var rows = parents[i].Aggregate(1, (acc, p) => acc * levels[p]);
            for (var r = 0; r < rows; r++)
            {
                text.Append("  (");
                for (var q = 0; q < choice.Length; q++)
                {
                    text.Append(q == 0 ? "s" : ", s").Append(choice[q]);
                }

                text.Append(") ");
                AppendRow(text, random, levels[i]);
                text.Append(";\n");

                // bnlearn's order: the first parent varies fastest.
                for (var q = 0; q < choice.Length && ++choice[q] == levels[parents[i][q]]; q++)
                {
                    choice[q] = 0;
                }
            }

            text.Append("}\n");
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, Random random, int length)
    {
        var weights = Enumerable.Range(0, length).Select(_ => random.Next(1, 100)).ToArray();
        var total = weights.Sum();
        for (var k = 0; k < length; k++)
        {
            text.Append(k == 0 ? string.Empty : ", ").Append(((double)weights[k] / total).ToString("G6", CultureInfo.InvariantCulture));
        }
    }
}
