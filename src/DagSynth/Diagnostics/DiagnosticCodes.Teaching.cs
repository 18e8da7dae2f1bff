namespace DagSynth.Diagnostics;

public static partial class DiagnosticCodes
{
    // DS07xx: teaching outputs (missingness, dirty data, output limits).

    /// <summary>A <c>missing:</c> setting that is malformed or contradicts its mechanism (a MAR model that reads the variable itself, an MNAR model that does not).</summary>
    public const string BadMissingness = "DS0701";

    /// <summary>A MAR model reads a variable that has missing values itself, so the data are not missing at random in the strict sense.</summary>
    public const string MarReadsIncomplete = "DS0702";

    /// <summary>A <c>dirty:</c> section (or <c>--dirty</c> profile) that is malformed or names variables it cannot apply to.</summary>
    public const string BadDirtyData = "DS0703";

    /// <summary>The output format cannot hold the requested number of rows (Excel's 1,048,576-row sheet).</summary>
    public const string FormatRowLimit = "DS0704";
}
