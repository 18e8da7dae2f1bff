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
        batch.Attempts = count;
        if (_context is null || _context.Capacity < batch.Capacity)
        {
            var capacity = batch.Capacity;
            _context = new SamplerContext(capacity, _plan.FakeText?.CreateGenerator(), Seed, () => new SampleBatch(_plan, capacity));
        }

        var nodes = _plan.Nodes;
        (int Row, string Problem, int Node)? first = null;
        if (_plan.Rejection is { } stage)
        {
            if (FillConditioned(batch, stage, firstRow, count, ref first))
            {
                return;
            }
        }
        else
        {
            for (var n = 0; n < nodes.Length; n++)
            {
                Note(ref first, nodes[n].Fill(_context, batch, _keys[n], firstRow, count), n);
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

    private static void Note(ref (int Row, string Problem, int Node)? first, (int Row, string Problem)? problem, int node)
    {
        if (problem is { } p && (first is null || p.Row < first.Value.Row))
        {
            first = (p.Row, p.Problem, node);
        }
    }

    /// <summary>
    /// Fills the variables of the rejection stage, draws rows that fail the conditions again from
    /// their attempt streams, then fills the other variables. Returns true when a row ran out of
    /// attempts (the batch's failure is set).
    /// </summary>
    private bool FillConditioned(SampleBatch batch, RejectionStage stage, long firstRow, int count, ref (int Row, string Problem, int Node)? first)
    {
        var context = _context!;
        var nodes = _plan.Nodes;
        foreach (var n in _plan.StageNodes)
        {
            Note(ref first, nodes[n].Fill(context, batch, _keys[n], firstRow, count), n);
        }

        var passed = context.Rent();
        Evaluate(stage, batch, passed);
        var accepted = 0;
        for (var i = 0; i < count; i++)
        {
            accepted += passed[i] > 0.5 ? 1 : 0;
        }

        // The chunk of attempts drawn at once never changes the result (the first passing attempt
        // is taken); it only keeps the work vectorised. Start near the expected number needed.
        var initial = (int)Math.Clamp(1.5 * count / Math.Max(1, accepted), 4, 4096);
        var scratch = context.Scratch;
        var scratchPassed = context.Rent();
        var rowsDone = 0L;
        var attemptsDone = 0L;
        for (var i = 0; i < count; i++)
        {
            if (passed[i] > 0.5)
            {
                rowsDone++;
                attemptsDone++;
                continue;
            }

            var row = firstRow + i;
            var found = -1;
            var attempt = 1;
            var chunk = Math.Min(initial, scratch.Capacity);
            while (found < 0 && attempt < stage.MaxAttempts)
            {
                var c = Math.Min(chunk, stage.MaxAttempts - attempt);
                scratch.Count = c;
                scratch.FirstRow = attempt;
                (int Row, string Problem, int Node)? attemptProblem = null;
                foreach (var n in _plan.StageNodes)
                {
                    Note(ref attemptProblem, nodes[n].Fill(context, scratch, RejectionStage.AttemptKey(_keys[n], row), attempt, c), n);
                }

                Evaluate(stage, scratch, scratchPassed);
                for (var j = 0; j < c; j++)
                {
                    if (scratchPassed[j] > 0.5)
                    {
                        found = j;
                        break;
                    }
                }

                // Only a problem in an attempt up to the one taken counts: later attempts were drawn
                // ahead by chunking, which must not change the outcome.
                if (attemptProblem is { } ap && (found < 0 || ap.Row <= found))
                {
                    Note(ref first, (i, $"{ap.Problem} (in attempt {attempt + ap.Row + 1} at meeting the conditions)"), ap.Node);
                }

                if (found >= 0)
                {
                    CopyRow(scratch, found, batch, i, stage.Variables);
                    batch.Attempts += attempt + found;
                    found = attempt + found;
                    break;
                }

                attempt += c;
                chunk = Math.Min(chunk * 4, scratch.Capacity);
            }

            if (found < 0)
            {
                context.Return(passed);
                context.Return(scratchPassed);
                batch.Failure = new RejectionLimitReached(stage.Description, row, stage.MaxAttempts, attemptsDone == 0 ? 0 : (double)rowsDone / attemptsDone);
                return true;
            }

            rowsDone++;
            attemptsDone += found + 1;
        }

        context.Return(passed);
        context.Return(scratchPassed);
        foreach (var n in _plan.OtherNodes)
        {
            Note(ref first, nodes[n].Fill(context, batch, _keys[n], firstRow, count), n);
        }

        return false;
    }

    /// <summary>1 where a row of <paramref name="batch"/> meets every condition of <paramref name="stage"/>, else 0.</summary>
    private void Evaluate(RejectionStage stage, SampleBatch batch, double[] passed)
    {
        var context = _context!;
        var count = batch.Count;
        passed.AsSpan(0, count).Fill(1);
        var buffer = context.Rent();
        foreach (var predicate in stage.Predicates)
        {
            context.Evaluator.Evaluate(predicate, batch, buffer);
            for (var i = 0; i < count; i++)
            {
                if (!(buffer[i] > 0.5))
                {
                    passed[i] = 0;
                }
            }
        }

        context.Return(buffer);
    }

    private static void CopyRow(SampleBatch from, int fromRow, SampleBatch to, int toRow, IEnumerable<int> variables)
    {
        foreach (var v in variables)
        {
            from.CopyCell(v, fromRow, to, toRow);
        }
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
