using System.Collections.Immutable;
using DagSynth.Inference;
using DagSynth.Models;

namespace DagSynth.Calibration;

/// <summary>
/// Computes the targets that read only the exact (discrete) part of a model, by exact inference. The
/// junction tree's structure is compiled once, for the first model; every later model (the same
/// graph with other numbers) is propagated through it again. An intervention do(X = x) keeps X's
/// parents and makes each row of X's table a point mass, so it too uses the same tree.
/// </summary>
internal sealed class ExactEvaluator
{
    private readonly ImmutableArray<(int Index, Target Target)> _targets;
    private readonly InferenceOptions _options;
    private readonly Lock _compiling = new();
    private JunctionTree? _tree;
    private bool _compiled;

    public ExactEvaluator(IEnumerable<(int Index, Target Target)> targets, InferenceOptions options)
    {
        _targets = [.. targets];
        _options = options;
    }

    /// <summary>Whether there is anything to compute.</summary>
    public bool IsEmpty => _targets.IsEmpty;

    /// <summary>
    /// Computes the targets for <paramref name="model"/> into <paramref name="achieved"/> (by target
    /// index); only those for which <paramref name="wanted"/> holds, when given. Returns a problem when
    /// one cannot be computed (its stratum has probability 0), else null.
    /// </summary>
    public string? Evaluate(Model model, double[] achieved, Func<int, bool>? wanted = null)
    {
        if (_targets.IsEmpty)
        {
            return null;
        }

        var tables = DiscretePart.Of(model).Tables;
        lock (_compiling)
        {
            if (!_compiled)
            {
                _tree = JunctionTree.Compile(tables, _options).Tree;
                _compiled = true;
            }
        }

        var context = new Context(this, tables);
        foreach (var (index, target) in _targets)
        {
            if (wanted is not null && !wanted(index))
            {
                continue;
            }

            var value = target.Kind switch
            {
                TargetKind.Probability => context.Probability(tables, target.Variable, target.Level, target.Given),
                TargetKind.Auc => context.Auc(target),
                TargetKind.Correlation => context.Correlation(target),
                _ => context.Association(target),
            };
            if (!double.IsFinite(value))
            {
                return $"the target {target.Label} cannot be computed: {(target.Given.IsEmpty ? "an exposure group" : "its stratum")} has probability 0";
            }

            achieved[index] = value;
        }

        return null;
    }

    /// <summary>The model with <paramref name="variable"/> forced to <paramref name="level"/>, keeping its parents (so the same junction tree serves it).</summary>
    internal static Model Force(Model tables, int variable, int level)
    {
        var v = tables.Variables[variable];
        var table = ((CptConditional)v.Conditional).Table;
        var values = new double[table.Values.Length];
        for (var r = 0; r < table.RowCount; r++)
        {
            values[(r * v.Cardinality) + level] = 1;
        }

        var variables = tables.Variables.ToArray();
        variables[variable] = v.WithTable(new Cpt(table.ParentCardinalities, v.Cardinality, values));
        return tables.WithVariables([.. variables]);
    }

    /// <summary>Every combination of levels a stratum allows, as evidence (one empty evidence for no stratum).</summary>
    internal static IEnumerable<Evidence> Combinations(ImmutableArray<StratumCondition> given)
    {
        if (given.IsEmpty)
        {
            yield return Evidence.None;
            yield break;
        }

        var choice = new int[given.Length];
        while (true)
        {
            yield return Evidence.Of(given.Select((c, i) => new LevelAssignment(c.Variable, c.Levels[choice[i]])));
            var q = given.Length - 1;
            while (q >= 0 && ++choice[q] == given[q].Levels.Length)
            {
                choice[q] = 0;
                q--;
            }

            if (q < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>The computations for one model, with the propagations it needs cached.</summary>
    private sealed class Context(ExactEvaluator owner, Model tables)
    {
        private readonly Dictionary<(Model, Evidence), CalibratedJunctionTree> _calibrated = [];
        private readonly Dictionary<(int, int), Model> _forced = [];

        /// <summary>P(<paramref name="variables"/>, evidence), unnormalised (its sum is P(evidence)), over the variables in ascending order.</summary>
        private double[] Joint(Model model, int[] variables, Evidence evidence)
        {
            if (owner._tree is { } tree)
            {
                if (!_calibrated.TryGetValue((model, evidence), out var calibrated))
                {
                    calibrated = tree.Calibrate(model, evidence);
                    _calibrated[(model, evidence)] = calibrated;
                }

                if (!calibrated.IsPossible)
                {
                    return new double[variables.Aggregate(1, (a, v) => a * model.Variables[v].Cardinality)];
                }

                if (calibrated.Joint(variables) is { } joint)
                {
                    var scale = evidence.IsEmpty ? 1 : calibrated.EvidenceProbability;
                    var values = joint.Values;
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] *= scale;
                    }

                    return values;
                }
            }

            var (factor, problem) = VariableElimination.Run(model, variables, evidence, owner._options);
            if (factor is null)
            {
                throw new InvalidOperationException(problem?.Message ?? "exact inference failed");
            }

            return factor.Values;
        }

        private Model Forced(int variable, int level)
        {
            if (!_forced.TryGetValue((variable, level), out var model))
            {
                model = Force(tables, variable, level);
                _forced[(variable, level)] = model;
            }

            return model;
        }

        /// <summary>P(variable = level | stratum) in <paramref name="model"/>; NaN when the stratum is impossible.</summary>
        public double Probability(Model model, int variable, int level, ImmutableArray<StratumCondition> given)
        {
            double numerator = 0, denominator = 0;
            foreach (var evidence in Combinations(given))
            {
                var joint = Joint(model, [variable], evidence);
                numerator += joint[level];
                denominator += joint.Sum();
            }

            return denominator > 0 ? numerator / denominator : double.NaN;
        }

        public double Association(Target target)
        {
            double p1, p0;
            if (target.Causal)
            {
                p1 = Probability(Forced(target.Other, target.ExposedLevel), target.Variable, target.Level, target.Given);
                p0 = Probability(Forced(target.Other, target.ReferenceLevel), target.Variable, target.Level, target.Given);
            }
            else
            {
                p1 = Probability(tables, target.Variable, target.Level, target.Given.Add(new StratumCondition(target.Other, [target.ExposedLevel])));
                p0 = Probability(tables, target.Variable, target.Level, target.Given.Add(new StratumCondition(target.Other, [target.ReferenceLevel])));
            }

            return Measures.Of(target.Kind, p1, p0);
        }

        public double Auc(Target target)
        {
            var v = tables.Variables[target.Variable];
            var family = v.Parents.Append(v.Index).Order().ToArray();
            var position = Array.IndexOf(family, v.Index);
            var stride = 1;
            for (var j = family.Length - 1; j > position; j--)
            {
                stride *= tables.Variables[family[j]].Cardinality;
            }

            var k = v.Cardinality;
            var scores = new List<(double Risk, double Weight)>();
            foreach (var evidence in Combinations(target.Given))
            {
                var joint = Joint(tables, family, evidence);

                // Each parent configuration is a block of k entries spaced by the outcome's stride.
                var block = stride * k;
                for (var start = 0; start < joint.Length; start += block)
                {
                    for (var offset = 0; offset < stride; offset++)
                    {
                        var weight = 0.0;
                        for (var y = 0; y < k; y++)
                        {
                            weight += joint[start + offset + (y * stride)];
                        }

                        if (weight > 0)
                        {
                            scores.Add((joint[start + offset + (target.Level * stride)] / weight, weight));
                        }
                    }
                }
            }

            return Measures.Auc(scores, excludeSelfPairs: false);
        }

        public double Correlation(Target target)
        {
            var (a, b) = (Math.Min(target.Variable, target.Other), Math.Max(target.Variable, target.Other));
            var cb = tables.Variables[b].Cardinality;
            double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            foreach (var evidence in Combinations(target.Given))
            {
                var joint = Joint(tables, [a, b], evidence);
                for (var i = 0; i < joint.Length; i++)
                {
                    double x = i / cb, y = i % cb, w = joint[i];
                    n += w;
                    sx += w * x;
                    sy += w * y;
                    sxx += w * x * x;
                    syy += w * y * y;
                    sxy += w * x * y;
                }
            }

            return Measures.Correlation(n, sx, sy, sxx, syy, sxy);
        }
    }
}
