using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Specs;

namespace DagSynth.Models;

/// <summary>A validated variable of a <see cref="Model"/>: its levels, its parents and how it depends on them.</summary>
public sealed class Variable
{
    internal Variable(
        string name,
        int index,
        VariableKind kind,
        ImmutableArray<string> levels,
        ImmutableArray<int> parents,
        Conditional conditional,
        SourceSpan location,
        string? label,
        string? description,
        NodeType type = NodeType.Categorical,
        string? unit = null,
        Missingness? missing = null)
    {
        Missing = missing;
        Type = type;
        Unit = unit;
        Name = name;
        Index = index;
        Kind = kind;
        Levels = levels;
        Parents = parents;
        Conditional = conditional;
        Location = location;
        Label = label;
        Description = description;
    }

    /// <summary>The variable's name, unique in the model; also its column name.</summary>
    public string Name { get; }

    /// <summary>The variable's position in <see cref="Model.Variables"/> (the order written in the file).</summary>
    public int Index { get; }

    /// <summary>What kind of values it takes.</summary>
    public VariableKind Kind { get; }

    /// <summary>The levels in order; a level's code is its index here.</summary>
    public ImmutableArray<string> Levels { get; }

    /// <summary>The number of levels.</summary>
    public int Cardinality => Levels.Length;

    /// <summary>The indices of the parents, in the order given.</summary>
    public ImmutableArray<int> Parents { get; }

    /// <summary>How the variable depends on its parents.</summary>
    public Conditional Conditional { get; }

    /// <summary>Where the variable is defined.</summary>
    public SourceSpan Location { get; }

    /// <summary>A human-readable label, if any.</summary>
    public string? Label { get; }

    /// <summary>A longer description, if any.</summary>
    public string? Description { get; }

    /// <summary>
    /// The type-specific settings as written in the model file (distribution parameters, odds ratios,
    /// formulas, <c>missing</c>...), kept so that the model can be written back with its formulas and
    /// parameter names as the author wrote them. Empty for variables built in code.
    /// </summary>
    public ImmutableArray<SpecEntry> Settings { get; internal init; } = [];

    /// <summary>The node type written in the model (<c>logistic</c>, <c>normal</c>, ...).</summary>
    public NodeType Type { get; }

    /// <summary>The unit of a numeric variable, if declared.</summary>
    public string? Unit { get; }

    /// <summary>How the variable goes missing (<c>missing:</c>), or null when it is always observed.</summary>
    public Missingness? Missing { get; }

    /// <summary>Whether the variable has levels (categorical, ordinal, boolean).</summary>
    public bool IsDiscrete => Kind.IsDiscrete();

    /// <summary>The same variable with its conditional replaced by an equivalent table (exact inference on mixed models).</summary>
    internal Variable WithTable(Cpt table) =>
        new(Name, Index, Kind, Levels, Parents, new CptConditional(table), Location, Label, Description, Type, Unit, Missing) { Settings = Settings };

    /// <summary>
    /// The same variable as a table of its kind over <paramref name="parents"/>, with
    /// <paramref name="missing"/>: how a transformation (an intervention, a posterior network)
    /// replaces its conditional. The settings as written no longer describe it, so none are kept.
    /// </summary>
    internal Variable AsTable(ImmutableArray<int> parents, Cpt table, Missingness? missing) =>
        new(Name, Index, Kind, Levels, parents, new CptConditional(table), Location, Label, Description, Kind.TableNodeType(), Unit, missing);

    /// <summary>The same variable made a root with <paramref name="table"/> (support approximations).</summary>
    internal Variable WithRootTable(Cpt table) =>
        new(Name, Index, Kind, Levels, [], new CptConditional(table), Location, Label, Description, Type, Unit);

    /// <summary>
    /// A one-level root standing in for a variable that exact inference does not cover, so that a
    /// table-only model keeps every index.
    /// </summary>
    internal static Variable Placeholder(Variable v) =>
        new(v.Name, v.Index, VariableKind.Categorical, ["(not exact)"], [], new CptConditional(new Cpt([], 1, [1.0])), v.Location, v.Label, v.Description, NodeType.Categorical, v.Unit);

    /// <summary>The code of <paramref name="level"/>, or -1 when the variable has no such level (case-sensitive).</summary>
    public int LevelIndex(string level) => Levels.IndexOf(level, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
