namespace DagSynth.Cli;

/// <summary>The exit codes of <c>dagsynth</c> (DESIGN.md's contract, plus 70 and 130).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The model or data is invalid; diagnostics were printed.</summary>
    public const int Invalid = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>A file could not be read or written, or an output exists and <c>--force</c> was not given.</summary>
    public const int InputOutput = 3;

    /// <summary>The request is infeasible (impossible evidence, unreachable target).</summary>
    public const int Infeasible = 4;

    /// <summary>A bug in DagSynth (EX_SOFTWARE); the message asks for a report.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT); nothing was written.</summary>
    public const int Interrupted = 130;
}
