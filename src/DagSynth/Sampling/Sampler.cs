using DagSynth.Randomness;

namespace DagSynth.Sampling;

/// <summary>
/// Fills batches with rows drawn from a <see cref="SamplingPlan"/> by forward sampling. Holds
/// per-thread scratch space: use one sampler per thread. Cell (variable, row) depends only on the
/// seed, the variable's name, the row index and the values of its parents in that row.
/// </summary>
public sealed class Sampler
{
    private readonly SamplingPlan _plan;
    private readonly ulong[] _keys;
    private int[] _configuration = [];
    private int[] _ruleCodes = [];

    /// <summary>Creates a sampler of <paramref name="plan"/> under <paramref name="seed"/>.</summary>
    public Sampler(SamplingPlan plan, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        Seed = seed;
        _keys = [.. plan.Nodes.Select(n => CellRandom.VariableKey(seed, n.Name))];
    }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>
    /// Fills <paramref name="batch"/> with rows <paramref name="firstRow"/> to
    /// <paramref name="firstRow"/> + <paramref name="count"/> - 1, then checks them against the rules.
    /// </summary>
    public void Fill(SampleBatch batch, long firstRow, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, batch.Capacity);
        batch.Count = count;
        batch.FirstRow = firstRow;
        batch.Violation = null;
        if (_configuration.Length < count)
        {
            _configuration = new int[batch.Capacity];
        }

        var configuration = _configuration.AsSpan(0, count);
        var nodes = _plan.Nodes;
        for (var n = 0; n < nodes.Length; n++)
        {
            var node = nodes[n];
            var output = batch.Column(node.Variable).AsSpan(0, count);
            if (node.Parents.Length == 0)
            {
                configuration.Clear();
            }
            else
            {
                ComputeConfigurations(batch, node, configuration);
            }

            if (node.Rows.Cardinality <= DiscreteRows.LinearSearchLimit)
            {
                SampleLinear(node.Rows, _keys[n], firstRow, configuration, output);
            }
            else
            {
                SampleGuided(node.Rows, _keys[n], firstRow, configuration, output);
            }
        }

        CheckRules(batch);
    }

    private static void ComputeConfigurations(SampleBatch batch, DiscreteNode node, Span<int> configuration)
    {
        var first = batch.Column(node.Parents[0]).AsSpan(0, configuration.Length);
        var stride = node.Strides[0];
        for (var i = 0; i < configuration.Length; i++)
        {
            configuration[i] = first[i] * stride;
        }

        for (var p = 1; p < node.Parents.Length; p++)
        {
            var codes = batch.Column(node.Parents[p]).AsSpan(0, configuration.Length);
            stride = node.Strides[p];
            for (var i = 0; i < configuration.Length; i++)
            {
                configuration[i] += codes[i] * stride;
            }
        }
    }

    private static void SampleLinear(DiscreteRows rows, ulong key, long firstRow, ReadOnlySpan<int> configuration, Span<ushort> output)
    {
        var thresholds = rows.Thresholds.AsSpan();
        var stride = rows.Stride;
        for (var i = 0; i < output.Length; i++)
        {
            var u = CellRandom.Bits(key, firstRow + i) >> 1;
            var row = thresholds.Slice(configuration[i] * stride, stride);
            output[i] = (ushort)DiscreteRows.CountBelow(row, u);
        }
    }

    private static void SampleGuided(DiscreteRows rows, ulong key, long firstRow, ReadOnlySpan<int> configuration, Span<ushort> output)
    {
        var thresholds = rows.Thresholds;
        var guide = rows.Guide;
        var stride = rows.Stride;
        var bits = rows.GuideBits;
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

    private void CheckRules(SampleBatch batch)
    {
        foreach (var rule in _plan.Rules)
        {
            var violation = rule.Violates is { } table ? FindByTable(batch, rule, table) : FindByEvaluation(batch, rule);
            if (violation >= 0)
            {
                var model = _plan.Model;
                batch.Violation = new RuleViolation(
                    rule.Rule,
                    batch.FirstRow + violation,
                    [.. rule.Variables.Select(v => KeyValuePair.Create(
                        model.Variables[v].Name,
                        model.Variables[v].Levels[batch.Codes(v)[violation]]))]);
                return;
            }
        }
    }

    private int FindByTable(SampleBatch batch, CompiledRule rule, bool[] table)
    {
        var configuration = _configuration.AsSpan(0, batch.Count);
        configuration.Clear();
        for (var j = 0; j < rule.Variables.Length; j++)
        {
            var codes = batch.Codes(rule.Variables[j]);
            var stride = rule.Strides[j];
            for (var i = 0; i < configuration.Length; i++)
            {
                configuration[i] += codes[i] * stride;
            }
        }

        for (var i = 0; i < configuration.Length; i++)
        {
            if (table[configuration[i]])
            {
                return i;
            }
        }

        return -1;
    }

    private int FindByEvaluation(SampleBatch batch, CompiledRule rule)
    {
        if (_ruleCodes.Length < _plan.ColumnCount)
        {
            _ruleCodes = new int[_plan.ColumnCount];
        }

        for (var i = 0; i < batch.Count; i++)
        {
            foreach (var v in rule.Variables)
            {
                _ruleCodes[v] = batch.Codes(v)[i];
            }

            if (rule.Rule.Condition.Evaluate(_ruleCodes))
            {
                return i;
            }
        }

        return -1;
    }
}
