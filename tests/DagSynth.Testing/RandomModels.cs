using DagSynth.Models;

namespace DagSynth.Testing;

/// <summary>
/// Random discrete models for property tests: a random DAG (each variable's parents drawn from the
/// variables before it, then the variables shuffled in the file so the file order is not a
/// topological order), random level counts and random tables, some with structural zeros.
/// </summary>
public static class RandomModels
{
    /// <summary>A random model determined by <paramref name="seed"/>.</summary>
    public static Model Create(int seed, int maxVariables = 8, int maxLevels = 5, int maxParents = 3)
    {
        var random = new Random(seed);
        var n = random.Next(1, maxVariables + 1);
        var names = Enumerable.Range(0, n).Select(i => $"v{i}").ToArray();
        var levels = names.Select(_ => Enumerable.Range(0, random.Next(1, maxLevels + 1)).Select(k => $"s{k}").ToArray()).ToArray();
        var parents = new int[n][];
        for (var i = 0; i < n; i++)
        {
            parents[i] = [.. Enumerable.Range(0, i).OrderBy(_ => random.Next()).Take(random.Next(0, Math.Min(i, maxParents) + 1)).Order()];
        }

        var fileOrder = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        var builder = new SpecBuilder();
        foreach (var i in fileOrder)
        {
            if (parents[i].Length == 0)
            {
                builder.Root(names[i], levels[i], RandomRow(random, levels[i].Length));
            }
            else
            {
                var rows = parents[i].Aggregate(1, (acc, p) => acc * levels[p].Length);
                builder.Child(
                    names[i],
                    levels[i],
                    [.. parents[i].Select(p => names[p])],
                    [.. parents[i].Select(p => levels[p])],
                    [.. Enumerable.Range(0, rows).Select(_ => RandomRow(random, levels[i].Length))]);
            }
        }

        return builder.BuildModel();
    }

    /// <summary>A random probability row; about a third of rows have structural zeros.</summary>
    public static double[] RandomRow(Random random, int length)
    {
        var row = new double[length];
        var zeros = random.Next(3) == 0;
        for (var k = 0; k < length; k++)
        {
            row[k] = zeros && random.Next(2) == 0 ? 0 : random.NextDouble() + 0.01;
        }

        if (row.All(x => x == 0))
        {
            row[random.Next(length)] = 1;
        }

        var sum = row.Sum();
        for (var k = 0; k < length; k++)
        {
            row[k] /= sum;
        }

        return row;
    }
}
