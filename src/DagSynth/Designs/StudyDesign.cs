using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Graphs;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Sampling;

namespace DagSynth.Designs;

/// <summary>
/// A study design compiled for generation: the world the rows come from (after interventions and
/// randomisation), and its strata, each a conditioned plan with a fixed number of rows occupying a
/// contiguous range of global row indices, so that no two rows share random streams and the output
/// is the same for every thread count.
/// </summary>
/// <remarks>
/// <para>A plain design is one stratum. A quota design draws each stratum from the model given the
/// stratum's levels, in the order the quotas are given. A case-control design draws the cases given
/// the case level, then, for each stratum of the matching variables in level order (last variable
/// fastest), exactly <see cref="CaseControlDesign.ControlsPerCase"/> times as many controls as there
/// were cases in that stratum, given the control level and the stratum; the matching variables
/// then have the same distribution among controls as among cases.</para>
/// <para>Designs that select on strata add a stratum column, and with
/// <see cref="DesignRequest.Weights"/> a weight column: P(stratum | evidence) / (stratum rows / all
/// rows), so that weighted analyses recover the population the strata cover.</para>
/// </remarks>
public sealed class StudyDesign
{
    /// <summary>The most strata a design may have (the levels of the stratum column).</summary>
    public const int MaxStrata = 4096;

    private readonly DesignRequest _request;
    private readonly IFakeTextSource? _fakeText;
    private readonly ImmutableArray<string> _labels;
    private readonly ImmutableArray<Planned> _planned;
    private readonly double _givenProbability;
    private readonly int[] _matchStrides;

    private StudyDesign(
        Model world,
        DesignRequest request,
        IFakeTextSource? fakeText,
        ImmutableArray<string> labels,
        ImmutableArray<Planned> planned,
        double givenProbability,
        long rows,
        int[] matchStrides)
    {
        World = world;
        _request = request;
        _fakeText = fakeText;
        _labels = labels;
        _planned = planned;
        _givenProbability = givenProbability;
        Rows = rows;
        _matchStrides = matchStrides;
        Layout = planned[0].Plan;
    }

    /// <summary>The model rows are drawn from, after interventions and randomisation (before conditioning).</summary>
    public Model World { get; }

    /// <summary>A plan with the columns of every stratum's batches (create the sink from it).</summary>
    public SamplingPlan Layout { get; }

    /// <summary>The number of rows the design generates.</summary>
    public long Rows { get; }

    /// <summary>The stratum labels, in stratum order (empty for a plain design, which has no stratum column).</summary>
    public ImmutableArray<string> StratumLabels => _labels;

    /// <summary>
    /// The share of the population (given the evidence) that the strata cover, when known exactly:
    /// below 1 when the quotas leave some of it out, in which case weighted analyses recover the
    /// population restricted to the strata. NaN when unknown; 1 for plain designs.
    /// </summary>
    public double Coverage { get; private init; } = 1;

    /// <summary>
    /// The model's rules that read a variable set by an intervention or randomisation: they describe
    /// the mechanism the intervention replaced, so they are not checked on the rows.
    /// </summary>
    public ImmutableArray<Rule> SuspendedRules { get; private init; } = [];

    /// <summary>Compiles <paramref name="request"/> on <paramref name="model"/>; every problem found is reported.</summary>
    /// <returns>The design, or diagnostics: DS0412 (a design that cannot be built), DS0401 (impossible evidence or stratum), DS0402 (memory budget).</returns>
    public static (StudyDesign? Design, ImmutableArray<Diagnostic> Diagnostics) Create(Model model, DesignRequest request, IFakeTextSource? fakeText = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<Diagnostic>();
        void Bad(string message, string? hint = null) =>
            problems.Add(Diagnostic.Error(DiagnosticCodes.BadDesign, SourceSpan.None, message, hint));

        // The world: interventions, then randomised allocations.
        var world = model;
        var forced = new HashSet<int>();
        foreach (var s in request.Interventions)
        {
            if (Intervention.CheckValue(model.Variables[s.Variable], s.Value) is { } p)
            {
                Bad(p);
            }
            else if (!forced.Add(s.Variable))
            {
                Bad($"'{model.Variables[s.Variable].Name}' is intervened on twice");
            }
        }

        foreach (var r in request.Randomized)
        {
            if (!model.Variables[r].IsDiscrete)
            {
                Bad($"'{model.Variables[r].Name}' is not discrete, so it cannot be randomised");
            }
            else if (!forced.Add(r))
            {
                Bad($"'{model.Variables[r].Name}' is both intervened on and randomised");
            }
        }

        if (problems.Count > 0)
        {
            return (null, [.. problems]);
        }

        world = Intervention.Apply(world, request.Interventions);
        foreach (var r in request.Randomized)
        {
            world = Intervention.Randomize(world, r);
        }

        // A rule states what the model's mechanisms never produce; an intervention replaces a
        // mechanism, so rules that read an intervened variable no longer apply to the rows.
        var suspended = world.Rules.Where(rule => rule.Variables.Any(forced.Contains)).ToImmutableArray();
        if (!suspended.IsEmpty)
        {
            world = new Model(world.Name, world.Description, world.Seed, world.Variables, [.. world.Rules.Except(suspended)], world.Parameters, world.TopologicalOrder, world.Location, world.ReferenceDate);
        }

        CheckShape(world, request, Bad);
        if (problems.Count > 0)
        {
            return (null, [.. problems]);
        }

        var options = request.Conditioning;
        var given = Conditioning.Apply(world, request.Given, options);
        if (!given.Succeeded)
        {
            return (null, given.Diagnostics);
        }

        // The strata, before the extra columns are appended.
        var strata = new List<(string? Label, long Rows, ConditionedModel Conditioned, double Share)>();
        ImmutableArray<string> labels = [];
        var matchStrides = Array.Empty<int>();
        if (!request.Quotas.IsEmpty)
        {
            labels = [.. request.Quotas.Select(q => q.Label(world))];
            foreach (var (quota, label) in request.Quotas.Zip(labels))
            {
                var conditioned = Conditioning.Apply(world, request.Given.With(quota.Levels), options);
                if (!conditioned.Succeeded)
                {
                    return (null, [.. conditioned.Diagnostics.Select(d => d with { Message = $"quota '{label}': {d.Message}" })]);
                }

                strata.Add((label, quota.Rows, conditioned, conditioned.EvidenceProbability / given.EvidenceProbability));
            }
        }
        else if (request.CaseControl is { } cc)
        {
            var match = cc.Match;
            matchStrides = new int[match.Length];
            var configurations = 1;
            for (var j = match.Length - 1; j >= 0; j--)
            {
                matchStrides[j] = configurations;
                configurations *= world.Variables[match[j]].Cardinality;
            }

            var caseLabel = cc.Case.Describe(world);
            var builder = ImmutableArray.CreateBuilder<string>(configurations + 1);
            builder.Add(caseLabel);
            for (var m = 0; m < configurations; m++)
            {
                builder.Add(ControlLabel(world, cc, matchStrides, m));
            }

            labels = builder.MoveToImmutable();
            var cases = Conditioning.Apply(world, request.Given.With([cc.Case]), options);
            if (!cases.Succeeded)
            {
                return (null, [.. cases.Diagnostics.Select(d => d with { Message = $"cases ({caseLabel}): {d.Message}" })]);
            }

            strata.Add((caseLabel, cc.Cases, cases, cases.EvidenceProbability / given.EvidenceProbability));
            if (CheckMatching(world, request, cc) is { } unmatched)
            {
                return (null, [unmatched]);
            }
        }
        else
        {
            strata.Add((null, request.Rows, given, 1));
        }

        var total = request.CaseControl is { } design ? design.Cases * (1 + design.ControlsPerCase) : strata.Sum(s => s.Rows);
        if (request.Weights)
        {
            foreach (var s in strata.Where(s => double.IsNaN(s.Share)))
            {
                Bad(
                    $"the weight of stratum '{s.Label}' needs its exact probability, but a condition is met by rejection ({string.Join(", ", s.Conditioned.Reports.Where(r => r.Method != ConditioningMethod.Exact).Select(r => r.Condition))})",
                    "weights need strata and evidence on discrete variables that exact inference covers, or on roots");
            }

            if (problems.Count > 0)
            {
                return (null, [.. problems]);
            }
        }

        var planned = ImmutableArray.CreateBuilder<Planned>(strata.Count);
        for (var k = 0; k < strata.Count; k++)
        {
            var (label, rows, conditioned, share) = strata[k];
            var weight = request.Weights && rows > 0 ? share / ((double)rows / total) : double.NaN;
            var extended = Extend(conditioned.Model!, world, request, labels, k, weight);
            planned.Add(new Planned(label ?? string.Empty, rows, share, weight, conditioned.With(extended).Compile(fakeText), conditioned.Reports));
        }

        var coverage = request.Quotas.IsEmpty ? (request.CaseControl is null ? 1 : double.NaN) : strata.Sum(s => s.Share);

        return (new StudyDesign(world, request, fakeText, labels, planned.MoveToImmutable(), given.EvidenceProbability, total, matchStrides) { Coverage = coverage, SuspendedRules = suspended }, []);
    }

    /// <summary>
    /// Generates every stratum in order into <paramref name="sink"/>; <see cref="GenerationOptions.Rows"/>
    /// is ignored (the design says how many rows), and <see cref="GenerationOptions.FirstRow"/> offsets
    /// the whole design (strata follow one another).
    /// </summary>
    public DesignResult Run(GenerationOptions options, IBatchSink sink, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var results = ImmutableArray.CreateBuilder<StratumResult>();
        var offset = options.FirstRow;
        long written = 0;
        var counts = _request.CaseControl is not null ? new long[Math.Max(1, _labels.Length - 1)] : null;
        foreach (var stratum in _planned)
        {
            var target = counts is null ? sink : new MatchCounter(sink, _request.CaseControl!.Match, _matchStrides, counts);
            var (result, failure) = RunStratum(stratum, options, offset, target, progress, written, cancellationToken);
            results.Add(result);
            written += result.Rows;
            offset += stratum.Rows;
            if (failure is not null)
            {
                return new DesignResult(results.ToImmutable(), written, failure, []);
            }
        }

        if (_request.CaseControl is { } design)
        {
            for (var m = 0; m < counts!.Length; m++)
            {
                if (counts[m] == 0)
                {
                    continue;
                }

                var levels = new List<LevelAssignment> { design.Control };
                for (var j = 0; j < design.Match.Length; j++)
                {
                    levels.Add(new LevelAssignment(design.Match[j], m / _matchStrides[j] % World.Variables[design.Match[j]].Cardinality));
                }

                var label = _labels[m + 1];
                var conditioned = Conditioning.Apply(World, _request.Given.With(levels), _request.Conditioning);
                if (!conditioned.Succeeded)
                {
                    return new DesignResult(results.ToImmutable(), written, null, [.. conditioned.Diagnostics.Select(d => d with { Message = $"controls ({label}): {d.Message}" })]);
                }

                var rows = counts[m] * design.ControlsPerCase;
                var share = conditioned.EvidenceProbability / _givenProbability;
                var weight = _request.Weights ? share / ((double)rows / Rows) : double.NaN;
                var plan = conditioned.With(Extend(conditioned.Model!, World, _request, _labels, m + 1, weight)).Compile(_fakeText);
                var (result, failure) = RunStratum(new Planned(label, rows, share, weight, plan, conditioned.Reports), options, offset, sink, progress, written, cancellationToken);
                results.Add(result);
                written += result.Rows;
                offset += rows;
                if (failure is not null)
                {
                    return new DesignResult(results.ToImmutable(), written, failure, []);
                }
            }
        }

        return new DesignResult(results.ToImmutable(), written, null, []);
    }

    private static (StratumResult Result, GenerationFailure? Failure) RunStratum(
        Planned stratum,
        GenerationOptions options,
        long firstRow,
        IBatchSink sink,
        IProgress<long>? progress,
        long before,
        CancellationToken cancellationToken)
    {
        if (stratum.Rows == 0)
        {
            return (new StratumResult(stratum.Label, firstRow, 0, 0, stratum.Share, stratum.Weight, stratum.Reports), null);
        }

        var shifted = progress is null ? null : new OffsetProgress(progress, before);
        var result = Generator.Run(stratum.Plan, options with { Rows = stratum.Rows, FirstRow = firstRow }, sink, shifted, cancellationToken);
        return (new StratumResult(stratum.Label, firstRow, result.RowsWritten, result.Attempts, stratum.Share, stratum.Weight, stratum.Reports), result.Failure);
    }

    /// <summary>Checks the request's shape against the model, reporting each problem.</summary>
    private static void CheckShape(Model world, DesignRequest request, Action<string, string?> bad)
    {
        if (!request.Quotas.IsEmpty && request.CaseControl is not null)
        {
            bad("quotas and a case-control design cannot be combined", "a case-control design is itself a pair of quotas: use one or the other");
        }

        if (request.Quotas.IsEmpty && request.CaseControl is null && request.Weights)
        {
            bad("weights need a design that selects on strata (quotas or case-control); rows of a plain design all weigh the same", null);
        }

        if (request.Quotas.Length > MaxStrata)
        {
            bad($"a design may have at most {MaxStrata} strata", null);
        }

        foreach (var q in request.Quotas)
        {
            if (q.Rows < 0)
            {
                bad($"quota '{q.Label(world)}' asks for {q.Rows} rows", null);
            }

            if (q.Levels.IsEmpty || q.Levels.Any(a => !world.Variables[a.Variable].IsDiscrete))
            {
                bad($"quota '{q.Label(world)}' must fix one or more discrete variables to levels", null);
            }
            else if (q.Levels.Select(a => a.Variable).Distinct().Count() != q.Levels.Length)
            {
                bad($"quota '{q.Label(world)}' names a variable twice", null);
            }
        }

        for (var i = 0; i < request.Quotas.Length; i++)
        {
            for (var j = i + 1; j < request.Quotas.Length; j++)
            {
                var a = request.Quotas[i].Levels;
                var b = request.Quotas[j].Levels;
                if (!a.Any(x => b.Any(y => y.Variable == x.Variable && y.Level != x.Level)))
                {
                    bad(
                        $"quotas '{request.Quotas[i].Label(world)}' and '{request.Quotas[j].Label(world)}' overlap: a row could belong to both",
                        "strata must exclude one another: give them different levels of a common variable");
                }
            }
        }

        if (request.CaseControl is { } cc)
        {
            var variable = world.Variables[cc.Case.Variable];
            if (cc.Control.Variable != cc.Case.Variable || cc.Control.Level == cc.Case.Level)
            {
                bad($"controls must be another level of the case variable '{variable.Name}'", null);
            }

            if (cc.Cases < 0 || cc.ControlsPerCase < 1)
            {
                bad("a case-control design needs 0 or more cases and 1 or more controls per case", null);
            }

            if (cc.Match.Contains(cc.Case.Variable))
            {
                bad($"the case variable '{variable.Name}' cannot also be a matching variable", null);
            }

            if (cc.Match.Distinct().Count() != cc.Match.Length || cc.Match.Any(m => !world.Variables[m].IsDiscrete))
            {
                bad("matching variables must be distinct discrete variables", null);
            }
            else if (cc.Match.Aggregate(1L, (acc, m) => acc * world.Variables[m].Cardinality) + 1 > MaxStrata)
            {
                bad($"the matching variables have more than {MaxStrata - 1} strata", "match on fewer variables, or on coarser ones");
            }
        }

        var names = new HashSet<string>(world.Variables.Select(v => v.Name), StringComparer.Ordinal);
        void Claim(string name)
        {
            if (!names.Add(name))
            {
                bad($"the column '{name}' that the design adds is already a variable's (or another added column's) name", null);
            }
        }

        if (!request.Quotas.IsEmpty || request.CaseControl is not null)
        {
            Claim(request.StratumColumn);
            if (request.Weights)
            {
                Claim(request.WeightColumn);
            }
        }

        if (request.PotentialOutcomes is { } po)
        {
            var treatment = world.Variables[po.Treatment];
            if (!treatment.IsDiscrete)
            {
                bad($"the treatment '{treatment.Name}' must be discrete (potential outcomes are one column per level)", null);
                return;
            }

            if (request.Interventions.Any(s => s.Variable == po.Treatment))
            {
                bad($"the treatment '{treatment.Name}' is also intervened on, so it has a single potential outcome", "drop --do on the treatment (or use --randomize for a trial)");
            }

            if (po.Outcomes.IsEmpty)
            {
                bad("potential outcomes need one or more outcomes", null);
            }

            var downstream = DagAnalysis.Descendants(world, po.Treatment).ToHashSet();
            foreach (var y in po.Outcomes)
            {
                if (y == po.Treatment || world.Variables[y].Kind == VariableKind.Text)
                {
                    bad($"'{world.Variables[y].Name}' cannot be an outcome of '{treatment.Name}'", null);
                    continue;
                }

                for (var level = 0; level < treatment.Cardinality; level++)
                {
                    Claim(PotentialOutcomeRequest.ColumnName(world, y, po.Treatment, level));
                }
            }

            var conditioned = request.Given.Levels.Select(a => a.Variable)
                .Concat(request.Given.Predicates.SelectMany(p => p.Expression.Variables()))
                .Concat(request.Quotas.SelectMany(q => q.Levels.Select(a => a.Variable)))
                .Concat(request.CaseControl is { } c ? c.Match.Append(c.Case.Variable) : [])
                .Distinct()
                .Where(downstream.Contains)
                .Select(v => world.Variables[v].Name)
                .ToList();
            if (conditioned.Count > 0)
            {
                bad(
                    $"potential outcomes of '{treatment.Name}' given conditions on its descendants ({string.Join(", ", conditioned)}) need counterfactual inference, which DagSynth does not do",
                    "condition only on the treatment and variables not downstream of it");
            }
        }
    }

    /// <summary>A case could fall in a matching stratum where no control can: DS0401 before anything is generated (when exact).</summary>
    private static Diagnostic? CheckMatching(Model world, DesignRequest request, CaseControlDesign cc)
    {
        if (cc.Match.IsEmpty || !request.Given.Predicates.IsEmpty || cc.Cases == 0)
        {
            return null;
        }

        var engine = InferenceEngine.Create(world, request.Conditioning.Inference);
        var targets = cc.Match.ToArray();
        var cases = engine.Query(targets, Evidence.Of(request.Given.Levels.Append(cc.Case)));
        var controls = engine.Query(targets, Evidence.Of(request.Given.Levels.Append(cc.Control)));
        if (cases.Posterior is not { } p || !cases.Succeeded)
        {
            return null;
        }

        var q = controls.Posterior;
        var levels = new int[targets.Length];
        for (var i = 0; i < p.Count; i++)
        {
            if (p.Values[i] > 0 && (q is null || q.Values[i] == 0))
            {
                p.LevelsOf(i, levels);
                var stratum = LevelAssignment.Describe(world, targets.Select((t, j) => new LevelAssignment(t, levels[j])));
                return Diagnostic.Error(
                    DiagnosticCodes.ImpossibleEvidence,
                    world.Location,
                    string.Create(CultureInfo.InvariantCulture, $"no control can match the cases with {stratum}: P({cc.Control.Describe(world)}, {stratum}) = 0, yet {p.Values[i]:P3} of cases fall there"),
                    "match on other variables, or coarser ones");
            }
        }

        return null;
    }

    private static string ControlLabel(Model world, CaseControlDesign cc, int[] strides, int configuration)
    {
        var parts = new List<string> { cc.Control.Describe(world) };
        for (var j = 0; j < cc.Match.Length; j++)
        {
            var v = world.Variables[cc.Match[j]];
            parts.Add($"{v.Name}={v.Levels[configuration / strides[j] % v.Cardinality]}");
        }

        return string.Join(";", parts);
    }

    /// <summary>Appends the design's columns (potential outcomes, stratum, weight) after the conditioned model's variables.</summary>
    private static Model Extend(Model conditioned, Model world, DesignRequest request, ImmutableArray<string> labels, int stratum, double weight)
    {
        var variables = conditioned.Variables.ToBuilder();
        if (request.PotentialOutcomes is { } po)
        {
            var treatment = world.Variables[po.Treatment];
            var downstream = DagAnalysis.Descendants(world, po.Treatment).ToHashSet();
            foreach (var y in po.Outcomes)
            {
                var upstream = DagAnalysis.Ancestors(world, y).Append(y).ToHashSet();
                var redrawn = world.TopologicalOrder.Where(v => downstream.Contains(v) && upstream.Contains(v)).ToImmutableArray();
                var outcome = world.Variables[y];
                for (var level = 0; level < treatment.Cardinality; level++)
                {
                    variables.Add(new Variable(
                        PotentialOutcomeRequest.ColumnName(world, y, po.Treatment, level),
                        variables.Count,
                        outcome.Kind,
                        outcome.Levels,
                        [],
                        new PotentialOutcomeConditional(po.Treatment, level, y, redrawn),
                        outcome.Location,
                        null,
                        $"{outcome.Name} under do({treatment.Name}={treatment.Levels[level]})",
                        outcome.Type,
                        outcome.Unit));
                }
            }
        }

        if (!labels.IsEmpty)
        {
            var values = new double[labels.Length];
            values[stratum] = 1;
            variables.Add(new Variable(
                request.StratumColumn,
                variables.Count,
                VariableKind.Categorical,
                labels,
                [],
                new CptConditional(new Cpt([], labels.Length, values)),
                SourceSpan.None,
                null,
                "the design stratum the row was drawn from",
                NodeType.Categorical));
            if (request.Weights)
            {
                var text = weight.ToString("R", CultureInfo.InvariantCulture);
                variables.Add(new Variable(
                    request.WeightColumn,
                    variables.Count,
                    VariableKind.Continuous,
                    [],
                    [],
                    new DeriveConditional(new ConstantExpr(weight, ExprType.Number, 0), text, null),
                    SourceSpan.None,
                    null,
                    "the sampling weight: the stratum's population share over its sample share",
                    NodeType.Derive));
            }
        }

        if (variables.Count == conditioned.Variables.Length)
        {
            return conditioned;
        }

        var order = conditioned.TopologicalOrder.AddRange(Enumerable.Range(conditioned.Variables.Length, variables.Count - conditioned.Variables.Length));
        return new Model(conditioned.Name, conditioned.Description, conditioned.Seed, variables.ToImmutable(), conditioned.Rules, conditioned.Parameters, order, conditioned.Location, conditioned.ReferenceDate);
    }

    private sealed record Planned(string Label, long Rows, double Share, double Weight, SamplingPlan Plan, ImmutableArray<ConditionReport> Reports);

    /// <summary>Passes batches on, counting the cases in each matching stratum.</summary>
    private sealed class MatchCounter(IBatchSink inner, ImmutableArray<int> match, int[] strides, long[] counts) : IBatchSink
    {
        public void Write(SampleBatch batch)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var m = 0;
                for (var j = 0; j < match.Length; j++)
                {
                    m += batch.Codes(match[j])[i] * strides[j];
                }

                counts[m]++;
            }

            inner.Write(batch);
        }
    }

    private sealed class OffsetProgress(IProgress<long> inner, long offset) : IProgress<long>
    {
        public void Report(long value) => inner.Report(offset + value);
    }
}
