namespace DagSynth.Models;

/// <summary>A discrete variable set to one of its levels: <c>smoker = true</c>, by index and code.</summary>
/// <param name="Variable">The variable's index in <see cref="Model.Variables"/>.</param>
/// <param name="Level">The level's code (its index in <see cref="Variable.Levels"/>).</param>
public readonly record struct LevelAssignment(int Variable, int Level)
{
    /// <summary>Formats the assignment with names, as <c>name=level</c>.</summary>
    public string Describe(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var variable = model.Variables[Variable];
        return $"{variable.Name}={variable.Levels[Level]}";
    }

    /// <summary>Formats several assignments with names, as <c>a=x, b=y</c>.</summary>
    public static string Describe(Model model, IEnumerable<LevelAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        return string.Join(", ", assignments.Select(a => a.Describe(model)));
    }
}
