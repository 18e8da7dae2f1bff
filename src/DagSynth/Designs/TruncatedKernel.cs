using DagSynth.Expressions;
using DagSynth.Models;
using DagSynth.Randomness;
using DagSynth.Sampling;
using DagSynth.Sampling.Kernels;

namespace DagSynth.Designs;

/// <summary>
/// A truncated root: one 53-bit uniform from the cell's own bits, inverted through the truncated
/// distribution function, then clipped and rounded as the variable declares.
/// </summary>
internal sealed class TruncatedKernel(Variable variable, TruncatedConditional conditional) : NodeKernel(variable)
{
    public override (int Row, string Problem)? Fill(SamplerContext context, SampleBatch batch, ulong key, long firstRow, int count)
    {
        var output = batch.ValueColumn(Variable.Index);
        var inner = conditional.Inner;
        var draw = conditional.Draw;
        for (var i = 0; i < count; i++)
        {
            var x = draw.Sample(CellRandom.ToUnit(CellRandom.Bits(key, firstRow + i)));
            x = Math.Min(Math.Max(x, inner.ClipLow), inner.ClipHigh);
            output[i] = inner.Round is { } digits ? Functions.RoundTo(x, digits) : x;
        }

        return null;
    }
}
