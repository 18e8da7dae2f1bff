using DagSynth.Expressions;
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
    private readonly ulong[] _missingKeys;
    private SamplerContext? _context;

    /// <summary>Creates a sampler of <paramref name="plan"/> under <paramref name="seed"/>.</summary>
    public Sampler(SamplingPlan plan, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        Seed = seed;
        _keys = [.. plan.Nodes.Select(n => CellRandom.VariableKey(seed, n.Variable.Name))];
        _missingKeys = [.. plan.Model.Variables.Select(v => v.Missing is null ? 0UL : MissingnessKey(seed, v.Name))];
    }

    /// <summary>
    /// The key of the stream that decides whether the cells of <paramref name="name"/> are missing:
    /// <c>VariableKey(seed, name + "\0missing")</c>, distinct from the stream of its values, so adding
    /// missingness never changes a complete value.
    /// </summary>
    public static ulong MissingnessKey(ulong seed, string name) => CellRandom.VariableKey(seed, name + "\0missing");

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
        if (batch.Failure is null)
        {
            ApplyMissingness(batch, firstRow, count);
        }
    }

    /// <summary>
    /// Draws the missingness masks, after every value and rule: each mechanism reads complete values,
    /// and a cell is missing when its 63-bit uniform from the variable's missingness stream falls in
    /// the upper P(missing) of the range, by the same rule as a logistic node.
    /// </summary>
    private void ApplyMissingness(SampleBatch batch, long firstRow, int count)
    {
        foreach (var variable in _plan.Model.Variables)
        {
            if (variable.Missing is not { } missing)
            {
                continue;
            }

            var mask = batch.MissingColumn(variable.Index);
            var key = _missingKeys[variable.Index];
            if (missing.Predictor is null)
            {
                for (var i = 0; i < count; i++)
                {
                    mask[i] = BernoulliDraw(CellRandom.Bits(key, firstRow + i) >> 1, missing.Rate);
                }

                continue;
            }

            var buffer = _context!.Rent();
            var p = buffer.AsSpan(0, count);
            LinearPredictorEvaluation.Evaluate(missing.Predictor, _context, batch, p);
            for (var i = 0; i < count; i++)
            {
                var probability = Functions.Expit(p[i]);
                if (double.IsNaN(probability) && batch.Failure is null)
                {
                    batch.Failure = new DomainViolation(
                        variable,
                        "the probability of being missing is not a number (a term gives NaN)",
                        firstRow + i,
                        [.. missing.Inputs.Select(v => KeyValuePair.Create(_plan.Model.Variables[v].Name, batch.Describe(_plan.Model.Variables[v], i)))]);
                }

                mask[i] = BernoulliDraw(CellRandom.Bits(key, firstRow + i) >> 1, probability);
            }

            _context.Return(buffer);
        }
    }

    private static bool BernoulliDraw(ulong u, double p)
    {
        if (!(p > 0))
        {
            return false;
        }

        var scaled = (1 - p) * NodeKernel.Scale;
        var threshold = scaled >= NodeKernel.Scale ? (1UL << 63) - 1 : (ulong)scaled;
        return u >= threshold;
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
