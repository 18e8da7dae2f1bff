using System.Collections.Immutable;
using DagSynth.Distributions;
using DagSynth.Expressions;
using DagSynth.Graphs;
using DagSynth.Models;

namespace DagSynth.Calibration;

/// <summary>
/// The solver's unconstrained coordinates and the free parameters they stand for. A parameter with
/// both bounds is a scaled logit of its value, one with one bound the log of its distance to it,
/// one without bounds the value itself; the fit cells of a probability row are its additive
/// log-ratios against the row's last fit cell (so they stay positive and keep summing to what the
/// fixed cells leave). Every coordinate can move freely and the parameters stay in their domains.
/// </summary>
internal sealed class CoordinateMap
{
    /// <summary>Transformed coordinates are kept within this distance of 0: a probability within about 1e-13 of 0 or 1.</summary>
    public const double Limit = 30;

    private readonly CalibrationProblem _problem;

    /// <summary>For each coordinate: the scalar parameter it transforms, or -1 for a row coordinate.</summary>
    private readonly int[] _scalar;

    /// <summary>For each row coordinate: the row and the member it stands for (log of member / last member).</summary>
    private readonly (int Row, int Member)[] _rowMember;

    public CoordinateMap(CalibrationProblem problem, Model model)
    {
        _problem = problem;
        var scalar = new List<int>();
        var rowMember = new List<(int, int)>();
        for (var p = 0; p < problem.Parameters.Length; p++)
        {
            if (problem.Parameters[p].Row < 0)
            {
                scalar.Add(p);
                rowMember.Add((-1, -1));
            }
        }

        for (var r = 0; r < problem.Rows.Length; r++)
        {
            for (var j = 0; j < problem.Rows[r].Members.Length - 1; j++)
            {
                scalar.Add(-1);
                rowMember.Add((r, j));
            }
        }

        _scalar = [.. scalar];
        _rowMember = [.. rowMember];
        Count = _scalar.Length;
        Affected = [.. Enumerable.Range(0, Count).Select(k => AffectedBy(model, k))];
        Names = [.. Enumerable.Range(0, Count).Select(k => _scalar[k] >= 0 ? problem.Parameters[_scalar[k]].Name : problem.Parameters[problem.Rows[_rowMember[k].Row].Members[_rowMember[k].Member]].Name)];
    }

    /// <summary>The number of coordinates.</summary>
    public int Count { get; }

    /// <summary>For each coordinate, the variables whose values change when it changes (the readers of its parameters and their descendants).</summary>
    public ImmutableArray<bool[]> Affected { get; }

    /// <summary>For each coordinate, the name of the parameter it mostly stands for.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The free parameters that coordinate <paramref name="k"/> moves.</summary>
    public IEnumerable<int> ParametersOf(int k) =>
        _scalar[k] >= 0 ? [_scalar[k]] : _problem.Rows[_rowMember[k].Row].Members;

    /// <summary>Whether coordinate <paramref name="k"/> is transformed (and so kept within <see cref="Limit"/>).</summary>
    public bool IsBounded(int k)
    {
        if (_scalar[k] < 0)
        {
            return true;
        }

        var p = _problem.Parameters[_scalar[k]];
        return double.IsFinite(p.Minimum) || double.IsFinite(p.Maximum);
    }

    /// <summary>The parameters' values at coordinates <paramref name="u"/>.</summary>
    public double[] ToValues(ReadOnlySpan<double> u)
    {
        var values = new double[_problem.Parameters.Length];
        for (var k = 0; k < Count; k++)
        {
            if (_scalar[k] is var p and >= 0)
            {
                var parameter = _problem.Parameters[p];
                values[p] = FromCoordinate(u[k], parameter.Minimum, parameter.Maximum);
            }
        }

        for (var r = 0; r < _problem.Rows.Length; r++)
        {
            var row = _problem.Rows[r];
            var m = row.Members.Length;
            var weights = new double[m];
            var first = Array.FindIndex(_rowMember, x => x.Row == r);
            var max = 0.0;
            for (var j = 0; j < m - 1; j++)
            {
                max = Math.Max(max, u[first + j]);
            }

            var sum = 0.0;
            for (var j = 0; j < m; j++)
            {
                weights[j] = PortableMath.Exp((j < m - 1 ? u[first + j] : 0) - max);
                sum += weights[j];
            }

            for (var j = 0; j < m; j++)
            {
                values[row.Members[j]] = row.Mass * weights[j] / sum;
            }
        }

        return values;
    }

    /// <summary>The coordinates of parameter values <paramref name="values"/> (inside their domains).</summary>
    public double[] FromValues(IReadOnlyList<double> values)
    {
        var u = new double[Count];
        for (var k = 0; k < Count; k++)
        {
            if (_scalar[k] is var p and >= 0)
            {
                var parameter = _problem.Parameters[p];
                u[k] = ToCoordinate(values[p], parameter.Minimum, parameter.Maximum);
            }
            else
            {
                var (r, j) = _rowMember[k];
                var members = _problem.Rows[r].Members;
                u[k] = PortableMath.Log(values[members[j]] / values[members[^1]]);
            }

            if (IsBounded(k))
            {
                u[k] = Math.Clamp(u[k], -Limit, Limit);
            }
        }

        return u;
    }

    private static double FromCoordinate(double u, double lo, double hi)
    {
        var hasLo = double.IsFinite(lo);
        var hasHi = double.IsFinite(hi);
        return (hasLo, hasHi) switch
        {
            (true, true) => lo + ((hi - lo) * Functions.Expit(u)),
            (true, false) => lo + PortableMath.Exp(u),
            (false, true) => hi - PortableMath.Exp(u),
            _ => u,
        };
    }

    private static double ToCoordinate(double x, double lo, double hi)
    {
        var hasLo = double.IsFinite(lo);
        var hasHi = double.IsFinite(hi);
        return (hasLo, hasHi) switch
        {
            (true, true) => PortableMath.Log((x - lo) / (hi - x)),
            (true, false) => PortableMath.Log(x - lo),
            (false, true) => PortableMath.Log(hi - x),
            _ => x,
        };
    }

    private bool[] AffectedBy(Model model, int k)
    {
        var affected = new bool[model.Variables.Length];
        foreach (var p in ParametersOf(k))
        {
            foreach (var host in _problem.Parameters[p].Hosts)
            {
                if (host < 0)
                {
                    continue;
                }

                affected[host] = true;
                foreach (var d in DagAnalysis.Descendants(model, host))
                {
                    affected[d] = true;
                }
            }
        }

        return affected;
    }
}
