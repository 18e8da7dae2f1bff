using DagSynth.Models;
using DagSynth.Randomness;

namespace DagSynth.Sampling.Kernels;

/// <summary>
/// Identifiers: the number of row r is r + 1 (sequential) or a keyed permutation of 1..capacity
/// (shuffled: a 4-round Feistel network on the smallest even number of bits that covers the range,
/// cycle-walked into it), so every row's identifier is unique and computable on its own.
/// </summary>
internal sealed class IdentifierKernel : NodeKernel
{
    private readonly IdentifierConditional _conditional;
    private readonly int _halfBits;

    public IdentifierKernel(Variable variable, IdentifierConditional conditional)
        : base(variable)
    {
        _conditional = conditional;
        var bits = 64 - (int)ulong.LeadingZeroCount((ulong)conditional.Capacity);
        _halfBits = (bits + 1) / 2;
    }

    public override (int Row, string Problem)? Fill(SamplerContext context, SampleBatch batch, ulong key, long firstRow, int count)
    {
        var output = batch.ValueColumn(Variable.Index);
        var capacity = _conditional.Capacity;
        for (var i = 0; i < count; i++)
        {
            var n = firstRow + i;
            if (n >= capacity)
            {
                return (i, $"the pattern has room for {capacity:N0} identifiers; use more '#'");
            }

            output[i] = _conditional.Order == IdentifierOrder.Sequential ? n + 1 : Permute(key, (ulong)n) + 1;
        }

        return null;
    }

    private long Permute(ulong key, ulong x)
    {
        var capacity = (ulong)_conditional.Capacity;
        var mask = (1UL << _halfBits) - 1;
        do
        {
            var left = x >> _halfBits;
            var right = x & mask;
            for (var round = 0UL; round < 4; round++)
            {
                var f = CellRandom.Mix(key ^ (round * CellRandom.Gamma) ^ right) & mask;
                (left, right) = (right, left ^ f);
            }

            x = (left << _halfBits) | right;
        }
        while (x >= capacity);

        return (long)x;
    }
}
