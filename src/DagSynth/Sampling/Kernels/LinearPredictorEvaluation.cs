using DagSynth.Models;

namespace DagSynth.Sampling.Kernels;

/// <summary>Evaluates a linear predictor (intercept plus coefficient times term) for a batch.</summary>
internal static class LinearPredictorEvaluation
{
    public static void Evaluate(LinearPredictor predictor, SamplerContext context, SampleBatch batch, Span<double> output)
    {
        output.Fill(predictor.Intercept);
        if (predictor.Terms.IsEmpty)
        {
            return;
        }

        var term = context.Rent();
        foreach (var t in predictor.Terms)
        {
            context.Evaluator.Evaluate(t.Expression, batch, term);
            var c = t.Coefficient;
            for (var i = 0; i < output.Length; i++)
            {
                output[i] += c * term[i];
            }
        }

        context.Return(term);
    }
}
