using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;

namespace DagSynth.IO.Outputs;

/// <summary>
/// The run manifest written next to every output (<c>NAME.manifest.json</c>): DagSynth's version, the
/// model file and its SHA-256, the seed, the full command line, the options, each dataset's seed and
/// row count, and every output file with its role, rows and SHA-256, so that a dataset can be
/// regenerated and checked byte for byte.
/// </summary>
public static class RunManifest
{
    /// <summary>The SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The manifest as JSON.</summary>
    /// <param name="version">DagSynth's version.</param>
    /// <param name="modelPath">The model file.</param>
    /// <param name="modelName">The model's name.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="commandLine">The arguments of the command, as given.</param>
    /// <param name="options">The options that shape the output, by name.</param>
    /// <param name="datasets">Each dataset: its variant (0 when none), seed and rows.</param>
    /// <param name="files">Each file: path, role, rows (data rows, or log entries).</param>
    /// <param name="hashes">The SHA-256 of each file, by path.</param>
    public static string Json(
        string version,
        string modelPath,
        string modelName,
        ulong seed,
        IReadOnlyList<string> commandLine,
        IReadOnlyDictionary<string, object?> options,
        IEnumerable<(int Variant, ulong Seed, long Rows)> datasets,
        IEnumerable<(string Path, string Role, long Rows)> files,
        ImmutableArray<KeyValuePair<string, string>> hashes)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var hashByPath = hashes.ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        var document = new Dictionary<string, object?>
        {
            ["dagsynth_version"] = version,
            ["model"] = new Dictionary<string, object?> { ["file"] = modelPath, ["name"] = modelName, ["sha256"] = Sha256(modelPath) },
            ["seed"] = seed,
            ["command_line"] = "dagsynth " + string.Join(' ', commandLine.Select(Quote)),
            ["options"] = options,
            ["datasets"] = datasets.Select(d => new Dictionary<string, object?> { ["variant"] = d.Variant == 0 ? null : d.Variant, ["seed"] = d.Seed, ["rows"] = d.Rows }).ToArray(),
            ["files"] = files.Select(f => new Dictionary<string, object?>
            {
                ["path"] = Path.GetFileName(f.Path),
                ["role"] = f.Role,
                ["rows"] = f.Rows,
                ["sha256"] = hashByPath.GetValueOrDefault(f.Path),
            }).ToArray(),
        };
        return JsonSerializer.Serialize(document, JsonOptions.Indented) + "\n";
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=,:+".Contains(c, StringComparison.Ordinal)) ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
