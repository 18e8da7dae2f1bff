using System.Collections.Immutable;
using System.Numerics;
using DagSynth.Diagnostics;
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
public sealed partial class StudyDesign
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
        SamplingPlan layout,
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
        Layout = layout;
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
    /// population restricted to the strata; 1 for plain designs and for quotas that name every
    /// combination of the levels of their variables. NaN when unknown (case-control designs, and
    /// quotas met by rejection: <see cref="DesignResult.Coverage"/> then estimates it).
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
        var strata = new List<(string? Label, long Rows, ConditionedModel Conditioned)>();
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

                strata.Add((label, quota.Rows, conditioned));
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

            strata.Add((caseLabel, cc.Cases, cases));
            if (CheckMatching(world, request, cc) is { } unmatched)
            {
                return (null, [unmatched]);
            }
        }
        else
        {
            strata.Add((null, request.Rows, given));
        }

        // A stratum's population share is P(stratum | given): exact when every condition is, else
        // estimated after its rows are drawn, from the probability of what the rejection stage
        // proposes from times the acceptance rate. Both need P(given) exactly.
        if (request.Weights && double.IsNaN(given.EvidenceProbability))
        {
            // A clipped or rounded root is truncated, then its final value checked by rejection.
            var checkedConditions = given.Reports.Where(r => r.Method == ConditioningMethod.Rejection).ToList();
            if (checkedConditions.Count == 0)
            {
                checkedConditions.AddRange(given.Reports.Where(r => r.Method != ConditioningMethod.Exact));
            }

            Bad(
                $"weights need the probability of the --given conditions, but some are met by rejection ({string.Join(", ", checkedConditions.Select(r => r.Condition))}), so it is unknown",
                "make --given exact (levels of the exact discrete part, ranges of numeric roots that are neither rounded nor clipped) and put the other conditions in the strata, or leave --weights out");
            return (null, [.. problems]);
        }

        var total = request.CaseControl is { } design ? design.Cases * (1 + design.ControlsPerCase) : strata.Sum(s => s.Rows);
        var planned = ImmutableArray.CreateBuilder<Planned>(strata.Count);
        for (var k = 0; k < strata.Count; k++)
        {
            var (label, rows, conditioned) = strata[k];
            planned.Add(label is null
                ? new Planned(string.Empty, rows, k, conditioned, 1, double.NaN)
                : new Planned(label, rows, k, conditioned, conditioned.EvidenceProbability / given.EvidenceProbability, conditioned.ProposalProbability / given.EvidenceProbability));
        }

        var layout = planned[0].Conditioned.With(Extend(planned[0].Conditioned.Model!, world, request, labels, 0, double.NaN)).Compile(fakeText);
        var coverage = request.Quotas.IsEmpty
            ? (request.CaseControl is null ? 1 : double.NaN)
            : Partitions(world, request.Quotas) ? 1 : planned.Sum(s => s.Share);

        return (new StudyDesign(world, request, fakeText, labels, planned.MoveToImmutable(), layout, given.EvidenceProbability, total, matchStrides) { Coverage = coverage, SuspendedRules = suspended }, []);
    }

    /// <summary>
    /// Generates every stratum in order into <paramref name="sink"/>; <see cref="GenerationOptions.Rows"/>
    /// is ignored (the design says how many rows), and <see cref="GenerationOptions.FirstRow"/> offsets
    /// the whole design (strata follow one another).
    /// </summary>
    /// <remarks>
    /// A stratum met by rejection whose share can be estimated gets it from its own draws (see
    /// <see cref="StratumResult.PopulationShare"/>). With weights, the weight is written in its rows,
    /// so it must be known first: the stratum's rejection stage is then run once without writing
    /// (drawing only the variables the conditions need) to count its attempts, which are the same,
    /// row by row, as those of the run that writes.
    /// </remarks>
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
                return new DesignResult(results.ToImmutable(), written, failure, []) { Coverage = Coverage };
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
                    return new DesignResult(results.ToImmutable(), written, null, [.. conditioned.Diagnostics.Select(d => d with { Message = $"controls ({label}): {d.Message}" })]) { Coverage = Coverage };
                }

                var rows = counts[m] * design.ControlsPerCase;
                var stratum = new Planned(label, rows, m + 1, conditioned, conditioned.EvidenceProbability / _givenProbability, conditioned.ProposalProbability / _givenProbability);
                var (result, failure) = RunStratum(stratum, options, offset, sink, progress, written, cancellationToken);
                results.Add(result);
                written += result.Rows;
                offset += rows;
                if (failure is not null)
                {
                    return new DesignResult(results.ToImmutable(), written, failure, []) { Coverage = Coverage };
                }
            }
        }

        var strata = results.ToImmutable();
        var estimated = double.IsNaN(Coverage) && !_request.Quotas.IsEmpty;
        return new DesignResult(strata, written, null, [])
        {
            Coverage = estimated ? strata.Sum(s => s.PopulationShare) : Coverage,
            CoverageIsEstimated = estimated,
        };
    }

    private (StratumResult Result, GenerationFailure? Failure) RunStratum(
        Planned stratum,
        GenerationOptions options,
        long firstRow,
        IBatchSink sink,
        IProgress<long>? progress,
        long before,
        CancellationToken cancellationToken)
    {
        var reports = stratum.Conditioned.Reports;
        var estimable = double.IsNaN(stratum.Share) && !double.IsNaN(stratum.ProposalShare);
        if (stratum.Rows == 0)
        {
            return (new StratumResult(stratum.Label, firstRow, 0, 0, stratum.Share, double.NaN, reports), null);
        }

        var stratumOptions = options with { Rows = stratum.Rows, FirstRow = firstRow };
        var (share, error) = (stratum.Share, double.IsNaN(stratum.Share) ? double.NaN : 0);
        if (estimable && _request.Weights)
        {
            var count = Generator.Run(stratum.Conditioned.CompileStage(_fakeText), stratumOptions, DiscardingSink.Instance, null, cancellationToken);
            if (count.Failure is { } stopped)
            {
                return (new StratumResult(stratum.Label, firstRow, 0, count.Attempts, double.NaN, double.NaN, reports), stopped);
            }

            (share, error) = Estimate(stratum.ProposalShare, stratum.Rows, count.Attempts);
        }

        var weight = _request.Weights && !double.IsNaN(share) ? share / ((double)stratum.Rows / Rows) : double.NaN;
        var plan = stratum.Conditioned.With(Extend(stratum.Conditioned.Model!, World, _request, _labels, stratum.Index, weight)).Compile(_fakeText);
        var shifted = progress is null ? null : new OffsetProgress(progress, before);
        var result = Generator.Run(plan, stratumOptions, sink, shifted, cancellationToken);
        if (estimable && double.IsNaN(share) && result.Succeeded)
        {
            (share, error) = Estimate(stratum.ProposalShare, result.RowsWritten, result.Attempts);
        }

        return (new StratumResult(stratum.Label, firstRow, result.RowsWritten, result.Attempts, share, weight, reports) { PopulationShareError = error }, result.Failure);
    }

    /// <summary>
    /// The estimate of a stratum's population share from its rejection counts: the share of what the
    /// stage proposes from, times the acceptance rate rows / attempts (the maximum-likelihood estimate
    /// of the acceptance probability a, each row's attempts being geometric), with its standard error
    /// share × sqrt((1 − a) / rows).
    /// </summary>
    internal static (double Share, double StandardError) Estimate(double proposalShare, long rows, long attempts)
    {
        if (rows <= 0 || attempts < rows)
        {
            return (double.NaN, double.NaN);
        }

        var rate = (double)rows / attempts;
        var share = proposalShare * rate;
        return (share, share * Math.Sqrt((1 - rate) / rows));
    }

    /// <summary>
    /// Whether the quotas' strata cover every combination of the levels of the variables they name, so
    /// that they partition the population (they exclude one another, so it is enough that the
    /// combinations they cover add up to all of them).
    /// </summary>
    private static bool Partitions(Model world, ImmutableArray<Quota> quotas)
    {
        var named = quotas.SelectMany(q => q.Levels.Select(a => a.Variable)).Distinct().ToList();
        var all = named.Aggregate(BigInteger.One, (acc, v) => acc * world.Variables[v].Cardinality);
        var covered = BigInteger.Zero;
        foreach (var q in quotas)
        {
            covered += named.Where(v => q.Levels.All(a => a.Variable != v)).Aggregate(BigInteger.One, (acc, v) => acc * world.Variables[v].Cardinality);
        }

        return covered == all;
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

    /// <summary>A stratum to generate.</summary>
    /// <param name="Label">Its label.</param>
    /// <param name="Rows">Its number of rows.</param>
    /// <param name="Index">Its position among the strata (its level of the stratum column).</param>
    /// <param name="Conditioned">The world conditioned on the stratum and the evidence.</param>
    /// <param name="Share">P(stratum | given), or NaN when some condition is met by rejection.</param>
    /// <param name="ProposalShare">The probability of what the rejection stage proposes from, over P(given): times the acceptance rate, an estimate of the share (NaN when P(given) is unknown).</param>
    private sealed record Planned(string Label, long Rows, int Index, ConditionedModel Conditioned, double Share, double ProposalShare);

    /// <summary>Drops every batch (the counting run of a stratum's rejection stage).</summary>
    private sealed class DiscardingSink : IBatchSink
    {
        public static DiscardingSink Instance { get; } = new();

        public void Write(SampleBatch batch)
        {
        }
    }

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
