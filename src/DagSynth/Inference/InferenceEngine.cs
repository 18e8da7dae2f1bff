using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>
/// Exact inference on a discrete model: marginals of every variable, posteriors of one or several
/// targets given evidence, the probability of evidence, exact proofs of rules, implied associations
/// and causal effects, and arc strengths.
/// </summary>
/// <remarks>
/// <para>
/// Two algorithms share one factor representation and one elimination-order planner. Marginals of
/// every variable (and the families' joints behind arc strengths) come from a junction tree over the
/// whole model, compiled once and calibrated by Hugin propagation. A single query runs variable
/// elimination on the part of the model it needs (the targets, the evidence and their ancestors),
/// which stays small on large networks where the whole junction tree would not fit.
/// </para>
/// <para>
/// Only multiplication and addition of non-negative numbers are used, so an impossible event has
/// probability exactly 0, never a rounding residue; possibility is decided separately on 0/1
/// tables, which no underflow can turn into 0. Sizes are planned before allocation and checked
/// against <see cref="InferenceOptions.MemoryBudgetBytes"/>: a computation that does not fit returns
/// a DS0402 diagnostic. The engine is immutable and safe to use from several threads.
/// </para>
/// </remarks>
public sealed partial class InferenceEngine
{
    private readonly Lazy<(JunctionTree? Tree, Diagnostic? Problem)> _junctionTree;
    private readonly Lazy<CalibratedJunctionTree?> _prior;
    private readonly ImmutableArray<Diagnostic> _notDiscrete;

    private InferenceEngine(Model model, InferenceOptions options)
    {
        Part = DiscretePart.Of(model);
        Model = Part.Tables;
        Options = options;
        _notDiscrete = [.. model.Variables
            .Where(v => !Part.IsExact(v.Index))
            .Select(v => Diagnostic.Error(
                DiagnosticCodes.NotDiscrete,
                v.Location,
                v.IsDiscrete
                    ? $"'{v.Name}' depends on a variable that is not discrete, so exact inference does not cover it"
                    : $"'{v.Name}' is not discrete, so exact inference does not cover it",
                "exact analysis covers the discrete part of a model; describe estimates the rest by simulation"))];
        _junctionTree = new(() => JunctionTree.Compile(Model, options));
        _prior = new(() => _junctionTree.Value.Tree?.Calibrate(Model, Evidence.None));
    }

    /// <summary>
    /// The part of the model that exact inference covers. For a model with only tables it is the
    /// whole model; otherwise answers about variables outside it are refused (DS0409).
    /// </summary>
    public DiscretePart Part { get; }

    /// <summary>The diagnostics for the variables outside the exact part that <paramref name="variables"/> names.</summary>
    private ImmutableArray<Diagnostic> NotCovered(IEnumerable<int> variables)
    {
        var names = variables.Where(v => !Part.IsExact(v)).Select(v => Model.Variables[v].Name).ToHashSet(StringComparer.Ordinal);
        return [.. _notDiscrete.Where(d => names.Any(n => d.Message.StartsWith($"'{n}'", StringComparison.Ordinal)))];
    }

    /// <summary>The model.</summary>
    public Model Model { get; }

    /// <summary>The options.</summary>
    public InferenceOptions Options { get; }

    /// <summary>Creates an engine for <paramref name="model"/>. Cheap: work is done on the first request.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Memory budget and elimination heuristic; the defaults when omitted.</param>
    public static InferenceEngine Create(Model model, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new InferenceEngine(model, options ?? new InferenceOptions());
    }

    /// <summary>The prior marginal distribution of every variable.</summary>
    public MarginalsResult Marginals() => Marginals(Evidence.None);

    /// <summary>The marginal distribution of every variable given <paramref name="evidence"/> (observed variables get a point mass).</summary>
    public MarginalsResult Marginals(Evidence evidence)
    {
        CheckEvidence(evidence);
        var (tree, problem) = _junctionTree.Value;
        if (tree is null)
        {
            return new MarginalsResult([], evidence, double.NaN, [problem!.Value]);
        }

        var calibrated = evidence.IsEmpty ? _prior.Value! : tree.Calibrate(Model, evidence);
        if (!calibrated.IsPossible)
        {
            return new MarginalsResult([], evidence, 0, [ExplainImpossible(evidence)]);
        }

        var marginals = Model.Variables.Select(v => calibrated.Marginal(v.Index).ToImmutableArray()).ToImmutableArray();
        return new MarginalsResult(marginals, evidence, evidence.IsEmpty ? 1 : calibrated.EvidenceProbability, []);
    }

    /// <summary>P(<paramref name="target"/> | <paramref name="evidence"/>).</summary>
    public QueryResult Query(int target, Evidence evidence) => Query([target], evidence);

    /// <summary>
    /// The posterior joint distribution of <paramref name="targets"/> given <paramref name="evidence"/>,
    /// and P(evidence). With no targets, only P(evidence) is computed: the probability of an event.
    /// </summary>
    /// <param name="targets">The query variables, distinct and not observed; the posterior follows their order.</param>
    /// <param name="evidence">The observations.</param>
    /// <exception cref="ArgumentException">A target is out of range, repeated or observed, or the evidence is out of range.</exception>
    public QueryResult Query(IReadOnlyList<int> targets, Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(targets);
        CheckEvidence(evidence);
        var asked = targets.ToImmutableArray();
        foreach (var t in asked)
        {
            if ((uint)t >= (uint)Model.Variables.Length)
            {
                throw new ArgumentException($"target {t} is out of range", nameof(targets));
            }

            if (evidence.Contains(t))
            {
                throw new ArgumentException($"'{Model.Variables[t].Name}' is both a target and observed", nameof(targets));
            }
        }

        if (asked.Distinct().Count() != asked.Length)
        {
            throw new ArgumentException("a target is listed twice", nameof(targets));
        }

        if (NotCovered(asked.Concat(evidence.Assignments.Select(a => a.Variable))) is { IsEmpty: false } notCovered)
        {
            return new QueryResult(asked, evidence, double.NaN, null, notCovered);
        }

        var sorted = asked.Order().ToArray();
        var (joint, problem) = VariableElimination.Run(Model, sorted, evidence, Options);
        if (joint is null)
        {
            return new QueryResult(asked, evidence, double.NaN, null, [problem!.Value]);
        }

        var probability = joint.Sum();
        if (probability == 0)
        {
            return new QueryResult(asked, evidence, 0, null, [ExplainImpossible(evidence)]);
        }

        joint.Scale(probability);
        var values = joint.Reorder(asked);
        var posterior = new JointDistribution(asked, [.. asked.Select(t => Model.Variables[t].Cardinality)], values);
        return new QueryResult(asked, evidence, evidence.IsEmpty ? 1 : probability, posterior, []);
    }

    /// <summary>The probability of the event <paramref name="event"/> (all its assignments at once); 0 exactly when impossible.</summary>
    public QueryResult Probability(Evidence @event) => Query([], @event);

    /// <summary>
    /// Whether <paramref name="evidence"/> is possible, decided exactly on 0/1 tables (no rounding or
    /// underflow can turn a possible event into an impossible one), or null when the computation
    /// does not fit in the memory budget.
    /// </summary>
    public bool? IsPossible(Evidence evidence)
    {
        CheckEvidence(evidence);
        var (joint, _) = VariableElimination.Run(Model, [], evidence, Options, support: true);
        return joint is null ? null : joint.Values[0] > 0;
    }

    /// <summary>The compiled junction tree of the whole model, or the reason there is none (for samplers and calibration).</summary>
    internal (JunctionTree? Tree, Diagnostic? Problem) CompiledTree => _junctionTree.Value;

    /// <summary>The junction tree calibrated without evidence, or null when it does not fit in the budget.</summary>
    internal CalibratedJunctionTree? Prior => _prior.Value;

    private void CheckEvidence(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var e in evidence)
        {
            if ((uint)e.Variable >= (uint)Model.Variables.Length || (uint)e.Level >= (uint)Model.Variables[e.Variable].Cardinality)
            {
                throw new ArgumentException($"evidence {e} is out of range for the model", nameof(evidence));
            }
        }
    }
}
