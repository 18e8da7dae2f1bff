using System.Collections.Immutable;
using DagSynth.Graphs;
using DagSynth.Models;

namespace DagSynth.Calibration;

/// <summary>The targets evaluated at one point of the solver's coordinates.</summary>
internal sealed class Point
{
    public required double[] U { get; init; }

    public required double[] Values { get; init; }

    public Model? Model { get; init; }

    public required double[] Achieved { get; init; }

    public required double[] Errors { get; init; }

    /// <summary>Each target's residual, in tolerances (0 when the target is left out of the fit).</summary>
    public required double[] Residuals { get; init; }

    public string? Failure { get; init; }

    public bool IsValid => Failure is null;

    /// <summary>Half the sum of squared residuals.</summary>
    public double Cost => IsValid ? 0.5 * Residuals.Sum(r => r * r) : double.PositiveInfinity;

    /// <summary>The largest absolute residual.</summary>
    public double Worst => IsValid && Residuals.Length > 0 ? Residuals.Max(Math.Abs) : double.PositiveInfinity;
}

/// <summary>
/// The function the solver minimises: free-parameter coordinates in, target residuals out. A model is
/// built for each point through the validation gate; exact targets are computed by inference and the
/// others estimated from the fixed-seed simulation. The Jacobian is by forward differences, one
/// coordinate at a time, computing only the targets that read a variable the coordinate changes.
/// </summary>
internal sealed class Objective
{
    /// <summary>Forward-difference step for coordinates that only exact targets read (relative to the coordinate's size).</summary>
    private const double ExactStep = 1e-6;

    /// <summary>Forward-difference step for coordinates that simulated targets read: large enough to move many simulated rows.</summary>
    private const double SimulationStep = 1e-2;

    private readonly CalibrationProblem _problem;
    private readonly ImmutableArray<Target> _targets;
    private readonly ExactEvaluator _exact;
    private readonly SimulationEvaluator? _simulation;
    private readonly CancellationToken _cancellationToken;
    private readonly int _threads;
    private int _evaluations;

    public Objective(Model model, CoordinateMap map, CalibrationOptions options, ulong seed, long simulationRows, CancellationToken cancellationToken)
    {
        _problem = model.Calibration!;
        _targets = _problem.Targets;
        Map = map;
        _cancellationToken = cancellationToken;
        _threads = options.Threads ?? Environment.ProcessorCount;
        _exact = new ExactEvaluator(_targets.Select((t, i) => (i, t)).Where(x => x.t.IsExact), options.Inference);
        var simulated = _targets.Select((t, i) => (i, t)).Where(x => !x.t.IsExact).ToList();
        _simulation = simulated.Count > 0 ? new SimulationEvaluator(model, simulated, simulationRows, seed, _threads) : null;
        Relevant = [.. _targets.Select(t => RelevantVariables(model, t))];
        Depends = [.. _targets.Select((_, i) => Enumerable.Range(0, map.Count).Select(k => Relevant[i].Where((r, v) => r && map.Affected[k][v]).Any()).ToArray())];
        Mask = [.. _targets.Select(_ => true)];
    }

    public CoordinateMap Map { get; }

    /// <summary>For each target, the variables it reads and their ancestors.</summary>
    public ImmutableArray<bool[]> Relevant { get; }

    /// <summary>Depends[target][coordinate]: whether the coordinate changes a variable the target reads.</summary>
    public ImmutableArray<bool[]> Depends { get; }

    /// <summary>The targets the fit counts; the others get residual 0 (for the search of conflicting targets).</summary>
    public bool[] Mask { get; set; }

    /// <summary>Models built and evaluated so far.</summary>
    public int Evaluations => _evaluations;

    /// <summary>Whether some target is simulated.</summary>
    public bool Simulates => _simulation is not null;

    /// <summary>The rows simulated.</summary>
    public long SimulationRows => _simulation?.Rows ?? 0;

    /// <summary>The variables a target reads, and their ancestors: a parameter that changes none of them leaves the target unchanged.</summary>
    public static bool[] RelevantVariables(Model model, Target target)
    {
        var reads = new List<int> { target.Variable };
        if (target.Other >= 0)
        {
            reads.Add(target.Other);
        }

        reads.AddRange(target.Given.Select(g => g.Variable));
        var relevant = new bool[model.Variables.Length];
        foreach (var v in DagAnalysis.AncestralSet(model, reads))
        {
            relevant[v] = true;
        }

        return relevant;
    }

    /// <summary>The targets at coordinates <paramref name="u"/>.</summary>
    public Point Evaluate(double[] u)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var values = Map.ToValues(u);
        var model = Build(values, out var failure);
        var m = _targets.Length;
        var achieved = new double[m];
        var errors = new double[m];
        if (model is not null)
        {
            failure = _exact.Evaluate(model, achieved);
            if (failure is null && _simulation is not null)
            {
                failure = _simulation.Evaluate([model], [null], [achieved], [errors], _cancellationToken)[0];
            }
        }

        return MakePoint(u, values, model, achieved, errors, failure);
    }

    private Point MakePoint(double[] u, double[] values, Model? model, double[] achieved, double[] errors, string? failure)
    {
        var residuals = new double[_targets.Length];
        if (failure is null)
        {
            for (var i = 0; i < residuals.Length; i++)
            {
                residuals[i] = Mask[i] ? _targets[i].Residual(achieved[i]) : 0;
                if (!double.IsFinite(residuals[i]))
                {
                    failure = $"the target {_targets[i].Label} is undefined at these values";
                }
            }
        }

        return new Point { U = u, Values = values, Model = model, Achieved = achieved, Errors = errors, Residuals = residuals, Failure = failure };
    }

    private Model? Build(double[] values, out string? failure)
    {
        Interlocked.Increment(ref _evaluations);
        var result = _problem.Instantiate(values);
        failure = result.Model is null ? result.Errors.FirstOrDefault().Message ?? "the model is invalid" : null;
        return result.Model;
    }

    /// <summary>
    /// The Jacobian of the residuals at <paramref name="at"/> (targets by coordinates), by forward
    /// differences; coordinates not in <paramref name="active"/> get a zero column.
    /// </summary>
    public double[,] Jacobian(Point at, bool[] active)
    {
        var m = _targets.Length;
        var n = Map.Count;
        var jacobian = new double[m, n];
        var models = new Model?[n];
        var moved = new double[n];
        var simulatedColumn = new bool[n];
        for (var k = 0; k < n; k++)
        {
            simulatedColumn[k] = _targets.Select((t, i) => (t, i)).Any(x => !x.t.IsExact && Depends[x.i][k]);
        }

        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = _cancellationToken }, k =>
        {
            if (!active[k] || !Enumerable.Range(0, m).Any(i => Depends[i][k] && Mask[i]))
            {
                return;
            }

            var h = (simulatedColumn[k] ? SimulationStep : ExactStep) * Math.Max(1, Math.Abs(at.U[k]));
            foreach (var direction in new[] { 1.0, -1.0 })
            {
                var u = (double[])at.U.Clone();
                u[k] += direction * h;
                if (Map.IsBounded(k) && Math.Abs(u[k]) > CoordinateMap.Limit)
                {
                    continue;
                }

                if (Build(Map.ToValues(u), out _) is { } model)
                {
                    models[k] = model;
                    moved[k] = u[k] - at.U[k];
                    break;
                }
            }
        });

        var achieved = new double[n][];
        var errors = new double[n][];
        var failures = new string?[n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = _cancellationToken }, k =>
        {
            if (models[k] is not { } model)
            {
                return;
            }

            achieved[k] = (double[])at.Achieved.Clone();
            errors[k] = (double[])at.Errors.Clone();
            failures[k] = _exact.Evaluate(model, achieved[k], i => Depends[i][k]);
        });

        if (_simulation is not null && Enumerable.Range(0, n).Any(k => models[k] is not null && simulatedColumn[k]))
        {
            var columns = Enumerable.Range(0, n).Where(k => models[k] is not null && simulatedColumn[k] && failures[k] is null).ToList();
            var variantModels = new List<Model> { at.Model! };
            var affected = new List<bool[]?> { null };
            var variantAchieved = new List<double[]> { (double[])at.Achieved.Clone() };
            var variantErrors = new List<double[]> { (double[])at.Errors.Clone() };
            foreach (var k in columns)
            {
                variantModels.Add(models[k]!);
                affected.Add(Map.Affected[k]);
                variantAchieved.Add(achieved[k]);
                variantErrors.Add(errors[k]);
            }

            var simulated = _simulation.Evaluate(variantModels, affected, [.. variantAchieved], [.. variantErrors], _cancellationToken);
            for (var c = 0; c < columns.Count; c++)
            {
                failures[columns[c]] ??= simulated[c + 1];
            }
        }

        for (var k = 0; k < n; k++)
        {
            if (models[k] is null || failures[k] is not null)
            {
                continue;
            }

            for (var i = 0; i < m; i++)
            {
                if (!Mask[i] || !Depends[i][k])
                {
                    continue;
                }

                var r = _targets[i].Residual(achieved[k][i]);
                jacobian[i, k] = double.IsFinite(r) ? (r - at.Residuals[i]) / moved[k] : 0;
            }
        }

        return jacobian;
    }
}
