using DagSynth.Models;

namespace DagSynth.Testing;

/// <summary>Assertions that compare models table by table.</summary>
public static class ModelAssert
{
    /// <summary>The table of <paramref name="variable"/>.</summary>
    public static Cpt Table(Variable variable) => ((CptConditional)variable.Conditional).Table;

    /// <summary>Same variables in the same order, same names, levels, parents and bit-identical tables.</summary>
    public static void Identical(Model expected, Model actual)
    {
        Assert.Equal(expected.Variables.Select(v => v.Name), actual.Variables.Select(v => v.Name));
        foreach (var e in expected.Variables)
        {
            var a = actual.Variables[e.Index];
            Assert.Equal(e.Levels, a.Levels);
            Assert.Equal(e.Parents, a.Parents);
            AssertSameValues(e.Name, Table(e).Values, Table(a).Values);
        }
    }

    /// <summary>Same structure and bit-identical tables by position; names are not compared.</summary>
    public static void SameTablesByPosition(Model expected, Model actual)
    {
        Assert.Equal(expected.Variables.Length, actual.Variables.Length);
        foreach (var e in expected.Variables)
        {
            var a = actual.Variables[e.Index];
            Assert.Equal(e.Cardinality, a.Cardinality);
            Assert.Equal(e.Parents, a.Parents);
            AssertSameValues(e.Name, Table(e).Values, Table(a).Values);
        }
    }

    /// <summary>
    /// The same network whatever the order of variables, parents and levels in each file: every
    /// probability, found by variable, parent and level names, agrees within <paramref name="tolerance"/>.
    /// </summary>
    public static void Equivalent(Model expected, Model actual, double tolerance)
    {
        Assert.Equal(expected.Variables.Select(v => v.Name).Order(StringComparer.Ordinal), actual.Variables.Select(v => v.Name).Order(StringComparer.Ordinal));
        foreach (var e in expected.Variables)
        {
            var a = actual[e.Name];
            Assert.Equal(e.Levels.Order(StringComparer.Ordinal), a.Levels.Order(StringComparer.Ordinal));
            var expectedParents = e.Parents.Select(p => expected.Variables[p]).ToList();
            var actualParents = a.Parents.Select(p => actual.Variables[p]).ToList();
            Assert.Equal(expectedParents.Select(p => p.Name).Order(StringComparer.Ordinal), actualParents.Select(p => p.Name).Order(StringComparer.Ordinal));
            var te = Table(e);
            var ta = Table(a);
            var levelsE = new int[expectedParents.Count];
            var levelsA = new int[actualParents.Count];
            for (var r = 0; r < te.RowCount; r++)
            {
                te.LevelsOf(r, levelsE);
                for (var i = 0; i < actualParents.Count; i++)
                {
                    var j = expectedParents.FindIndex(p => p.Name == actualParents[i].Name);
                    levelsA[i] = actualParents[i].LevelIndex(expectedParents[j].Levels[levelsE[j]]);
                }

                var rowA = ta.Row(ta.ConfigurationOf(levelsA));
                var rowE = te.Row(r);
                for (var k = 0; k < e.Cardinality; k++)
                {
                    var pa = rowA[a.LevelIndex(e.Levels[k])];
                    Assert.True(
                        Math.Abs(rowE[k] - pa) <= tolerance,
                        $"P({e.Name}={e.Levels[k]} | config {r}) is {rowE[k]} in one model and {pa} in the other");
                }
            }
        }
    }

    private static void AssertSameValues(string name, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.True(expected.Length == actual.Length, $"the table of '{name}' has {actual.Length} values, expected {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"value {i} of the table of '{name}' is {actual[i]:R}, expected {expected[i]:R}");
        }
    }
}
