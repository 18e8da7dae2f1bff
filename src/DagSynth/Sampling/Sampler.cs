using DagSynth.Randomness;
using DagSynth.Sampling.Kernels;

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
    private SamplerContext? _context;

    /// <summary>Creates a sampler of <paramref name="plan"/> under <paramref name="seed"/>.</summary>
    public Sampler(SamplingPlan plan, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        Seed = seed;
        _keys = [.. plan.Nodes.Select(n => CellRandom.VariableKey(seed, n.Variable.Name))];
    }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>
    /// Fills <paramref name="batch"/> with rows <paramref name="firstRow"/> to
    /// <paramref name="firstRow"/> + <paramref name="count"/> - 1, then checks them: the batch's
    /// <see cref="SampleBatch.Failure"/> names the first row (in row order) with a value out of its
    /// domain or breaking a rule.
    /// </summary>
    public void Fill(SampleBatch batch, long firstRow, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, batch.Capacity);
        batch.Count = count;
        batch.FirstRow = firstRow;
        batch.Failure = null;
        if (_context is null || _context.Capacity < batch.Capacity)
        {
            _context = new SamplerContext(batch.Capacity, _plan.FakeText?.CreateGenerator());
        }

        var nodes = _plan.Nodes;
        (int Row, string Problem, int Node)? first = null;
        for (var n = 0; n < nodes.Length; n++)
        {
            if (nodes[n].Fill(_context, batch, _keys[n], firstRow, count) is { } problem && (first is null || problem.Row < first.Value.Row))
            {
                first = (problem.Row, problem.Problem, n);
            }
        }

        if (first is { } f)
        {
            var variable = nodes[f.Node].Variable;
            var model = _plan.Model;
            batch.Failure = new DomainViolation(
                variable,
                f.Problem,
                firstRow + f.Row,
                [.. variable.Parents.Select(p => KeyValuePair.Create(model.Variables[p].Name, batch.Describe(model.Variables[p], f.Row)))]);
            return;
        }

        CheckRules(batch);
    }

    private void CheckRules(SampleBatch batch)
    {
        foreach (var rule in _plan.Rules)
        {
            var violation = rule.Violates is { } table ? FindByTable(batch, rule, table) : FindByExpression(batch, rule);
            if (violation >= 0 && (batch.Failure is null || batch.FirstRow + violation < batch.Failure.Row))
            {
                var model = _plan.Model;
                batch.Failure = new RuleViolation(
                    rule.Rule,
                    batch.FirstRow + violation,
                    [.. rule.Variables.Select(v => KeyValuePair.Create(model.Variables[v].Name, batch.Describe(model.Variables[v], violation)))]);
            }
        }
    }

    private int FindByTable(SampleBatch batch, CompiledRule rule, bool[] table)
    {
        var configuration = _context!.Configuration.AsSpan(0, batch.Count);
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

    private int FindByExpression(SampleBatch batch, CompiledRule rule)
    {
        var buffer = _context!.Rent();
        _context.Evaluator.Evaluate(rule.Rule.Expression, batch, buffer);
        var found = -1;
        for (var i = 0; i < batch.Count; i++)
        {
            if (buffer[i] != 0)
            {
                found = i;
                break;
            }
        }

        _context.Return(buffer);
        return found;
    }
}
