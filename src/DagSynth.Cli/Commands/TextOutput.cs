using System.Text;
using DagSynth.Diagnostics;
using DagSynth.IO.Files;

namespace DagSynth.Cli.Commands;

/// <summary>Writes a text output (a graph, a report) atomically, for the commands that make one file.</summary>
internal static class TextOutput
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically (UTF-8, no byte-order mark).</summary>
    public static int Write(CliEnvironment environment, string path, bool force, string text, bool quiet, string done)
    {
        var (file, problem) = OutputFile.Create(path, force);
        if (file is null)
        {
            environment.Error.WriteLine(problem!.Value.ToString());
            return ExitCodes.InputOutput;
        }

        using (file)
        {
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
            try
            {
                file.Stream.Write(bytes);
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

        if (!quiet)
        {
            environment.Error.WriteLine(done);
        }

        return ExitCodes.Success;
    }
}
