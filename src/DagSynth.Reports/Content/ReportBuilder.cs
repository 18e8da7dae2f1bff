using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Calibration;
using DagSynth.Expressions;
using DagSynth.Graphs;
using DagSynth.Inference;
using DagSynth.IO.Csv;
using DagSynth.Models;
using DagSynth.Reports.Data;
using DagSynth.Reports.Statistics;
using DagSynth.Sampling;

namespace DagSynth.Reports.Content;

/// <summary>
/// Computes what a report shows: declared values (exact where inference covers them, otherwise from
/// a simulated sample with its own seed) against achieved values in the data, with 95% intervals.
/// </summary>
internal sealed class ReportBuilder
{
    /// <summary>Default exposures of an undeclared outcome are its nearest discrete ancestors, at most this many.</summary>
    public const int MaxDefaultExposures = 12;

    private readonly ReportRequest _request;
    private readonly Model _model;
    private readonly Dataset _data;
    private readonly InferenceEngine _engine;
    private readonly MarginalsResult _marginals;
    private readonly List<string> _notes = [];
    private Dataset? _simulated;

    private ReportBuilder(ReportRequest request)
    {
        _request = request;
        _model = request.Model;
        _data = request.Data;
        _engine = InferenceEngine.Create(_model, request.Inference);
        _marginals = _engine.Marginals();
        if (!_marginals.Succeeded)
        {
            _notes.Add($"Exact inference was not possible ({string.Join("; ", _marginals.Diagnostics.Select(d => d.Message))}); every declared value is simulated.");
        }
    }

    /// <summary>Computes the content of the report for <paramref name="request"/>.</summary>
    public static ReportContent Build(ReportRequest request, CancellationToken cancellationToken)
    {
        var builder = new ReportBuilder(request);
        return builder.Run(cancellationToken);
    }

    private bool IsExact(int variable) => _marginals.Succeeded && _engine.Part.IsExact(variable);

    private ReportContent Run(CancellationToken cancellationToken)
    {
        var outcomes = ResolveOutcomes();
        var needsSimulation = _model.Variables.Any(v => v.Kind is not (VariableKind.Text or VariableKind.Identifier) && !IsExact(v.Index))
            || outcomes.Any(o => !IsExact(o.Outcome.Variable) || o.Exposures.Any(e => !IsExact(e.Variable)));
        if (needsSimulation && _request.SimulationRows > 0)
        {
            _simulated = Simulate(cancellationToken);
            if (_simulated is not null && _simulated.Rows < 10 * _data.Rows)
            {
                _notes.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The simulated sample ({_simulated.Rows:N0} rows) is less than 10 times the data ({_data.Rows:N0} rows): its own error is not small against the data's intervals, so simulated values are flagged more often than 5%. Simulate more rows for a fair comparison."));
            }
        }
        else if (needsSimulation)
        {
            _notes.Add("No sample was simulated, so declared values that exact inference does not give are missing.");
        }

        var variables = _model.Variables.Select(Section).ToImmutableArray();
        var outcomeSections = outcomes.Select(o => Outcome(o.Outcome, o.Exposures, o.IsDeclared, o.LeftOut)).ToImmutableArray();
        return new ReportContent(
            _request,
            variables,
            outcomeSections,
            Rules(),
            Missingness(),
            Targets(cancellationToken),
            _marginals.Succeeded,
            _simulated?.Rows ?? 0,
            [.. _notes]);
    }

    private Dataset? Simulate(CancellationToken cancellationToken)
    {
        var plan = SamplingPlan.Compile(_model, EmptyText.Instance);
        var collector = new DatasetCollector(_model, _request.SimulationRows, keepText: false);
        var result = Generator.Run(
            plan,
            new GenerationOptions { Rows = _request.SimulationRows, Seed = _request.SimulationSeed, Threads = Math.Max(1, _request.Threads) },
            collector,
            null,
            cancellationToken);
        if (result.Failure is { } failure)
        {
            _notes.Add($"The simulated sample stopped: {failure.Describe()}; simulated declared values are missing.");
            return null;
        }

        return collector.ToDataset();
    }

    private VariableSection Section(Variable v)
    {
        var missing = _data.Has(v.Index) ? _data.MissingCount(v.Index) : _data.Rows;
        if (v.IsDiscrete)
        {
            return Discrete(v, missing);
        }

        if (v.Kind is VariableKind.Continuous or VariableKind.Count or VariableKind.Date)
        {
            var achieved = NumericSummary.Of(_data.Values(v.Index));
            var declared = _simulated is { } s ? NumericSummary.Of(s.Values(v.Index)) : NumericSummary.Of([]);
            var flagged = achieved.Mean.IsDefined && declared.Count > 0 && !achieved.Mean.Contains(declared.Mean.Estimate);
            return new NumericSection(v, missing, declared, achieved, flagged);
        }

        return Label(v, missing);
    }

    private DiscreteSection Discrete(Variable v, long missing)
    {
        var counts = _data.LevelCounts(v.Index);
        var observed = counts.Sum();
        var exact = IsExact(v.Index);
        ImmutableArray<long> simulatedCounts = !exact && _simulated is { } s ? s.LevelCounts(v.Index) : [];
        var simulatedTotal = simulatedCounts.IsDefaultOrEmpty ? 0 : simulatedCounts.Sum();
        var rows = ImmutableArray.CreateBuilder<LevelRow>(v.Cardinality);
        for (var k = 0; k < v.Cardinality; k++)
        {
            var (declared, declaredInterval) = exact
                ? (_marginals.Marginals[v.Index][k], new ConfidenceInterval(_marginals.Marginals[v.Index][k], _marginals.Marginals[v.Index][k], _marginals.Marginals[v.Index][k]))
                : simulatedTotal > 0
                    ? (Intervals.Proportion(simulatedCounts[k], simulatedTotal).Estimate, Intervals.Proportion(simulatedCounts[k], simulatedTotal))
                    : (double.NaN, ConfidenceInterval.Undefined);
            var achieved = Intervals.Proportion(counts[k], observed);
            rows.Add(new LevelRow(v.Levels[k], declared, declaredInterval, counts[k], achieved, achieved.IsDefined && !double.IsNaN(declared) && !achieved.Contains(declared)));
        }

        return new DiscreteSection(v, missing, exact ? DeclaredMethod.Exact : DeclaredMethod.Simulated, rows.MoveToImmutable(), observed);
    }

    private LabelSection Label(Variable v, long missing)
    {
        if (!_data.Has(v.Index))
        {
            return new LabelSection(v, missing, 0, [], _data.Rows);
        }

        var examples = new List<string>();
        long distinct;
        if (v.Kind == VariableKind.Text)
        {
            var texts = _data.Texts(v.Index);
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in texts)
            {
                if (t is not null && set.Add(t) && examples.Count < 5)
                {
                    examples.Add(t);
                }
            }

            distinct = set.Count;
        }
        else
        {
            var values = _data.Values(v.Index);
            var set = new HashSet<double>();
            Span<char> buffer = stackalloc char[256];
            foreach (var x in values)
            {
                if (!double.IsNaN(x) && set.Add(x) && examples.Count < 5)
                {
                    examples.Add(CellText.Format(v, x, buffer).ToString());
                }
            }

            distinct = set.Count;
        }

        return new LabelSection(v, missing, distinct, [.. examples], _data.Rows);
    }

    private List<(LevelAssignment Outcome, ImmutableArray<LevelAssignment> Exposures, bool IsDeclared, int LeftOut)> ResolveOutcomes()
    {
        var result = new List<(LevelAssignment, ImmutableArray<LevelAssignment>, bool, int)>();
        if (!_model.Outcomes.IsEmpty)
        {
            foreach (var o in _model.Outcomes)
            {
                var (exposures, leftOut) = o.Exposures.IsEmpty ? DefaultExposures(o.Outcome.Variable) : (o.Exposures, 0);
                result.Add((o.Outcome, exposures, true, leftOut));
            }

            return result;
        }

        foreach (var v in _model.Variables)
        {
            if (v.IsDiscrete && v.Cardinality == 2 && _model.Children[v.Index].IsEmpty && !v.Parents.IsEmpty)
            {
                var (exposures, leftOut) = DefaultExposures(v.Index);
                if (!exposures.IsEmpty)
                {
                    result.Add((new LevelAssignment(v.Index, LevelRoles.EventLevel(v)), exposures, false, leftOut));
                }
            }
        }

        return result;
    }

    /// <summary>The discrete ancestors of <paramref name="outcome"/>, nearest first (then in model order), at most <see cref="MaxDefaultExposures"/>.</summary>
    private (ImmutableArray<LevelAssignment> Exposures, int LeftOut) DefaultExposures(int outcome)
    {
        var distance = new Dictionary<int, int> { [outcome] = 0 };
        var queue = new Queue<int>();
        queue.Enqueue(outcome);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var p in _model.Variables[v].Parents)
            {
                if (distance.TryAdd(p, distance[v] + 1))
                {
                    queue.Enqueue(p);
                }
            }
        }

        var ancestors = DagAnalysis.Ancestors(_model, outcome)
            .Where(a => _model.Variables[a].IsDiscrete)
            .OrderBy(a => distance[a])
            .ThenBy(a => a)
            .ToList();
        var chosen = ancestors.Take(MaxDefaultExposures).OrderBy(a => a).Select(a => new LevelAssignment(a, LevelRoles.ReferenceLevel(_model.Variables[a])));
        return ([.. chosen], Math.Max(0, ancestors.Count - MaxDefaultExposures));
    }

    private OutcomeSection Outcome(LevelAssignment outcome, ImmutableArray<LevelAssignment> exposures, bool isDeclared, int leftOut)
    {
        var y = _model.Variables[outcome.Variable];
        var exact = IsExact(outcome.Variable) && exposures.All(e => IsExact(e.Variable));
        AssociationReport? report = null;
        if (exact)
        {
            report = _engine.Associations(outcome, exposures);
            if (report.Exposures.Length != exposures.Length || double.IsNaN(report.OutcomeProbability))
            {
                _notes.Add($"The associations with {y.Name} could not all be computed exactly ({string.Join("; ", report.Diagnostics.Select(d => d.Message))}); they are simulated.");
                report = null;
                exact = false;
            }
        }

        var outcomeCodes = _data.Codes(outcome.Variable);
        long outcomeEvents = 0, outcomeObserved = 0;
        foreach (var c in outcomeCodes)
        {
            if (c != Dataset.MissingCode)
            {
                outcomeObserved++;
                outcomeEvents += c == outcome.Level ? 1 : 0;
            }
        }

        var declaredRisk = report?.OutcomeProbability ?? SimulatedRisk(outcome);
        var contrasts = ImmutableArray.CreateBuilder<ContrastRow>();
        foreach (var exposure in exposures)
        {
            var x = _model.Variables[exposure.Variable];
            var (events, totals) = Table(_data, exposure.Variable, outcome);
            var (simEvents, simTotals) = !exact && _simulated is { } s ? Table(s, exposure.Variable, outcome) : (null, null);
            var association = report?.Exposures.First(a => a.Exposure == exposure.Variable);
            for (var level = 0; level < x.Cardinality; level++)
            {
                if (level == exposure.Level)
                {
                    continue;
                }

                double declaredExposure, declaredOr, declaredRr, declaredRd;
                double? causal = null;
                if (association is not null)
                {
                    var effect = association.Levels.First(l => l.Level == level);
                    declaredExposure = effect.Probability;
                    declaredOr = effect.Crude?.OddsRatio ?? double.NaN;
                    declaredRr = effect.Crude?.RiskRatio ?? double.NaN;
                    declaredRd = effect.Crude?.RiskDifference ?? double.NaN;
                    causal = effect.Causal.OddsRatio;
                }
                else if (simTotals is not null)
                {
                    var n = simTotals.Sum();
                    declaredExposure = n > 0 ? (double)simTotals[level] / n : double.NaN;
                    var p1 = simTotals[level] > 0 ? (double)simEvents![level] / simTotals[level] : double.NaN;
                    var p0 = simTotals[exposure.Level] > 0 ? (double)simEvents![exposure.Level] / simTotals[exposure.Level] : double.NaN;
                    var measures = new EffectMeasures(p1, p0);
                    (declaredOr, declaredRr, declaredRd) = (measures.OddsRatio, measures.RiskRatio, measures.RiskDifference);
                }
                else
                {
                    (declaredExposure, declaredOr, declaredRr, declaredRd) = (double.NaN, double.NaN, double.NaN, double.NaN);
                }

                var (a, n1, c, n0) = (events[level], totals[level], events[exposure.Level], totals[exposure.Level]);
                contrasts.Add(new ContrastRow(
                    x,
                    level,
                    exposure.Level,
                    declaredExposure,
                    a,
                    n1,
                    c,
                    n0,
                    new Measure(Finite(declaredOr), Intervals.OddsRatio(a, n1, c, n0)),
                    new Measure(Finite(declaredRr), Intervals.RiskRatio(a, n1, c, n0)),
                    new Measure(Finite(declaredRd), Intervals.RiskDifference(a, n1, c, n0)),
                    causal is { } value && double.IsFinite(value) ? value : null));
            }
        }

        return new OutcomeSection(
            y,
            outcome.Level,
            isDeclared,
            exact ? DeclaredMethod.Exact : DeclaredMethod.Simulated,
            declaredRisk,
            Intervals.Proportion(outcomeEvents, outcomeObserved),
            contrasts.ToImmutable(),
            leftOut);
    }

    private static double Finite(double x) => double.IsFinite(x) ? x : double.NaN;

    private double SimulatedRisk(LevelAssignment outcome)
    {
        if (_simulated is not { } s)
        {
            return double.NaN;
        }

        var counts = s.LevelCounts(outcome.Variable);
        var n = counts.Sum();
        return n > 0 ? (double)counts[outcome.Level] / n : double.NaN;
    }

    /// <summary>For each level of the exposure, the rows with the outcome event and the rows with both observed.</summary>
    private static (long[] Events, long[] Totals) Table(Dataset data, int exposure, LevelAssignment outcome)
    {
        var cardinality = data.Model.Variables[exposure].Cardinality;
        var events = new long[cardinality];
        var totals = new long[cardinality];
        var x = data.Codes(exposure);
        var y = data.Codes(outcome.Variable);
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] == Dataset.MissingCode || y[i] == Dataset.MissingCode)
            {
                continue;
            }

            totals[x[i]]++;
            events[x[i]] += y[i] == outcome.Level ? 1 : 0;
        }

        return (events, totals);
    }

    private ImmutableArray<RuleRow> Rules()
    {
        if (_model.Rules.IsEmpty)
        {
            return [];
        }

        var proofs = _engine.ProveRules();
        var rows = ImmutableArray.CreateBuilder<RuleRow>(_model.Rules.Length);
        foreach (var proof in proofs.Proofs)
        {
            var rule = proof.Rule;
            var status = proof.Status switch
            {
                RuleProofStatus.Proven => "proven",
                RuleProofStatus.Violated => "violated",
                _ when rule.Condition is null => "not provable exactly",
                _ => "undecided",
            };
            long broken = 0, evaluated = 0;
            var readable = rule.Variables.All(v => _data.Has(v) && _model.Variables[v].Kind != VariableKind.Text);
            if (readable)
            {
                for (long row = 0; row < _data.Rows; row++)
                {
                    var complete = true;
                    foreach (var v in rule.Variables)
                    {
                        if (double.IsNaN(_data.Cell(v, row)))
                        {
                            complete = false;
                            break;
                        }
                    }

                    if (!complete)
                    {
                        continue;
                    }

                    evaluated++;
                    var at = row;
                    broken += ScalarEvaluator.Evaluate(rule.Expression, v => _data.Cell(v, at)) != 0 ? 1 : 0;
                }
            }

            rows.Add(new RuleRow(rule, status, proof.ViolationProbability, broken, evaluated));
        }

        return rows.MoveToImmutable();
    }

    private ImmutableArray<MissingnessRow> Missingness()
    {
        var declared = _request.Missingness.ToDictionary(m => m.Variable);
        return
        [
            .. _model.Variables.Select(v =>
            {
                var missing = _data.Has(v.Index) ? _data.MissingCount(v.Index) : _data.Rows;
                var d = declared.GetValueOrDefault(v.Index);
                return new MissingnessRow(v, d?.Mechanism, d?.Rate ?? double.NaN, missing, Intervals.Proportion(missing, _data.Rows));
            }),
        ];
    }

    /// <summary>
    /// Each calibration target: its value in the model (<see cref="Calibrator.Evaluate"/>, exact or on the
    /// calibration's own simulated rows) and in the data.
    /// </summary>
    private TargetsSection? Targets(CancellationToken cancellationToken)
    {
        if (_model.Calibration is not { Targets.IsEmpty: false } problem)
        {
            return null;
        }

        var options = _request.TargetOptions;
        options = options with { Threads = options.Threads ?? Math.Max(1, _request.Threads) };
        var result = Calibrator.Evaluate(_model, options, cancellationToken);
        var failed = result.Status == CalibrationStatus.Failed;
        var rows = problem.Targets.Select((t, i) => new TargetRow(t, failed ? null : result.Targets[i], TargetData.Measure(t, _data, _engine.Part)));
        return new TargetsSection(
            [.. rows],
            result.SimulationRows,
            result.Seed,
            failed ? [.. result.Diagnostics.Where(d => d.IsError).Select(d => d.Message)] : []);
    }

    /// <summary>Fake text is not needed for declared values; this source lets a plan compile without one.</summary>
    private sealed class EmptyText : IFakeTextSource, IFakeTextGenerator
    {
        public static readonly EmptyText Instance = new();

        public IFakeTextGenerator CreateGenerator() => this;

        public string? Check(string field, string locale) => null;

        public string Generate(string field, string locale, FakeSex sex, ulong bits) => string.Empty;
    }

    /// <summary>Invariant text of a seed, for notes.</summary>
    internal static string Seed(ulong seed) => seed.ToString(CultureInfo.InvariantCulture);
}
