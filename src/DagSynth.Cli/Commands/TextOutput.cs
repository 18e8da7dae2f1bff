using System.Text;
using DagSynth.Diagnostics;
using DagSynth.IO.Files;

namespace DagSynth.Cli.Commands;

/// <summary>Writes one output file atomically, for the commands that make one file (a graph, a report, a model).</summary>
internal static class TextOutput
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically (UTF-8, no byte-order mark), then prints <paramref name="done"/> unless quiet.</summary>
    public static int Write(CliEnvironment environment, string path, bool force, string text, bool quiet, string done)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        if (WriteAtomically(environment, path, force, stream => stream.Write(bytes)) is { } failed)
        {
            return failed;
        }

        if (!quiet)
        {
            environment.Error.WriteLine(done);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Creates <paramref name="path"/> (refused when it exists, unless <paramref name="force"/>), lets
    /// <paramref name="write"/> fill it, and renames it into place; prints any problem. Returns null
    /// when the file was written, else the exit code (nothing is left behind).
    /// </summary>
    public static int? WriteAtomically(CliEnvironment environment, string path, bool force, Action<Stream> write)
    {
        var (file, problem) = OutputFile.Create(path, force);
        if (file is null)
        {
            environment.Error.WriteLine(problem!.Value.ToString());
            return ExitCodes.InputOutput;
        }

        using (file)
        {
            try
            {
                write(file.Stream);
            }
            catch (IOException e)
            {
                environment.Error.WriteLine(Diagnostic.Error(DiagnosticCodes.CannotWrite, SourceSpan.InSource(path), $"cannot write the output: {e.Message}").ToString());
                return ExitCodes.InputOutput;
            }

            if (file.Commit() is { } commitProblem)
            {
                environment.Error.WriteLine(commitProblem.ToString());
                return ExitCodes.InputOutput;
            }
        }

        return null;
    }
}
