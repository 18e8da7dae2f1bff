using System.Collections.Frozen;
using System.Collections.Immutable;
using DagSynth.Calibration;
using DagSynth.Diagnostics;

namespace DagSynth.Models;

/// <summary>
/// A validated, immutable causal model: variables, the DAG between them, how each depends on its
/// parents, named parameters and rules. Built only by <see cref="ModelBuilder"/>, so every
/// <see cref="Model"/> has passed the validation gate: tables are complete and normalised, the graph
/// is acyclic, names are unique.
/// </summary>
public sealed class Model
{
    private readonly FrozenDictionary<string, int> _indexByName;

    internal Model(
        string name,
        string? description,
        ulong? seed,
        ImmutableArray<Variable> variables,
        ImmutableArray<Rule> rules,
        ImmutableArray<KeyValuePair<string, double>> parameters,
        ImmutableArray<int> topologicalOrder,
        SourceSpan location,
        double? referenceDate = null,
        DirtyData? dirty = null,
        ImmutableArray<DeclaredOutcome> outcomes = default)
    {
        Dirty = dirty;
        ReferenceDate = referenceDate;
        Outcomes = outcomes.IsDefault ? [] : outcomes;
        Name = name;
        Description = description;
        Seed = seed;
        Variables = variables;
        Rules = rules;
        Parameters = parameters;
        TopologicalOrder = topologicalOrder;
        Location = location;
        _indexByName = variables.ToFrozenDictionary(v => v.Name, v => v.Index, StringComparer.Ordinal);
        var children = variables.Select(_ => ImmutableArray.CreateBuilder<int>()).ToArray();
        foreach (var v in variables)
        {
            foreach (var p in v.Parents)
            {
                children[p].Add(v.Index);
            }
        }

        Children = [.. children.Select(c => c.ToImmutable())];
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>A description, if given.</summary>
    public string? Description { get; }

    /// <summary>The default seed from the model file, if any.</summary>
    public ulong? Seed { get; }

    /// <summary>The variables, in the order written; <see cref="Variable.Index"/> is the position here.</summary>
    public ImmutableArray<Variable> Variables { get; }

    /// <summary>The declared rules.</summary>
    public ImmutableArray<Rule> Rules { get; }

    /// <summary>The declared outcomes (<c>outcomes:</c>), in the order written; empty when none are declared.</summary>
    public ImmutableArray<DeclaredOutcome> Outcomes { get; }

    /// <summary>The named parameters, in the order written.</summary>
    public ImmutableArray<KeyValuePair<string, double>> Parameters { get; }

    /// <summary>
    /// Variable indices such that every parent comes before its children; among variables that are
    /// free to go first, the one written first goes first, so the order is stable.
    /// </summary>
    public ImmutableArray<int> TopologicalOrder { get; }

    /// <summary>For each variable, the indices of its children, ascending.</summary>
    public ImmutableArray<ImmutableArray<int>> Children { get; }

    /// <summary>The <c>dirty:</c> section as written, kept so that the model can be written back; null when absent.</summary>
    public Specs.SpecValue? DirtySection { get; internal init; }

    /// <summary>The reference date as days since 1970-01-01, if the model declares one.</summary>
    public double? ReferenceDate { get; }

    /// <summary>The dirty data the model declares (<c>dirty:</c>), if any.</summary>
    public DirtyData? Dirty { get; }

    /// <summary>Whether any variable has a missingness mechanism.</summary>
    public bool HasMissingness => Variables.Any(v => v.Missing is not null);

    /// <summary>Whether every variable is discrete with a table (so exact inference covers the whole model).</summary>
    public bool IsDiscreteTables => Variables.All(v => v.Conditional is CptConditional);

    /// <summary>Where the model was read from.</summary>
    public SourceSpan Location { get; }

    /// <summary>The number of directed edges (parent-child pairs).</summary>
    public int EdgeCount => Variables.Sum(v => v.Parents.Length);

    /// <summary>
    /// The number of free parameters: for tables, (levels - 1) times the number of parent
    /// configurations (bnlearn's <c>nparams</c>); for regression nodes, intercepts, thresholds and
    /// coefficients; for noisy-OR nodes, the leak and one probability per cause; for distributions,
    /// one per parameter expression.
    /// </summary>
    public long FreeParameterCount => Variables.Sum(v => v.Conditional switch
    {
        CptConditional c => (long)(v.Cardinality - 1) * c.Table.RowCount,
        LogisticConditional l => 1L + l.Predictor.Terms.Length,
        MultinomialConditional m => m.Predictors.Sum(p => p is null ? 0L : 1L + p.Terms.Length),
        CumulativeLogitConditional c => (long)c.Thresholds.Length + c.Terms.Length,
        NoisyOrConditional n => 1L + n.Causes.Length,
        DistributionConditional d => d.Parameters.Length,
        _ => 0L,
    });

    /// <summary>
    /// What the model declares for calibration: its free parameters (<c>fit</c>) and its targets; null
    /// when it declares neither. A model with free parameters is built with their start values (or,
    /// from <see cref="CalibrationProblem.Instantiate"/>, with other values: <see cref="CalibrationValues"/>).
    /// </summary>
    public CalibrationProblem? Calibration { get; private set; }

    /// <summary>The values of <see cref="Calibration"/>'s free parameters this model was built with, in order (empty when it has none).</summary>
    public ImmutableArray<double> CalibrationValues { get; private set; } = [];

    /// <summary>Whether the model has free parameters (<c>fit</c>) whose values calibration should find.</summary>
    public bool HasFreeParameters => Calibration is { Parameters.IsEmpty: false };

    /// <summary>
    /// Whether the free parameters hold numbers set by <see cref="CalibrationProblem.Instantiate"/>
    /// (the model's settings carry those numbers) rather than the model as written, whose settings
    /// still say <c>fit</c>.
    /// </summary>
    public bool IsCalibrationInstance { get; private set; }

    /// <summary>
    /// The same model carrying its calibration problem (made by the builder, or by
    /// <see cref="CalibrationProblem.Instantiate"/>): a copy, so that a model is never changed once
    /// anyone holds it. The problem is bound to the model's variable indices, which the copy shares.
    /// </summary>
    internal Model WithCalibration(CalibrationProblem problem, ImmutableArray<double> values, bool instance)
    {
        var copy = (Model)MemberwiseClone();
        copy.Calibration = problem;
        copy.CalibrationValues = values;
        copy.IsCalibrationInstance = instance;
        return copy;
    }

    /// <summary>The same model with other variables (same names and indices); the topological order is kept when still valid.</summary>
    internal Model WithVariables(ImmutableArray<Variable> variables) =>
        new(Name, Description, Seed, variables, Rules, Parameters, TopologicalOrder, Location, ReferenceDate, Dirty, Outcomes) { DirtySection = DirtySection };

    /// <summary>The variable called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such variable.</exception>
    public Variable this[string name] => Variables[_indexByName[name]];

    /// <summary>Finds a variable by name.</summary>
    public bool TryGetVariable(string name, out Variable variable)
    {
        if (_indexByName.TryGetValue(name, out var index))
        {
            variable = Variables[index];
            return true;
        }

        variable = null!;
        return false;
    }

    /// <summary>The index of the variable called <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var i) ? i : -1;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Variables.Length} variables, {EdgeCount} edges)";
}
