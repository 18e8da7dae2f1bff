using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Outputs;

/// <summary>The columns of an output table, in order, and the model they come from.</summary>
/// <param name="Model">The model.</param>
/// <param name="Columns">The columns.</param>
public sealed record OutputSchema(Model Model, ImmutableArray<OutputColumn> Columns)
{
    /// <summary>The generated data: one column per variable, in model order; columns of variables with missingness are nullable.</summary>
    public static OutputSchema Data(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new OutputSchema(model, [.. model.Variables.Select(OutputColumn.Of)]);
    }

    /// <summary>
    /// The missingness mask: one boolean column per variable with a <c>missing:</c> mechanism, named
    /// after the variable, <c>true</c> where its value is missing in the observed data.
    /// </summary>
    public static OutputSchema Mask(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new OutputSchema(model, [.. model.Variables.Where(v => v.Missing is not null).Select(v => new OutputColumn(v.Name, OutputColumnKind.Boolean, null, ["false", "true"], false, false))]);
    }

    /// <summary>Dirty data: as <see cref="Data"/>, but variables that may get typos or other capitals are written as text.</summary>
    public static OutputSchema Dirty(Model model, DirtyData dirty)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dirty);
        var text = dirty.TextVariables;
        return new OutputSchema(model, [.. model.Variables.Select(v => text.Contains(v.Index)
            ? OutputColumn.Of(v) with { Kind = OutputColumnKind.Text }
            : OutputColumn.Of(v))]);
    }

    /// <summary>The index of the column called <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => Columns.IndexOf(Columns.FirstOrDefault(c => c.Name == name)!);
}
