using DagSynth.Expressions;
using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Inference;

public sealed partial class InferenceEngine
{
    /// <summary>Proves every rule of the model; see <see cref="ProveRule"/>.</summary>
    public RuleProofReport ProveRules() => new(Part.Original, [.. Model.Rules.Select(ProveRule)]);

    /// <summary>
    /// Proves a rule over discrete variables outside the exact part on the support over-approximation
    /// (<see cref="DiscretePart.SupportTables"/>): when no possible configuration there breaks it, none
    /// does in the model. Otherwise nothing is known, and the rule is checked on every generated row.
    /// </summary>
    private RuleProof ProveOnSupport(Rule rule, Condition condition, int[] variables)
    {
        var unknown = new RuleProof(rule, RuleProofStatus.Undecided, double.NaN, [], double.NaN, null);
        var (support, _) = VariableElimination.Run(Part.SupportTables, variables, Evidence.None, Options, support: true);
        if (support is null)
        {
            return unknown;
        }

        var codes = new int[Model.Variables.Length];
        for (var index = 0; index < support.Size; index++)
        {
            var rest = index;
            for (var j = variables.Length - 1; j >= 0; j--)
            {
                codes[variables[j]] = rest % support.Cardinalities[j];
                rest /= support.Cardinalities[j];
            }

            if (support.Values[index] > 0 && condition.Evaluate(codes))
            {
                return unknown;
            }
        }

        return new RuleProof(rule, RuleProofStatus.Proven, 0, [], 0, null);
    }

    /// <summary>
    /// Decides exactly whether <paramref name="rule"/> can be broken, by computing the joint
    /// distribution of the variables it reads and adding the probability of the configurations that
    /// satisfy its condition.
    /// </summary>
    /// <remarks>
    /// The verdict is taken on 0/1 tables (1 where a probability is positive): a configuration is
    /// possible exactly when every table entry along it is positive, and counting such
    /// configurations cannot underflow, so "proven" means that no row the sampler can draw breaks
    /// the rule (the sampler never draws a zero-probability level). A probability is only reported;
    /// any positive value, however small, is a violation: there is no tolerance.
    /// </remarks>
    public RuleProof ProveRule(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var variables = rule.Variables.ToArray();
        if (rule.Condition is not { } condition)
        {
            // Reads numbers: not an error or a warning; the rule is checked on every generated row.
            return new RuleProof(rule, RuleProofStatus.Undecided, double.NaN, [], double.NaN, null);
        }

        if (variables.Any(v => !Part.IsExact(v)))
        {
            return ProveOnSupport(rule, condition, variables);
        }

        var (support, problem) = VariableElimination.Run(Model, variables, Evidence.None, Options, support: true);
        if (support is null)
        {
            return Undecided(rule, problem!.Value.Message);
        }

        var (joint, _) = VariableElimination.Run(Model, variables, Evidence.None, Options);
        var codes = new int[Model.Variables.Length];
        var levels = new int[variables.Length];
        var probability = 0.0;
        var witness = -1;
        var witnessProbability = -1.0;
        for (var index = 0; index < support.Size; index++)
        {
            var rest = index;
            for (var j = variables.Length - 1; j >= 0; j--)
            {
                levels[j] = rest % support.Cardinalities[j];
                rest /= support.Cardinalities[j];
                codes[variables[j]] = levels[j];
            }

            if (support.Values[index] > 0 && condition.Evaluate(codes))
            {
                var p = joint!.Values[index];
                probability += p;
                if (p > witnessProbability)
                {
                    witness = index;
                    witnessProbability = p;
                }
            }
        }

        if (witness < 0)
        {
            return new RuleProof(rule, RuleProofStatus.Proven, 0, [], 0, null);
        }

        var assignments = Decode(witness, variables, support.Cardinalities);
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"the rule '{rule.Describe()}' can be broken: its condition has probability {FormatProbability(probability)}, for example {LevelAssignment.Describe(Model, assignments)} (probability {FormatProbability(witnessProbability)})");
        var diagnostic = Diagnostic.Error(
            DiagnosticCodes.RuleNotProven,
            rule.Location,
            message,
            "the tables allow what the rule forbids: give that combination probability 0 in the tables, or drop the rule");
        return new RuleProof(rule, RuleProofStatus.Violated, probability, assignments, witnessProbability, diagnostic);
    }

    private static RuleProof Undecided(Rule rule, string why) =>
        new(rule, RuleProofStatus.Undecided, double.NaN, [], double.NaN, Diagnostic.Warning(
            DiagnosticCodes.RuleUndecided,
            rule.Location,
            $"the rule '{rule.Describe()}' could not be proven exactly: {why}",
            "it is still checked on every generated row"));

    private static ImmutableArray<LevelAssignment> Decode(int index, int[] variables, int[] cardinalities)
    {
        var result = new LevelAssignment[variables.Length];
        for (var j = variables.Length - 1; j >= 0; j--)
        {
            result[j] = new LevelAssignment(variables[j], index % cardinalities[j]);
            index /= cardinalities[j];
        }

        return [.. result];
    }

    /// <summary>A probability for messages: up to 6 significant digits; "below 1e-308" for a positive value that underflowed.</summary>
    internal static string FormatProbability(double p) =>
        p == 0 ? "below 1e-308" : p.ToString("G6", CultureInfo.InvariantCulture);
}
