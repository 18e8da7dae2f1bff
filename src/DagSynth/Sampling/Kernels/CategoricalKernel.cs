using DagSynth.Distributions;
using DagSynth.Expressions;
using DagSynth.Models;
using DagSynth.Randomness;

namespace DagSynth.Sampling.Kernels;

/// <summary>Multinomial and cumulative-logit nodes: a distribution over the levels per row, then the inverse CDF.</summary>
internal sealed class CategoricalKernel(Variable variable) : NodeKernel(variable)
{
    public override (int Row, string Problem)? Fill(SamplerContext context, SampleBatch batch, ulong key, long firstRow, int count)
    {
        var k = Variable.Cardinality;
        var columns = new double[k][];
        for (var j = 0; j < k; j++)
        {
            columns[j] = context.Rent();
        }

        switch (Variable.Conditional)
        {
            case MultinomialConditional multinomial:
                FillMultinomial(multinomial, context, batch, columns, count);
                break;
            case CumulativeLogitConditional cumulative:
                FillCumulative(cumulative, context, batch, columns, count);
                break;
        }

        var output = batch.CodeColumn(Variable.Index);
        Span<double> row = k <= 256 ? stackalloc double[k] : new double[k];
        (int, string)? problem = null;
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < k; j++)
            {
                row[j] = columns[j][i];
            }

            if (problem is null && double.IsNaN(row[0]))
            {
                problem = (i, "the probabilities are not numbers (a term gives NaN)");
            }

            output[i] = Categorical(CellRandom.Bits(key, firstRow + i) >> 1, row);
        }

        foreach (var c in columns)
        {
            context.Return(c);
        }

        return problem;
    }

    internal static void FillMultinomial(MultinomialConditional m, SamplerContext context, SampleBatch batch, double[][] columns, int count)
    {
        // Softmax with the reference level's log-odds fixed at 0, shifted by the row's maximum for stability.
        var max = context.Rent();
        max.AsSpan(0, count).Clear();
        columns[0].AsSpan(0, count).Clear();
        for (var j = 1; j < columns.Length; j++)
        {
            LinearPredictorEvaluation.Evaluate(m.Predictors[j]!, context, batch, columns[j].AsSpan(0, count));
            for (var i = 0; i < count; i++)
            {
                max[i] = Math.Max(max[i], columns[j][i]);
            }
        }

        for (var i = 0; i < count; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < columns.Length; j++)
            {
                var e = PortableMath.Exp(columns[j][i] - max[i]);
                columns[j][i] = e;
                sum += e;
            }

            for (var j = 0; j < columns.Length; j++)
            {
                columns[j][i] /= sum;
            }
        }

        context.Return(max);
    }

    internal static void FillCumulative(CumulativeLogitConditional c, SamplerContext context, SampleBatch batch, double[][] columns, int count)
    {
        var eta = context.Rent();
        LinearPredictorEvaluation.Evaluate(new LinearPredictor(0, c.Terms), context, batch, eta.AsSpan(0, count));
        for (var i = 0; i < count; i++)
        {
            var previous = 0.0;
            for (var j = 0; j < c.Thresholds.Length; j++)
            {
                var cumulative = Functions.Expit(c.Thresholds[j] - eta[i]);
                columns[j][i] = Math.Max(0, cumulative - previous);
                previous = Math.Max(previous, cumulative);
            }

            columns[c.Thresholds.Length][i] = Math.Max(0, 1 - previous);
        }

        context.Return(eta);
    }
}
