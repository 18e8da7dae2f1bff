namespace DagSynth.Models;

/// <summary>
/// Which level of a variable is "the event" of an outcome and which is the reference of an
/// exposure, when nobody says: by the level's name, else by position.
/// </summary>
public static class LevelRoles
{
    /// <summary>Level names taken as "the event" of an outcome, in order of preference (case-insensitive).</summary>
    private static readonly string[] EventNames = ["true", "yes", "present", "positive", "1", "case", "event"];

    /// <summary>Level names taken as the reference of an exposure, in order of preference (case-insensitive).</summary>
    private static readonly string[] ReferenceNames = ["false", "no", "absent", "negative", "0", "none", "never", "control", "unexposed"];

    /// <summary>The event level: the first level named true/yes/present/positive/1/case/event, else the last.</summary>
    public static int EventLevel(Variable variable) => Preferred(variable, EventNames, last: true);

    /// <summary>The reference level: the first level named false/no/absent/negative/0/none/never/control/unexposed, else the first.</summary>
    public static int ReferenceLevel(Variable variable) => Preferred(variable, ReferenceNames, last: false);

    private static int Preferred(Variable variable, string[] names, bool last)
    {
        ArgumentNullException.ThrowIfNull(variable);
        foreach (var name in names)
        {
            for (var k = 0; k < variable.Cardinality; k++)
            {
                if (string.Equals(variable.Levels[k], name, StringComparison.OrdinalIgnoreCase))
                {
                    return k;
                }
            }
        }

        return last ? variable.Cardinality - 1 : 0;
    }
}
