namespace DagSynth.Cli;

/// <summary>
/// What a command may touch of the outside world: its output and error writers, the raw standard
/// output for data, and whether the error stream is a terminal. Tests pass their own.
/// </summary>
/// <param name="Out">Where results and help go.</param>
/// <param name="Error">Where diagnostics and progress go.</param>
/// <param name="OpenStandardOutput">Opens the binary standard output, for data written to <c>-</c>.</param>
/// <param name="OutIsTerminal">Whether <paramref name="Out"/> is an interactive terminal (colours in help).</param>
/// <param name="ErrorIsTerminal">Whether <paramref name="Error"/> is an interactive terminal (progress bars).</param>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, Func<Stream> OpenStandardOutput, bool OutIsTerminal, bool ErrorIsTerminal)
{
    /// <summary>The process's own console.</summary>
    public static CliEnvironment FromConsole() => new(
        Console.Out,
        Console.Error,
        Console.OpenStandardOutput,
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected);
}
