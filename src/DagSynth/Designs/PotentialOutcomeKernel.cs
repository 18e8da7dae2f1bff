using DagSynth.Models;
using DagSynth.Randomness;
using DagSynth.Sampling;
using DagSynth.Sampling.Kernels;

namespace DagSynth.Designs;

/// <summary>
/// Fills a potential-outcome column: copies the row's inputs into a scratch batch, forces the
/// treatment, runs the kernels of the redrawn variables with their own keys (so a row whose treatment
/// already has the forced level reproduces its outcome exactly), and copies the outcome out.
/// </summary>
internal sealed class PotentialOutcomeKernel : NodeKernel
{
    private readonly PotentialOutcomeConditional _conditional;
    private readonly NodeKernel[] _kernels;
    private readonly int[] _inputs;

    public PotentialOutcomeKernel(Variable variable, PotentialOutcomeConditional conditional, Model model)
        : base(variable)
    {
        _conditional = conditional;
        _kernels = [.. conditional.Redrawn.Select(v => SamplingPlan.KernelFor(model, model.Variables[v]))];
        var redrawn = conditional.Redrawn.ToHashSet();
        _inputs = [.. conditional.Redrawn
            .SelectMany(v => model.Variables[v].Parents)
            .Where(p => p != conditional.Treatment && !redrawn.Contains(p))
            .Distinct()
            .Order()];
    }

    public override (int Row, string Problem)? Fill(SamplerContext context, SampleBatch batch, ulong key, long firstRow, int count)
    {
        var outcome = _conditional.Outcome;
        if (_kernels.Length == 0)
        {
            // The outcome does not depend on the treatment: its potential outcomes are its value.
            batch.CopyColumn(outcome, count, batch, Variable.Index);
            return null;
        }

        var shadow = context.Scratch;
        shadow.Count = count;
        shadow.FirstRow = firstRow;
        foreach (var input in _inputs)
        {
            batch.CopyColumn(input, count, shadow, input);
        }

        shadow.CodeColumn(_conditional.Treatment).AsSpan(0, count).Fill((ushort)_conditional.Level);
        (int Row, string Problem)? first = null;
        foreach (var kernel in _kernels)
        {
            var problem = kernel.Fill(context, shadow, CellRandom.VariableKey(context.Seed, kernel.Variable.Name), firstRow, count);
            if (problem is { } p && (first is null || p.Row < first.Value.Row))
            {
                first = (p.Row, $"'{kernel.Variable.Name}' drawn again with the treatment forced: {p.Problem}");
            }
        }

        shadow.CopyColumn(outcome, count, batch, Variable.Index);
        return first;
    }
}
