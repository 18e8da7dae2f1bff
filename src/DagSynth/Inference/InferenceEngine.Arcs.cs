using DagSynth.Distributions;
using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Inference;

public sealed partial class InferenceEngine
{
    /// <summary>
    /// The strength of every arc, in the order of the children in the model and then of their
    /// parents. Each needs the prior joint distribution of the child's family, which the calibrated
    /// junction tree holds; empty, with the DS0402 diagnostic, when the tree does not fit.
    /// </summary>
    public (ImmutableArray<ArcStrength> Arcs, ImmutableArray<Diagnostic> Diagnostics) ArcStrengths()
    {
        if (Prior is not { } prior)
        {
            return ([], [CompiledTree.Problem!.Value]);
        }

        var arcs = ImmutableArray.CreateBuilder<ArcStrength>(Model.EdgeCount);
        foreach (var child in Model.Variables)
        {
            if (child.Parents.IsEmpty)
            {
                continue;
            }

            var family = child.Parents.Append(child.Index).Order().ToArray();
            var joint = prior.Joint(family)!;
            foreach (var parent in child.Parents)
            {
                arcs.Add(Strength(joint, parent, child));
            }
        }

        return (arcs.MoveToImmutable(), []);
    }

    /// <summary>I(X; Y | Z) and the largest total-variation change of P(Y | X, Z) over X, from the family's joint.</summary>
    private static ArcStrength Strength(Factor family, int parent, Variable child)
    {
        var others = family.Variables.Where(v => v != parent && v != child.Index).ToArray();
        var pxz = family.Marginalize([.. family.Variables.Where(v => v != child.Index)]);
        var pyz = family.Marginalize([.. family.Variables.Where(v => v != parent)]);
        var pz = family.Marginalize(others);
        var positionX = family.PositionOf(parent);
        var positionY = family.PositionOf(child.Index);
        var n = family.Variables.Length;
        var levels = new int[n];
        var information = 0.0;
        for (var i = 0; i < family.Size; i++)
        {
            var p = family.Values[i];
            if (p > 0)
            {
                var xz = IndexWithout(levels, pxz, positionY);
                var yz = IndexWithout(levels, pyz, positionX);
                var z = IndexWithout(levels, pz, positionX, positionY);
                information += p * PortableMath.Log2(p * pz.Values[z] / (pxz.Values[xz] * pyz.Values[yz]));
            }

            Advance(levels, family.Cardinalities);
        }

        return new ArcStrength(parent, child.Index, Math.Max(0, information), MaxChange(child, parent, pxz));
    }

    /// <summary>The largest total-variation distance between two rows of the child's table that differ only in <paramref name="parent"/>, both possible.</summary>
    private static double MaxChange(Variable child, int parent, Factor parentsJoint)
    {
        var table = ((CptConditional)child.Conditional).Table;
        var j = child.Parents.IndexOf(parent);
        var parentLevels = new int[child.Parents.Length];
        var sorted = new int[parentsJoint.Variables.Length];
        var best = 0.0;
        for (var row = 0; row < table.RowCount; row++)
        {
            table.LevelsOf(row, parentLevels);
            if (parentLevels[j] != 0)
            {
                continue; // visit each configuration of the other parents once, from the parent's level 0
            }

            for (var a = 0; a < table.ParentCardinalities[j]; a++)
            {
                parentLevels[j] = a;
                if (!Possible(child, parentLevels, parentsJoint, sorted))
                {
                    continue;
                }

                var rowA = table.Row(table.ConfigurationOf(parentLevels));
                for (var b = a + 1; b < table.ParentCardinalities[j]; b++)
                {
                    parentLevels[j] = b;
                    if (!Possible(child, parentLevels, parentsJoint, sorted))
                    {
                        continue;
                    }

                    var rowB = table.Row(table.ConfigurationOf(parentLevels));
                    var distance = 0.0;
                    for (var k = 0; k < rowA.Length; k++)
                    {
                        distance += Math.Abs(rowA[k] - rowB[k]);
                    }

                    best = Math.Max(best, distance / 2);
                }

                parentLevels[j] = a;
            }

            parentLevels[j] = 0;
        }

        return best;
    }

    /// <summary>Whether the parents' configuration (in the child's parent order) has positive prior probability.</summary>
    private static bool Possible(Variable child, int[] parentLevels, Factor parentsJoint, int[] scratch)
    {
        for (var j = 0; j < child.Parents.Length; j++)
        {
            scratch[parentsJoint.PositionOf(child.Parents[j])] = parentLevels[j];
        }

        var index = 0;
        for (var d = 0; d < scratch.Length; d++)
        {
            index += scratch[d] * parentsJoint.Strides[d];
        }

        return parentsJoint.Values[index] > 0;
    }

    /// <summary>The index in <paramref name="marginal"/> of the family configuration <paramref name="levels"/>, skipping the given positions.</summary>
    private static int IndexWithout(int[] levels, Factor marginal, int skip, int skipToo = -1)
    {
        var index = 0;
        var d = 0;
        for (var p = 0; p < levels.Length; p++)
        {
            if (p != skip && p != skipToo)
            {
                index += levels[p] * marginal.Strides[d++];
            }
        }

        return index;
    }

    private static void Advance(int[] levels, int[] cardinalities)
    {
        for (var d = levels.Length - 1; d >= 0; d--)
        {
            if (++levels[d] < cardinalities[d])
            {
                return;
            }

            levels[d] = 0;
        }
    }
}
