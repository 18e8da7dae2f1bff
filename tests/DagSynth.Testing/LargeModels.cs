using DagSynth.Models;

namespace DagSynth.Testing;

/// <summary>
/// Large generated networks for scale tests and benchmarks: sparse random DAGs the size of the
/// bnlearn repository's big networks, and grids whose junction trees are far too large to hold.
/// </summary>
public static class LargeModels
{
    /// <summary>
    /// A sparse random DAG: each variable takes up to <paramref name="maxParents"/> parents among the
    /// <paramref name="window"/> variables before it (a locality that keeps exact inference feasible,
    /// as in real networks), 2 to <paramref name="maxLevels"/> levels, random tables with some zeros.
    /// </summary>
    public static Model Sparse(int seed, int variables, int maxParents = 3, int window = 12, int maxLevels = 4)
    {
        var random = new Random(seed);
        var names = Enumerable.Range(0, variables).Select(i => $"x{i:D4}").ToArray();
        var levels = names.Select(_ => Enumerable.Range(0, random.Next(2, maxLevels + 1)).Select(k => $"s{k}").ToArray()).ToArray();
        var builder = new SpecBuilder();
        for (var i = 0; i < variables; i++)
        {
            var candidates = Enumerable.Range(Math.Max(0, i - window), Math.Min(i, window)).OrderBy(_ => random.Next()).ToArray();
            var parents = candidates.Take(random.Next(0, Math.Min(maxParents, candidates.Length) + 1)).Order().ToArray();
            AddVariable(builder, random, names, levels, i, parents);
        }

        return builder.BuildModel();
    }

    /// <summary>
    /// A <paramref name="rows"/> x <paramref name="columns"/> grid of binary variables, each with its
    /// upper and left neighbours as parents: its treewidth is min(rows, columns), so exact inference
    /// on a 40 x 40 grid needs tables of about 2^40 entries.
    /// </summary>
    public static Model Grid(int rows, int columns, int seed = 1)
    {
        var random = new Random(seed);
        var names = new string[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                names[(r * columns) + c] = $"g{r}_{c}";
            }
        }

        var levels = names.Select(_ => new[] { "off", "on" }).ToArray();
        var builder = new SpecBuilder();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var parents = new List<int>();
                if (r > 0)
                {
                    parents.Add(((r - 1) * columns) + c);
                }

                if (c > 0)
                {
                    parents.Add((r * columns) + c - 1);
                }

                AddVariable(builder, random, names, levels, (r * columns) + c, [.. parents]);
            }
        }

        return builder.BuildModel();
    }

    private static void AddVariable(SpecBuilder builder, Random random, string[] names, string[][] levels, int i, int[] parents)
    {
        if (parents.Length == 0)
        {
            builder.Root(names[i], levels[i], RandomModels.RandomRow(random, levels[i].Length));
            return;
        }

        var rowCount = parents.Aggregate(1, (acc, p) => acc * levels[p].Length);
        builder.Child(
            names[i],
            levels[i],
            [.. parents.Select(p => names[p])],
            [.. parents.Select(p => levels[p])],
            [.. Enumerable.Range(0, rowCount).Select(_ => RandomModels.RandomRow(random, levels[i].Length))]);
    }
}
