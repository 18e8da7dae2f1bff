using DagSynth.Expressions;
using DagSynth.Models;

namespace DagSynth.Sampling.Kernels;

/// <summary>Derived variables: the formula evaluated for the batch; numbers rounded as declared, booleans and cut levels as codes.</summary>
internal sealed class DeriveKernel(Variable variable, DeriveConditional conditional) : NodeKernel(variable)
{
    public override (int Row, string Problem)? Fill(SamplerContext context, SampleBatch batch, ulong key, long firstRow, int count)
    {
        if (Variable.IsDiscrete)
        {
            var buffer = context.Rent();
            context.Evaluator.Evaluate(conditional.Formula, batch, buffer);
            var codes = batch.CodeColumn(Variable.Index);
            (int, string)? problem = null;
            for (var i = 0; i < count; i++)
            {
                var x = buffer[i];
                if (double.IsNaN(x))
                {
                    problem ??= (i, "the formula gives no value (NaN)");
                    x = 0;
                }

                codes[i] = (ushort)x;
            }

            context.Return(buffer);
            return problem;
        }

        var output = batch.ValueColumn(Variable.Index).AsSpan(0, count);
        context.Evaluator.Evaluate(conditional.Formula, batch, output);
        (int, string)? bad = null;
        for (var i = 0; i < count; i++)
        {
            if (!double.IsFinite(output[i]))
            {
                bad ??= (i, double.IsNaN(output[i])
                    ? "the formula gives no value (NaN: 0/0, or the log or square root of a negative number)"
                    : "the formula gives an infinite value (a division by zero?)");
            }
            else if (conditional.Round is { } digits)
            {
                output[i] = Functions.RoundTo(output[i], digits);
            }
        }

        return bad;
    }
}
