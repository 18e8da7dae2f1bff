using DagSynth.Expressions;
using DagSynth.Models;
using DagSynth.Randomness;

namespace DagSynth.Sampling.Kernels;

/// <summary>Logistic and noisy-OR nodes: P(true) per row, then one 63-bit uniform per cell.</summary>
internal sealed class BernoulliKernel(Variable variable) : NodeKernel(variable)
{
    public override (int Row, string Problem)? Fill(SamplerContext context, SampleBatch batch, ulong key, long firstRow, int count)
    {
        var buffer = context.Rent();
        var p = buffer.AsSpan(0, count);
        switch (Variable.Conditional)
        {
            case LogisticConditional logistic:
                LinearPredictorEvaluation.Evaluate(logistic.Predictor, context, batch, p);
                for (var i = 0; i < count; i++)
                {
                    p[i] = Functions.Expit(p[i]);
                }

                break;
            case NoisyOrConditional noisyOr:
                {
                    p.Fill(1 - noisyOr.Leak); // P(false) so far
                    var present = context.Rent();
                    foreach (var cause in noisyOr.Causes)
                    {
                        context.Evaluator.Evaluate(cause.Condition, batch, present);
                        var keep = 1 - cause.Probability;
                        for (var i = 0; i < count; i++)
                        {
                            if (present[i] != 0)
                            {
                                p[i] *= keep;
                            }
                        }
                    }

                    context.Return(present);
                    for (var i = 0; i < count; i++)
                    {
                        p[i] = 1 - p[i];
                    }

                    break;
                }
        }

        var output = batch.CodeColumn(Variable.Index);
        (int, string)? problem = null;
        for (var i = 0; i < count; i++)
        {
            if (double.IsNaN(p[i]) && problem is null)
            {
                problem = (i, "the probability is not a number (a term gives NaN)");
            }

            output[i] = Bernoulli(CellRandom.Bits(key, firstRow + i) >> 1, p[i]);
        }

        context.Return(buffer);
        return problem;
    }
}
