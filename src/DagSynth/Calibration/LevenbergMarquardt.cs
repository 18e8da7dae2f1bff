namespace DagSynth.Calibration;

/// <summary>
/// Levenberg-Marquardt on the target residuals (each in units of its tolerance): minimises half their
/// sum of squares over the free coordinates, with Marquardt's scaling of the damping and Nielsen's
/// update of it. It stops when every residual is below the requested precision, or when no step
/// improves the fit (a least-squares compromise: some targets cannot be met together).
/// </summary>
internal static class LevenbergMarquardt
{
    /// <summary>The result of a run: the best point, the Jacobian there, and the iterations taken.</summary>
    public sealed record Outcome(Point Best, double[,] Jacobian, int Iterations);

    /// <summary>Minimises from <paramref name="start"/>; only coordinates in <paramref name="active"/> move.</summary>
    /// <param name="objective">The residual function.</param>
    /// <param name="start">A valid starting point.</param>
    /// <param name="active">The coordinates that may move.</param>
    /// <param name="precision">Stop when every residual is at most this (in tolerances).</param>
    /// <param name="maxIterations">The most iterations (accepted or rejected steps).</param>
    /// <param name="stall">Stop after two accepted steps in a row that lower the cost by less than this fraction.</param>
    /// <param name="broyden">
    /// Update the Jacobian after each accepted step by Broyden's rank-one formula (on the entries the
    /// problem's structure allows) instead of new finite differences; fresh differences are taken
    /// only when two steps in a row fail. For simulated targets, where each difference costs a
    /// simulation.
    /// </param>
    /// <param name="initial">A Jacobian to start from (from a coarser simulation), instead of finite differences at the start.</param>
    /// <param name="progress">Told the best point after each accepted step.</param>
    public static Outcome Solve(Objective objective, Point start, bool[] active, double precision, int maxIterations, double stall, bool broyden = false, double[,]? initial = null, Action<Point, int>? progress = null)
    {
        var n = start.U.Length;
        var m = start.Residuals.Length;
        var current = start;
        var jacobian = initial is null ? objective.Jacobian(current, active) : (double[,])initial.Clone();
        var fresh = initial is null;
        var rejections = 0;
        var lambda = -1.0;
        var nu = 2.0;
        var iterations = 0;
        var stalls = 0;
        while (iterations < maxIterations && current.Worst > precision)
        {
            iterations++;
            var moving = Enumerable.Range(0, n).Where(k => active[k] && Enumerable.Range(0, m).Any(i => jacobian[i, k] != 0)).ToArray();
            if (moving.Length == 0)
            {
                break;
            }

            var p = moving.Length;
            var a = new double[p, p];
            var g = new double[p];
            for (var x = 0; x < p; x++)
            {
                for (var i = 0; i < m; i++)
                {
                    g[x] += jacobian[i, moving[x]] * current.Residuals[i];
                }

                for (var y = 0; y <= x; y++)
                {
                    var sum = 0.0;
                    for (var i = 0; i < m; i++)
                    {
                        sum += jacobian[i, moving[x]] * jacobian[i, moving[y]];
                    }

                    a[x, y] = sum;
                    a[y, x] = sum;
                }
            }

            var maxDiagonal = Enumerable.Range(0, p).Max(x => a[x, x]);
            if (g.Max(Math.Abs) <= 1e-12 * Math.Max(1, current.Cost))
            {
                break; // stationary: a least-squares compromise
            }

            if (lambda < 0)
            {
                lambda = 1e-3;
            }

            // Marquardt: damp each coordinate in proportion to its own curvature (floored, so a flat one still moves a little).
            var damped = (double[,])a.Clone();
            var floor = 1e-9 * maxDiagonal;
            for (var x = 0; x < p; x++)
            {
                damped[x, x] += lambda * Math.Max(a[x, x], floor);
            }

            var step = new double[p];
            var rhs = g.Select(v => -v).ToArray();
            if (!DenseMath.TrySolveSymmetric(damped, rhs, step))
            {
                lambda *= nu;
                nu *= 2;
                continue;
            }

            var u = (double[])current.U.Clone();
            for (var x = 0; x < p; x++)
            {
                var k = moving[x];
                u[k] += step[x];
                if (objective.Map.IsBounded(k))
                {
                    u[k] = Math.Clamp(u[k], -CoordinateMap.Limit, CoordinateMap.Limit);
                }
            }

            // The decrease the linear model predicts, for the step actually taken (bounds may have shortened it).
            var taken = moving.Select(k => u[k] - current.U[k]).ToArray();
            var predicted = 0.0;
            for (var i = 0; i < m; i++)
            {
                var change = 0.0;
                for (var x = 0; x < p; x++)
                {
                    change += jacobian[i, moving[x]] * taken[x];
                }

                predicted += (current.Residuals[i] * current.Residuals[i]) - ((current.Residuals[i] + change) * (current.Residuals[i] + change));
            }

            predicted *= 0.5;
            var candidate = objective.Evaluate(u);
            if (candidate.IsValid && candidate.Cost < current.Cost)
            {
                var rho = predicted > 0 ? (current.Cost - candidate.Cost) / predicted : 1;
                var improvement = current.Cost - candidate.Cost;
                var previous = current;
                current = candidate;
                rejections = 0;
                progress?.Invoke(current, iterations);
                if (current.Worst <= precision)
                {
                    break;
                }

                stalls = improvement <= stall * Math.Max(current.Cost + improvement, 1e-300) ? stalls + 1 : 0;
                if (stalls >= 2)
                {
                    break;
                }

                if (broyden)
                {
                    Update(objective, jacobian, previous, current);
                    fresh = false;
                }
                else
                {
                    jacobian = objective.Jacobian(current, active);
                }

                var t = (2 * rho) - 1;
                lambda *= Math.Max(1.0 / 3, 1 - (t * t * t));
                nu = 2;
            }
            else
            {
                if (++rejections >= 2 && !fresh)
                {
                    // The updated Jacobian may have drifted: take fresh differences before damping further.
                    jacobian = objective.Jacobian(current, active);
                    fresh = true;
                    rejections = 0;
                    continue;
                }

                lambda *= nu;
                nu *= 2;
                if (lambda > 1e12)
                {
                    break; // no step helps: the best compromise is here
                }
            }
        }

        return new Outcome(current, jacobian, iterations);
    }

    /// <summary>Broyden's update J += (dr - J du) du' / (du' du), restricted to the entries the structure allows.</summary>
    private static void Update(Objective objective, double[,] jacobian, Point from, Point to)
    {
        var n = from.U.Length;
        var m = from.Residuals.Length;
        var du = new double[n];
        var norm = 0.0;
        for (var k = 0; k < n; k++)
        {
            du[k] = to.U[k] - from.U[k];
            norm += du[k] * du[k];
        }

        if (!(norm > 0))
        {
            return;
        }

        for (var i = 0; i < m; i++)
        {
            var predicted = 0.0;
            var allowed = 0.0;
            for (var k = 0; k < n; k++)
            {
                predicted += jacobian[i, k] * du[k];
                if (objective.Depends[i][k])
                {
                    allowed += du[k] * du[k];
                }
            }

            var miss = to.Residuals[i] - from.Residuals[i] - predicted;
            if (!(allowed > 0))
            {
                continue;
            }

            for (var k = 0; k < n; k++)
            {
                if (objective.Depends[i][k])
                {
                    jacobian[i, k] += miss * du[k] / allowed;
                }
            }
        }
    }
}
