using System.Globalization;

namespace DagSynth.Cli.Tests;

/// <summary>Runs <c>dagsynth</c> in process with string writers for its output and errors.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var environment = new CliEnvironment(output, error, () => new MemoryStream(), OutIsTerminal: false, ErrorIsTerminal: false);
        var code = DagSynthApp.Run(args, environment);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dagsynth-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
