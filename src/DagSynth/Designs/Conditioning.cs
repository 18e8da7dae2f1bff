using DagSynth.Distributions;
using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Sampling;

namespace DagSynth.Designs;

/// <summary>
/// Conditioned sampling as a transformation of the model and plan: rows drawn exactly from the
/// model given evidence, by the best method each condition allows.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Exact</b>: levels of variables in the exact discrete part (and sets of levels, as in
/// <c>stage in ["III", "IV"]</c>) condition the evidence's ancestors through a calibrated junction
/// tree (<see cref="PosteriorNetwork"/>); every other variable is drawn forward. The cost per row
/// does not depend on how rare the evidence is, and impossible evidence is found before any row.</item>
/// <item><b>Truncation</b>: comparisons of a numeric root with constants (<c>sbp &gt;= 140</c> where
/// sbp has no parents) restrict its draw by inversion of its distribution function, exactly. When the
/// root is clipped or rounded, the truncated draw is a proposal whose rounded value is still checked.</item>
/// <item><b>Rejection</b>: anything else (conditions on variables downstream of numbers, or on
/// several variables at once) is met by bounded rejection row by row: the conditions' ancestors are
/// drawn again from the row's own attempt streams until the conditions hold, at most
/// <see cref="ConditioningOptions.MaxAttempts"/> times (then generation stops with DS0411). Levels
/// met this way are first checked on the support over-approximation of the discrete part
/// (<see cref="DiscretePart.SupportTables"/>), so a combination the model's tables rule out is
/// refused with DS0401 before any row.</item>
/// </list>
/// The three compose: rejection proposes from the model already conditioned exactly and truncated,
/// so the result is the model conditioned on all the evidence.
/// </remarks>
public static class Conditioning
{
    /// <summary>Transforms <paramref name="model"/> so that generation draws from it given <paramref name="evidence"/>.</summary>
    /// <param name="model">The model (after any interventions).</param>
    /// <param name="evidence">The conditions.</param>
    /// <param name="options">Memory budget for exact conditioning and the bound on rejection.</param>
    /// <returns>The conditioned model, or diagnostics: DS0401 when the evidence is impossible, DS0402 when exact conditioning does not fit in memory, DS0905 for a condition that cannot be met.</returns>
    public static ConditionedModel Apply(Model model, SamplingEvidence evidence, ConditioningOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.IsEmpty)
        {
            return new ConditionedModel(model, 1, [], [], null);
        }

        var part = DiscretePart.Of(model);
        var reports = ImmutableArray.CreateBuilder<ConditionReport>();
        var diagnostics = new List<Diagnostic>();
        var exactLevels = new Dictionary<int, int>();
        var sets = new Dictionary<int, bool[]>();
        var rejected = new List<(BoundExpr Atom, string Text)>();
        var intervals = new Dictionary<int, (double Low, double High, List<(BoundExpr Atom, string Text)> Atoms)>();
        var rejectedLevels = new Dictionary<int, int>();
        var conflict = false;

        void AddLevel(int variable, int level)
        {
            if (exactLevels.TryGetValue(variable, out var other) && other != level)
            {
                conflict = true;
            }

            exactLevels[variable] = level;
        }

        foreach (var a in evidence.Levels)
        {
            var text = a.Describe(model);
            if (part.IsExact(a.Variable))
            {
                AddLevel(a.Variable, a.Level);
                reports.Add(new ConditionReport(text, ConditioningMethod.Exact));
            }
            else
            {
                conflict |= rejectedLevels.TryGetValue(a.Variable, out var other) && other != a.Level;
                rejectedLevels[a.Variable] = a.Level;
                var accepts = new bool[model.Variables[a.Variable].Cardinality];
                accepts[a.Level] = true;
                rejected.Add((new LevelSetExpr(Read(model.Variables[a.Variable]), [.. accepts], 0), text));
                reports.Add(new ConditionReport(text, ConditioningMethod.Rejection));
            }
        }

        foreach (var predicate in evidence.Predicates)
        {
            var methods = new HashSet<ConditioningMethod>();
            foreach (var atom in Conjuncts(predicate.Expression))
            {
                if (atom is LevelSetExpr { Source: VariableExpr source } set && part.IsExact(source.Variable))
                {
                    var accepted = Enumerable.Range(0, set.Accepts.Length).Where(k => set.Accepts[k]).ToList();
                    if (accepted.Count == 1)
                    {
                        AddLevel(source.Variable, accepted[0]);
                    }
                    else if (accepted.Count < set.Accepts.Length)
                    {
                        var merged = sets.TryGetValue(source.Variable, out var before) ? before : Enumerable.Repeat(true, set.Accepts.Length).ToArray();
                        for (var k = 0; k < merged.Length; k++)
                        {
                            merged[k] &= set.Accepts[k];
                        }

                        sets[source.Variable] = merged;
                    }

                    methods.Add(ConditioningMethod.Exact);
                }
                else if (Bound(atom) is { } bound && IsTruncatable(model.Variables[bound.Variable]))
                {
                    var (low, high, atoms) = intervals.TryGetValue(bound.Variable, out var i) ? i : (double.NegativeInfinity, double.PositiveInfinity, []);
                    atoms.Add((atom, predicate.Text));
                    intervals[bound.Variable] = (Math.Max(low, bound.Low), Math.Min(high, bound.High), atoms);
                    methods.Add(ConditioningMethod.Truncation);
                }
                else
                {
                    rejected.Add((atom, predicate.Text));
                    methods.Add(ConditioningMethod.Rejection);
                }
            }

            reports.Add(new ConditionReport(predicate.Text, methods.Max()));
        }

        var describe = evidence.Describe(model);
        if (conflict)
        {
            return Impossible(model, $"the evidence ({describe}) gives a variable two different levels, so it has probability 0", reports);
        }

        // Truncated roots: an exact interval on the raw draw, or (clipped or rounded roots) a proposal
        // interval wide enough to hold every raw value whose final value can meet the conditions.
        var variables = model.Variables.ToArray();
        var probability = 1.0;
        var proposal = 1.0;
        var allExact = true;
        foreach (var (v, (low, high, atoms)) in intervals.OrderBy(x => x.Key))
        {
            var variable = model.Variables[v];
            var inner = (DistributionConditional)variable.Conditional;
            var plain = inner.Round is null && double.IsNegativeInfinity(inner.ClipLow) && double.IsPositiveInfinity(inner.ClipHigh);
            var width = inner.Round is { } digits ? PortableMath.Pow(10, -digits) : 0;
            var rawLow = plain ? low : low <= inner.ClipLow ? double.NegativeInfinity : low - width;
            var rawHigh = plain ? high : high >= inner.ClipHigh ? double.PositiveInfinity : high + width;
            var draw = TruncatedDraw.Create(inner, rawLow, rawHigh);
            if (draw is null)
            {
                rejected.AddRange(atoms);
                continue;
            }

            if (!(draw.RelativeProbability > 0))
            {
                var texts = string.Join(", ", atoms.Select(a => a.Text).Distinct());
                return Impossible(model, $"the condition ({texts}) has probability 0 under the model ('{variable.Name}' never takes such values)", reports);
            }

            variables[v] = new Variable(
                variable.Name,
                variable.Index,
                variable.Kind,
                variable.Levels,
                variable.Parents,
                new TruncatedConditional(inner, rawLow, rawHigh, draw),
                variable.Location,
                variable.Label,
                variable.Description,
                variable.Type,
                variable.Unit);
            proposal *= draw.RelativeProbability;
            if (plain)
            {
                probability *= draw.RelativeProbability;
            }
            else
            {
                rejected.AddRange(atoms);
                allExact = false;
            }
        }

        // Exact conditioning of the discrete part.
        if (exactLevels.Count > 0 || sets.Count > 0)
        {
            var levels = exactLevels.Select(x => new LevelAssignment(x.Key, x.Value)).OrderBy(a => a.Variable).ToList();
            var setList = sets.OrderBy(x => x.Key).Select(x => (x.Key, x.Value.ToImmutableArray())).ToList();
            var (posterior, p, problem) = PosteriorNetwork.Build(model, part, levels, setList, options.Inference);
            if (problem is { } budget)
            {
                return new ConditionedModel(null, double.NaN, reports.ToImmutable(), [budget], null);
            }

            if (posterior is null)
            {
                var explained = setList.Count == 0
                    ? InferenceEngine.Create(model, options.Inference).ExplainImpossible(Evidence.Of(levels))
                    : Diagnostic.Error(DiagnosticCodes.ImpossibleEvidence, model.Location, $"the evidence ({describe}) has probability 0", "the model rules this combination out (a structural zero); drop or change a condition");
                return new ConditionedModel(null, 0, reports.ToImmutable(), [explained], null);
            }

            for (var v = 0; v < posterior.Length; v++)
            {
                if (posterior[v] is { } replaced)
                {
                    variables[v] = replaced;
                }
            }

            probability *= p;
            proposal *= p;
        }

        // Levels outside the exact part are met by rejection, but a combination the model's tables rule
        // out can still be proven impossible, on the support over-approximation of the discrete part
        // (every configuration possible in the model is possible there), before any row is drawn.
        if (rejectedLevels.Count > 0)
        {
            var observed = Evidence.Of(exactLevels.Concat(rejectedLevels).Select(x => new LevelAssignment(x.Key, x.Value)));
            var support = InferenceEngine.Create(part.SupportTables, options.Inference);
            if (support.IsPossible(observed) == false)
            {
                return new ConditionedModel(null, 0, reports.ToImmutable(), [support.ExplainImpossible(observed)], null);
            }
        }

        var all = variables.ToImmutableArray();
        var conditioned = new Model(model.Name, model.Description, model.Seed, all, model.Rules, model.Parameters, Intervention.TopologicalOrder(all), model.Location, model.ReferenceDate);
        RejectionStage? stage = null;
        if (rejected.Count > 0)
        {
            allExact = false;
            var stageVariables = Ancestral(conditioned, rejected.SelectMany(r => r.Atom.Variables()));
            foreach (var id in stageVariables.Where(v => conditioned.Variables[v].Kind == VariableKind.Identifier))
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.BadArgument,
                    SourceSpan.InSource("--given"),
                    $"a condition depends on the identifier '{conditioned.Variables[id].Name}', which cannot be drawn again"));
            }

            if (diagnostics.Count > 0)
            {
                return new ConditionedModel(null, double.NaN, reports.ToImmutable(), [.. diagnostics], null);
            }

            var text = string.Join(", ", rejected.Select(r => r.Text).Distinct());
            stage = new RejectionStage([.. rejected.Select(r => r.Atom)], stageVariables, options.MaxAttempts, text);
        }

        return new ConditionedModel(conditioned, allExact ? probability : double.NaN, reports.ToImmutable(), [], stage, proposal);
    }

    /// <summary>The variables of <paramref name="seeds"/> and all their ancestors, ascending.</summary>
    internal static ImmutableArray<int> Ancestral(Model model, IEnumerable<int> seeds)
    {
        var inSet = new bool[model.Variables.Length];
        var stack = new Stack<int>(seeds);
        while (stack.TryPop(out var v))
        {
            if (!inSet[v])
            {
                inSet[v] = true;
                foreach (var p in model.Variables[v].Parents)
                {
                    stack.Push(p);
                }
            }
        }

        return [.. Enumerable.Range(0, inSet.Length).Where(v => inSet[v])];
    }

    private static ConditionedModel Impossible(Model model, string message, ImmutableArray<ConditionReport>.Builder reports) =>
        new(null, 0, reports.ToImmutable(), [Diagnostic.Error(DiagnosticCodes.ImpossibleEvidence, model.Location, message, "drop or change a condition")], null);

    private static VariableExpr Read(Variable v) => v.Kind == VariableKind.Boolean
        ? new VariableExpr(v.Index, VariableAccess.BooleanCode, ExprType.Boolean, 0)
        : new VariableExpr(v.Index, VariableAccess.LevelCode, ExprType.Level, 0);

    /// <summary>The conjuncts of <paramref name="e"/>: <c>a and (b and c)</c> gives a, b, c.</summary>
    private static IEnumerable<BoundExpr> Conjuncts(BoundExpr e)
    {
        if (e is BinaryOpExpr { Operator: BinaryOperator.And } and)
        {
            foreach (var x in Conjuncts(and.Left).Concat(Conjuncts(and.Right)))
            {
                yield return x;
            }
        }
        else if (e is VariableExpr { Access: VariableAccess.BooleanCode } b)
        {
            // A boolean variable alone means it is true.
            yield return new LevelSetExpr(b, [false, true], b.Start);
        }
        else if (e is UnaryOpExpr { Operator: UnaryOperator.Not, Operand: VariableExpr { Access: VariableAccess.BooleanCode } nb })
        {
            yield return new LevelSetExpr(nb, [true, false], nb.Start);
        }
        else if (e is UnaryOpExpr { Operator: UnaryOperator.Not, Operand: LevelSetExpr ns })
        {
            yield return new LevelSetExpr(ns.Source, [.. ns.Accepts.Select(a => !a)], ns.Start);
        }
        else
        {
            yield return e;
        }
    }

    /// <summary>
    /// A comparison of a numeric variable with a constant, as the closed interval of values meeting it
    /// (strict bounds move to the next representable number), or null for anything else.
    /// </summary>
    private static (int Variable, double Low, double High)? Bound(BoundExpr atom)
    {
        if (atom is not BinaryOpExpr { Operator: BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual } comparison)
        {
            return null;
        }

        var (variable, constant, op) = comparison.Left is VariableExpr { Access: VariableAccess.Numeric } l && comparison.Right.Variables().IsEmpty
            ? (l, comparison.Right, comparison.Operator)
            : comparison.Right is VariableExpr { Access: VariableAccess.Numeric } r && comparison.Left.Variables().IsEmpty
                ? (r, comparison.Left, Flip(comparison.Operator))
                : (null, null, comparison.Operator);
        if (variable is null || constant is null)
        {
            return null;
        }

        var c = ScalarEvaluator.Evaluate(constant, _ => double.NaN);
        if (double.IsNaN(c))
        {
            return null;
        }

        return op switch
        {
            BinaryOperator.Greater => (variable.Variable, Math.BitIncrement(c), double.PositiveInfinity),
            BinaryOperator.GreaterOrEqual => (variable.Variable, c, double.PositiveInfinity),
            BinaryOperator.Less => (variable.Variable, double.NegativeInfinity, Math.BitDecrement(c)),
            _ => (variable.Variable, double.NegativeInfinity, c),
        };
    }

    private static BinaryOperator Flip(BinaryOperator op) => op switch
    {
        BinaryOperator.Less => BinaryOperator.Greater,
        BinaryOperator.LessOrEqual => BinaryOperator.GreaterOrEqual,
        BinaryOperator.Greater => BinaryOperator.Less,
        _ => BinaryOperator.LessOrEqual,
    };

    /// <summary>Whether conditions on <paramref name="v"/> can be met by truncating its draw: a root whose family can be inverted.</summary>
    private static bool IsTruncatable(Variable v) =>
        v.Parents.IsEmpty && v.Conditional is DistributionConditional d && TruncatedDraw.Create(d, double.NegativeInfinity, double.PositiveInfinity) is not null;

    /// <summary>Formats a probability for messages.</summary>
    internal static string Format(double p) => p.ToString("G4", CultureInfo.InvariantCulture);
}
