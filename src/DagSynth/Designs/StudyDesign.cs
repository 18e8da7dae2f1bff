using System.Collections.Immutable;
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
