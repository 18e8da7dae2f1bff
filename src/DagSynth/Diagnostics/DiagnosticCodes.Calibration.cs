namespace DagSynth.Diagnostics;

public static partial class DiagnosticCodes
{
    // DS05xx (continued): free parameters, calibration targets and the calibration's results.

    /// <summary><c>fit</c> written where a number cannot be free (a threshold, a clip bound, a formula...).</summary>
    public const string FitNotAllowed = "DS0502";

    /// <summary>A free parameter whose settings are invalid: an unknown key, a start outside its bounds, <c>fit(...)</c> without a number.</summary>
    public const string BadFreeParameter = "DS0503";

    /// <summary>A probability row whose <c>fit</c> cells cannot be free: the other cells leave them nothing, or only one cell is <c>fit</c>.</summary>
    public const string FitRow = "DS0504";

    /// <summary>A free named parameter that no variable uses.</summary>
    public const string UnusedFreeParameter = "DS0505";

    /// <summary>A target of an unknown kind.</summary>
    public const string UnknownTargetKind = "DS0510";

    /// <summary>A target whose settings are invalid: a missing or unknown variable or level, a value out of range.</summary>
    public const string BadTarget = "DS0511";

    /// <summary>A target that cannot be computed for the model: its stratum or exposure group has probability 0.</summary>
    public const string TargetUndefined = "DS0512";

    /// <summary>Targets that cannot all be met: the conflicting targets and the closest achievable values.</summary>
    public const string TargetsInfeasible = "DS0520";

    /// <summary>A free parameter that no target determines (alone, or only jointly with others).</summary>
    public const string ParameterUndetermined = "DS0521";

    /// <summary>The calibration could not evaluate the model: its start values are invalid, or a computation failed.</summary>
    public const string CalibrationFailed = "DS0522";
}
