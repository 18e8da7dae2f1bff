using DagSynth.Models;
using DagSynth.Randomness;

namespace DagSynth.Sampling.Kernels;

/// <summary>A discrete variable with a table: the parents' codes select a row, a 63-bit uniform picks the level.</summary>
internal sealed class TableKernel : NodeKernel
{
    private readonly int[] _parents;
    private readonly int[] _strides;
    private readonly DiscreteRows _rows;

    public TableKernel(Variable variable, Cpt table)
        : base(variable)
    {
        _parents = [.. variable.Parents];
        _strides = new int[_parents.Length];
        for (int p = _parents.Length - 1, s = 1; p >= 0; p--)
        {
            _strides[p] = s;
            s *= table.ParentCardinalities[p];
        }

        _rows = new DiscreteRows(table.Values, variable.Cardinality);
    }

    public override (int Row, string Problem)? Fill(SamplerContext context, SampleBatch batch, ulong key, long firstRow, int count)
    {
        var configuration = context.Configuration.AsSpan(0, count);
        var output = batch.CodeColumn(Variable.Index).AsSpan(0, count);
        if (_parents.Length == 0)
        {
            configuration.Clear();
        }
        else
        {
            var first = batch.CodeColumn(_parents[0]).AsSpan(0, count);
            var stride = _strides[0];
            for (var i = 0; i < count; i++)
            {
                configuration[i] = first[i] * stride;
            }

            for (var p = 1; p < _parents.Length; p++)
            {
                var codes = batch.CodeColumn(_parents[p]).AsSpan(0, count);
                stride = _strides[p];
                for (var i = 0; i < count; i++)
                {
                    configuration[i] += codes[i] * stride;
                }
            }
        }

        if (_rows.Cardinality <= DiscreteRows.LinearSearchLimit)
        {
            SampleLinear(key, firstRow, configuration, output);
        }
        else
        {
            SampleGuided(key, firstRow, configuration, output);
        }

        return null;
    }

    private void SampleLinear(ulong key, long firstRow, ReadOnlySpan<int> configuration, Span<ushort> output)
    {
        var thresholds = _rows.Thresholds.AsSpan();
        var stride = _rows.Stride;
        for (var i = 0; i < output.Length; i++)
        {
            var u = CellRandom.Bits(key, firstRow + i) >> 1;
            var row = thresholds.Slice(configuration[i] * stride, stride);
            output[i] = (ushort)DiscreteRows.CountBelow(row, u);
        }
    }

    private void SampleGuided(ulong key, long firstRow, ReadOnlySpan<int> configuration, Span<ushort> output)
    {
        var thresholds = _rows.Thresholds;
        var guide = _rows.Guide;
        var stride = _rows.Stride;
        var bits = _rows.GuideBits;
        var shift = 63 - bits;
        for (var i = 0; i < output.Length; i++)
        {
            var u = CellRandom.Bits(key, firstRow + i) >> 1;
            var config = configuration[i];
            var k = guide[(config << bits) + (int)(u >> shift)];
            var offset = config * stride;
            while (u >= thresholds[offset + k])
            {
                k++;
            }

            output[i] = (ushort)k;
        }
    }
}
