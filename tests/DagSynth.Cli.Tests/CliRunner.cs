using System.Text;
using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

/// <summary>Runs <c>dagsynth</c> in process and captures what it prints.</summary>
internal static class CliRunner
{
    /// <summary>The test models folder of this project.</summary>
    public static string Models => RepositoryPaths.InRepository("tests", "DagSynth.Cli.Tests", "Models");

    /// <summary>A test model's full path.</summary>
    public static string Model(string file) => Path.Combine(Models, file);

    public static CliRun Run(params string[] args) => Run(TestContext.Current.CancellationToken, args);

    /// <summary>
    /// Runs the command. In <see cref="CliRun.Output"/> and <see cref="CliRun.Error"/>, paths of the
    /// test models are shortened to their file names and trailing spaces (which Spectre pads help
    /// lines with, and editors strip) are removed, so golden files stay stable.
    /// </summary>
    public static CliRun Run(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var data = new MemoryStream();
        var environment = new CliEnvironment(output, error, () => new NonClosingStream(data), OutIsTerminal: false, ErrorIsTerminal: false);
        var exitCode = DagSynthApp.Run(args, environment, cancellationToken);
        return new CliRun(exitCode, Shorten(output.ToString()), Shorten(error.ToString()), data.ToArray());
    }

    private static string Shorten(string text) =>
        string.Join('\n', text
            .Replace(Models + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal)
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split('\n')
            .Select(line => line.TrimEnd()));

    /// <summary>Standard output as the process would see it: disposing the writer must not lose the bytes.</summary>
    private sealed class NonClosingStream(MemoryStream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}

/// <summary>The result of one in-process run.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error, byte[] Data)
{
    /// <summary>Standard output (results and help).</summary>
    public string Out => Output;

    /// <summary>Data written to standard output by <c>generate</c>, as text.</summary>
    public string DataText => Encoding.UTF8.GetString(Data);
}

/// <summary>A temporary directory, deleted with everything in it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dagsynth-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string[] Entries() => [.. Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order()!];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
