using System.Runtime.CompilerServices;

namespace DagSynth.Testing;

/// <summary>
/// Pins output to committed files under the test project's <c>Golden/</c> folder. Run the tests with
/// <c>UPDATE_GOLDEN=1</c> to rewrite them after an intended change, then review the diff.
/// </summary>
public static class Golden
{
    /// <summary>Whether golden files are being rewritten in this run.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>Asserts that <paramref name="actual"/> equals the golden file <paramref name="name"/>.</summary>
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var path = Path.Combine(ProjectDirectory(callerPath), "Golden", name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    private static string ProjectDirectory(string callerPath)
    {
        // Deterministic CI builds map source paths to "/_/"; map them back onto the checkout.
        if (callerPath.StartsWith("/_/", StringComparison.Ordinal))
        {
            callerPath = Path.Combine(RepositoryPaths.Root, callerPath[3..]);
        }

        var directory = new DirectoryInfo(Path.GetDirectoryName(callerPath)!);
        while (directory is not null && directory.GetFiles("*.csproj").Length == 0)
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("no test project above " + callerPath);
    }
}
