using DagSynth.Distributions;
using DagSynth.Expressions;
using DagSynth.Models;
using DagSynth.Randomness;

namespace DagSynth.Sampling.Kernels;

/// <summary>
/// Continuous and count nodes: parameters evaluated for the batch, checked row by row against their
/// domain, then one draw per cell from the cell's own stream, clipped and rounded as declared.
/// </summary>
internal sealed class DistributionKernel : NodeKernel
{
    private readonly DistributionConditional _conditional;
    private readonly Form _form;
    private readonly ParameterDomain.DomainValidator _domain;

    public DistributionKernel(Variable variable, DistributionConditional conditional)
        : base(variable)
    {
        _conditional = conditional;
        _domain = ParameterDomain.Compile(conditional.Family, conditional.ParameterSet);
        _form = (conditional.Family, conditional.ParameterSet) switch
        {
            (NodeType.Normal, _) => Form.Normal,
            (NodeType.LogNormal, "meanlog,sdlog") => Form.LogNormal,
            (NodeType.LogNormal, "mean,sd") => Form.LogNormalMeanSd,
            (NodeType.LogNormal, _) => Form.LogNormalMeanCv,
            (NodeType.Gamma, "shape,rate") => Form.GammaShapeRate,
            (NodeType.Gamma, "shape,scale") => Form.GammaShapeScale,
            (NodeType.Gamma, "mean,sd") => Form.GammaMeanSd,
            (NodeType.Gamma, _) => Form.GammaMeanCv,
            (NodeType.Beta, "shape1,shape2") => Form.Beta,
            (NodeType.Beta, _) => Form.BetaMeanSd,
            (NodeType.Uniform, _) => Form.Uniform,
            (NodeType.TruncatedNormal, "mean,sd,min,max") => Form.TruncatedBoth,
            (NodeType.TruncatedNormal, "mean,sd,min") => Form.TruncatedBelow,
            (NodeType.TruncatedNormal, _) => Form.TruncatedAbove,
            (NodeType.Exponential, "rate") => Form.ExponentialRate,
            (NodeType.Exponential, _) => Form.ExponentialMean,
            (NodeType.Weibull, _) => Form.Weibull,
            (NodeType.Poisson, _) => Form.Poisson,
            (NodeType.NegativeBinomial, _) => Form.NegativeBinomial,
            (NodeType.Binomial, _) => Form.Binomial,
            _ => throw new ArgumentOutOfRangeException(nameof(conditional), conditional.Family, "not a distribution"),
        };
    }

    private enum Form
    {
        Normal,
        LogNormal,
        LogNormalMeanSd,
        LogNormalMeanCv,
        GammaShapeRate,
        GammaShapeScale,
        GammaMeanSd,
        GammaMeanCv,
        Beta,
        BetaMeanSd,
        Uniform,
        TruncatedBoth,
        TruncatedBelow,
        TruncatedAbove,
        ExponentialRate,
        ExponentialMean,
        Weibull,
        Poisson,
        NegativeBinomial,
        Binomial,
    }

    public override (int Row, string Problem)? Fill(SamplerContext context, SampleBatch batch, ulong key, long firstRow, int count)
    {
        var parameters = _conditional.Parameters;
        var columns = new double[parameters.Length][];
        for (var p = 0; p < parameters.Length; p++)
        {
            columns[p] = context.Rent();
            context.Evaluator.Evaluate(parameters[p].Expression, batch, columns[p]);
        }

        var output = batch.ValueColumn(Variable.Index);
        Span<double> values = stackalloc double[parameters.Length];
        var (low, high, round) = (_conditional.ClipLow, _conditional.ClipHigh, _conditional.Round);
        (int, string)? problem = null;
        for (var i = 0; i < count; i++)
        {
            for (var p = 0; p < values.Length; p++)
            {
                values[p] = columns[p][i];
            }

            if (_domain.Check(values) is { } bad)
            {
                problem ??= (i, bad.Message);
                output[i] = double.NaN;
                continue;
            }

            var draws = new CellDraws(key, firstRow + i);
            var x = Draw(ref draws, values);
            x = Math.Min(Math.Max(x, low), high);
            output[i] = round is { } digits ? Functions.RoundTo(x, digits) : x;
        }

        foreach (var c in columns)
        {
            context.Return(c);
        }

        return problem;
    }

    private double Draw(ref CellDraws d, ReadOnlySpan<double> v)
    {
        switch (_form)
        {
            case Form.Normal:
                return Distributions.Draw.Normal(ref d, v[0], v[1]);
            case Form.LogNormal:
                return Distributions.Draw.LogNormal(ref d, v[0], v[1]);
            case Form.LogNormalMeanSd:
                {
                    var s2 = PortableMath.Log(1 + (v[1] * v[1] / (v[0] * v[0])));
                    return Distributions.Draw.LogNormal(ref d, PortableMath.Log(v[0]) - (s2 / 2), Math.Sqrt(s2));
                }

            case Form.LogNormalMeanCv:
                {
                    var s2 = PortableMath.Log(1 + (v[1] * v[1]));
                    return Distributions.Draw.LogNormal(ref d, PortableMath.Log(v[0]) - (s2 / 2), Math.Sqrt(s2));
                }

            case Form.GammaShapeRate:
                return Distributions.Draw.Gamma(ref d, v[0], v[1]);
            case Form.GammaShapeScale:
                return Distributions.Draw.Gamma(ref d, v[0], 1 / v[1]);
            case Form.GammaMeanSd:
                return Distributions.Draw.Gamma(ref d, v[0] * v[0] / (v[1] * v[1]), v[0] / (v[1] * v[1]));
            case Form.GammaMeanCv:
                {
                    var shape = 1 / (v[1] * v[1]);
                    return Distributions.Draw.Gamma(ref d, shape, shape / v[0]);
                }

            case Form.Beta:
                return Distributions.Draw.Beta(ref d, v[0], v[1]);
            case Form.BetaMeanSd:
                {
                    var k = (v[0] * (1 - v[0]) / (v[1] * v[1])) - 1;
                    return Distributions.Draw.Beta(ref d, v[0] * k, (1 - v[0]) * k);
                }

            case Form.Uniform:
                return Distributions.Draw.Uniform(ref d, v[0], v[1]);
            case Form.TruncatedBoth:
                return Distributions.Draw.TruncatedNormal(ref d, v[0], v[1], v[2], v[3]);
            case Form.TruncatedBelow:
                return Distributions.Draw.TruncatedNormal(ref d, v[0], v[1], v[2], double.PositiveInfinity);
            case Form.TruncatedAbove:
                return Distributions.Draw.TruncatedNormal(ref d, v[0], v[1], double.NegativeInfinity, v[2]);
            case Form.ExponentialRate:
                return Distributions.Draw.Exponential(ref d, v[0]);
            case Form.ExponentialMean:
                return Distributions.Draw.Exponential(ref d, 1 / v[0]);
            case Form.Weibull:
                return Distributions.Draw.Weibull(ref d, v[0], v[1]);
            case Form.Poisson:
                return Distributions.Draw.Poisson(ref d, v[0]);
            case Form.NegativeBinomial:
                return Distributions.Draw.NegativeBinomial(ref d, v[0], v[1]);
            default:
                return Distributions.Draw.Binomial(ref d, (long)v[0], v[1]);
        }
    }
}
