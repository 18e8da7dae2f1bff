using DagSynth.Diagnostics;

namespace DagSynth.IO.Files;

/// <summary>
/// An output written atomically: to a temporary file beside the target, renamed into place by
/// <see cref="Commit"/>. Disposing without committing deletes the temporary file, so a failed or
/// interrupted run leaves nothing behind and never a partial file. An existing target is replaced
/// only when <c>overwrite</c> was allowed.
/// </summary>
public sealed class OutputFile : IDisposable
{
    private readonly string _temporaryPath;
    private readonly bool _overwrite;
    private HashingStream? _stream;
    private bool _committed;

    private OutputFile(string path, string temporaryPath, HashingStream stream, bool overwrite)
    {
        Path = path;
        _temporaryPath = temporaryPath;
        _stream = stream;
        _overwrite = overwrite;
    }

    /// <summary>The final path.</summary>
    public string Path { get; }

    /// <summary>The temporary file being written.</summary>
    internal string TemporaryPath => _temporaryPath;

    /// <summary>Whether an existing target may be replaced.</summary>
    internal bool Overwrite => _overwrite;

    /// <summary>Flushes and closes the temporary file, ready to be moved into place.</summary>
    internal void Close()
    {
        if (_stream is not null)
        {
            _stream.Inner.Flush(flushToDisk: false);
            Hash = _stream.Hash;
            _stream.Dispose();
            _stream = null;
        }
    }

    /// <summary>The SHA-256 of the file, computed while it was written front to back; null otherwise or before it is closed.</summary>
    internal byte[]? Hash { get; private set; }

    /// <summary>Marks the file as moved into place by its owner, so disposing keeps it.</summary>
    internal void MarkCommitted() => _committed = true;

    /// <summary>The stream to write to (the temporary file).</summary>
    public Stream Stream => _stream ?? throw new ObjectDisposedException(nameof(OutputFile));

    /// <summary>
    /// Checks that <paramref name="path"/> may be written, and opens its temporary file; or returns
    /// the diagnostic that says why not.
    /// </summary>
    public static (OutputFile? File, Diagnostic? Problem) Create(string path, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Check(path, overwrite) is { } problem)
        {
            return (null, problem);
        }

        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full)!;
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
        try
        {
            var stream = new HashingStream(new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16));
            return (new OutputFile(path, temporary, stream, overwrite), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, Diagnostic.Error(DiagnosticCodes.CannotWrite, SourceSpan.InSource(path), $"cannot write here: {ModelFile.Describe(e)}"));
        }
    }

    /// <summary>The reason <paramref name="path"/> cannot be written, or null when it can.</summary>
    public static Diagnostic? Check(string path, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return Diagnostic.Error(DiagnosticCodes.CannotWrite, SourceSpan.InSource(path), "the output is a directory");
        }

        if (File.Exists(path) && !overwrite)
        {
            return Diagnostic.Error(
                DiagnosticCodes.OutputExists,
                SourceSpan.InSource(path),
                "the output file exists already",
                "give --force to replace it, or choose another name");
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            return Diagnostic.Error(DiagnosticCodes.CannotWrite, SourceSpan.InSource(path), $"the directory '{directory}' does not exist");
        }

        return null;
    }

    /// <summary>Flushes and moves the finished file into place; returns a diagnostic when that fails.</summary>
    public Diagnostic? Commit()
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        try
        {
            _stream.Inner.Flush(flushToDisk: false);
            _stream.Dispose();
            _stream = null;
            File.Move(_temporaryPath, Path, _overwrite);
            _committed = true;
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var exists = !_overwrite && File.Exists(Path);
            return exists
                ? Diagnostic.Error(DiagnosticCodes.OutputExists, SourceSpan.InSource(Path), "the output file appeared while it was being written; it was left as it is", "give --force to replace it")
                : Diagnostic.Error(DiagnosticCodes.CannotWrite, SourceSpan.InSource(Path), $"cannot write the output: {ModelFile.Describe(e)}");
        }
    }

    /// <summary>Closes the file; deletes it unless it was committed.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (!_committed)
        {
            try
            {
                File.Delete(_temporaryPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing more can be done; the temporary name marks it as a leftover.
            }
        }
    }
}
