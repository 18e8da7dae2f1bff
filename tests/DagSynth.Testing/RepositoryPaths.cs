namespace DagSynth.Testing;

/// <summary>Locates the repository and the shared corpus beside it (<c>../shared</c>).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root (the folder holding <c>DagSynth.slnx</c>).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The shared folder beside the repository, whether or not it exists.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The shared corpus of networks and reference answers.</summary>
    public static string Corpus => Path.Combine(Shared, "corpus");

    /// <summary>A path under the repository.</summary>
    public static string InRepository(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// The corpus folder, or skips the calling test with the reason when it is absent (a clone
    /// elsewhere has no <c>../shared</c>; CI has it).
    /// </summary>
    public static string CorpusOrSkip()
    {
        if (!Directory.Exists(Corpus))
        {
            Assert.Skip($"the shared corpus is absent ({Corpus}); it sits beside the repository in CI");
        }

        return Corpus;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DagSynth.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("cannot find the repository root (DagSynth.slnx) above " + AppContext.BaseDirectory);
    }
}
