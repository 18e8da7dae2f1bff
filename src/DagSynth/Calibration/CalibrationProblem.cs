using System.Collections.Immutable;
using DagSynth.Models;
using DagSynth.Specs;

namespace DagSynth.Calibration;

/// <summary>
/// What a model declares for calibration: the numbers left free (<c>fit</c> tokens and free named
/// parameters) and the targets the generated population must show. Carried by the model
/// (<see cref="Model.Calibration"/>); <see cref="Calibrator"/> solves it. Immutable.
/// </summary>
public sealed class CalibrationProblem
{
    private readonly ModelSpec _spec;
    private readonly ModelLimits _limits;
    private readonly Dictionary<int, int> _byOrdinal;

    internal CalibrationProblem(ModelSpec spec, ModelLimits limits, ImmutableArray<FreeParameter> parameters, ImmutableArray<ProbabilityRow> rows, ImmutableArray<Target> targets)
    {
        _spec = spec;
        _limits = limits;
        Parameters = parameters;
        Rows = rows;
        Targets = targets;
        StartValues = [.. parameters.Select(p => p.Start)];
        _byOrdinal = parameters.Select((p, i) => (p, i)).Where(x => x.p.Ordinal >= 0).ToDictionary(x => x.p.Ordinal, x => x.i);
    }

    /// <summary>The free parameters: named ones in the order written, then the <c>fit</c> tokens in the order written.</summary>
    public ImmutableArray<FreeParameter> Parameters { get; }

    /// <summary>The probability rows with several <c>fit</c> cells (see <see cref="FreeParameter.Row"/>).</summary>
    public ImmutableArray<ProbabilityRow> Rows { get; }

    /// <summary>The targets, in the order written.</summary>
    public ImmutableArray<Target> Targets { get; }

    /// <summary>The targets as written in the model file (<c>targets:</c>), kept so that a writer can write them back.</summary>
    public ImmutableArray<TargetSpec> WrittenTargets => _spec.Targets;

    /// <summary>The start value of every free parameter, in the order of <see cref="Parameters"/>.</summary>
    public ImmutableArray<double> StartValues { get; }

    /// <summary>
    /// The model with its free parameters set to <paramref name="values"/> (one per parameter, in the
    /// order of <see cref="Parameters"/>), built through the same validation gate as the file; its
    /// diagnostics when the values make it invalid (a negative standard deviation, say). The cells of a
    /// <see cref="ProbabilityRow"/> must sum to its <see cref="ProbabilityRow.Mass"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold one value per parameter.</exception>
    public ModelLoadResult Instantiate(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Parameters.Length)
        {
            throw new ArgumentException($"expected {Parameters.Length} values, one per free parameter, not {values.Count}", nameof(values));
        }

        var named = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < Parameters.Length; i++)
        {
            if (Parameters[i].ParameterName is { } name)
            {
                named[name] = values[i];
            }
        }

        var parameters = _spec.Parameters.Select(p => named.TryGetValue(p.Name.Value, out var v)
            ? p with { Value = NumberSpec.Literal(v, p.Value.Span), Settings = null }
            : p).ToImmutableArray();
        var spec = SpecRewriter.Map(_spec with { Parameters = parameters, Targets = [] }, site => FitToken.Format(values[_byOrdinal[site.Ordinal]]));
        var result = ModelBuilder.BuildInstance(spec, _limits);
        return result.Model is { } model ? result with { Model = model.WithCalibration(this, [.. values], instance: true) } : result;
    }
}
