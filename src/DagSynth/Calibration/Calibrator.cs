using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Calibration;

/// <summary>
/// Finds the values of a model's free parameters (<c>fit</c>) that make the generated population show
/// its targets, all targets jointly: Levenberg-Marquardt on transformed parameters (logits of
/// probabilities, logs of positive numbers), with targets on the discrete part computed exactly by
/// inference and the others estimated from a fixed-seed simulation with common random numbers. Says
/// which targets cannot be met together (and the closest values), and which parameters no target
/// determines. Deterministic: the same model and options give the same result, whatever the thread
/// count. See <c>docs/calibration.md</c>.
/// </summary>
public static class Calibrator
{
    /// <summary>Residuals (in tolerances) below this end a fit of exact targets: 1e-6 of a tolerance.</summary>
    private const double ExactPrecision = 1e-6;

    /// <summary>
    /// Residuals below this end a fit with simulated targets: a tenth of a tolerance. More would be
    /// precision about the simulated rows themselves, whose Monte-Carlo error is reported.
    /// </summary>
    private const double SimulatedPrecision = 0.1;

    /// <summary>The coarse first stage stops when every residual is below this: the full rows then differ by more anyway.</summary>
    private const double CoarsePrecision = 0.5;

    /// <summary>Simulations larger than this are first solved on a tenth of the rows, which gets close cheaply.</summary>
    private const long CoarseAbove = 50_000;

    /// <summary>The most targets searched one by one for a smallest conflicting set, when some are simulated.</summary>
    private const int MaxSimulatedConflictSearch = 6;

    /// <summary>A fit of exact targets stops when two steps in a row lower the cost by less than this fraction.</summary>
    private const double ExactStall = 1e-10;

    /// <summary>A fit with simulated targets stops when two steps in a row lower the cost by less than this fraction.</summary>
    private const double SimulatedStall = 1e-4;

    /// <summary>
    /// Calibrates <paramref name="model"/>: finds its free parameters' values so that its targets are met.
    /// A model without free parameters has its targets evaluated (<see cref="Evaluate"/>).
    /// </summary>
    /// <param name="model">The model, with its free parameters at their start (or current) values.</param>
    /// <param name="options">Simulation size and seed, solver limits; the defaults when omitted.</param>
    /// <param name="progress">Told the largest residual (in tolerances) after each improving step.</param>
    /// <param name="cancellationToken">Stops the calibration.</param>
    /// <exception cref="ArgumentOutOfRangeException">The options ask for no simulated rows, or a negative number of iterations.</exception>
    public static CalibrationResult Solve(Model model, CalibrationOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var o = options ?? new CalibrationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(o.SimulationRows, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(o.MaxIterations, nameof(options));
        var seed = o.Seed ?? model.Seed ?? 0;
        if (model.Calibration is not { } problem)
        {
            return new CalibrationResult(CalibrationStatus.Solved, model, [], [], [], [], 0, 0, 0, seed);
        }

        var map = new CoordinateMap(problem, model);
        var objective = new Objective(model, map, o, seed, o.SimulationRows, cancellationToken);
        var start = objective.Evaluate(map.FromValues(model.CalibrationValues));
        if (!start.IsValid)
        {
            return Failed(model, problem, objective, start, seed);
        }

        var active = Enumerable.Range(0, map.Count).Select(k => problem.Targets.Select((_, i) => objective.Depends[i][k]).Any(d => d)).ToArray();
        var evaluateOnly = o.MaxIterations == 0;
        var precision = objective.Simulates ? SimulatedPrecision : ExactPrecision;
        var stall = objective.Simulates ? SimulatedStall : ExactStall;
        var iterations = 0;
        var best = start;
        double[,]? jacobian = null;

        // With many simulated rows, a tenth of them first: the same problem, a little noisier, gets close at a tenth of the cost.
        var coarse = objective.Simulates && o.SimulationRows > CoarseAbove && !evaluateOnly
            ? new Objective(model, map, o, seed, o.SimulationRows / 10, cancellationToken)
            : null;
        if (active.Any(a => a) && !evaluateOnly)
        {
            double[,]? initial = null;
            if (coarse is not null && coarse.Evaluate(best.U) is { IsValid: true } coarseStart)
            {
                var rough = LevenbergMarquardt.Solve(coarse, coarseStart, active, CoarsePrecision, Math.Min(o.MaxIterations, 30), stall, broyden: true, progress: (p, _) => progress?.Report(p.Worst));
                iterations += rough.Iterations;
                var refined = objective.Evaluate(rough.Best.U);
                if (refined.IsValid && refined.Cost < best.Cost)
                {
                    best = refined;
                    initial = rough.Jacobian;
                }
            }

            var outcome = LevenbergMarquardt.Solve(objective, best, active, precision, o.MaxIterations, stall, broyden: objective.Simulates, initial: initial, progress: (p, _) => progress?.Report(p.Worst));
            best = outcome.Best;
            jacobian = outcome.Jacobian;
            iterations += outcome.Iterations;
            if (objective.Simulates)
            {
                // Which parameters the targets determine is judged on fresh differences (on the coarser rows when there are some).
                var judge = coarse ?? objective;
                var at = ReferenceEquals(judge, objective) ? best : judge.Evaluate(best.U);
                jacobian = at.IsValid ? judge.Jacobian(at, active) : jacobian;
            }
        }

        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var met = problem.Targets.Select((t, i) => t.IsMet(best.Achieved[i])).ToArray();
        var conflicts = ImmutableArray<ImmutableArray<int>>.Empty;
        if (!met.All(x => x) && (!evaluateOnly || !active.Any(a => a)))
        {
            conflicts = FindConflicts(coarse ?? objective, coarse?.Evaluate(best.U) is { IsValid: true } c ? c : best, active, met, o, stall);
            foreach (var set in conflicts)
            {
                diagnostics.Add(DescribeConflict(problem, objective, best, set, active));
            }
        }

        var determined = evaluateOnly ? [.. problem.Parameters.Select(_ => true)] : Determined(problem, map, objective, jacobian, active, diagnostics);
        var evaluations = objective.Evaluations + (coarse?.Evaluations ?? 0);
        return new CalibrationResult(
            met.All(x => x) ? CalibrationStatus.Solved : CalibrationStatus.Infeasible,
            best.Model!,
            [.. problem.Targets.Select((t, i) => new TargetResult(t, best.Achieved[i], best.Errors[i], met[i]))],
            [.. problem.Parameters.Select((p, i) => new ParameterResult(p, best.Values[i], determined[i]))],
            diagnostics.ToImmutable(),
            conflicts,
            iterations,
            evaluations,
            objective.SimulationRows,
            seed);
    }

    /// <summary>
    /// The targets of <paramref name="model"/> as it stands (no parameter is changed): requested,
    /// achieved, and whether each is met.
    /// </summary>
    public static CalibrationResult Evaluate(Model model, CalibrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var o = options ?? new CalibrationOptions();
        return Solve(model, o with { MaxIterations = 0 }, null, cancellationToken);
    }

    private static CalibrationResult Failed(Model model, CalibrationProblem problem, Objective objective, Point start, ulong seed)
    {
        var code = start.Failure!.Contains("cannot be", StringComparison.Ordinal) ? DiagnosticCodes.TargetUndefined : DiagnosticCodes.CalibrationFailed;
        var at = problem.Targets.FirstOrDefault(t => start.Failure.Contains(t.Label, StringComparison.Ordinal))?.Location ?? model.Location;
        var diagnostic = Diagnostic.Error(code, at, start.Failure, code == DiagnosticCodes.TargetUndefined
            ? "a target needs its stratum (and each group it compares) to be possible"
            : "check the start values of the free parameters (fit(START), or start: in parameters)");
        return new CalibrationResult(
            CalibrationStatus.Failed,
            model,
            [.. problem.Targets.Select(t => new TargetResult(t, double.NaN, double.NaN, false))],
            [.. problem.Parameters.Select(p => new ParameterResult(p, p.Start, false))],
            [diagnostic],
            [],
            0,
            objective.Evaluations,
            objective.SimulationRows,
            seed);
    }

    /// <summary>
    /// Sets of targets that cannot be met together. A target no free parameter affects is such a set on
    /// its own. Otherwise the unmet targets' group (the targets linked to them through shared free
    /// parameters) is shrunk one target at a time, keeping a target only when the others can all be
    /// met without it (a deletion filter); with simulated targets the search is limited in size.
    /// </summary>
    private static ImmutableArray<ImmutableArray<int>> FindConflicts(Objective objective, Point best, bool[] active, bool[] met, CalibrationOptions options, double stall)
    {
        var m = met.Length;
        var n = active.Length;
        var sets = ImmutableArray.CreateBuilder<ImmutableArray<int>>();
        var covered = new bool[m];
        for (var i = 0; i < m; i++)
        {
            if (!met[i] && !Enumerable.Range(0, n).Any(k => active[k] && objective.Depends[i][k]))
            {
                sets.Add([i]);
                covered[i] = true;
            }
        }

        for (var i = 0; i < m && sets.Count < 5; i++)
        {
            if (met[i] || covered[i])
            {
                continue;
            }

            var group = Group(objective, active, i);
            var searchable = !objective.Simulates || group.Count <= MaxSimulatedConflictSearch;
            var set = searchable ? Shrink(objective, best, active, group, i, options, stall) : group;
            sets.Add([.. set.Order()]);
            foreach (var t in set)
            {
                covered[t] = true;
            }
        }

        objective.Mask = [.. Enumerable.Repeat(true, m)];
        return sets.ToImmutable();
    }

    /// <summary>The targets linked to <paramref name="target"/> through free coordinates they share.</summary>
    private static List<int> Group(Objective objective, bool[] active, int target)
    {
        var m = objective.Depends.Length;
        var n = active.Length;
        var inGroup = new bool[m];
        var queue = new Queue<int>([target]);
        inGroup[target] = true;
        while (queue.TryDequeue(out var i))
        {
            for (var k = 0; k < n; k++)
            {
                if (!active[k] || !objective.Depends[i][k])
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    if (!inGroup[j] && objective.Depends[j][k])
                    {
                        inGroup[j] = true;
                        queue.Enqueue(j);
                    }
                }
            }
        }

        return [.. Enumerable.Range(0, m).Where(j => inGroup[j])];
    }

    /// <summary>A deletion filter: drops each target of <paramref name="group"/> whose removal leaves the rest still impossible to meet.</summary>
    private static List<int> Shrink(Objective objective, Point best, bool[] active, List<int> group, int unmet, CalibrationOptions options, double stall)
    {
        var set = new List<int>(group);

        // Try to drop the targets that are met first, the unmet one last.
        foreach (var candidate in group.OrderBy(t => t == unmet ? 1 : 0).ThenBy(t => t))
        {
            var trial = set.Where(t => t != candidate).ToList();
            if (trial.Count == 0 || !Feasible(objective, best, active, trial, options, stall))
            {
                if (trial.Count > 0)
                {
                    set = trial;
                }
            }
        }

        return set;
    }

    private static bool Feasible(Objective objective, Point best, bool[] active, List<int> targets, CalibrationOptions options, double stall)
    {
        objective.Mask = [.. Enumerable.Range(0, objective.Depends.Length).Select(targets.Contains)];
        var start = objective.Evaluate(best.U);
        if (!start.IsValid)
        {
            return false;
        }

        // Met with a margin: the search only needs to know whether the others can be met without this one.
        var outcome = LevenbergMarquardt.Solve(objective, start, active, 0.5, Math.Min(options.MaxIterations, 20), stall, broyden: objective.Simulates);
        return outcome.Best.Worst <= 1;
    }

    private static Diagnostic DescribeConflict(CalibrationProblem problem, Objective objective, Point best, ImmutableArray<int> set, bool[] active)
    {
        string Describe(int i)
        {
            var t = problem.Targets[i];
            return string.Create(CultureInfo.InvariantCulture, $"{t.Label} (requested {Format(t.Value)}, closest {Format(best.Achieved[i])})");
        }

        if (set.Length == 1)
        {
            var i = set[0];
            var t = problem.Targets[i];
            var free = Enumerable.Range(0, active.Length).Any(k => active[k] && objective.Depends[i][k]);
            return Diagnostic.Error(
                DiagnosticCodes.TargetsInfeasible,
                t.Location,
                string.Create(CultureInfo.InvariantCulture, $"the target {t.Label} cannot be met: requested {Format(t.Value)}, the closest achievable is {Format(best.Achieved[i])}"),
                free
                    ? "its free parameters reach the edge of their domains (a probability near 0 or 1, a bound); free more numbers, or change the target"
                    : "no free parameter affects it: write fit for a number it depends on, or change the target");
        }

        return Diagnostic.Error(
            DiagnosticCodes.TargetsInfeasible,
            problem.Targets[set[0]].Location,
            $"these targets cannot be met together: {string.Join("; ", set.Select(Describe))}",
            "the closest values are a least-squares compromise, each target weighted by 1 / tolerance^2; drop or change one of them, or free more numbers");
    }

    /// <summary>Which parameters the targets determine; warns about those they do not (DS0521).</summary>
    private static bool[] Determined(CalibrationProblem problem, CoordinateMap map, Objective objective, double[,]? jacobian, bool[] active, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var determined = Enumerable.Repeat(true, problem.Parameters.Length).ToArray();
        var unused = new List<int>();
        for (var k = 0; k < map.Count; k++)
        {
            if (!active[k])
            {
                unused.Add(k);
                foreach (var p in map.ParametersOf(k))
                {
                    determined[p] = false;
                }
            }
        }

        foreach (var k in unused)
        {
            var p = map.ParametersOf(k).First();
            diagnostics.Add(Diagnostic.Warning(
                DiagnosticCodes.ParameterUndetermined,
                problem.Parameters[p].Location,
                $"no target depends on the free parameter {map.Names[k]}; it keeps its start value {Format(problem.Parameters[p].Start)}",
                "add a target it affects, or write a number instead of fit"));
        }

        if (jacobian is null)
        {
            return determined;
        }

        // Directions of the active coordinates along which no target changes (the null space of the scaled Jacobian).
        var columns = Enumerable.Range(0, map.Count).Where(k => active[k]).ToArray();
        var m = jacobian.GetLength(0);
        var norms = columns.Select(k => Math.Sqrt(Enumerable.Range(0, m).Sum(i => jacobian[i, k] * jacobian[i, k]))).ToArray();
        var flat = columns.Where((_, c) => norms[c] == 0).ToList();
        var live = columns.Where((_, c) => norms[c] > 0).ToArray();
        var liveNorms = norms.Where(x => x > 0).ToArray();
        var together = new SortedSet<int>();
        if (live.Length > 1)
        {
            var gram = new double[live.Length, live.Length];
            for (var x = 0; x < live.Length; x++)
            {
                for (var y = 0; y < live.Length; y++)
                {
                    gram[x, y] = Enumerable.Range(0, m).Sum(i => jacobian[i, live[x]] * jacobian[i, live[y]]) / (liveNorms[x] * liveNorms[y]);
                }
            }

            var (values, vectors) = DenseMath.SymmetricEigen(gram);
            for (var e = 0; e < values.Length; e++)
            {
                if (values[e] > 1e-8)
                {
                    continue;
                }

                for (var x = 0; x < live.Length; x++)
                {
                    if (Math.Abs(vectors[x, e]) > 0.2)
                    {
                        together.Add(live[x]);
                    }
                }
            }
        }

        foreach (var k in flat)
        {
            foreach (var p in map.ParametersOf(k))
            {
                determined[p] = false;
            }

            diagnostics.Add(Diagnostic.Warning(
                DiagnosticCodes.ParameterUndetermined,
                problem.Parameters[map.ParametersOf(k).First()].Location,
                $"the targets do not change with the free parameter {map.Names[k]} at its solved value: it is not determined",
                "it may sit at the edge of its domain; add a target it affects, or write a number instead of fit"));
        }

        if (together.Count > 0)
        {
            foreach (var k in together)
            {
                foreach (var p in map.ParametersOf(k))
                {
                    determined[p] = false;
                }
            }

            var first = map.ParametersOf(together.First()).First();
            diagnostics.Add(Diagnostic.Warning(
                DiagnosticCodes.ParameterUndetermined,
                problem.Parameters[first].Location,
                $"the targets determine only combinations of the free parameters {string.Join(", ", together.Select(k => map.Names[k]))}: other values would meet them too (they kept the values nearest their starts that the solver found)",
                "add targets that separate them, or fix some of them (write numbers instead of fit)"));
        }

        return determined;
    }

    private static string Format(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
