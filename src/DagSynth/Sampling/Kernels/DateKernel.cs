using DagSynth.Models;
using DagSynth.Randomness;

namespace DagSynth.Sampling.Kernels;

/// <summary>Dates as whole days since 1970-01-01: uniform over the days from min to max, or a formula, floored.</summary>
internal sealed class DateKernel(Variable variable, DateConditional conditional) : NodeKernel(variable)
{
    public override (int Row, string Problem)? Fill(SamplerContext context, SampleBatch batch, ulong key, long firstRow, int count)
    {
        var output = batch.ValueColumn(Variable.Index).AsSpan(0, count);
        (int, string)? problem = null;
        if (conditional.Formula is { } formula)
        {
            context.Evaluator.Evaluate(formula, batch, output);
            for (var i = 0; i < count; i++)
            {
                if (!double.IsFinite(output[i]))
                {
                    problem ??= (i, "the date formula gives no value");
                }

                output[i] = Math.Floor(output[i]);
            }

            return problem;
        }

        var min = context.Rent();
        var max = context.Rent();
        context.Evaluator.Evaluate(conditional.Min!, batch, min);
        context.Evaluator.Evaluate(conditional.Max!, batch, max);
        for (var i = 0; i < count; i++)
        {
            var lo = Math.Floor(min[i]);
            var hi = Math.Floor(max[i]);
            if (!(lo <= hi) || !double.IsFinite(lo) || !double.IsFinite(hi))
            {
                problem ??= (i, $"min ({DataText.Date(lo)}) is after max ({DataText.Date(hi)})");
                output[i] = double.NaN;
                continue;
            }

            var u = CellRandom.ToUnit(CellRandom.Bits(key, firstRow + i));
            output[i] = lo + Math.Floor(u * (hi - lo + 1));
        }

        context.Return(min);
        context.Return(max);
        return problem;
    }
}
