using System.Collections.Immutable;
using DagSynth.Expressions;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>
/// The part of a mixed model that exact inference covers, as a table-only model with the same
/// variable indices. A discrete variable belongs to it when all its parents do and its conditional
/// can be written as a table: tables as they are; logistic, multinomial, cumulative-logit and
/// noisy-OR nodes and discrete derived variables by evaluating them at every parent configuration.
/// Every other variable (numbers, dates, text, and discrete variables downstream of them) is
/// replaced by a one-level root, so it is independent of the rest and indices stay valid; callers
/// ask <see cref="IsExact"/> before trusting an answer about it.
/// </summary>
public sealed class DiscretePart
{
    /// <summary>Tables expanded from a node with more parent configurations than this are left out.</summary>
    public const long MaxExpansion = 1 << 20;

    private readonly Lazy<Model> _support;

    private DiscretePart(Model original, Model tables, ImmutableArray<bool> exact)
    {
        Original = original;
        Tables = tables;
        Exact = exact;
        _support = new(() => BuildSupport(original, tables, exact));
    }

    /// <summary>
    /// A table-only model whose support (the configurations with positive probability) contains the
    /// support of every discrete variable of the original: exact variables as in <see cref="Tables"/>,
    /// other discrete variables with a table over discrete parents keep their table, and the rest of
    /// the discrete variables become roots where every level is possible. A configuration impossible
    /// here is impossible in the original, so rules over any discrete variables can be proven on it
    /// (its probabilities mean nothing; only its zeros do).
    /// </summary>
    public Model SupportTables => _support.Value;

    private static Model BuildSupport(Model original, Model tables, ImmutableArray<bool> exact)
    {
        if (exact.All(e => e))
        {
            return tables;
        }

        var variables = tables.Variables.ToArray();
        foreach (var index in original.TopologicalOrder)
        {
            var v = original.Variables[index];
            if (exact[index] || !v.IsDiscrete)
            {
                continue;
            }

            variables[index] = v.Conditional is CptConditional && v.Parents.All(p => original.Variables[p].IsDiscrete)
                ? v
                : v.WithRootTable(new Cpt([], v.Cardinality, [.. Enumerable.Repeat(1.0 / v.Cardinality, v.Cardinality)]));
        }

        return original.WithVariables([.. variables]);
    }

    /// <summary>The model the part was taken from.</summary>
    public Model Original { get; }

    /// <summary>The table-only model (the original itself when it has only tables).</summary>
    public Model Tables { get; }

    /// <summary>For each variable, whether it belongs to the exact part.</summary>
    public ImmutableArray<bool> Exact { get; }

    /// <summary>Whether every variable belongs to the exact part.</summary>
    public bool IsComplete => Exact.All(e => e);

    /// <summary>Whether <paramref name="variable"/> belongs to the exact part.</summary>
    public bool IsExact(int variable) => Exact[variable];

    /// <summary>Takes the exact part of <paramref name="model"/>.</summary>
    public static DiscretePart Of(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.IsDiscreteTables)
        {
            return new DiscretePart(model, model, [.. model.Variables.Select(_ => true)]);
        }

        var exact = new bool[model.Variables.Length];
        var variables = model.Variables.ToArray();
        foreach (var index in model.TopologicalOrder)
        {
            var v = model.Variables[index];
            var table = v.IsDiscrete && v.Parents.All(p => exact[p]) ? AsTable(model, v) : null;
            if (table is not null)
            {
                exact[index] = true;
                variables[index] = v.Conditional is CptConditional ? v : v.WithTable(table);
            }
            else
            {
                variables[index] = Variable.Placeholder(v);
            }
        }

        var tables = model.WithVariables([.. variables]);
        return new DiscretePart(model, tables, [.. exact]);
    }

    /// <summary>The variable's conditional as a table over its (discrete) parents, or null when it has none or is too large.</summary>
    private static Cpt? AsTable(Model model, Variable v)
    {
        if (v.Conditional is CptConditional c)
        {
            return c.Table;
        }

        var cards = v.Parents.Select(p => model.Variables[p].Cardinality).ToImmutableArray();
        var rows = cards.Aggregate(1L, (a, b) => a * b);
        if (rows * v.Cardinality > MaxExpansion)
        {
            return null;
        }

        var k = v.Cardinality;
        var values = new double[rows * k];
        var codes = new double[model.Variables.Length];
        var row = new double[k];
        for (var config = 0L; config < rows; config++)
        {
            var rest = config;
            for (var p = v.Parents.Length - 1; p >= 0; p--)
            {
                codes[v.Parents[p]] = rest % cards[p];
                rest /= cards[p];
            }

            double ValueOf(int variable) => codes[variable];
            Array.Clear(row);
            switch (v.Conditional)
            {
                case LogisticConditional logistic:
                    row[1] = logistic.ProbabilityOfTrue(ValueOf);
                    row[0] = 1 - row[1];
                    break;
                case NoisyOrConditional noisyOr:
                    row[1] = noisyOr.ProbabilityOfTrue(ValueOf);
                    row[0] = 1 - row[1];
                    break;
                case MultinomialConditional multinomial:
                    multinomial.Probabilities(ValueOf, row);
                    break;
                case CumulativeLogitConditional cumulative:
                    cumulative.Probabilities(ValueOf, row);
                    break;
                case DeriveConditional derive:
                    row[(int)ScalarEvaluator.Evaluate(derive.Formula, ValueOf)] = 1;
                    break;
                default:
                    return null;
            }

            row.CopyTo(values, config * k);
        }

        return new Cpt(cards, k, values);
    }
}
