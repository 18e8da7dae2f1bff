using System.Collections.Immutable;
using System.Security.Cryptography;
using DagSynth.Diagnostics;

namespace DagSynth.IO.Files;

/// <summary>
/// Several outputs written all or nothing: each goes to its own temporary file, and
/// <see cref="Commit"/> moves them all into place, or, if one move fails, undoes the moves made
/// (restoring any file that was replaced). Disposing without committing deletes every temporary
/// file, so a failed run leaves none of its outputs behind.
/// </summary>
public sealed class OutputFileSet : IDisposable
{
    private readonly List<OutputFile> _files = [];
    private readonly bool _overwrite;

    /// <summary>Creates an empty set; <paramref name="overwrite"/> allows replacing existing files.</summary>
    public OutputFileSet(bool overwrite) => _overwrite = overwrite;

    /// <summary>The final paths, in the order added.</summary>
    public IEnumerable<string> Paths => _files.Select(f => f.Path);

    /// <summary>Every reason the <paramref name="paths"/> cannot be written (an existing file without overwrite, a missing directory, a path named twice).</summary>
    public static ImmutableArray<Diagnostic> Check(IEnumerable<string> paths, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var problems = ImmutableArray.CreateBuilder<Diagnostic>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (!seen.Add(Path.GetFullPath(path)))
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.CannotWrite, SourceSpan.InSource(path), "this output would be written twice"));
            }
            else if (OutputFile.Check(path, overwrite) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems.ToImmutable();
    }

    /// <summary>Opens the temporary file of <paramref name="path"/>; its stream is where to write.</summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public Stream Open(string path)
    {
        var (file, problem) = OutputFile.Create(path, _overwrite);
        if (file is null)
        {
            throw new IOException(problem!.Value.Message);
        }

        _files.Add(file);
        return file.Stream;
    }

    /// <summary>Closes every file and returns the SHA-256 (lower-case hex) of each, by final path.</summary>
    public ImmutableArray<KeyValuePair<string, string>> CloseAndHash()
    {
        var result = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>(_files.Count);
        foreach (var file in _files)
        {
            file.Close();
            if (file.Hash is { } hash)
            {
                result.Add(KeyValuePair.Create(file.Path, Convert.ToHexStringLower(hash)));
                continue;
            }

            using var stream = File.OpenRead(file.TemporaryPath);
            result.Add(KeyValuePair.Create(file.Path, Convert.ToHexStringLower(SHA256.HashData(stream))));
        }

        return result.MoveToImmutable();
    }

    /// <summary>Moves every file into place; on a failure, undoes the moves and returns why.</summary>
    public Diagnostic? Commit()
    {
        foreach (var file in _files)
        {
            file.Close();
        }

        var moved = new List<(OutputFile File, string? Backup)>();
        foreach (var file in _files)
        {
            string? backup = null;
            try
            {
                if (File.Exists(file.Path))
                {
                    if (!_overwrite)
                    {
                        Undo(moved);
                        return Diagnostic.Error(DiagnosticCodes.OutputExists, SourceSpan.InSource(file.Path), "the output file appeared while it was being written; it was left as it is", "give --force to replace it");
                    }

                    backup = file.TemporaryPath + ".previous";
                    File.Move(file.Path, backup);
                }

                File.Move(file.TemporaryPath, file.Path);
                moved.Add((file, backup));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (backup is not null && !File.Exists(file.Path))
                {
                    TryMove(backup, file.Path);
                }

                Undo(moved);
                return Diagnostic.Error(DiagnosticCodes.CannotWrite, SourceSpan.InSource(file.Path), $"cannot write the output: {ModelFile.Describe(e)}; no output was left");
            }
        }

        foreach (var (file, backup) in moved)
        {
            file.MarkCommitted();
            if (backup is not null)
            {
                TryDelete(backup);
            }
        }

        return null;
    }

    /// <summary>Deletes every temporary file not committed.</summary>
    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }

    private static void Undo(List<(OutputFile File, string? Backup)> moved)
    {
        foreach (var (file, backup) in Enumerable.Reverse(moved))
        {
            TryDelete(file.Path);
            if (backup is not null)
            {
                TryMove(backup, file.Path);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the name marks it as a leftover.
        }
    }

    private static void TryMove(string from, string to)
    {
        try
        {
            File.Move(from, to);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }
}
