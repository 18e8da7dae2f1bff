using DagSynth.Models;

namespace DagSynth.Sampling;

/// <summary>
/// A rule compiled for checking rows: for a rule over few discrete configurations, a table of which
/// configurations break it, so checking a row is one lookup; otherwise its expression is evaluated
/// over the batch.
/// </summary>
internal sealed class CompiledRule
{
    /// <summary>Above this many joint configurations the rule is evaluated as an expression instead.</summary>
    public const int MaxTable = 1 << 20;

    public CompiledRule(Rule rule, Model model)
    {
        Rule = rule;
        Variables = [.. rule.Variables];
        Strides = new int[Variables.Length];
        if (rule.Condition is null)
        {
            return;
        }

        long size = 1;
        for (var i = Variables.Length - 1; i >= 0; i--)
        {
            Strides[i] = (int)Math.Min(size, int.MaxValue);
            size *= model.Variables[Variables[i]].Cardinality;
            if (size > MaxTable)
            {
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

    /// <summary>Which joint configurations break the rule, or null to evaluate the expression.</summary>
    public bool[]? Violates { get; }
}
