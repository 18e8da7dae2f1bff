namespace DagSynth.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum Severity
{
    /// <summary>Information that changes nothing.</summary>
    Info,

    /// <summary>Something suspicious that does not stop the model from being used.</summary>
    Warning,

    /// <summary>A problem that makes the model or request unusable.</summary>
    Error,
}
