namespace DagSynth.Models;

/// <summary>
/// One intervention <c>do(X = x)</c>: a variable and the value it is forced to. For a discrete
/// variable the value is a level code; for a numeric one (continuous, count, date as days since
/// 1970-01-01) it is the number itself.
/// </summary>
/// <param name="Variable">The variable's index in <see cref="Model.Variables"/>.</param>
/// <param name="Value">The level code (discrete variables) or the number (numeric variables).</param>
public readonly record struct InterventionSetting(int Variable, double Value)
{
    /// <summary>Forces discrete variable <paramref name="variable"/> to level <paramref name="level"/>.</summary>
    public static InterventionSetting Level(int variable, int level) => new(variable, level);

    /// <summary>Forces numeric variable <paramref name="variable"/> to <paramref name="value"/>.</summary>
    public static InterventionSetting Number(int variable, double value) => new(variable, value);

    /// <summary>Formats the setting with names, as <c>name=level</c> or <c>name=number</c>.</summary>
    public string Describe(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var v = model.Variables[Variable];
        return v.Kind switch
        {
            var k when k.IsDiscrete() => $"{v.Name}={v.Levels[(int)Value]}",
            VariableKind.Date => $"{v.Name}={Sampling.DataText.Date(Value)}",
            _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v.Name}={Value:R}"),
        };
    }
}
