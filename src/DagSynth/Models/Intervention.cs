using System.Collections.Immutable;

namespace DagSynth.Models;

/// <summary>
/// Interventions <c>do(X = x)</c> as a transformation of the model (graph surgery): every intervened
/// variable loses its incoming edges and becomes a point mass on the chosen level (discrete) or a
/// constant (numeric); nothing else changes. Inference on the result gives <c>P(· | do(X = x))</c>, and sampling it gives data from
/// the intervened world. A pure function: the input model is not modified.
/// </summary>
public static class Intervention
{
    /// <summary>The model in which each variable of <paramref name="settings"/> is forced to its level.</summary>
    /// <param name="model">The model to transform.</param>
    /// <param name="settings">The interventions; a variable may appear once.</param>
    /// <returns>A new model with the same variables, in the same order, with the same names, levels and rules (the model itself when there are no settings).</returns>
    /// <exception cref="ArgumentException">A variable or level is out of range, or a variable is set twice.</exception>
    /// <remarks>
    /// Rules are kept as declared. An intervention can force what a rule forbids (do(treated = true)
    /// for everyone, say); proving the rules of the intervened model reports that.
    /// </remarks>
    public static Model Apply(Model model, IEnumerable<LevelAssignment> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Apply(model, settings.Select(s => InterventionSetting.Level(s.Variable, s.Level)));
    }

    /// <summary>
    /// The model in which each variable of <paramref name="settings"/> is forced to its value: a
    /// discrete variable to a level (a point mass), a numeric variable (continuous, count or date) to
    /// a constant. Either way the variable loses its incoming edges, and nothing else changes.
    /// </summary>
    /// <param name="model">The model to transform.</param>
    /// <param name="settings">The interventions; a variable may appear once.</param>
    /// <returns>A new model with the same variables, in the same order, with the same names, kinds and rules (the model itself when there are no settings).</returns>
    /// <exception cref="ArgumentException">
    /// A variable or level is out of range, a variable is set twice, a count is set to a number that is
    /// not whole, a value is not finite, or the variable is an identifier or fake text.
    /// </exception>
    public static Model Apply(Model model, IEnumerable<InterventionSetting> settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var forced = new Dictionary<int, double>();
        foreach (var s in settings)
        {
            if ((uint)s.Variable >= (uint)model.Variables.Length)
            {
                throw new ArgumentException($"variable index {s.Variable} is out of range", nameof(settings));
            }

            var variable = model.Variables[s.Variable];
            if (CheckValue(variable, s.Value) is { } problem)
            {
                throw new ArgumentException(problem, nameof(settings));
            }

            if (!forced.TryAdd(s.Variable, s.Value))
            {
                throw new ArgumentException($"'{variable.Name}' is intervened on twice", nameof(settings));
            }
        }

        if (forced.Count == 0)
        {
            return model;
        }

        return Rebuild(model, model.Variables.Select(v => forced.TryGetValue(v.Index, out var value) ? Force(v, value) : v).ToImmutableArray());
    }

    /// <summary>
    /// Why <paramref name="value"/> cannot be forced on <paramref name="variable"/>, or null when it can:
    /// a level code out of range, a number that is not finite, a count that is not whole, or a
    /// variable that holds no forcible value (identifiers, fake text).
    /// </summary>
    public static string? CheckValue(Variable variable, double value)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable.Kind switch
        {
            var k when k.IsDiscrete() => value >= 0 && value < variable.Cardinality && value == Math.Floor(value)
                ? null
                : $"level {value} is out of range for '{variable.Name}'",
            VariableKind.Identifier or VariableKind.Text => $"'{variable.Name}' is {(variable.Kind == VariableKind.Identifier ? "an identifier" : "fake text")}; it cannot be intervened on",
            _ when !double.IsFinite(value) => $"'{variable.Name}' cannot be set to {value}",
            VariableKind.Count when value != Math.Floor(value) => $"'{variable.Name}' is a count; it cannot be set to {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            _ => null,
        };
    }

    /// <summary>
    /// A randomised trial's allocation: discrete variable <paramref name="variable"/> loses its
    /// incoming edges and takes its levels with <paramref name="probabilities"/> (equal allocation when
    /// null), independently of everything else. A soft intervention; a pure function like
    /// <see cref="Apply(Model, IEnumerable{InterventionSetting})"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The variable is not discrete, or the probabilities are not a distribution over its levels.</exception>
    public static Model Randomize(Model model, int variable, IReadOnlyList<double>? probabilities = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if ((uint)variable >= (uint)model.Variables.Length || !model.Variables[variable].IsDiscrete)
        {
            throw new ArgumentException($"variable {variable} is not a discrete variable of the model", nameof(variable));
        }

        var v = model.Variables[variable];
        var values = probabilities?.ToArray() ?? [.. Enumerable.Repeat(1.0 / v.Cardinality, v.Cardinality)];
        var sum = values.Sum();
        if (values.Length != v.Cardinality || values.Any(p => !(p >= 0)) || Math.Abs(sum - 1) > 1e-6)
        {
            throw new ArgumentException($"the allocation of '{v.Name}' needs {v.Cardinality} probabilities summing to 1", nameof(probabilities));
        }

        for (var k = 0; k < values.Length; k++)
        {
            values[k] /= sum;
        }

        return Rebuild(model, model.Variables.Select(x => x.Index == variable ? Root(x, values) : x).ToImmutableArray());
    }

    /// <summary>The model with <paramref name="variable"/> forced to <paramref name="level"/>.</summary>
    public static Model Apply(Model model, int variable, int level) => Apply(model, [new LevelAssignment(variable, level)]);

    private static Model Rebuild(Model model, ImmutableArray<Variable> variables) => new(
        model.Name,
        model.Description,
        model.Seed,
        variables,
        model.Rules,
        model.Parameters,
        TopologicalOrder(variables),
        model.Location,
        model.ReferenceDate,
        model.Dirty,
        model.Outcomes);

    private static Variable Force(Variable v, double value)
    {
        if (!v.IsDiscrete)
        {
            var text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return new Variable(
                v.Name,
                v.Index,
                v.Kind,
                v.Levels,
                [],
                new DeriveConditional(new Expressions.ConstantExpr(value, Expressions.ExprType.Number, 0), text, null),
                v.Location,
                v.Label,
                v.Description,
                NodeType.Derive,
                v.Unit,
                v.Missing);
        }

        var values = new double[v.Cardinality];
        values[(int)value] = 1;
        return Root(v, values);
    }

    private static Variable Root(Variable v, double[] values) => v.AsTable([], new Cpt([], v.Cardinality, values), v.Missing);

    /// <summary>Variable indices with every parent before its children (earliest-written first when free).</summary>
    internal static ImmutableArray<int> TopologicalOrder(ImmutableArray<Variable> variables) =>
        Graphs.TopologicalSort.Sort(variables.Length, i => variables[i].Parents).Order;
}
