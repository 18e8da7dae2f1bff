namespace DagSynth.Diagnostics;

public static partial class DiagnosticCodes
{
    // DS08xx: declared outcomes, and data read back for a report.

    /// <summary>An entry of <c>outcomes:</c> names an unknown or non-discrete variable, an unknown level, or the outcome as its own exposure.</summary>
    public const string BadOutcome = "DS0801";

    /// <summary>A data file lacks a column of the model (or names one twice).</summary>
    public const string DataColumn = "DS0802";

    /// <summary>A data cell cannot be read as a value of its variable (an unknown level, a malformed number or date).</summary>
    public const string DataCell = "DS0803";
}
