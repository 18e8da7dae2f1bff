using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>
/// A probability distribution over the joint levels of one or more discrete variables, as a flat
/// table: row-major over <see cref="Variables"/> in the order given, the last variable fastest
/// (for one variable, simply one probability per level). Immutable; sums to 1.
/// </summary>
public sealed class JointDistribution
{
    private readonly double[] _values;
    private readonly int[] _strides;

    internal JointDistribution(ImmutableArray<int> variables, ImmutableArray<int> cardinalities, double[] values)
    {
        Variables = variables;
        Cardinalities = cardinalities;
        _values = values;
        _strides = Factor.StridesOf([.. cardinalities]);
    }

    /// <summary>The variables' indices, in the order of the table's dimensions.</summary>
    public ImmutableArray<int> Variables { get; }

    /// <summary>The level count of each variable.</summary>
    public ImmutableArray<int> Cardinalities { get; }

    /// <summary>The probabilities, row-major over <see cref="Variables"/>, the last fastest.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The number of joint configurations.</summary>
    public int Count => _values.Length;

    /// <summary>The probability that the variables take <paramref name="levels"/> (one code per variable, in order).</summary>
    public double Probability(ReadOnlySpan<int> levels)
    {
        var index = 0;
        for (var j = 0; j < _strides.Length; j++)
        {
            index += levels[j] * _strides[j];
        }

        return _values[index];
    }

    /// <summary>Writes the levels of configuration <paramref name="index"/> into <paramref name="levels"/>.</summary>
    public void LevelsOf(int index, Span<int> levels)
    {
        for (var j = _strides.Length - 1; j >= 0; j--)
        {
            levels[j] = index % Cardinalities[j];
            index /= Cardinalities[j];
        }
    }

    /// <summary>The level names of configuration <paramref name="index"/>, joined by commas: <c>yes,no</c>.</summary>
    public string Label(Model model, int index)
    {
        ArgumentNullException.ThrowIfNull(model);
        Span<int> levels = stackalloc int[Variables.Length];
        LevelsOf(index, levels);
        var names = new string[Variables.Length];
        for (var j = 0; j < names.Length; j++)
        {
            names[j] = model.Variables[Variables[j]].Levels[levels[j]];
        }

        return string.Join(",", names);
    }
}
