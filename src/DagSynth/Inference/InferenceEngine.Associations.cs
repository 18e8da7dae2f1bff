using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Graphs;
using DagSynth.Models;

namespace DagSynth.Inference;

public sealed partial class InferenceEngine
{
    /// <summary>
    /// The associations the model implies between each exposure and <paramref name="outcome"/>:
    /// crude measures from P(outcome | exposure) and causal ones from P(outcome | do(exposure)),
    /// computed on the model with the exposure's incoming edges cut (<see cref="Intervention"/>).
    /// </summary>
    /// <param name="outcome">The outcome variable and the level whose risk is compared.</param>
    /// <param name="exposures">Each exposure variable with its reference level.</param>
    /// <exception cref="ArgumentException">An exposure is the outcome, or an index is out of range.</exception>
    public AssociationReport Associations(LevelAssignment outcome, IReadOnlyList<LevelAssignment> exposures)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        foreach (var a in exposures.Append(outcome))
        {
            CheckEvidence(Evidence.Of(a));
        }

        if (exposures.Any(e => e.Variable == outcome.Variable))
        {
            throw new ArgumentException("the outcome cannot also be an exposure", nameof(exposures));
        }

        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var prior = Query(outcome.Variable, Evidence.None);
        if (prior.Posterior is null)
        {
            return new AssociationReport(outcome.Variable, outcome.Level, double.NaN, [], prior.Diagnostics);
        }

        var risk = prior.Posterior.Values[outcome.Level];
        var results = ImmutableArray.CreateBuilder<ExposureAssociation>();
        foreach (var exposure in exposures)
        {
            if (Associate(outcome, exposure, risk, diagnostics) is { } association)
            {
                results.Add(association);
            }
        }

        return new AssociationReport(outcome.Variable, outcome.Level, risk, results.ToImmutable(), diagnostics.ToImmutable());
    }

    private ExposureAssociation? Associate(LevelAssignment outcome, LevelAssignment exposure, double outcomeRisk, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var x = Model.Variables[exposure.Variable];
        var y = Model.Variables[outcome.Variable];

        // Crude: the joint of exposure and outcome, P(X, Y), row-major over (X, Y).
        var crude = Query([exposure.Variable, outcome.Variable], Evidence.None);
        if (crude.Posterior is null)
        {
            diagnostics.AddRange(crude.Diagnostics);
            return null;
        }

        var exposureProbability = new double[x.Cardinality];
        var conditional = new double[x.Cardinality];
        for (var level = 0; level < x.Cardinality; level++)
        {
            for (var k = 0; k < y.Cardinality; k++)
            {
                exposureProbability[level] += crude.Posterior.Probability([level, k]);
            }

            conditional[level] = exposureProbability[level] > 0 ? crude.Posterior.Probability([level, outcome.Level]) / exposureProbability[level] : double.NaN;
        }

        // Causal: P(Y = y | do(X = x)) by graph surgery; when Y does not descend from X, it is P(Y = y).
        var isCause = DagAnalysis.Descendants(Model, exposure.Variable).Contains(outcome.Variable);
        var causal = new double[x.Cardinality];
        for (var level = 0; level < x.Cardinality; level++)
        {
            if (!isCause)
            {
                causal[level] = outcomeRisk;
                continue;
            }

            var intervened = Create(Intervention.Apply(Model, exposure.Variable, level), Options).Query(outcome.Variable, Evidence.None);
            if (intervened.Posterior is null)
            {
                diagnostics.AddRange(intervened.Diagnostics);
                return null;
            }

            causal[level] = intervened.Posterior.Values[outcome.Level];
        }

        var reference = exposure.Level;
        var levels = ImmutableArray.CreateBuilder<ExposureLevelEffect>();
        for (var level = 0; level < x.Cardinality; level++)
        {
            if (level == reference)
            {
                continue;
            }

            EffectMeasures? crudeMeasures = null;
            if (exposureProbability[level] > 0 && exposureProbability[reference] > 0)
            {
                crudeMeasures = new EffectMeasures(conditional[level], conditional[reference]);
            }
            else
            {
                var impossible = exposureProbability[level] > 0 ? reference : level;
                diagnostics.Add(Diagnostic.Warning(
                    DiagnosticCodes.UndefinedAssociation,
                    Model.Location,
                    $"the crude association of {x.Name}={x.Levels[level]} with {y.Name}={y.Levels[outcome.Level]} is undefined: {x.Name}={x.Levels[impossible]} has probability 0",
                    "the causal measures, by intervention, are still defined"));
            }

            levels.Add(new ExposureLevelEffect(level, exposureProbability[level], crudeMeasures, new EffectMeasures(causal[level], causal[reference])));
        }

        return new ExposureAssociation(exposure.Variable, reference, isCause, DagAnalysis.HasBackdoorPath(Model, exposure.Variable, outcome.Variable), levels.ToImmutable());
    }
}
