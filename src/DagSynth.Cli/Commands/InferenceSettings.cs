using System.ComponentModel;
using DagSynth.Inference;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DagSynth.Cli.Commands;

/// <summary>The options shared by the commands that run exact inference.</summary>
internal abstract class InferenceSettings : CommandSettings
{
    /// <summary>The model file.</summary>
    [CommandArgument(0, "<MODEL>")]
    [Description("The model file (.yaml, .yml or .json).")]
    public string Model { get; init; } = string.Empty;

    /// <summary>Whether to write JSON.</summary>
    [CommandOption("--json")]
    [Description("Write the result as JSON on standard output.")]
    public bool Json { get; init; }

    /// <summary>The memory budget in MiB.</summary>
    [CommandOption("--memory-budget <MIB>")]
    [Description("The most memory, in MiB, that the tables of one exact computation may take. A computation that needs more is refused with DS0402 (exit code 4).")]
    [DefaultValue(1024L)]
    public long MemoryBudget { get; init; } = 1024;

    /// <summary>The inference options these settings select.</summary>
    public InferenceOptions InferenceOptions => new() { MemoryBudgetBytes = MemoryBudget * 1024 * 1024 };

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        MemoryBudget is < 1 or > (1L << 40) / (1024 * 1024)
            ? ValidationResult.Error($"--memory-budget must be from 1 to 1048576 MiB, not {MemoryBudget}")
            : ValidationResult.Success();
}
