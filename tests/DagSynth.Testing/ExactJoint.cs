using DagSynth.Models;

namespace DagSynth.Testing;

/// <summary>
/// Exact answers for small discrete models by brute-force enumeration of every joint configuration:
/// slow, obviously correct, and independent of the sampler and of any inference engine.
/// </summary>
public sealed class ExactJoint
{
    private readonly Model _model;
    private readonly double[] _probabilities;
    private readonly int[] _cardinalities;

    /// <summary>Enumerates the joint distribution of <paramref name="model"/> (at most 2^22 configurations).</summary>
    public ExactJoint(Model model)
    {
        _model = model;
        _cardinalities = [.. model.Variables.Select(v => v.Cardinality)];
        long size = 1;
        foreach (var c in _cardinalities)
        {
            size *= c;
            if (size > 1 << 22)
            {
                throw new ArgumentException("the model is too large to enumerate");
            }
        }

        _probabilities = new double[size];
        var codes = new int[_cardinalities.Length];
        for (var index = 0; index < size; index++)
        {
            Decode(index, codes);
            var p = 1.0;
            foreach (var v in model.Variables)
            {
                var table = ((CptConditional)v.Conditional).Table;
                var parentLevels = v.Parents.Select(q => codes[q]).ToArray();
                p *= table.Probability(parentLevels, codes[v.Index]);
                if (p == 0)
                {
                    break;
                }
            }

            _probabilities[index] = p;
        }
    }

    /// <summary>The exact marginal distribution of variable <paramref name="variable"/>.</summary>
    public double[] Marginal(int variable)
    {
        var result = new double[_cardinalities[variable]];
        var codes = new int[_cardinalities.Length];
        for (var index = 0; index < _probabilities.Length; index++)
        {
            Decode(index, codes);
            result[codes[variable]] += _probabilities[index];
        }

        return result;
    }

    /// <summary>The exact probability of the event <paramref name="predicate"/> (over level codes by variable).</summary>
    public double Probability(Func<int[], bool> predicate)
    {
        var codes = new int[_cardinalities.Length];
        var total = 0.0;
        for (var index = 0; index < _probabilities.Length; index++)
        {
            Decode(index, codes);
            if (predicate(codes))
            {
                total += _probabilities[index];
            }
        }

        return total;
    }

    /// <summary>The model enumerated.</summary>
    public Model Model => _model;

    private void Decode(int index, int[] codes)
    {
        for (var v = _cardinalities.Length - 1; v >= 0; v--)
        {
            codes[v] = index % _cardinalities[v];
            index /= _cardinalities[v];
        }
    }
}
