using System.Collections.Immutable;
using DagSynth.Expressions;
using DagSynth.Graphs;
using DagSynth.Inference.Simulation;
using DagSynth.Models;
using DagSynth.Randomness;
using DagSynth.Sampling;
using DagSynth.Sampling.Kernels;

namespace DagSynth.Calibration;

/// <summary>
/// Estimates the targets that exact inference does not cover from a fixed-seed sample: the same
/// rows, drawn from the same random streams (common random numbers), whatever the parameters, so
/// that the estimates are a deterministic, nearly smooth function of the parameters. A discrete
/// outcome counts its probability given the row's parents rather than the level drawn
/// (Rao-Blackwellisation), which removes the outcome's own sampling noise and makes the estimate
/// smooth in the outcome's parameters. Several parameter variants (the finite differences of a
/// Jacobian) are evaluated in one pass: each batch of rows is drawn once for the base model, and
/// each variant re-draws only the variables its parameter changes.
/// </summary>
internal sealed class SimulationEvaluator
{
    /// <summary>Rows per batch. Fixed: sums are combined batch by batch, so the results do not depend on the thread count.</summary>
    public const int ChunkRows = 8192;

    private readonly TargetPlan[] _targets;
    private readonly bool[] _needed;
    private readonly ulong[] _keys;
    private readonly bool[] _discrete;
    private readonly long _rows;
    private readonly int _threads;

    public SimulationEvaluator(Model model, IEnumerable<(int Index, Target Target)> targets, long rows, ulong seed, int threads)
    {
        _rows = rows;
        _threads = Math.Max(1, threads);
        _targets = [.. targets.Select(t => new TargetPlan(model, t.Index, t.Target))];
        _needed = new bool[model.Variables.Length];
        foreach (var t in _targets)
        {
            for (var v = 0; v < _needed.Length; v++)
            {
                _needed[v] |= t.Relevant[v];
            }
        }

        foreach (var v in model.Variables.Where(v => v.Kind == VariableKind.Text))
        {
            _needed[v.Index] = false;
        }

        _keys = [.. model.Variables.Select(v => CellRandom.VariableKey(seed, v.Name))];
        _discrete = [.. model.Variables.Select(v => v.IsDiscrete)];
    }

    /// <summary>Whether there is anything to estimate.</summary>
    public bool IsEmpty => _targets.Length == 0;

    /// <summary>The number of rows simulated.</summary>
    public long Rows => _rows;

    /// <summary>
    /// Estimates the targets for each model. <paramref name="models"/>[0] is simulated in full; each
    /// other model must differ from it only in the variables of its <paramref name="affected"/> mask,
    /// which alone are drawn again. Estimates go into <paramref name="achieved"/>[variant][target index]
    /// and <paramref name="errors"/> (standard errors); targets a variant does not affect keep the base
    /// estimate. Returns, per variant, why it could not be evaluated (null when it could).
    /// </summary>
    public string?[] Evaluate(IReadOnlyList<Model> models, IReadOnlyList<bool[]?> affected, double[][] achieved, double[][] errors, CancellationToken cancellationToken)
    {
        var variants = models.Count;
        var plans = models.Select(m => SamplingPlan.Compile(m, Simulator.EmptyText.Instance)).ToArray();
        var chunks = (int)((_rows + ChunkRows - 1) / ChunkRows);
        var partials = new Accumulator[variants][][];
        var failures = new string?[variants];
        var runs = new bool[variants][];
        for (var v = 0; v < variants; v++)
        {
            runs[v] = v == 0
                ? [.. _targets.Select(_ => true)]
                : [.. _targets.Select(t => t.Relevant.Where((r, x) => r && affected[v]![x]).Any())];
            partials[v] = new Accumulator[_targets.Length][];
            for (var t = 0; t < _targets.Length; t++)
            {
                partials[v][t] = runs[v][t] ? new Accumulator[chunks] : [];
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken };
        var firstFailure = new long[variants];
        Array.Fill(firstFailure, long.MaxValue);
        Parallel.For(
            0,
            chunks,
            options,
            () => new Worker(plans[0], this),
            (chunk, _, worker) =>
            {
                worker.Run(chunk, plans, affected, runs, partials, (v, row, problem) =>
                {
                    // The first row in row order, whichever thread finds it, so the message is the same every time.
                    lock (failures)
                    {
                        if (row < firstFailure[v])
                        {
                            firstFailure[v] = row;
                            failures[v] = problem;
                        }
                    }
                });
                return worker;
            },
            _ => { });

        for (var v = 0; v < variants; v++)
        {
            failures[v] ??= failures[0];
            if (failures[v] is not null)
            {
                continue;
            }

            for (var t = 0; t < _targets.Length; t++)
            {
                var plan = _targets[t];
                if (!runs[v][t])
                {
                    achieved[v][plan.Index] = achieved[0][plan.Index];
                    errors[v][plan.Index] = errors[0][plan.Index];
                    continue;
                }

                var (value, error) = Finish(plan, partials[v][t]);
                if (!double.IsFinite(value))
                {
                    failures[v] = $"the target {plan.Target.Label} cannot be estimated: {(plan.Target.Given.IsEmpty ? "a group it compares" : "its stratum")} never occurs in the {_rows:N0} simulated rows";
                    break;
                }

                achieved[v][plan.Index] = value;
                errors[v][plan.Index] = error;
            }
        }

        return failures;
    }

    private static (double Value, double Error) Finish(TargetPlan plan, Accumulator[] chunks)
    {
        var total = new Accumulator();
        List<(double, double)>? units = plan.Target.Kind == TargetKind.Auc ? [] : null;
        foreach (var chunk in chunks)
        {
            total.Add(chunk);
            if (units is not null && chunk.Risks is { } risks)
            {
                units.AddRange(risks.Select(r => (r, 1.0)));
            }
        }

        var s = total.Sums;
        var target = plan.Target;
        switch (target.Kind)
        {
            case TargetKind.Probability:
                {
                    var (p, se) = Proportion(s[0], s[1], s[2]);
                    return (p, se);
                }

            case TargetKind.Mean or TargetKind.StandardDeviation:
                {
                    var n = s[0];
                    var mean = s[1] / n;
                    var sd = Math.Sqrt(Math.Max(0, (s[2] - (s[1] * mean)) / (n - 1)));
                    return target.Kind == TargetKind.Mean ? (mean, sd / Math.Sqrt(n)) : (sd, sd / Math.Sqrt(2 * (n - 1)));
                }

            case TargetKind.Correlation:
                {
                    var r = Measures.Correlation(s[0], s[1], s[2], s[3], s[4], s[5]);
                    return (r, (1 - (r * r)) / Math.Sqrt(Math.Max(1, s[0] - 3)));
                }

            case TargetKind.Auc:
                {
                    var auc = Measures.Auc(units!, excludeSelfPairs: true);
                    var cases = units!.Sum(u => u.Item1);
                    return (auc, Measures.AucStandardError(auc, cases, units!.Count - cases));
                }

            default:
                {
                    var (p1, se1) = Proportion(s[0], s[1], s[2]);
                    var (p0, se0) = Proportion(s[3], s[4], s[5]);
                    var value = Measures.Of(target.Kind, p1, p0);
                    var (a, b) = target.Kind switch
                    {
                        TargetKind.RiskDifference => (1.0, 1.0),
                        TargetKind.RiskRatio => (1 / p1, 1 / p0),
                        _ => (1 / (p1 * (1 - p1)), 1 / (p0 * (1 - p0))),
                    };

                    // Causal contrasts compare the same rows under two interventions: their covariance counts.
                    var covariance = target.Causal && s[6] > 1 ? ((s[7] / s[6]) - (p1 * p0)) / s[6] : 0;
                    var variance = (a * a * se1 * se1) + (b * b * se0 * se0) - (2 * a * b * covariance);
                    var se = Math.Sqrt(Math.Max(0, variance));
                    return (value, target.Kind == TargetKind.RiskDifference ? se : value * se);
                }
        }
    }

    private static (double P, double Se) Proportion(double n, double sum, double squares)
    {
        var p = sum / n;
        var variance = n > 1 ? Math.Max(0, (squares - (sum * p)) / (n - 1)) : 0;
        return (p, Math.Sqrt(variance / n));
    }

    /// <summary>Sums for one target over one batch of rows (the layout depends on the target's kind).</summary>
    private sealed class Accumulator
    {
        public double[] Sums { get; } = new double[8];

        /// <summary>For an AUC: each stratum row's probability of the outcome, in row order.</summary>
        public List<double>? Risks { get; set; }

        public void Add(Accumulator other)
        {
            for (var i = 0; i < Sums.Length; i++)
            {
                Sums[i] += other.Sums[i];
            }
        }
    }

    /// <summary>What is fixed about one target: the variables it reads and how its outcome is counted.</summary>
    private sealed class TargetPlan
    {
        public TargetPlan(Model model, int index, Target target)
        {
            Index = index;
            Target = target;
            Accepts = [.. target.Given.Select(g =>
            {
                var accepts = new bool[model.Variables[g.Variable].Cardinality];
                foreach (var level in g.Levels)
                {
                    accepts[level] = true;
                }

                return accepts;
            })];
            var reads = new List<int> { target.Variable };
            if (target.Other >= 0)
            {
                reads.Add(target.Other);
            }

            reads.AddRange(target.Given.Select(g => g.Variable));
            Relevant = new bool[model.Variables.Length];
            foreach (var v in DagAnalysis.AncestralSet(model, reads))
            {
                Relevant[v] = true;
            }

            // Counting P(outcome | parents) instead of the level drawn is unbiased when no conditioning variable descends from the outcome.
            var y = model.Variables[target.Variable];
            var conditioning = target.Given.Select(g => g.Variable).ToList();
            if (target.Kind is TargetKind.OddsRatio or TargetKind.RiskRatio or TargetKind.RiskDifference && !target.Causal)
            {
                conditioning.Add(target.Other);
            }

            var below = DagAnalysis.Descendants(model, y.Index);
            Smoothed = y.IsDiscrete
                && y.Conditional is CptConditional or LogisticConditional or NoisyOrConditional or MultinomialConditional or CumulativeLogitConditional
                && conditioning.All(c => c != y.Index && !below.Contains(c));

            // An intervention redraws the exposure's descendants that the outcome's probability or the stratum reads.
            Redrawn = new bool[model.Variables.Length];
            if (target.Causal)
            {
                var inputs = y.Parents.Concat(target.Given.Select(g => g.Variable)).Concat(Smoothed ? [] : [y.Index]).ToList();
                var upstream = DagAnalysis.AncestralSet(model, inputs);
                foreach (var d in DagAnalysis.Descendants(model, target.Other))
                {
                    Redrawn[d] = upstream.Contains(d) && model.Variables[d].Kind != VariableKind.Text;
                }
            }
        }

        public int Index { get; }

        public Target Target { get; }

        /// <summary>For each condition of the stratum, whether each level of its variable is accepted.</summary>
        public bool[][] Accepts { get; }

        /// <summary>The variables the target reads, and their ancestors.</summary>
        public bool[] Relevant { get; }

        /// <summary>For a causal target: the variables an intervention on the exposure draws again.</summary>
        public bool[] Redrawn { get; }

        /// <summary>Whether the outcome is counted by its probability given the parents (else by the level drawn).</summary>
        public bool Smoothed { get; }
    }

    /// <summary>One thread's batches and scratch space.</summary>
    private sealed class Worker
    {
        private readonly SimulationEvaluator _owner;
        private readonly SamplerContext _context = new(ChunkRows, null);
        private readonly SampleBatch _base;
        private readonly SampleBatch _work;
        private readonly SampleBatch _scenario;
        private readonly double[] _mask = new double[ChunkRows];
        private readonly double[] _q = new double[ChunkRows];
        private readonly double[] _q0 = new double[ChunkRows];
        private readonly double[] _mask0 = new double[ChunkRows];

        /// <summary>Outcome probabilities already computed for the current batch, by (variable, level, smoothed).</summary>
        private readonly Dictionary<(int, int, bool), double[]> _outcomes = [];
        private readonly Stack<double[]> _free = new();
        private SampleBatch? _outcomesOf;

        public Worker(SamplingPlan plan, SimulationEvaluator owner)
        {
            _owner = owner;
            _base = new SampleBatch(plan, ChunkRows);
            _work = new SampleBatch(plan, ChunkRows);
            _scenario = new SampleBatch(plan, ChunkRows);
        }

        public void Run(int chunk, SamplingPlan[] plans, IReadOnlyList<bool[]?> affected, bool[][] runs, Accumulator[][][] partials, Action<int, long, string> fail)
        {
            var first = (long)chunk * ChunkRows;
            var count = (int)Math.Min(ChunkRows, _owner._rows - first);
            for (var v = 0; v < plans.Length; v++)
            {
                if (v > 0 && !runs[v].Any(r => r))
                {
                    continue;
                }

                SampleBatch batch;
                if (v == 0)
                {
                    batch = _base;
                    batch.Count = count;
                    batch.FirstRow = first;
                    if (Draw(plans[0], batch, null, first, count) is { } problem)
                    {
                        fail(0, problem.Row, problem.Message);
                        return;
                    }
                }
                else
                {
                    batch = _work;
                    Copy(_base, batch, count);
                    if (Draw(plans[v], batch, affected[v], first, count) is { } problem)
                    {
                        fail(v, problem.Row, problem.Message);
                        continue;
                    }
                }

                Invalidate();
                for (var t = 0; t < _owner._targets.Length; t++)
                {
                    if (runs[v][t])
                    {
                        var accumulator = new Accumulator();
                        Accumulate(_owner._targets[t], plans[v], batch, count, accumulator);
                        partials[v][t][chunk] = accumulator;
                    }
                }
            }
        }

        /// <summary>Draws the needed variables (those in <paramref name="only"/>, when given) in topological order.</summary>
        private (long Row, string Message)? Draw(SamplingPlan plan, SampleBatch batch, bool[]? only, long first, int count)
        {
            foreach (var node in plan.Nodes)
            {
                var v = node.Variable.Index;
                if (!_owner._needed[v] || (only is not null && !only[v]))
                {
                    continue;
                }

                if (node.Fill(_context, batch, _owner._keys[v], first, count) is { } problem)
                {
                    return (first + problem.Row, $"row {first + problem.Row}: '{node.Variable.Name}': {problem.Problem}");
                }
            }

            return null;
        }

        private void Copy(SampleBatch from, SampleBatch to, int count)
        {
            to.Count = count;
            to.FirstRow = from.FirstRow;
            for (var v = 0; v < _owner._needed.Length; v++)
            {
                if (!_owner._needed[v])
                {
                    continue;
                }

                if (_owner._discrete[v])
                {
                    from.CodeColumn(v).AsSpan(0, count).CopyTo(to.CodeColumn(v));
                }
                else
                {
                    from.ValueColumn(v).AsSpan(0, count).CopyTo(to.ValueColumn(v));
                }
            }
        }

        private void Accumulate(TargetPlan plan, SamplingPlan sampling, SampleBatch batch, int count, Accumulator accumulator)
        {
            var target = plan.Target;
            var model = sampling.Model;
            var s = accumulator.Sums;
            switch (target.Kind)
            {
                case TargetKind.Probability:
                    Stratum(plan, batch, count, _mask);
                    Outcome(plan, model, batch, count, _q);
                    for (var i = 0; i < count; i++)
                    {
                        if (_mask[i] != 0)
                        {
                            s[0]++;
                            s[1] += _q[i];
                            s[2] += _q[i] * _q[i];
                        }
                    }

                    break;
                case TargetKind.Mean or TargetKind.StandardDeviation:
                    {
                        Stratum(plan, batch, count, _mask);
                        var x = batch.Values(target.Variable);
                        for (var i = 0; i < count; i++)
                        {
                            if (_mask[i] != 0)
                            {
                                s[0]++;
                                s[1] += x[i];
                                s[2] += x[i] * x[i];
                            }
                        }

                        break;
                    }

                case TargetKind.Correlation:
                    {
                        Stratum(plan, batch, count, _mask);
                        Number(model, batch, target.Variable, count, _q);
                        Number(model, batch, target.Other, count, _q0);
                        for (var i = 0; i < count; i++)
                        {
                            if (_mask[i] != 0)
                            {
                                double x = _q[i], y = _q0[i];
                                s[0]++;
                                s[1] += x;
                                s[2] += y;
                                s[3] += x * x;
                                s[4] += y * y;
                                s[5] += x * y;
                            }
                        }

                        break;
                    }

                case TargetKind.Auc:
                    {
                        Stratum(plan, batch, count, _mask);
                        Outcome(plan, model, batch, count, _q, smoothed: true);
                        var risks = new List<double>();
                        for (var i = 0; i < count; i++)
                        {
                            if (_mask[i] != 0)
                            {
                                risks.Add(_q[i]);
                            }
                        }

                        accumulator.Risks = risks;
                        break;
                    }

                default:
                    if (target.Causal)
                    {
                        Copy(batch, _scenario, count);
                        Intervene(plan, sampling, batch, target.ExposedLevel, count);
                        Stratum(plan, _scenario, count, _mask);
                        Outcome(plan, model, _scenario, count, _q);
                        Intervene(plan, sampling, batch, target.ReferenceLevel, count);
                        Stratum(plan, _scenario, count, _mask0);
                        Outcome(plan, model, _scenario, count, _q0);
                        for (var i = 0; i < count; i++)
                        {
                            if (_mask[i] != 0)
                            {
                                s[0]++;
                                s[1] += _q[i];
                                s[2] += _q[i] * _q[i];
                            }

                            if (_mask0[i] != 0)
                            {
                                s[3]++;
                                s[4] += _q0[i];
                                s[5] += _q0[i] * _q0[i];
                            }

                            if (_mask[i] != 0 && _mask0[i] != 0)
                            {
                                s[6]++;
                                s[7] += _q[i] * _q0[i];
                            }
                        }
                    }
                    else
                    {
                        Stratum(plan, batch, count, _mask);
                        Outcome(plan, model, batch, count, _q);
                        var exposure = batch.Codes(target.Other);
                        for (var i = 0; i < count; i++)
                        {
                            if (_mask[i] == 0)
                            {
                                continue;
                            }

                            var offset = exposure[i] == target.ExposedLevel ? 0 : exposure[i] == target.ReferenceLevel ? 3 : -1;
                            if (offset >= 0)
                            {
                                s[offset]++;
                                s[offset + 1] += _q[i];
                                s[offset + 2] += _q[i] * _q[i];
                            }
                        }
                    }

                    break;
            }
        }

        /// <summary>
        /// The scenario batch (a copy of the rows) with the exposure forced to <paramref name="level"/>
        /// and the variables between it and the outcome's parents (or the stratum) drawn again: the
        /// same rows in the intervened world.
        /// </summary>
        private void Intervene(TargetPlan plan, SamplingPlan sampling, SampleBatch batch, int level, int count)
        {
            Invalidate();
            _scenario.CodeColumn(plan.Target.Other).AsSpan(0, count).Fill((ushort)level);
            foreach (var node in sampling.Nodes)
            {
                if (plan.Redrawn[node.Variable.Index])
                {
                    node.Fill(_context, _scenario, _owner._keys[node.Variable.Index], batch.FirstRow, count);
                }
            }
        }

        /// <summary>1 where the row is in the target's stratum, else 0.</summary>
        private static void Stratum(TargetPlan plan, SampleBatch batch, int count, double[] mask)
        {
            mask.AsSpan(0, count).Fill(1);
            var given = plan.Target.Given;
            for (var c = 0; c < given.Length; c++)
            {
                var codes = batch.Codes(given[c].Variable);
                var accepts = plan.Accepts[c];
                for (var i = 0; i < count; i++)
                {
                    if (!accepts[codes[i]])
                    {
                        mask[i] = 0;
                    }
                }
            }
        }

        /// <summary>A numeric variable's values, or a boolean's codes as 0 and 1.</summary>
        private static void Number(Model model, SampleBatch batch, int variable, int count, double[] output)
        {
            if (model.Variables[variable].IsDiscrete)
            {
                var codes = batch.Codes(variable);
                for (var i = 0; i < count; i++)
                {
                    output[i] = codes[i];
                }
            }
            else
            {
                batch.Values(variable).CopyTo(output);
            }
        }

        /// <summary>Forgets the outcome probabilities computed so far (the batch's values are about to change).</summary>
        private void Invalidate()
        {
            foreach (var array in _outcomes.Values)
            {
                _free.Push(array);
            }

            _outcomes.Clear();
            _outcomesOf = null;
        }

        /// <summary>For each row, the outcome's probability given its parents (smoothed), or 1 where the outcome took the level.</summary>
        private void Outcome(TargetPlan plan, Model model, SampleBatch batch, int count, double[] q, bool smoothed = false)
        {
            var target = plan.Target;
            var smooth = smoothed || plan.Smoothed;
            if (!ReferenceEquals(batch, _outcomesOf))
            {
                Invalidate();
                _outcomesOf = batch;
            }

            if (_outcomes.TryGetValue((target.Variable, target.Level, smooth), out var cached))
            {
                cached.AsSpan(0, count).CopyTo(q);
                return;
            }

            var y = model.Variables[target.Variable];
            if (!smooth || !RowProbabilities(y, target.Level, batch, count, q))
            {
                var codes = batch.Codes(y.Index);
                for (var i = 0; i < count; i++)
                {
                    q[i] = codes[i] == target.Level ? 1 : 0;
                }
            }

            var copy = _free.Count > 0 ? _free.Pop() : new double[ChunkRows];
            q.AsSpan(0, count).CopyTo(copy);
            _outcomes[(target.Variable, target.Level, smooth)] = copy;
        }

        /// <summary>P(y = level | the row's parents) for each row; false when the conditional gives no probabilities (a formula).</summary>
        private bool RowProbabilities(Variable y, int level, SampleBatch batch, int count, double[] q)
        {
            var output = q.AsSpan(0, count);
            switch (y.Conditional)
            {
                case CptConditional cpt:
                    {
                        var table = cpt.Table;
                        var values = table.Values;
                        var k = table.Cardinality;
                        var configuration = _context.Configuration.AsSpan(0, count);
                        configuration.Clear();
                        var stride = 1;
                        for (var p = y.Parents.Length - 1; p >= 0; p--)
                        {
                            var codes = batch.Codes(y.Parents[p]);
                            for (var i = 0; i < count; i++)
                            {
                                configuration[i] += codes[i] * stride;
                            }

                            stride *= table.ParentCardinalities[p];
                        }

                        for (var i = 0; i < count; i++)
                        {
                            output[i] = values[(configuration[i] * k) + level];
                        }

                        return true;
                    }

                case LogisticConditional logistic:
                    LinearPredictorEvaluation.Evaluate(logistic.Predictor, _context, batch, output);
                    for (var i = 0; i < count; i++)
                    {
                        var p = Functions.Expit(output[i]);
                        output[i] = level == 1 ? p : 1 - p;
                    }

                    return true;
                case NoisyOrConditional noisyOr:
                    {
                        output.Fill(1 - noisyOr.Leak);
                        var present = _context.Rent();
                        foreach (var cause in noisyOr.Causes)
                        {
                            _context.Evaluator.Evaluate(cause.Condition, batch, present);
                            for (var i = 0; i < count; i++)
                            {
                                if (present[i] != 0)
                                {
                                    output[i] *= 1 - cause.Probability;
                                }
                            }
                        }

                        _context.Return(present);
                        if (level == 1)
                        {
                            for (var i = 0; i < count; i++)
                            {
                                output[i] = 1 - output[i];
                            }
                        }

                        return true;
                    }

                case MultinomialConditional or CumulativeLogitConditional:
                    {
                        var columns = new double[y.Cardinality][];
                        for (var j = 0; j < columns.Length; j++)
                        {
                            columns[j] = _context.Rent();
                        }

                        if (y.Conditional is MultinomialConditional m)
                        {
                            CategoricalKernel.FillMultinomial(m, _context, batch, columns, count);
                        }
                        else
                        {
                            CategoricalKernel.FillCumulative((CumulativeLogitConditional)y.Conditional, _context, batch, columns, count);
                        }

                        columns[level].AsSpan(0, count).CopyTo(output);
                        foreach (var c in columns)
                        {
                            _context.Return(c);
                        }

                        return true;
                    }

                default:
                    return false;
            }
        }
    }
}
