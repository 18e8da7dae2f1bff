using DagSynth.Models;

namespace DagSynth.Sampling;

/// <summary>
/// A rule compiled for checking rows: when the variables it reads have few joint configurations, a
/// table of which configurations break the rule, so checking a row is one lookup.
/// </summary>
internal sealed class CompiledRule
{
    /// <summary>Above this many joint configurations the rule is evaluated row by row instead.</summary>
    public const int MaxTable = 1 << 20;

    public CompiledRule(Rule rule, Model model)
    {
        Rule = rule;
        Variables = [.. rule.Variables];
        Strides = new int[Variables.Length];
        long size = 1;
        for (var i = Variables.Length - 1; i >= 0; i--)
        {
            Strides[i] = (int)Math.Min(size, int.MaxValue);
            size *= model.Variables[Variables[i]].Cardinality;
            if (size > MaxTable)
            {
                Violates = null;
                return;
            }
        }

        Violates = new bool[size];
        var codes = new int[model.Variables.Length];
        for (var config = 0; config < size; config++)
        {
            for (var i = 0; i < Variables.Length; i++)
            {
                codes[Variables[i]] = config / Strides[i] % model.Variables[Variables[i]].Cardinality;
            }

            Violates[config] = rule.Condition.Evaluate(codes);
        }
    }

    public Rule Rule { get; }

    public int[] Variables { get; }

    public int[] Strides { get; }

    /// <summary>Which joint configurations break the rule, or null when the table would be too large.</summary>
    public bool[]? Violates { get; }
}
